//! Check-worthiness: a logistic-regression classifier over a sentence's word
//! n-grams, character n-grams and word-cluster n-grams, trained on the
//! CheckThat! 2024 / ClaimBuster sentences.
//!
//! Features come in three groups, each binary and L2-normalised on its own
//! (as separate TF vectorisers stacked side by side):
//!
//! * lower-cased words with a letter or digit, and their bigrams;
//! * character 2- to 5-grams of those words, padded with spaces;
//! * each token's word-vector cluster (numbers as `NUM`, unknown words as
//!   `UNK`, punctuation as itself), and their bigrams: these generalise to
//!   words never seen in training;
//! * optionally, the cues of [`super::cues`] (numbers, comparisons, change
//!   verbs, names, tense, modality, hedges, opinion, person, questions),
//!   which carry over from debates to news where words do not.
//!
//! The model's probability is calibrated (Platt scaling on CheckThat! 2024
//! dev) and its threshold chosen on dev for F1 (`newsmark train-claims`).

use crate::binfmt::{
    codebook, container, nearest, open_container, write_varint, FormatError, IdMap, Reader,
};
use crate::tagger::lexicon::Lexicon;

pub const MAGIC: &[u8; 8] = b"NMKCLAIM";
pub const FORMAT_VERSION: u16 = 2;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CheckWorthyError {
    #[error("check-worthiness model file: {0}")]
    Format(#[from] FormatError),
    #[error(
        "the check-worthiness model was trained with a different lexicon than the entity model's"
    )]
    LexiconMismatch,
}

const GROUP_WORDS: u8 = 1;
const GROUP_CHARS: u8 = 2;
const GROUP_CLUSTERS: u8 = 3;
const GROUP_CUES: u8 = 4;

/// The hash of a cue ([`super::cues`]).
fn cue_hash(name: &str) -> u32 {
    fold(fnv(fnv(SEED, &[GROUP_CUES]), name.as_bytes()))
}

use crate::hash::fnv;

fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// `t` lower-cased, borrowed when it has no capital.
pub(super) fn lower(t: &str) -> std::borrow::Cow<'_, str> {
    if t.chars().any(char::is_uppercase) {
        t.to_lowercase().into()
    } else {
        t.into()
    }
}

const SEED: u64 = crate::hash::FNV_OFFSET;

/// What the features need to know about one word type; computed once per
/// type and cached by [`Scorer`].
struct TypeKeys {
    /// Has a letter or digit (only those take part in word and character features).
    alnum: bool,
    /// FNV state after the word group, the lower-cased word and a separator.
    word_prefix: u64,
    lower: Box<str>,
    /// Hashes of the character n-grams of the padded lower-cased word.
    chars: Vec<u32>,
    /// FNV state after the cluster group and the word's cluster key.
    cluster_prefix: u64,
    cluster_key: u64,
}

fn type_keys(t: &str, lex: &Lexicon) -> TypeKeys {
    let mut chars = Vec::new();
    let mut keys = type_keys_with(t, lex, |h| chars.push(h));
    keys.chars = chars;
    keys
}

/// [`type_keys`] that hands each character n-gram hash to `each_char`
/// instead of keeping them (`chars` is left empty).
fn type_keys_with(t: &str, lex: &Lexicon, mut each_char: impl FnMut(u32)) -> TypeKeys {
    let lower = lower(t);
    let alnum = t.chars().any(char::is_alphanumeric);
    let word_prefix = fnv(fnv(fnv(SEED, &[GROUP_WORDS]), lower.as_bytes()), &[0xff]);
    if alnum {
        let padded = format!(" {lower} ");
        let bounds: Vec<usize> = padded
            .char_indices()
            .map(|(i, _)| i)
            .chain([padded.len()])
            .collect();
        let seed = fnv(SEED, &[GROUP_CHARS]);
        let n_chars = bounds.len() - 1;
        for n in 2..=5 {
            for start in 0..n_chars.saturating_sub(n - 1) {
                let piece = &padded.as_bytes()[bounds[start]..bounds[start + n]];
                each_char(fold(fnv(fnv(seed, piece), &[0xff])));
            }
        }
    }
    // Word-vector clusters (the two finest levels of the tree), numbers and unknown words.
    let cluster_key = if t.starts_with(|c: char| c.is_ascii_digit()) {
        1 << 40
    } else if let Some(ids) = lex.embedding(&lower) {
        let n = ids.len();
        (3 << 40) | (ids[n.saturating_sub(2)] as u64) << 16 | ids[n - 1] as u64
    } else if alnum {
        2 << 40
    } else {
        4 << 40 | fnv(0, t.as_bytes()) >> 24
    };
    let cluster_prefix = fnv(fnv(SEED, &[GROUP_CLUSTERS]), &cluster_key.to_le_bytes());
    TypeKeys {
        alnum,
        word_prefix,
        lower: lower.into(),
        chars: Vec::new(),
        cluster_prefix,
        cluster_key,
    }
}

/// The features of a sentence: per group, the hashes of its feature
/// occurrences (word unigrams and bigrams; character 2- to 5-grams of each
/// word; cluster unigrams and bigrams), calling `each(group, hash)`.
fn occurrences(keys: &[&TypeKeys], mut each: impl FnMut(usize, u32)) {
    let mut prev: Option<&TypeKeys> = None;
    for k in keys.iter().filter(|k| k.alnum) {
        each(0, fold(k.word_prefix));
        if let Some(p) = prev {
            each(
                0,
                fold(fnv(fnv(p.word_prefix, k.lower.as_bytes()), &[0xff])),
            );
        }
        prev = Some(k);
    }
    for k in keys {
        for &h in &k.chars {
            each(1, h);
        }
    }
    for (i, k) in keys.iter().enumerate() {
        each(2, fold(k.cluster_prefix));
        if i > 0 {
            each(
                2,
                fold(fnv(
                    keys[i - 1].cluster_prefix,
                    &k.cluster_key.to_le_bytes(),
                )),
            );
        }
    }
}

/// The sparse feature vector of a sentence given as its tokens: `(hash, value)`
/// pairs, each value the feature's count over the square root of its group's
/// total count (the groups are weighted alike whatever the sentence length).
pub fn features(tokens: &[&str], lex: &Lexicon, with_cues: bool) -> Vec<(u32, f32)> {
    let keys: Vec<TypeKeys> = tokens.iter().map(|t| type_keys(t, lex)).collect();
    let refs: Vec<&TypeKeys> = keys.iter().collect();
    let mut groups: [Vec<u32>; 4] = Default::default();
    occurrences(&refs, |g, h| groups[g].push(h));
    if with_cues {
        super::cues::cues(tokens, |c| groups[3].push(cue_hash(c)));
    }
    let mut out = Vec::new();
    for mut g in groups {
        if g.is_empty() {
            continue;
        }
        let norm = 1.0 / (g.len() as f32).sqrt();
        g.sort_unstable();
        let mut i = 0;
        while i < g.len() {
            let j = g[i..].iter().take_while(|&&h| h == g[i]).count();
            out.push((g[i], j as f32 * norm));
            i += j;
        }
    }
    out
}

/// Scores sentences fast, caching the work done per word type (their
/// character n-grams and cluster keys): reuse one scorer for a document.
pub struct Scorer<'m> {
    model: &'m CheckWorthyModel,
    lex: &'m Lexicon,
    cache: ScorerCache,
}

/// A [`Scorer`]'s work per word type: its keys, the sum and number of its
/// character n-gram weights, and its cue bits ([`super::cues::token_flags`]).
/// Valid only for the model and lexicon it was filled with; it may be kept
/// from one document to the next with them ([`Scorer::with_cache`]).
#[derive(Default)]
pub struct ScorerCache {
    /// Word type → its index in `types`.
    slots: rustc_hash::FxHashMap<Box<str>, u32>,
    types: Vec<(TypeKeys, f32, usize, u32)>,
}

impl ScorerCache {
    /// Word types held.
    pub fn len(&self) -> usize {
        self.types.len()
    }
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

impl<'m> Scorer<'m> {
    pub fn new(model: &'m CheckWorthyModel, lex: &'m Lexicon) -> Self {
        Self::with_cache(model, lex, ScorerCache::default())
    }

    /// A scorer that starts from `cache`, filled earlier with this model and lexicon.
    pub fn with_cache(model: &'m CheckWorthyModel, lex: &'m Lexicon, cache: ScorerCache) -> Self {
        Scorer { model, lex, cache }
    }

    /// The cache, to keep for the next document.
    pub fn into_cache(self) -> ScorerCache {
        self.cache
    }

    /// The same probability as [`CheckWorthyModel::score`].
    pub fn score(&mut self, tokens: &[&str]) -> f32 {
        let m = self.model;
        // One lookup per token: each word type's place in the cache.
        let cache = &mut self.cache;
        let slots: Vec<usize> = tokens
            .iter()
            .map(|t| {
                if let Some(&i) = cache.slots.get(*t) {
                    return i as usize;
                }
                let (mut sum, mut n) = (0f32, 0usize);
                let k = type_keys_with(t, self.lex, |h| {
                    sum += m.weight(h);
                    n += 1;
                });
                let flags = if m.cues {
                    super::cues::token_flags(t)
                } else {
                    0
                };
                let i = cache.types.len();
                cache.types.push((k, sum, n, flags));
                cache.slots.insert((*t).into(), i as u32);
                i
            })
            .collect();
        let entries: Vec<&(TypeKeys, f32, usize, u32)> =
            slots.iter().map(|&i| &self.cache.types[i]).collect();
        let keys: Vec<&TypeKeys> = entries.iter().map(|(k, ..)| k).collect();
        // Words and clusters are summed occurrence by occurrence; characters come from the cache.
        let (mut sums, mut counts) = ([0f32; 3], [0usize; 3]);
        let mut prev: Option<&TypeKeys> = None;
        for k in keys.iter().filter(|k| k.alnum) {
            sums[0] += m.weight(fold(k.word_prefix));
            counts[0] += 1;
            if let Some(p) = prev {
                sums[0] += m.weight(fold(fnv(fnv(p.word_prefix, k.lower.as_bytes()), &[0xff])));
                counts[0] += 1;
            }
            prev = Some(k);
        }
        for (_, chars_sum, n, _) in &entries {
            sums[1] += chars_sum;
            counts[1] += n;
        }
        for (i, k) in keys.iter().enumerate() {
            sums[2] += m.weight(fold(k.cluster_prefix));
            counts[2] += 1;
            if i > 0 {
                sums[2] += m.weight(fold(fnv(
                    keys[i - 1].cluster_prefix,
                    &k.cluster_key.to_le_bytes(),
                )));
                counts[2] += 1;
            }
        }
        let mut z = m.bias
            + sums
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| s / (n as f32).sqrt())
                .sum::<f32>();
        if m.cues {
            let (mut sum, mut n) = (0f32, 0usize);
            let flags: Vec<u32> = entries.iter().map(|e| e.3).collect();
            let last = tokens.last().copied().unwrap_or("");
            super::cues::cues_of(&flags, last, |c| {
                sum += m.weight(cue_hash(c));
                n += 1;
            });
            if n > 0 {
                z += sum / (n as f32).sqrt();
            }
        }
        m.calibrated(z)
    }
}

/// A trained check-worthiness classifier.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckWorthyModel {
    bias: f32,
    /// Real weight = stored level × `scale`.
    scale: f32,
    codebook: Vec<i16>,
    index: IdMap<u32>,
    keys: Vec<u32>,
    /// Codebook levels, one per key.
    weights: Vec<i16>,
    /// Decision threshold on the (calibrated) probability.
    pub threshold: f32,
    /// Whether the cue features ([`super::cues`]) take part.
    cues: bool,
    /// Platt scaling of the linear score z: probability = σ(a·z + b).
    calibration: (f32, f32),
    /// CRC-32 of the lexicon source the cluster features were computed with.
    lexicon_crc: u32,
}

impl CheckWorthyModel {
    /// The real weight of a feature (0 if the model does not have it).
    fn weight(&self, h: u32) -> f32 {
        self.index
            .get(&h)
            .map_or(0.0, |&r| self.weights[r as usize] as f32 * self.scale)
    }

    /// The probability that the sentence with these tokens is check-worthy.
    /// To score many sentences, a [`Scorer`] is faster.
    pub fn score(&self, tokens: &[&str], lex: &Lexicon) -> f32 {
        self.calibrated(self.linear(tokens, lex))
    }

    /// The uncalibrated linear score z of a sentence (its log-odds before
    /// calibration).
    pub fn linear(&self, tokens: &[&str], lex: &Lexicon) -> f32 {
        let mut z = self.bias;
        for (h, v) in features(tokens, lex, self.cues) {
            if let Some(&r) = self.index.get(&h) {
                z += self.weights[r as usize] as f32 * self.scale * v;
            }
        }
        z
    }

    /// The probability of a linear score, after calibration.
    pub fn calibrated(&self, z: f32) -> f32 {
        let (a, b) = self.calibration;
        1.0 / (1.0 + (-(a * z + b)).exp())
    }

    /// Sets the calibration (probability = σ(a·z + b)) and the threshold.
    pub fn set_calibration(&mut self, a: f32, b: f32, threshold: f32) {
        self.calibration = (a, b);
        self.threshold = threshold;
    }

    /// The calibration's `(a, b)`.
    pub fn calibration(&self) -> (f32, f32) {
        self.calibration
    }

    /// Fails unless `lex` is the lexicon this model was trained with.
    pub fn check_lexicon(&self, lex: &Lexicon) -> Result<(), CheckWorthyError> {
        if lex.text_crc() == self.lexicon_crc {
            Ok(())
        } else {
            Err(CheckWorthyError::LexiconMismatch)
        }
    }

    pub fn feature_count(&self) -> usize {
        self.keys.len()
    }

    /// Quantises trained float weights (keeping the `keep` largest) into a model.
    pub fn from_weights(
        weights: &IdMap<f32>,
        bias: f32,
        threshold: f32,
        keep: usize,
        lex: &Lexicon,
        cues: bool,
    ) -> Self {
        let mut items: Vec<(u32, f32)> = weights
            .iter()
            .map(|(&k, &w)| (k, w))
            .filter(|&(_, w)| w != 0.0)
            .collect();
        items.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
        items.truncate(keep);
        items.sort_by_key(|&(k, _)| k);
        let top = items
            .iter()
            .map(|&(_, w)| w.abs())
            .fold(0.0f32, f32::max)
            .max(1e-6);
        let scale = top / 32767.0;
        let ints: Vec<i16> = items
            .iter()
            .map(|&(_, w)| (w / scale).round() as i16)
            .collect();
        let book = codebook(&ints, 256);
        let weights: Vec<i16> = ints.iter().map(|&v| nearest(&book, v)).collect();
        let keys: Vec<u32> = items.iter().map(|&(k, _)| k).collect();
        let index = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        CheckWorthyModel {
            bias,
            scale,
            codebook: book,
            index,
            keys,
            weights,
            threshold,
            cues,
            calibration: (1.0, 0.0),
            lexicon_crc: lex.text_crc(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        for v in [self.bias, self.scale, self.threshold] {
            p.extend_from_slice(&v.to_le_bytes());
        }
        p.extend_from_slice(&self.lexicon_crc.to_le_bytes());
        p.push(u8::from(self.cues));
        for v in [self.calibration.0, self.calibration.1] {
            p.extend_from_slice(&v.to_le_bytes());
        }
        p.extend_from_slice(&(self.codebook.len() as u16).to_le_bytes());
        for &v in &self.codebook {
            p.extend_from_slice(&v.to_le_bytes());
        }
        p.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        let mut last = 0;
        for &k in &self.keys {
            write_varint(&mut p, k - last);
            last = k;
        }
        for &w in &self.weights {
            p.push(
                self.codebook
                    .binary_search(&w)
                    .expect("weight is a codebook level") as u8,
            );
        }
        container(MAGIC, FORMAT_VERSION, &p)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CheckWorthyError> {
        const WHAT: &str = "check-worthiness model";
        // Version 1 (before issue 15): no cue features, no calibration.
        let (payload, version) = match open_container(bytes, MAGIC, FORMAT_VERSION, WHAT) {
            Err(FormatError::Version { found: 1, .. }) => {
                (open_container(bytes, MAGIC, 1, WHAT)?, 1)
            }
            other => (other?, FORMAT_VERSION),
        };
        let mut r = Reader::new(payload);
        let (bias, scale, threshold) = (r.f32()?, r.f32()?, r.f32()?);
        let lexicon_crc = r.u32()?;
        let (cues, calibration) = if version == 1 {
            (false, (1.0, 0.0))
        } else {
            let cues = match r.take(1)?[0] {
                0 => false,
                1 => true,
                _ => return Err(FormatError::Corrupt("cue flag").into()),
            };
            (cues, (r.f32()?, r.f32()?))
        };
        let nb = r.u16()? as usize;
        let book: Vec<i16> = (0..nb)
            .map(|_| r.u16().map(|v| v as i16))
            .collect::<Result<_, _>>()?;
        if book.is_empty() || book.windows(2).any(|w| w[0] >= w[1]) {
            return Err(FormatError::Corrupt("codebook").into());
        }
        let n = r.u32()? as usize;
        if n > r.remaining() {
            return Err(FormatError::Corrupt("feature count").into());
        }
        let mut keys = Vec::with_capacity(n);
        let mut last = 0u32;
        for _ in 0..n {
            last = last
                .checked_add(r.varint()?)
                .ok_or(FormatError::Corrupt("feature key"))?;
            keys.push(last);
        }
        let weights = r
            .take(n)?
            .iter()
            .map(|&c| {
                book.get(c as usize)
                    .copied()
                    .ok_or(FormatError::Corrupt("weight code"))
            })
            .collect::<Result<Vec<i16>, _>>()?;
        if !r.is_empty() {
            return Err(FormatError::Corrupt("trailing bytes").into());
        }
        let index = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        Ok(CheckWorthyModel {
            bias,
            scale,
            codebook: book,
            index,
            keys,
            weights,
            threshold,
            cues,
            calibration,
            lexicon_crc,
        })
    }
}

/// One labelled training sentence, as tokens.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub tokens: Vec<String>,
    pub checkworthy: bool,
    /// How much the example counts in the loss (1 for most).
    pub weight: f32,
}

#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// L-BFGS iterations, in units of 20.
    pub epochs: usize,
    /// L2 strength as in LIBLINEAR's `C` (larger: weaker regularisation).
    pub c: f32,
    /// Weights kept in the model file.
    pub keep: usize,
    /// Minimum number of training sentences a feature must occur in.
    pub min_df: u32,
    /// Whether the cue features ([`super::cues`]) take part.
    pub cues: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 15,
            c: 0.5,
            keep: 15_000,
            min_df: 2,
            cues: true,
        }
    }
}

/// Trains with class-balanced logistic loss and L2, by AdaGrad over shuffled
/// examples. Then it keeps the `keep` largest weights and trains again on
/// those features only, so that the pruned model is a model in its own right.
/// `on_epoch` gets the epoch number and the current model, to score it on a
/// dev set.
pub fn train(
    data: &[Labelled],
    lex: &Lexicon,
    cfg: &TrainConfig,
    mut on_epoch: impl FnMut(usize, &CheckWorthyModel),
) -> CheckWorthyModel {
    let feats: Vec<Vec<(u32, f32)>> = data
        .iter()
        .map(|d| {
            features(
                &d.tokens.iter().map(String::as_str).collect::<Vec<_>>(),
                lex,
                cfg.cues,
            )
        })
        .collect();
    let labels: Vec<(bool, f64)> = data
        .iter()
        .map(|d| (d.checkworthy, d.weight as f64))
        .collect();
    // Features seen in fewer than `min_df` sentences are dropped.
    let mut df: IdMap<u32> = IdMap::default();
    for x in &feats {
        for &(h, _) in x {
            *df.entry(h).or_insert(0) += 1;
        }
    }
    let feats: Vec<Vec<(u32, f32)>> = feats
        .into_iter()
        .map(|x| x.into_iter().filter(|(h, _)| df[h] >= cfg.min_df).collect())
        .collect();
    let (w, _) = fit(&feats, &labels, cfg, |_, _, _| {});
    if w.len() <= cfg.keep {
        let (w, bias) = fit(&feats, &labels, cfg, |e, w, b| {
            on_epoch(
                e,
                &CheckWorthyModel::from_weights(w, b, 0.5, usize::MAX, lex, cfg.cues),
            )
        });
        return CheckWorthyModel::from_weights(&w, bias, 0.5, cfg.keep, lex, cfg.cues);
    }
    let mut ranked: Vec<(u32, f32)> = w.into_iter().collect();
    ranked.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    let kept: IdMap<()> = ranked
        .iter()
        .take(cfg.keep)
        .map(|&(k, _)| (k, ()))
        .collect();
    let pruned: Vec<Vec<(u32, f32)>> = feats
        .iter()
        .map(|x| {
            x.iter()
                .copied()
                .filter(|(h, _)| kept.contains_key(h))
                .collect()
        })
        .collect();
    let (w, bias) = fit(&pruned, &labels, cfg, |e, w, b| {
        on_epoch(
            e,
            &CheckWorthyModel::from_weights(w, b, 0.5, usize::MAX, lex, cfg.cues),
        )
    });
    CheckWorthyModel::from_weights(&w, bias, 0.5, cfg.keep, lex, cfg.cues)
}

/// L2-regularised, class-balanced logistic regression, fitted exactly with
/// L-BFGS on the full data: minimises `Σ c_i log(1 + e^(−y_i z_i)) + |w|² / 2C`
/// (the objective of LIBLINEAR and scikit-learn; the bias is not
/// regularised). `on_epoch` is called every 25 iterations.
fn fit(
    feats: &[Vec<(u32, f32)>],
    labels: &[(bool, f64)],
    cfg: &TrainConfig,
    mut on_epoch: impl FnMut(usize, &IdMap<f32>, f32),
) -> (IdMap<f32>, f32) {
    // Dense indices for the features present.
    let mut index: IdMap<u32> = IdMap::default();
    let rows: Vec<Vec<(u32, f32)>> = feats
        .iter()
        .map(|x| {
            x.iter()
                .map(|&(h, v)| {
                    let n = index.len() as u32;
                    (*index.entry(h).or_insert(n), v)
                })
                .collect()
        })
        .collect();
    let dim = index.len() + 1; // last coordinate: the bias
                               // Class-balanced: each class weighs half of the total, whatever its size.
    let n: f64 = labels.iter().map(|&(_, w)| w).sum::<f64>().max(1e-9);
    let pos: f64 = labels
        .iter()
        .filter(|(y, _)| *y)
        .map(|&(_, w)| w)
        .sum::<f64>()
        .max(1e-9);
    let neg = (n - pos).max(1e-9);
    let (w_pos, w_neg) = (n / (2.0 * pos), n / (2.0 * neg));
    let inv_c = 1.0 / cfg.c as f64;
    let objective = |w: &[f64], grad: &mut [f64]| -> f64 {
        let mut f = 0.0;
        grad.iter_mut().for_each(|g| *g = 0.0);
        for (x, &(yes, weight)) in rows.iter().zip(labels) {
            let z = w[dim - 1]
                + x.iter()
                    .map(|&(j, v)| w[j as usize] * v as f64)
                    .sum::<f64>();
            let (y, cw) = if yes {
                (1.0, w_pos * weight)
            } else {
                (-1.0, w_neg * weight)
            };
            let m = y * z;
            // log(1 + e^-m), stably
            f += cw
                * if m > 0.0 {
                    (-m).exp().ln_1p()
                } else {
                    -m + m.exp().ln_1p()
                };
            let g = -cw * y / (1.0 + m.exp());
            for &(j, v) in x {
                grad[j as usize] += g * v as f64;
            }
            grad[dim - 1] += g;
        }
        for j in 0..dim - 1 {
            f += 0.5 * inv_c * w[j] * w[j];
            grad[j] += inv_c * w[j];
        }
        f
    };
    let to_map = |w: &[f64]| -> (IdMap<f32>, f32) {
        let map = index
            .iter()
            .map(|(&h, &j)| (h, w[j as usize] as f32))
            .collect();
        (map, w[dim - 1] as f32)
    };
    let w = lbfgs(dim, cfg.epochs * 20, objective, |it, w| {
        if it % 25 == 0 {
            let (m, b) = to_map(w);
            on_epoch(it / 25, &m, b);
        }
    });
    to_map(&w)
}

/// Limited-memory BFGS with a backtracking (Armijo) line search.
fn lbfgs(
    dim: usize,
    max_iter: usize,
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    mut each: impl FnMut(usize, &[f64]),
) -> Vec<f64> {
    const M: usize = 10;
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut w = vec![0.0; dim];
    let mut g = vec![0.0; dim];
    let mut fx = f(&w, &mut g);
    let mut hist: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> = Default::default();
    let (mut w_new, mut g_new) = (vec![0.0; dim], vec![0.0; dim]);
    for it in 1..=max_iter {
        // Two-loop recursion: d = -H g.
        let mut q = g.clone();
        let mut alphas = Vec::with_capacity(hist.len());
        for (s, y, rho) in hist.iter().rev() {
            let a = rho * dot(s, &q);
            q.iter_mut().zip(y).for_each(|(qi, yi)| *qi -= a * yi);
            alphas.push(a);
        }
        if let Some((s, y, _)) = hist.back() {
            let gamma = dot(s, y) / dot(y, y).max(1e-12);
            q.iter_mut().for_each(|qi| *qi *= gamma);
        }
        for ((s, y, rho), a) in hist.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &q);
            q.iter_mut().zip(s).for_each(|(qi, si)| *qi += (a - b) * si);
        }
        let mut d: Vec<f64> = q.iter().map(|x| -x).collect();
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            d = g.iter().map(|x| -x).collect();
            slope = dot(&g, &d);
            hist.clear();
        }
        let mut step = if hist.is_empty() {
            1.0 / dot(&g, &g).sqrt().max(1e-12)
        } else {
            1.0
        };
        let mut f_new;
        loop {
            w_new
                .iter_mut()
                .zip(&w)
                .zip(&d)
                .for_each(|((wn, wi), di)| *wn = wi + step * di);
            f_new = f(&w_new, &mut g_new);
            if f_new <= fx + 1e-4 * step * slope || step < 1e-12 {
                break;
            }
            step *= 0.5;
        }
        let s: Vec<f64> = w_new.iter().zip(&w).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        std::mem::swap(&mut w, &mut w_new);
        std::mem::swap(&mut g, &mut g_new);
        let done = (fx - f_new).abs() <= 1e-7 * fx.abs().max(1.0);
        fx = f_new;
        if sy > 1e-12 {
            if hist.len() == M {
                hist.pop_front();
            }
            hist.push_back((s, y, 1.0 / sy));
        }
        each(it, &w);
        if done {
            break;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn the_cached_scorer_agrees_with_the_features() {
        let lex = Lexicon::parse(
            "newsmark-lexicon 1\n[embedding-tree]\n0,1\n[embeddings]\n0\tcrime rose\n",
        )
        .unwrap();
        let data: Vec<Labelled> = [
            ("crime rose by 12 % since 2019", true),
            ("thank you all", false),
        ]
        .iter()
        .map(|&(t, y)| Labelled {
            tokens: toks(t),
            checkworthy: y,
            weight: 1.0,
        })
        .collect();
        let m = train(
            &data,
            &lex,
            &TrainConfig {
                min_df: 1,
                ..Default::default()
            },
            |_, _| {},
        );
        let mut scorer = Scorer::new(&m, &lex);
        for s in [
            "Crime rose by 12 % since 2019 .",
            "thank you all , thank you",
            "",
            "…",
        ] {
            let t: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
            let (a, b) = (m.score(&t, &lex), scorer.score(&t));
            assert!((a - b).abs() < 1e-5, "{s:?}: {a} vs {b}");
        }
    }

    #[test]
    fn features_are_grouped_and_normalised() {
        let lex = Lexicon::default();
        // Values are counts over the square root of the group's total count,
        // so in each group they times sqrt(total) sum to the total.
        let f = features(&["Unemployment", "fell", "to", "3.9", "%"], &lex, false);
        let sum: f32 = f.iter().map(|(_, v)| v).sum();
        // Word group: 4 unigrams + 3 bigrams = 7; clusters: 5 + 4 = 9; characters: 5 words' n-grams.
        let chars: usize = ["unemployment", "fell", "to", "3.9"]
            .iter()
            .map(|w| {
                (2..=5)
                    .map(|n| (w.chars().count() + 2).saturating_sub(n - 1))
                    .sum::<usize>()
            })
            .sum();
        let expected = 7f32.sqrt() + 9f32.sqrt() + (chars as f32).sqrt();
        assert!((sum - expected).abs() < 1e-3, "{sum} vs {expected}");
        assert!(features(&[], &lex, false).is_empty());
    }

    #[test]
    fn learns_and_round_trips() {
        let lex = Lexicon::default();
        let data: Vec<Labelled> = [
            ("unemployment fell to 3.9 % last year", true),
            ("we spent 2 billion dollars on schools", true),
            ("crime rose by 12 % since 2019", true),
            ("thank you very much", false),
            ("i love this country", false),
            ("good evening everybody", false),
        ]
        .iter()
        .map(|&(t, y)| Labelled {
            tokens: toks(t),
            checkworthy: y,
            weight: 1.0,
        })
        .collect();
        let cfg = TrainConfig {
            epochs: 30,
            ..Default::default()
        };
        let m = train(&data, &lex, &cfg, |_, _| {});
        let s = |t: &str| {
            m.score(
                &toks(t).iter().map(String::as_str).collect::<Vec<_>>(),
                &lex,
            )
        };
        assert!(s("inflation rose by 4 % since 2020") > 0.5);
        assert!(s("thank you everybody") < 0.5);
        let again = CheckWorthyModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again, m);
        assert!(again.check_lexicon(&lex).is_ok());
        assert_eq!(
            again.check_lexicon(&Lexicon::parse("newsmark-lexicon 1\n[gazetteer X]\nx\n").unwrap()),
            Err(CheckWorthyError::LexiconMismatch)
        );
    }
}
