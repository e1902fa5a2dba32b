//! Feature extraction for the sequence tagger: the word, context and
//! document features every task shares, and the [`Task`] trait through which
//! a task adds its own.
//!
//! Features come in two families, and both training and tagging use exactly
//! these functions:
//!
//! * **word features** depend only on one word and on where it sits relative
//!   to the token being tagged (offset −2..=2). They are the same every time a
//!   word type occurs, so the tagger sums their weights once per word type and
//!   caches the sums;
//! * **context features** depend on the sentence (word pairs, sentence-initial
//!   position, all-caps headlines) and are computed per token.
//!
//! Every feature is a 32-bit hash of its template, offset and value.

use super::lexicon::Lexicon;
use super::tags::{bilou_from_spans, TokenSpan};
use crate::label::Label;
use crate::syntax::PosRun;
use rustc_hash::FxHashMap;

/// Neighbour window: offsets −WINDOW..=WINDOW.
pub const WINDOW: usize = 2;
pub const OFFSETS: usize = 2 * WINDOW + 1;

/// Sentinel words before the first and after the last token of a sentence.
pub const BOS: &str = "\u{1}BOS";
pub const EOS: &str = "\u{1}EOS";

/// Feature templates of the shared word, context and document features.
/// The values are part of the model files (they are hashed): append, never
/// reorder. Task features use templates from [`FIRST_TASK_TEMPLATE`] up.
#[derive(Clone, Copy)]
#[repr(u8)]
enum T {
    Bias = 1,
    Word,
    Lower,
    Prefix,
    Suffix,
    Shape,
    ShortShape,
    Flags,
    BigramLeft,
    BigramRight,
    FirstShape,
    FirstLower,
    CapsShape,
    CapsLower,
    TrigramShape,
    Cluster,
    Gazetteer,
    GazetteerSpan,
    DocLabel,
    DocMajor,
    DocLonger,
    DocPrev,
    Stage1Tag,
    Embedding,
}

/// The first template number free for a task's own features (see
/// [`FeatureHasher::task`]).
pub const FIRST_TASK_TEMPLATE: u8 = T::Embedding as u8 + 1;

/// FNV-1a, 64-bit ([`crate::hash`]), folded to 32 bits. Stable across
/// platforms and versions: the model file stores these hashes.
#[derive(Clone, Copy)]
pub struct FeatureHasher(u64);

impl FeatureHasher {
    #[inline]
    fn new(template: T, offset: i8) -> Self {
        Self::with_template(template as u8, offset)
    }
    #[inline]
    fn with_template(template: u8, offset: i8) -> Self {
        let mut h = FeatureHasher(crate::hash::FNV_OFFSET);
        h.byte(template);
        h.byte(offset as u8);
        h
    }
    /// A hasher for a task's own feature template (at least
    /// [`FIRST_TASK_TEMPLATE`]), at `offset` from the tagged token.
    #[inline]
    pub fn task(template: u8, offset: i8) -> Self {
        debug_assert!(template >= FIRST_TASK_TEMPLATE);
        Self::with_template(template, offset)
    }
    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.0 = crate::hash::fnv_byte(self.0, b);
    }
    #[inline]
    pub fn str(mut self, s: &str) -> Self {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    #[inline]
    pub fn u64(mut self, v: u64) -> Self {
        for b in v.to_le_bytes() {
            self.byte(b);
        }
        self
    }
    #[inline]
    pub fn finish(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

/// Word shape: upper → `X`, lower → `x`, digit → `d`, other characters kept;
/// runs longer than 3 are cut to 3 (`Xxxxxxx` → `Xxxx`... `Xxxx`).
pub fn shape(word: &str, max_run: usize) -> String {
    let mut out = String::with_capacity(word.len().min(16));
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if m == last {
            run += 1;
            if run > max_run {
                continue;
            }
        } else {
            last = m;
            run = 1;
        }
        out.push(m);
    }
    out
}

/// Orthographic flags of a word, packed in a byte.
fn flags(word: &str) -> u8 {
    let mut upper = 0;
    let mut lower = 0;
    let mut digit = 0;
    let mut alpha = 0;
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        }
        if c.is_lowercase() {
            lower += 1;
        }
        if c.is_numeric() {
            digit += 1;
        }
        if c.is_alphabetic() {
            alpha += 1;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let case = if alpha == 0 {
        0
    } else if upper == alpha {
        1 // ALL CAPS
    } else if first_upper && upper == 1 {
        2 // Title
    } else if lower == alpha {
        3 // lower
    } else {
        4 // MiXed
    };
    let len = match word.chars().count() {
        1 => 0,
        2..=3 => 1,
        4..=7 => 2,
        _ => 3,
    };
    case | (len << 3)
        | (u8::from(digit > 0) << 5)
        | (u8::from(word.contains('-')) << 6)
        | (u8::from(word.contains('.')) << 7)
}

/// Lower case, with digits mapped to `0` so that numbers share features.
pub fn normalize(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The forms of a word that its features hash, computed once per word type
/// and shared by the features at every offset.
pub struct WordForms<'a> {
    word: &'a str,
    /// Lower case, digits as `0` ([`normalize`]).
    norm: String,
    /// [`shape`] with runs cut to 1.
    short: String,
    lower: String,
}

impl<'a> WordForms<'a> {
    pub fn new(word: &'a str) -> Self {
        if word == BOS || word == EOS {
            return WordForms {
                word,
                norm: String::new(),
                short: String::new(),
                lower: String::new(),
            };
        }
        WordForms {
            word,
            norm: normalize(word),
            short: shape(word, 1),
            lower: word.to_lowercase(),
        }
    }

    /// The hashes of the normalised form and short shape ([`word_keys`]).
    pub fn keys(&self) -> (u64, u64) {
        if self.word == BOS || self.word == EOS {
            return (hash64(self.word), hash64(self.word));
        }
        (hash64(&self.norm), hash64(&self.short))
    }
}

/// Appends the word features of `word` seen at `offset` from the tagged token.
pub fn word_features(word: &str, offset: i8, lex: &Lexicon, set: WordFeatures, out: &mut Vec<u32>) {
    word_form_features(&WordForms::new(word), offset, lex, set, out)
}

/// [`word_features`] from forms computed beforehand.
pub fn word_form_features(
    forms: &WordForms,
    offset: i8,
    lex: &Lexicon,
    set: WordFeatures,
    out: &mut Vec<u32>,
) {
    let word = forms.word;
    let f = |t: T| FeatureHasher::new(t, offset);
    if word == BOS || word == EOS {
        out.push(f(T::Word).str(word).finish());
        return;
    }
    let norm = &forms.norm;
    out.push(f(T::Lower).str(norm).finish());
    out.push(f(T::ShortShape).str(&forms.short).finish());
    if offset.unsigned_abs() > 1 {
        return;
    }
    // Brown cluster path prefixes (Ratinov & Roth 2009 use lengths 4, 6, 10, 20).
    if let Some(path) = lex.cluster(word) {
        for len in [4, 6, 10, 20] {
            let mut h = f(T::Cluster);
            h.byte(len as u8);
            out.push(h.str(&path[..len.min(path.len())]).finish());
        }
    }
    if set == WordFeatures::WordsAndClusters && offset == 0 {
        out.push(f(T::Bias).finish());
        out.push(f(T::Word).str(word).finish());
    }
    let lower = &forms.lower;
    if let Some(ids) = lex.embedding(lower) {
        for (j, &id) in ids.iter().enumerate() {
            let mut h = f(T::Embedding);
            h.byte(j as u8);
            h.byte(id as u8);
            h.byte((id >> 8) as u8);
            out.push(h.finish());
        }
    }
    if set == WordFeatures::WordsAndClusters {
        return;
    }
    let kinds = lex.single(lower);
    for k in 0..32 {
        if kinds & (1 << k) != 0 {
            let mut h = f(T::Gazetteer);
            h.byte(k as u8);
            out.push(h.finish());
        }
    }
    if offset == 0 {
        out.push(f(T::Bias).finish());
        out.push(f(T::Word).str(word).finish());
        out.push(f(T::Shape).str(&shape(word, 3)).finish());
        let mut h = f(T::Flags);
        h.byte(flags(word));
        out.push(h.finish());
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        for k in 1..=4.min(chars.len()) {
            let mut p = f(T::Prefix);
            p.byte(k as u8);
            let end = chars.get(k).map_or(norm.len(), |&(i, _)| i);
            out.push(p.str(&norm[..end]).finish());
            let mut s = f(T::Suffix);
            s.byte(k as u8);
            out.push(s.str(&norm[chars[chars.len() - k].0..]).finish());
        }
    } else {
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        if chars.len() > 3 {
            let mut s = f(T::Suffix);
            s.byte(3);
            out.push(s.str(&norm[chars[chars.len() - 3].0..]).finish());
        }
    }
}

/// Facts about a whole sentence that context features use.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceInfo {
    /// Most letters in the sentence are capitals (a headline or dateline).
    pub all_caps: bool,
}

impl SentenceInfo {
    pub fn of<S: AsRef<str>>(words: &[S]) -> Self {
        let (mut upper, mut letters) = (0, 0);
        for w in words {
            for c in w.as_ref().chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                upper += usize::from(c.is_uppercase());
            }
        }
        SentenceInfo {
            all_caps: letters >= 4 && upper * 10 >= letters * 8,
        }
    }
}

/// Short words that a title-case line may leave in lower case.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "into", "onto", "over", "up", "off", "out", "via", "vs", "per", "than", "is",
    "are", "be", "if", "so", "yet", "after", "about", "amid", "near",
];

/// A sentence's words, with those of each title-case stretch in capitals: the
/// tagger reads such a line as it reads an all-caps headline, not trusting its
/// capitals. A stretch is the sentence, or a part of it between colons,
/// dashes or bars ("Related article: Putin Says …"); it is in title case when
/// it has at least four words that start with a letter and are not
/// [`MINOR_WORDS`], and every one of them starts with a capital (and at least
/// one has a lower-case letter: a stretch all in capitals is left as it is),
/// and it is not a list: at most one comma, and at most a fifth of its tokens
/// are numbers or punctuation (results tables and lists of names keep their
/// capitals), and it does not end in a full stop: headlines have none, and a
/// short sentence of names reads like title case ("Reporting by Anna Schmidt
/// for the Daily Courier."). `None` when no stretch is in title case.
pub fn read_title_case<S: AsRef<str>>(words: &[S]) -> Option<Vec<String>> {
    let mut out: Option<Vec<String>> = None;
    let mut start = 0;
    for end in 0..=words.len() {
        let cut =
            end == words.len() || matches!(words[end].as_ref(), ":" | "-" | "|" | "--" | "—" | "–");
        if !cut {
            continue;
        }
        let part = &words[start..end];
        let (mut content, mut capital, mut lower, mut other, mut commas) = (0, 0, false, 0, 0);
        for w in part {
            let w = w.as_ref();
            commas += usize::from(w == ",");
            let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) else {
                other += 1;
                continue;
            };
            if c.is_lowercase() && MINOR_WORDS.contains(&w) {
                continue;
            }
            content += 1;
            capital += usize::from(c.is_uppercase());
            lower |= w.chars().any(char::is_lowercase);
        }
        let full_stop = part.last().is_some_and(|w| w.as_ref() == ".");
        if content >= 4
            && capital == content
            && lower
            && commas <= 1
            && other * 5 <= part.len()
            && !full_stop
        {
            let o =
                out.get_or_insert_with(|| words.iter().map(|w| w.as_ref().to_string()).collect());
            for w in &mut o[start..end] {
                *w = w.to_uppercase();
            }
        }
        start = end + 1;
    }
    out
}

/// A 64-bit FNV-1a hash of a string: how context features see words.
pub fn hash64(s: &str) -> u64 {
    super::lexicon::WordKey::new().push(s).fnv()
}

/// The hashes of a word's normalised form and short shape.
pub fn word_keys(word: &str) -> (u64, u64) {
    WordForms::new(word).keys()
}

/// What context features need to know about a sentence, computed once.
pub struct SentenceContext {
    info: SentenceInfo,
    /// Per token: hashes of the normalised word and of its short shape.
    keys: Vec<(u64, u64)>,
    /// Multi-token gazetteer matches `(start, end, kind)`.
    gazetteer: Vec<(usize, usize, usize)>,
}

impl SentenceContext {
    pub fn new(words: &[&str], lex: &Lexicon) -> Self {
        Self::with_keys(words, words.iter().map(|w| word_keys(w)).collect(), lex)
    }

    /// With the word keys already known (the tagger caches them per word type).
    pub fn with_keys(words: &[&str], keys: Vec<(u64, u64)>, lex: &Lexicon) -> Self {
        SentenceContext {
            info: SentenceInfo::of(words),
            keys,
            gazetteer: lex.matches(words),
        }
    }

    /// The hash of token `i`'s normalised form.
    pub fn norm_key(&self, i: usize) -> u64 {
        self.keys[i].0
    }
}

/// Appends the context features of token `i` of a sentence.
pub fn context_features(ctx: &SentenceContext, i: usize, out: &mut Vec<u32>) {
    let (bos, eos) = (hash64(BOS), hash64(EOS));
    let key = |j: isize| -> (u64, u64) {
        if j < 0 {
            (bos, bos)
        } else {
            ctx.keys.get(j as usize).copied().unwrap_or((eos, eos))
        }
    };
    let i = i as isize;
    let (prev, cur, next) = (key(i - 1), key(i), key(i + 1));
    for &(start, end, kind) in &ctx.gazetteer {
        if start as isize <= i && i < end as isize {
            let part = if i == start as isize {
                b'B'
            } else if i + 1 == end as isize {
                b'L'
            } else {
                b'I'
            };
            let mut h = FeatureHasher::new(T::GazetteerSpan, 0);
            h.byte(kind as u8);
            h.byte(part);
            out.push(h.finish());
        }
    }
    out.push(
        FeatureHasher::new(T::BigramLeft, 0)
            .u64(prev.0)
            .u64(cur.0)
            .finish(),
    );
    out.push(
        FeatureHasher::new(T::BigramRight, 0)
            .u64(cur.0)
            .u64(next.0)
            .finish(),
    );
    out.push(
        FeatureHasher::new(T::TrigramShape, 0)
            .u64(prev.1)
            .u64(cur.1)
            .u64(next.1)
            .finish(),
    );
    if i == 0 {
        out.push(FeatureHasher::new(T::FirstShape, 0).u64(cur.1).finish());
        out.push(FeatureHasher::new(T::FirstLower, 0).u64(cur.0).finish());
    }
    if ctx.info.all_caps {
        out.push(FeatureHasher::new(T::CapsShape, 0).u64(cur.1).finish());
        out.push(FeatureHasher::new(T::CapsLower, 0).u64(cur.0).finish());
    }
}

/// Which word features a task uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordFeatures {
    /// Every word feature: forms, clusters, embeddings, gazetteers, affixes,
    /// shapes and flags (names need them).
    Full,
    /// Forms, clusters and embeddings only: affixes and shapes added size but
    /// not accuracy to the attribution tasks without parts of speech.
    WordsAndClusters,
}

/// What a model tags. A task module (entities, attribution roles) implements
/// it; the tagger calls it for the task's own features and knows nothing
/// else of the task. A model file stores [`Task::id`], and reading a file
/// checks it.
pub trait Task: std::fmt::Debug + Sync {
    /// The byte that marks the task in a model file.
    fn id(&self) -> u8;
    /// How many of the label slots the task uses.
    fn label_slots(&self) -> usize;
    /// Which word features the task uses.
    fn word_features(&self) -> WordFeatures;
    /// Whether a line in title case ("Putin Says Normalization in Yerevan")
    /// is read as if it were in capitals ([`read_title_case`]): its capitals
    /// say nothing of names, as in an all-caps headline.
    fn distrusts_title_case(&self) -> bool {
        false
    }
    /// Whether the task's features need each word's part of speech: a model
    /// of such a task runs only with the tagger it was trained with
    /// ([`crate::tagger::Model::with_pos`]).
    fn needs_pos(&self) -> bool {
        false
    }
    /// Task-specific features of each token of a unit (a flat list and
    /// per-token offsets into it), if the task has any. `pos` is the model's
    /// part-of-speech tagger, if it has one, with buffers to run it in.
    fn token_features(&self, words: &[&str], pos: Option<PosRun>)
        -> Option<(Vec<u32>, Vec<usize>)>;
}

/// A task, as a model holds it: models compare equal when their tasks have
/// the same [`Task::id`].
#[derive(Debug, Clone, Copy)]
pub struct TaskRef(pub &'static dyn Task);

impl PartialEq for TaskRef {
    fn eq(&self, other: &Self) -> bool {
        self.0.id() == other.0.id()
    }
}

impl std::ops::Deref for TaskRef {
    type Target = dyn Task;
    fn deref(&self) -> &Self::Target {
        self.0
    }
}

/// Document-level features for every token of a document, from a first
/// tagging pass (`preds`, per sentence): how the same word was labelled
/// elsewhere in the article (counts per label, the majority, whether it was
/// part of a longer name, and its label at the previous occurrence). Only
/// words with a capital letter get them. Returns, per sentence, a flat list
/// and per-token offsets into it.
pub fn doc_features(
    sentences: &[Vec<&str>],
    contexts: &[SentenceContext],
    preds: &[Vec<TokenSpan>],
) -> Vec<(Vec<u32>, Vec<usize>)> {
    // Label per token: 0 = outside, 1 + name index; and whether in a multi-token name.
    let label_of = |l: Label| 1 + Label::NAMES.iter().position(|&x| x == l).unwrap_or(0);
    let mut labels: Vec<Vec<(usize, bool)>> = sentences
        .iter()
        .map(|w| vec![(0, false); w.len()])
        .collect();
    for (s, spans) in preds.iter().enumerate() {
        for sp in spans {
            for t in sp.start..sp.end.min(labels[s].len()) {
                labels[s][t] = (label_of(sp.label), sp.end - sp.start > 1);
            }
        }
    }
    // Words are grouped by the hash of their normalised (lower-case) form.
    let key = |s: usize, t: usize, w: &str| -> Option<u64> {
        w.chars()
            .any(char::is_alphabetic)
            .then(|| contexts[s].norm_key(t))
    };
    #[derive(Default, Clone, Copy)]
    struct Stats {
        count: [u16; 5],
        longer: [u16; 5],
    }
    let mut stats: FxHashMap<u64, Stats> = FxHashMap::default();
    for (s, words) in sentences.iter().enumerate() {
        for (t, w) in words.iter().enumerate() {
            if let Some(k) = key(s, t, w) {
                let e = stats.entry(k).or_default();
                let (l, multi) = labels[s][t];
                e.count[l] = e.count[l].saturating_add(1);
                if multi {
                    e.longer[l] = e.longer[l].saturating_add(1);
                }
            }
        }
    }
    let mut previous: FxHashMap<u64, usize> = FxHashMap::default();
    let mut out = Vec::with_capacity(sentences.len());
    for (s, words) in sentences.iter().enumerate() {
        let mut flat = Vec::new();
        let mut offsets = vec![0];
        let tags = bilou_from_spans(&preds[s], words.len());
        for (t, w) in words.iter().enumerate() {
            // The first stage's tags around this token (stacking).
            for o in -1i8..=1 {
                let j = t as isize + o as isize;
                let mut h = FeatureHasher::new(T::Stage1Tag, o);
                h.byte(if j < 0 || j as usize >= words.len() {
                    255
                } else {
                    tags[j as usize] as u8
                });
                flat.push(h.finish());
            }
            let capital = w.chars().any(char::is_uppercase) && w.chars().count() > 1;
            if let (true, Some(k)) = (capital, key(s, t, w)) {
                let st = stats[&k];
                let (own, multi) = labels[s][t];
                let mut others = st.count;
                others[own] -= 1;
                let mut longer = st.longer;
                if multi {
                    longer[own] -= 1;
                }
                for l in 0..5 {
                    if others[l] > 0 {
                        let mut h = FeatureHasher::new(T::DocLabel, 0);
                        h.byte(l as u8);
                        h.byte(match others[l] {
                            1 => 1,
                            2..=3 => 2,
                            _ => 3,
                        });
                        flat.push(h.finish());
                    }
                    if l > 0 && longer[l] > 0 {
                        let mut h = FeatureHasher::new(T::DocLonger, 0);
                        h.byte(l as u8);
                        flat.push(h.finish());
                    }
                }
                if others.iter().any(|&c| c > 0) {
                    let major = (0..5).max_by_key(|&l| (others[l], l == 0)).unwrap_or(0);
                    let mut h = FeatureHasher::new(T::DocMajor, 0);
                    h.byte(major as u8);
                    flat.push(h.finish());
                }
                let mut h = FeatureHasher::new(T::DocPrev, 0);
                h.byte(previous.get(&k).map_or(255, |&l| l as u8));
                flat.push(h.finish());
                previous.insert(k, own);
            }
            offsets.push(flat.len());
        }
        out.push((flat, offsets));
    }
    out
}

/// A task with no features of its own over the four name slots, for the
/// tagger's own tests (the tagger knows no real task).
#[cfg(test)]
pub(crate) mod testing {
    use super::{Task, TaskRef, WordFeatures};

    #[derive(Debug)]
    pub struct Names;
    impl Task for Names {
        fn id(&self) -> u8 {
            0
        }
        fn label_slots(&self) -> usize {
            4
        }
        fn word_features(&self) -> WordFeatures {
            WordFeatures::Full
        }
        fn token_features(
            &self,
            _: &[&str],
            _: Option<crate::syntax::PosRun>,
        ) -> Option<(Vec<u32>, Vec<usize>)> {
            None
        }
    }
    pub const NAMES: TaskRef = TaskRef(&Names);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Nagorno-Karabakh", 3), "Xxxx-Xxxx");
        assert_eq!(shape("U.S.", 1), "X.X.");
        assert_eq!(shape("6,500", 1), "d,d");
        assert_eq!(shape("McDonald", 1), "XxXx");
        assert_eq!(normalize("COVID-19"), "covid-00");
    }

    #[test]
    fn features_are_deterministic_and_offset_specific() {
        let lex = Lexicon::default();
        let mut a = Vec::new();
        let mut b = Vec::new();
        word_features("Baku", 0, &lex, WordFeatures::Full, &mut a);
        word_features("Baku", 0, &lex, WordFeatures::Full, &mut b);
        assert_eq!(a, b);
        let mut c = Vec::new();
        word_features("Baku", 1, &lex, WordFeatures::Full, &mut c);
        assert!(c.iter().all(|h| !a.contains(h)));
        // Fixed value: the model file depends on hash stability.
        assert_eq!(
            FeatureHasher::new(T::Word, 0).str("Baku").finish(),
            FeatureHasher::new(T::Word, 0).str("Baku").finish()
        );
        assert_ne!(
            FeatureHasher::new(T::Word, 0).str("ab").str("c").finish(),
            FeatureHasher::new(T::Word, 0).str("a").str("bc").finish()
        );
    }

    #[test]
    fn document_features_see_other_mentions() {
        let s1 = vec!["Clinton", "met", "Bill", "Clinton", "."];
        let s2 = vec!["CLINTON", "WINS"];
        let preds = vec![
            vec![TokenSpan {
                start: 2,
                end: 4,
                label: Label::Per,
            }],
            vec![TokenSpan {
                start: 0,
                end: 1,
                label: Label::Org,
            }],
        ];
        let lex = Lexicon::default();
        let ctx = [
            SentenceContext::new(&s1, &lex),
            SentenceContext::new(&s2, &lex),
        ];
        let f = doc_features(&[s1, s2], &ctx, &preds);
        let (flat, offs) = &f[0];
        // "Clinton" (token 0, tagged O) sees a PER that is part of a longer name.
        let first = &flat[offs[0]..offs[1]];
        let mut longer_per = FeatureHasher::new(T::DocLonger, 0);
        longer_per.byte(1);
        assert!(first.contains(&longer_per.finish()));
        // "met" has no capital: only the three first-stage tag features.
        assert_eq!(offs[2] - offs[1], 3);
        assert_eq!(f[1].1.len(), 3);
    }

    #[test]
    fn headline_detection() {
        assert!(SentenceInfo::of(&["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"]).all_caps);
        assert!(!SentenceInfo::of(&["The", "EU", "said", "so"]).all_caps);
    }

    #[test]
    fn title_case_stretches_are_read_in_capitals() {
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let read = read_title_case(&words(
            "Related article : Putin Says Normalization in Yerevan and Baku 's Interests",
        ))
        .unwrap();
        assert_eq!(
            read.join(" "),
            "Related article : PUTIN SAYS NORMALIZATION IN YEREVAN AND BAKU 'S INTERESTS"
        );
        // Running text, short lines, all-caps lines and lists of names keep their case.
        for s in [
            "Putin said normalization was in Yerevan's interest",
            "Biden Met Macron",
            "SOCCER - JAPAN GET LUCKY WIN",
            "Wood , Loren Roberts , Steve Stricker , Brian Claar , Russ Cochran",
            "Glamorgan 259 and 207 ( A. Dale 69 , H. Morris 69 )",
            "Reporting by Anna Schmidt for the Daily Courier .",
        ] {
            assert_eq!(read_title_case(&words(s)), None, "{s}");
        }
    }
}
