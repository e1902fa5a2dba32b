//! The `newsmark` command line: annotate text files and JSON lines, train and
//! evaluate the models. Offsets in everything it prints are Unicode code points.

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use newsmark::claims::checkworthy::Labelled;
use newsmark::claims::CheckWorthyModel;
use newsmark::export::annotations_out;
use newsmark::ner::conll;
use newsmark::ner::NerModel;
use newsmark::tagger::lexicon::Lexicon;
use newsmark::tagger::train::{self, Progress, TrainConfig};
use newsmark::{Annotator, Document, Unit};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `print!` for reports: when stdout is closed early (`newsmark eval … | head`),
/// the program ends quietly instead of panicking.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout(), $($t)*) {
            stdout_failed(e)
        }
    }};
}

/// `println!` for reports (see [`out!`]).
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($t)*) {
            stdout_failed(e)
        }
    }};
}

fn stdout_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("newsmark: error: cannot write the output: {e}");
    std::process::exit(2);
}

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
        /// Write each file in this format instead of JSON lines: html, json
        /// (Newsmark's own), prodigy, spacy, brat, conll, webanno, claimreview.
        #[arg(long)]
        format: Option<newsmark::export::Format>,
        /// With --format: write FILE.<ext> into this directory (needed for several files).
        #[arg(long)]
        out_dir: Option<PathBuf>,
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
    /// Train the check-worthiness classifier on CheckThat! 2024 (ClaimBuster).
    TrainClaims {
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
    },
    /// Score the check-worthiness classifier: F1 of the positive class on
    /// CheckThat! 2024 dev and dev-test.
    EvalClaims {
        #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
        data: PathBuf,
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Train the attribution tagger (source, cue, content) on PolNeAR.
    TrainAttribution {
        /// Directory holding attribution/polnear/{train,dev}.
        #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
        data: PathBuf,
        #[arg(long, default_value = "models/attribution.nmk")]
        out: PathBuf,
        /// Also train a content layer into this file: `out` then tags sources
        /// and cues, this one contents, so that nested attributions can be
        /// found (measured worse on dev: docs/attribution-experiments.md).
        /// `none` (the default): one model of all roles.
        #[arg(long, default_value = "none")]
        content_out: PathBuf,
        /// Word clusters and gazetteers; `none` for none.
        #[arg(long, default_value = "none")]
        lexicon: PathBuf,
        #[arg(long, default_value_t = 10)]
        epochs: usize,
        #[arg(long, default_value_t = 5)]
        min_count: u32,
        /// Drop features whose largest averaged weight is below this (keeps the model small).
        #[arg(long, default_value_t = 30.0)]
        prune: f32,
        /// In the features kept, drop the single weights below this.
        #[arg(long, default_value_t = 15.0)]
        prune_weights: f32,
        /// Train again from scratch on the features that survive pruning.
        #[arg(long)]
        retrain: bool,
        /// Seed of the order in which training examples are seen.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// The second pass (as in `train`): `again` tags each unit a second
        /// time with the first pass's tags around each token and the roles
        /// the same capitalised words got elsewhere in the article as extra
        /// features; `none` tags once.
        #[arg(long, default_value = "again", value_parser = ["none", "stacked", "full", "again"])]
        second: String,
    },
    /// Who pronoun sources ("she said") refer to: precision and recall of the
    /// names found for the gold pronoun sources of PolNeAR dev
    EvalReferents {
        #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
        data: PathBuf,
        /// Gold referents: tab-separated id, article, start, end, pronoun, name (or -).
        #[arg(long, default_value = "tests/gold/referents-polnear-dev.tsv")]
        gold: PathBuf,
        /// Also print every wrong or missing referent.
        #[arg(long)]
        errors: bool,
    },
    /// Exact-match precision, recall and F1 per role (source, cue, content) on PolNeAR dev.
    EvalAttribution {
        #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
        data: PathBuf,
        /// A model file (of all roles, or with --content-model of sources and cues).
        #[arg(long)]
        model: Option<PathBuf>,
        /// The content layer of a two-layer model.
        #[arg(long, requires = "model")]
        content_model: Option<PathBuf>,
        /// Also print every paragraph with a mistake (PER = source, ORG = cue, LOC = content).
        #[arg(long)]
        errors: bool,
    },
    /// Accuracy of the claim-kind classifier on a gold file of JSON lines {"text", "kind"}.
    EvalClaimKinds { file: PathBuf },
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
    /// Score DATE, TIME, MONEY, PERCENT and QUANTITY on a gold file with inline
    /// markup `[[LABEL|text]]` (tests/gold/numeric.txt): precision, recall and
    /// F1 per label, exact span and label.
    ///
    /// By default it scores the whole pipeline, where names found by the entity
    /// model win over overlapping rule matches; --rules-only scores the rules alone.
    EvalNumeric {
        /// Gold file: one sentence per line with `[[LABEL|text]]` mentions; `#` starts a comment line.
        file: PathBuf,
        /// Score the rules alone, without the entity model.
        #[arg(long)]
        rules_only: bool,
        /// Which sentences: all, odd (1st, 3rd...: the development half) or even.
        #[arg(long, default_value = "all", value_parser = ["all", "odd", "even"])]
        half: String,
        /// Also print every sentence with a mistake: missed (-) and wrong (+) mentions.
        #[arg(long)]
        errors: bool,
        /// Also print the precision of each rule family (rules alone).
        #[arg(long)]
        by_rule: bool,
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

impl From<newsmark::tagger::ModelError> for CliError {
    fn from(e: newsmark::tagger::ModelError) -> Self {
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
            format: Some(format),
            out_dir,
        } if !jsonl => annotate_format(&files, format, out_dir.as_deref(), model.as_deref()),
        Command::Annotate {
            files,
            jsonl,
            model,
            format,
            ..
        } => {
            if format.is_some() {
                Err(CliError::Usage(
                    "--format writes files; it does not combine with --jsonl".into(),
                ))
            } else {
                annotate(files, jsonl, model.as_deref())
            }
        }
        Command::Train {
            data,
            train,
            dev,
            out,
            epochs,
            min_count,
            prune,
            prune_weights,
            retrain,
            bits,
            seed,
            lexicon,
            second,
            folds,
        } => (|| {
            let lexicon = read_lexicon(&lexicon)?;
            let cfg = TrainConfig {
                epochs,
                min_count,
                prune,
                prune_weights,
                retrain,
                weight_bits: bits,
                seed,
                lexicon,
                second,
                folds,
                task: newsmark::ner::ENTITIES,
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
        Command::EvalNumeric {
            file,
            rules_only,
            half,
            errors,
            by_rule,
        } => eval_numeric_cmd(&file, rules_only, &half, errors, by_rule),
        Command::TrainClaims {
            data,
            out,
            lexicon,
            epochs,
            c,
            keep,
            no_clef_positives,
        } => train_claims_cmd(&data, &out, &lexicon, epochs, c, keep, !no_clef_positives),
        Command::EvalClaims { data, model } => eval_claims_cmd(&data, model.as_deref()),
        Command::EvalClaimKinds { file } => eval_kinds_cmd(&file),
        Command::TrainAttribution {
            data,
            out,
            content_out,
            lexicon,
            epochs,
            min_count,
            prune,
            prune_weights,
            retrain,
            seed,
            second,
        } => read_lexicon(&lexicon).and_then(|lexicon| {
            let cfg = TrainConfig {
                seed,
                epochs,
                min_count,
                prune,
                prune_weights,
                retrain,
                lexicon,
                second,
                ..TrainConfig::new(newsmark::attribution::features::ATTRIBUTION)
            };
            train_attribution_cmd(&data, &out, &content_out, &cfg)
        }),
        Command::EvalReferents { data, gold, errors } => eval_referents_cmd(&data, &gold, errors),
        Command::EvalAttribution {
            data,
            model,
            content_model,
            errors,
        } => eval_attribution_cmd(&data, model.as_deref(), content_model.as_deref(), errors),
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
            let annotator = Annotator::new(newsmark::ner::from_bytes(&bytes)?);
            // Claims need the lexicon the claims model was trained with.
            match CheckWorthyModel::from_bytes(newsmark::annotate::BUILTIN_CLAIMS) {
                Ok(cw) => Ok(annotator.clone().with_claims(cw).unwrap_or(annotator)),
                Err(_) => Ok(annotator),
            }
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
            if let Err(e) = annotate_file(&mut out, &annotator, path) {
                failures += 1;
                out.flush().ok();
                eprintln!("newsmark: {}: skipped: {e}", path.display());
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
        print_errors(annotator.ner(), &examples);
    }
    let counts = train::evaluate(annotator.ner(), &examples);
    out!("{}", counts.report());
    Ok(ExitCode::SUCCESS)
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
    let run = || {
        let t = std::time::Instant::now();
        let doc = Document::new(text.as_str());
        let n = annotator.annotate(&doc).entities.len();
        (t.elapsed().as_secs_f64(), n)
    };
    let (_, entities) = run(); // warm-up
    let seconds: Vec<f64> = (0..passes.max(1)).map(|_| run().0).collect();
    // The same work, stage by stage (medians).
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut stages: [Vec<f64>; 4] = Default::default();
    for _ in 0..passes.max(1) {
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
            "stages": { "tokenize": tok, "entities": ent, "claims": cl, "attributions": at }
        })
    );
    Ok(ExitCode::SUCCESS)
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

fn eval_numeric_cmd(
    file: &Path,
    rules_only: bool,
    half: &str,
    errors: bool,
    by_rule: bool,
) -> Result<ExitCode, CliError> {
    use newsmark::numeric;
    let text =
        std::fs::read_to_string(file).map_err(|e| CliError::Io(file.display().to_string(), e))?;
    let gold = numeric::parse_gold(&text)
        .map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
    let gold: Vec<&numeric::GoldSentence> = gold
        .iter()
        .enumerate()
        .filter(|(k, _)| match half {
            "odd" => k % 2 == 0,
            "even" => k % 2 == 1,
            _ => true,
        })
        .map(|(_, g)| g)
        .collect();
    let annotator = Annotator::builtin()?;
    let predict = |doc: &Document| {
        if rules_only {
            numeric::find(doc)
        } else {
            annotator.annotate(doc).entities
        }
    };
    if errors {
        for g in &gold {
            let doc = Document::new(g.text.as_str());
            let pred: Vec<_> = predict(&doc)
                .into_iter()
                .filter(|e| newsmark::Label::NUMERIC.contains(&e.label))
                .map(|e| (e.span, e.label))
                .collect();
            let show = |m: &(newsmark::Span, newsmark::Label)| {
                format!("{} [{}]", &g.text[m.0.range()], m.1)
            };
            let missed: Vec<String> = g
                .mentions
                .iter()
                .filter(|m| !pred.contains(m))
                .map(show)
                .collect();
            let wrong: Vec<String> = pred
                .iter()
                .filter(|p| !g.mentions.contains(p))
                .map(show)
                .collect();
            if !missed.is_empty() || !wrong.is_empty() {
                outln!(
                    "line {}: {}\n  - {}\n  + {}",
                    g.line,
                    g.text,
                    missed.join(" | "),
                    wrong.join(" | ")
                );
            }
        }
    }
    out!(
        "{}",
        numeric::evaluate(gold.iter().copied(), predict).report()
    );
    if by_rule {
        outln!("{:>13}  found  correct  precision  confidence", "rule");
        for (rule, found, correct) in numeric::rule_precision(gold.iter().copied()) {
            outln!(
                "{:>13}  {found:5}  {correct:7}  {:8.2}%  {:10.2}",
                rule.name(),
                100.0 * correct as f64 / found.max(1) as f64,
                rule.confidence()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The articles of a PolNeAR split, with their gold pieces.
fn polnear_articles(
    data: &Path,
    split: &str,
) -> Result<Vec<newsmark::attribution::polnear::Article>, CliError> {
    let dir = data.join("attribution/polnear").join(split);
    newsmark::attribution::polnear::read_articles(&dir).map_err(|e| CliError::Usage(e.to_string()))
}

/// Articles as training units with the spans of `roles` only.
fn units(
    articles: &[newsmark::attribution::polnear::Article],
    roles: &[newsmark::attribution::Role],
) -> Vec<newsmark::tagger::train::Doc> {
    articles
        .iter()
        .map(|a| newsmark::attribution::polnear::article_roles(&a.text, &a.pieces, roles))
        .collect()
}

/// A lexicon file (word clusters, gazetteers); `none` for an empty one.
fn read_lexicon(path: &Path) -> Result<Lexicon, CliError> {
    if path.as_os_str() == "none" {
        return Ok(Lexicon::default());
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError::Io(path.display().to_string(), e))?;
    Lexicon::parse(&text).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

fn role_report(counts: &newsmark::tagger::eval::EvalCounts) -> String {
    use newsmark::attribution::{Role, RoleSlot};
    let mut s = String::new();
    for role in Role::ALL {
        let p = counts.label(role.slot());
        s.push_str(&format!(
            "{:>8}: precision {:6.2}%; recall {:6.2}%; F1 {:6.2}  (gold {}, found {})\n",
            role.as_str(),
            100.0 * p.precision,
            100.0 * p.recall,
            100.0 * p.f1,
            p.gold,
            p.found
        ));
    }
    s
}

fn train_attribution_cmd(
    data: &Path,
    out: &Path,
    content_out: &Path,
    cfg: &TrainConfig,
) -> Result<ExitCode, CliError> {
    use newsmark::attribution::{AttributionModel, Role};
    let train_articles = polnear_articles(data, "train")?;
    let dev_articles = polnear_articles(data, "dev")?;
    let layered = content_out.as_os_str() != "none";
    let layers: Vec<(&Path, &[Role])> = if layered {
        vec![
            (out, &[Role::Source, Role::Cue]),
            (content_out, &[Role::Content]),
        ]
    } else {
        vec![(out, &Role::ALL)]
    };
    let mut models = Vec::new();
    for (path, roles) in layers {
        let train_docs = units(&train_articles, roles);
        let dev_docs = units(&dev_articles, roles);
        let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        eprintln!(
            "training attribution ({}) on {} PolNeAR articles",
            names.join(", "),
            train_docs.len()
        );
        let (model, report) = train::train(&train_docs, Some(&dev_docs), cfg, |p| {
            if let Progress::Epoch {
                epoch,
                mistakes,
                dev_f1,
            } = p
            {
                eprintln!(
                    "epoch {epoch:>2}: {mistakes} units wrong, dev F1 ({}) {:.2}",
                    names.join(", "),
                    100.0 * dev_f1.unwrap_or(0.0)
                );
            }
        });
        let bytes = model.to_bytes();
        std::fs::write(path, &bytes).map_err(|e| CliError::Io(path.display().to_string(), e))?;
        eprintln!(
            "wrote {} ({} bytes, {} features)",
            path.display(),
            bytes.len(),
            report.features_kept
        );
        models.push(model);
    }
    let attribution = if layered {
        let content = models.pop().expect("two layers");
        AttributionModel::layered(models.pop().expect("two layers"), content)
    } else {
        AttributionModel::new(models.pop().expect("one model"))
    };
    eprintln!("PolNeAR dev, exact match per role, whole articles:");
    eprint!(
        "{}",
        role_report(&newsmark::attribution::polnear::evaluate_articles(
            &attribution,
            &dev_articles
        ))
    );
    Ok(ExitCode::SUCCESS)
}

fn eval_attribution_cmd(
    data: &Path,
    model: Option<&Path>,
    content_model: Option<&Path>,
    errors: bool,
) -> Result<ExitCode, CliError> {
    let read = |p: &Path| -> Result<NerModel, CliError> {
        let bytes = std::fs::read(p).map_err(|e| CliError::Io(p.display().to_string(), e))?;
        Ok(newsmark::ner::from_bytes(&bytes)?)
    };
    let attribution = match (model, content_model) {
        (Some(m), Some(c)) => newsmark::attribution::AttributionModel::layered(read(m)?, read(c)?),
        (Some(m), None) => newsmark::attribution::AttributionModel::new(read(m)?),
        _ => Annotator::builtin()?
            .attribution()
            .ok_or_else(|| CliError::Usage("no attribution model loaded".into()))?
            .clone(),
    };
    let articles = polnear_articles(data, "dev")?;
    let dev = units(&articles, &newsmark::attribution::Role::ALL);
    if errors {
        print_errors(attribution.model(), &dev);
    }
    outln!("PolNeAR dev, exact match per role, whole articles (every gold span, nested ones included):");
    out!(
        "{}",
        role_report(&newsmark::attribution::polnear::evaluate_articles(
            &attribution,
            &articles
        ))
    );
    outln!("PolNeAR dev, exact match per role, per paragraph (the training view: spans cut at paragraphs, nested spans dropped):");
    out!(
        "{}",
        role_report(&newsmark::attribution::evaluate(&attribution, &dev))
    );
    Ok(ExitCode::SUCCESS)
}

fn eval_referents_cmd(data: &Path, gold: &Path, errors: bool) -> Result<ExitCode, CliError> {
    use newsmark::attribution::polnear::{evaluate_referents, read_referents};
    let gold = read_referents(gold).map_err(|e| CliError::Usage(e.to_string()))?;
    let articles = polnear_articles(data, "dev")?;
    let annotator = Annotator::builtin()?;
    let c = evaluate_referents(
        |doc| annotator.annotate(doc),
        &articles,
        &gold,
        |g, pronoun, found| {
            if errors {
                outln!(
                    "{} {}..{} {pronoun:?}: gold {:?}, found {:?}",
                    g.article,
                    g.start,
                    g.end,
                    g.name.as_deref().unwrap_or("-"),
                    found.unwrap_or("-")
                );
            }
        },
    )
    .map_err(CliError::Usage)?;
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let (p, r) = (pct(c.correct, c.resolved), pct(c.correct, c.named));
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    outln!(
        "PolNeAR dev pronoun sources: {} with a named referent, {} without",
        c.named,
        c.unnamed
    );
    outln!(
        "  resolved {}, right {}: precision {p:.2}%; recall {r:.2}%; F1 {f:.2}",
        c.resolved,
        c.correct
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints every unit with a mistake: missed (-) and wrong (+) spans.
fn print_errors(model: &NerModel, docs: &[newsmark::tagger::train::Doc]) {
    let mut cache = newsmark::tagger::TypeCache::new();
    for doc in docs {
        let sentences: Vec<Vec<&str>> = doc
            .iter()
            .map(|e| e.words.iter().map(String::as_str).collect())
            .collect();
        let tagged = model.tag_document(&sentences, &mut cache);
        for (e, pred) in doc.iter().zip(tagged) {
            let pred: Vec<_> = pred.into_iter().map(|(s, _)| s).collect();
            let show = |s: &newsmark::tagger::tags::TokenSpan| {
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
                outln!(
                    "{}\n  - {}\n  + {}",
                    e.words.join(" "),
                    missed.join(" | "),
                    wrong.join(" | ")
                );
            }
        }
    }
}

fn annotate_format(
    files: &[PathBuf],
    format: newsmark::export::Format,
    out_dir: Option<&Path>,
    model: Option<&Path>,
) -> Result<ExitCode, CliError> {
    if files.is_empty() {
        return Err(CliError::Usage(
            "--format needs text files to annotate".into(),
        ));
    }
    if files.len() > 1 && out_dir.is_none() {
        return Err(CliError::Usage(
            "several files with --format: give --out-dir for the outputs".into(),
        ));
    }
    let annotator = load_annotator(model)?;
    let mut failures = 0;
    for path in files {
        let text = match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                String::from_utf8(b).map_err(|e| {
                    format!(
                        "not UTF-8 text (invalid byte at {})",
                        e.utf8_error().valid_up_to()
                    )
                })
            }) {
            Ok(t) => t,
            Err(e) => {
                failures += 1;
                eprintln!("newsmark: {}: skipped: {e}", path.display());
                continue;
            }
        };
        let doc = Document::new(text);
        let ann = annotator.annotate(&doc);
        let out = newsmark::export::export(&doc, &ann, format).map_err(newsmark::Error::from)?;
        match out_dir {
            None => {
                let mut stdout = io::stdout().lock();
                stdout
                    .write_all(out.as_bytes())
                    .map_err(|e| CliError::Io("stdout".into(), e))?;
            }
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| CliError::Io(dir.display().to_string(), e))?;
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                let target = dir.join(format!("{stem}.{}", format.extension()));
                std::fs::write(&target, out)
                    .map_err(|e| CliError::Io(target.display().to_string(), e))?;
                eprintln!("wrote {}", target.display());
            }
        }
    }
    Ok(if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Text is annotated in pieces of about this many bytes, cut at paragraph
/// breaks, so that memory stays flat however large the file.
const CHUNK: usize = 4 << 20;

/// The end of the last paragraph (or line, or word) break in `buf`, as a byte
/// offset after it; `None` if there is none.
fn cut_point(buf: &[u8]) -> Option<usize> {
    let find = |pat: &[u8]| {
        buf.windows(pat.len())
            .rposition(|w| w == pat)
            .map(|i| i + pat.len())
    };
    find(b"\n\n")
        .or_else(|| find(b"\n"))
        .or_else(|| buf.iter().rposition(|&b| b == b' ').map(|i| i + 1))
}

/// Annotates one text file into one JSON record, streaming: the file is read
/// and annotated piece by piece (cut at paragraph breaks), entities are
/// written as they come and claims and attributions are spilled to temporary
/// files, so memory does not grow with the file. Offsets are code points
/// into the whole file. A progress bar shows on stderr for large files.
fn annotate_file(out: &mut impl Write, annotator: &Annotator, path: &Path) -> Result<(), String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = if size > CHUNK as u64 {
        ProgressBar::new(size)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({eta} left)")
            .unwrap()
            .progress_chars("=> "),
    );
    bar.set_message(path.display().to_string());
    let spill = |name: &str| -> Result<(PathBuf, std::fs::File), String> {
        let p = std::env::temp_dir().join(format!(
            "newsmark-{}-{name}-{}",
            std::process::id(),
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        let f = std::fs::File::create(&p)
            .map_err(|e| format!("temporary file {}: {e}", p.display()))?;
        Ok((p, f))
    };
    let (entities_path, entities_file) = spill("entities")?;
    let (claims_path, claims_file) = spill("claims")?;
    let (attr_path, attr_file) = spill("attributions")?;
    let result = (|| -> Result<(), String> {
        // Nothing reaches `out` until the whole file has been read: a file
        // that turns out not to be UTF-8 half-way leaves no partial record.
        let mut entities_out = BufWriter::new(entities_file);
        let mut claims_out = BufWriter::new(claims_file);
        let mut attr_out = BufWriter::new(attr_file);
        let io = |e: io::Error| e.to_string();
        let id = serde_json::to_string(&path.display().to_string()).map_err(|e| e.to_string())?;

        let (mut base_chars, mut base_entities, mut base_attributions) = (0usize, 0usize, 0usize);
        let (mut n_entities, mut n_claims) = (0usize, 0usize);
        let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
        let mut offset = 0u64;
        let mut eof = false;
        while !eof || !buf.is_empty() {
            if !eof && buf.len() < CHUNK {
                let mut block = vec![0u8; CHUNK - buf.len() + 4096];
                let n = file.read(&mut block).map_err(io)?;
                eof = n == 0;
                buf.extend_from_slice(&block[..n]);
                if !eof {
                    continue;
                }
            }
            let cut = if eof {
                buf.len()
            } else {
                cut_point(&buf).unwrap_or(buf.len())
            };
            let piece: Vec<u8> = buf.drain(..cut).collect();
            let text = String::from_utf8(piece).map_err(|e| {
                format!(
                    "not UTF-8 text (invalid byte at {})",
                    offset + e.utf8_error().valid_up_to() as u64
                )
            })?;
            offset += text.len() as u64;
            let chars = text.chars().count();
            let doc = Document::new(text);
            let ann = annotator.annotate(&doc);
            let mut rec = annotations_out(&doc, &ann, Unit::Char).map_err(|e| e.to_string())?;
            for e in &mut rec.entities {
                e.start += base_chars;
                e.end += base_chars;
                if n_entities > 0 {
                    entities_out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut entities_out, e).map_err(|e| e.to_string())?;
                n_entities += 1;
            }
            for c in &mut rec.claims {
                c.start += base_chars;
                c.end += base_chars;
                c.attribution = c.attribution.map(|a| a + base_attributions);
                if n_claims > 0 {
                    claims_out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut claims_out, c).map_err(|e| e.to_string())?;
                n_claims += 1;
            }
            for a in &mut rec.attributions {
                for s in a
                    .source
                    .iter_mut()
                    .chain([&mut a.cue, &mut a.content])
                    .chain(a.content_pieces.iter_mut())
                {
                    s.start += base_chars;
                    s.end += base_chars;
                }
                a.source_entity = a.source_entity.map(|e| e + base_entities);
                a.source_refers_to = a.source_refers_to.map(|e| e + base_entities);
                if base_attributions > 0 {
                    attr_out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut attr_out, a).map_err(|e| e.to_string())?;
                base_attributions += 1;
            }
            base_entities = n_entities;
            base_chars += chars;
            bar.set_position(offset);
        }
        bar.finish_and_clear();
        entities_out.flush().map_err(io)?;
        claims_out.flush().map_err(io)?;
        attr_out.flush().map_err(io)?;
        drop((entities_out, claims_out, attr_out));
        write!(out, "{{\"id\":{id},\"entities\":[").map_err(io)?;
        io::copy(&mut std::fs::File::open(&entities_path).map_err(io)?, out).map_err(io)?;
        out.write_all(b"],\"claims\":[").map_err(io)?;
        io::copy(&mut std::fs::File::open(&claims_path).map_err(io)?, out).map_err(io)?;
        out.write_all(b"],\"attributions\":[").map_err(io)?;
        io::copy(&mut std::fs::File::open(&attr_path).map_err(io)?, out).map_err(io)?;
        out.write_all(b"]}\n").map_err(io)?;
        Ok(())
    })();
    let _ = std::fs::remove_file(&entities_path);
    let _ = std::fs::remove_file(&claims_path);
    let _ = std::fs::remove_file(&attr_path);
    result
}
