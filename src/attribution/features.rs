//! The attribution task's own features for the sequence tagger (see
//! [`crate::tagger::Task`]): quotation-mark state, the nearest cue words and
//! where a token stands in common patterns of reported speech.

use crate::syntax::{PosRun, Upos};
use crate::tagger::features::{
    hash64, FeatureHasher, Task, TaskRef, WordFeatures, FIRST_TASK_TEMPLATE,
};
use crate::tokenize::sentence_bounds;

/// The attribution feature templates. The values are part of the model file
/// (they are hashed): append, never reorder.
#[derive(Clone, Copy)]
#[repr(u8)]
enum A {
    Quote = FIRST_TASK_TEMPLATE,
    CueLeft,
    CueRight,
    CueBoth,
    HasCue,
    First,
    AfterColon,
    Sentence,
    SentenceCue,
    CueWord,
    Trail,
    That,
    According,
    Pos,
    PosPrev,
    PosNext,
    PosCue,
    PosTri,
    PosVerbSeen,
    PosTrail,
}

#[inline]
fn hasher(template: A) -> FeatureHasher {
    FeatureHasher::task(template as u8, 0)
}

/// Attribution roles (source, cue, content) in the first three label slots,
/// tagged per paragraph; with `pos`, each word's part of speech is a feature
/// too (see [`ATTRIBUTION_POS`]); with `forms`, each word's affixes and shape
/// as well (see [`ATTRIBUTION_FORMS`]).
#[derive(Debug)]
pub struct AttributionTask {
    pos: bool,
    forms: bool,
}

/// The attribution task without parts of speech (models trained before them).
pub const ATTRIBUTION: TaskRef = TaskRef(&AttributionTask {
    pos: false,
    forms: false,
});

/// The attribution task with each word's part of speech from a
/// [`crate::syntax::PosTagger`] (and its neighbours', and where it stands
/// against the cue words) among the features: on PolNeAR dev, over three
/// seeds, +1.9 source, +1.9 cue and +1.2 content F1 (docs/attribution-experiments.md).
pub const ATTRIBUTION_POS: TaskRef = TaskRef(&AttributionTask {
    pos: true,
    forms: false,
});

/// [`ATTRIBUTION_POS`] with the entity tagger's word forms as well (affixes,
/// shapes, capitals: [`WordFeatures::Full`]): on PolNeAR dev, over three
/// seeds, +0.1 source, +0.8 cue and +1.0 content F1 (docs/attribution-experiments.md).
pub const ATTRIBUTION_FORMS: TaskRef = TaskRef(&AttributionTask {
    pos: true,
    forms: true,
});

impl Task for AttributionTask {
    fn id(&self) -> u8 {
        match (self.pos, self.forms) {
            (false, _) => 1,
            (true, false) => 2,
            (true, true) => 3,
        }
    }
    fn needs_pos(&self) -> bool {
        self.pos
    }
    fn label_slots(&self) -> usize {
        crate::annotation::Role::ALL.len()
    }
    fn word_features(&self) -> WordFeatures {
        // Before parts of speech, affixes and shapes only added size; with
        // them, they help (see ATTRIBUTION_FORMS).
        if self.forms {
            WordFeatures::Full
        } else {
            WordFeatures::WordsAndClusters
        }
    }
    fn token_features(
        &self,
        words: &[&str],
        pos: Option<PosRun>,
    ) -> Option<(Vec<u32>, Vec<usize>)> {
        Some(attribution_features(words, pos.filter(|_| self.pos)))
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

/// Words in "-ly" that are no adverbs: nouns, names and newspapers ("the
/// Hughes family said", "the assembly voted").
#[rustfmt::skip]
const LY_NOUNS: &[&str] = &[
    "family", "assembly", "ally", "rally", "supply", "monopoly", "anomaly", "daily", "weekly",
    "monthly", "quarterly", "july", "italy", "reply", "bully", "folly", "homily", "panoply", "lily",
    "belly", "jelly", "butterfly",
];

/// Whether `word` (any case) reads as an adverb in "-ly" ("repeatedly",
/// "publicly"), the kind that stands between a source and its verb.
pub fn is_ly_adverb(word: &str) -> bool {
    let w = word.to_lowercase();
    w.len() > 3 && w.ends_with("ly") && !LY_NOUNS.contains(&w.as_str())
}

/// Whether a token is a quotation mark as the tokenizer writes one: straight,
/// curly, or doubled as in PTB text ("''", "``").
pub(super) fn is_quote_mark(w: &str) -> bool {
    matches!(w, "\"" | "“" | "”" | "''" | "``")
}

/// Auxiliaries that open a clause's verb ("had", "was", "would", "can" …),
/// lower-cased.
pub(super) fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "had" | "has" | "have" | "was" | "were" | "is" | "are" | "would" | "will" | "could" | "can"
    )
}

/// Whether `word` (any case) is one of the [`CUE_WORDS`] or [`TRAIN_CUE_WORDS`].
pub fn is_cue_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let set = SET.get_or_init(|| CUE_WORDS.iter().chain(TRAIN_CUE_WORDS).copied().collect());
    if !word.is_ascii() {
        set.contains(word.to_lowercase().as_str())
    } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
        // Lower-cased on the stack: no cue word is longer than 32 bytes.
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return false;
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|w| set.contains(w))
    } else {
        set.contains(word)
    }
}

/// Whether token `t` can be part of a noun phrase: it has a letter or a
/// digit, or it is the apostrophe of a plural possessive ("farmers '
/// association").
pub(crate) fn phrase_word(words: &[&str], t: usize) -> bool {
    words[t].chars().any(char::is_alphanumeric)
        || (matches!(words[t], "'" | "’") && t > 0 && words[t - 1].ends_with('s'))
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
/// and whether the token opens the unit or follows a colon; with a tagger,
/// parts of speech (see [`pos_features`]).
fn attribution_features(words: &[&str], tagger: Option<PosRun>) -> (Vec<u32>, Vec<usize>) {
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
    let pos = tagger.map(|run| unit_pos(run, words, &sent_end));
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
        let mut h = hasher(A::Sentence);
        h.byte(distance_bucket(Some(i - sent_start[i])));
        h.byte(distance_bucket(Some(sent_end[i].saturating_sub(i))));
        flat.push(h.finish());
        let mut h = hasher(A::SentenceCue);
        h.byte(u8::from(cue_before) | u8::from(cue_after) << 1 | u8::from(is_cue[i]) << 2);
        h.byte(quote[i]);
        h.byte(u8::from(sent_end[i] == i + 1));
        flat.push(h.finish());
        let mut h = hasher(A::Quote);
        h.byte(quote[i]);
        flat.push(h.finish());
        let mut h = hasher(A::CueLeft);
        h.byte(lb);
        h.byte(quote[i]);
        flat.push(h.finish());
        let mut h = hasher(A::CueRight);
        h.byte(rb);
        h.byte(quote[i]);
        flat.push(h.finish());
        let mut h = hasher(A::CueBoth);
        h.byte(lb);
        h.byte(rb);
        flat.push(h.finish());
        let mut h = hasher(A::HasCue);
        h.byte(u8::from(has_cue));
        h.byte(u8::from(is_cue[i]));
        flat.push(h.finish());
        if i == 0 {
            flat.push(hasher(A::First).finish());
        }
        if i > 0 && words[i - 1] == ":" {
            flat.push(hasher(A::AfterColon).finish());
        }
        // Which cue word is nearest on each side, within the sentence.
        for (side, d) in [(0u8, left[i]), (1u8, right[i])] {
            if let Some(d) = d {
                let j = if side == 0 { i - d } else { i + d };
                if (side == 0 && j >= sent_start[i]) || (side == 1 && j < sent_end[i]) {
                    let mut h = hasher(A::CueWord);
                    h.byte(side);
                    h.byte(distance_bucket(Some(d)));
                    flat.push(h.u64(cue_key[j]).finish());
                }
            }
        }
        let mut h = hasher(A::Trail);
        h.byte(trail[i]);
        h.byte(quote[i]);
        flat.push(h.finish());
        if that[i] {
            flat.push(hasher(A::That).finish());
        }
        if according[i] > 0 {
            let mut h = hasher(A::According);
            h.byte(according[i]);
            flat.push(h.finish());
        }
        if let Some(pos) = &pos {
            let at = Around {
                start: sent_start[i],
                end: sent_end[i].min(n),
                cues: (lb, rb),
                cue_before,
                cue_after,
                quote: quote[i],
                trail: trail[i],
                that: that[i],
            };
            pos_features(pos, i, &at, &mut flat);
        }
        offsets.push(flat.len());
    }
    (flat, offsets)
}

/// Each token's part of speech, sentence by sentence.
fn unit_pos(run: PosRun, words: &[&str], sent_end: &[usize]) -> Vec<Upos> {
    let n = words.len();
    let mut out = Vec::with_capacity(n);
    let mut s = 0;
    while s < n {
        let e = (sent_end[s] + 1).min(n).max(s + 1);
        run.tagger.tag_into(&words[s..e], run.scratch, &mut out);
        s = e;
    }
    out
}

/// Where a token stands, for [`pos_features`]: its sentence (`start..end`,
/// without the final mark), the distance buckets to the nearest cue words on
/// each side, whether the sentence has a cue word before or after it, its
/// quotation state and its place in the patterns of [`attribution_patterns`].
struct Around {
    start: usize,
    end: usize,
    cues: (u8, u8),
    cue_before: bool,
    cue_after: bool,
    quote: u8,
    trail: u8,
    that: bool,
}

/// Part-of-speech features of token `i`: its tag; with the tag before and
/// after it, and the two before and after (within the sentence); with the
/// distances to the nearest cue words and the quotation state; whether a
/// verb came before it in the sentence (a subject comes before its verb, a
/// content after its cue's); and with the reported-speech patterns.
fn pos_features(pos: &[Upos], i: usize, at: &Around, flat: &mut Vec<u32>) {
    const NONE: u8 = 254;
    let p = |j: usize| pos[j] as u8;
    let q = |j: Option<usize>| j.filter(|&j| j >= at.start && j < at.end).map_or(NONE, p);
    let mut h = hasher(A::Pos);
    h.byte(p(i));
    flat.push(h.finish());
    let mut h = hasher(A::PosPrev);
    h.byte(if i > at.start { p(i - 1) } else { NONE });
    h.byte(p(i));
    flat.push(h.finish());
    let mut h = hasher(A::PosNext);
    h.byte(p(i));
    h.byte(if i + 1 < at.end { p(i + 1) } else { NONE });
    flat.push(h.finish());
    let mut h = hasher(A::PosCue);
    h.byte(p(i));
    h.byte(at.cues.0);
    h.byte(at.cues.1);
    h.byte(at.quote);
    flat.push(h.finish());
    let mut h = hasher(A::PosTri);
    h.byte(q(i.checked_sub(2)));
    h.byte(q(i.checked_sub(1)));
    h.byte(p(i));
    flat.push(h.finish());
    let mut h = hasher(A::PosTri);
    h.byte(9); // the trigram after the token, apart from the one before it
    h.byte(p(i));
    h.byte(q(Some(i + 1)));
    h.byte(q(Some(i + 2)));
    flat.push(h.finish());
    let verb_before = pos[at.start.min(i)..i]
        .iter()
        .any(|u| matches!(u, Upos::Verb | Upos::Aux));
    let mut h = hasher(A::PosVerbSeen);
    h.byte(p(i));
    h.byte(u8::from(verb_before) | u8::from(at.cue_before) << 1 | u8::from(at.cue_after) << 2);
    h.byte(at.quote);
    flat.push(h.finish());
    let mut h = hasher(A::PosTrail);
    h.byte(p(i));
    h.byte(at.trail);
    h.byte(u8::from(at.that));
    flat.push(h.finish());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_words_are_found_in_any_case() {
        // is_cue_word lower-cases ASCII words of up to 32 bytes on the stack.
        for w in CUE_WORDS.iter().chain(TRAIN_CUE_WORDS) {
            assert!(w.len() <= 32 && *w == w.to_lowercase(), "{w}");
            assert!(is_cue_word(w) && is_cue_word(&w.to_uppercase()), "{w}");
        }
        assert!(is_cue_word("Said") && is_cue_word("ACCORDING"));
        assert!(!is_cue_word("Saidx") && !is_cue_word(&"SAID".repeat(10)));
        assert!(!is_cue_word("Ministry") && !is_cue_word("Éclair"));
    }

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
}
