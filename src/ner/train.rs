//! Training the entity tagger: a structured averaged perceptron (Collins
//! 2002) over the features in [`super::features`], then pruning and
//! quantisation into a [`NerModel`].

use super::features::{
    context_features, normalize, shape, word_features, SentenceInfo, BOS, EOS, WINDOW,
};
use super::model::{decode_with, IdMap, NerModel, TypeCache};
use super::tags::{bilou_from_spans, TokenSpan, N_TAGS};
use crate::eval::EvalCounts;

/// One training sentence: its words and gold entity spans.
#[derive(Debug, Clone)]
pub struct Example {
    pub words: Vec<String>,
    pub spans: Vec<TokenSpan>,
}

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Drop features seen fewer times than this in training.
    pub min_count: u32,
    /// Drop features whose largest averaged weight (in absolute value) is below this.
    pub prune: f32,
    /// 8 or 16.
    pub weight_bits: u8,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            min_count: 2,
            prune: 0.0,
            weight_bits: 8,
            seed: 42,
        }
    }
}

/// What training reports as it goes.
#[derive(Debug, Clone)]
pub enum Progress {
    /// Features extracted; training starts (sentences per epoch).
    Start { sentences: usize, features: usize },
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
    pub dev_f1_per_epoch: Vec<f64>,
    pub calibration: f32,
}

/// Token features of a whole sentence as a flat list, with `offsets[i]..offsets[i+1]`
/// the features of token `i`. Exactly what the tagger sums at inference.
pub fn sentence_features(words: &[&str], out: &mut Vec<u32>, offsets: &mut Vec<usize>) {
    let info = SentenceInfo::of(words);
    let norms: Vec<String> = words.iter().map(|w| normalize(w)).collect();
    let shapes: Vec<String> = words.iter().map(|w| shape(w, 1)).collect();
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
            word_features(w, o as i8, out);
        }
        context_features(&norms, &shapes, i, info, out);
        offsets.push(out.len());
    }
}

struct Prepared {
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

/// Trains a model. `dev`, when given, is scored after each epoch and used to
/// calibrate the confidence scores.
pub fn train(
    train: &[Example],
    dev: Option<&[Example]>,
    cfg: &TrainConfig,
    mut progress: impl FnMut(Progress),
) -> (NerModel, TrainReport) {
    // 1. Extract features once and give each distinct hash a row.
    let mut rows: IdMap<u32> = IdMap::default();
    let mut keys: Vec<u32> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut hashes = Vec::new();
    let mut offsets = Vec::new();
    let data: Vec<Prepared> = train
        .iter()
        .filter(|e| !e.words.is_empty())
        .map(|e| {
            let words: Vec<&str> = e.words.iter().map(String::as_str).collect();
            hashes.clear();
            sentence_features(&words, &mut hashes, &mut offsets);
            let feats = hashes
                .iter()
                .map(|&h| {
                    let r = *rows.entry(h).or_insert_with(|| {
                        keys.push(h);
                        counts.push(0);
                        keys.len() as u32 - 1
                    });
                    counts[r as usize] += 1;
                    r
                })
                .collect();
            Prepared {
                feats,
                offsets: offsets.clone(),
                gold: bilou_from_spans(&e.spans, e.words.len()),
            }
        })
        .collect();
    let nf = keys.len();
    progress(Progress::Start {
        sentences: data.len(),
        features: nf,
    });

    // 2. Perceptron epochs.
    let mut w = Params::new(nf * N_TAGS);
    let mut tr = Params::new(N_TAGS * N_TAGS);
    let mut st = Params::new(N_TAGS);
    let mut en = Params::new(N_TAGS);
    let mut time = 1.0f64;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = XorShift(cfg.seed.max(1));
    let mut dev_f1 = Vec::new();
    let mut em = Vec::new();
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &k in &order {
            let ex = &data[k];
            let n = ex.gold.len();
            em.clear();
            em.resize(n * N_TAGS, 0.0f32);
            for i in 0..n {
                let out = &mut em[i * N_TAGS..(i + 1) * N_TAGS];
                for &f in &ex.feats[ex.offsets[i]..ex.offsets[i + 1]] {
                    let row = &w.w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                    for (o, &x) in out.iter_mut().zip(row) {
                        *o += x;
                    }
                }
            }
            let (pred, _) = decode_with(&tr.w, &st.w, &en.w, &em, n, false);
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
        let f1 = dev.map(|d| {
            let m = finish(&w, &tr, &st, &en, time, &keys, &counts, cfg, 1.0);
            evaluate(&m, d).overall().f1
        });
        if let Some(f) = f1 {
            dev_f1.push(f);
        }
        progress(Progress::Epoch {
            epoch,
            mistakes,
            dev_f1: f1,
        });
    }

    // 3. Average, prune, quantise, calibrate.
    let mut model = finish(&w, &tr, &st, &en, time, &keys, &counts, cfg, 1.0);
    let calibration = dev.map_or(1.0, |d| calibrate(&model, d));
    model.calibration = calibration;
    let report = TrainReport {
        features_seen: nf,
        features_kept: model.feature_count(),
        dev_f1_per_epoch: dev_f1,
        calibration,
    };
    (model, report)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    w: &Params,
    tr: &Params,
    st: &Params,
    en: &Params,
    time: f64,
    keys: &[u32],
    counts: &[u32],
    cfg: &TrainConfig,
    calibration: f32,
) -> NerModel {
    let avg = w.averaged(time);
    let (tr, st, en) = (tr.averaged(time), st.averaged(time), en.averaged(time));
    let keep: Vec<usize> = (0..keys.len())
        .filter(|&r| {
            let row = &avg[r * N_TAGS..(r + 1) * N_TAGS];
            counts[r] >= cfg.min_count && row.iter().any(|x| x.abs() > cfg.prune.max(1e-6))
        })
        .collect();
    // Scale so that the largest weight fits in 16 bits.
    let top = keep
        .iter()
        .flat_map(|&r| avg[r * N_TAGS..(r + 1) * N_TAGS].iter().map(|x| x.abs()))
        .fold(0.0f32, f32::max);
    let scale = top.max(1e-6) / 32767.0;
    let q = |x: f32| (x / scale).round().clamp(-32767.0, 32767.0) as i16;
    let codebook = (cfg.weight_bits == 8).then(|| {
        let values: Vec<i16> = keep
            .iter()
            .flat_map(|&r| avg[r * N_TAGS..(r + 1) * N_TAGS].iter().map(|&x| q(x)))
            .collect();
        codebook(&values, 256)
    });
    let snap = |x: f32| -> i16 {
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
    NerModel {
        scale,
        calibration,
        codebook,
        trans: tr.iter().map(|&x| q(x) as i32).collect(),
        start: st.iter().map(|&x| q(x) as i32).collect(),
        end: en.iter().map(|&x| q(x) as i32).collect(),
        index,
        keys: kept_keys,
        weights,
    }
}

/// A sorted codebook of at most `k` levels for `values`, with 0 as an exact
/// level: equal-count quantile bins, refined by Lloyd's 1-D k-means.
fn codebook(values: &[i16], k: usize) -> Vec<i16> {
    let mut nz: Vec<i16> = values.iter().copied().filter(|&v| v != 0).collect();
    nz.sort_unstable();
    if nz.is_empty() {
        return vec![0];
    }
    let bins = (k - 1).min(nz.len());
    let mut levels: Vec<f64> = (0..bins)
        .map(|b| {
            let (lo, hi) = (
                b * nz.len() / bins,
                ((b + 1) * nz.len() / bins).max(b * nz.len() / bins + 1),
            );
            nz[lo..hi].iter().map(|&v| v as f64).sum::<f64>() / (hi - lo) as f64
        })
        .collect();
    for _ in 0..20 {
        levels.sort_by(f64::total_cmp);
        levels.dedup();
        let mut sums = vec![(0.0f64, 0usize); levels.len()];
        let mut j = 0;
        for &v in &nz {
            let v = v as f64;
            while j + 1 < levels.len() && (levels[j + 1] - v).abs() <= (levels[j] - v).abs() {
                j += 1;
            }
            sums[j].0 += v;
            sums[j].1 += 1;
        }
        levels = sums
            .iter()
            .zip(&levels)
            .map(|(&(s, n), &l)| if n > 0 { s / n as f64 } else { l })
            .collect();
    }
    let mut book: Vec<i16> = levels
        .iter()
        .map(|&l| l.round() as i16)
        .chain([0])
        .collect();
    book.sort_unstable();
    book.dedup();
    book
}

fn nearest(book: &[i16], v: i16) -> i16 {
    match book.binary_search(&v) {
        Ok(i) => book[i],
        Err(i) => {
            let lo = book[i.saturating_sub(1)];
            let hi = book[i.min(book.len() - 1)];
            if (v as i32 - lo as i32).abs() <= (hi as i32 - v as i32).abs() {
                lo
            } else {
                hi
            }
        }
    }
}

/// Entity-level scores of `model` on gold examples (names only).
pub fn evaluate(model: &NerModel, examples: &[Example]) -> EvalCounts {
    let mut counts = EvalCounts::default();
    let mut cache = TypeCache::new();
    for e in examples {
        let words: Vec<&str> = e.words.iter().map(String::as_str).collect();
        let pred: Vec<TokenSpan> = model
            .tag(&words, &mut cache)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        counts.add(&e.spans, &pred, words.len());
    }
    counts
}

/// Fits the temperature of the confidence scores on `dev`: the value that
/// minimises the log loss of "this predicted entity is correct".
fn calibrate(model: &NerModel, dev: &[Example]) -> f32 {
    let mut points: Vec<(f32, bool)> = Vec::new();
    let mut cache = TypeCache::new();
    let mut m = model.clone();
    m.calibration = 1.0;
    for e in dev {
        let words: Vec<&str> = e.words.iter().map(String::as_str).collect();
        for (span, score) in m.tag(&words, &mut cache) {
            // Recover the margin (in real units) from the uncalibrated score.
            let margin = (score / (1.0 - score).max(1e-12)).ln();
            points.push((margin, e.spans.contains(&span)));
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

    fn ex(words: &str, spans: &[(usize, usize, Label)]) -> Example {
        Example {
            words: words.split(' ').map(String::from).collect(),
            spans: spans
                .iter()
                .map(|&(start, end, label)| TokenSpan { start, end, label })
                .collect(),
        }
    }

    #[test]
    fn learns_a_tiny_language_and_the_cache_agrees_with_training_features() {
        let data = vec![
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
        let cfg = TrainConfig {
            epochs: 10,
            min_count: 1,
            ..Default::default()
        };
        let (model, report) = train(&data, Some(&data), &cfg, |_| {});
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
        let again = NerModel::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(
            evaluate(&again, &data).overall().f1,
            evaluate(&model, &data).overall().f1
        );
    }
}
