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

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    source: String,
    clusters: HashMap<Box<str>, Box<str>>,
    /// Lower-cased word → its word-vector cluster (an index into `paths`).
    embeddings: HashMap<Box<str>, u16>,
    /// Per word-vector cluster: its ids at several granularities, coarse to fine.
    paths: Vec<Box<[u16]>>,
    kinds: Vec<String>,
    /// Lower-cased entries (tokens joined by one space) → bit set of kinds.
    entries: HashMap<Box<str>, u32>,
    /// Lower-cased first token of multi-token entries → longest such entry.
    starts: HashMap<Box<str>, u8>,
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
        let lines_in = text.bytes().filter(|&b| b == b'\n').count();
        lex.entries.reserve(lines_in / 4);
        lex.embeddings.reserve(lines_in);
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
                    let mut ids = tree.get(id as usize).cloned().unwrap_or_default();
                    ids.push(id);
                    let slot = u16::try_from(lex.paths.len()).map_err(|_| {
                        LexiconError::Line(n + 1, "too many word-vector clusters".into())
                    })?;
                    lex.paths.push(ids.into());
                    for word in words.split(' ').filter(|w| !w.is_empty()) {
                        lex.embeddings.insert(word.into(), slot);
                    }
                }
                Section::Gazetteer(kind) => {
                    let tokens: Vec<String> = if is_plain_words(line) {
                        // Most entries: ASCII letters between single spaces, which the
                        // tokenizer splits at the spaces (tested below); far cheaper.
                        line.split(' ').map(|w| w.to_ascii_lowercase()).collect()
                    } else {
                        tokenize(line)
                            .iter()
                            .map(|t| line[t.span.range()].to_lowercase())
                            .collect()
                    };
                    if tokens.is_empty() || tokens.len() > MAX_ENTRY {
                        continue;
                    }
                    if tokens.len() > 1 {
                        let m = lex.starts.entry(tokens[0].as_str().into()).or_insert(0);
                        *m = (*m).max(tokens.len() as u8);
                    }
                    *lex.entries.entry(tokens.join(" ").into()).or_insert(0) |= 1 << kind;
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
        self.embeddings
            .get(lower)
            .and_then(|&slot| self.paths.get(slot as usize))
            .map(|b| &**b)
    }

    /// Kinds (as a bit set) of single-token entries equal to `lower`.
    pub fn single(&self, lower: &str) -> u32 {
        self.entries.get(lower).copied().unwrap_or(0)
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
        let mut key = String::new();
        for i in 0..lower.len() {
            let Some(&max) = self.starts.get(&*lower[i]) else {
                continue;
            };
            key.clear();
            key.push_str(&lower[i]);
            let last = lower.len().min(i + max as usize);
            for (j, word) in lower.iter().enumerate().take(last).skip(i + 1) {
                key.push(' ');
                key.push_str(word);
                if let Some(&kinds) = self.entries.get(key.as_str()) {
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

/// ASCII letters in words separated by single spaces ("New York").
fn is_plain_words(line: &str) -> bool {
    !line.is_empty()
        && !line.starts_with(' ')
        && !line.ends_with(' ')
        && !line.contains("  ")
        && line.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ')
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
