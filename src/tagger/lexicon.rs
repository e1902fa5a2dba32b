//! Word clusters and gazetteers: knowledge from outside the training data
//! that the entity model uses as features.
//!
//! The lexicon is a small text format, built by `scripts/build_lexicon.py`
//! from well-kept packages and stored inside the model file (the features a
//! model was trained with must be the ones it runs with):
//!
//! ```text
//! newsmark-lexicon 1
//! # comments
//! [clusters]
//! Baku<TAB>10110100110          word, Brown cluster path
//! [embedding-tree]
//! 3,41                          for each word-vector cluster, its coarser clusters
//! [embeddings]
//! 1270<TAB>baku yerevan tbilisi  a word-vector cluster and its (lower-case) words
//! [gazetteer LOC]
//! Nagorno-Karabakh              one entry per line, tokenised like any text
//! ```
//!
//! ```
//! use newsmark::tagger::lexicon::Lexicon;
//!
//! let lex = Lexicon::parse("newsmark-lexicon 1\n[clusters]\nBaku\t1011\n[gazetteer LOC]\nNew York\n").unwrap();
//! assert_eq!(lex.cluster("Baku"), Some("1011"));
//! assert_eq!(lex.kinds(), ["LOC"]);
//! let words = ["in", "New", "York", "today"];
//! let hits = lex.matches(&words);
//! assert_eq!(hits, vec![(1, 3, 0)]); // tokens 1..3 are an entry of kind 0 (LOC)
//! ```

use crate::tokenize::tokenize;
use rustc_hash::FxHashMap as HashMap;

/// Longest gazetteer entry, in tokens, that is matched.
pub const MAX_ENTRY: usize = 6;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error("lexicon does not start with `newsmark-lexicon 1`")]
    Header,
    #[error("lexicon line {0}: {1}")]
    Line(usize, String),
    #[error("lexicon has more than 32 gazetteer kinds")]
    TooManyKinds,
}

/// The word tables are keyed by a 64-bit hash of the word ([`WordKey`]), not
/// by the word: parsing runs at every page load, and one allocation per word
/// (75,000 of them) was most of its cost. Distinct words of the shipped
/// lexicon have distinct keys (tested); a word outside the lexicon matches
/// one by chance with odds of about 1 in 2^48.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    source: String,
    clusters: HashMap<Box<str>, Box<str>>,
    /// Lower-cased word → its word-vector cluster (an index into `path_starts`).
    embeddings: HashMap<u64, u16>,
    /// Per word-vector cluster: its ids at several granularities, coarse to
    /// fine, as `paths[path_starts[c] .. path_starts[c + 1]]`.
    paths: Vec<u16>,
    path_starts: Vec<u32>,
    kinds: Vec<String>,
    /// Lower-cased entries (tokens joined by one space) → bit set of kinds.
    entries: HashMap<u64, u32>,
    /// Lower-cased first token of multi-token entries → longest such entry.
    starts: HashMap<u64, u8>,
}

/// A 64-bit key of a word or of words joined by single spaces, built a
/// piece at a time (FNV-1a, then a finalizer so that every bit of the key
/// depends on every byte).
#[derive(Debug, Clone, Copy)]
pub struct WordKey(u64);

impl WordKey {
    pub fn new() -> Self {
        WordKey(crate::hash::FNV_OFFSET)
    }
    pub fn of(word: &str) -> u64 {
        Self::new().push(word).finish()
    }
    /// Adds `word`'s bytes.
    pub fn push(self, word: &str) -> Self {
        word.as_bytes().iter().fold(self, |k, &b| k.byte(b))
    }
    #[inline]
    fn byte(self, b: u8) -> Self {
        WordKey(crate::hash::fnv_byte(self.0, b))
    }
    /// Adds a space, then `word`.
    pub fn then(self, word: &str) -> Self {
        self.push(" ").push(word)
    }
    /// The plain FNV-1a hash of the bytes pushed, without the finalizer.
    pub fn fnv(self) -> u64 {
        self.0
    }
    pub fn finish(self) -> u64 {
        // splitmix64's finalizer: a bijection, so distinct hashes stay distinct.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Default for WordKey {
    fn default() -> Self {
        Self::new()
    }
}

impl PartialEq for Lexicon {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Lexicon {
    /// Parses the text format. Empty text gives an empty lexicon.
    pub fn parse(text: &str) -> Result<Self, LexiconError> {
        let mut lex = Lexicon {
            source: text.to_string(),
            ..Default::default()
        };
        if text.is_empty() {
            return Ok(lex);
        }
        // Sized up front: parsing runs at every page load, and rehashing is
        // most of its cost in wasm.
        // Estimates, not counts: another pass over the text costs more than
        // the memory (words take about 8 bytes with their space, gazetteer
        // entries about 12 with their line break).
        lex.embeddings.reserve(text.len() / 8);
        lex.entries.reserve(text.len() / 48);
        lex.starts.reserve(text.len() / 128);
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h.trim() == "newsmark-lexicon 1" => {}
            _ => return Err(LexiconError::Header),
        }
        #[derive(PartialEq)]
        enum Section {
            None,
            Clusters,
            Embeddings,
            Tree,
            Gazetteer(u32),
        }
        let mut section = Section::None;
        let mut tree: Vec<Vec<u16>> = Vec::new();
        for (n, line) in lines {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(head) = line
                .strip_prefix('[')
                .and_then(|l| l.strip_suffix(']'))
                .filter(|h| !h.contains('\t'))
            {
                section = if head == "clusters" {
                    Section::Clusters
                } else if head == "embeddings" {
                    Section::Embeddings
                } else if head == "embedding-tree" {
                    Section::Tree
                } else if let Some(kind) = head.strip_prefix("gazetteer ") {
                    let i = match lex.kinds.iter().position(|k| k == kind) {
                        Some(i) => i,
                        None => {
                            lex.kinds.push(kind.to_string());
                            lex.kinds.len() - 1
                        }
                    };
                    if i >= 32 {
                        return Err(LexiconError::TooManyKinds);
                    }
                    Section::Gazetteer(i as u32)
                } else {
                    return Err(LexiconError::Line(
                        n + 1,
                        format!("unknown section [{head}]"),
                    ));
                };
                continue;
            }
            match section {
                Section::None => {
                    return Err(LexiconError::Line(n + 1, "entry before any section".into()))
                }
                Section::Clusters => {
                    let (word, bits) = line.split_once('\t').ok_or_else(|| {
                        LexiconError::Line(n + 1, "expected word<TAB>cluster".into())
                    })?;
                    if bits.is_empty() || !bits.bytes().all(|b| b == b'0' || b == b'1') {
                        return Err(LexiconError::Line(
                            n + 1,
                            format!("bad cluster path {bits:?}"),
                        ));
                    }
                    lex.clusters.insert(word.into(), bits.into());
                }
                Section::Tree => {
                    let ids: Vec<u16> = line
                        .split(',')
                        .map(|x| {
                            x.parse().map_err(|_| {
                                LexiconError::Line(n + 1, format!("bad cluster id {x:?}"))
                            })
                        })
                        .collect::<Result<_, _>>()?;
                    tree.push(ids);
                }
                Section::Embeddings => {
                    let (id, words) = line.split_once('\t').ok_or_else(|| {
                        LexiconError::Line(n + 1, "expected cluster id<TAB>words".into())
                    })?;
                    let id: u16 = id
                        .parse()
                        .map_err(|_| LexiconError::Line(n + 1, format!("bad cluster id {id:?}")))?;
                    // Coarse to fine: the tree's ancestors, then the cluster itself.
                    let slot = u16::try_from(lex.path_starts.len()).map_err(|_| {
                        LexiconError::Line(n + 1, "too many word-vector clusters".into())
                    })?;
                    lex.path_starts.push(lex.paths.len() as u32);
                    if let Some(ancestors) = tree.get(id as usize) {
                        lex.paths.extend_from_slice(ancestors);
                    }
                    lex.paths.push(id);
                    insert_words(&mut lex.embeddings, words.as_bytes(), slot);
                }
                Section::Gazetteer(kind) => {
                    // The entry's key, its first token's key and its length in tokens.
                    let (key, first, len) = if is_plain_words(line) {
                        // Most entries: ASCII letters between single spaces, which the
                        // tokenizer splits at the spaces (tested below); far cheaper.
                        let lower = line.to_ascii_lowercase();
                        let first = lower.split(' ').next().unwrap_or_default();
                        (
                            WordKey::of(&lower),
                            WordKey::of(first),
                            lower.split(' ').count(),
                        )
                    } else {
                        let tokens: Vec<String> = tokenize(line)
                            .iter()
                            .map(|t| line[t.span.range()].to_lowercase())
                            .collect();
                        let Some((head, rest)) = tokens.split_first() else {
                            continue;
                        };
                        let key = rest
                            .iter()
                            .fold(WordKey::new().push(head), |k, w| k.then(w));
                        (key.finish(), WordKey::of(head), tokens.len())
                    };
                    if len > MAX_ENTRY {
                        continue;
                    }
                    if len > 1 {
                        let m = lex.starts.entry(first).or_insert(0);
                        *m = (*m).max(len as u8);
                    }
                    *lex.entries.entry(key).or_insert(0) |= 1 << kind;
                }
            }
        }
        Ok(lex)
    }

    /// The text this lexicon was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty() && self.entries.is_empty() && self.embeddings.is_empty()
    }

    pub fn kinds(&self) -> &[String] {
        &self.kinds
    }

    pub fn cluster_count(&self) -> usize {
        self.clusters.len()
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// The Brown cluster path of a word: as written, else lower-cased, else
    /// capitalised (so that headline capitals find their word).
    pub fn cluster(&self, word: &str) -> Option<&str> {
        if self.clusters.is_empty() {
            return None;
        }
        if let Some(c) = self.clusters.get(word) {
            return Some(c);
        }
        let lower = word.to_lowercase();
        if let Some(c) = self.clusters.get(lower.as_str()) {
            return Some(c);
        }
        let mut chars = lower.chars();
        let title: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars)
            .collect();
        self.clusters.get(title.as_str()).map(|c| &**c)
    }

    /// Word-vector cluster ids of a lower-cased word, coarse to fine.
    pub fn embedding(&self, lower: &str) -> Option<&[u16]> {
        let slot = *self.embeddings.get(&WordKey::of(lower))? as usize;
        let start = *self.path_starts.get(slot)? as usize;
        let end = self
            .path_starts
            .get(slot + 1)
            .map_or(self.paths.len(), |&e| e as usize);
        self.paths.get(start..end)
    }

    /// Kinds (as a bit set) of single-token entries equal to `lower`.
    pub fn single(&self, lower: &str) -> u32 {
        self.entries.get(&WordKey::of(lower)).copied().unwrap_or(0)
    }

    /// Multi-token entries found in a sentence: `(start, end, kind)` over
    /// token indices, every match of every kind (they may overlap).
    pub fn matches<S: AsRef<str>>(&self, words: &[S]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if self.starts.is_empty() {
            return out;
        }
        // Lower-case copies only of the words that need one.
        let lower: Vec<std::borrow::Cow<str>> = words
            .iter()
            .map(|w| {
                let w = w.as_ref();
                if w.chars().any(char::is_uppercase) {
                    w.to_lowercase().into()
                } else {
                    w.into()
                }
            })
            .collect();
        for i in 0..lower.len() {
            let mut key = WordKey::new().push(&lower[i]);
            let Some(&max) = self.starts.get(&key.finish()) else {
                continue;
            };
            let last = lower.len().min(i + max as usize);
            for (j, word) in lower.iter().enumerate().take(last).skip(i + 1) {
                key = key.then(word);
                if let Some(&kinds) = self.entries.get(&key.finish()) {
                    for k in 0..self.kinds.len() {
                        if kinds & (1 << k) != 0 {
                            out.push((i, j + 1, k));
                        }
                    }
                }
            }
        }
        out
    }
}

/// Inserts each of the words between single spaces in `words` with `slot`,
/// keys computed in one pass over the bytes. This is most of the lexicon's
/// parse, which runs at every page load: kept small and out of line, so
/// that a browser, which starts wasm in a baseline compiler and optimises a
/// function only once it has been called often, optimises it after the first
/// lines.
#[inline(never)]
fn insert_words(map: &mut HashMap<u64, u16>, words: &[u8], slot: u16) {
    let mut key = WordKey::new();
    let mut start = true;
    for &b in words {
        if b == b' ' {
            if !start {
                map.insert(key.finish(), slot);
            }
            key = WordKey::new();
            start = true;
        } else {
            key = key.byte(b);
            start = false;
        }
    }
    if !start {
        map.insert(key.finish(), slot);
    }
}

/// ASCII letters in words separated by single spaces ("New York").
fn is_plain_words(line: &str) -> bool {
    // One pass over the bytes (runs for every gazetteer line at load).
    let mut after_letter = false;
    for b in line.bytes() {
        match b {
            b' ' if after_letter => after_letter = false,
            b if b.is_ascii_alphabetic() => after_letter = true,
            _ => return false,
        }
    }
    after_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_word_entries_split_as_the_tokenizer_splits_them() {
        let text = include_str!("../../models/lexicon.txt");
        let mut plain = 0;
        for line in text.lines().filter(|l| is_plain_words(l)) {
            plain += 1;
            let by_tokenizer: Vec<&str> = tokenize(line)
                .iter()
                .map(|t| &line[t.span.range()])
                .collect();
            let by_spaces: Vec<&str> = line.split(' ').collect();
            assert_eq!(by_tokenizer, by_spaces, "{line:?}");
        }
        assert!(plain > 10_000, "{plain}");
        for odd in [
            "",
            " a",
            "a  b",
            "St. Louis",
            "O'Neil",
            "Saint-Denis",
            "Zoë",
        ] {
            assert!(!is_plain_words(odd), "{odd:?}");
        }
    }

    /// The tables keep only keys: two words of the shipped lexicon that
    /// shared a key would be read as one.
    #[test]
    fn shipped_lexicon_words_have_distinct_keys() {
        let text = include_str!("../../models/lexicon.txt");
        let mut seen: std::collections::HashMap<u64, String> = Default::default();
        let mut check = |s: String| {
            let k = WordKey::of(&s);
            let other = seen.entry(k).or_insert_with(|| s.clone());
            assert_eq!(*other, s, "two words share a key");
        };
        let mut section = "";
        for line in text.lines().skip(1) {
            if line.starts_with('[') {
                section = line;
                continue;
            }
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if section == "[embeddings]" {
                let (_, words) = line.split_once('\t').unwrap();
                words.split(' ').for_each(|w| check(w.to_string()));
            } else if section.starts_with("[gazetteer") {
                let tokens: Vec<String> = tokenize(line)
                    .iter()
                    .map(|t| line[t.span.range()].to_lowercase())
                    .collect();
                check(tokens[0].clone());
                check(tokens.join(" "));
            }
        }
        assert!(seen.len() > 60_000, "{}", seen.len());
        // Keys built a word at a time equal the key of the joined text.
        assert_eq!(
            WordKey::new().push("new").then("york").finish(),
            WordKey::of("new york")
        );
    }

    #[test]
    fn parses_and_matches() {
        let lex = Lexicon::parse(
            "newsmark-lexicon 1\n# c\n[clusters]\nbaku\t10\nParis\t0111\n[gazetteer LOC]\nNew York\nSt. Louis\nParis\n[gazetteer ORG]\nNew York Times\nParis\n",
        )
        .unwrap();
        assert_eq!(lex.cluster("BAKU"), Some("10"));
        assert_eq!(lex.cluster("PARIS"), Some("0111"));
        assert_eq!(lex.cluster("nowhere"), None);
        assert_eq!(lex.single("paris"), 0b11);
        assert_eq!(lex.kinds(), ["LOC", "ORG"]);
        let m = lex.matches(&["The", "NEW", "YORK", "TIMES", "in", "St.", "Louis"]);
        assert_eq!(m, vec![(1, 3, 0), (1, 4, 1), (5, 7, 0)]);
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(Lexicon::parse("nope").unwrap_err(), LexiconError::Header);
        assert!(matches!(
            Lexicon::parse("newsmark-lexicon 1\n[clusters]\nword 01\n"),
            Err(LexiconError::Line(3, _))
        ));
        assert!(Lexicon::parse("").unwrap().is_empty());
    }
}
