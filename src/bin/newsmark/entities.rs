//! `train` and `eval`: train the entity model on CoNLL-2003 and GUM's CC BY
//! genres, and score it conlleval-style on CoNLL, GUM CoNLL-U or JSONL gold.

use crate::annotate::load_annotator;
use crate::tagger::{print_errors, read_lexicon};
use crate::CliError;
use indicatif::{ProgressBar, ProgressStyle};
use newsmark::document::Document;
use newsmark::label::Label;
use newsmark::ner::{conll, gold, gum};
use newsmark::span::Span;
use newsmark::tagger::eval::EvalCounts;
use newsmark::tagger::train::{self, Doc, Progress, TrainConfig};
use newsmark::Annotator;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TrainArgs {
    /// Directory holding conll2003/train.txt, conll2003/dev.txt and treebanks/ud-english-gum/.
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
    /// Drop features whose largest averaged weight is below this (the
    /// shipped model: 4; the CoNLL-only model before it: 2).
    #[arg(long, default_value_t = 4.0)]
    prune: f32,
    /// In the features kept, drop the single weights below this.
    #[arg(long, default_value_t = 2.0)]
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

    /// GUM's CoNLL-U training file, for names beyond CoNLL's news (only its CC BY
    /// and public-domain genres are used): `default` (the shipped model) for
    /// DATA/treebanks/ud-english-gum/en_gum-ud-train.conllu, `none` for CoNLL
    /// alone. Trained together with CoNLL without domain copies, CoNLL dev fell
    /// 0.5 to 1.1 in every setting tried; with them (`--domain-copies conll`,
    /// the default) it does not (docs/ner-experiments.md).
    #[arg(long, default_value = "default")]
    gum: Option<PathBuf>,
    /// The GUM genres to train on, comma-separated; only CC BY or public-domain
    /// ones are accepted (default: all of those).
    #[arg(long, value_delimiter = ',')]
    gum_genres: Vec<String>,
    /// Train on every Nth GUM document only (1: all of them; measured: 2 keeps
    /// CoNLL dev at 93.0 where all of them cost it 0.3 more).
    #[arg(long, default_value_t = 2)]
    gum_every: usize,
    /// How many times each GUM document is seen per epoch (0: none).
    #[arg(long, default_value_t = 1)]
    gum_weight: usize,

    /// How many times each CoNLL training document is seen per epoch.
    #[arg(long, default_value_t = 1)]
    conll_weight: usize,
    /// Also train on a copy in capitals of every Nth training document (0: none),
    /// for headlines and title-case lines.
    #[arg(long, default_value_t = 0)]
    caps_every: usize,

    /// Train on title-case lines read in capitals, as the model reads them when
    /// tagging (the shipped model is not: it was trained on the words as written).
    #[arg(long)]
    train_title_case: bool,

    /// Domain copies of every feature (Daumé III 2007: one copy per corpus,
    /// CoNLL and GUM, besides the shared one), the model keeping the shared
    /// weights plus the copies of this corpus: `conll` (the shipped model),
    /// `gum`, `shared` (the shared weights alone) or `none` (no copies).
    #[arg(long, default_value = "conll")]
    domain_copies: String,

    /// Word clusters and gazetteers (built by scripts/build_lexicon.py); `none` for none.
    #[arg(long, default_value = "models/lexicon.txt")]
    lexicon: PathBuf,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// CoNLL-format files (CoNLL-2003, wikigold), GUM CoNLL-U files (`.conllu`,
    /// names derived as for training) or hand-written JSONL gold (`.jsonl`, as in
    /// tests/gold/, scored through the whole annotator as `annotate` runs it).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print the gold names of each file, one `name<TAB>LABEL` per line (to check
    /// how GUM's mentions were mapped), instead of scoring.
    #[arg(long)]
    print_gold: bool,
    /// Print one Markdown table row per file and label instead of the reports.
    #[arg(long)]
    table: bool,
    #[arg(long)]
    model: Option<PathBuf>,
    /// Also print every sentence with a mistake: missed (-) and wrong (+) entities.
    #[arg(long)]
    errors: bool,
    /// Score CoNLL and CoNLL-U files through the whole annotator, as `annotate`
    /// runs it, on their raw text (each document's sentences on lines, words
    /// joined by spaces), instead of the model on the gold tokens.
    #[arg(long)]
    raw: bool,
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
        read_title_case: args.train_title_case,
        pos: None,
        copies_together: args.conll_weight > 1 || args.gum_weight > 1 || args.caps_every > 0,
        domain_copies: match args.domain_copies.as_str() {
            "none" => None,
            "conll" => Some(0),
            "gum" => Some(1),
            "shared" => Some(255),
            x => {
                return Err(CliError::Usage(format!(
                    "--domain-copies {x:?}: expected conll or gum"
                )))
            }
        },
    };
    let gum_path = match args.gum {
        Some(p) if p.as_os_str() == "none" => None,
        Some(p) if p.as_os_str() == "default" => Some(
            args.data
                .join("treebanks/ud-english-gum/en_gum-ud-train.conllu"),
        ),
        Some(p) => Some(p),
        None => None,
    }
    .filter(|_| args.gum_weight > 0);
    let train_path = args
        .train
        .unwrap_or_else(|| args.data.join("conll2003/train.txt"));
    let dev_path = args
        .dev
        .unwrap_or_else(|| args.data.join("conll2003/dev.txt"));
    let gum = match &gum_path {
        Some(p) => {
            let docs = gum::read(p).map_err(|e| CliError::Io(p.display().to_string(), e))?;
            let genres: Vec<&str> = if args.gum_genres.is_empty() {
                gum::CC_BY_GENRES.to_vec()
            } else {
                args.gum_genres.iter().map(String::as_str).collect()
            };
            if let Some(g) = genres.iter().find(|g| !gum::CC_BY_GENRES.contains(g)) {
                return Err(CliError::Usage(format!(
                    "GUM genre {g:?} is not CC BY or public domain (allowed: {})",
                    gum::CC_BY_GENRES.join(", ")
                )));
            }
            let ex: Vec<Doc> = gum::examples(&docs, &genres)
                .into_iter()
                .step_by(args.gum_every.max(1))
                .collect();
            eprintln!(
                "GUM: {} of {} documents (every {} of the genres {}), each seen {} times per epoch",
                ex.len(),
                docs.len(),
                args.gum_every.max(1),
                genres.join(", "),
                args.gum_weight
            );
            (0..args.gum_weight).flat_map(|_| ex.clone()).collect()
        }
        None => Vec::new(),
    };
    let weights = (args.conll_weight, args.caps_every);
    train_cmd(&train_path, gum, weights, &dev_path, &args.out, &cfg)
}

pub fn run_eval(args: EvalArgs) -> Result<ExitCode, CliError> {
    let annotator = load_annotator(args.model.as_deref())?;
    if args.table {
        outln!("| set | label | precision | recall | F1 | gold |");
        outln!("|---|---|---:|---:|---:|---:|");
    }
    for file in &args.files {
        if args.print_gold {
            for doc in gold_examples(file)? {
                for e in doc {
                    for s in &e.spans {
                        outln!("{}\t{}", e.words[s.start..s.end].join(" "), s.label);
                    }
                }
            }
            continue;
        }
        let counts = if args.raw && file.extension().is_none_or(|e| e != "jsonl") {
            eval_raw(&annotator, &gold_examples(file)?)
        } else {
            eval_file(&annotator, file, args.errors)?
        };
        if args.table {
            // The file with its directory: conll2003/dev.txt, wikigold/dev.txt.
            let parts: Vec<_> = file.iter().map(|c| c.to_string_lossy()).collect();
            let name = parts[parts.len().saturating_sub(2)..].join("/");
            let row = |l: &str, p: newsmark::tagger::eval::Prf| {
                outln!(
                    "| {name} | {l} | {:.2} | {:.2} | {:.2} | {} |",
                    100.0 * p.precision,
                    100.0 * p.recall,
                    100.0 * p.f1,
                    p.gold
                );
            };
            row("all", counts.overall());
            for l in newsmark::label::Label::NAMES {
                row(l.as_str(), counts.label(l));
            }
        } else {
            if args.files.len() > 1 {
                outln!("{}:", file.display());
            }
            out!("{}", counts.report());
        }
    }
    Ok(ExitCode::SUCCESS)
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
    extra: Vec<Doc>,
    (conll_weight, caps_every): (usize, usize),
    dev_path: &Path,
    out: &Path,
    cfg: &TrainConfig,
) -> Result<ExitCode, CliError> {
    let train_docs = conll::read(train_path).map_err(newsmark::Error::from)?;
    let conll_ex = conll::examples(&train_docs);
    let mut train_ex: Vec<Doc> = (0..conll_weight).flat_map(|_| conll_ex.clone()).collect();
    train_ex.extend(extra);
    if caps_every > 0 {
        let caps: Vec<Doc> = train_ex
            .iter()
            .step_by(caps_every)
            .map(|d| newsmark::ner::in_capitals(d))
            .collect();
        eprintln!("{} documents also in capitals", caps.len());
        train_ex.extend(caps);
    }
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
    // The lexicon compiled, so that opening the model builds no table.
    let model = model.with_compiled_lexicon();
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

/// The gold of a CoNLL or GUM CoNLL-U file, as tagger examples.
fn gold_examples(file: &Path) -> Result<Vec<Doc>, CliError> {
    if file.extension().is_some_and(|e| e == "conllu") {
        let docs = gum::read(file).map_err(|e| CliError::Io(file.display().to_string(), e))?;
        Ok(docs.into_iter().map(|d| d.sentences).collect())
    } else {
        Ok(conll::examples(
            &conll::read(file).map_err(newsmark::Error::from)?,
        ))
    }
}

/// The names the whole annotator finds in `doc` (PER, ORG, LOC, MISC), as
/// `annotate` runs it.
fn predicted_names(annotator: &Annotator, doc: &Document) -> Vec<(Span, Label)> {
    annotator
        .entities(doc)
        .into_iter()
        .filter(|e| Label::NAMES.contains(&e.label))
        .map(|e| (e.span, e.label))
        .collect()
}

/// Scores `docs` through the whole annotator: each document's sentences on
/// lines, their words joined by spaces, the gold names at their offsets there.
fn eval_raw(annotator: &Annotator, docs: &[Vec<newsmark::tagger::train::Example>]) -> EvalCounts {
    let mut counts = EvalCounts::default();
    for doc in docs {
        let mut text = String::new();
        let mut gold: Vec<(Span, Label)> = Vec::new();
        for (i, sentence) in doc.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            let mut bounds = Vec::with_capacity(sentence.words.len());
            for (k, w) in sentence.words.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                bounds.push((text.len(), text.len() + w.len()));
                text.push_str(w);
            }
            for s in &sentence.spans {
                gold.push((Span::new(bounds[s.start].0, bounds[s.end - 1].1), s.label));
            }
        }
        let d = Document::new(text.as_str());
        counts.add_spans(&gold, &predicted_names(annotator, &d), d.tokens().len());
    }
    counts
}

fn eval_file(annotator: &Annotator, file: &Path, errors: bool) -> Result<EvalCounts, CliError> {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "jsonl" {
        let text = std::fs::read_to_string(file)
            .map_err(|e| CliError::Io(file.display().to_string(), e))?;
        let gold =
            gold::parse(&text).map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
        let mut counts = EvalCounts::default();
        for g in &gold {
            let doc = Document::new(g.text.as_str());
            let pred = predicted_names(annotator, &doc);
            if errors {
                let show = |v: &[(Span, Label)], other: &[(Span, Label)]| {
                    v.iter()
                        .filter(|m| !other.contains(m))
                        .map(|(s, l)| format!("{} [{l}]", &g.text[s.range()]))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                if pred != g.entities {
                    outln!(
                        "{}\n  - {}\n  + {}",
                        g.text,
                        show(&g.entities, &pred),
                        show(&pred, &g.entities)
                    );
                }
            }
            counts.add_spans(&g.entities, &pred, doc.tokens().len());
        }
        return Ok(counts);
    }
    let examples = gold_examples(file)?;
    if errors {
        print_errors(annotator.ner(), &examples);
    }
    Ok(train::evaluate(annotator.ner(), &examples))
}
