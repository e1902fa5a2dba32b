//! Reports that an aside interrupts, or that another clause follows:
//! "Prices rose 3%, the statistics office said, and analysts expect …"
//! ([`closing_report`]), "The minister, asked about the cuts, said …"
//! ([`asked_aside`]), "The mayor, in a post on X, called …"
//! ([`phrase_aside`]), "A judge blocked the law, ruling that …"
//! ([`participle_that`]). Read per sentence after the tagger's groups, where
//! the tagger left a report or its source out; and a report inside a
//! relative clause, cut where the clause ends ([`relative_clause_report`]).

use super::asides::{ASIDE_PRONOUNS, ASIDE_SUBJECT, ASIDE_VERBS};
use super::shapes::PUNCT_STOPS;
use super::{role_span, Group};
use crate::annotation::Role;
use std::ops::Range;

/// The reports of this module, read over a paragraph's `words` after the
/// tagger's groups; `bounds`: each token's sentence start, and each
/// sentence's end by its start ([`crate::tokenize::sentence_bounds_closed`]).
/// Each step is linear in the paragraph (a pasted text with no blank line
/// is one paragraph).
pub(super) fn in_paragraph(words: &[&str], bounds: (&[usize], &[usize]), groups: &mut Vec<Group>) {
    let (starts, ends) = bounds;
    for start in (0..words.len()).filter(|&t| starts[t] == t) {
        let closing = closing_report(words, start..ends[start].min(words.len()), groups);
        groups.extend(closing);
    }
    let sentence = |t: usize| starts[t]..ends[starts[t]].min(words.len());
    asked_aside(words, &sentence, groups);
    phrase_aside(words, &sentence, groups);
    for start in (0..words.len()).filter(|&t| starts[t] == t) {
        let found = participle_that(words, start..ends[start].min(words.len()), groups);
        groups.extend(found);
    }
    antecedent_content(words, bounds, groups);
}

/// "[The Commerce Department], which [announced] [the new rules in October],
/// said they were needed …": the tagger made the sentence's subject a
/// content piece, grouping gave it to the cue inside the relative clause
/// after it, and the main verb after the clause was left without a source.
/// The subject is no content; with its clause and commas it is the source
/// of a sourceless cue right after the clause's closing comma, as PolNeAR
/// marks "The witness, who asked not to be named, said".
fn antecedent_content(words: &[&str], (starts, ends): (&[usize], &[usize]), groups: &mut [Group]) {
    for a in 0..groups.len() {
        let cue = groups[a].cue;
        let start = starts[cue.start];
        // ", which has …": the pronoun right before the cue, maybe with an
        // auxiliary or an adverb.
        let Some(r) = (start + 2..cue.start)
            .rev()
            .find(|&t| relative_after_comma(words, t))
        else {
            continue;
        };
        let verb_next = only_auxiliaries(&words[r + 1..cue.start]);
        let Some(p) = groups[a]
            .content
            .iter()
            .position(|c| c.start == start && c.end + 1 == r)
        else {
            continue;
        };
        let subject =
            r - 1 - start <= ASIDE_SUBJECT && words[start].starts_with(char::is_uppercase);
        // The comma that closes the clause, with no quotation mark before it.
        let Some(k) =
            (cue.end..ends[start].min(words.len())).find(|&t| PUNCT_STOPS.contains(&words[t]))
        else {
            continue;
        };
        let main = groups
            .iter()
            .position(|g| g.cue.start == k + 1 && g.source.is_none() && words[k] == ",");
        if let (true, true, Some(b)) = (verb_next, subject, main) {
            groups[a].content.remove(p);
            groups[b].source = Some(role_span(start, k + 1, Role::Source));
        }
    }
}

/// Participles after a comma that report the clause after "that" for
/// [`participle_that`], besides [`super::asides::PARTICIPLES`].
#[rustfmt::skip]
const THAT_PARTICIPLES: &[&str] = &[
    "ruling", "finding", "concluding", "announcing", "stating", "acknowledging", "alleging",
    "asserting", "contending", "declaring", "predicting", "signaling", "signalling",
    "admitting", "conceding", "writing", "reporting", "estimating",
];

/// "A federal judge in Austin on Tuesday blocked a Texas law, [ruling] [that
/// the measure likely violates the First Amendment]": a participle of saying
/// after a comma, with "that" after it, that the tagger left out, with no
/// group holding a word of it or of its clause, reports the rest of the
/// sentence; its source is found later, as for every participle
/// ([`super::subjects::participle_subject`]).
fn participle_that(words: &[&str], sentence: Range<usize>, groups: &[Group]) -> Option<Group> {
    let mut end = sentence.end;
    while end > sentence.start && matches!(words[end - 1], "." | "!" | "?") {
        end -= 1;
    }
    let t = (sentence.start + 3..end.saturating_sub(3)).find(|&t| {
        let w = words[t];
        words[t - 1] == ","
            && words[t + 1] == "that"
            && (super::asides::PARTICIPLES.contains(&w) || THAT_PARTICIPLES.contains(&w))
    })?;
    let held = |r: &crate::tagger::tags::TokenSpan| r.start < end && t < r.end;
    let taken = groups.iter().any(|g| {
        g.source
            .iter()
            .chain(std::iter::once(&g.cue))
            .chain(&g.content)
            .any(held)
    });
    (!taken).then(|| Group {
        source: None,
        cue: role_span(t, t + 1, Role::Cue),
        content: vec![role_span(t + 1, end, Role::Content)],
    })
}

/// "[Germany's finance ministry], which has pushed for [lower rates], welcomed
/// the decision": a report inside a relative clause set off by commas ends
/// at the comma that closes the clause before the main verb (a past tense,
/// an auxiliary, "says"); the tagger ran its content on into the main
/// clause. A relative pronoun that the tagger made a content piece of its
/// own right before an active verb is no content (making it the source, as
/// PolNeAR marks "who" in "Ann, who said …", was right once and wrong twice
/// on dev). Run after a content is let run on to its sentence's end.
pub(super) fn relative_clause_report(words: &[&str], sentence_start: usize, g: &mut Group) {
    // ", which has long pushed for": the pronoun at most three words before
    // the cue, after a comma that a subject precedes.
    let Some(r) = (g.cue.start.saturating_sub(3).max(sentence_start + 2)..g.cue.start)
        .find(|&t| relative_after_comma(words, t))
    else {
        return;
    };
    if words[r + 1..g.cue.start]
        .iter()
        .any(|w| PUNCT_STOPS.contains(w))
    {
        return;
    }
    let main_verb = |w: &str| {
        (super::subjects::past_or_adverb(w) && !super::features::is_ly_adverb(w))
            || super::features::is_auxiliary(w)
            || matches!(w, "says" | "said" | "adds" | "warns")
    };
    for c in g.content.iter_mut().filter(|c| c.start >= g.cue.end) {
        if let Some(k) = (c.start + 1..c.end.saturating_sub(1))
            .find(|&k| words[k] == "," && main_verb(words[k + 1]))
        {
            if !words[c.start..k]
                .iter()
                .any(|w| super::features::is_quote_mark(w))
            {
                c.end = k;
            }
        }
    }
    // A pronoun right before its verb, maybe with an auxiliary or an
    // adverb, is the verb's subject, no part of what it reports ("which
    // has pushed for"); with a source between, it is ("which RT pointed
    // to"), and so it is before a passive or "seems", whose report PolNeAR
    // marks whole ("which is widely expected to come on Dec. 16").
    let passive = words[r + 1..g.cue.end]
        .iter()
        .any(|w| PASSIVE.contains(&w.to_lowercase().as_str()));
    let subject = g.source.is_none() && !passive && only_auxiliaries(&words[r + 1..g.cue.start]);
    let pronoun = g
        .content
        .iter()
        .position(|c| c.start == r && c.end == r + 1);
    if let (true, Some(i)) = (subject, pronoun) {
        g.content.remove(i);
    }
}

/// ", which" or ", who" at token `t` (`t` ≥ 1): a relative clause opens.
fn relative_after_comma(words: &[&str], t: usize) -> bool {
    words[t - 1] == "," && matches!(words[t].to_lowercase().as_str(), "which" | "who")
}

/// Whether the words between a relative pronoun and its verb are only
/// auxiliaries and adverbs ("which has long pushed for"): the pronoun is the
/// verb's subject.
fn only_auxiliaries(between: &[&str]) -> bool {
    between
        .iter()
        .all(|w| super::features::is_auxiliary(w) || super::features::is_ly_adverb(w))
}

/// Forms of "be" and verbs of seeming: a report after them holds its
/// relative pronoun ([`relative_clause_report`]).
#[rustfmt::skip]
const PASSIVE: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "seems", "seemed", "appears", "appeared",
];

/// "Vestager, asked whether the EU would go further, said: …", "Ted Cruz,
/// when asked …, responded that …": the subject before a question put to
/// it between commas is the source of the verb after the aside, which the
/// tagger left without one; the question itself has none (as PolNeAR marks
/// it). The source loses the comma after it.
fn asked_aside(words: &[&str], sentence_of: &impl Fn(usize) -> Range<usize>, groups: &mut [Group]) {
    for a in 0..groups.len() {
        let cue = groups[a].cue;
        let sentence = sentence_of(cue.start);
        let inside = |t: usize| sentence.contains(&t);
        let first = cue.start + usize::from(words[cue.start].eq_ignore_ascii_case("when"));
        // "when" may stand outside the cue.
        let when = usize::from(cue.start > 0 && words[cue.start - 1].eq_ignore_ascii_case("when"));
        let asked = matches!(
            words.get(first).map(|w| w.to_lowercase()).as_deref(),
            Some("asked" | "pressed" | "questioned")
        );
        // The comma before the aside, and the subject before it: the source
        // found, without its comma, or a short name opening the sentence.
        let Some(comma_at) = (cue.start - sentence.start > 1 + when).then(|| cue.start - 1 - when)
        else {
            continue;
        };
        let subject = match groups[a].source {
            Some(s) if s.end == comma_at || s.end == comma_at + 1 => s.start..comma_at,
            Some(_) => continue,
            None => sentence.start..comma_at,
        };
        let named = subject.len() <= ASIDE_SUBJECT
            && words[subject.start].starts_with(char::is_uppercase)
            && words[subject.clone()]
                .iter()
                .all(|w| w.chars().any(char::is_alphanumeric));
        if !asked || words[comma_at] != "," || subject.is_empty() || !named {
            continue;
        }
        let main = (0..groups.len()).find(|&b| {
            let c = groups[b].cue.start;
            groups[b].source.is_none() && inside(c) && c > cue.end && words[c - 1] == ","
        });
        if let Some(b) = main {
            groups[b].source = Some(role_span(subject.start, subject.end, Role::Source));
            groups[a].source = None;
        }
    }
}

/// Verbs of saying besides [`ASIDE_VERBS`] after a phrase aside ([`phrase_aside`]).
#[rustfmt::skip]
const MORE_SAYING: &[&str] = &[
    "called", "announced", "urged", "accused", "described", "tweeted", "posted", "denied", "vowed",
    "promised", "declared", "declined", "emailed",
];

/// First words of a phrase of time or place, which is no subject.
#[rustfmt::skip]
const TIME_OR_PLACE: &[&str] = &[
    "on", "in", "at", "after", "before", "during", "since", "by", "for", "with", "from", "when",
    "while", "as", "last", "this", "earlier",
];

/// "The mayor, in a post on X, called the decision …": a cue the tagger
/// left without a source, right after a phrase set off by commas that opens
/// with a preposition, takes the short subject before that phrase, at the
/// sentence's start (after a dateline), if no role holds it.
fn phrase_aside(
    words: &[&str],
    sentence_of: &impl Fn(usize) -> Range<usize>,
    groups: &mut [Group],
) {
    // The words some role holds, marked once.
    let mut held = vec![false; words.len()];
    for s in groups.iter().flat_map(Group::spans) {
        held[s.start.min(words.len())..s.end.min(words.len())].fill(true);
    }
    for group in groups.iter_mut() {
        let cue = group.cue.start;
        let sentence = sentence_of(cue);
        if group.source.is_some() || cue < sentence.start + 4 || words[cue - 1] != "," {
            continue;
        }
        let start = super::sources::after_dateline(words, sentence.start, cue);
        let Some(opening) = (start + 1..cue - 1).find(|&t| words[t] == ",") else {
            continue;
        };
        let preposition = matches!(
            words[opening + 1].to_lowercase().as_str(),
            "in" | "on" | "at" | "during" | "after" | "through" | "with" | "speaking" | "writing"
        );
        let plain = !(opening + 1..cue - 1).any(|t| words[t] == "," || held[t]);
        let taken = |t: usize| held[t];
        // A verb of saying (not "The event, in a hangar, seemed …"), and a
        // subject that is no phrase of time or place ("On Oct. 23, during …").
        let verb = words[cue].to_lowercase();
        let saying = ASIDE_VERBS.contains(&verb.as_str()) || MORE_SAYING.contains(&verb.as_str());
        let opener = TIME_OR_PLACE.contains(&words[start].to_lowercase().as_str());
        if preposition
            && plain
            && saying
            && !opener
            && super::sources::short_subject(words, start..opening, &taken)
        {
            group.source = Some(role_span(start, opening, Role::Source));
            held[start..opening].fill(true);
        }
    }
}

/// Verbs of saying that close a report of the clause before them
/// ([`closing_report`]); "told" wants whom it was told, so it is not one.
const CLOSING_VERBS: &[&str] = &["said", "says", "reported", "reports", "added", "announced"];

/// Words that open the clause after such a report: another clause of the
/// sentence, not more of the content.
const NEXT_CLAUSE: &[&str] = &[
    "and", "but", "while", "although", "though", "adding", "saying", "noting", "citing", "as",
    "whereas", "yet",
];

/// Lower-case subjects that stand alone ("…, police said, and …").
const BARE_SOURCES: &[&str] = &[
    "police",
    "officials",
    "analysts",
    "authorities",
    "witnesses",
    "residents",
    "experts",
    "economists",
    "prosecutors",
    "investigators",
    "doctors",
    "scientists",
    "researchers",
    "sources",
    "aides",
    "diplomats",
    "officers",
    "rescuers",
    "organisers",
    "organizers",
];

/// "Prices rose 3% last month, the statistics office said, and analysts
/// expect …", "The fire started in a kitchen, officials said, but …": a
/// short subject and a verb of saying after a comma, then another comma and
/// a word that opens another clause, report the clause before them; the
/// clause after is not part of it. A time phrase or "in a statement" may
/// follow the verb. `sentence`: its tokens without the final mark; none if
/// one of `groups` has that cue already.
pub(super) fn closing_report(
    words: &[&str],
    sentence: std::ops::Range<usize>,
    groups: &[Group],
) -> Option<Group> {
    let (start, end) = (sentence.start, sentence.end);
    let clean = |r: std::ops::Range<usize>| !words[r].iter().any(|w| PUNCT_STOPS.contains(w));
    for c in (start + 3..end.saturating_sub(4)).filter(|&c| words[c] == ",") {
        let Some(v) = (c + 2..=(c + 1 + ASIDE_SUBJECT).min(end - 3))
            .find(|&v| CLOSING_VERBS.contains(&words[v].to_lowercase().as_str()))
        else {
            continue;
        };
        let mut k = v + 1 + super::shapes::time_after(words, v + 1, end);
        if words[k..].starts_with(&["in", "a", "statement"]) {
            k += 3;
        }
        let next = words.get(k + 1).map(|w| w.to_lowercase());
        if words.get(k) != Some(&",") || !next.is_some_and(|n| NEXT_CLAUSE.contains(&n.as_str())) {
            continue;
        }
        let subject = &words[c + 1..v];
        let lower = subject[0].to_lowercase();
        let noun_phrase = subject.iter().all(|w| {
            w.chars()
                .all(|ch| ch.is_alphanumeric() || "'’.-".contains(ch))
        }) && (subject[0].starts_with(char::is_uppercase)
            || (subject.len() == 1
                && (ASIDE_PRONOUNS.contains(&lower.as_str())
                    || BARE_SOURCES.contains(&lower.as_str())))
            || (subject.len() > 1
                && matches!(
                    lower.as_str(),
                    "the" | "a" | "an" | "its" | "their" | "his" | "her"
                )));
        if noun_phrase && clean(start..c) && !groups.iter().any(|g| g.cue.start == v) {
            return Some(Group {
                source: Some(role_span(c + 1, v, Role::Source)),
                cue: role_span(v, v + 1, Role::Cue),
                content: vec![role_span(start, c, Role::Content)],
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn a_report_in_a_relative_clause_ends_where_the_clause_does() {
        let w = words(
            "The ministry , which has pushed for lower rates to support growth , welcomed it .",
        );
        let mut g = Group {
            source: None,
            cue: role_span(4, 6, Role::Cue),
            content: vec![
                role_span(3, 4, Role::Content),
                role_span(6, 14, Role::Content),
            ],
        };
        relative_clause_report(&w, 0, &mut g);
        // The pronoun is the verb's subject, not a content piece.
        assert_eq!(g.content, [role_span(6, 12, Role::Content)]);
        // Before a passive, PolNeAR's content holds the pronoun.
        let w = words("The vote , which is expected to come soon , was delayed .");
        let mut g = Group {
            source: None,
            cue: role_span(4, 6, Role::Cue),
            content: vec![
                role_span(3, 4, Role::Content),
                role_span(6, 9, Role::Content),
            ],
        };
        relative_clause_report(&w, 0, &mut g);
        assert_eq!(g.content.len(), 2);
        // A comma before a noun inside the content does not end it.
        let w = words("The group , which called for cuts , taxes and fees , left .");
        let mut g = Group {
            source: None,
            cue: role_span(4, 6, Role::Cue),
            content: vec![role_span(6, 10, Role::Content)],
        };
        relative_clause_report(&w, 0, &mut g);
        assert_eq!(g.content, [role_span(6, 10, Role::Content)]);
    }

    #[test]
    fn a_subject_the_tagger_made_content_is_the_source_after_its_clause() {
        let w = words("The department , which announced the rules , said they were needed .");
        let group = |cue: (usize, usize), content: &[(usize, usize)]| Group {
            source: None,
            cue: role_span(cue.0, cue.1, Role::Cue),
            content: content
                .iter()
                .map(|&(s, e)| role_span(s, e, Role::Content))
                .collect(),
        };
        let mut groups = vec![group((4, 5), &[(0, 2), (5, 7)]), group((8, 9), &[(9, 12)])];
        let (starts, ends) = (vec![0; w.len()], vec![w.len(); w.len()]);
        antecedent_content(&w, (&starts, &ends), &mut groups);
        assert_eq!(groups[0].content, [role_span(5, 7, Role::Content)]);
        assert_eq!(groups[1].source, Some(role_span(0, 8, Role::Source)));
    }

    #[test]
    fn a_participle_and_that_after_a_comma_reports_the_rest() {
        let w = words("A judge blocked the law , ruling that it violates the constitution .");
        let g = participle_that(&w, 0..w.len(), &[]).unwrap();
        assert_eq!(g.cue, role_span(6, 7, Role::Cue));
        assert_eq!(g.content, [role_span(7, 12, Role::Content)]);
        // Not where a group holds the clause already.
        let held = Group {
            source: None,
            cue: role_span(6, 7, Role::Cue),
            content: vec![],
        };
        assert!(participle_that(&w, 0..w.len(), &[held]).is_none());
    }

    #[test]
    fn a_report_closing_a_clause_before_another_clause() {
        let w = words(
            "Prices rose 3 % , the statistics office said on Friday , and analysts expect more",
        );
        let g = closing_report(&w, 0..w.len(), &[]).unwrap();
        assert_eq!(g.source, Some(role_span(5, 8, Role::Source)));
        assert_eq!(g.cue, role_span(8, 9, Role::Cue));
        assert_eq!(g.content, [role_span(0, 4, Role::Content)]);
        let w = words("The fire started in a kitchen , officials said , but the cause is unknown");
        assert_eq!(
            closing_report(&w, 0..w.len(), &[]).unwrap().content,
            [role_span(0, 6, Role::Content)]
        );
        // Taken already; no clause after; a subject that is no noun phrase.
        assert!(closing_report(&w, 0..w.len(), &[g_with_cue(8)]).is_none());
        for text in [
            "The fire started in a kitchen , officials said , the cause is unknown",
            "The fire started in a kitchen , which he said , but the cause is unknown",
            "The fire started in a kitchen , officials told us , but the cause is unknown",
        ] {
            let w = words(text);
            assert!(closing_report(&w, 0..w.len(), &[]).is_none(), "{text}");
        }
    }

    fn g_with_cue(at: usize) -> Group {
        Group {
            source: None,
            cue: role_span(at, at + 1, Role::Cue),
            content: vec![],
        }
    }

    #[test]
    fn the_subject_before_a_question_aside_is_the_source_of_the_verb_after_it() {
        let w = words("The minister , asked about the cuts , said they were needed");
        let group =
            |source: Option<(usize, usize)>, cue: (usize, usize), content: (usize, usize)| Group {
                source: source.map(|(s, e)| role_span(s, e, Role::Source)),
                cue: role_span(cue.0, cue.1, Role::Cue),
                content: vec![role_span(content.0, content.1, Role::Content)],
            };
        // The tagger gave the question the subject with its comma, or nothing.
        for source in [Some((0, 3)), None] {
            let mut groups = vec![group(source, (3, 5), (5, 7)), group(None, (8, 9), (9, 12))];
            asked_aside(&w, &|_| 0..w.len(), &mut groups);
            assert_eq!(groups[0].source, None);
            assert_eq!(groups[1].source, Some(role_span(0, 2, Role::Source)));
        }
        // No comma before the verb after: nothing moves.
        let w = words("The minister , asked about the cuts said they were needed");
        let mut groups = vec![
            group(Some((0, 2)), (3, 5), (5, 7)),
            group(None, (7, 8), (8, 11)),
        ];
        asked_aside(&w, &|_| 0..w.len(), &mut groups);
        assert_eq!(groups[1].source, None);
    }

    #[test]
    fn a_phrase_aside_between_subject_and_verb_of_saying() {
        let w = words("The mayor , in a post on X , called the decision a betrayal");
        let cue = |at: usize| Group {
            source: None,
            cue: role_span(at, at + 1, Role::Cue),
            content: vec![role_span(at + 1, w.len(), Role::Content)],
        };
        let mut groups = vec![cue(9)];
        phrase_aside(&w, &|_| 0..w.len(), &mut groups);
        assert_eq!(groups[0].source, Some(role_span(0, 2, Role::Source)));
        // A verb not of saying, or a phrase of time before the aside.
        for text in [
            "The event , in an airplane hangar , seemed an insult away from a brawl",
            "On Monday , in a speech to workers , called the decision a betrayal",
        ] {
            let w = words(text);
            let at = w.iter().rposition(|x| *x == ",").unwrap() + 1;
            let mut groups = vec![Group {
                source: None,
                cue: role_span(at, at + 1, Role::Cue),
                content: vec![role_span(at + 1, w.len(), Role::Content)],
            }];
            phrase_aside(&w, &|_| 0..w.len(), &mut groups);
            assert_eq!(groups[0].source, None, "{text}");
        }
    }
}
