#![cfg(feature = "cli")]
//! Pronoun sources ("she said") get the right names on PolNeAR dev, with the
//! gold referents of `tests/gold/referents-polnear-dev.tsv` (offsets and
//! names only; the articles are read from `$NEWSMARK_DATA`, default
//! `../shared/data`). Skips with a message when the data is not there.

use newsmark::attribution::polnear::{evaluate_referents, read_articles, read_referents};
use newsmark::Annotator;
use std::path::PathBuf;

mod common;
use common::data_dir;

#[test]
fn pronoun_sources_resolve_to_the_right_names() {
    let dev = data_dir().join("attribution/polnear/dev");
    if !dev.exists() {
        eprintln!(
            "SKIPPED: {} not found (set NEWSMARK_DATA to the data directory)",
            dev.display()
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gold = read_referents(&root.join("tests/gold/referents-polnear-dev.tsv")).unwrap();
    let articles = read_articles(&dev).unwrap();
    let annotator = Annotator::builtin().unwrap();
    let c = evaluate_referents(
        |doc| annotator.annotate(doc),
        &articles,
        &gold,
        |_, _, _| {},
    )
    .unwrap();
    let precision = c.correct as f64 / c.resolved as f64;
    let recall = c.correct as f64 / c.named as f64;
    eprintln!("referents: precision {precision:.4}, recall {recall:.4} ({c:?})");
    // Measured 0.785 / 0.668 (BENCHMARKS.md): a wrong name is worse than none.
    assert!(precision >= 0.75, "precision fell to {precision:.3}");
    assert!(recall >= 0.60, "recall fell to {recall:.3}");
}
