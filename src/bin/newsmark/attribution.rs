//! `train-attribution`, `eval-attribution` and `eval-referents`: the attribution
//! tagger (source, cue, content) and pronoun referents on PolNeAR.

use crate::tagger::{print_errors, read_lexicon};
use crate::CliError;
use newsmark::syntax::PosTagger;
use newsmark::tagger::train::{self, Progress, TrainConfig};
use newsmark::Annotator;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct TrainAttributionArgs {
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
    #[arg(long, default_value_t = 10.0)]
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
    /// The part-of-speech tagger whose tags are features (`newsmark
    /// train-pos` makes it); `none`: no parts of speech, as models before
    /// them; `builtin`: the tagger embedded in this build. The model runs
    /// only with the tagger it was trained with: the one the build embeds
    /// from models/pos.nmk.
    #[arg(long, default_value = "models/pos.nmk")]
    pos: String,
}

#[derive(clap::Args)]
pub struct EvalReferentsArgs {
    #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
    data: PathBuf,
    /// Gold referents: tab-separated id, article, start, end, pronoun, name (or -).
    #[arg(long, default_value = "tests/gold/referents-polnear-dev.tsv")]
    gold: PathBuf,
    /// Also print every wrong or missing referent.
    #[arg(long)]
    errors: bool,
}

#[derive(clap::Args)]
pub struct EvalAttributionArgs {
    #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
    data: PathBuf,
    /// A model file (of all roles, or with --content-model of sources and cues).
    #[arg(long)]
    model: Option<PathBuf>,
    /// The content layer of a two-layer model.
    #[arg(long, requires = "model")]
    content_model: Option<PathBuf>,
    /// The part-of-speech tagger a --model trained with parts of speech
    /// needs (default: the one embedded in this build).
    #[arg(long, requires = "model")]
    pos: Option<PathBuf>,
    /// Also print every paragraph with a mistake (PER = source, ORG = cue, LOC = content).
    #[arg(long)]
    errors: bool,
    /// Also score a news gold set of JSON lines `{"text", "attributions":
    /// [{"source", "cue", "content"}]}` (tests/gold/attribution-news-heldout.jsonl):
    /// whole attributions and each role, exact text; repeat for more sets.
    #[arg(long)]
    news: Vec<PathBuf>,
}

/// The part-of-speech tagger in `file`, or the embedded one.
fn read_pos(file: Option<&Path>) -> Result<Arc<PosTagger>, CliError> {
    let tagger = match file {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| CliError::Io(p.display().to_string(), e))?;
            PosTagger::from_bytes(&bytes)
        }
        None => PosTagger::builtin(),
    };
    tagger
        .map(Arc::new)
        .map_err(|e| CliError::Usage(e.to_string()))
}

pub fn run_train(args: TrainAttributionArgs) -> Result<ExitCode, CliError> {
    let lexicon = read_lexicon(&args.lexicon)?;
    let pos = match args.pos.as_str() {
        "none" => None,
        "builtin" => Some(read_pos(None)?),
        file => Some(read_pos(Some(Path::new(file)))?),
    };
    let task = if pos.is_some() {
        newsmark::attribution::features::ATTRIBUTION_FORMS
    } else {
        newsmark::attribution::features::ATTRIBUTION
    };
    let cfg = TrainConfig {
        seed: args.seed,
        epochs: args.epochs,
        min_count: args.min_count,
        prune: args.prune,
        prune_weights: args.prune_weights,
        retrain: args.retrain,
        lexicon,
        second: args.second,
        pos,
        ..TrainConfig::new(task)
    };
    train_attribution_cmd(&args.data, &args.out, &args.content_out, &cfg)
}

pub fn run_eval(args: EvalAttributionArgs) -> Result<ExitCode, CliError> {
    eval_attribution_cmd(
        &args.data,
        args.model.as_deref(),
        args.content_model.as_deref(),
        args.pos.as_deref(),
        args.errors,
    )?;
    for file in &args.news {
        news_cmd(file)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores the built-in pipeline on a news gold set of JSON lines: exact
/// (source, cue, content) triples, and each role's texts, per item.
fn news_cmd(file: &Path) -> Result<(), CliError> {
    let text =
        std::fs::read_to_string(file).map_err(|e| CliError::Io(file.display().to_string(), e))?;
    let annotator = Annotator::builtin()?;
    // [whole, source, cue, content]: (right, gold, found).
    let mut n = [(0usize, 0usize, 0usize); 4];
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |e: String| CliError::Usage(format!("{}:{}: {e}", file.display(), i + 1));
        let item: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let body = item["text"]
            .as_str()
            .ok_or_else(|| bad("no \"text\"".into()))?;
        let doc = newsmark::Document::new(body);
        let part = |s: newsmark::span::Span| body[s.range()].to_string();
        let found: Vec<[Option<String>; 3]> = annotator
            .attributions(&doc)
            .iter()
            .map(|a| {
                [
                    a.source.map(part),
                    Some(part(a.cue)),
                    a.content_span().map(part),
                ]
            })
            .collect();
        let field = |a: &serde_json::Value, k: &str| a[k].as_str().map(str::to_string);
        let gold: Vec<[Option<String>; 3]> = item["attributions"]
            .as_array()
            .ok_or_else(|| bad("no \"attributions\" list".into()))?
            .iter()
            .map(|a| [field(a, "source"), field(a, "cue"), field(a, "content")])
            .collect();
        n[0].0 += gold.iter().filter(|g| found.contains(g)).count();
        n[0].1 += gold.len();
        n[0].2 += found.len();
        for role in 0..3 {
            let mut left: Vec<&String> = found.iter().filter_map(|f| f[role].as_ref()).collect();
            n[role + 1].2 += left.len();
            for g in gold.iter().filter_map(|g| g[role].as_ref()) {
                n[role + 1].1 += 1;
                if let Some(k) = left.iter().position(|f| *f == g) {
                    left.swap_remove(k);
                    n[role + 1].0 += 1;
                }
            }
        }
    }
    outln!("news gold ({}), exact text:", file.display());
    for (name, (right, gold, found)) in ["whole", "source", "cue", "content"].iter().zip(n) {
        let s = newsmark::tagger::eval::Prf::new(right, found, gold);
        outln!(
            "  {name:>7}: precision {:6.2}%; recall {:6.2}%; F1 {:6.2}  (gold {gold}, found {found})",
            100.0 * s.precision,
            100.0 * s.recall,
            100.0 * s.f1
        );
    }
    Ok(())
}

pub fn run_eval_referents(args: EvalReferentsArgs) -> Result<ExitCode, CliError> {
    eval_referents_cmd(&args.data, &args.gold, args.errors)
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
    pos: Option<&Path>,
    errors: bool,
) -> Result<(), CliError> {
    let read = |p: &Path| -> Result<newsmark::tagger::Model, CliError> {
        let bytes = std::fs::read(p).map_err(|e| CliError::Io(p.display().to_string(), e))?;
        Ok(newsmark::attribution::read_model(
            &bytes,
            Some(read_pos(pos)?),
        )?)
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
    outln!("PolNeAR dev, exact match per role, as the evaluator scores the CLI (each gold span the hull of its pieces, as written; the content as the hull of its pieces; whole articles, nested spans included):");
    out!(
        "{}",
        role_report(&newsmark::attribution::polnear::evaluate_articles_hull(
            |doc| attribution.find(doc),
            &articles
        ))
    );
    outln!("PolNeAR dev, exact match per role, whole articles (every gold piece on its own, white space trimmed, nested ones included):");
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
    Ok(())
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
    let s = newsmark::tagger::eval::Prf::new(c.correct, c.resolved, c.named);
    let (p, r, f) = (100.0 * s.precision, 100.0 * s.recall, 100.0 * s.f1);
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

#[derive(clap::Args)]
pub struct TrainPosArgs {
    /// The shared data directory (holding treebanks/), or the treebanks directory.
    #[arg(long, env = "NEWSMARK_DATA", default_value = "../shared/data")]
    data: PathBuf,
    #[arg(long, default_value = "models/pos.nmk")]
    out: PathBuf,
    /// Training epochs.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// Trains the part-of-speech tagger on UD English EWT and GUM's CC BY genres
/// (train splits), reports UPOS accuracy on both dev splits and writes it.
pub fn run_train_pos(args: TrainPosArgs) -> Result<ExitCode, CliError> {
    use newsmark::syntax::train::{load, train_pos, treebank_file, TrainConfig};
    let dir = if args.data.join("treebanks").is_dir() {
        args.data.join("treebanks")
    } else {
        args.data.clone()
    };
    let read = |bank: &str, split: &str| {
        let path = treebank_file(&dir, bank, split);
        load(&path)
            .map(|(sentences, stats)| {
                eprintln!("{bank} {split}: {stats}");
                sentences
            })
            .map_err(|e| CliError::Io(path.display().to_string(), e))
    };
    let mut data = read("ewt", "train")?;
    data.extend(read("gum", "train")?);
    let (ewt_dev, gum_dev) = (read("ewt", "dev")?, read("gum", "dev")?);
    let cfg = TrainConfig {
        tag_epochs: args.epochs,
        seed: args.seed,
        ..TrainConfig::default()
    };
    let tagger = train_pos(
        &cfg,
        &data,
        &[("EWT dev", &ewt_dev[..]), ("GUM dev", &gum_dev[..])],
        |line| eprintln!("{line}"),
    );
    let bytes = tagger.to_bytes();
    std::fs::write(&args.out, &bytes)
        .map_err(|e| CliError::Io(args.out.display().to_string(), e))?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(ExitCode::SUCCESS)
}
