//! Word clusters and gazetteers: knowledge from outside the training data
//! that the entity model uses as features.
//!
//! The lexicon is a small text format, built by `scripts/build_lexicon.py`
//! from well-kept packages. A model file stores it compiled
//! ([`Lexicon::compile`]: tables read where they lie, so that opening the
//! model builds nothing), since the features a model was trained with must be
//! the ones it runs with. The text:
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
//!
//! // Compiled (a lexicon without Brown clusters): the same lookups, read in place.
//! let lex = Lexicon::parse("newsmark-lexicon 1\n[embeddings]\n7\tbaku yerevan\n[gazetteer LOC]\nNew York\n").unwrap();
//! let compiled = Lexicon::read(&lex.compile().unwrap()).unwrap();
//! assert!(compiled.is_compiled());
//! assert_eq!(compiled.embedding("yerevan"), Some(&[7u16][..]));
//! assert_eq!(compiled.matches(&words), vec![(1, 3, 0)]);
//! ```

use crate::binfmt::{FormatError, Reader};
use crate::tagger::wordtable::{Shape, WordTable};
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
    #[error("compiled lexicon: {0}")]
    Compiled(#[from] FormatError),
}

/// The word tables are keyed by a 64-bit hash of the word ([`WordKey`]), not
/// by the word: parsing runs at every page load, and one allocation per word
/// (75,000 of them) was most of its cost. Distinct words of the shipped
/// lexicon have distinct keys (tested); a word outside the lexicon matches
/// one by chance with odds of about 1 in 2^48.
///
/// A lexicon comes in two forms with the same lookups: parsed from its text
/// ([`Lexicon::parse`], for training), or compiled ([`Lexicon::compile`]):
/// tables laid out to be read where they lie ([`crate::tagger::wordtable`]),
/// which is how a model file stores it, so that opening the model builds no
/// table. The compiled tables keep fingerprints of the keys, not the keys.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// The text parsed; empty for a compiled lexicon.
    source: String,
    /// CRC-32 of the text this lexicon was parsed or compiled from.
    text_crc: u32,
    clusters: HashMap<Box<str>, Box<str>>,
    /// Per word-vector cluster: its ids at several granularities, coarse to
    /// fine, as `paths[path_starts[c] .. path_starts[c + 1]]`.
    paths: Vec<u16>,
    path_starts: Vec<u32>,
    kinds: Vec<String>,
    tables: Tables,
}

#[derive(Debug, Clone)]
enum Tables {
    Maps {
        /// Lower-cased word → its word-vector cluster (an index into `path_starts`).
        embeddings: HashMap<u64, u16>,
        /// Lower-cased entries (tokens joined by one space) → bit set of kinds.
        entries: HashMap<u64, u32>,
        /// Lower-cased first token of multi-token entries → longest such entry.
        starts: HashMap<u64, u8>,
    },
    /// The same three tables in a compiled lexicon's bytes.
    Compiled {
        bytes: std::sync::Arc<[u8]>,
        embeddings: Placed,
        entries: Placed,
        starts: Placed,
    },
}

impl Default for Tables {
    fn default() -> Self {
        Tables::Maps {
            embeddings: HashMap::default(),
            entries: HashMap::default(),
            starts: HashMap::default(),
        }
    }
}

/// Where a [`WordTable`] lies in a compiled lexicon's bytes.
#[derive(Debug, Clone, Copy)]
struct Placed {
    start: usize,
    shape: Shape,
}

impl Placed {
    /// The table at the front of `r`, which reads `whole` from `base` on.
    fn read(r: &mut Reader, whole: &[u8], base: usize) -> Result<Self, FormatError> {
        let start = base + whole.len() - r.remaining();
        let shape = WordTable::read_from(r)?.shape();
        Ok(Placed { start, shape })
    }
    #[inline]
    fn get(&self, bytes: &[u8], key: u64) -> Option<u32> {
        WordTable::with_shape(&bytes[self.start..], self.shape).get(key)
    }
    fn len(&self) -> usize {
        self.shape.len as usize
    }
}

/// The first bytes of a compiled lexicon (a text lexicon starts `newsmark-lexicon 1`).
const COMPILED_MAGIC: &[u8; 8] = b"NMLEXBIN";

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
    /// Lexicons of the same text are equal, parsed or compiled.
    fn eq(&self, other: &Self) -> bool {
        self.text_crc == other.text_crc
    }
}

impl Lexicon {
    /// Parses the text format. Empty text gives an empty lexicon.
    pub fn parse(text: &str) -> Result<Self, LexiconError> {
        let mut lex = Lexicon {
            source: text.to_string(),
            text_crc: crc32fast::hash(text.as_bytes()),
            ..Default::default()
        };
        if text.is_empty() {
            return Ok(lex);
        }
        let mut embeddings: HashMap<u64, u16> = HashMap::default();
        let mut entries: HashMap<u64, u32> = HashMap::default();
        let mut starts: HashMap<u64, u8> = HashMap::default();
        // Sized up front: parsing runs at every page load, and rehashing is
        // most of its cost in wasm.
        // Estimates, not counts: another pass over the text costs more than
        // the memory (words take about 8 bytes with their space, gazetteer
        // entries about 12 with their line break).
        embeddings.reserve(text.len() / 8);
        entries.reserve(text.len() / 48);
        starts.reserve(text.len() / 128);
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
                    insert_words(&mut embeddings, words.as_bytes(), slot);
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
                        let m = starts.entry(first).or_insert(0);
                        *m = (*m).max(len as u8);
                    }
                    *entries.entry(key).or_insert(0) |= 1 << kind;
                }
            }
        }
        lex.tables = Tables::Maps {
            embeddings,
            entries,
            starts,
        };
        Ok(lex)
    }

    /// CRC-32 of the text this lexicon was parsed or compiled from: what
    /// another model trained with it records ([`crate::claims::CheckWorthyModel`]).
    pub fn text_crc(&self) -> u32 {
        self.text_crc
    }

    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty() && self.embedding_count() == 0 && self.entry_count() == 0
    }

    pub fn kinds(&self) -> &[String] {
        &self.kinds
    }

    pub fn cluster_count(&self) -> usize {
        self.clusters.len()
    }

    /// Distinct gazetteer entries.
    pub fn entry_count(&self) -> usize {
        match &self.tables {
            Tables::Maps { entries, .. } => entries.len(),
            Tables::Compiled { entries, .. } => entries.len(),
        }
    }

    /// Words with a word-vector cluster.
    pub fn embedding_count(&self) -> usize {
        match &self.tables {
            Tables::Maps { embeddings, .. } => embeddings.len(),
            Tables::Compiled { embeddings, .. } => embeddings.len(),
        }
    }

    /// Whether this lexicon is the compiled form ([`Lexicon::compile`]).
    pub fn is_compiled(&self) -> bool {
        matches!(self.tables, Tables::Compiled { .. })
    }

    #[inline]
    fn embedding_slot(&self, key: u64) -> Option<usize> {
        match &self.tables {
            Tables::Maps { embeddings, .. } => embeddings.get(&key).map(|&s| s as usize),
            Tables::Compiled {
                bytes, embeddings, ..
            } => embeddings.get(bytes, key).map(|s| s as usize),
        }
    }

    #[inline]
    fn entry_kinds(&self, key: u64) -> u32 {
        match &self.tables {
            Tables::Maps { entries, .. } => entries.get(&key).copied(),
            Tables::Compiled { bytes, entries, .. } => entries.get(bytes, key),
        }
        .unwrap_or(0)
    }

    /// The most tokens of a multi-token entry that starts with the word of `key`.
    #[inline]
    fn longest_from(&self, key: u64) -> Option<u8> {
        match &self.tables {
            Tables::Maps { starts, .. } => starts.get(&key).copied(),
            Tables::Compiled { bytes, starts, .. } => starts.get(bytes, key).map(|m| m as u8),
        }
    }

    fn has_starts(&self) -> bool {
        match &self.tables {
            Tables::Maps { starts, .. } => !starts.is_empty(),
            Tables::Compiled { starts, .. } => starts.len() > 0,
        }
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
        let slot = self.embedding_slot(WordKey::of(lower))?;
        let start = *self.path_starts.get(slot)? as usize;
        let end = self
            .path_starts
            .get(slot + 1)
            .map_or(self.paths.len(), |&e| e as usize);
        self.paths.get(start..end)
    }

    /// Kinds (as a bit set) of single-token entries equal to `lower`.
    pub fn single(&self, lower: &str) -> u32 {
        self.entry_kinds(WordKey::of(lower))
    }

    /// Multi-token entries found in a sentence: `(start, end, kind)` over
    /// token indices, every match of every kind (they may overlap).
    pub fn matches<S: AsRef<str>>(&self, words: &[S]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if !self.has_starts() {
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
            let Some(max) = self.longest_from(key.finish()) else {
                continue;
            };
            let last = lower.len().min(i + max as usize);
            for (j, word) in lower.iter().enumerate().take(last).skip(i + 1) {
                key = key.then(word);
                let kinds = self.entry_kinds(key.finish());
                if kinds != 0 {
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

    /// The compiled form of this lexicon: the same lookups from tables that
    /// are read where they lie ([`Lexicon::read`] builds nothing). `None` for
    /// a lexicon the compiled form cannot hold: Brown clusters, more than 16
    /// gazetteer kinds or more than 65,536 word-vector clusters.
    pub fn compile(&self) -> Option<Vec<u8>> {
        let Tables::Maps {
            embeddings,
            entries,
            starts,
        } = &self.tables
        else {
            return self.compiled_bytes().map(<[u8]>::to_vec);
        };
        if !self.clusters.is_empty() || self.kinds.len() > 16 {
            return None;
        }
        let mut out = COMPILED_MAGIC.to_vec();
        out.extend_from_slice(&self.text_crc.to_le_bytes());
        out.push(self.kinds.len() as u8);
        for k in &self.kinds {
            out.push(u8::try_from(k.len()).ok()?);
            out.extend_from_slice(k.as_bytes());
        }
        out.extend_from_slice(&(self.path_starts.len() as u32).to_le_bytes());
        for s in &self.path_starts {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out.extend_from_slice(&(self.paths.len() as u32).to_le_bytes());
        for p in &self.paths {
            out.extend_from_slice(&p.to_le_bytes());
        }
        // Fingerprints: 2 bytes for the word vectors' words (a word outside
        // them that matches one by chance gets a wrong cluster, about 2 in
        // 10,000), 3 for gazetteer entries (a common word read as a name
        // would be read so everywhere: about 1 in a million).
        let kinds_bytes = if self.kinds.len() > 8 { 2 } else { 1 };
        let mut table = |entries: Vec<(u64, u32)>, fp_bytes, value_bytes| {
            WordTable::build(&entries, fp_bytes, value_bytes)
                .map(|t| out.extend_from_slice(&t))
                .ok()
        };
        table(
            embeddings
                .iter()
                .map(|(&k, &v)| (k, u32::from(v)))
                .collect(),
            2,
            2,
        )?;
        table(
            entries.iter().map(|(&k, &v)| (k, v)).collect(),
            3,
            kinds_bytes,
        )?;
        table(
            starts.iter().map(|(&k, &v)| (k, u32::from(v))).collect(),
            3,
            1,
        )?;
        Some(out)
    }

    /// The bytes of a compiled lexicon.
    fn compiled_bytes(&self) -> Option<&[u8]> {
        match &self.tables {
            Tables::Compiled { bytes, .. } => Some(bytes),
            Tables::Maps { .. } => None,
        }
    }

    /// The lexicon as a model file stores it: the compiled bytes of a compiled
    /// lexicon, the text of a parsed one (compile it first to store it
    /// compiled: [`crate::tagger::Model::with_compiled_lexicon`]).
    pub fn model_bytes(&self) -> &[u8] {
        self.compiled_bytes().unwrap_or(self.source.as_bytes())
    }

    /// This lexicon compiled ([`Lexicon::compile`]), or itself when it has no
    /// compiled form.
    pub fn into_compiled(self) -> Self {
        match self.compile().map(|b| Lexicon::read(&b)) {
            Some(Ok(compiled)) => compiled,
            _ => self,
        }
    }

    /// A lexicon as a model file stores it ([`Lexicon::model_bytes`]):
    /// compiled, which is read in place, or text, which is parsed.
    pub fn read(bytes: &[u8]) -> Result<Self, LexiconError> {
        if !bytes.starts_with(COMPILED_MAGIC) {
            let text = std::str::from_utf8(bytes).map_err(|_| LexiconError::Header)?;
            return Self::parse(text);
        }
        let bytes: std::sync::Arc<[u8]> = bytes.into();
        let base = COMPILED_MAGIC.len();
        let whole = &bytes[base..];
        let mut r = Reader::new(whole);
        let text_crc = r.u32()?;
        let n_kinds = r.u8()? as usize;
        if n_kinds > 16 {
            return Err(LexiconError::TooManyKinds);
        }
        let mut kinds = Vec::with_capacity(n_kinds);
        for _ in 0..n_kinds {
            let len = r.u8()? as usize;
            let name = std::str::from_utf8(r.take(len)?)
                .map_err(|_| FormatError::Corrupt("lexicon kind name"))?;
            kinds.push(name.to_string());
        }
        let n = r.u32()? as usize;
        let mut path_starts = Vec::with_capacity(n.min(r.remaining() / 4));
        for _ in 0..n {
            path_starts.push(r.u32()?);
        }
        let n = r.u32()? as usize;
        let mut paths = Vec::with_capacity(n.min(r.remaining() / 2));
        for _ in 0..n {
            paths.push(r.u16()?);
        }
        let embeddings = Placed::read(&mut r, whole, base)?;
        let entries = Placed::read(&mut r, whole, base)?;
        let starts = Placed::read(&mut r, whole, base)?;
        if !r.is_empty() {
            return Err(FormatError::Corrupt("lexicon trailing bytes").into());
        }
        Ok(Lexicon {
            source: String::new(),
            text_crc,
            clusters: HashMap::default(),
            paths,
            path_starts,
            kinds,
            tables: Tables::Compiled {
                bytes,
                embeddings,
                entries,
                starts,
            },
        })
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

    /// The compiled form answers every lookup as the parsed text does, and
    /// the shipped entity model holds the shipped lexicon, compiled.
    #[test]
    fn compiled_lexicon_answers_as_the_text_does() {
        let text = include_str!("../../models/lexicon.txt");
        let parsed = Lexicon::parse(text).unwrap();
        let compiled = Lexicon::read(&parsed.compile().unwrap()).unwrap();
        assert!(compiled.is_compiled() && !parsed.is_compiled());
        assert_eq!(compiled, parsed);
        assert_eq!(compiled.kinds(), parsed.kinds());
        assert_eq!(
            (compiled.embedding_count(), compiled.entry_count()),
            (parsed.embedding_count(), parsed.entry_count())
        );
        let mut section = "";
        let mut checked = 0;
        for line in text.lines().skip(1) {
            if line.starts_with('[') {
                section = line;
                continue;
            }
            if section == "[embeddings]" {
                let (_, words) = line.split_once('\t').unwrap();
                for w in words.split(' ') {
                    assert_eq!(compiled.embedding(w), parsed.embedding(w), "{w}");
                    checked += 1;
                }
            } else if section.starts_with("[gazetteer") && !line.starts_with('#') {
                let words: Vec<&str> = tokenize(line)
                    .iter()
                    .map(|t| &line[t.span.range()])
                    .collect();
                let lower = line.to_lowercase();
                assert_eq!(compiled.single(&lower), parsed.single(&lower), "{line}");
                assert_eq!(compiled.matches(&words), parsed.matches(&words), "{line}");
                checked += 1;
            }
        }
        assert!(checked > 70_000, "{checked}");
        // Words outside the lexicon: the tables keep fingerprints, not keys.
        let outside = (0..100_000).map(|i| format!("zq{i}x"));
        let wrong = outside
            .filter(|w| compiled.embedding(w).is_some() || compiled.single(w) != 0)
            .count();
        assert!(wrong <= 50, "{wrong} of 100,000 unknown words matched");
        let model = crate::ner::from_bytes(crate::annotate::BUILTIN_NER).unwrap();
        assert!(model.lexicon().is_compiled());
        assert_eq!(
            *model.lexicon(),
            parsed,
            "models/ner.nmk holds models/lexicon.txt"
        );
        // A model file with either form reads back to the same lexicon.
        assert_eq!(Lexicon::read(text.as_bytes()).unwrap(), parsed);
        assert_eq!(
            parsed.clone().into_compiled().model_bytes(),
            compiled.model_bytes()
        );
        assert_eq!(parsed.model_bytes(), text.as_bytes());
    }

    #[test]
    fn damaged_compiled_lexicons_are_errors() {
        let lex = Lexicon::parse(
            "newsmark-lexicon 1\n[embedding-tree]\n0\n[embeddings]\n0\tbaku yerevan\n[gazetteer LOC]\nNew York\n",
        )
        .unwrap();
        let bytes = lex.compile().unwrap();
        let back = Lexicon::read(&bytes).unwrap();
        assert_eq!(back.embedding("baku"), lex.embedding("baku"));
        assert_eq!(back.matches(&["New", "York"]), vec![(0, 2, 0)]);
        for cut in COMPILED_MAGIC.len()..bytes.len() {
            assert!(Lexicon::read(&bytes[..cut]).is_err(), "{cut}");
        }
        // Brown clusters have no compiled form: the text is kept.
        let brown = Lexicon::parse("newsmark-lexicon 1\n[clusters]\nBaku\t10\n").unwrap();
        assert!(brown.compile().is_none());
        assert!(!brown.clone().into_compiled().is_compiled());
        assert!(brown.model_bytes().starts_with(b"newsmark-lexicon 1"));
        assert!(Lexicon::default().model_bytes().is_empty());
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
