//! Feature extraction for the entity tagger.
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
use rustc_hash::FxHashMap;

/// Neighbour window: offsets −WINDOW..=WINDOW.
pub const WINDOW: usize = 2;
pub const OFFSETS: usize = 2 * WINDOW + 1;

/// Sentinel words before the first and after the last token of a sentence.
pub const BOS: &str = "\u{1}BOS";
pub const EOS: &str = "\u{1}EOS";

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
    AttrQuote,
    AttrCueLeft,
    AttrCueRight,
    AttrCueBoth,
    AttrHasCue,
    AttrFirst,
    AttrAfterColon,
    AttrSentence,
    AttrSentenceCue,
    AttrCueWord,
    AttrTrail,
    AttrThat,
    AttrAccording,
}

/// FNV-1a, 64-bit, folded to 32 bits. Stable across platforms and versions:
/// the model file stores these hashes.
#[derive(Clone, Copy)]
pub struct FeatureHasher(u64);

impl FeatureHasher {
    #[inline]
    fn new(template: T, offset: i8) -> Self {
        let mut h = FeatureHasher(0xcbf2_9ce4_8422_2325);
        h.byte(template as u8);
        h.byte(offset as u8);
        h
    }
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    #[inline]
    fn str(mut self, s: &str) -> Self {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    #[inline]
    fn u64(mut self, v: u64) -> Self {
        for b in v.to_le_bytes() {
            self.byte(b);
        }
        self
    }
    #[inline]
    fn finish(self) -> u32 {
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
pub fn word_features(word: &str, offset: i8, lex: &Lexicon, task: Task, out: &mut Vec<u32>) {
    word_form_features(&WordForms::new(word), offset, lex, task, out)
}

/// [`word_features`] from forms computed beforehand.
pub fn word_form_features(
    forms: &WordForms,
    offset: i8,
    lex: &Lexicon,
    task: Task,
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
    if task == Task::Attribution && offset == 0 {
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
    if task == Task::Attribution {
        // Attribution needs words and their clusters; affixes and shapes only add size.
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

/// A 64-bit FNV-1a hash of a string: how context features see words.
pub fn hash64(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
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

/// What a model tags, which decides the task-specific token features it uses
/// on top of the word and context features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Task {
    /// Named entities.
    #[default]
    Entities,
    /// Attribution roles (source, cue, content), tagged per paragraph.
    Attribution,
}

impl Task {
    /// How many of the label slots the task uses (attribution: source, cue
    /// and content in the first three).
    pub fn label_slots(self) -> usize {
        match self {
            Task::Entities => Label::NAMES.len(),
            Task::Attribution => crate::attribution::Role::ALL.len(),
        }
    }

    pub fn to_byte(self) -> u8 {
        match self {
            Task::Entities => 0,
            Task::Attribution => 1,
        }
    }
    pub fn from_byte(b: u8) -> Option<Task> {
        match b {
            0 => Some(Task::Entities),
            1 => Some(Task::Attribution),
            _ => None,
        }
    }
}

/// Task-specific features of each token of a unit (flat list and offsets), if the task has any.
pub fn task_features(task: Task, words: &[&str]) -> Option<(Vec<u32>, Vec<usize>)> {
    match task {
        Task::Entities => None,
        Task::Attribution => Some(attribution_features(words)),
    }
}

/// Words that often introduce reported speech or belief (lower case).
pub const CUE_WORDS: &[&str] = &[
    "said",
    "say",
    "says",
    "saying",
    "told",
    "tell",
    "tells",
    "telling",
    "according",
    "added",
    "adding",
    "adds",
    "wrote",
    "writes",
    "write",
    "asked",
    "asks",
    "noted",
    "notes",
    "reported",
    "reports",
    "announced",
    "announces",
    "suggested",
    "suggests",
    "argued",
    "argues",
    "claimed",
    "claims",
    "claim",
    "insisted",
    "insists",
    "stated",
    "states",
    "warned",
    "warns",
    "explained",
    "explains",
    "acknowledged",
    "accused",
    "accuses",
    "called",
    "calls",
    "tweeted",
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "declared",
    "confirmed",
    "denied",
    "denies",
    "predicted",
    "predicts",
    "recalled",
    "admitted",
    "promised",
    "promises",
    "vowed",
    "urged",
    "urges",
    "described",
    "estimated",
    "estimates",
    "found",
    "showed",
    "shows",
    "show",
    "revealed",
    "indicated",
    "concluded",
    "contended",
    "maintained",
    "replied",
    "responded",
    "alleged",
    "alleges",
    "blamed",
    "criticized",
    "criticised",
    "praised",
    "agreed",
    "disputed",
    "emphasized",
    "stressed",
    "testified",
    "hoped",
    "feared",
    "fears",
    "expects",
    "expected",
    "knows",
    "knew",
    "learned",
    "heard",
    "cited",
    "quoted",
    "quipped",
    "joked",
    "continued",
    "observed",
    "pointed",
    "charged",
    "conceded",
    "countered",
    "predicted",
    "mentioned",
    "signaled",
    "signalled",
    "seemed",
    "appears",
    "appeared",
    "endorsed",
    "decried",
    "questioned",
    "wondered",
    "acknowledges",
    "announcement",
    "statement",
    "interview",
    "tweet",
];

/// More cue words, from PolNeAR train only (never dev): lower-case words that
/// occur at least 8 times in a gold cue and are part of a cue at least 30% of
/// the times they occur, less adverbs ("also", "-ly"). Listed by
/// `python3 scripts/cue-words.py` (see there).
pub const TRAIN_CUE_WORDS: &[&str] = &[
    "accusing",
    "acknowledge",
    "acknowledging",
    "addressed",
    "angered",
    "announce",
    "announcing",
    "answered",
    "approved",
    "argue",
    "arguing",
    "asking",
    "asserted",
    "assertion",
    "assured",
    "attacked",
    "aware",
    "backed",
    "backing",
    "blame",
    "blasted",
    "boasted",
    "calling",
    "challenged",
    "chants",
    "citing",
    "claiming",
    "complained",
    "complaints",
    "concern",
    "condemned",
    "confident",
    "considered",
    "considering",
    "convince",
    "convinced",
    "criticism",
    "criticizing",
    "decided",
    "declaring",
    "declined",
    "deemed",
    "defended",
    "defending",
    "delivering",
    "denounced",
    "denouncing",
    "describe",
    "describes",
    "describing",
    "disclosed",
    "discuss",
    "discussed",
    "discussing",
    "dismissed",
    "doubt",
    "doubts",
    "eager",
    "echoed",
    "emailed",
    "embraced",
    "encouraged",
    "endorse",
    "endorsing",
    "expect",
    "expecting",
    "explain",
    "explaining",
    "express",
    "expressed",
    "favored",
    "finds",
    "highlighted",
    "highlighting",
    "hints",
    "hopes",
    "hoping",
    "identified",
    "ignored",
    "indicate",
    "insist",
    "insisting",
    "issued",
    "known",
    "laid",
    "lamented",
    "listed",
    "mention",
    "mocked",
    "named",
    "nominated",
    "note",
    "noting",
    "offered",
    "offering",
    "oppose",
    "opposed",
    "ordered",
    "passed",
    "pleaded",
    "pointing",
    "portrayed",
    "posted",
    "praise",
    "praises",
    "praising",
    "predicting",
    "prefer",
    "preferred",
    "presented",
    "pressed",
    "projected",
    "promising",
    "promote",
    "proposed",
    "proposing",
    "pushed",
    "pushing",
    "questioning",
    "quick",
    "railed",
    "reads",
    "recalling",
    "referred",
    "referring",
    "refused",
    "refusing",
    "reiterated",
    "rejected",
    "remarked",
    "remembered",
    "reminded",
    "repeated",
    "repeating",
    "requested",
    "respond",
    "reveal",
    "ruled",
    "seeking",
    "seeks",
    "seem",
    "seems",
    "sees",
    "shared",
    "shouted",
    "shown",
    "signed",
    "skeptical",
    "slammed",
    "slams",
    "sought",
    "sounded",
    "spoke",
    "stating",
    "suggest",
    "suggesting",
    "suggestion",
    "supported",
    "supporting",
    "talked",
    "talking",
    "talks",
    "thanked",
    "threatened",
    "titled",
    "touted",
    "touting",
    "tweeting",
    "urging",
    "viewed",
    "voiced",
    "voted",
    "vows",
    "warning",
    "worried",
    "worry",
    "writing",
];

/// Whether `word` (any case) is one of the [`CUE_WORDS`] or [`TRAIN_CUE_WORDS`].
pub fn is_cue_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let set = SET.get_or_init(|| CUE_WORDS.iter().chain(TRAIN_CUE_WORDS).copied().collect());
    if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        set.contains(word.to_lowercase().as_str())
    } else {
        set.contains(word)
    }
}

fn distance_bucket(d: Option<usize>) -> u8 {
    match d {
        None => 0,
        Some(0) => 1,
        Some(1) => 2,
        Some(2) => 3,
        Some(3..=5) => 4,
        Some(6..=10) => 5,
        Some(11..=20) => 6,
        Some(_) => 7,
    }
}

/// Attribution features: whether a token is inside quotation marks, how far
/// the nearest cue word is on each side, whether the unit has a cue at all,
/// and whether the token opens the unit or follows a colon.
fn attribution_features(words: &[&str]) -> (Vec<u32>, Vec<usize>) {
    let n = words.len();
    let is_cue: Vec<bool> = words.iter().map(|w| is_cue_word(w)).collect();
    let has_cue = is_cue.iter().any(|&c| c);
    // Quote state: 0 outside, 1 inside, 2 an opening mark, 3 a closing mark.
    let mut quote = vec![0u8; n];
    let mut inside = false;
    for (i, w) in words.iter().enumerate() {
        match *w {
            "“" | "«" | "„" | "‘" => {
                quote[i] = 2;
                inside = true;
            }
            "”" | "»" | "’" => {
                quote[i] = 3;
                inside = false;
            }
            "\"" | "``" | "''" => {
                quote[i] = if inside { 3 } else { 2 };
                inside = !inside;
            }
            _ => quote[i] = u8::from(inside),
        }
    }
    let mut last_left: Option<usize> = None;
    let mut left = vec![None; n];
    for i in 0..n {
        left[i] = last_left.map(|j| i - j);
        if is_cue[i] {
            last_left = Some(i);
        }
    }
    let mut next_right: Option<usize> = None;
    let mut right = vec![None; n];
    for i in (0..n).rev() {
        right[i] = next_right.map(|j| j - i);
        if is_cue[i] {
            next_right = Some(i);
        }
    }
    // Sentences inside the unit: distances to their ends, and where the cues are.
    let (sent_start, sent_end) = sentence_bounds(words);
    // Each cue word's key, once (the cue-word features of its neighbours use it).
    let cue_key: Vec<u64> = words
        .iter()
        .zip(&is_cue)
        .map(|(w, &c)| if c { hash64(&w.to_lowercase()) } else { 0 })
        .collect();
    let (trail, that, according) = attribution_patterns(words, &is_cue, &sent_end);
    // cues[j]: how many cue words come before word j.
    let mut cues = Vec::with_capacity(n + 1);
    cues.push(0usize);
    for &c in &is_cue {
        cues.push(cues[cues.len() - 1] + usize::from(c));
    }
    let mut flat = Vec::with_capacity(n * 12);
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    for i in 0..n {
        let (lb, rb) = (distance_bucket(left[i]), distance_bucket(right[i]));
        let cue_before = cues[i] > cues[sent_start[i]];
        let cue_after = cues[sent_end[i].min(n)] > cues[i + 1];
        let mut h = FeatureHasher::new(T::AttrSentence, 0);
        h.byte(distance_bucket(Some(i - sent_start[i])));
        h.byte(distance_bucket(Some(sent_end[i].saturating_sub(i))));
        flat.push(h.finish());
        let mut h = FeatureHasher::new(T::AttrSentenceCue, 0);
        h.byte(u8::from(cue_before) | u8::from(cue_after) << 1 | u8::from(is_cue[i]) << 2);
        h.byte(quote[i]);
        h.byte(u8::from(sent_end[i] == i + 1));
        flat.push(h.finish());
        let mut h = FeatureHasher::new(T::AttrQuote, 0);
        h.byte(quote[i]);
        flat.push(h.finish());
        let mut h = FeatureHasher::new(T::AttrCueLeft, 0);
        h.byte(lb);
        h.byte(quote[i]);
        flat.push(h.finish());
        let mut h = FeatureHasher::new(T::AttrCueRight, 0);
        h.byte(rb);
        h.byte(quote[i]);
        flat.push(h.finish());
        let mut h = FeatureHasher::new(T::AttrCueBoth, 0);
        h.byte(lb);
        h.byte(rb);
        flat.push(h.finish());
        let mut h = FeatureHasher::new(T::AttrHasCue, 0);
        h.byte(u8::from(has_cue));
        h.byte(u8::from(is_cue[i]));
        flat.push(h.finish());
        if i == 0 {
            flat.push(FeatureHasher::new(T::AttrFirst, 0).finish());
        }
        if i > 0 && words[i - 1] == ":" {
            flat.push(FeatureHasher::new(T::AttrAfterColon, 0).finish());
        }
        // Which cue word is nearest on each side, within the sentence.
        for (side, d) in [(0u8, left[i]), (1u8, right[i])] {
            if let Some(d) = d {
                let j = if side == 0 { i - d } else { i + d };
                if (side == 0 && j >= sent_start[i]) || (side == 1 && j < sent_end[i]) {
                    let mut h = FeatureHasher::new(T::AttrCueWord, 0);
                    h.byte(side);
                    h.byte(distance_bucket(Some(d)));
                    flat.push(h.u64(cue_key[j]).finish());
                }
            }
        }
        let mut h = FeatureHasher::new(T::AttrTrail, 0);
        h.byte(trail[i]);
        h.byte(quote[i]);
        flat.push(h.finish());
        if that[i] {
            flat.push(FeatureHasher::new(T::AttrThat, 0).finish());
        }
        if according[i] > 0 {
            let mut h = FeatureHasher::new(T::AttrAccording, 0);
            h.byte(according[i]);
            flat.push(h.finish());
        }
        offsets.push(flat.len());
    }
    (flat, offsets)
}

/// For each word of a unit, where its sentence starts and the index of the
/// mark that ends it ("." "?" "!" "…"; the unit's length if none does).
pub(crate) fn sentence_bounds(words: &[&str]) -> (Vec<usize>, Vec<usize>) {
    let n = words.len();
    let ends_sentence = |w: &str| matches!(w, "." | "?" | "!" | "…");
    let mut sent_start = vec![0usize; n];
    let mut start = 0;
    for i in 0..n {
        sent_start[i] = start;
        if ends_sentence(words[i]) {
            start = i + 1;
        }
    }
    let mut sent_end = vec![n; n];
    let mut end = n;
    for i in (0..n).rev() {
        if ends_sentence(words[i]) {
            end = i;
        }
        sent_end[i] = end;
    }
    (sent_start, sent_end)
}

/// Where each token stands in three patterns of reported speech, sentence by
/// sentence:
///
/// * `trail`: a sentence that ends in an attribution after a comma ("…, a
///   source said." "…," said Caddell.): 1 before the comma (the content), 2 the
///   comma, 3 between it and the cue word (the source), 4 the cue word, 5
///   after it; 0 in other sentences;
/// * `that`: after "<cue word> that" (or "<cue word> <up to 3 words> that"), in the sentence;
/// * `according`: 1 "according", 2 "to", 3 the words up to the next comma, 4 after it.
fn attribution_patterns(
    words: &[&str],
    is_cue: &[bool],
    sent_end: &[usize],
) -> (Vec<u8>, Vec<bool>, Vec<u8>) {
    let n = words.len();
    let mut trail = vec![0u8; n];
    let mut that = vec![false; n];
    let mut according = vec![0u8; n];
    let mut s = 0;
    while s < n {
        let e = sent_end[s].min(n);
        let stop = (e + 1).min(n); // the sentence with its final mark
                                   // Trailing attribution: the last comma with a cue word after it, close to the end.
        if let Some(c) = (s..e).rev().find(|&j| matches!(words[j], "," | "，")) {
            if e - c <= 12 && c > s {
                if let Some(k) = (c + 1..e).find(|&j| is_cue[j]) {
                    for (j, t) in trail.iter_mut().enumerate().take(stop).skip(s) {
                        *t = match j {
                            _ if j < c => 1,
                            _ if j == c => 2,
                            _ if j < k => 3,
                            _ if j == k => 4,
                            _ => 5,
                        };
                    }
                }
            }
        }
        // "<cue> that …" and "according to X, …".
        for k in s..e {
            if is_cue[k] {
                if let Some(t) =
                    (k + 1..(k + 5).min(e)).find(|&j| words[j].eq_ignore_ascii_case("that"))
                {
                    for x in that.iter_mut().take(stop).skip(t + 1) {
                        *x = true;
                    }
                }
            }
            if words[k].eq_ignore_ascii_case("according") && k + 1 < e && words[k + 1] == "to" {
                according[k] = 1;
                according[k + 1] = 2;
                let comma = (k + 2..e).find(|&j| words[j] == ",").unwrap_or(e);
                for (j, a) in according.iter_mut().enumerate().take(stop).skip(k + 2) {
                    *a = if j < comma { 3 } else { 4 };
                }
            }
        }
        s = stop.max(s + 1);
    }
    (trail, that, according)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(text: &str) -> (Vec<u8>, Vec<bool>, Vec<u8>) {
        let words: Vec<&str> = text.split(' ').collect();
        let is_cue: Vec<bool> = words.iter().map(|w| is_cue_word(w)).collect();
        attribution_patterns(&words, &is_cue, &sentence_bounds(&words).1)
    }

    #[test]
    fn reported_speech_patterns() {
        // "…, a source said." then a sentence with no attribution.
        let (trail, that, according) =
            patterns("Clinton left early , a source said . She rested .");
        assert_eq!(trail, [1, 1, 1, 2, 3, 3, 4, 5, 0, 0, 0]);
        assert!(that.iter().all(|&t| !t));
        assert!(according.iter().all(|&a| a == 0));
        // A cue word far after the last comma is no trailing attribution.
        let (trail, ..) = patterns(
            "He left , and since then the ministry has met dozens of voters in four towns who said nothing .",
        );
        assert!(trail.iter().all(|&t| t == 0), "{trail:?}");
        // "<cue> that …": the words after "that", to the end of the sentence.
        let (_, that, _) = patterns("The ministry said on Monday that prices rose . Then");
        assert_eq!(
            that,
            [false, false, false, false, false, false, true, true, true, false]
        );
        // "according to X, …".
        let (_, _, according) = patterns("According to the poll , Smith leads .");
        assert_eq!(according, [1, 2, 3, 3, 4, 4, 4, 4]);
    }

    #[test]
    fn train_cue_words_extend_the_hand_list() {
        assert!(is_cue_word("said") && is_cue_word("Declined") && is_cue_word("reiterated"));
        assert!(!is_cue_word("the") && !is_cue_word("also"));
        for w in TRAIN_CUE_WORDS {
            assert!(!CUE_WORDS.contains(w), "{w} is in both lists");
            assert_eq!(w.to_lowercase(), *w);
        }
    }

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
        word_features("Baku", 0, &lex, Task::Entities, &mut a);
        word_features("Baku", 0, &lex, Task::Entities, &mut b);
        assert_eq!(a, b);
        let mut c = Vec::new();
        word_features("Baku", 1, &lex, Task::Entities, &mut c);
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
}
