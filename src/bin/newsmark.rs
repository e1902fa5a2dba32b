//! The `newsmark` command line: annotate text files and JSON lines, train and
//! evaluate the models. Offsets in everything it prints are Unicode code points.

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use newsmark::export::annotations_out;
use newsmark::ner::lexicon::Lexicon;
use newsmark::ner::train::{self, Progress, TrainConfig};
use newsmark::ner::NerModel;
use newsmark::{conll, Annotator, Document, Unit};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "newsmark",
    version,
    about = "Mark up entities in news text, offline."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate plain-text files, or JSON lines on stdin with --jsonl.
    ///
    /// Prints one JSON object per line: {"id", "entities": [{"start", "end",
    /// "label", "text", "score"}], "claims": [], "attributions": []}, with
    /// offsets in Unicode code points, end exclusive. For files, "id" is the path.
    Annotate {
        /// Plain-text files (UTF-8) to annotate.
        files: Vec<PathBuf>,
        /// Read JSON lines {"id": ..., "text": ...} from stdin.
        #[arg(long)]
        jsonl: bool,
        /// Use this model file instead of the embedded one.
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Train the entity model on CoNLL-2003 and write the model file.
    Train {
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
        #[arg(long, default_value_t = 1.0)]
        prune: f32,
        /// Weight width in the model file: 8 or 16.
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
    },
    /// Time annotation in-process on a plain-text file (what `./build.sh bench` runs).
    ///
    /// Prints one JSON object: whitespace tokens, entities found, and seconds
    /// per pass (after one warm-up pass).
    Bench {
        file: PathBuf,
        #[arg(long, default_value_t = 5)]
        passes: usize,
    },
    /// Score the entity model on a CoNLL-format file (IOB1, IOB2, IO, BILOU),
    /// conlleval-style: entity-level precision, recall and F1 per type.
    Eval {
        file: PathBuf,
        #[arg(long)]
        model: Option<PathBuf>,
        /// Also print every sentence with a mistake: missed (-) and wrong (+) entities.
        #[arg(long)]
        errors: bool,
    },
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Core(#[from] newsmark::Error),
    #[error("{0}: {1}")]
    Io(String, io::Error),
    #[error("{0}")]
    Usage(String),
}

impl From<newsmark::ner::ModelError> for CliError {
    fn from(e: newsmark::ner::ModelError) -> Self {
        CliError::Core(e.into())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate {
            files,
            jsonl,
            model,
        } => annotate(files, jsonl, model.as_deref()),
        Command::Train {
            data,
            train,
            dev,
            out,
            epochs,
            min_count,
            prune,
            bits,
            seed,
            lexicon,
            second,
            folds,
        } => (|| {
            let lexicon = if lexicon.as_os_str() == "none" {
                Lexicon::default()
            } else {
                let text = std::fs::read_to_string(&lexicon)
                    .map_err(|e| CliError::Io(lexicon.display().to_string(), e))?;
                Lexicon::parse(&text)
                    .map_err(|e| CliError::Usage(format!("{}: {e}", lexicon.display())))?
            };
            let cfg = TrainConfig {
                epochs,
                min_count,
                prune,
                weight_bits: bits,
                seed,
                lexicon,
                second,
                folds,
            };
            let train_path = train.unwrap_or_else(|| data.join("conll2003/train.txt"));
            let dev_path = dev.unwrap_or_else(|| data.join("conll2003/dev.txt"));
            train_cmd(&train_path, &dev_path, &out, &cfg)
        })(),
        Command::Eval {
            file,
            model,
            errors,
        } => eval_cmd(&file, model.as_deref(), errors),
        Command::Bench { file, passes } => bench_cmd(&file, passes),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsmark: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse_bits(s: &str) -> Result<u8, String> {
    match s {
        "8" => Ok(8),
        "16" => Ok(16),
        _ => Err(format!("{s:?}: weight width must be 8 or 16")),
    }
}

fn load_annotator(model: Option<&Path>) -> Result<Annotator, CliError> {
    match model {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| CliError::Io(p.display().to_string(), e))?;
            Ok(Annotator::new(NerModel::from_bytes(&bytes)?))
        }
        None => Ok(Annotator::builtin()?.clone()),
    }
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    annotations: newsmark::export::AnnotationsOut<'a>,
}

fn write_record(
    out: &mut impl Write,
    annotator: &Annotator,
    id: &serde_json::Value,
    text: String,
) -> Result<(), CliError> {
    let doc = Document::new(text);
    let ann = annotator.annotate(&doc);
    let annotations = annotations_out(&doc, &ann, Unit::Char).map_err(newsmark::Error::from)?;
    serde_json::to_writer(&mut *out, &Record { id, annotations })
        .map_err(|e| CliError::Io("stdout".into(), e.into()))?;
    out.write_all(b"\n")
        .map_err(|e| CliError::Io("stdout".into(), e))
}

fn annotate(files: Vec<PathBuf>, jsonl: bool, model: Option<&Path>) -> Result<ExitCode, CliError> {
    if jsonl != files.is_empty() {
        return Err(CliError::Usage(
            "give either text files to annotate, or --jsonl to read JSON lines from stdin".into(),
        ));
    }
    let annotator = load_annotator(model)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    if jsonl {
        #[derive(serde::Deserialize)]
        struct Input {
            #[serde(default)]
            id: serde_json::Value,
            text: String,
        }
        let stdin = io::stdin();
        for (n, line) in stdin.lock().lines().enumerate() {
            let line = line.map_err(|e| CliError::Io(format!("stdin line {}", n + 1), e))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Input>(&line) {
                Ok(input) => write_record(&mut out, &annotator, &input.id, input.text)?,
                Err(e) => {
                    failures += 1;
                    out.flush().ok();
                    eprintln!(
                        "newsmark: line {}: skipped: expected a JSON object {{\"id\": ..., \"text\": \"...\"}}: {e}",
                        n + 1
                    );
                }
            }
        }
    } else {
        for path in &files {
            match std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|b| {
                    String::from_utf8(b).map_err(|e| {
                        format!(
                            "not UTF-8 text (invalid byte at {})",
                            e.utf8_error().valid_up_to()
                        )
                    })
                }) {
                Ok(text) => {
                    let id = serde_json::Value::String(path.display().to_string());
                    write_record(&mut out, &annotator, &id, text)?;
                }
                Err(e) => {
                    failures += 1;
                    out.flush().ok();
                    eprintln!("newsmark: {}: skipped: {e}", path.display());
                }
            }
        }
    }
    out.flush().map_err(|e| CliError::Io("stdout".into(), e))?;
    Ok(if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
        let mut cache = newsmark::ner::TypeCache::new();
        for doc in &examples {
            let sentences: Vec<Vec<&str>> = doc
                .iter()
                .map(|e| e.words.iter().map(String::as_str).collect())
                .collect();
            let tagged = annotator.ner().tag_document(&sentences, &mut cache);
            for (e, pred) in doc.iter().zip(tagged) {
                let pred: Vec<_> = pred.into_iter().map(|(s, _)| s).collect();
                let show = |s: &newsmark::ner::tags::TokenSpan| {
                    format!("{} [{}]", e.words[s.start..s.end].join(" "), s.label)
                };
                let missed: Vec<String> = e
                    .spans
                    .iter()
                    .filter(|g| !pred.contains(g))
                    .map(show)
                    .collect();
                let wrong: Vec<String> = pred
                    .iter()
                    .filter(|p| !e.spans.contains(p))
                    .map(show)
                    .collect();
                if !missed.is_empty() || !wrong.is_empty() {
                    println!(
                        "{}\n  - {}\n  + {}",
                        e.words.join(" "),
                        missed.join(" | "),
                        wrong.join(" | ")
                    );
                }
            }
        }
    }
    let counts = train::evaluate(annotator.ner(), &examples);
    print!("{}", counts.report());
    Ok(ExitCode::SUCCESS)
}

fn bench_cmd(file: &Path, passes: usize) -> Result<ExitCode, CliError> {
    let text =
        std::fs::read_to_string(file).map_err(|e| CliError::Io(file.display().to_string(), e))?;
    let annotator = Annotator::builtin()?;
    let tokens = text.split_whitespace().count();
    let run = || {
        let t = std::time::Instant::now();
        let doc = Document::new(text.as_str());
        let n = annotator.annotate(&doc).entities.len();
        (t.elapsed().as_secs_f64(), n)
    };
    let (_, entities) = run(); // warm-up
    let seconds: Vec<f64> = (0..passes.max(1)).map(|_| run().0).collect();
    println!(
        "{}",
        serde_json::json!({ "tokens": tokens, "bytes": text.len(), "entities": entities, "seconds": seconds })
    );
    Ok(ExitCode::SUCCESS)
}
