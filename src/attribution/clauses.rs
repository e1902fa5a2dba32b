//! Rules that read a clause verb and what it governs where the tagger left
//! a gap: a sentence with no cue that reads "Officials estimate that …" or
//! "Analysts predict prices will …" ([`that_clause`]), and the content of a
//! cue the tagger found without one ("Officials said crime fell.", "told
//! reporters the …", "According to X, Y": [`leading_content`],
//! [`according_content`]), and "According to X, Y" whose source the tagger
//! ran into Y ([`according_overrun`]).

use super::boundaries::told_content_start;
use super::shapes::{is_small_word, time_before, CALL_ON, POINT_TO};
use super::sources::{short_subject, SUBJECT_TOKENS};
use super::{role_span, Group, RoleSlot};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;
use std::ops::Range;

/// Verbs whose object is the clause or phrase that follows them ("X said
/// prices rose", "X accused Y of …", "X denied the report"): the cue words
/// [`leading_content`] completes.
#[rustfmt::skip]
pub(super) const CLAUSE_VERBS: &[&str] = &[
    "said", "says", "say", "added", "adds", "stated", "states", "claimed", "claims", "claim",
    "argued", "argues", "argue", "insisted", "insists", "insist", "warned", "warns", "warn",
    "noted", "notes", "wrote", "writes", "believes", "believe", "thinks", "think", "predicted",
    "predicts", "predict", "announced", "announces", "acknowledged", "acknowledges", "conceded",
    "concedes", "estimated", "estimates", "estimate", "maintained", "maintains", "contended",
    "contends", "suggested", "suggests", "reported", "reports", "explained", "explains", "alleged",
    "alleges", "allege", "admitted", "admits", "denied", "denies", "deny", "accused", "accuses",
    "accuse", "urged", "urges", "urge", "expects", "expect", "recommended", "recommends",
    "recommend", "confirmed", "confirms", "concluded", "concludes", "stressed", "stresses",
    "posted", "posts", "tweeted", "tweets", "ruled", "rules", "found", "finds", "showed", "shows",
    "forecast", "forecasts",
];

/// The subject of a speech verb the tagger left without a source, after
/// "and" or "but" (maybe with "now", "also" or an adverb in "-ly" between):
///
/// * "…, and [Premier David Eby] declared …": a second clause with a short
///   subject of its own, after a comma and the conjunction;
/// * "[The European Central Bank] raised its rate …, but signalled that …":
///   a second verb of the sentence's subject, a name in capitals (or "the"
///   and capitals) that opens the sentence right before a past tense.
pub(super) fn coordinated_subject(
    words: &[&str],
    sentence_start: usize,
    cue: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> Option<TokenSpan> {
    let first = words[cue.start].to_lowercase();
    if cue.end - cue.start != 1
        || !crate::attribution::features::CUE_WORDS.contains(&first.as_str())
    {
        return None;
    }
    let mut at = cue.start;
    while at > sentence_start && {
        let w = words[at - 1].to_lowercase();
        matches!(w.as_str(), "now" | "also" | "then" | "later") || super::features::is_ly_adverb(&w)
    } {
        at -= 1;
    }
    // "…, and Premier David Eby declared": the words since the conjunction.
    let conjunction = (sentence_start + 1..at)
        .rev()
        .take(NAME_AFTER_AND + 1)
        .find(|&t| matches!(words[t], "and" | "but") && words[t - 1] == ",");
    if let Some(c) = conjunction.filter(|&c| c + 1 < at) {
        let subject = c + 1..at;
        let names = subject.clone().all(|t| {
            words[t].starts_with(char::is_uppercase) || matches!(words[t], "of" | "'s" | "’s")
        });
        return (names && short_subject(words, subject.clone(), taken))
            .then(|| role_span(subject.start, subject.end, Role::Source));
    }
    // "The European Central Bank raised …, but signalled": a verb right
    // after the conjunction, and the sentence opens with a name.
    if !(at >= sentence_start + 2 && matches!(words[at - 1], "and" | "but") && words[at - 2] == ",")
    {
        return None;
    }
    let sentence_start = super::sources::after_dateline(words, sentence_start, at);
    let skip_the = usize::from(words[sentence_start].eq_ignore_ascii_case("the"));
    let mut end = sentence_start + skip_the;
    while end < at
        && end < sentence_start + NAME_AFTER_AND
        && words[end].starts_with(char::is_uppercase)
    {
        end += 1;
    }
    // "Apple on Monday unveiled …": a time phrase may stand before the verb.
    let verb = words
        .get(end + super::shapes::time_after(words, end, at))
        .copied()
        .unwrap_or("");
    let past = verb.starts_with(char::is_lowercase)
        && (verb.ends_with("ed")
            || matches!(verb, "cut" | "held" | "kept" | "set" | "left" | "said"));
    (end > sentence_start + skip_the
        && end < at
        && past
        && short_subject(words, sentence_start..end, taken))
    .then(|| role_span(sentence_start, end, Role::Source))
}

/// "a result [that pollsters] [said] [had split the vote]": a report inside
/// a relative clause, its content a verb phrase right after the cue. The
/// relative word is no source but a piece of the content (PolNeAR's content
/// is then "which he said had harmed the economy"), and content pieces
/// before it belong to the main clause ("[won four seats], a result that
/// pollsters said …"). With no relative word ("…, [a pledge] [advocates]
/// said [was unrealistic]"), the noun phrase before the plural subject is
/// the first piece.
pub(super) fn relative_report(words: &[&str], g: &mut Group) {
    let relative = |t: usize| matches!(words[t].to_lowercase().as_str(), "that" | "which");
    let Some(mut source) = g.source.filter(|s| s.end == g.cue.start) else {
        return;
    };
    let Some(after) = g.content.iter().find(|c| c.start >= g.cue.end) else {
        return;
    };
    let verb = words[after.start].to_lowercase();
    let verb_first = super::features::is_auxiliary(&verb)
        || matches!(verb.as_str(), "may" | "might" | "should" | "did")
        || (verb.ends_with("ed") && words[after.start].starts_with(char::is_lowercase));
    if !verb_first || after.start != g.cue.end {
        return;
    }
    // "…, a pledge [advocates] said [was unrealistic]": no relative word;
    // the noun it would follow is the content's first piece.
    let plural =
        |w: &str| w.ends_with('s') && !w.ends_with("ss") && w.starts_with(char::is_lowercase);
    let zero = (3..=4).contains(&(source.end - source.start))
        && source.start > 0
        && words[source.start - 1] == ","
        && matches!(
            words[source.start].to_lowercase().as_str(),
            "a" | "an" | "the"
        )
        && plural(words[source.end - 1]);
    if zero {
        g.content.retain(|c| c.start >= g.cue.end);
        g.content
            .insert(0, role_span(source.start, source.end - 1, Role::Content));
        g.source = Some(role_span(source.end - 1, source.end, Role::Source));
        return;
    }
    // The relative word: in the source, or a content piece of its own.
    let at = if source.end - source.start >= 2 && relative(source.start) {
        source.start += 1;
        source.start - 1
    } else if source.start >= 1 && relative(source.start - 1) {
        source.start - 1
    } else {
        return;
    };
    let keep = source.start == at + 1
        && (g.source.is_some_and(|s| s.start == at) || g.content.iter().any(|c| c.start == at));
    g.source = Some(source);
    g.content.retain(|c| c.start >= g.cue.end);
    if keep {
        g.content.insert(0, role_span(at, at + 1, Role::Content));
    }
}

/// The longest name [`coordinated_subject`] reads after a conjunction.
const NAME_AFTER_AND: usize = 6;

/// "Officials estimate that the repairs will cost $3bn." or "The
/// opposition on Sunday called on the prime minister to resign." in a
/// sentence where the tagger found no cue: a short subject (at most
/// [`SUBJECT_TOKENS`] words, from a capital or "the"), maybe a time phrase,
/// then a verb from [`CLAUSE_VERBS`] and "that" with at least three words
/// after it, or "called on" or "pointed to" with at least two.
pub(super) fn that_clause(words: &[&str], sentence: Range<usize>) -> Option<Group> {
    // The verb leaves room for two words after it (each shape below asks
    // for what it needs).
    let last = (sentence.start + SUBJECT_TOKENS + 3).min(sentence.end.saturating_sub(2));
    let verb = (sentence.start + 1..=last).find(|&t| {
        let w = words[t].to_lowercase();
        CLAUSE_VERBS.contains(&w.as_str())
            || CALL_ON.contains(&w.as_str())
            || (POINT_TO.contains(&w.as_str()) && words[t + 1].eq_ignore_ascii_case("to"))
    })?;
    // "Economists polled by Reuters had forecast payrolls would …": an
    // auxiliary of the perfect before the verb belongs to the cue.
    let perfect = verb > sentence.start + 1
        && matches!(
            words[verb - 1].to_lowercase().as_str(),
            "had" | "has" | "have"
        );
    let cue_start = verb - usize::from(perfect);
    let subject_end = cue_start - time_before(words, sentence.start, cue_start);
    // A determiner alone is no subject ("The forecast shows …").
    let determiner = subject_end == sentence.start + 1
        && matches!(
            words[sentence.start].to_lowercase().as_str(),
            "the" | "a" | "an"
        );
    if determiner || !short_subject(words, sentence.start..subject_end, &|_| false) {
        return None;
    }
    let next = |w: &str| words[verb + 1].eq_ignore_ascii_case(w);
    let call_on = (CALL_ON.contains(&words[verb].to_lowercase().as_str()) && next("on"))
        || (POINT_TO.contains(&words[verb].to_lowercase().as_str()) && next("to"));
    // "posted on X that", "wrote on Truth Social that", "said on social
    // media that": the platform belongs to neither the cue nor the content.
    let platform = if next("on") {
        let name = (verb + 2..(verb + 5).min(sentence.end))
            .take_while(|&t| words[t].starts_with(char::is_uppercase))
            .count();
        let social = words.get(verb + 2..verb + 4).is_some_and(|w| {
            w[0].eq_ignore_ascii_case("social") && w[1].eq_ignore_ascii_case("media")
        });
        let n = if social { 2 } else { name };
        let that = verb + 2 + n;
        (n > 0 && that + 3 < sentence.end && words[that].eq_ignore_ascii_case("that"))
            .then_some(that)
    } else {
        None
    };
    let (cue_end, content_start) = if call_on && sentence.end >= verb + 4 {
        (verb + 2, verb + 2)
    } else if let Some(that) = platform {
        (verb + 1, that)
    } else if (next("that") && sentence.end >= verb + 5)
        || (bare_verb(words, sentence.start, cue_start)
            && bare_clause(words, verb + 1, sentence.end))
        || (DENY.contains(&words[verb].to_lowercase().as_str())
            && bare_verb(words, sentence.start, cue_start)
            && sentence.end >= verb + 3)
        || claimed_phrase(words, verb, sentence.end)
        || estimated_at(words, verb, sentence.end)
    {
        (verb + 1, verb + 1)
    } else {
        return None;
    };
    Some(Group {
        source: Some(role_span(sentence.start, subject_end, Role::Source)),
        cue: role_span(cue_start, cue_end, Role::Cue),
        content: vec![role_span(content_start, sentence.end, Role::Content)],
    })
}

/// "The findings do not prove that walking lowers the risk, cautioned Dr.
/// Thomas Yates, a professor at …" in a sentence where the tagger found no
/// cue: at the first comma followed by a reporting verb and a capitalised
/// word that is no pronoun, the words before the comma are the content, the
/// verb the cue, and the name with what describes it the source (to the
/// sentence's end, as PolNeAR marks "said X, a …").
pub(super) fn inverted_report(words: &[&str], sentence: Range<usize>) -> Option<Group> {
    let comma = (sentence.start + 3..sentence.end.saturating_sub(2))
        .find(|&t| words[t] == "," && INVERTED.contains(&words[t + 1].to_lowercase().as_str()))?;
    let verb = comma + 1;
    let name = words[verb + 1];
    let named = name.starts_with(char::is_uppercase)
        && !matches!(
            name.to_lowercase().as_str(),
            "i" | "he" | "she" | "it" | "they" | "we"
        );
    (named
        && sentence.end - (verb + 1) <= 25
        && words[sentence.start].chars().any(char::is_alphanumeric))
    .then(|| Group {
        source: Some(role_span(verb + 1, sentence.end, Role::Source)),
        cue: role_span(verb, verb + 1, Role::Cue),
        content: vec![role_span(sentence.start, comma, Role::Content)],
    })
}

/// "The plane … had passed an inspection in May, said [the charter
/// company's owner, Mike Tolliver].": a reporting verb after a comma, with
/// no source, whose content is a noun phrase that ends the sentence with a
/// name set off by a comma, has that phrase as its source, and the sentence
/// before the comma (past a wire dateline) as its content. PolNeAR holds
/// none of these; wire copy does. Whether it changed `g`.
pub(super) fn inverted_apposition(words: &[&str], sentence: Range<usize>, g: &mut Group) -> bool {
    let cue = g.cue;
    let Some(c) = inverted_cue(words, &sentence, g) else {
        return false;
    };
    let shape = c.end == sentence.end
        && words
            .get(c.start)
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"));
    let Some(comma) = (c.start + 2..c.end).rev().find(|&t| words[t] == ",") else {
        return false;
    };
    let name = comma + 1..c.end;
    let named = (1..=4).contains(&name.len())
        && name
            .clone()
            .all(|t| words[t].starts_with(char::is_uppercase));
    if shape && named {
        let first = super::sources::after_dateline(words, sentence.start, cue.start);
        g.source = Some(role_span(c.start, c.end, Role::Source));
        g.content = vec![role_span(first, cue.start - 1, Role::Content)];
    }
    shape && named
}

/// The one content of `g` when `g` is a verb of [`INVERTED`] after a comma
/// inside `sentence`, with no source, and its content starts right after it
/// ("…, said [the owner, …]", "…, noted [Dr. …]"): the shape
/// [`inverted_apposition`] and `reports::inverted_name` read.
pub(super) fn inverted_cue(
    words: &[&str],
    sentence: &Range<usize>,
    g: &Group,
) -> Option<TokenSpan> {
    let cue = g.cue;
    let [c] = g.content[..] else { return None };
    (g.source.is_none()
        && cue.end == cue.start + 1
        && cue.start > sentence.start + 3
        && words[cue.start - 1] == ","
        && INVERTED.contains(&words[cue.start].to_lowercase().as_str())
        && c.start == cue.end)
        .then_some(c)
}

/// "[Sanders] is expected [to win …]": PolNeAR marks no source for "is
/// expected" (train: 52 of 54 such cues), and the subject is the first piece
/// of its content, so that the content is the whole clause. A source right
/// before such a cue becomes that piece (train: 17 found, of which 12 then
/// have their content exact).
///
/// "[The trial] is expected to last three weeks." where the tagger found a
/// content before the cue and none after it: the "to" clause to the
/// sentence's end (`end`; a final mark there is left out) is the second
/// piece.
pub(super) fn expected_subject(words: &[&str], end: usize, g: &mut Group) {
    let cue = &words[g.cue.start..g.cue.end];
    let expected = matches!(cue, [be, e] if e.eq_ignore_ascii_case("expected")
        && matches!(be.to_lowercase().as_str(), "is" | "are" | "was" | "were" | "be" | "been"));
    if !expected {
        return;
    }
    if let Some(s) = g.source.filter(|s| s.end == g.cue.start) {
        g.source = None;
        g.content.push(role_span(s.start, s.end, Role::Content));
        g.content.sort_by_key(|c| c.start);
    }
    let end = if end > g.cue.end && matches!(words[end - 1], "." | "!" | "?") {
        end - 1
    } else {
        end
    };
    let after = g.content.iter().any(|c| c.start >= g.cue.end);
    let to = words
        .get(g.cue.end)
        .is_some_and(|w| w.eq_ignore_ascii_case("to"));
    if !after && to && end > g.cue.end + 1 && !g.content.is_empty() {
        g.content.push(role_span(g.cue.end, end, Role::Content));
    }
}

/// "The study cannot prove that the foods cause early death, the authors
/// cautioned." in a sentence where the tagger found no cue: a short subject
/// of speakers or of a document after the last comma (one to four words:
/// "the authors", "consumer advocates", "her daughter", "she", "the
/// filing"), then a reporting verb that
/// ends the sentence (maybe with a time phrase, or before a participle
/// clause of the writer's). The words before the comma, past a wire
/// dateline, are the content.
pub(super) fn trailing_report(words: &[&str], sentence: Range<usize>) -> Option<Group> {
    let mut end = sentence.end;
    if end > sentence.start && matches!(words[end - 1], "." | "!" | "?") {
        end -= 1;
    }
    // "…, the commission said on Tuesday, dealing a setback to …": the
    // report ends before a participle clause of the writer's, and a time
    // phrase after the verb belongs to neither.
    if let Some(p) =
        (sentence.start + 6..end).find(|&t| super::asides::writers_participle(words, t))
    {
        end = p;
    }
    // "…, state media reported, days before he was expected to …": nor
    // does the writer's time phrase after it.
    // Only right after a reporting verb ("Officials said, days after the
    // attack, …" keeps its report).
    let is = |t: usize, list: &[&str]| {
        words
            .get(t)
            .is_some_and(|w| list.iter().any(|x| w.eq_ignore_ascii_case(x)))
    };
    if let Some(p) = (sentence.start + 6..end).find(|&t| {
        words[t] == ","
            && is(t + 1, &["hours", "days", "weeks", "months"])
            && is(t + 2, &["after", "before"])
            && (is(t - 1, CLAUSE_VERBS) || is(t - 1, INVERTED))
    }) {
        end = p;
    }
    end -= time_before(words, sentence.start, end);
    let verb = end.checked_sub(1).filter(|&v| v > sentence.start + 5)?;
    let lower = words[verb].to_lowercase();
    // "…, figures in the report showed.": documents show and find.
    let shows = matches!(
        lower.as_str(),
        "showed" | "shows" | "show" | "found" | "finds"
    );
    if !(CLAUSE_VERBS.contains(&lower.as_str()) || INVERTED.contains(&lower.as_str()) || shows) {
        return None;
    }
    let comma = (verb.saturating_sub(5)..verb)
        .rev()
        .find(|&t| words[t] == ",")?;
    let subject = comma + 1..verb;
    let determiner = |w: &str| {
        matches!(
            w,
            "the"
                | "a"
                | "an"
                | "her"
                | "his"
                | "their"
                | "its"
                | "our"
                | "some"
                | "many"
                | "other"
        )
    };
    let pronoun = subject.len() == 1
        && super::asides::ASIDE_PRONOUNS.contains(&lower_at(words, subject.start).as_str());
    // "figures in the report": a preposition inside, not first or last.
    let inner = |t: usize, w: &str| {
        t > subject.start && t + 1 < subject.end && matches!(w, "in" | "of" | "from" | "by")
    };
    let plain = !subject.is_empty()
        && subject.clone().all(|t| {
            let w = lower_at(words, t);
            w.chars().all(char::is_alphabetic)
                && (determiner(&w) || inner(t, &w) || !is_small_word(&w))
        });
    // Its head names speakers ("the authors", "her daughter"), or it is a
    // name ("The Post"): not "… more diverse [states]", "… could blunt
    // Republican [claims]", where the verb is a plural noun.
    // Or the noun before its preposition does: "minutes of the meeting".
    let speaks = super::subjects::speaks;
    let before_preposition = subject
        .clone()
        .find(|&t| inner(t, &lower_at(words, t)))
        .map(|t| lower_at(words, t - 1));
    let speakers =
        speaks(&lower_at(words, verb - 1)) || before_preposition.is_some_and(|h| speaks(&h));
    // A name, or a name after a short description ("public broadcaster NHK").
    let name = subject.clone().all(|t| {
        words[t].starts_with(char::is_uppercase) || (t == subject.start && words[t] == "the")
    }) || (subject.len() <= 4
        && words[verb - 1].starts_with(char::is_uppercase)
        && super::sources::ROLE_NOUNS.contains(&lower_at(words, verb - 2).as_str()));
    let plain = plain && (speakers || name);
    let first = super::sources::after_dateline(words, sentence.start, comma);
    let quoted = (first..comma).any(|t| matches!(words[t], "\"" | "“" | "”" | "''"));
    ((pronoun || plain) && comma >= first + 4 && !quoted).then(|| Group {
        source: Some(role_span(subject.start, subject.end, Role::Source)),
        cue: role_span(verb, verb + 1, Role::Cue),
        content: vec![role_span(first, comma, Role::Content)],
    })
}

/// Whether the tagger's `spans` over `tail` (a [`trailing_report`]'s source
/// and cue) are that cue and at most a source inside it: the tagger found
/// the report but no content for it.
pub(super) fn tagger_agrees(
    spans: &[(TokenSpan, Role)],
    tail: Range<usize>,
    cue: TokenSpan,
) -> bool {
    spans.iter().all(|(b, r)| {
        b.end <= tail.start
            || b.start >= tail.end
            || (*r != Role::Content && tail.start <= b.start && b.end <= tail.end)
    }) && spans
        .iter()
        .any(|(b, r)| *r == Role::Cue && (b.start, b.end) == (cue.start, cue.end))
}

/// "Coldiretti estimated [the damage to crops at more than 500 million
/// euros]": a form of "estimate" with an object and "at" before an amount
/// later in the sentence.
fn estimated_at(words: &[&str], verb: usize, end: usize) -> bool {
    let amount = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit() || "$£€¥".contains(c))
            || matches!(
                w,
                "more" | "about" | "around" | "roughly" | "nearly" | "almost" | "least"
            )
    };
    matches!(
        lower_at(words, verb).as_str(),
        "estimated" | "estimates" | "estimate"
    ) && (verb + 2..end.saturating_sub(1))
        .any(|t| words[t].eq_ignore_ascii_case("at") && amount(words[t + 1]))
}

pub(super) fn lower_at(words: &[&str], t: usize) -> String {
    words[t].to_lowercase()
}

/// Reporting verbs that may come before their source after the content
/// ([`inverted_report`]).
#[rustfmt::skip]
const INVERTED: &[&str] = &[
    "said", "says", "added", "cautioned", "countered", "noted", "warned", "argued", "explained",
    "insisted", "wrote", "observed", "remarked", "replied", "conceded", "acknowledged", "stressed",
    "recalled", "predicted", "suggested", "cautions", "warns", "argues", "adds", "notes",
];

/// Verbs of denial, whose object is what is denied ("Moscow denies
/// targeting civilians.").
const DENY: &[&str] = &["denies", "denied", "deny"];

/// "The company claims [up to 18 hours].": "claims" or "claimed" with a
/// noun phrase after it that opens with a determiner, a number or a word of
/// degree (so not the noun "claims" before its verb: "Insurance claims
/// rose"), at least two words.
fn claimed_phrase(words: &[&str], verb: usize, end: usize) -> bool {
    let w = words[verb].to_lowercase();
    let next = words
        .get(verb + 1)
        .map(|n| n.to_lowercase())
        .unwrap_or_default();
    matches!(w.as_str(), "claims" | "claimed")
        && end >= verb + 3
        && (next.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                next.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "up"
                    | "more"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "about"
                    | "nearly"
                    | "almost"
                    | "over"
                    | "responsibility"
                    | "credit"
                    | "victory"
            ))
}

/// Whether the verb at `verb` may take a clause without "that" in
/// [`that_clause`]: not a plural noun's form as well ("The other states
/// voting …", "claims", "reports"), after a subject with no pronoun and no
/// small word ("And I think we can …" is what a speaker says, not an
/// attribution in PolNeAR).
fn bare_verb(words: &[&str], subject: usize, verb: usize) -> bool {
    let w = words[verb].to_lowercase();
    let plain = |t: usize| {
        let w = words[t].to_lowercase();
        w == "the"
            || !(is_small_word(&w)
                || matches!(
                    w.as_str(),
                    "i" | "you" | "we" | "they" | "he" | "she" | "it" | "one" | "so" | "no"
                ))
    };
    // "Economists polled by Reuters": the pollster's "by" is no small word
    // of a clause.
    let polled = |t: usize| {
        t > subject
            && words[t] == "by"
            && matches!(
                words[t - 1].to_lowercase().as_str(),
                "polled" | "surveyed" | "interviewed" | "questioned"
            )
    };
    !matches!(
        w.as_str(),
        "states" | "claims" | "notes" | "reports" | "estimates" | "urges" | "claim" | "call"
    ) && (subject..verb).all(|t| plain(t) || polled(t))
}

/// Whether a clause without "that" starts at `start` ("Analysts predict
/// [oil prices will climb …]"): a subject of one to three words that starts
/// with a letter and holds no small word but "the", then an auxiliary or a
/// modal, then at least two more words before `end`.
fn bare_clause(words: &[&str], start: usize, end: usize) -> bool {
    let aux = |w: &str| {
        matches!(
            w,
            "will"
                | "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "should"
                | "must"
                | "had"
                | "has"
                | "have"
                | "is"
                | "are"
                | "was"
                | "were"
        )
    };
    (start + 1..(start + 4).min(end))
        .find(|&t| aux(words[t]))
        .is_some_and(|a| {
            a + 2 < end
                && (start..a).all(|t| {
                    let w = words[t];
                    w.starts_with(char::is_alphanumeric)
                        && (w.eq_ignore_ascii_case("the") || !is_small_word(&w.to_lowercase()))
                        && !aux(w)
                })
        })
}

/// The content of a one-word cue from [`CLAUSE_VERBS`] that follows its
/// source ("Officials said crime fell last year."), when the tagger found
/// the source and cue but no content: the rest of the sentence, "that"
/// included (as PolNeAR marks it), when it is at least two words and no
/// role holds any of them (`free`). "Called" followed by "on" becomes the cue
/// "called on", with the rest after it. Returns the cue and the content.
pub(super) fn leading_content(
    words: &[&str],
    sentence: Range<usize>,
    cue: TokenSpan,
    source: Option<TokenSpan>,
    free: &impl Fn(Range<usize>) -> bool,
) -> Option<(TokenSpan, TokenSpan)> {
    // One verb, or an adverb and the verb ("later told", "also said").
    let adverb = |w: &str| {
        let w = w.to_lowercase();
        super::features::is_ly_adverb(&w)
            || matches!(
                w.as_str(),
                "later" | "also" | "then" | "again" | "earlier" | "still"
            )
    };
    let one_verb =
        cue.end == cue.start + 1 || (cue.end == cue.start + 2 && adverb(words[cue.start]));
    if !one_verb || source.is_none_or(|s| s.end != cue.start) {
        return None;
    }
    let verb = cue.end - 1;
    if let Some(start) = told_content_start(words, verb, sentence.end) {
        return free(cue.end..sentence.end)
            .then(|| (cue, role_span(start, sentence.end, Role::Content)));
    }
    if cue.end != cue.start + 1 {
        return None;
    }
    let word = words[cue.start].to_lowercase();
    let call_on = CALL_ON.contains(&word.as_str())
        && words
            .get(cue.end)
            .is_some_and(|w| w.eq_ignore_ascii_case("on"));
    let cue = TokenSpan {
        end: cue.end + usize::from(call_on),
        ..cue
    };
    let rest = cue.end..sentence.end;
    let free = free(rest.clone());
    ((call_on || CLAUSE_VERBS.contains(&word.as_str()))
        && rest.len() >= 2
        && free
        && words[rest.start].chars().any(char::is_alphanumeric))
    .then_some((
        cue,
        TokenSpan {
            start: rest.start,
            end: rest.end,
            label: Role::Content.slot(),
        },
    ))
}

/// "[Former aide testifies that governor] ordered contract changes": a
/// source the tagger ran over a clause verb and "that" (a headline) is the
/// words before the verb, the verb a cue, the clause after "that" to the end
/// of the unit its content, and the words after "that" the inner source.
pub(super) fn source_over_that(words: &[&str], spans: &mut Vec<(TokenSpan, Role)>) {
    let clause_verb = |w: &str| {
        let w = w.to_lowercase();
        CLAUSE_VERBS.contains(&w.as_str()) || matches!(w.as_str(), "testifies" | "testified")
    };
    // The first source with a clause verb and "that" inside it, the verb.
    let Some((i, v)) = spans.iter().enumerate().find_map(|(i, (s, r))| {
        (*r == Role::Source)
            .then(|| {
                (s.start + 1..s.end.saturating_sub(2))
                    .find(|&v| clause_verb(words[v]) && words[v + 1].eq_ignore_ascii_case("that"))
            })
            .flatten()
            .map(|v| (i, v))
    }) else {
        return;
    };
    let s = spans[i].0;
    let end = (s.end..words.len())
        .find(|&t| matches!(words[t], "." | "?" | "!"))
        .unwrap_or(words.len());
    if spans
        .iter()
        .any(|(c, r)| *r == Role::Content && c.end > end)
    {
        return;
    }
    spans[i] = (role_span(s.start, v, Role::Source), Role::Source);
    spans.insert(i + 1, (role_span(v, v + 1, Role::Cue), Role::Cue));
    spans.insert(i + 2, (role_span(v + 1, end, Role::Content), Role::Content));
    spans.insert(i + 3, (role_span(v + 2, s.end, Role::Source), Role::Source));
}

/// "[The United Nations peacekeeping mission], known as MONUSCO, [condemned]
/// [the attack]": a short content that opens its sentence, followed by an
/// aside between commas right before a cue with a content after it, is
/// that cue's subject: the source, the aside and its commas included (as
/// PolNeAR marks a relative clause after a source). `spans` are the
/// tagger's, in order.
pub(super) fn subject_as_content(words: &[&str], spans: &mut [(TokenSpan, Role)]) {
    // The sentence bounds, only once a candidate needs them (most tagged
    // paragraphs hold none).
    let mut starts: Option<Vec<usize>> = None;
    for i in 0..spans.len().saturating_sub(2) {
        let [(subject, r0), (cue, r1), (object, r2)] = [spans[i], spans[i + 1], spans[i + 2]];
        if r0 != Role::Content || r1 != Role::Cue || r2 != Role::Content {
            continue;
        }
        let gap = subject.end..cue.start;
        let aside = gap.len() >= 5
            && gap.len() <= 8
            && words[gap.start] == ","
            && words[gap.end - 1] == ","
            && !words[gap.start + 1..gap.end - 1]
                .iter()
                .any(|w| matches!(*w, "," | "." | "\"" | "“" | "”"));
        let plain = subject.end - subject.start <= 8
            && (subject.start..subject.end).all(|t| {
                !super::features::is_cue_word(words[t])
                    && !matches!(words[t], "," | "\"" | "“" | "”" | "'" | "‘" | "’")
            });
        if aside
            && plain
            && object.start == cue.end
            && words[subject.start].starts_with(char::is_uppercase)
            && starts.get_or_insert_with(|| crate::tokenize::sentence_bounds_closed(words).0)
                [subject.start]
                == subject.start
        {
            spans[i] = (
                role_span(subject.start, cue.start, Role::Source),
                Role::Source,
            );
        }
    }
}

/// "said in a statement carried by [state] [media] [that …]": a source of
/// lower-case words and a cue with no cue word, tagged inside the phrase
/// that follows a cue word with no comma or period between, before a
/// content, are that phrase's words, not an attribution of their own: both
/// go, and the content is the first cue's.
pub(super) fn phrase_after_cue(words: &[&str], spans: &mut Vec<(TokenSpan, Role)>) {
    let cue_word = |s: TokenSpan| (s.start..s.end).any(|t| super::features::is_cue_word(words[t]));
    let mut i = 0;
    while i + 3 < spans.len() {
        let [(cue, r0), (source, r1), (inner, r2), (content, r3)] =
            [spans[i], spans[i + 1], spans[i + 2], spans[i + 3]];
        let shape = r0 == Role::Cue
            && r1 == Role::Source
            && r2 == Role::Cue
            && r3 == Role::Content
            && cue_word(cue)
            && !cue_word(inner)
            && source.start >= cue.end
            && source.start - cue.end <= 6
            && inner.start == source.end
            && content.start == inner.end
            && (cue.end..content.start).all(|t| {
                !matches!(words[t], "," | "." | ";" | ":")
                    && !words[t].starts_with(char::is_uppercase)
            });
        if shape {
            spans.drain(i + 1..i + 3);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn a_source_over_a_clause_verb_and_that_is_split() {
        let w = words("Former aide testifies that governor ordered contract changes");
        let mut spans = vec![
            (role_span(0, 5, Role::Source), Role::Source),
            (role_span(5, 6, Role::Cue), Role::Cue),
            (role_span(6, 8, Role::Content), Role::Content),
        ];
        source_over_that(&w, &mut spans);
        let got: Vec<(usize, usize, Role)> =
            spans.iter().map(|(s, r)| (s.start, s.end, *r)).collect();
        assert_eq!(
            got,
            [
                (0, 2, Role::Source),
                (2, 3, Role::Cue),
                (3, 8, Role::Content),
                (4, 5, Role::Source),
                (5, 6, Role::Cue),
                (6, 8, Role::Content)
            ]
        );
        // "that" after a noun, not a clause verb: as it was.
        let w = words("The report that officials ordered changes");
        let mut spans = vec![
            (role_span(0, 4, Role::Source), Role::Source),
            (role_span(4, 5, Role::Cue), Role::Cue),
        ];
        source_over_that(&w, &mut spans);
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn said_and_a_role_with_a_name_after_the_content_is_the_source() {
        let span = |start, end, role: Role| TokenSpan {
            start,
            end,
            label: role.slot(),
        };
        let w = words("The plane had passed an inspection , said the owner , Mike Tolliver");
        let mut g = Group {
            source: None,
            cue: span(7, 8, Role::Cue),
            content: vec![span(8, 13, Role::Content)],
        };
        assert!(inverted_apposition(&w, 0..13, &mut g));
        assert_eq!(g.source.map(|s| (s.start, s.end)), Some((8, 13)));
        assert_eq!((g.content[0].start, g.content[0].end), (0, 6));
        // No name after the comma ("said the owner , who …"): as it was.
        let w = words("The plane had passed an inspection , said the owner , who flew");
        let mut g = Group {
            source: None,
            cue: span(7, 8, Role::Cue),
            content: vec![span(8, 13, Role::Content)],
        };
        assert!(!inverted_apposition(&w, 0..13, &mut g));
        assert!(g.source.is_none());
    }

    #[test]
    fn the_subject_of_is_expected_is_part_of_the_content() {
        let span = |start, end, role: Role| TokenSpan {
            start,
            end,
            label: role.slot(),
        };
        let w = words("Sanders is expected to win easily .");
        let mut g = Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(1, 3, Role::Cue),
            content: vec![span(3, 6, Role::Content)],
        };
        expected_subject(&w, 7, &mut g);
        assert!(g.source.is_none());
        let pieces: Vec<(usize, usize)> = g.content.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(pieces, [(0, 1), (3, 6)]);
        // "Sanders expected to win": not "is expected", as it was.
        let w = words("Sanders said he expected to win easily .");
        let mut g = Group {
            source: Some(span(2, 3, Role::Source)),
            cue: span(3, 4, Role::Cue),
            content: vec![span(4, 7, Role::Content)],
        };
        expected_subject(&w, 8, &mut g);
        assert!(g.source.is_some());
        // No content after the cue: the "to" clause.
        let w = words("The trial is expected to last three weeks .");
        let mut g = Group {
            source: None,
            cue: span(2, 4, Role::Cue),
            content: vec![span(0, 2, Role::Content)],
        };
        expected_subject(&w, 9, &mut g);
        let pieces: Vec<(usize, usize)> = g.content.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(pieces, [(0, 2), (4, 8)]);
    }

    #[test]
    fn a_short_subject_and_a_reporting_verb_end_a_trailing_report() {
        let got = |text: &str| {
            let w = words(text);
            trailing_report(&w, 0..w.len()).map(|g| {
                let s = g.source.unwrap();
                (
                    s.start,
                    s.end,
                    g.cue.start,
                    g.content[0].start,
                    g.content[0].end,
                )
            })
        };
        assert_eq!(
            got("The study cannot prove that the foods cause death , the authors cautioned ."),
            Some((10, 12, 12, 0, 9))
        );
        assert_eq!(
            got("By June she had given away 9,000 of them , her daughter estimates ."),
            Some((10, 12, 12, 0, 9))
        );
        // A plural noun, not a verb ("… in more diverse states"): none.
        assert_eq!(
            got("Turnout rose in cities and suburbs , more diverse states ."),
            None
        );
        // A quotation before the comma is the tagger's to read: none.
        assert_eq!(
            got("\" We will win this one , \" the authors cautioned ."),
            None
        );
    }

    #[test]
    fn a_reporting_verb_after_the_content_takes_the_name_after_it() {
        let w = words("The findings prove nothing , cautioned Dr. Yates , a professor .");
        let g = inverted_report(&w, 0..11).unwrap();
        assert_eq!((g.cue.start, g.cue.end), (5, 6));
        assert_eq!(g.source.map(|s| (s.start, s.end)), Some((6, 11)));
        assert_eq!((g.content[0].start, g.content[0].end), (0, 4));
        // A pronoun after the verb, or no reporting verb: none.
        let w = words("The findings prove nothing , he said , smiling .");
        assert!(inverted_report(&w, 0..9).is_none());
        let w = words("The findings prove nothing , Yates and Lee agreed .");
        assert!(inverted_report(&w, 0..9).is_none());
    }

    #[test]
    fn a_clause_verb_takes_a_clause_without_that_only_after_a_plain_subject() {
        let spans = |g: Group| {
            let c = &g.content[0];
            (
                g.source.map(|s| (s.start, s.end)),
                (g.cue.start, g.cue.end),
                (c.start, c.end),
            )
        };
        let w = words("Analysts predict oil prices will climb above $100 .");
        let got = that_clause(&w, 0..8).map(spans);
        assert_eq!(got, Some((Some((0, 1)), (1, 2), (2, 8))));
        // A verb of denial takes its object: "Moscow denies targeting civilians."
        let w = words("Moscow denies targeting civilians .");
        assert_eq!(
            that_clause(&w, 0..4).map(spans),
            Some((Some((0, 1)), (1, 2), (2, 4)))
        );
        // No auxiliary or modal: no clause ("expects sales to rise").
        let w = words("The company expects sales to rise next year .");
        assert!(that_clause(&w, 0..8).is_none());
        // A pronoun or a conjunction in the subject: a speaker's own words.
        let w = words("And I think she will release them soon .");
        assert!(that_clause(&w, 0..8).is_none());
        // A plural noun that is also a verb form.
        let w = words("The other states voting Tuesday are Ohio and Illinois .");
        assert!(that_clause(&w, 0..9).is_none());
    }
}
