//! Training the entity model: structured averaged perceptrons (Collins
//! 2002) over the features in [`super::features`], then pruning and
//! quantisation into a [`Model`].
//!
//! With two stages, the second tagger also sees document-level features
//! computed from the first tagger's output. To train it on realistic first-
//! stage output, the training documents are split in folds and each fold is
//! tagged by a first-stage model trained on the other folds (jackknifing).

use super::decode::decode_labels;
use super::eval::EvalCounts;
use super::features::{
    context_features, doc_features, read_title_case, word_features, SentenceContext, TaskRef, BOS,
    EOS, WINDOW,
};
use super::lexicon::Lexicon;
use super::model::{Model, SecondStage, Tagger, TypeCache};
use super::tags::{bilou_from_spans, TokenSpan, N_TAGS};
use crate::binfmt::{codebook, nearest, IdMap};

/// One training sentence: its words and gold entity spans.
#[derive(Debug, Clone)]
pub struct Example {
    pub words: Vec<String>,
    pub spans: Vec<TokenSpan>,
    /// Which corpus the sentence comes from (0: the main one, CoNLL for
    /// entities; 1: GUM), for [`TrainConfig::domain_copies`].
    pub domain: u8,
}

/// The sentences of one article, in order.
pub type Doc = Vec<Example>;

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Drop features seen fewer times than this in training.
    pub min_count: u32,
    /// Drop features whose largest averaged weight (in absolute value) is below this.
    pub prune: f32,
    /// In the features kept, set the single weights below this (in absolute
    /// value) to zero: sparser rows, a smaller file. 0: keep them all.
    pub prune_weights: f32,
    /// Train once, keep the features that survive pruning, then train again
    /// from scratch on those features only, so that their weights make up
    /// for the ones dropped.
    pub retrain: bool,
    /// 8 or 16.
    pub weight_bits: u8,
    pub seed: u64,
    /// Clusters and gazetteers for features; stored in the model.
    pub lexicon: Lexicon,
    /// The second, document-level stage: `none`, `stacked`, `full` or `again`.
    pub second: String,
    /// Folds for jackknifing the first stage's output on the training data.
    pub folds: usize,
    /// What the model tags (entities, or attribution roles).
    pub task: TaskRef,
    /// Train on title-case lines as the model reads them (in capitals), when
    /// the task distrusts title case. Off for the shipped entity model: it was
    /// trained on the words as written and reads title case in capitals only
    /// when tagging (CoNLL dev 93.53 that way, 93.18 trained on the reading).
    pub read_title_case: bool,
    /// Keep the copies of a document in one jackknife fold: on when the
    /// training set repeats documents on purpose (weights, copies in capitals).
    pub copies_together: bool,
    /// Domain copies of features (Daumé III, "Frustratingly easy domain
    /// adaptation", 2007): in training, every feature also counts as a copy
    /// of its own for the sentence's corpus ([`Example::domain`]), so that
    /// what only one corpus does goes to that corpus's copies. The model
    /// keeps the shared weights plus the copies of domain `Some(d)`.
    /// `None`: no copies (the default here; `newsmark train` asks for CoNLL's).
    pub domain_copies: Option<u8>,
    /// The part-of-speech tagger, for a task whose features need it.
    pub pos: Option<std::sync::Arc<crate::syntax::PosTagger>>,
}

impl TrainConfig {
    /// The default settings for training a model of `task`.
    pub fn new(task: TaskRef) -> Self {
        TrainConfig {
            epochs: 12,
            min_count: 2,
            prune: 2.0,
            prune_weights: 0.0,
            retrain: false,
            weight_bits: 8,
            seed: 42,
            lexicon: Lexicon::default(),
            second: "again".into(),
            folds: 5,
            task,
            read_title_case: false,
            copies_together: false,
            domain_copies: None,
            pos: None,
        }
    }
}

/// What training reports as it goes.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A tagger's training starts: what it is, sentences per epoch, features.
    Start {
        what: String,
        sentences: usize,
        features: usize,
    },
    /// One more sentence done in the current epoch.
    Step,
    Epoch {
        epoch: usize,
        mistakes: usize,
        dev_f1: Option<f64>,
    },
}

/// Summary of a training run.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub features_seen: usize,
    pub features_kept: usize,
    /// Dev F1 after each epoch of the last tagger trained.
    pub dev_f1_per_epoch: Vec<f64>,
    pub calibration: f32,
}

/// Token features of a whole sentence as a flat list, with `offsets[i]..offsets[i+1]`
/// the features of token `i`. Exactly what the tagger sums at inference.
pub fn sentence_features(
    words: &[&str],
    lex: &Lexicon,
    task: TaskRef,
    out: &mut Vec<u32>,
    offsets: &mut Vec<usize>,
) {
    let ctx = SentenceContext::new(words, lex);
    offsets.clear();
    offsets.push(out.len());
    for i in 0..words.len() {
        for o in -(WINDOW as isize)..=WINDOW as isize {
            let j = i as isize + o;
            let w = if j < 0 {
                BOS
            } else if j as usize >= words.len() {
                EOS
            } else {
                words[j as usize]
            };
            word_features(w, o as i8, lex, task.word_features(), out);
        }
        context_features(&ctx, i, out);
        offsets.push(out.len());
    }
}

/// One training sentence for a tagger: the example, extra per-token features
/// (flat list and offsets), and for a stacked tagger the first stage's
/// emissions in real units (then the sentence's own features are not used).
type Input<'a> = (
    &'a Example,
    Option<(&'a [u32], &'a [usize])>,
    Option<&'a [f32]>,
);

struct Prepared {
    /// Base emissions (stacked tagger), `N_TAGS` per token.
    base: Option<Vec<f32>>,
    /// Feature row indices per token, flat.
    feats: Vec<u32>,
    /// Token boundaries into `feats`.
    offsets: Vec<usize>,
    gold: Vec<usize>,
}

/// Averaged-perceptron parameters: current weights `w` and the running sums
/// `u` of `time × update`, so that the average is `w − u / time`.
struct Params {
    w: Vec<f32>,
    u: Vec<f64>,
}

impl Params {
    fn new(n: usize) -> Self {
        Params {
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }
    #[inline]
    fn update(&mut self, i: usize, d: f32, time: f64) {
        self.w[i] += d;
        self.u[i] += time * d as f64;
    }
    fn averaged(&self, time: f64) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u / time) as f32)
            .collect()
    }
}

fn words_of(e: &Example) -> Vec<&str> {
    e.words.iter().map(String::as_str).collect()
}

/// Document-level features for the sentences of `doc`, from `preds`.
fn doc_extra(
    doc: &[Example],
    lex: &Lexicon,
    preds: &[Vec<TokenSpan>],
) -> Vec<(Vec<u32>, Vec<usize>)> {
    let sentences: Vec<Vec<&str>> = doc.iter().map(words_of).collect();
    let contexts: Vec<SentenceContext> = sentences
        .iter()
        .map(|w| SentenceContext::new(w, lex))
        .collect();
    doc_features(&sentences, &contexts, preds)
}

/// Trains a model on documents. `dev`, when given, is scored after each
/// epoch and used to calibrate the confidence scores.
pub fn train(
    docs: &[Doc],
    dev: Option<&[Doc]>,
    cfg: &TrainConfig,
    mut progress: impl FnMut(Progress),
) -> (Model, TrainReport) {
    // Title-case lines are read as the model will read them, if asked.
    let read: Vec<Doc>;
    let docs = if cfg.read_title_case && cfg.task.distrusts_title_case() {
        read = docs
            .iter()
            .map(|d| {
                d.iter()
                    .map(|e| Example {
                        words: read_title_case(&e.words).unwrap_or_else(|| e.words.clone()),
                        spans: e.spans.clone(),
                        domain: e.domain,
                    })
                    .collect()
            })
            .collect();
        &read[..]
    } else {
        docs
    };
    let lex = &cfg.lexicon;
    // The models made while training (dev scores, the jackknife) read title
    // case as the training words were read; the model returned reads it when
    // its task asks (as every loaded model does).
    let reads = cfg.read_title_case && cfg.task.distrusts_title_case();
    let all: Vec<Input> = docs.iter().flatten().map(|e| (e, None, None)).collect();
    let mut dev_f1 = Vec::new();
    let first_dev = |t: &Tagger| {
        dev.map(|d| {
            let m = Model {
                task: cfg.task,
                reads_title_case: reads,
                pos: cfg.pos.clone(),
                pos_crc: None,
                lexicon: lex.clone(),
                first: t.clone(),
                second: None,
            };
            evaluate(&m, d).overall().f1
        })
    };
    let (first, seen1) = train_tagger(
        &all,
        "stage 1",
        cfg,
        cfg.weight_bits,
        first_dev,
        &mut progress,
        &mut dev_f1,
    );
    let mut model = Model {
        task: cfg.task,
        reads_title_case: reads,
        pos: cfg.pos.clone(),
        pos_crc: None,
        lexicon: lex.clone(),
        first,
        second: None,
    };
    let mut seen = seen1;
    if cfg.second != "none" {
        // Jackknife: first-stage output (tags and emissions) on each fold
        // from a model trained on the other folds.
        let k = cfg.folds.max(2);
        // With copies made on purpose (a weighted corpus, a copy in
        // capitals), a document seen twice falls in the fold of its first
        // copy, so that no fold is tagged by a model trained on it. Without,
        // folds go by position, as the committed models were trained.
        let mut first_copy = rustc_hash::FxHashMap::default();
        let fold_of: Vec<usize> = docs
            .iter()
            .enumerate()
            .map(|(d, doc)| {
                if !cfg.copies_together {
                    return d % k;
                }
                let key: Vec<String> = doc
                    .iter()
                    .flat_map(|e| e.words.iter().map(|w| w.to_lowercase()))
                    .collect();
                *first_copy.entry(key).or_insert(d) % k
            })
            .collect();
        let mut preds: Vec<Vec<Vec<TokenSpan>>> = vec![Vec::new(); docs.len()];
        let mut bases: Vec<Vec<Vec<f32>>> = vec![Vec::new(); docs.len()];
        for fold in 0..k {
            let rest: Vec<Input> = docs
                .iter()
                .enumerate()
                .filter(|(d, _)| fold_of[*d] != fold)
                .flat_map(|(_, doc)| doc.iter().map(|e| (e, None, None)))
                .collect();
            let mut ignore = Vec::new();
            let what = format!("fold {}/{k}", fold + 1);
            let (t, _) = train_tagger(
                &rest,
                &what,
                cfg,
                cfg.weight_bits,
                |_| None,
                &mut progress,
                &mut ignore,
            );
            let m = Model {
                task: cfg.task,
                reads_title_case: reads,
                pos: cfg.pos.clone(),
                pos_crc: None,
                lexicon: lex.clone(),
                first: t,
                second: None,
            };
            let mut cache = TypeCache::new();
            for (d, doc) in docs.iter().enumerate().filter(|(d, _)| fold_of[*d] == fold) {
                let sentences: Vec<Vec<&str>> = doc.iter().map(words_of).collect();
                preds[d] = m
                    .tag_document(&sentences, &mut cache)
                    .into_iter()
                    .map(|s| s.into_iter().map(|(sp, _)| sp).collect())
                    .collect();
                bases[d] = m.first_emissions(&sentences, &mut cache);
            }
        }
        let extras: Vec<Vec<(Vec<u32>, Vec<usize>)>> = docs
            .iter()
            .zip(&preds)
            .map(|(doc, p)| doc_extra(doc, lex, p))
            .collect();
        let stacked = cfg.second == "stacked";
        let mut all2: Vec<Input> = docs
            .iter()
            .zip(&extras)
            .zip(&bases)
            .flat_map(|((doc, ex), base)| {
                doc.iter().zip(ex).zip(base).map(move |((e, (f, o)), b)| {
                    (
                        e,
                        Some((f.as_slice(), o.as_slice())),
                        stacked.then_some(b.as_slice()),
                    )
                })
            })
            .collect();
        if cfg.second == "again" {
            all2.extend(all.iter().copied());
        }
        let stage1 = model.first.clone();
        let wrap = |t: Tagger| -> (Tagger, SecondStage) {
            match cfg.second.as_str() {
                "stacked" => (stage1.clone(), SecondStage::Stacked(t)),
                "again" => (t, SecondStage::Again),
                _ => (stage1.clone(), SecondStage::Full(t)),
            }
        };
        let second_dev = |t: &Tagger| {
            dev.map(|d| {
                let (first, second) = wrap(t.clone());
                let m = Model {
                    task: cfg.task,
                    reads_title_case: reads,
                    pos: cfg.pos.clone(),
                    pos_crc: None,
                    lexicon: lex.clone(),
                    first,
                    second: Some(second),
                };
                evaluate(&m, d).overall().f1
            })
        };
        dev_f1.clear();
        // A stacked tagger is small: keep its weights at 16 bits.
        let bits = if stacked { 16 } else { cfg.weight_bits };
        let (t2, seen2) = train_tagger(
            &all2,
            "stage 2",
            cfg,
            bits,
            second_dev,
            &mut progress,
            &mut dev_f1,
        );
        let (first, second) = wrap(t2);
        model.first = first;
        model.second = Some(second);
        seen += seen2;
    }
    let calibration = dev.map_or(1.0, |d| calibrate(&model, d));
    model.scoring_tagger().calibration = calibration;
    let report = TrainReport {
        features_seen: seen,
        features_kept: model.feature_count(),
        dev_f1_per_epoch: dev_f1,
        calibration,
    };
    model.reads_title_case = cfg.task.distrusts_title_case();
    (model, report)
}

/// Trains one tagger on sentences with optional extra per-token features.
/// Returns it and the number of distinct features seen.
#[allow(clippy::too_many_arguments)]
fn train_tagger(
    data: &[Input],
    what: &str,
    cfg: &TrainConfig,
    weight_bits: u8,
    dev_eval: impl Fn(&Tagger) -> Option<f64>,
    progress: &mut impl FnMut(Progress),
    dev_f1: &mut Vec<f64>,
) -> (Tagger, usize) {
    let (tagger, seen) = train_rows(
        data,
        what,
        cfg,
        weight_bits,
        None,
        &dev_eval,
        progress,
        dev_f1,
    );
    if !cfg.retrain {
        return (tagger, seen);
    }
    let only: IdMap<()> = tagger.keys.iter().map(|&k| (k, ())).collect();
    let again = TrainConfig {
        min_count: 0,
        prune: 0.0,
        retrain: false,
        ..cfg.clone()
    };
    dev_f1.clear();
    let what = format!("{what}, retrained on {} features", only.len());
    let (tagger, _) = train_rows(
        data,
        &what,
        &again,
        weight_bits,
        Some(&only),
        &dev_eval,
        progress,
        dev_f1,
    );
    (tagger, seen)
}

/// [`train_tagger`] once; with `only`, every other feature is ignored.
#[allow(clippy::too_many_arguments)]
fn train_rows(
    data: &[Input],
    what: &str,
    cfg: &TrainConfig,
    weight_bits: u8,
    only: Option<&IdMap<()>>,
    dev_eval: &dyn Fn(&Tagger) -> Option<f64>,
    progress: &mut impl FnMut(Progress),
    dev_f1: &mut Vec<f64>,
) -> (Tagger, usize) {
    // 1. Extract features once and give each distinct hash a row.
    let mut rows: IdMap<u32> = IdMap::default();
    let mut keys: Vec<u32> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut hashes = Vec::new();
    let mut offsets = Vec::new();
    // Per row: if it is a domain copy, its domain and the row it copies.
    let mut copy_of: Vec<Option<(u8, u32)>> = Vec::new();
    let mut pos_scratch = crate::syntax::TagScratch::default();
    let prepared: Vec<Prepared> = data
        .iter()
        .filter(|(e, _, _)| !e.words.is_empty())
        .map(|&(e, extra, base)| {
            let words = words_of(e);
            hashes.clear();
            offsets.clear();
            let mut task = None;
            if base.is_some() {
                offsets.resize(words.len() + 1, 0);
            } else {
                sentence_features(&words, &cfg.lexicon, cfg.task, &mut hashes, &mut offsets);
                task = cfg
                    .task
                    .token_features(&words, cfg.pos.as_deref().map(|t| t.run(&mut pos_scratch)));
            }
            let mut token_feats: Vec<u32> = Vec::with_capacity(hashes.len());
            let mut token_offsets = vec![0];
            for i in 0..words.len() {
                let local = &hashes[offsets[i]..offsets[i + 1]];
                let doc = extra.map_or(&[][..], |(f, o)| &f[o[i]..o[i + 1]]);
                let own = task.as_ref().map_or(&[][..], |(f, o)| &f[o[i]..o[i + 1]]);
                for &h in local.iter().chain(own).chain(doc) {
                    if only.is_some_and(|o| !o.contains_key(&h)) {
                        continue;
                    }
                    let copy = cfg.domain_copies.map(|_| domain_copy(h, e.domain));
                    let mut base = None;
                    for h in std::iter::once(h).chain(copy) {
                        let r = *rows.entry(h).or_insert_with(|| {
                            keys.push(h);
                            counts.push(0);
                            copy_of.push(None);
                            keys.len() as u32 - 1
                        });
                        counts[r as usize] += 1;
                        token_feats.push(r);
                        match base {
                            None => base = Some(r),
                            Some(b) => {
                                copy_of[r as usize].get_or_insert((e.domain, b));
                            }
                        }
                    }
                }
                token_offsets.push(token_feats.len());
            }
            Prepared {
                base: base.map(<[f32]>::to_vec),
                feats: token_feats,
                offsets: token_offsets,
                gold: bilou_from_spans(&e.spans, e.words.len()),
            }
        })
        .collect();
    let nf = keys.len();
    progress(Progress::Start {
        what: what.to_string(),
        sentences: prepared.len(),
        features: nf,
    });

    // 2. Perceptron epochs.
    let avg = perceptron(
        &prepared,
        nf,
        cfg,
        weight_bits,
        &keys,
        &counts,
        &copy_of,
        dev_eval,
        progress,
        dev_f1,
    );
    (finish(&avg, &keys, &counts, &copy_of, cfg, weight_bits), nf)
}

/// The key of `key`'s copy for `domain` (see [`TrainConfig::domain_copies`]).
fn domain_copy(key: u32, domain: u8) -> u32 {
    (key ^ 0x5bd1_e995)
        .wrapping_mul(0x9e37_79b1)
        .rotate_left(13)
        .wrapping_add(0x85eb_ca6b_u32.wrapping_mul(domain as u32 + 1))
}

/// Averaged weights, transitions, start and end scores.
struct Averaged {
    w: Vec<f32>,
    tr: Vec<f32>,
    st: Vec<f32>,
    en: Vec<f32>,
}

/// One run of the structured averaged perceptron.
#[allow(clippy::too_many_arguments)]
fn perceptron(
    prepared: &[Prepared],
    nf: usize,
    cfg: &TrainConfig,
    weight_bits: u8,
    keys: &[u32],
    counts: &[u32],
    copy_of: &[Option<(u8, u32)>],
    dev_eval: &dyn Fn(&Tagger) -> Option<f64>,
    progress: &mut impl FnMut(Progress),
    dev_f1: &mut Vec<f64>,
) -> Averaged {
    let mut w = Params::new(nf * N_TAGS);
    let mut tr = Params::new(N_TAGS * N_TAGS);
    let mut st = Params::new(N_TAGS);
    let mut en = Params::new(N_TAGS);
    let mut time = 1.0f64;
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = XorShift(cfg.seed.max(1));
    let mut em = Vec::new();
    let (mut alpha, mut beta) = (Vec::new(), Vec::new());
    let averaged = |w: &Params, tr: &Params, st: &Params, en: &Params, time: f64| Averaged {
        w: w.averaged(time),
        tr: tr.averaged(time),
        st: st.averaged(time),
        en: en.averaged(time),
    };
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &k in &order {
            let ex = &prepared[k];
            let n = ex.gold.len();
            em.clear();
            match &ex.base {
                Some(b) => em.extend_from_slice(b),
                None => em.resize(n * N_TAGS, 0.0f32),
            }
            for i in 0..n {
                let out = &mut em[i * N_TAGS..(i + 1) * N_TAGS];
                for &f in &ex.feats[ex.offsets[i]..ex.offsets[i + 1]] {
                    let row = &w.w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                    for (o, &x) in out.iter_mut().zip(row) {
                        *o += x;
                    }
                }
            }
            let (pred, _) = decode_labels(
                cfg.task.label_slots(),
                &tr.w,
                &st.w,
                &en.w,
                |k| em[k],
                n,
                false,
                (&mut alpha, &mut beta),
            );
            if pred != ex.gold {
                mistakes += 1;
                for i in 0..n {
                    let (g, p) = (ex.gold[i], pred[i]);
                    if g != p {
                        for &f in &ex.feats[ex.offsets[i]..ex.offsets[i + 1]] {
                            w.update(f as usize * N_TAGS + g, 1.0, time);
                            w.update(f as usize * N_TAGS + p, -1.0, time);
                        }
                    }
                    if i > 0 && (ex.gold[i - 1], g) != (pred[i - 1], p) {
                        tr.update(ex.gold[i - 1] * N_TAGS + g, 1.0, time);
                        tr.update(pred[i - 1] * N_TAGS + p, -1.0, time);
                    }
                }
                if ex.gold[0] != pred[0] {
                    st.update(ex.gold[0], 1.0, time);
                    st.update(pred[0], -1.0, time);
                }
                if ex.gold[n - 1] != pred[n - 1] {
                    en.update(ex.gold[n - 1], 1.0, time);
                    en.update(pred[n - 1], -1.0, time);
                }
            }
            time += 1.0;
            progress(Progress::Step);
        }
        let f1 = dev_eval(&finish(
            &averaged(&w, &tr, &st, &en, time),
            keys,
            counts,
            copy_of,
            cfg,
            weight_bits,
        ));
        if let Some(f) = f1 {
            dev_f1.push(f);
        }
        progress(Progress::Epoch {
            epoch,
            mistakes,
            dev_f1: f1,
        });
    }
    averaged(&w, &tr, &st, &en, time)
}

/// Averages, prunes and quantises the parameters into a tagger.
#[allow(clippy::too_many_arguments)]
fn finish(
    a: &Averaged,
    keys: &[u32],
    counts: &[u32],
    copy_of: &[Option<(u8, u32)>],
    cfg: &TrainConfig,
    weight_bits: u8,
) -> Tagger {
    let (tr, st, en) = (&a.tr, &a.st, &a.en);
    // Domain copies: the chosen domain's copies are added to the weights they
    // copy; no copy is kept as a feature of its own.
    let merged: Vec<f32>;
    let avg = if cfg.domain_copies.is_none() {
        &a.w
    } else {
        let mut w = a.w.clone();
        for (r, c) in copy_of.iter().enumerate() {
            if let Some((d, b)) = *c {
                if cfg.domain_copies == Some(d) {
                    let b = b as usize;
                    for t in 0..N_TAGS {
                        w[b * N_TAGS + t] += a.w[r * N_TAGS + t];
                    }
                }
            }
        }
        merged = w;
        &merged
    };
    let least = cfg.prune.max(cfg.prune_weights).max(1e-6);
    let keep: Vec<usize> = (0..keys.len())
        .filter(|&r| {
            let row = &avg[r * N_TAGS..(r + 1) * N_TAGS];
            copy_of[r].is_none()
                && counts[r] >= cfg.min_count
                && row.iter().any(|x| x.abs() > least)
        })
        .collect();
    // Scale so that the largest weight fits in 16 bits.
    let top = keep
        .iter()
        .flat_map(|&r| avg[r * N_TAGS..(r + 1) * N_TAGS].iter().map(|x| x.abs()))
        .chain(tr.iter().chain(st).chain(en).map(|x| x.abs()))
        .fold(0.0f32, f32::max);
    let scale = top.max(1e-6) / 32767.0;
    let q = |x: f32| (x / scale).round().clamp(-32767.0, 32767.0) as i16;
    // Single feature weights below `prune_weights` are dropped (stored as zero).
    let dropped = |x: f32| x.abs() < cfg.prune_weights;
    let codebook = (weight_bits == 8).then(|| {
        let values: Vec<i16> = keep
            .iter()
            .flat_map(|&r| avg[r * N_TAGS..(r + 1) * N_TAGS].iter())
            .filter(|&&x| !dropped(x))
            .map(|&x| q(x))
            .collect();
        codebook(&values, 256)
    });
    let snap = |x: f32| -> i16 {
        if dropped(x) {
            return 0;
        }
        let v = q(x);
        match &codebook {
            Some(book) => nearest(book, v),
            None => v,
        }
    };
    let mut weights = Vec::with_capacity(keep.len() * N_TAGS);
    let mut index = IdMap::with_capacity_and_hasher(keep.len(), Default::default());
    let mut kept_keys = Vec::with_capacity(keep.len());
    for (row, &r) in keep.iter().enumerate() {
        weights.extend(avg[r * N_TAGS..(r + 1) * N_TAGS].iter().map(|&x| snap(x)));
        index.insert(keys[r], row as u32);
        kept_keys.push(keys[r]);
    }
    Tagger {
        scale,
        calibration: 1.0,
        codebook,
        trans: tr.iter().map(|&x| q(x) as i64).collect(),
        start: st.iter().map(|&x| q(x) as i64).collect(),
        end: en.iter().map(|&x| q(x) as i64).collect(),
        index,
        keys: kept_keys,
        weights,
        learned: None,
    }
}

/// Entity-level scores of `model` on gold documents (names only).
pub fn evaluate(model: &Model, docs: &[Doc]) -> EvalCounts {
    let mut counts = EvalCounts::default();
    let mut cache = TypeCache::new();
    for doc in docs {
        let sentences: Vec<Vec<&str>> = doc.iter().map(words_of).collect();
        for (e, pred) in doc.iter().zip(model.tag_document(&sentences, &mut cache)) {
            let pred: Vec<TokenSpan> = pred.into_iter().map(|(s, _)| s).collect();
            counts.add(&e.spans, &pred, e.words.len());
        }
    }
    counts
}

/// Fits the temperature of the confidence scores on `dev`: the value that
/// minimises the log loss of "this predicted entity is correct".
fn calibrate(model: &Model, dev: &[Doc]) -> f32 {
    let mut points: Vec<(f32, bool)> = Vec::new();
    let mut cache = TypeCache::new();
    let mut m = model.clone();
    m.scoring_tagger().calibration = 1.0;
    for doc in dev {
        let sentences: Vec<Vec<&str>> = doc.iter().map(words_of).collect();
        for (e, pred) in doc.iter().zip(m.tag_document(&sentences, &mut cache)) {
            for (span, score) in pred {
                // Recover the margin (in real units) from the uncalibrated score.
                let margin = (score / (1.0 - score).max(1e-12)).ln();
                points.push((margin, e.spans.contains(&span)));
            }
        }
    }
    if points.is_empty() {
        return 1.0;
    }
    let loss = |t: f32| -> f64 {
        points
            .iter()
            .map(|&(m, ok)| {
                let p = (1.0 / (1.0 + (-(m * t) as f64).exp())).clamp(1e-9, 1.0 - 1e-9);
                if ok {
                    -p.ln()
                } else {
                    -(1.0 - p).ln()
                }
            })
            .sum()
    };
    (0..60)
        .map(|i| 0.01f32 * 1.15f32.powi(i))
        .min_by(|&a, &b| loss(a).total_cmp(&loss(b)))
        .unwrap_or(1.0)
}

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::Label;
    use crate::tagger::features::testing::NAMES;

    fn ex(words: &str, spans: &[(usize, usize, Label)]) -> Example {
        Example {
            domain: 0,
            words: words.split(' ').map(String::from).collect(),
            spans: spans
                .iter()
                .map(|&(start, end, label)| TokenSpan { start, end, label })
                .collect(),
        }
    }

    #[test]
    fn learns_a_tiny_language_and_the_cache_agrees_with_training_features() {
        let sentences = [
            ex(
                "Aliyev visited Baku on Monday .",
                &[(0, 1, Label::Per), (2, 3, Label::Loc)],
            ),
            ex(
                "Pashinyan left Yerevan .",
                &[(0, 1, Label::Per), (2, 3, Label::Loc)],
            ),
            ex(
                "The United Nations met in Geneva .",
                &[(1, 3, Label::Org), (5, 6, Label::Loc)],
            ),
            ex(
                "Officials in Baku said the United Nations erred .",
                &[(2, 3, Label::Loc), (5, 7, Label::Org)],
            ),
        ];
        // Two documents, so that the second stage can be jackknifed.
        let data: Vec<Doc> = vec![sentences[..2].to_vec(), sentences[2..].to_vec()];
        let cfg = TrainConfig {
            epochs: 10,
            min_count: 1,
            prune: 0.0,
            folds: 2,
            ..TrainConfig::new(NAMES)
        };
        let (model, report) = train(&data, Some(&data), &cfg, |_| {});
        assert_eq!(model.stages(), 2);
        assert!(report.features_kept > 0);
        assert_eq!(report.dev_f1_per_epoch.len(), 10);
        assert!(evaluate(&model, &data).overall().f1 > 0.99);
        let spans: Vec<TokenSpan> = model
            .tag(&["Aliyev", "left", "Geneva", "."], &mut TypeCache::new())
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert!(
            spans.contains(&TokenSpan {
                start: 2,
                end: 3,
                label: Label::Loc
            }),
            "{spans:?}"
        );
        // Round trip through the file format keeps predictions.
        let again = Model::from_bytes(&model.to_bytes(), NAMES).unwrap();
        assert_eq!(
            evaluate(&again, &data).overall().f1,
            evaluate(&model, &data).overall().f1
        );
    }

    /// The two corpora disagree on one word ("Jordan": a person in one, a
    /// place in the other). With domain copies, what only one corpus does goes
    /// to its copies, so the model keeps the chosen corpus's reading; the
    /// shared weights alone cannot hold both. No copy is stored as a feature.
    #[test]
    fn domain_copies_keep_the_chosen_corpus_reading() {
        let mut docs: Vec<Doc> = Vec::new();
        for k in 0..6 {
            let mut a = ex("Jordan said it .", &[(0, 1, Label::Per)]);
            let mut b = ex("Jordan said it .", &[(0, 1, Label::Loc)]);
            a.domain = 0;
            b.domain = 1;
            let other = ex(
                "Aliyev visited Baku .",
                &[(0, 1, Label::Per), (2, 3, Label::Loc)],
            );
            docs.push(vec![a, other.clone()]);
            if k % 2 == 0 {
                docs.push(vec![b, other]);
            }
        }
        let label_of = |copies: Option<u8>| {
            let cfg = TrainConfig {
                epochs: 8,
                min_count: 1,
                prune: 0.0,
                folds: 2,
                second: "none".into(),
                domain_copies: copies,
                ..TrainConfig::new(NAMES)
            };
            let (model, _) = train(&docs, None, &cfg, |_| {});
            let found = model.tag(&["Jordan", "said", "it", "."], &mut TypeCache::new());
            (found.first().map(|(s, _)| s.label), model.feature_count())
        };
        let (conll, n_conll) = label_of(Some(0));
        let (gum, n_gum) = label_of(Some(1));
        assert_eq!(conll, Some(Label::Per));
        assert_eq!(gum, Some(Label::Loc));
        // The copies are merged into the shared rows, not kept beside them.
        let (_, n_plain) = label_of(None);
        assert!(
            n_conll <= n_plain && n_gum <= n_plain,
            "{n_conll} {n_gum} {n_plain}"
        );
    }
}
