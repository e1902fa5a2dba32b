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
//!   words never seen in training.

use crate::binfmt::{
    codebook, container, nearest, open_container, write_varint, FormatError, IdMap, Reader,
};
use crate::ner::lexicon::Lexicon;

pub const MAGIC: &[u8; 8] = b"NMKCLAIM";
pub const FORMAT_VERSION: u16 = 1;

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

/// FNV-1a over a group tag and byte strings, folded to 32 bits.
fn hash(group: u8, parts: &[&str]) -> u32 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut byte = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    byte(group);
    for p in parts {
        for &b in p.as_bytes() {
            byte(b);
        }
        byte(0xff);
    }
    (h ^ (h >> 32)) as u32
}

/// The sparse feature vector of a sentence given as its tokens: `(hash, value)` pairs.
pub fn features(tokens: &[&str], lex: &Lexicon) -> Vec<(u32, f32)> {
    let mut out: Vec<(u32, f32)> = Vec::new();
    let mut push_group = |mut hs: Vec<u32>| {
        hs.sort_unstable();
        hs.dedup();
        if hs.is_empty() {
            return;
        }
        let v = 1.0 / (hs.len() as f32).sqrt();
        out.extend(hs.into_iter().map(|h| (h, v)));
    };
    let words: Vec<String> = tokens
        .iter()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .map(|t| t.to_lowercase())
        .collect();
    let mut g = Vec::with_capacity(words.len() * 2);
    for (i, w) in words.iter().enumerate() {
        g.push(hash(GROUP_WORDS, &[w]));
        if i > 0 {
            g.push(hash(GROUP_WORDS, &[&words[i - 1], w]));
        }
    }
    push_group(g);
    let mut g = Vec::new();
    for w in &words {
        let padded: Vec<char> = std::iter::once(' ')
            .chain(w.chars())
            .chain(std::iter::once(' '))
            .collect();
        let mut buf = String::new();
        for n in 2..=5 {
            for win in padded.windows(n) {
                buf.clear();
                buf.extend(win);
                g.push(hash(GROUP_CHARS, &[&buf]));
            }
        }
    }
    push_group(g);
    let clusters: Vec<String> = tokens
        .iter()
        .map(|t| {
            if t.starts_with(|c: char| c.is_ascii_digit()) {
                "NUM".to_string()
            } else if let Some(ids) = lex.embedding(&t.to_lowercase()) {
                // The two finest levels of the cluster tree.
                let n = ids.len();
                format!("c{}_{}", ids[n.saturating_sub(2)], ids[n - 1])
            } else if t.chars().any(char::is_alphanumeric) {
                "UNK".to_string()
            } else {
                t.to_string()
            }
        })
        .collect();
    let mut g = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        g.push(hash(GROUP_CLUSTERS, &[c]));
        if i > 0 {
            g.push(hash(GROUP_CLUSTERS, &[&clusters[i - 1], c]));
        }
    }
    push_group(g);
    out
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
    /// Decision threshold on the probability.
    pub threshold: f32,
    /// CRC-32 of the lexicon source the cluster features were computed with.
    lexicon_crc: u32,
}

impl CheckWorthyModel {
    /// The probability that the sentence with these tokens is check-worthy.
    pub fn score(&self, tokens: &[&str], lex: &Lexicon) -> f32 {
        let mut z = self.bias;
        for (h, v) in features(tokens, lex) {
            if let Some(&r) = self.index.get(&h) {
                z += self.weights[r as usize] as f32 * self.scale * v;
            }
        }
        1.0 / (1.0 + (-z).exp())
    }

    /// Fails unless `lex` is the lexicon this model was trained with.
    pub fn check_lexicon(&self, lex: &Lexicon) -> Result<(), CheckWorthyError> {
        if crc32fast::hash(lex.source().as_bytes()) == self.lexicon_crc {
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
            lexicon_crc: crc32fast::hash(lex.source().as_bytes()),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        for v in [self.bias, self.scale, self.threshold] {
            p.extend_from_slice(&v.to_le_bytes());
        }
        p.extend_from_slice(&self.lexicon_crc.to_le_bytes());
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
        let mut r = Reader::new(open_container(
            bytes,
            MAGIC,
            FORMAT_VERSION,
            "check-worthiness model",
        )?);
        let (bias, scale, threshold) = (r.f32()?, r.f32()?, r.f32()?);
        let lexicon_crc = r.u32()?;
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
            lexicon_crc,
        })
    }
}

/// One labelled training sentence, as tokens.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub tokens: Vec<String>,
    pub checkworthy: bool,
}

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    /// L2 strength as in LIBLINEAR's `C` (larger: weaker regularisation).
    pub c: f32,
    pub learning_rate: f32,
    /// Weights kept in the model file.
    pub keep: usize,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 15,
            c: 2.0,
            learning_rate: 0.2,
            keep: 40_000,
            seed: 7,
        }
    }
}

/// Trains with class-balanced logistic loss and L2, by AdaGrad over shuffled
/// examples, then keeps the largest weights. `on_epoch` gets the epoch number
/// and the current float model, to score it on a dev set.
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
            )
        })
        .collect();
    let n = data.len().max(1) as f32;
    let pos = data.iter().filter(|d| d.checkworthy).count().max(1) as f32;
    let neg = (n - pos).max(1.0);
    let (w_pos, w_neg) = (n / (2.0 * pos), n / (2.0 * neg));
    let lambda = 1.0 / (cfg.c * n);
    let mut w: IdMap<f32> = IdMap::default();
    let mut g2: IdMap<f32> = IdMap::default();
    let (mut bias, mut bias_g2) = (0.0f32, 0.0f32);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = cfg.seed.max(1);
    for epoch in 1..=cfg.epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let x = &feats[k];
            let z = bias
                + x.iter()
                    .map(|(h, v)| w.get(h).copied().unwrap_or(0.0) * v)
                    .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let (y, cw) = if data[k].checkworthy {
                (1.0, w_pos)
            } else {
                (0.0, w_neg)
            };
            let g = cw * (p - y);
            for &(h, v) in x {
                let wi = w.entry(h).or_insert(0.0);
                let grad = g * v + lambda * *wi;
                let acc = g2.entry(h).or_insert(1e-8);
                *acc += grad * grad;
                *wi -= cfg.learning_rate * grad / acc.sqrt();
            }
            bias_g2 += g * g;
            bias -= cfg.learning_rate * g / (bias_g2 + 1e-8).sqrt();
        }
        on_epoch(
            epoch,
            &CheckWorthyModel::from_weights(&w, bias, 0.5, usize::MAX, lex),
        );
    }
    CheckWorthyModel::from_weights(&w, bias, 0.5, cfg.keep, lex)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn features_are_grouped_and_normalised() {
        let lex = Lexicon::default();
        let f = features(&["Unemployment", "fell", "to", "3.9", "%"], &lex);
        // Each group's squared values sum to 1.
        let total: f32 = f.iter().map(|(_, v)| v * v).sum();
        assert!((total - 3.0).abs() < 1e-4, "{total}");
        assert!(features(&[], &lex).is_empty());
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
