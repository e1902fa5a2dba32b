#![cfg(feature = "cli")]
//! The committed check-worthiness model keeps its F1 on CheckThat! 2024 dev
//! and dev-test, scored through the pipeline as `newsmark annotate --jsonl`
//! scores one sentence per input, and its probability stays calibrated on
//! dev. Reads `$NEWSMARK_DATA` (default `../shared/data`); skips with a
//! message when the data is absent.

use newsmark::claims::data::{read_ct24, LabelledSentence};
use newsmark::{Annotator, Document};

mod common;
use common::data_dir;

fn rows(split: &str) -> Option<Vec<LabelledSentence>> {
    let path = data_dir().join(format!("claims/ct24-claimbuster/{split}.tsv"));
    if !path.exists() {
        eprintln!("SKIPPED: {} not found (set NEWSMARK_DATA)", path.display());
        return None;
    }
    Some(read_ct24(&path).unwrap())
}

fn f1(split: &str) -> Option<f64> {
    let annotator = Annotator::builtin().unwrap();
    let (mut tp, mut found, mut gold) = (0.0, 0.0, 0.0);
    for row in rows(split)? {
        let yes = !annotator
            .claims(&Document::new(row.text.as_str()))
            .is_empty();
        tp += f64::from(u8::from(yes && row.checkworthy));
        found += f64::from(u8::from(yes));
        gold += f64::from(u8::from(row.checkworthy));
    }
    let (p, r) = (tp / found, tp / gold);
    Some(2.0 * p * r / (p + r))
}

#[test]
fn checkworthiness_f1_on_dev_and_dev_test() {
    // Measured 0.888 (dev) and 0.743 (dev-test) with the threshold chosen on
    // dev (issue 15); see BENCHMARKS.md. The model before issue 15 had 0.830
    // on dev-test at an untuned threshold of 0.5, but held-out sources and
    // news text showed it had learned the debates.
    if let Some(f) = f1("dev") {
        assert!(f >= 0.87, "dev F1 fell to {f:.4}");
    }
    if let Some(f) = f1("dev-test") {
        assert!(f >= 0.72, "dev-test F1 fell to {f:.4}");
    }
}

#[test]
fn the_probability_is_calibrated_on_dev() {
    let Some(rows) = rows("dev") else { return };
    let annotator = Annotator::builtin().unwrap();
    let model = annotator.checkworthiness().unwrap();
    let lex = annotator.ner().lexicon();
    // Bins of 0.2: (sum of scores, check-worthy, sentences).
    let mut bins = [(0.0f64, 0usize, 0usize); 5];
    for row in &rows {
        let doc = Document::new(row.text.as_str());
        let words: Vec<&str> = (0..doc.tokens().len()).map(|i| doc.token_text(i)).collect();
        let p = model.score(&words, lex);
        let b = &mut bins[((p * 5.0) as usize).min(4)];
        b.0 += f64::from(p);
        b.1 += usize::from(row.checkworthy);
        b.2 += 1;
    }
    for (i, &(sum, yes, n)) in bins.iter().enumerate() {
        assert!(n >= 20, "bin {i} has only {n} sentences");
        let (mean, rate) = (sum / n as f64, yes as f64 / n as f64);
        assert!(
            (mean - rate).abs() <= 0.15,
            "bin {i}: mean score {mean:.3}, observed rate {rate:.3} ({yes}/{n})"
        );
    }
}
