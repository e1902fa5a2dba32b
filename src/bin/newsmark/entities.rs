//! `train` and `eval`: train the entity model on CoNLL-2003 and score it
//! conlleval-style on a CoNLL-format file.

use crate::annotate::load_annotator;
use crate::tagger::{print_errors, read_lexicon};
use crate::CliError;
use indicatif::{ProgressBar, ProgressStyle};
use newsmark::ner::conll;
use newsmark::tagger::train::{self, Progress, TrainConfig};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TrainArgs {
    /// Directory holding conll2003/train.txt and conll2003/dev.txt.
    #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
    data: PathBuf,
    /// Training file (default: DATA/conll2003/train.txt).
    #[arg(long)]
    train: Option<PathBuf>,
    /// Dev file for per-epoch scores and score calibration (default: DATA/conll2003/dev.txt).
    #[arg(long)]
    dev: Option<PathBuf>,
    #[arg(long, default_value = "models/ner.nmk")]
    out: PathBuf,
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Drop features seen fewer times in training.
    #[arg(long, default_value_t = 2)]
    min_count: u32,
    /// Drop features whose largest averaged weight is below this.
    #[arg(long, default_value_t = 2.0)]
    prune: f32,
    /// Weight width in the model file: 8 or 16.
    /// In the features kept, drop the single weights below this.
    #[arg(long, default_value_t = 0.0)]
    prune_weights: f32,
    /// Train again from scratch on the features that survive pruning.
    #[arg(long)]
    retrain: bool,
    #[arg(long, default_value_t = 8, value_parser = parse_bits)]
    bits: u8,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Document-level second stage: none, stacked (small, on top of the first),
    /// full (a second full tagger) or again (the first tagger, trained to also use them).
    #[arg(long, default_value = "again", value_parser = ["none", "stacked", "full", "again"])]
    second: String,
    /// Folds for jackknifing the first stage on the training data.
    #[arg(long, default_value_t = 5)]
    folds: usize,

    /// Word clusters and gazetteers (built by scripts/build_lexicon.py); `none` for none.
    #[arg(long, default_value = "models/lexicon.txt")]
    lexicon: PathBuf,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    file: PathBuf,
    #[arg(long)]
    model: Option<PathBuf>,
    /// Also print every sentence with a mistake: missed (-) and wrong (+) entities.
    #[arg(long)]
    errors: bool,
}

pub fn run_train(args: TrainArgs) -> Result<ExitCode, CliError> {
    let lexicon = read_lexicon(&args.lexicon)?;
    let cfg = TrainConfig {
        epochs: args.epochs,
        min_count: args.min_count,
        prune: args.prune,
        prune_weights: args.prune_weights,
        retrain: args.retrain,
        weight_bits: args.bits,
        seed: args.seed,
        lexicon,
        second: args.second,
        folds: args.folds,
        task: newsmark::ner::ENTITIES,
    };
    let train_path = args
        .train
        .unwrap_or_else(|| args.data.join("conll2003/train.txt"));
    let dev_path = args
        .dev
        .unwrap_or_else(|| args.data.join("conll2003/dev.txt"));
    train_cmd(&train_path, &dev_path, &args.out, &cfg)
}

pub fn run_eval(args: EvalArgs) -> Result<ExitCode, CliError> {
    eval_cmd(&args.file, args.model.as_deref(), args.errors)
}

fn parse_bits(s: &str) -> Result<u8, String> {
    match s {
        "8" => Ok(8),
        "16" => Ok(16),
        _ => Err(format!("{s:?}: weight width must be 8 or 16")),
    }
}

fn train_cmd(
    train_path: &Path,
    dev_path: &Path,
    out: &Path,
    cfg: &TrainConfig,
) -> Result<ExitCode, CliError> {
    let train_docs = conll::read(train_path).map_err(newsmark::Error::from)?;
    let train_ex = conll::examples(&train_docs);
    let dev_ex = if dev_path.exists() {
        Some(conll::examples(
            &conll::read(dev_path).map_err(newsmark::Error::from)?,
        ))
    } else {
        eprintln!(
            "note: no dev file at {}; training without per-epoch scores or calibration",
            dev_path.display()
        );
        None
    };
    eprintln!(
        "training on {} ({} documents), {} epochs; lexicon: {} clustered words, {} gazetteer entries",
        train_path.display(),
        train_ex.len(),
        cfg.epochs,
        cfg.lexicon.cluster_count(),
        cfg.lexicon.entry_count()
    );
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} sentences ({eta} left)")
            .unwrap()
            .progress_chars("=> "),
    );
    let mut epoch = 1;
    let mut phase = String::new();
    let (model, report) = train::train(&train_ex, dev_ex.as_deref(), cfg, |p| match p {
        Progress::Start {
            what,
            sentences,
            features,
        } => {
            bar.set_length(bar.length().unwrap_or(0) + (sentences * cfg.epochs) as u64);
            epoch = 1;
            bar.set_message(format!("{what}, epoch {epoch}"));
            bar.suspend(|| {
                eprintln!("{what}: {sentences} sentences, {features} distinct features")
            });
            phase = what;
        }
        Progress::Step => bar.inc(1),
        Progress::Epoch {
            epoch: e,
            mistakes,
            dev_f1,
        } => {
            let dev = dev_f1.map_or(String::new(), |f| format!(", dev F1 {:.2}", 100.0 * f));
            bar.suspend(|| eprintln!("epoch {e:>2}: {mistakes} sentences wrong{dev}"));
            epoch = e + 1;
            bar.set_message(format!("{phase}, epoch {epoch}"));
        }
    });
    bar.finish_and_clear();
    let bytes = model.to_bytes();
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| CliError::Io(dir.display().to_string(), e))?;
    }
    std::fs::write(out, &bytes).map_err(|e| CliError::Io(out.display().to_string(), e))?;
    eprintln!(
        "wrote {} ({} bytes): {} of {} features kept, {}-bit weights, calibration {:.3}",
        out.display(),
        bytes.len(),
        report.features_kept,
        report.features_seen,
        cfg.weight_bits,
        report.calibration
    );
    if let Some(dev) = &dev_ex {
        let c = train::evaluate(&model, dev);
        eprintln!("dev ({}):\n{}", dev_path.display(), c.report());
    }
    Ok(ExitCode::SUCCESS)
}

fn eval_cmd(file: &Path, model: Option<&Path>, errors: bool) -> Result<ExitCode, CliError> {
    let annotator = load_annotator(model)?;
    let docs = conll::read(file).map_err(newsmark::Error::from)?;
    let examples = conll::examples(&docs);
    if errors {
        print_errors(annotator.ner(), &examples);
    }
    let counts = train::evaluate(annotator.ner(), &examples);
    out!("{}", counts.report());
    Ok(ExitCode::SUCCESS)
}
