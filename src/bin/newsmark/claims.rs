//! `train-claims`, `eval-claims` and `eval-claim-kinds`: the check-worthiness
//! classifier on CheckThat! 2024, and the claim-kind classifier's accuracy.

use crate::annotate::load_annotator;
use crate::claims_eval::{
    average_precision, news_gold, prf, rank_and_f1, sentence_tokens, train_model, Recipe, Sentence,
    Source, Sources,
};
use crate::CliError;
use newsmark::claims::CheckWorthyModel;
use newsmark::tagger::lexicon::Lexicon;
use newsmark::{Annotator, Document};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TrainClaimsArgs {
    /// Directory holding claims/ (CheckThat! 2024 and the CLEF debates).
    #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
    data: PathBuf,
    #[arg(long, default_value = "models/claims.nmk")]
    out: PathBuf,
    /// The lexicon the cluster features use (must be the entity model's).
    #[arg(long, default_value = "models/lexicon.txt")]
    lexicon: PathBuf,
    #[command(flatten)]
    recipe: Recipe,
}

#[derive(clap::Args)]
pub struct EvalClaimsArgs {
    #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
    data: PathBuf,
    /// A model file to score instead of the built-in one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Also score a news gold set (tests/gold/checkworthy-news.jsonl) through
    /// the whole pipeline, article by article; repeat for more sets, each
    /// scored on its own.
    #[arg(long)]
    news: Vec<PathBuf>,
    /// Score at this threshold instead of the model's.
    #[arg(long)]
    threshold: Option<f32>,
    /// With --news: print every sentence scored wrong.
    #[arg(long)]
    errors: bool,
    /// Also print the calibration table on dev (score bins against the observed rate).
    #[arg(long)]
    calibration: bool,
    /// Also train a model by the recipe below without each source in turn and
    /// score it on that source (MAP per document and F1).
    #[arg(long)]
    holdout: bool,
    /// The lexicon (for --holdout).
    #[arg(long, default_value = "models/lexicon.txt")]
    lexicon: PathBuf,
    #[command(flatten)]
    recipe: Recipe,
}

#[derive(clap::Args)]
pub struct EvalClaimKindsArgs {
    file: PathBuf,
}

pub fn run_train(args: TrainClaimsArgs) -> Result<ExitCode, CliError> {
    let lex = read_lexicon(&args.lexicon)?;
    let sources = Sources::load(&args.data)?;
    let model = train_model(&sources, &args.recipe, None, &lex);
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .map_err(|e| CliError::Io(args.out.display().to_string(), e))?;
    let (p, r, f) = split_prf(&model, &lex, &sources.dev);
    let (a, b) = model.calibration();
    eprintln!(
        "wrote {} ({} bytes, {} weights); calibration a {a:.4} b {b:.4}, threshold {:.2}; dev F1 {f:.4} (P {p:.4}, R {r:.4})",
        args.out.display(),
        bytes.len(),
        model.feature_count(),
        model.threshold,
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run_eval(args: EvalClaimsArgs) -> Result<ExitCode, CliError> {
    eval_claims_cmd(args)
}

pub fn run_eval_kinds(args: EvalClaimKindsArgs) -> Result<ExitCode, CliError> {
    eval_kinds_cmd(&args.file)
}

fn read_lexicon(path: &Path) -> Result<Lexicon, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError::Io(path.display().to_string(), e))?;
    Lexicon::parse(&text).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

/// Precision, recall and F1 of the model alone on CT24 sentences.
fn split_prf(model: &CheckWorthyModel, lex: &Lexicon, rows: &[Sentence]) -> (f64, f64, f64) {
    prf(rows.iter().map(|s| {
        (
            model.score(&s.words(), lex) >= model.threshold,
            s.checkworthy,
        )
    }))
}

/// Precision, recall and F1 through the pipeline, as `annotate --jsonl`
/// scores one sentence per input: check-worthy when a claim is found.
fn pipeline_prf(annotator: &Annotator, rows: &[Sentence], texts: &[String]) -> (f64, f64, f64) {
    prf(rows.iter().zip(texts).map(|(s, t)| {
        let doc = Document::new(t.as_str());
        (!annotator.claims(&doc).is_empty(), s.checkworthy)
    }))
}

fn eval_claims_cmd(args: EvalClaimsArgs) -> Result<ExitCode, CliError> {
    let builtin = load_annotator(None)?;
    let mut cw = match &args.model {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| CliError::Io(p.display().to_string(), e))?;
            CheckWorthyModel::from_bytes(&bytes).map_err(|e| CliError::Usage(e.to_string()))?
        }
        None => builtin
            .checkworthiness()
            .cloned()
            .ok_or_else(|| CliError::Usage("no check-worthiness model loaded".into()))?,
    };
    if let Some(t) = args.threshold {
        cw.threshold = t;
    }
    let annotator = builtin
        .clone()
        .with_claims(cw)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let lex = annotator.ner().lexicon();
    let cw = annotator
        .checkworthiness()
        .ok_or_else(|| CliError::Usage("no check-worthiness model loaded".into()))?;
    outln!(
        "check-worthiness (positive class, threshold {:.2}; the pipeline as annotate --jsonl, one sentence per input):",
        cw.threshold
    );
    for split in ["dev", "dev-test"] {
        let path = args
            .data
            .join(format!("claims/ct24-claimbuster/{split}.tsv"));
        let rows =
            newsmark::claims::data::read_ct24(&path).map_err(|e| CliError::Usage(e.to_string()))?;
        let texts: Vec<String> = rows.iter().map(|r| r.text.clone()).collect();
        let sentences: Vec<Sentence> = rows
            .iter()
            .map(|r| Sentence {
                tokens: sentence_tokens(&r.text),
                checkworthy: r.checkworthy,
                key: String::new(),
            })
            .collect();
        let (p, r, f) = pipeline_prf(&annotator, &sentences, &texts);
        let scored: Vec<(f32, bool)> = sentences
            .iter()
            .map(|s| (cw.score(&s.words(), lex), s.checkworthy))
            .collect();
        let ap = average_precision(&scored).unwrap_or(0.0);
        if args.errors && split == "dev-test" {
            for ((t, &(p, y)), s) in texts.iter().zip(&scored).zip(&sentences) {
                if (p >= cw.threshold) != y {
                    let what = if y { "FN" } else { "FP" };
                    outln!("  {what} {p:.2} {t}");
                }
                let _ = s;
            }
        }
        outln!(
            "{split:>9}: precision {p:.4}; recall {r:.4}; F1 {f:.4}; AP {ap:.4}  ({} sentences, {} check-worthy)",
            rows.len(),
            rows.iter().filter(|r| r.checkworthy).count()
        );
        if args.calibration && split == "dev" {
            outln!("\ncalibration on dev (the model's probability, in bins):\n");
            outln!("| score | sentences | check-worthy | observed rate |");
            outln!("|---|---:|---:|---:|");
            for bin in 0..10 {
                let (lo, hi) = (bin as f32 / 10.0, (bin + 1) as f32 / 10.0);
                let inside: Vec<bool> = scored
                    .iter()
                    .filter(|(p, _)| *p >= lo && (*p < hi || bin == 9))
                    .map(|&(_, y)| y)
                    .collect();
                let yes = inside.iter().filter(|&&y| y).count();
                let rate = if inside.is_empty() {
                    "–".to_string()
                } else {
                    format!("{:.2}", yes as f64 / inside.len() as f64)
                };
                outln!("| {lo:.1}–{hi:.1} | {} | {yes} | {rate} |", inside.len());
            }
            outln!();
        }
    }
    for file in &args.news {
        let rows = news_gold(&annotator, file)?;
        let (p, r, f) = prf(rows.iter().map(|(_, _, g, p)| (*p, *g)));
        let articles: std::collections::HashSet<&str> =
            rows.iter().map(|(a, ..)| a.as_str()).collect();
        outln!(
            "news gold ({}): precision {p:.4}; recall {r:.4}; F1 {f:.4}  ({} articles, {} sentences, {} check-worthy, {} flagged)",
            file.display(),
            articles.len(),
            rows.len(),
            rows.iter().filter(|r| r.2).count(),
            rows.iter().filter(|r| r.3).count()
        );
        if args.errors {
            for (a, s, g, p) in rows.iter().filter(|(_, _, g, p)| g != p) {
                let what = if *p && !g { "FP" } else { "FN" };
                outln!("  {what} {a}: {s}");
            }
        }
    }
    if args.holdout {
        let lex = read_lexicon(&args.lexicon)?;
        let sources = Sources::load(&args.data)?;
        outln!("\nhold one source out (trained without it, scored on it; threshold of the model trained without it):\n");
        outln!("| held out | documents | sentences | check-worthy | MAP | P | R | F1 |");
        outln!("|---|---:|---:|---:|---:|---:|---:|---:|");
        for source in Source::ALL {
            let model = train_model(&sources, &args.recipe, Some(source), &lex);
            let docs = sources.held_out(source);
            let (map, (p, r, f)) = rank_and_f1(&model, &lex, &docs);
            let n: usize = docs.iter().map(Vec::len).sum();
            let yes: usize = docs.iter().flatten().filter(|s| s.checkworthy).count();
            outln!(
                "| {} | {} | {n} | {yes} | {map:.4} | {p:.4} | {r:.4} | {f:.4} |",
                source.name(),
                docs.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn eval_kinds_cmd(file: &Path) -> Result<ExitCode, CliError> {
    let text =
        std::fs::read_to_string(file).map_err(|e| CliError::Io(file.display().to_string(), e))?;
    let (c, n, confusion) =
        newsmark::claims::kind::evaluate_gold(&text, |_| true).map_err(CliError::Usage)?;
    outln!(
        "claim kinds: {c}/{n} correct, accuracy {:.4}",
        c as f64 / n.max(1) as f64
    );
    for ((g, p), k) in confusion.iter().filter(|((g, p), _)| g != p) {
        outln!("  gold {g} predicted {p}: {k}");
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct PackClaimsArgs {
    /// Where to write the pack (the build writes www/newsmark/pkg/newsmark-claims.bin).
    #[arg(long)]
    out: PathBuf,
}

pub fn run_pack(args: PackClaimsArgs) -> Result<ExitCode, CliError> {
    let pack = newsmark::annotate::builtin_claims_pack();
    std::fs::write(&args.out, &pack)
        .map_err(|e| CliError::Io(args.out.display().to_string(), e))?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), pack.len());
    Ok(ExitCode::SUCCESS)
}
