//! `bench`: time annotation in-process on a plain-text file, whole and stage
//! by stage.

use crate::CliError;
use newsmark::{Annotator, Document};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BenchArgs {
    file: PathBuf,
    #[arg(long, default_value_t = 5)]
    passes: usize,
}

pub fn run(args: BenchArgs) -> Result<ExitCode, CliError> {
    bench_cmd(&args.file, args.passes)
}

fn bench_cmd(file: &Path, passes: usize) -> Result<ExitCode, CliError> {
    let text =
        std::fs::read_to_string(file).map_err(|e| CliError::Io(file.display().to_string(), e))?;
    let annotator = Annotator::builtin()?;
    let tokens = text.split_whitespace().count();
    let time = |f: &mut dyn FnMut()| {
        let t = std::time::Instant::now();
        f();
        t.elapsed().as_secs_f64()
    };
    // The annotator keeps per-word-type caches from one call to the next.
    // "seconds" times each pass with a fresh copy (cold caches: a text it
    // has not seen); "warm_seconds" with one annotator throughout, so each
    // pass finds the words of the pass before (the same text annotated again).
    let run = |annotator: &Annotator| {
        let t = std::time::Instant::now();
        let doc = Document::new(text.as_str());
        let n = annotator.annotate(&doc).entities.len();
        (t.elapsed().as_secs_f64(), n)
    };
    let (_, entities) = run(annotator); // warm-up
    let seconds: Vec<f64> = (0..passes.max(1))
        .map(|_| run(&annotator.clone()).0)
        .collect();
    let warm_seconds: Vec<f64> = (0..passes.max(1)).map(|_| run(annotator).0).collect();
    // The same work, stage by stage, cold (medians).
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut stages: [Vec<f64>; 4] = Default::default();
    for _ in 0..passes.max(1) {
        let annotator = annotator.clone();
        let mut doc = None;
        stages[0].push(time(&mut || doc = Some(Document::new(text.as_str()))));
        let doc = doc.unwrap();
        stages[1].push(time(&mut || drop(annotator.entities(&doc))));
        stages[2].push(time(&mut || drop(annotator.claims(&doc))));
        stages[3].push(time(&mut || drop(annotator.attributions(&doc))));
    }
    let [tok, ent, cl, at] = stages.map(median);
    outln!(
        "{}",
        serde_json::json!({
            "tokens": tokens, "bytes": text.len(), "entities": entities, "seconds": seconds,
            "warm_seconds": warm_seconds,
            "stages": { "tokenize": tok, "entities": ent, "claims": cl, "attributions": at }
        })
    );
    Ok(ExitCode::SUCCESS)
}
