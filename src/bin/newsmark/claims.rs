//! `train-claims`, `eval-claims` and `eval-claim-kinds`: the check-worthiness
//! classifier on CheckThat! 2024, and the claim-kind classifier's accuracy.

use crate::annotate::load_annotator;
use crate::CliError;
use indicatif::ProgressBar;
use newsmark::claims::checkworthy::Labelled;
use newsmark::claims::CheckWorthyModel;
use newsmark::tagger::lexicon::Lexicon;
use newsmark::Document;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TrainClaimsArgs {
    /// Directory holding claims/ct24-claimbuster/{train,dev}.tsv.
    #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
    data: PathBuf,
    #[arg(long, default_value = "models/claims.nmk")]
    out: PathBuf,
    /// The lexicon the cluster features use (must be the entity model's).
    #[arg(long, default_value = "models/lexicon.txt")]
    lexicon: PathBuf,
    #[arg(long, default_value_t = 15)]
    epochs: usize,
    /// Inverse L2 strength (as LIBLINEAR's C).
    #[arg(long, default_value_t = 0.5)]
    c: f32,
    /// Weights kept in the model file.
    #[arg(long, default_value_t = 15_000)]
    keep: usize,
    /// Do not add the sentences fact-checked in the CLEF 2019/2020 debate
    /// transcripts to the positive training examples.
    #[arg(long)]
    no_clef_positives: bool,
}

#[derive(clap::Args)]
pub struct EvalClaimsArgs {
    #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
    data: PathBuf,
    #[arg(long)]
    model: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct EvalClaimKindsArgs {
    file: PathBuf,
}

pub fn run_train(args: TrainClaimsArgs) -> Result<ExitCode, CliError> {
    train_claims_cmd(
        &args.data,
        &args.out,
        &args.lexicon,
        args.epochs,
        args.c,
        args.keep,
        !args.no_clef_positives,
    )
}

pub fn run_eval(args: EvalClaimsArgs) -> Result<ExitCode, CliError> {
    eval_claims_cmd(&args.data, args.model.as_deref())
}

pub fn run_eval_kinds(args: EvalClaimKindsArgs) -> Result<ExitCode, CliError> {
    eval_kinds_cmd(&args.file)
}

fn ct24(
    data: &Path,
    split: &str,
) -> Result<Vec<newsmark::claims::data::LabelledSentence>, CliError> {
    let path = data.join(format!("claims/ct24-claimbuster/{split}.tsv"));
    newsmark::claims::data::read_ct24(&path).map_err(|e| CliError::Usage(e.to_string()))
}

fn sentence_tokens(text: &str) -> Vec<String> {
    let doc = Document::new(text);
    (0..doc.tokens().len())
        .map(|i| doc.token_text(i).to_string())
        .collect()
}

/// Precision, recall and F1 of the positive class.
fn claims_prf(
    model: &CheckWorthyModel,
    lex: &Lexicon,
    rows: &[newsmark::claims::data::LabelledSentence],
) -> newsmark::tagger::eval::Prf {
    let (mut tp, mut found, mut gold) = (0, 0, 0);
    for r in rows {
        let tokens = sentence_tokens(&r.text);
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let yes = model.score(&words, lex) >= model.threshold;
        found += usize::from(yes);
        gold += usize::from(r.checkworthy);
        tp += usize::from(yes && r.checkworthy);
    }
    newsmark::tagger::eval::Prf::new(tp, found, gold)
}

#[allow(clippy::too_many_arguments)]
fn train_claims_cmd(
    data: &Path,
    out: &Path,
    lexicon: &Path,
    epochs: usize,
    c: f32,
    keep: usize,
    clef_positives: bool,
) -> Result<ExitCode, CliError> {
    let lex_text = std::fs::read_to_string(lexicon)
        .map_err(|e| CliError::Io(lexicon.display().to_string(), e))?;
    let lex = Lexicon::parse(&lex_text)
        .map_err(|e| CliError::Usage(format!("{}: {e}", lexicon.display())))?;
    let mut train = ct24(data, "train")?;
    if clef_positives {
        for sub in [
            "claims/clef2019-task1-debates/train",
            "claims/clef2020-task5-debates/train",
        ] {
            let extra = newsmark::claims::data::read_clef_positives(&data.join(sub))
                .map_err(|e| CliError::Usage(e.to_string()))?;
            eprintln!("+ {} fact-checked sentences from {sub}", extra.len());
            train.extend(extra);
        }
    }
    let dev = ct24(data, "dev")?;
    eprintln!(
        "training check-worthiness on {} sentences ({} check-worthy)",
        train.len(),
        train.iter().filter(|r| r.checkworthy).count()
    );
    let labelled: Vec<Labelled> = train
        .iter()
        .map(|r| Labelled {
            tokens: sentence_tokens(&r.text),
            checkworthy: r.checkworthy,
        })
        .collect();
    let cfg = newsmark::claims::checkworthy::TrainConfig {
        epochs,
        c,
        keep,
        ..Default::default()
    };
    let bar = ProgressBar::new(epochs as u64);
    let model = newsmark::claims::checkworthy::train(&labelled, &lex, &cfg, |epoch, m| {
        let p = claims_prf(m, &lex, &dev);
        bar.suspend(|| {
            eprintln!(
                "epoch {epoch:>2}: dev F1 {:.4} (P {:.4}, R {:.4})",
                p.f1, p.precision, p.recall
            )
        });
        bar.inc(1);
    });
    bar.finish_and_clear();
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| CliError::Io(out.display().to_string(), e))?;
    let p = claims_prf(&model, &lex, &dev);
    eprintln!(
        "wrote {} ({} bytes, {} weights); dev F1 {:.4} (P {:.4}, R {:.4})",
        out.display(),
        bytes.len(),
        model.feature_count(),
        p.f1,
        p.precision,
        p.recall
    );
    Ok(ExitCode::SUCCESS)
}

fn eval_claims_cmd(data: &Path, model: Option<&Path>) -> Result<ExitCode, CliError> {
    let annotator = load_annotator(None)?;
    let lex = annotator.ner().lexicon();
    let cw = match model {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| CliError::Io(p.display().to_string(), e))?;
            CheckWorthyModel::from_bytes(&bytes).map_err(|e| CliError::Usage(e.to_string()))?
        }
        None => annotator
            .checkworthiness()
            .cloned()
            .ok_or_else(|| CliError::Usage("no check-worthiness model loaded".into()))?,
    };
    cw.check_lexicon(lex)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    outln!(
        "check-worthiness (positive class, threshold {:.2}):",
        cw.threshold
    );
    for split in ["dev", "dev-test"] {
        let rows = ct24(data, split)?;
        let p = claims_prf(&cw, lex, &rows);
        outln!(
            "{:>9}: precision {:.4}; recall {:.4}; F1 {:.4}  ({} sentences, {} check-worthy)",
            split,
            p.precision,
            p.recall,
            p.f1,
            rows.len(),
            p.gold
        );
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
