//! The trained entity tagger: a linear model over hashed features with BILOU
//! tags and first-order Viterbi decoding, stored in a compact binary file.
//!
//! # File format (version 3, little-endian)
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `NMKNER\0\0` |
//! | 2 | format version |
//! | 4 | payload length |
//! | 4 | CRC-32 of the payload |
//! | … | payload |
//!
//! The payload holds:
//! - the task's id (1 byte), then the lexicon's length (u32) and text;
//! - the first tagger: the tag count, the weight width (8 or 16 bits), the
//!   dequantisation scale, the score calibration, the codebook (8-bit
//!   weights), the transition, start and end weights (i16), the feature
//!   count, the sorted feature hashes as LEB128 deltas, a 3-byte mask of
//!   each row's non-zero weights, then those weights (codes or i16);
//! - the second stage's kind (0 none, 1 stacked, 2 full, 3 the first tagger
//!   again), then its tagger for 1 and 2;
//! - for a task whose features read parts of speech
//!   ([`super::features::Task::needs_pos`]), the checksum of the tagger it
//!   was trained with (u32, [`crate::syntax::PosTagger::checksum`]).

use super::decode::decode_labels;
use super::features::{
    context_features, doc_features, read_title_case, word_form_features, SentenceContext, TaskRef,
    WordFeatures, WordForms, BOS, EOS, OFFSETS, WINDOW,
};
use super::lexicon::{Lexicon, LexiconError};
use super::tags::{spans_from_bilou, TokenSpan, N_TAGS};
use crate::binfmt::{container, open_container, write_varint, FormatError, IdMap, Reader};
use crate::syntax::TagScratch;
use rustc_hash::FxHashMap;

pub const MAGIC: &[u8; 8] = b"NMKNER\0\0";
pub const FORMAT_VERSION: u16 = 3;

/// Longest stretch of tokens decoded at once; longer sentences are tagged in
/// pieces, which bounds memory and keeps path scores far from overflow.
pub const MAX_DECODE: usize = 256;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("model file: {0}")]
    Format(#[from] FormatError),
    #[error("the model file is for another task (task {found}, expected {expected})")]
    WrongTask { expected: u8, found: u8 },
    #[error("the built-in model failed to load: {0}")]
    Builtin(String),
    #[error("the model's features need a part-of-speech tagger, and none was given")]
    NoPosTagger,
    #[error(
        "the model was trained with another part-of-speech tagger \
         (checksum {trained:08x}; the one given has {given:08x})"
    )]
    OtherPosTagger { trained: u32, given: u32 },
    #[error("model lexicon: {0}")]
    Lexicon(#[from] LexiconError),
}

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
    pub(crate) trans: Vec<i64>,
    pub(crate) start: Vec<i64>,
    pub(crate) end: Vec<i64>,
    pub(crate) index: IdMap<u32>,
    /// Feature hashes in row order (kept for saving).
    pub(crate) keys: Vec<u32>,
    pub(crate) weights: Vec<i16>,
    /// Corrections learned from a person's edits, in stored units (see
    /// [`crate::learn`]); not saved with the model.
    pub(crate) learned: Option<std::sync::Arc<IdMap<[i32; N_TAGS]>>>,
}

/// A trained entity model: the lexicon its features use, a first tagger
/// over sentence features, and optionally a second tagger that also sees
/// document-level features computed from the first one's output (how the
/// same name was labelled elsewhere in the article).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) lexicon: Lexicon,
    pub(crate) first: Tagger,
    pub(crate) second: Option<SecondStage>,
    /// What the model tags: entities, or attribution roles in the label slots
    /// (see [`crate::attribution`]).
    pub(crate) task: TaskRef,
    /// Whether title-case lines are read in capitals when tagging: what the
    /// task asks for, for every loaded model; in training, only when the
    /// training words were read so too.
    pub(crate) reads_title_case: bool,
    /// The part-of-speech tagger whose tags the task's features use (see
    /// [`Task::needs_pos`]); the file stores only its checksum.
    pub(crate) pos: Option<std::sync::Arc<crate::syntax::PosTagger>>,
    /// For a model read from a file of such a task: the checksum of the
    /// tagger it was trained with ([`crate::syntax::PosTagger::checksum`]).
    pub(crate) pos_crc: Option<u32>,
}

/// How the document-level second pass scores tokens.
#[derive(Debug, Clone, PartialEq)]
pub enum SecondStage {
    /// A small tagger over document features only, added to the first
    /// stage's emissions.
    Stacked(Tagger),
    /// A full tagger over sentence and document features.
    Full(Tagger),
    /// The first tagger again, now with document features (it was trained
    /// both with and without them).
    Again,
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
    slots: FxHashMap<Box<str>, u32>,
    sums: Vec<i32>,
    /// Per slot: the word's context keys (see [`word_keys`]).
    keys: Vec<(u64, u64)>,
}

/// Caches word-type scores for each tagger. Reuse one across the sentences of
/// a document, or across documents: most words repeat.
#[derive(Default)]
pub struct TypeCache {
    first: SlotCache,
    second: SlotCache,
    scratch: Vec<u32>,
    /// The part-of-speech tagger's, for a task that reads parts of speech.
    pos: TagScratch,
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

    /// Adds the weights of `feature` (the trained row plus any learned
    /// correction) to `out`.
    #[inline]
    fn add_row(&self, feature: u32, out: &mut [i32]) {
        if let Some(row) = self.row(feature) {
            for (o, &w) in out.iter_mut().zip(row) {
                *o += w as i32;
            }
        }
        if let Some(delta) = self.learned.as_ref().and_then(|l| l.get(&feature)) {
            for (o, &w) in out.iter_mut().zip(delta) {
                *o += w;
            }
        }
    }

    pub fn feature_count(&self) -> usize {
        self.keys.len()
    }

    /// Index of `word` in the cache, computing its sums on first sight.
    fn type_slot(
        &self,
        lex: &Lexicon,
        set: WordFeatures,
        word: &str,
        cache: &mut SlotCache,
        scratch: &mut Vec<u32>,
    ) -> usize {
        if let Some(&slot) = cache.slots.get(word) {
            return slot as usize;
        }
        let slot = cache.keys.len();
        cache.sums.resize(cache.sums.len() + ROW, 0);
        let forms = WordForms::new(word);
        cache.keys.push(forms.keys());
        for (k, offset) in (-(WINDOW as i8)..=WINDOW as i8).enumerate() {
            scratch.clear();
            word_form_features(&forms, offset, lex, set, scratch);
            let base = slot * ROW + k * N_TAGS;
            for &f in scratch.iter() {
                self.add_row(f, &mut cache.sums[base..base + N_TAGS]);
            }
        }
        cache.slots.insert(word.into(), slot as u32);
        slot
    }

    /// The cache slots of a sentence's words and its context, for [`Tagger::emissions`].
    fn sentence(
        &self,
        lex: &Lexicon,
        set: WordFeatures,
        words: &[&str],
        cache: &mut SlotCache,
        scratch: &mut Vec<u32>,
    ) -> (Vec<usize>, SentenceContext) {
        let slots: Vec<usize> = words
            .iter()
            .map(|w| self.type_slot(lex, set, w, cache, scratch))
            .collect();
        let keys = slots.iter().map(|&s| cache.keys[s]).collect();
        (slots, SentenceContext::with_keys(words, keys, lex))
    }

    /// Emission scores, `N_TAGS` per token of a sentence.
    #[allow(clippy::too_many_arguments)]
    fn emissions(
        &self,
        lex: &Lexicon,
        set: WordFeatures,
        slots: &[usize],
        sentence: &SentenceContext,
        extra: Option<TokenFeatures>,
        cache: &mut SlotCache,
        scratch: &mut Vec<u32>,
    ) -> Vec<i32> {
        let n = slots.len();
        let bos = self.type_slot(lex, set, BOS, cache, scratch);
        let eos = self.type_slot(lex, set, EOS, cache, scratch);
        let mut em = vec![0i32; n * N_TAGS];
        for i in 0..n {
            let out: &mut [i32; N_TAGS] = (&mut em[i * N_TAGS..(i + 1) * N_TAGS])
                .try_into()
                .expect("row");
            for k in 0..OFFSETS {
                let j = i as isize + k as isize - WINDOW as isize;
                let slot = if j < 0 {
                    bos
                } else if j as usize >= n {
                    eos
                } else {
                    slots[j as usize]
                };
                let base = slot * ROW + k * N_TAGS;
                let sums: &[i32; N_TAGS] = cache.sums[base..base + N_TAGS].try_into().expect("row");
                for (o, &s) in out.iter_mut().zip(sums) {
                    *o += s;
                }
            }
            scratch.clear();
            context_features(sentence, i, scratch);
            if let Some(x) = extra {
                scratch.extend_from_slice(x.of(i));
            }
            for &f in scratch.iter() {
                self.add_row(f, out);
            }
        }
        em
    }

    /// Emissions of a stacked tagger: the first stage's emissions (stored
    /// units `base_scale`) rescaled to this tagger's units, plus the weights
    /// of the extra features.
    pub(crate) fn stacked_emissions(
        &self,
        base: &[i32],
        base_scale: f32,
        extra: TokenFeatures,
    ) -> Vec<i32> {
        let mut em: Vec<i32> = if base_scale == self.scale {
            base.to_vec()
        } else {
            let ratio = base_scale / self.scale;
            base.iter()
                .map(|&x| (x as f32 * ratio).round() as i32)
                .collect()
        };
        for i in 0..base.len() / N_TAGS {
            for &f in extra.of(i) {
                self.add_row(f, &mut em[i * N_TAGS..(i + 1) * N_TAGS]);
            }
        }
        em
    }

    /// Decodes emissions into spans; with `scores`, each span gets a
    /// confidence in (0, 1), otherwise 1.0. Units longer than
    /// [`MAX_DECODE`] are decoded in overlapping pieces: each piece keeps its
    /// tags up to a point where no span is open ([`piece_cut`]), and the next
    /// piece starts there, so that a span is not cut at a piece's edge (an
    /// attribution in the 16th sentence of a long paragraph lost its source's
    /// first word to the edge at token 256).
    pub(crate) fn decode(&self, em: &[i32], labels: usize, scores: bool) -> Vec<(TokenSpan, f32)> {
        let n = em.len() / N_TAGS;
        let (mut alpha, mut beta) = (Vec::new(), Vec::new());
        let mut out = Vec::new();
        let mut start = 0;
        while start < n {
            let window = (start + MAX_DECODE).min(n);
            let piece = &em[start * N_TAGS..window * N_TAGS];
            let (tags, margins) = decode_labels(
                labels,
                &self.trans,
                &self.start,
                &self.end,
                |k| piece[k] as i64,
                window - start,
                scores,
                (&mut alpha, &mut beta),
            );
            let kept = if window == n {
                tags.len()
            } else {
                piece_cut(&tags)
            };
            let end = start + kept;
            for span in spans_from_bilou(&tags[..kept]) {
                let score = if scores {
                    let margin = margins[span.start..span.end]
                        .iter()
                        .copied()
                        .fold(f64::INFINITY, f64::min);
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
        // Rows are sparse: first a 3-byte mask of the non-zero tags of every
        // row, then the non-zero weights (codebook codes or 16-bit values).
        for &r in &order {
            let mask = self.weights[r * N_TAGS..(r + 1) * N_TAGS]
                .iter()
                .enumerate()
                .fold(0u32, |m, (t, &w)| if w != 0 { m | 1 << t } else { m });
            p.extend_from_slice(&mask.to_le_bytes()[..3]);
        }
        for &r in &order {
            for &w in self.weights[r * N_TAGS..(r + 1) * N_TAGS]
                .iter()
                .filter(|&&w| w != 0)
            {
                match &self.codebook {
                    // Weights of 8-bit models are codebook levels by construction.
                    Some(book) => {
                        p.push(book.binary_search(&w).expect("weight is a codebook level") as u8)
                    }
                    None => p.extend_from_slice(&w.to_le_bytes()),
                }
            }
        }
    }

    fn read(r: &mut Reader) -> Result<Self, ModelError> {
        if r.u8()? as usize != N_TAGS {
            return Err(ModelError::Format(FormatError::Corrupt("tag count")));
        }
        let weight_bits = r.u8()?;
        if weight_bits != 8 && weight_bits != 16 {
            return Err(ModelError::Format(FormatError::Corrupt("weight width")));
        }
        let scale = r.f32()?;
        let calibration = r.f32()?;
        let codebook = if weight_bits == 8 {
            let n = r.u16()? as usize;
            if n == 0 || n > 256 {
                return Err(ModelError::Format(FormatError::Corrupt("codebook size")));
            }
            let book: Vec<i16> = (0..n)
                .map(|_| r.u16().map(|v| v as i16))
                .collect::<Result<_, _>>()?;
            if book.windows(2).any(|w| w[0] >= w[1]) {
                return Err(ModelError::Format(FormatError::Corrupt("codebook order")));
            }
            Some(book)
        } else {
            None
        };
        let mut ints = |n: usize| -> Result<Vec<i64>, ModelError> {
            (0..n)
                .map(|_| r.u16().map(|v| v as i16 as i64).map_err(ModelError::from))
                .collect()
        };
        let trans = ints(N_TAGS * N_TAGS)?;
        let start = ints(N_TAGS)?;
        let end = ints(N_TAGS)?;
        let n = r.u32()? as usize;
        if n > r.remaining() {
            return Err(ModelError::Format(FormatError::Corrupt("feature count")));
        }
        let mut keys = Vec::with_capacity(n);
        let mut last = 0u32;
        for _ in 0..n {
            last = last
                .checked_add(r.varint()?)
                .ok_or(ModelError::Format(FormatError::Corrupt("feature key")))?;
            keys.push(last);
        }
        let masks = r.take(n * 3)?;
        let mut weights = vec![0i16; n * N_TAGS];
        // Decoded at every page load, by the browser's baseline compiler: a
        // row's stored weights are taken as one slice and its set bits
        // walked, not one checked read per tag.
        let width = if codebook.is_some() { 1 } else { 2 };
        for (row, m) in masks.chunks_exact(3).enumerate() {
            let mut mask = u32::from_le_bytes([m[0], m[1], m[2], 0]);
            if mask >> N_TAGS != 0 {
                return Err(ModelError::Format(FormatError::Corrupt("weight mask")));
            }
            let stored = r.take(mask.count_ones() as usize * width)?;
            let out = &mut weights[row * N_TAGS..(row + 1) * N_TAGS];
            let mut i = 0;
            while mask != 0 {
                let t = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                out[t] = match &codebook {
                    Some(book) => *book
                        .get(stored[i] as usize)
                        .ok_or(ModelError::Format(FormatError::Corrupt("weight code")))?,
                    None => i16::from_le_bytes([stored[2 * i], stored[2 * i + 1]]),
                };
                i += 1;
            }
        }
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
            learned: None,
        })
    }
}

impl Model {
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn feature_count(&self) -> usize {
        self.first.feature_count()
            + match &self.second {
                Some(SecondStage::Stacked(t) | SecondStage::Full(t)) => t.feature_count(),
                _ => 0,
            }
    }

    pub fn stages(&self) -> usize {
        1 + usize::from(self.second.is_some())
    }

    /// Tags one sentence on its own, as a one-sentence document.
    pub fn tag(&self, words: &[&str], cache: &mut TypeCache) -> Vec<(TokenSpan, f32)> {
        self.tag_document(&[words.to_vec()], cache)
            .pop()
            .unwrap_or_default()
    }

    /// Tags the sentences of one document: entity spans over token indices
    /// of each sentence, each with a confidence in (0, 1).
    pub fn tag_document(
        &self,
        sentences: &[Vec<&str>],
        cache: &mut TypeCache,
    ) -> Vec<Vec<(TokenSpan, f32)>> {
        self.tag_document_with(sentences, cache, true)
    }

    /// [`Self::tag_document`]; without `scores` every span's confidence is
    /// 1.0, which saves the backward pass of the decoder.
    pub fn tag_document_with(
        &self,
        sentences: &[Vec<&str>],
        cache: &mut TypeCache,
        scores: bool,
    ) -> Vec<Vec<(TokenSpan, f32)>> {
        let read = self.read_title_case(sentences);
        let views: Vec<Vec<&str>>;
        let sentences = match &read {
            Some(r) => {
                views = r
                    .iter()
                    .map(|s| s.iter().map(String::as_str).collect())
                    .collect();
                &views[..]
            }
            None => sentences,
        };
        let TypeCache {
            first,
            second: cache2,
            scratch,
            pos,
        } = cache;
        let lex = &self.lexicon;
        let labels = self.task.label_slots();
        let set = self.task.word_features();
        let mut contexts = Vec::with_capacity(sentences.len());
        let mut ems = Vec::with_capacity(sentences.len());
        for w in sentences {
            let (slots, ctx) = self.first.sentence(lex, set, w, first, scratch);
            let run = self.pos.as_deref().map(|t| t.run(pos));
            let task = self.task.token_features(w, run);
            let extra = task
                .as_ref()
                .map(|(flat, offsets)| TokenFeatures { flat, offsets });
            ems.push(
                self.first
                    .emissions(lex, set, &slots, &ctx, extra, first, scratch),
            );
            contexts.push(ctx);
        }
        let Some(stage2) = &self.second else {
            return ems
                .iter()
                .map(|em| self.first.decode(em, labels, scores))
                .collect();
        };
        let preds: Vec<Vec<TokenSpan>> = ems
            .iter()
            .map(|em| {
                self.first
                    .decode(em, labels, false)
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect()
            })
            .collect();
        let feats = doc_features(sentences, &contexts, &preds);
        ems.iter()
            .zip(&feats)
            .zip(sentences)
            .map(|((em, (flat, offsets)), words)| {
                let extra = TokenFeatures { flat, offsets };
                match stage2 {
                    SecondStage::Stacked(t) => t.decode(
                        &t.stacked_emissions(em, self.first.scale, extra),
                        labels,
                        scores,
                    ),
                    SecondStage::Full(t) => {
                        let (slots, ctx) = t.sentence(lex, set, words, cache2, scratch);
                        t.decode(
                            &t.emissions(lex, set, &slots, &ctx, Some(extra), cache2, scratch),
                            labels,
                            scores,
                        )
                    }
                    // Same tagger: its sentence features score as in the first
                    // pass, so only the document features are added.
                    SecondStage::Again => {
                        let t = &self.first;
                        t.decode(&t.stacked_emissions(em, t.scale, extra), labels, scores)
                    }
                }
            })
            .collect()
    }

    /// The sentences as the tagger reads them, if the task reads title-case
    /// lines as capitals and one of them is in title case
    /// ([`super::features::read_title_case`]).
    fn read_title_case(&self, sentences: &[Vec<&str>]) -> Option<Vec<Vec<String>>> {
        if !self.reads_title_case {
            return None;
        }
        let read: Vec<Option<Vec<String>>> = sentences.iter().map(|s| read_title_case(s)).collect();
        read.iter().any(Option::is_some).then(|| {
            read.into_iter()
                .zip(sentences)
                .map(|(r, s)| r.unwrap_or_else(|| s.iter().map(|w| w.to_string()).collect()))
                .collect()
        })
    }

    /// The tagger whose margins give the final scores.
    pub(crate) fn scoring_tagger(&mut self) -> &mut Tagger {
        match &mut self.second {
            Some(SecondStage::Stacked(t) | SecondStage::Full(t)) => t,
            _ => &mut self.first,
        }
    }

    /// First-stage emissions of each sentence in real units (for training the second stage).
    pub(crate) fn first_emissions(
        &self,
        sentences: &[Vec<&str>],
        cache: &mut TypeCache,
    ) -> Vec<Vec<f32>> {
        let TypeCache {
            first,
            scratch,
            pos,
            ..
        } = cache;
        sentences
            .iter()
            .map(|w| {
                let (slots, ctx) = self.first.sentence(
                    &self.lexicon,
                    self.task.word_features(),
                    w,
                    first,
                    scratch,
                );
                let run = self.pos.as_deref().map(|t| t.run(pos));
                let task = self.task.token_features(w, run);
                let extra = task
                    .as_ref()
                    .map(|(flat, offsets)| TokenFeatures { flat, offsets });
                self.first
                    .emissions(
                        &self.lexicon,
                        self.task.word_features(),
                        &slots,
                        &ctx,
                        extra,
                        first,
                        scratch,
                    )
                    .into_iter()
                    .map(|x| x as f32 * self.first.scale)
                    .collect()
            })
            .collect()
    }

    /// Serialises the model in the versioned, checksummed binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = vec![self.task.id()];
        let lex = self.lexicon.model_bytes();
        p.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        p.extend_from_slice(lex);
        self.first.write(&mut p);
        match &self.second {
            None => p.push(0),
            Some(SecondStage::Stacked(t)) => {
                p.push(1);
                t.write(&mut p);
            }
            Some(SecondStage::Full(t)) => {
                p.push(2);
                t.write(&mut p);
            }
            Some(SecondStage::Again) => p.push(3),
        }
        if self.task.needs_pos() {
            let crc = self.pos.as_ref().map(|t| t.checksum()).or(self.pos_crc);
            p.extend_from_slice(&crc.unwrap_or(0).to_le_bytes());
        }
        container(MAGIC, FORMAT_VERSION, &p)
    }

    /// Reads a model written by [`Model::to_bytes`] for `task`, checking
    /// magic, version, length, checksum and that the file is for that task.
    pub fn from_bytes(bytes: &[u8], task: TaskRef) -> Result<Self, ModelError> {
        let payload = open_container(bytes, MAGIC, FORMAT_VERSION, "tagger model")?;
        let mut r = Reader::new(payload);
        let found = r.u8()?;
        if found != task.id() {
            return Err(ModelError::WrongTask {
                expected: task.id(),
                found,
            });
        }
        let lex_len = r.u32()? as usize;
        let lexicon = Lexicon::read(r.take(lex_len)?)?;
        let first = Tagger::read(&mut r)?;
        let second = match r.u8()? {
            0 => None,
            1 => Some(SecondStage::Stacked(Tagger::read(&mut r)?)),
            2 => Some(SecondStage::Full(Tagger::read(&mut r)?)),
            3 => Some(SecondStage::Again),
            _ => {
                return Err(ModelError::Format(FormatError::Corrupt(
                    "second stage kind",
                )))
            }
        };
        let pos_crc = if task.needs_pos() {
            Some(r.u32()?)
        } else {
            None
        };
        if !r.is_empty() {
            return Err(ModelError::Format(FormatError::Corrupt(
                "trailing payload bytes",
            )));
        }
        Ok(Model {
            lexicon,
            first,
            second,
            task,
            reads_title_case: task.distrusts_title_case(),
            pos: None,
            pos_crc,
        })
    }

    /// The model with its lexicon compiled ([`Lexicon::compile`]), as a model
    /// file should store it: opening the file then builds no table.
    pub fn with_compiled_lexicon(mut self) -> Self {
        self.lexicon = self.lexicon.into_compiled();
        self
    }

    /// The model with the part-of-speech tagger its task's features use. A
    /// model read from a file takes only the tagger it was trained with
    /// (checked by checksum): another tagger's tags would shift its features.
    pub fn with_pos(
        mut self,
        pos: std::sync::Arc<crate::syntax::PosTagger>,
    ) -> Result<Self, ModelError> {
        if let Some(trained) = self.pos_crc {
            let given = pos.checksum();
            if trained != given {
                return Err(ModelError::OtherPosTagger { trained, given });
            }
        }
        self.pos = Some(pos);
        Ok(self)
    }

    /// Whether the model can run: a task that needs parts of speech has its
    /// tagger ([`Model::with_pos`]).
    pub fn is_complete(&self) -> bool {
        !self.task.needs_pos() || self.pos.is_some()
    }
}

/// How many of a piece's `tags` to keep when more of the unit follows: the
/// largest count, searched from three quarters of the piece down to a quarter
/// and then up to its end, after which no span is open and the next tag opens
/// one or is outside, so that the next piece starts cleanly; the tags kept have
/// seen the words after them. All of them when the piece has no such point (one
/// span over it), as before pieces overlapped.
fn piece_cut(tags: &[usize]) -> usize {
    use super::tags::{tag_part, Part};
    let closed = |k: usize| {
        !matches!(tag_part(tags[k - 1]).0, Part::B | Part::I)
            && matches!(tag_part(tags[k]).0, Part::O | Part::B | Part::U)
    };
    let n = tags.len();
    let preferred = n * 3 / 4;
    (n / 4..=preferred)
        .rev()
        .chain(preferred + 1..n)
        .find(|&k| k > 0 && closed(k))
        .unwrap_or(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::features::testing::NAMES;
    use crate::tagger::features::Task;

    /// A tiny hand-made model: the word "Baku" at offset 0 votes U-LOC.
    fn toy(bits: u8) -> Model {
        let mut f = Vec::new();
        super::super::features::word_features(
            "Baku",
            0,
            &Lexicon::default(),
            WordFeatures::Full,
            &mut f,
        );
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
            learned: None,
        };
        Model {
            lexicon: Lexicon::parse("newsmark-lexicon 1\n[gazetteer LOC]\nBaku\n").unwrap(),
            first: tagger.clone(),
            second: (bits == 8).then_some(SecondStage::Full(tagger)),
            task: NAMES,
            reads_title_case: false,
            pos: None,
            pos_crc: None,
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
            assert_eq!(Model::from_bytes(&bytes, NAMES).unwrap(), m);
            // The lexicon compiled: the same model, and it reads back compiled.
            let compiled = m.clone().with_compiled_lexicon();
            assert!(compiled.lexicon().is_compiled() && !m.lexicon().is_compiled());
            let back = Model::from_bytes(&compiled.to_bytes(), NAMES).unwrap();
            assert!(back.lexicon().is_compiled());
            assert_eq!(back, m);
            assert_eq!(back.to_bytes(), compiled.to_bytes());
        }
    }

    #[test]
    fn rejects_damaged_files() {
        let bytes = toy(16).to_bytes();
        let fmt = |e| Err(ModelError::Format(e));
        assert_eq!(
            Model::from_bytes(b"nonsense", NAMES),
            fmt(FormatError::BadMagic("tagger model"))
        );
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(
            Model::from_bytes(&flipped, NAMES),
            fmt(FormatError::Checksum)
        );
        let mut v9 = bytes.clone();
        v9[8] = 9;
        assert_eq!(
            Model::from_bytes(&v9, NAMES),
            fmt(FormatError::Version {
                found: 9,
                expected: FORMAT_VERSION
            })
        );
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 3], NAMES),
            Err(ModelError::Format(FormatError::Corrupt(_)))
        ));
        // A sound file for another task is refused, not misread.
        #[derive(Debug)]
        struct Other;
        impl Task for Other {
            fn id(&self) -> u8 {
                7
            }
            fn label_slots(&self) -> usize {
                3
            }
            fn word_features(&self) -> WordFeatures {
                WordFeatures::WordsAndClusters
            }
            fn token_features(
                &self,
                _: &[&str],
                _: Option<crate::syntax::PosRun>,
            ) -> Option<(Vec<u32>, Vec<usize>)> {
                None
            }
        }
        assert_eq!(
            Model::from_bytes(&bytes, TaskRef(&Other)),
            Err(ModelError::WrongTask {
                expected: 7,
                found: 0
            })
        );
    }

    #[test]
    fn pieces_are_cut_where_no_span_is_open() {
        use crate::tagger::tags::{tag_part, Part};
        // Tag ids: 0 outside, then B, I, L, U of the first label.
        let (o, b, i, l, u) = (0, 1, 2, 3, 4);
        assert_eq!(tag_part(b).0, Part::B);
        assert_eq!(tag_part(u).0, Part::U);
        // A span from 2 to 14 of 16 tags: cut after it, at three quarters or below.
        let mut tags = vec![o; 16];
        tags[2] = b;
        tags[3..13].fill(i);
        tags[13] = l;
        assert_eq!(piece_cut(&tags), 14);
        // Outside everywhere: at three quarters.
        assert_eq!(piece_cut(&[o; 16]), 12);
        // Never inside a span: B I I L from 11 to 14 moves the cut to 11.
        let mut tags = vec![o; 16];
        tags[11] = b;
        tags[12..14].fill(i);
        tags[14] = l;
        assert_eq!(piece_cut(&tags), 11);
        // One span over the whole piece: all of it, as before.
        let mut tags = vec![i; 16];
        tags[0] = b;
        assert_eq!(piece_cut(&tags), 16);
        // A unit-length span right at the cut is kept whole.
        let mut tags = vec![o; 16];
        tags[11] = u;
        assert_eq!(piece_cut(&tags), 12);
    }
}
