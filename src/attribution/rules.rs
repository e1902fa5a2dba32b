//! The rules that complete what the tagger finds in news sentences: a cue
//! left without content or source gets them from the sentence's shape
//! ("…, a source said.", "Officials said crime fell.", "X called on Y to …",
//! "Officials estimate that …", "The mayor, who …, said"), and a participle
//! cue ("…, adding that …") shares the source before it.

use super::{group, Group, RoleSlot};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;
use std::ops::Range;

/// [`group`], then a cue that the tagger left without content gets one when
/// the sentence ends in it ("…, a source said.", "…, said Ms. Ortiz.", "…,
/// the office said on Tuesday."): the sentence up to that comma (see
/// [`trailing_content`]). A speech verb still without a source may get the
/// sentence's short subject ([`subject_source`]). A cue still without
/// content is dropped.
pub fn group_words(words: &[&str], spans: &[(TokenSpan, Role)]) -> Vec<Group> {
    let mut groups = group(spans);
    let have: Vec<TokenSpan> = groups.iter().map(|g| g.cue).collect();
    let (starts, ends) = crate::tokenize::sentence_bounds(words);
    // covered[b] - covered[a]: how many of the tokens a..b some span holds.
    let mut held = vec![false; words.len()];
    for (s, _) in spans {
        for h in &mut held[s.start.min(words.len())..s.end.min(words.len())] {
            *h = true;
        }
    }
    let mut covered = vec![0usize; words.len() + 1];
    for (t, &h) in held.iter().enumerate() {
        covered[t + 1] = covered[t] + usize::from(h);
    }
    let free = |r: Range<usize>| covered[r.end] == covered[r.start];
    for (cue, _) in spans
        .iter()
        .filter(|(s, r)| *r == Role::Cue && !have.contains(s))
    {
        // A source next to the cue: "X said", "said X".
        let source = spans
            .iter()
            .filter(|(s, r)| *r == Role::Source && (s.end == cue.start || s.start == cue.end))
            .map(|(s, _)| *s)
            .next();
        let sentence = starts[cue.start]..ends[cue.start].min(words.len());
        let found = trailing_content(words, sentence.clone(), *cue, source)
            .map(|content| (*cue, content))
            .or_else(|| leading_content(words, sentence, *cue, source, &free));
        if let Some((cue, content)) = found {
            groups.push(Group {
                source,
                cue,
                content: vec![content],
            });
        }
    }
    // A sentence where the tagger found nothing that reads "Officials
    // estimate that …": its short subject, the verb and the rest.
    for start in (0..words.len()).filter(|&t| starts[t] == t) {
        let end = ends[start].min(words.len());
        if free(start..end) {
            groups.extend(that_clause(words, start..end));
        }
    }
    // A speech verb with no source whose sentence starts with a short name
    // or "The …" right before it: "The defence ministry accused …".
    let taken = |t: usize| !free(t..t + 1);
    for g in groups.iter_mut() {
        match g.source {
            None => g.source = subject_source(words, starts[g.cue.start], g.cue, &taken),
            Some(s) => g.source = Some(relative_source(words, starts[s.start], s, &taken)),
        }
    }
    groups.sort_by_key(|g| g.cue.start);
    // "X said …, adding that …": a participle cue continues the attribution
    // before it in the sentence, and shares its source.
    for k in 1..groups.len() {
        let (before, rest) = groups.split_at_mut(k);
        let (g, prev) = (&mut rest[0], &before[k - 1]);
        if g.source.is_none()
            && words[g.cue.start].to_lowercase().ends_with("ing")
            && starts[g.cue.start] == starts[prev.cue.start]
        {
            g.source = prev.source;
        }
    }
    groups
}

/// The longest subject [`subject_source`] takes, in tokens.
const SUBJECT_TOKENS: usize = 5;

/// The subject of a one-word speech verb from the hand list (said, accused,
/// told…) that the tagger gave no source: the words from the start of the
/// sentence to the verb, when they are at most [`SUBJECT_TOKENS`] words
/// that no other role holds and start with a capital or "the". On PolNeAR
/// dev this fires rarely (−0.08 source F1: its few hits there are not gold
/// sources), but it gives news sentences such as "The defence ministry
/// accused rebels of …" the claimant the tagger misses.
fn subject_source(
    words: &[&str],
    sentence_start: usize,
    cue: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> Option<TokenSpan> {
    let speech = cue.end == cue.start + 1
        && crate::attribution::features::CUE_WORDS
            .contains(&words[cue.start].to_lowercase().as_str());
    let subject = sentence_start..cue.start;
    (speech && short_subject(words, subject.clone(), taken)).then_some(TokenSpan {
        start: subject.start,
        end: subject.end,
        label: Role::Source.slot(),
    })
}

/// Whether `subject` is a short sentence subject a rule may take as a
/// source: 1 to [`SUBJECT_TOKENS`] words, the first a capital or "the",
/// each with a letter or digit, none `taken` by a role.
fn short_subject(
    words: &[&str],
    mut subject: Range<usize>,
    taken: &impl Fn(usize) -> bool,
) -> bool {
    let first = words.get(subject.start).copied().unwrap_or("");
    (1..=SUBJECT_TOKENS).contains(&subject.len())
        && (first.eq_ignore_ascii_case("the") || first.starts_with(char::is_uppercase))
        && !subject.any(|t| taken(t) || !words[t].chars().any(char::is_alphanumeric))
}

/// A source that is only a relative clause ("who has denied it ,") after a
/// comma, with a short subject before that comma ("The mayor , who …"):
/// the subject and the clause, as PolNeAR marks "John Smith, who runs the
/// charity,". Otherwise `source` as it is.
fn relative_source(
    words: &[&str],
    sentence_start: usize,
    source: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let relative = matches!(
        words[source.start].to_lowercase().as_str(),
        "who" | "which" | "whose"
    );
    // "who" alone is the source of a cue inside its clause ("Ann, who said …").
    let clause = source.end > source.start + 1;
    if !relative || !clause || source.start < sentence_start + 2 || words[source.start - 1] != "," {
        return source;
    }
    if short_subject(words, sentence_start..source.start - 1, taken) {
        TokenSpan {
            start: sentence_start,
            ..source
        }
    } else {
        source
    }
}

/// How many tokens may follow a trailing cue and its source ("on Tuesday",
/// "in a statement").
const TRAILING_ADJUNCT: usize = 3;

/// The content of a cue that, with its source, closes its sentence after a
/// comma ("Prices rose , a source said ."), or is followed by a short adjunct
/// only ("…, the office said on Tuesday ."): the sentence before the comma.
/// `sentence`: the sentence's tokens without its final mark.
fn trailing_content(
    words: &[&str],
    sentence: Range<usize>,
    cue: TokenSpan,
    source: Option<TokenSpan>,
) -> Option<TokenSpan> {
    let head = source.map_or(cue.start, |s| s.start.min(cue.start));
    let tail = source.map_or(cue.end, |s| s.end.max(cue.end));
    let adjunct = tail.min(sentence.end)..sentence.end;
    (adjunct.len() <= TRAILING_ADJUNCT
        && !adjunct.clone().any(|t| words[t] == ",")
        && head >= sentence.start + 3
        && words[head - 1] == ",")
        .then(|| TokenSpan {
            start: sentence.start,
            end: head - 1,
            label: Role::Content.slot(),
        })
}

/// Verbs whose object is the clause or phrase that follows them ("X said
/// prices rose", "X accused Y of …", "X denied the report"): the cue words
/// [`leading_content`] completes.
const CLAUSE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "stated",
    "states",
    "claimed",
    "claims",
    "claim",
    "argued",
    "argues",
    "argue",
    "insisted",
    "insists",
    "insist",
    "warned",
    "warns",
    "warn",
    "noted",
    "notes",
    "wrote",
    "writes",
    "believes",
    "believe",
    "thinks",
    "think",
    "predicted",
    "predicts",
    "predict",
    "announced",
    "announces",
    "acknowledged",
    "acknowledges",
    "conceded",
    "concedes",
    "estimated",
    "estimates",
    "estimate",
    "maintained",
    "maintains",
    "contended",
    "contends",
    "suggested",
    "suggests",
    "reported",
    "reports",
    "explained",
    "explains",
    "alleged",
    "alleges",
    "allege",
    "admitted",
    "admits",
    "denied",
    "denies",
    "deny",
    "accused",
    "accuses",
    "accuse",
    "urged",
    "urges",
    "urge",
    "expects",
    "expect",
];

/// "Officials estimate that the repairs will cost $3bn." in a sentence
/// where the tagger found nothing: a short subject (at most
/// [`SUBJECT_TOKENS`] words, from a capital or "the"), a verb from
/// [`CLAUSE_VERBS`] and "that", then at least three words of content.
fn that_clause(words: &[&str], sentence: Range<usize>) -> Option<Group> {
    // The verb leaves room for "that" and three words after it.
    let last = (sentence.start + SUBJECT_TOKENS).min(sentence.end.saturating_sub(5));
    let verb = (sentence.start + 1..=last)
        .find(|&t| CLAUSE_VERBS.contains(&words[t].to_lowercase().as_str()))?;
    // The sentence's tagger found nothing: no word of it is taken.
    if !short_subject(words, sentence.start..verb, &|_| false) {
        return None;
    }
    let span = |start: usize, end: usize, role: Role| TokenSpan {
        start,
        end,
        label: role.slot(),
    };
    words[verb + 1].eq_ignore_ascii_case("that").then(|| Group {
        source: Some(span(sentence.start, verb, Role::Source)),
        cue: span(verb, verb + 1, Role::Cue),
        content: vec![span(verb + 1, sentence.end, Role::Content)],
    })
}

/// Cue words that take "on" before their object ("called on residents to …").
const CALL_ON: &[&str] = &["called", "calls", "call"];

/// The content of a one-word cue from [`CLAUSE_VERBS`] that follows its
/// source ("Officials said crime fell last year."), when the tagger found
/// the source and cue but no content: the rest of the sentence, "that"
/// included (as PolNeAR marks it), when it is at least two words and no
/// role holds any of them (`free`). "Called" followed by "on" becomes the cue
/// "called on", with the rest after it. Returns the cue and the content.
fn leading_content(
    words: &[&str],
    sentence: Range<usize>,
    cue: TokenSpan,
    source: Option<TokenSpan>,
    free: &impl Fn(Range<usize>) -> bool,
) -> Option<(TokenSpan, TokenSpan)> {
    if cue.end != cue.start + 1 || source.is_none_or(|s| s.end != cue.start) {
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

