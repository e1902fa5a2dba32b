//! The trained entity tagger: a linear model over hashed features with BILOU
//! tags and first-order Viterbi decoding, stored in a compact binary file.
//!
//! # File format (version 1, little-endian)
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `NMKNER\0\0` |
//! | 2 | format version |
//! | 4 | payload length |
//! | 4 | CRC-32 of the payload |
//! | … | payload |
//!
//! The payload holds the tag count, the weight width (8 or 16 bits), the
//! dequantisation scale, the score calibration, the transition, start and end
//! weights (i16), the feature count, the sorted feature hashes as LEB128
//! deltas, and one row of weights per feature.

use super::features::{context_features, doc_features, word_features, SentenceContext, BOS, EOS, OFFSETS, WINDOW};
use super::lexicon::{Lexicon, LexiconError};
use super::tags::{allowed, allowed_end, allowed_start, spans_from_bilou, TokenSpan, N_TAGS};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub const MAGIC: &[u8; 8] = b"NMKNER\0\0";
pub const FORMAT_VERSION: u16 = 2;

/// Longest stretch of tokens decoded at once; longer sentences are tagged in
/// pieces, which bounds memory and keeps path scores far from overflow.
pub const MAX_DECODE: usize = 256;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a Newsmark entity model (bad magic bytes)")]
    BadMagic,
    #[error(
        "model format version {0} is not supported (this build reads version {FORMAT_VERSION})"
    )]
    Version(u16),
    #[error("model file is truncated or corrupt: {0}")]
    Corrupt(&'static str),
    #[error("model checksum mismatch: the file is damaged")]
    Checksum,
    #[error("the built-in model failed to load: {0}")]
    Builtin(String),
    #[error("model lexicon: {0}")]
    Lexicon(#[from] LexiconError),
}

/// Keys are already hashes: use them as they are.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spread the bits a little; hashbrown uses the top 7 bits as tags.
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
pub type IdMap<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// One linear tagger: feature weights, transitions and score calibration.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    /// Real weight = stored integer × `scale`.
    pub(crate) scale: f32,
    /// Confidence = logistic(margin × scale × calibration).
    pub(crate) calibration: f32,
    /// For 8-bit files: the sorted weight levels that the stored byte codes
    /// index. `None`: weights are stored as 16-bit integers.
    pub(crate) codebook: Option<Vec<i16>>,
    pub(crate) trans: Vec<i32>,
    pub(crate) start: Vec<i32>,
    pub(crate) end: Vec<i32>,
    pub(crate) index: IdMap<u32>,
    /// Feature hashes in row order (kept for saving).
    pub(crate) keys: Vec<u32>,
    pub(crate) weights: Vec<i16>,
}

/// A trained entity model: the lexicon its features use, a first tagger
/// over sentence features, and optionally a second tagger that also sees
/// document-level features computed from the first one's output (how the
/// same name was labelled elsewhere in the article).
#[derive(Debug, Clone, PartialEq)]
pub struct NerModel {
    pub(crate) lexicon: Lexicon,
    pub(crate) first: Tagger,
    pub(crate) second: Option<Tagger>,
}

/// Extra per-token features: token `i` has `flat[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Copy)]
pub struct TokenFeatures<'a> {
    pub flat: &'a [u32],
    pub offsets: &'a [usize],
}

impl<'a> TokenFeatures<'a> {
    pub fn of(&self, i: usize) -> &'a [u32] {
        &self.flat[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// Per-word-type sums of word-feature weights, one row of `N_TAGS` per offset.
#[derive(Default)]
struct SlotCache {
    slots: HashMap<Box<str>, u32>,
    sums: Vec<i32>,
}

/// Caches word-type scores for each tagger. Reuse one across the sentences of
/// a document, or across documents: most words repeat.
#[derive(Default)]
pub struct TypeCache {
    first: SlotCache,
    second: SlotCache,
    scratch: Vec<u32>,
}

impl TypeCache {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn len(&self) -> usize {
        self.first.slots.len()
    }
    pub fn is_empty(&self) -> bool {
        self.first.slots.is_empty()
    }
}

const ROW: usize = N_TAGS * OFFSETS;

impl Tagger {
    pub(crate) fn row(&self, feature: u32) -> Option<&[i16]> {
        self.index
            .get(&feature)
            .map(|&r| &self.weights[r as usize * N_TAGS..(r as usize + 1) * N_TAGS])
    }

    pub fn feature_count(&self) -> usize {
        self.keys.len()
    }

    /// Index of `word` in the cache, computing its sums on first sight.
    fn type_slot(&self, lex: &Lexicon, word: &str, cache: &mut SlotCache, scratch: &mut Vec<u32>) -> usize {
        if let Some(&slot) = cache.slots.get(word) {
            return slot as usize;
        }
        let slot = cache.sums.len() / ROW;
        cache.sums.resize(cache.sums.len() + ROW, 0);
        for (k, offset) in (-(WINDOW as i8)..=WINDOW as i8).enumerate() {
            scratch.clear();
            word_features(word, offset, lex, scratch);
            let base = slot * ROW + k * N_TAGS;
            for &f in scratch.iter() {
                if let Some(row) = self.row(f) {
                    for (s, &w) in cache.sums[base..base + N_TAGS].iter_mut().zip(row) {
                        *s += w as i32;
                    }
                }
            }
        }
        cache.slots.insert(word.into(), slot as u32);
        slot
    }

    /// Emission scores, `N_TAGS` per token, for tokens `range` of a sentence.
    fn emissions(
        &self,
        lex: &Lexicon,
        words: &[&str],
        sentence: &SentenceContext,
        extra: Option<TokenFeatures>,
        range: std::ops::Range<usize>,
        cache: &mut SlotCache,
        scratch: &mut Vec<u32>,
    ) -> Vec<i32> {
        let n = words.len();
        let bos = self.type_slot(lex, BOS, cache, scratch);
        let eos = self.type_slot(lex, EOS, cache, scratch);
        let lo = range.start.saturating_sub(WINDOW);
        let hi = (range.end + WINDOW).min(n);
        let slots: Vec<usize> = words[lo..hi].iter().map(|w| self.type_slot(lex, w, cache, scratch)).collect();
        let mut em = vec![0i32; range.len() * N_TAGS];
        for (r, i) in range.clone().enumerate() {
            let out = &mut em[r * N_TAGS..(r + 1) * N_TAGS];
            for k in 0..OFFSETS {
                let j = i as isize + k as isize - WINDOW as isize;
                let slot = if j < 0 {
                    bos
                } else if j as usize >= n {
                    eos
                } else {
                    slots[j as usize - lo]
                };
                let base = slot * ROW + k * N_TAGS;
                for (o, &s) in out.iter_mut().zip(&cache.sums[base..base + N_TAGS]) {
                    *o += s;
                }
            }
            scratch.clear();
            context_features(sentence, i, scratch);
            if let Some(x) = extra {
                scratch.extend_from_slice(x.of(i));
            }
            for &f in scratch.iter() {
                if let Some(row) = self.row(f) {
                    for (o, &w) in out.iter_mut().zip(row) {
                        *o += w as i32;
                    }
                }
            }
        }
        em
    }

    /// Tags one sentence; with `scores`, each span gets a confidence in (0, 1),
    /// otherwise 1.0. Sentences longer than [`MAX_DECODE`] are decoded in pieces.
    #[allow(clippy::too_many_arguments)]
    fn tag(
        &self,
        lex: &Lexicon,
        words: &[&str],
        extra: Option<TokenFeatures>,
        scores: bool,
        cache: &mut SlotCache,
        scratch: &mut Vec<u32>,
    ) -> Vec<(TokenSpan, f32)> {
        let sentence = SentenceContext::new(words, lex);
        let mut out = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let end = (start + MAX_DECODE).min(words.len());
            let em = self.emissions(lex, words, &sentence, extra, start..end, cache, scratch);
            let (tags, margins) = decode_with(&self.trans, &self.start, &self.end, &em, end - start, scores);
            for span in spans_from_bilou(&tags) {
                let score = if scores {
                    let margin = margins[span.start..span.end].iter().copied().min().unwrap_or(0);
                    1.0 / (1.0 + (-(margin as f32) * self.scale * self.calibration).exp())
                } else {
                    1.0
                };
                out.push((
                    TokenSpan {
                        start: span.start + start,
                        end: span.end + start,
                        label: span.label,
                    },
                    score,
                ));
            }
            start = end;
        }
        out
    }

    fn write(&self, p: &mut Vec<u8>) {
        p.push(N_TAGS as u8);
        p.push(if self.codebook.is_some() { 8 } else { 16 });
        p.extend_from_slice(&self.scale.to_le_bytes());
        p.extend_from_slice(&self.calibration.to_le_bytes());
        if let Some(book) = &self.codebook {
            p.extend_from_slice(&(book.len() as u16).to_le_bytes());
            for &v in book {
                p.extend_from_slice(&v.to_le_bytes());
            }
        }
        for &v in self.trans.iter().chain(&self.start).chain(&self.end) {
            p.extend_from_slice(&(v as i16).to_le_bytes());
        }
        // Rows sorted by key, keys as deltas.
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_by_key(|&r| self.keys[r]);
        p.extend_from_slice(&(order.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for &r in &order {
            write_varint(p, self.keys[r] - last);
            last = self.keys[r];
        }
        for &r in &order {
            for &w in &self.weights[r * N_TAGS..(r + 1) * N_TAGS] {
                match &self.codebook {
                    // Weights of 8-bit models are codebook levels by construction.
                    Some(book) => p.push(book.binary_search(&w).expect("weight is a codebook level") as u8),
                    None => p.extend_from_slice(&w.to_le_bytes()),
                }
            }
        }
    }

    fn read(r: &mut Reader) -> Result<Self, ModelError> {
        if r.u8()? as usize != N_TAGS {
            return Err(ModelError::Corrupt("tag count"));
        }
        let weight_bits = r.u8()?;
        if weight_bits != 8 && weight_bits != 16 {
            return Err(ModelError::Corrupt("weight width"));
        }
        let scale = r.f32()?;
        let calibration = r.f32()?;
        let codebook = if weight_bits == 8 {
            let n = r.u16()? as usize;
            if n == 0 || n > 256 {
                return Err(ModelError::Corrupt("codebook size"));
            }
            let book: Vec<i16> = (0..n).map(|_| r.u16().map(|v| v as i16)).collect::<Result<_, _>>()?;
            if book.windows(2).any(|w| w[0] >= w[1]) {
                return Err(ModelError::Corrupt("codebook order"));
            }
            Some(book)
        } else {
            None
        };
        let mut ints = |n: usize| -> Result<Vec<i32>, ModelError> { (0..n).map(|_| r.u16().map(|v| v as i16 as i32)).collect() };
        let trans = ints(N_TAGS * N_TAGS)?;
        let start = ints(N_TAGS)?;
        let end = ints(N_TAGS)?;
        let n = r.u32()? as usize;
        if n > r.b.len() {
            return Err(ModelError::Corrupt("feature count"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut last = 0u32;
        for _ in 0..n {
            last = last.checked_add(r.varint()?).ok_or(ModelError::Corrupt("feature key"))?;
            keys.push(last);
        }
        let width = weight_bits as usize / 8;
        let raw = r.take(n * N_TAGS * width)?;
        let weights: Vec<i16> = match &codebook {
            Some(book) => raw
                .iter()
                .map(|&b| book.get(b as usize).copied().ok_or(ModelError::Corrupt("weight code")))
                .collect::<Result<_, _>>()?,
            None => raw.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect(),
        };
        let mut index = IdMap::with_capacity_and_hasher(n, Default::default());
        for (row, &k) in keys.iter().enumerate() {
            index.insert(k, row as u32);
        }
        Ok(Tagger {
            scale,
            calibration,
            codebook,
            trans,
            start,
            end,
            index,
            keys,
            weights,
        })
    }
}

impl NerModel {
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn feature_count(&self) -> usize {
        self.first.feature_count() + self.second.as_ref().map_or(0, Tagger::feature_count)
    }

    pub fn stages(&self) -> usize {
        1 + usize::from(self.second.is_some())
    }

    /// Tags one sentence on its own, as a one-sentence document.
    pub fn tag(&self, words: &[&str], cache: &mut TypeCache) -> Vec<(TokenSpan, f32)> {
        self.tag_document(&[words.to_vec()], cache).pop().unwrap_or_default()
    }

    /// Tags the sentences of one document: entity spans over token indices
    /// of each sentence, each with a confidence in (0, 1).
    pub fn tag_document(&self, sentences: &[Vec<&str>], cache: &mut TypeCache) -> Vec<Vec<(TokenSpan, f32)>> {
        let TypeCache { first, second, scratch } = cache;
        let Some(tagger2) = &self.second else {
            return sentences
                .iter()
                .map(|w| self.first.tag(&self.lexicon, w, None, true, first, scratch))
                .collect();
        };
        let preds: Vec<Vec<TokenSpan>> = sentences
            .iter()
            .map(|w| {
                self.first
                    .tag(&self.lexicon, w, None, false, first, scratch)
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect()
            })
            .collect();
        let feats = doc_features(sentences, &preds);
        sentences
            .iter()
            .zip(&feats)
            .map(|(w, (flat, offsets))| {
                let extra = TokenFeatures { flat, offsets };
                tagger2.tag(&self.lexicon, w, Some(extra), true, second, scratch)
            })
            .collect()
    }

    /// Serialises the model in the versioned, checksummed binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        let lex = self.lexicon.source().as_bytes();
        p.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        p.extend_from_slice(lex);
        p.push(self.stages() as u8);
        self.first.write(&mut p);
        if let Some(t) = &self.second {
            t.write(&mut p);
        }
        let mut out = Vec::with_capacity(p.len() + 18);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(p.len() as u32).to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&p).to_le_bytes());
        out.extend_from_slice(&p);
        out
    }

    /// Reads a model written by [`NerModel::to_bytes`], checking magic,
    /// version, length and checksum.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        if bytes.len() < 18 || &bytes[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let mut r = Reader { b: &bytes[8..] };
        let version = r.u16()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version(version));
        }
        let len = r.u32()? as usize;
        let crc = r.u32()?;
        let payload = r.take(len)?;
        if !r.b.is_empty() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        if crc32fast::hash(payload) != crc {
            return Err(ModelError::Checksum);
        }
        let mut r = Reader { b: payload };
        let lex_len = r.u32()? as usize;
        let lex_text = std::str::from_utf8(r.take(lex_len)?).map_err(|_| ModelError::Corrupt("lexicon is not UTF-8"))?;
        let lexicon = Lexicon::parse(lex_text)?;
        let stages = r.u8()?;
        if !(1..=2).contains(&stages) {
            return Err(ModelError::Corrupt("stage count"));
        }
        let first = Tagger::read(&mut r)?;
        let second = if stages == 2 { Some(Tagger::read(&mut r)?) } else { None };
        if !r.b.is_empty() {
            return Err(ModelError::Corrupt("trailing payload bytes"));
        }
        Ok(NerModel { lexicon, first, second })
    }
}

/// Viterbi over BILOU-constrained transitions. Returns the best tags and, if
/// asked, each token's margin: the best path score minus the best score of
/// any path that gives that token a different tag (max-marginals from a
/// forward and a backward pass).
pub(crate) fn decode_with<W: Copy + Into<f64>>(
    trans: &[W],
    start: &[W],
    end: &[W],
    em: &[W],
    n: usize,
    want_margins: bool,
) -> (Vec<usize>, Vec<i64>) {
    const NEG: f64 = f64::NEG_INFINITY;
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut table = [NEG; N_TAGS * N_TAGS];
    for a in 0..N_TAGS {
        for b in 0..N_TAGS {
            if allowed(a, b) {
                table[a * N_TAGS + b] = trans[a * N_TAGS + b].into();
            }
        }
    }
    let t = |a: usize, b: usize| -> f64 { table[a * N_TAGS + b] };
    let mut alpha = vec![NEG; n * N_TAGS];
    let mut back = vec![0u8; n * N_TAGS];
    for y in 0..N_TAGS {
        if allowed_start(y) {
            alpha[y] = start[y].into() + em[y].into();
        }
    }
    for i in 1..n {
        for y in 0..N_TAGS {
            let (mut best, mut arg) = (NEG, 0);
            for x in 0..N_TAGS {
                let s = alpha[(i - 1) * N_TAGS + x] + t(x, y);
                if s > best {
                    best = s;
                    arg = x;
                }
            }
            alpha[i * N_TAGS + y] = best + em[i * N_TAGS + y].into();
            back[i * N_TAGS + y] = arg as u8;
        }
    }
    let (mut best, mut last) = (NEG, 0);
    for y in 0..N_TAGS {
        if allowed_end(y) {
            let s = alpha[(n - 1) * N_TAGS + y] + end[y].into();
            if s > best {
                best = s;
                last = y;
            }
        }
    }
    let mut tags = vec![0; n];
    tags[n - 1] = last;
    for i in (1..n).rev() {
        tags[i - 1] = back[i * N_TAGS + tags[i]] as usize;
    }
    if !want_margins {
        return (tags, Vec::new());
    }
    // beta[i][y]: best score of tokens after i given tag y at i.
    let mut beta = vec![NEG; n * N_TAGS];
    for y in 0..N_TAGS {
        if allowed_end(y) {
            beta[(n - 1) * N_TAGS + y] = end[y].into();
        }
    }
    for i in (0..n - 1).rev() {
        for x in 0..N_TAGS {
            let mut b = NEG;
            for y in 0..N_TAGS {
                let s = t(x, y) + em[(i + 1) * N_TAGS + y].into() + beta[(i + 1) * N_TAGS + y];
                if s > b {
                    b = s;
                }
            }
            beta[i * N_TAGS + x] = b;
        }
    }
    let margins = (0..n)
        .map(|i| {
            let chosen = alpha[i * N_TAGS + tags[i]] + beta[i * N_TAGS + tags[i]];
            let other = (0..N_TAGS)
                .filter(|&y| y != tags[i])
                .map(|y| alpha[i * N_TAGS + y] + beta[i * N_TAGS + y])
                .fold(NEG, f64::max);
            let m = chosen - other;
            if m.is_finite() {
                m.round() as i64
            } else {
                i64::MAX / 2
            }
        })
        .collect();
    (tags, margins)
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.b.len() < n {
            return Err(ModelError::Corrupt("unexpected end of data"));
        }
        let (a, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u32)
                .checked_shl(shift)
                .ok_or(ModelError::Corrupt("varint"))?;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt("varint too long"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny hand-made model: the word "Baku" at offset 0 votes U-LOC.
    fn toy(bits: u8) -> NerModel {
        let mut f = Vec::new();
        word_features("Baku", 0, &Lexicon::default(), &mut f);
        let key = f[0];
        let mut weights = vec![0i16; N_TAGS];
        weights[1 + 4 * 2 + 3] = 100; // U-LOC
        weights[1] = -7;
        let mut index = IdMap::default();
        index.insert(key, 0);
        let tagger = Tagger {
            scale: 0.01,
            calibration: 1.0,
            codebook: (bits == 8).then(|| vec![-7, 0, 100]),
            trans: vec![0; N_TAGS * N_TAGS],
            start: vec![0; N_TAGS],
            end: vec![0; N_TAGS],
            index,
            keys: vec![key],
            weights,
        };
        NerModel {
            lexicon: Lexicon::parse("newsmark-lexicon 1\n[gazetteer LOC]\nBaku\n").unwrap(),
            first: tagger.clone(),
            second: (bits == 8).then_some(tagger),
        }
    }

    #[test]
    fn tags_with_a_toy_model() {
        let m = toy(16);
        let mut cache = TypeCache::new();
        let out = m.tag(&["Troops", "left", "Baku", "."], &mut cache);
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].0.start, out[0].0.end, out[0].0.label),
            (2, 3, crate::label::Label::Loc)
        );
        assert!(out[0].1 > 0.5 && out[0].1 < 1.0);
    }

    #[test]
    fn save_load_round_trip() {
        for bits in [8, 16] {
            let m = toy(bits);
            let bytes = m.to_bytes();
            assert_eq!(NerModel::from_bytes(&bytes).unwrap(), m);
        }
    }

    #[test]
    fn rejects_damaged_files() {
        let bytes = toy(16).to_bytes();
        assert_eq!(NerModel::from_bytes(b"nonsense"), Err(ModelError::BadMagic));
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(NerModel::from_bytes(&flipped), Err(ModelError::Checksum));
        let mut v9 = bytes.clone();
        v9[8] = 9;
        assert_eq!(NerModel::from_bytes(&v9), Err(ModelError::Version(9)));
        assert!(matches!(
            NerModel::from_bytes(&bytes[..bytes.len() - 3]),
            Err(ModelError::Corrupt(_))
        ));
    }

    #[test]
    fn decode_respects_bilou() {
        // Emissions prefer I-PER everywhere, which is invalid on its own.
        let n = 3;
        let mut em = vec![0i32; n * N_TAGS];
        for i in 0..n {
            em[i * N_TAGS + 2] = 10; // I-PER
            em[i * N_TAGS + 1] = 4; // B-PER
            em[i * N_TAGS + 3] = 4; // L-PER
        }
        let z = vec![0i32; N_TAGS * N_TAGS];
        let (tags, margins) = decode_with(&z, &z[..N_TAGS], &z[..N_TAGS], &em, n, true);
        assert_eq!(tags, vec![1, 2, 3]);
        assert!(margins.iter().all(|&m| m > 0));
    }
}
