//! Subjects as sources: of a participle cue after the verb ("NATO chief Mark
//! Rutte condemned the attack, calling it …"), of a second verb ("The Bank
//! of England kept rates … but said"), of a cue in the perfect, and the
//! heads of a trailing report's subject that name a speaker.

use super::shapes::{is_small_word, time_before};
use super::sources::{after_dateline, opens_clause, NAME_TOKENS, PRONOUNS, ROLE_NOUNS};
use super::{role_span, Group};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;

/// "NATO's Mark Rutte condemned the attack, calling it …": a participle cue
/// after a comma with no source (no cue before it in the sentence was found
/// to share one) takes the name that opens the sentence, when a past tense
/// or an adverb follows that name (its verb; a time phrase may come between),
/// or a speaker's common subject
/// ([`common_subject`]: "A federal judge on Friday blocked …"). The name is
/// a run of capitalised words ([`NAME_TOKENS`] at most) after any wire
/// dateline, none `taken`.
pub(super) fn participle_subject(
    words: &[&str],
    sentence_start: usize,
    cue: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> Option<TokenSpan> {
    if !participle_after_comma(words, cue, sentence_start + 3) {
        return None;
    }
    let start = after_dateline(words, sentence_start, cue.start);
    // Inside the name, before a capital: "of" and "and" ("The Department of
    // Health and Human Services") or a role noun ("Semiconductor maker
    // Marvell").
    let inner = |t: usize| {
        t > start
            && words
                .get(t + 1)
                .is_some_and(|w| w.starts_with(char::is_uppercase))
    };
    let joins = |t: usize| matches!(words[t], "of" | "and" | "&") && inner(t);
    let role = |t: usize| ROLE_NOUNS.contains(&words[t]) && inner(t);
    let name_word = |t: usize| {
        words[t].starts_with(char::is_uppercase)
            || matches!(words[t], "'s" | "’s" | "." | "-" | "of")
            || joins(t)
            || role(t)
    };
    if let Some(subject) = common_subject(words, start, cue.start, taken) {
        return Some(subject);
    }
    let end = (start..cue.start).find(|&t| !name_word(t))?;
    if end == start {
        return None;
    }
    // A past tense or an adverb after the name, maybe after a time phrase:
    // "Rutte condemned", "Sanders instead delivered", "Starmer on Wednesday
    // defended" (not "Clinton campaign spokesman").
    let verb = words[end + super::shapes::time_after(words, end, cue.start)];
    let lower_verb = past_or_adverb(verb);
    // A name: no function word ("The first incident", "It could") but "The"
    // before another capital ("The Post"), no possessive at its end.
    let function = |t: usize| {
        let w = words[t].to_lowercase();
        is_small_word(&w) || opens_clause(&w) || PRONOUNS.contains(&w.as_str())
    };
    let the_name = words[start].eq_ignore_ascii_case("the") && end > start + 1;
    let name = (start..end)
        .all(|t| !function(t) || (t == start && the_name) || joins(t) || role(t))
        && !matches!(words[end - 1], "'s" | "’s");
    (end - start <= NAME_TOKENS && lower_verb && name && !(start..end).any(taken))
        .then(|| role_span(start, end, Role::Source))
}

/// Whether `w` is a past tense or an adverb that may follow a subject.
pub(super) fn past_or_adverb(w: &str) -> bool {
    w.starts_with(char::is_lowercase)
        && (w.ends_with("ed")
            || w.ends_with("n't")
            || super::features::is_ly_adverb(w)
            || PAST_OR_ADVERB.contains(&w))
}

/// "A federal judge on Friday blocked …, ruling that …": a subject of "a",
/// "an" or "the" and one to three lower-case words, maybe a place ("in
/// Texas"), then maybe a time phrase, then a past tense, before `before`;
/// for [`participle_subject`].
fn common_subject(
    words: &[&str],
    start: usize,
    before: usize,
    taken: &impl Fn(usize) -> bool,
) -> Option<TokenSpan> {
    if !matches!(words[start].to_lowercase().as_str(), "a" | "an" | "the") {
        return None;
    }
    let noun = |t: usize| {
        let w = words[t];
        matches!(w, "'" | "’" | "'s" | "’s")
            || (w.chars().all(|c| c.is_lowercase() || c == '-')
                && !is_small_word(w)
                && !past_or_adverb(w))
    };
    let mut end = start + 1;
    while end < before && end < start + 5 && noun(end) {
        end += 1;
    }
    // Someone who can speak: "A federal judge", not "The first incident".
    let head = end > start + 1 && ROLE_NOUNS.contains(&words[end - 1]);
    // "A federal judge in Texas": a place after the noun is the source's.
    if head && words.get(end) == Some(&"in") {
        // Not a month: "A judge in January blocked …".
        let place = (end + 1..before.min(end + 4))
            .take_while(|&t| {
                words[t].starts_with(char::is_uppercase) && !MONTHS.contains(&words[t])
            })
            .count();
        if place > 0 {
            end += 1 + place;
        }
    }
    let verb = (end..(end + 4).min(before)).find(|&t| past_or_adverb(words[t]))?;
    let between = verb - end;
    (head && (between == 0 || time_before(words, end, verb) == between) && !(start..end).any(taken))
        .then(|| role_span(start, end, Role::Source))
}

/// "[The Bank of England kept interest rates at 5.25]% on Thursday but
/// said …": a source the tagger ran past its name into the first verb of
/// the sentence, when the cue is that subject's second verb ("but said",
/// "and said"), ends where the name does: before the first lower-case verb
/// (a past in -ed, another past, a helper, or an adverb before one) right
/// after a word in capitals other than an opening article.
pub(super) fn name_before_first_verb(words: &[&str], g: &mut Group) {
    let Some(source) = g.source.filter(|s| s.end + 1 < g.cue.start) else {
        return;
    };
    if !matches!(
        words[g.cue.start - 1].to_lowercase().as_str(),
        "but" | "and"
    ) {
        return;
    }
    let capital = |t: usize| words[t].starts_with(char::is_uppercase);
    let article = |t: usize| matches!(words[t], "The" | "A" | "An");
    // A verb in lower case ("Abiy Ahmed" is none): a past in -ed, one of the
    // other pasts, a helper, or an adverb before the verb.
    let past = |w: &str| {
        w.starts_with(char::is_lowercase)
            && (w.len() > 3 && w.ends_with("ed") || PAST_OR_ADVERB.contains(&w))
    };
    let verb = (source.start + 1..source.end)
        .find(|&k| past(words[k]) && capital(k - 1) && !(k - 1 == source.start && article(k - 1)));
    if let Some(k) = verb {
        g.source = Some(TokenSpan { end: k, ..source });
    }
}

/// Whether the head noun of a trailing report's subject (`clauses::trailing_report`)
/// names who speaks: a role noun, one's plural, or one of [`TRAILING_SPEAKERS`].
pub(super) fn speaks(head: &str) -> bool {
    ROLE_NOUNS.contains(&head)
        || head
            .strip_suffix('s')
            .is_some_and(|one| ROLE_NOUNS.contains(&one))
        || TRAILING_SPEAKERS.contains(&head)
}

/// Heads of a trailing report's subject besides the role nouns: plural
/// speakers, and documents that report ("…, the filing shows.").
#[rustfmt::skip]
const TRAILING_SPEAKERS: &[&str] = &[
    "advocates", "authorities", "sources", "witnesses", "residents", "investigators", "forecasters",
    "organizers", "organisers", "diplomats", "officers",
    "filing", "report", "study", "survey", "poll", "data", "complaint", "affidavit", "records",
    "documents", "ruling", "statement", "notice", "commission", "department", "office", "army",
    "military", "figures", "statistics", "authority", "operator", "minutes", "transcript", "media",
];

/// Whether `cue` is a participle in "-ing" right after a comma, at
/// `earliest` or later ("…, calling it …", "…, arguing that …").
pub(super) fn participle_after_comma(words: &[&str], cue: TokenSpan, earliest: usize) -> bool {
    cue.start >= earliest
        && cue.start > 0
        && words[cue.start - 1] == ","
        && words[cue.start].to_lowercase().ends_with("ing")
}

/// "[The government] [has rejected claims] [that the investigation is
/// politically motivated]": a short content in capitals opening its sentence
/// right before a cue in the perfect ("has", "have" or "had" and a verb, not
/// a passive's "been"), with a content after the cue in the sentence, is the cue's subject:
/// the source. `spans` are the tagger's, in order.
pub(super) fn perfect_subject(words: &[&str], spans: &mut [(TokenSpan, Role)]) {
    let opens = |t: usize| t == 0 || matches!(words[t - 1], "." | "?" | "!");
    for i in 1..spans.len() {
        let ((subject, r0), (cue, r1)) = (spans[i - 1], spans[i]);
        // The content may come after whom the cue names ("has told [schools
        // in England] [to ban phones]"), in the same sentence.
        let after = spans.get(i + 1).is_some_and(|&(c, r)| {
            r == Role::Content
                && c.start >= cue.end
                && !words[cue.end..c.start]
                    .iter()
                    .any(|w| matches!(*w, "." | "?" | "!") || super::features::is_quote_mark(w))
        });
        let perfect = cue.end >= cue.start + 2
            && matches!(
                words[cue.start].to_lowercase().as_str(),
                "has" | "have" | "had"
            )
            && !words[cue.start + 1].eq_ignore_ascii_case("been");
        if r0 == Role::Content
            && r1 == Role::Cue
            && subject.end == cue.start
            && subject.end - subject.start <= 4
            && opens(subject.start)
            && words[subject.start].starts_with(char::is_uppercase)
            && perfect
            && after
        {
            spans[i - 1] = (
                role_span(subject.start, subject.end, Role::Source),
                Role::Source,
            );
        }
    }
}

/// Month names, which follow "in" as a time, not a place.
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

/// Past tenses not in "-ed", and adverbs that come between a subject and
/// its verb ([`participle_subject`]).
#[rustfmt::skip]
const PAST_OR_ADVERB: &[&str] = &[
    "told", "said", "made", "took", "gave", "went", "came", "won", "lost", "held", "met", "sent",
    "spent", "left", "led", "put", "set", "kept", "began", "wrote", "spoke", "broke", "drew",
    "fought", "brought", "bought", "thought", "felt", "found", "stood", "ran", "saw", "struck",
    "also", "later", "instead", "then", "again", "once", "still", "has", "had", "was", "is",
    "forecast", "cut", "hit", "quit", "shut",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::RoleSlot;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn a_participle_takes_the_name_that_opens_its_sentence() {
        let none = |_: usize| false;
        let subject = |text: &str, cue: usize| {
            let w = words(text);
            let cue = TokenSpan {
                start: cue,
                end: cue + 1,
                label: Role::Cue.slot(),
            };
            participle_subject(&w, 0, cue, &none).map(|s| (s.start, s.end))
        };
        assert_eq!(
            subject(
                "NATO chief Mark Rutte condemned the attack , calling it brutal .",
                8
            ),
            None
        );
        assert_eq!(
            subject(
                "NATO 's Mark Rutte condemned the attack , calling it brutal .",
                8
            ),
            Some((0, 4))
        );
        assert_eq!(
            subject(
                "Sanders instead delivered a speech , saying it mattered .",
                6
            ),
            Some((0, 1))
        );
        // "A federal judge on Friday blocked …": a speaker's role noun, a time phrase, the verb.
        assert_eq!(
            subject(
                "A federal judge on Friday blocked the plan , ruling that it was unlawful .",
                9
            ),
            Some((0, 3))
        );
        // A place after the noun belongs to the source.
        assert_eq!(
            subject(
                "A federal judge in Texas on Thursday blocked the plan , ruling that it was unlawful .",
                11
            ),
            Some((0, 5))
        );
        // A month after "in" is a time, not the source's place.
        assert_eq!(
            subject(
                "A federal judge in January blocked the plan , ruling that it was unlawful .",
                9
            ),
            None
        );
        // No name, or no verb after it: nothing.
        assert_eq!(
            subject(
                "The first incident came early , prompting calls for calm .",
                6
            ),
            None
        );
        assert_eq!(
            subject(
                "Clinton campaign spokesman Brian Fallon replied , calling it false .",
                7
            ),
            None
        );
        // No name at the start (a mark opens the sentence): nothing, and no panic.
        assert_eq!(subject("\u{1F468} ' \u{1F468} , according to", 4), None);
        assert_eq!(subject("' Ann , saying so .", 3), None);
        // Not a participle after a comma.
        assert_eq!(
            subject("Rutte condemned the attack and called it brutal .", 5),
            None
        );
    }
}
