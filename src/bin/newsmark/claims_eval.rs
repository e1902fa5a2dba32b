//! What `train-claims` and `eval-claims` share: the training sources
//! (CheckThat! 2024 train, the CLEF 2019 and 2020 debates), the recipe that
//! turns them into a training set, calibration on dev, the
//! hold-one-source-out evaluation and the news gold set.

use crate::CliError;
use newsmark::claims::checkworthy::{train, Labelled, TrainConfig};
use newsmark::claims::data::{read_clef_documents, read_ct24, ClefDocument, LabelledSentence};
use newsmark::claims::CheckWorthyModel;
use newsmark::tagger::lexicon::Lexicon;
use newsmark::{Annotator, Document};
use std::collections::HashSet;
use std::path::Path;

/// How the CLEF debate transcripts enter the training set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ClefUse {
    /// Every sentence: the fact-checked ones as positives, the rest as
    /// negatives weighted by --clef-negative-weight.
    All,
    /// Only the fact-checked sentences, as positives.
    Positives,
    /// Not at all.
    None,
}

/// How a model is trained (the `train-claims` options).
#[derive(clap::Args, Clone, Debug)]
pub struct Recipe {
    /// L-BFGS iterations, in units of 20.
    #[arg(long, default_value_t = 15)]
    pub epochs: usize,
    /// Inverse L2 strength (as LIBLINEAR's C).
    #[arg(long, default_value_t = 0.5)]
    pub c: f32,
    /// Weights kept in the model file.
    #[arg(long, default_value_t = 15_000)]
    pub keep: usize,
    /// A feature must occur in this many training sentences.
    #[arg(long, default_value_t = 2)]
    pub min_df: u32,
    /// How the CLEF 2019 and 2020 debates are used.
    #[arg(long, value_enum, default_value_t = ClefUse::All)]
    pub clef: ClefUse,
    /// The weight of a CLEF sentence that was not fact-checked (with --clef all).
    #[arg(long, default_value_t = 0.1)]
    pub clef_negative_weight: f32,
    /// Leave out the 7 CLEF 2019 test documents (as the models before issue 15 did).
    #[arg(long)]
    pub clef2019_train_only: bool,
    /// Without the cue features (numbers, comparisons, tense …): words only.
    #[arg(long)]
    pub no_cues: bool,
    /// Do not calibrate on CheckThat! 2024 dev (probability σ(z), threshold 0.5).
    #[arg(long)]
    pub no_calibration: bool,
    /// Calibrate and choose the threshold on dev and dev-test together
    /// (then dev-test is no longer held out); by default on dev only.
    #[arg(long)]
    pub calibrate_with_dev_test: bool,
}

/// A training or evaluation sentence with its tokens.
pub struct Sentence {
    pub tokens: Vec<String>,
    pub checkworthy: bool,
    /// Lower-cased letters and digits only, to find the same sentence in two sources.
    pub key: String,
}

impl Sentence {
    fn new(s: &LabelledSentence) -> Self {
        Sentence {
            tokens: sentence_tokens(&s.text),
            checkworthy: s.checkworthy,
            key: s
                .text
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect(),
        }
    }

    pub fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(String::as_str).collect()
    }
}

pub fn sentence_tokens(text: &str) -> Vec<String> {
    let doc = Document::new(text);
    (0..doc.tokens().len())
        .map(|i| doc.token_text(i).to_string())
        .collect()
}

/// The sources a model is trained and measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// CheckThat! 2024 (= ClaimBuster) train, dev and dev-test.
    Ct24,
    /// The 26 CLEF 2019 debates (train and test-2019).
    Clef2019,
    /// The 50 CLEF 2020 training debates.
    Clef2020,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Ct24, Source::Clef2019, Source::Clef2020];

    pub fn name(self) -> &'static str {
        match self {
            Source::Ct24 => "CT24 / ClaimBuster",
            Source::Clef2019 => "CLEF 2019 debates",
            Source::Clef2020 => "CLEF 2020 debates",
        }
    }
}

pub struct Sources {
    pub ct24_train: Vec<Sentence>,
    pub dev: Vec<Sentence>,
    pub dev_test: Vec<Sentence>,
    /// Per document; the flag marks the CLEF 2019 test documents.
    pub clef2019: Vec<(Vec<Sentence>, bool)>,
    pub clef2020: Vec<Vec<Sentence>>,
}

fn usage<E: std::fmt::Display>(e: E) -> CliError {
    CliError::Usage(e.to_string())
}

impl Sources {
    pub fn load(data: &Path) -> Result<Self, CliError> {
        let ct24 = |split: &str| -> Result<Vec<Sentence>, CliError> {
            let path = data.join(format!("claims/ct24-claimbuster/{split}.tsv"));
            Ok(read_ct24(&path)
                .map_err(usage)?
                .iter()
                .map(Sentence::new)
                .collect())
        };
        let clef = |sub: &str| -> Result<Vec<ClefDocument>, CliError> {
            read_clef_documents(&data.join(sub)).map_err(usage)
        };
        let docs = |d: Vec<ClefDocument>| -> Vec<Vec<Sentence>> {
            d.iter()
                .map(|d| d.sentences.iter().map(Sentence::new).collect())
                .collect()
        };
        let mut clef2019: Vec<(Vec<Sentence>, bool)> =
            docs(clef("claims/clef2019-task1-debates/train")?)
                .into_iter()
                .map(|d| (d, false))
                .collect();
        clef2019.extend(
            docs(clef("claims/clef2019-task1-debates/test-2019")?)
                .into_iter()
                .map(|d| (d, true)),
        );
        Ok(Sources {
            ct24_train: ct24("train")?,
            dev: ct24("dev")?,
            dev_test: ct24("dev-test")?,
            clef2019,
            clef2020: docs(clef("claims/clef2020-task5-debates/train")?),
        })
    }

    /// The evaluation documents of a held-out source (CT24: all its
    /// sentences as one ranking).
    pub fn held_out(&self, source: Source) -> Vec<Vec<&Sentence>> {
        match source {
            Source::Ct24 => vec![self
                .ct24_train
                .iter()
                .chain(&self.dev)
                .chain(&self.dev_test)
                .collect()],
            Source::Clef2019 => self
                .clef2019
                .iter()
                .map(|(d, _)| d.iter().collect())
                .collect(),
            Source::Clef2020 => self.clef2020.iter().map(|d| d.iter().collect()).collect(),
        }
    }

    /// The training set of `recipe` without the source `without` (and
    /// without any sentence that also occurs in it). When that leaves no
    /// negative example (CT24 held out, CLEF positives only), the CLEF
    /// negatives come in at weight 1.
    pub fn training_set(&self, recipe: &Recipe, without: Option<Source>) -> Vec<Labelled> {
        let banned: HashSet<&str> = without
            .map(|s| {
                self.held_out(s)
                    .into_iter()
                    .flatten()
                    .map(|x| x.key.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let mut clef = recipe.clef;
        let mut neg_weight = recipe.clef_negative_weight;
        if without == Some(Source::Ct24) && clef != ClefUse::All {
            clef = ClefUse::All;
            neg_weight = 1.0;
        }
        let mut out = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let add = |s: &Sentence, weight: f32, out: &mut Vec<Labelled>| {
            if !banned.contains(s.key.as_str()) {
                out.push(Labelled {
                    tokens: s.tokens.clone(),
                    checkworthy: s.checkworthy,
                    weight,
                });
            }
        };
        if without != Some(Source::Ct24) {
            for s in &self.ct24_train {
                add(s, 1.0, &mut out);
            }
        }
        if clef != ClefUse::None {
            let docs2019 = self
                .clef2019
                .iter()
                .filter(|(_, test)| !test || !recipe.clef2019_train_only)
                .map(|(d, _)| d)
                .filter(|_| without != Some(Source::Clef2019));
            let docs2020 = self
                .clef2020
                .iter()
                .filter(|_| without != Some(Source::Clef2020));
            for s in docs2019.chain(docs2020).flatten() {
                // The two editions share documents: each sentence once.
                if !seen.insert(s.key.as_str()) {
                    continue;
                }
                match (s.checkworthy, clef) {
                    (true, _) => add(s, 1.0, &mut out),
                    (false, ClefUse::All) => add(s, neg_weight, &mut out),
                    _ => {}
                }
            }
        }
        out
    }
}

/// Trains a model by `recipe` without `without`; calibrated on dev unless
/// `--no-calibration` or CT24 itself is held out.
pub fn train_model(
    sources: &Sources,
    recipe: &Recipe,
    without: Option<Source>,
    lex: &Lexicon,
) -> CheckWorthyModel {
    let data = sources.training_set(recipe, without);
    eprintln!(
        "training on {} sentences ({} check-worthy){}",
        data.len(),
        data.iter().filter(|d| d.checkworthy).count(),
        without.map_or(String::new(), |s| format!(", without {}", s.name()))
    );
    let cfg = TrainConfig {
        epochs: recipe.epochs,
        c: recipe.c,
        keep: recipe.keep,
        min_df: recipe.min_df,
        cues: !recipe.no_cues,
    };
    let mut model = train(&data, lex, &cfg, |_, _| {});
    if !recipe.no_calibration && without != Some(Source::Ct24) {
        let dev_test: &[Sentence] = if recipe.calibrate_with_dev_test {
            &sources.dev_test
        } else {
            &[]
        };
        let z: Vec<(f32, bool)> = sources
            .dev
            .iter()
            .chain(dev_test)
            .map(|s| (model.linear(&s.words(), lex), s.checkworthy))
            .collect();
        let (a, b) = platt(&z);
        let scored: Vec<(f32, bool)> = z
            .iter()
            .map(|&(z, y)| (1.0 / (1.0 + (-(a * z + b)).exp()), y))
            .collect();
        model.set_calibration(a, b, best_threshold(&scored));
    }
    model
}

/// Platt scaling: the `(a, b)` that minimise the log loss of σ(a·z + b),
/// by Newton's method (with Platt's smoothed targets).
pub fn platt(z: &[(f32, bool)]) -> (f32, f32) {
    let pos = z.iter().filter(|(_, y)| *y).count() as f64;
    let neg = z.len() as f64 - pos;
    let (t_pos, t_neg) = ((pos + 1.0) / (pos + 2.0), 1.0 / (neg + 2.0));
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-9, 0.0, 1e-9);
        for &(zi, y) in z {
            let zi = zi as f64;
            let p = 1.0 / (1.0 + (-(a * zi + b)).exp());
            let t = if y { t_pos } else { t_neg };
            let d = p - t;
            ga += d * zi;
            gb += d;
            let w = p * (1.0 - p);
            haa += w * zi * zi;
            hab += w * zi;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    (a as f32, b as f32)
}

/// The threshold (on a 0.01 grid) with the best F1; ties go to the one
/// nearest 0.5.
pub fn best_threshold(scored: &[(f32, bool)]) -> f32 {
    let mut best = (f64::MIN, 0.5f32);
    for step in 5..=95 {
        let t = step as f32 / 100.0;
        let f = prf(scored.iter().map(|&(p, y)| (p >= t, y))).2;
        let better = f > best.0 + 1e-12
            || ((f - best.0).abs() <= 1e-12 && (t - 0.5).abs() < (best.1 - 0.5).abs());
        if better {
            best = (f, t);
        }
    }
    best.1
}

/// Precision, recall and F1 of `(predicted, gold)` pairs.
pub fn prf(pairs: impl Iterator<Item = (bool, bool)>) -> (f64, f64, f64) {
    let (mut tp, mut found, mut gold) = (0.0, 0.0, 0.0);
    for (p, g) in pairs {
        tp += f64::from(u8::from(p && g));
        found += f64::from(u8::from(p));
        gold += f64::from(u8::from(g));
    }
    let p = if found > 0.0 { tp / found } else { 0.0 };
    let r = if gold > 0.0 { tp / gold } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Average precision of a ranking of `(score, gold)` (0 without positives).
pub fn average_precision(scored: &[(f32, bool)]) -> Option<f64> {
    let mut v = scored.to_vec();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut hits, mut sum) = (0.0, 0.0);
    for (i, &(_, y)) in v.iter().enumerate() {
        if y {
            hits += 1.0;
            sum += hits / (i + 1) as f64;
        }
    }
    (hits > 0.0).then(|| sum / hits)
}

/// MAP (over documents with a positive) and F1 at the model's threshold
/// of `model` on `docs`.
pub fn rank_and_f1(
    model: &CheckWorthyModel,
    lex: &Lexicon,
    docs: &[Vec<&Sentence>],
) -> (f64, (f64, f64, f64)) {
    let mut aps = Vec::new();
    let mut all = Vec::new();
    for d in docs {
        let scored: Vec<(f32, bool)> = d
            .iter()
            .map(|s| (model.score(&s.words(), lex), s.checkworthy))
            .collect();
        aps.extend(average_precision(&scored));
        all.extend(scored);
    }
    let map = aps.iter().sum::<f64>() / aps.len().max(1) as f64;
    (
        map,
        prf(all.iter().map(|&(p, y)| (p >= model.threshold, y))),
    )
}

/// One article of the news gold set.
#[derive(serde::Deserialize)]
struct NewsArticle {
    id: String,
    sep: String,
    paragraphs: Vec<Vec<(String, bool)>>,
}

/// Per gold sentence of a news gold file: (article id, sentence, gold,
/// flagged by the pipeline). A sentence counts as flagged when claims cover
/// at least half of its bytes.
pub fn news_gold(
    annotator: &Annotator,
    file: &Path,
) -> Result<Vec<(String, String, bool, bool)>, CliError> {
    let text =
        std::fs::read_to_string(file).map_err(|e| CliError::Io(file.display().to_string(), e))?;
    let mut out = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let a: NewsArticle = serde_json::from_str(line)
            .map_err(|e| CliError::Usage(format!("{}:{}: {e}", file.display(), i + 1)))?;
        let mut article = String::new();
        let mut gold = Vec::new();
        for (p, para) in a.paragraphs.iter().enumerate() {
            if p > 0 {
                article.push_str(&a.sep);
            }
            for (k, (s, y)) in para.iter().enumerate() {
                if k > 0 {
                    article.push(' ');
                }
                gold.push((article.len(), article.len() + s.len(), s.clone(), *y));
                article.push_str(s);
            }
        }
        let ann = annotator.annotate(&Document::new(article.as_str()));
        for (start, end, s, y) in gold {
            let covered: usize = ann
                .claims
                .iter()
                .map(|c| c.span.end.min(end).saturating_sub(c.span.start.max(start)))
                .sum();
            out.push((a.id.clone(), s, y, 2 * covered >= end - start));
        }
    }
    Ok(out)
}
