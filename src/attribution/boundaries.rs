//! Where a found cue or content starts and ends in news shapes the tagger
//! gets wrong: "was quoted by X as saying" as one cue, the person told left
//! out of cue and content ("warned London that …"), a quotation's stray tail
//! after its cue, and a content that starts at "that" after a phrase ("said
//! in a filing with the SEC that …").

use super::shapes::PUNCT_STOPS;
use super::{role_span, Group, RoleSlot};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;

/// The most tokens between "quoted" and "as saying" ("by the TASS news
/// agency").
const QUOTED_BY: usize = 8;

/// "The Kremlin was quoted by the TASS news agency as saying that …": the
/// tagger's two cues ("was quoted", "saying") and the source between them
/// become one cue, from the first to "saying", whose source is the one
/// before it (PolNeAR train: "Braynard [is quoted as saying]"). `None`
/// when there is no such pair.
pub(super) fn quoted_as_saying(
    words: &[&str],
    spans: &[(TokenSpan, Role)],
) -> Option<Vec<(TokenSpan, Role)>> {
    let cues: Vec<TokenSpan> = spans
        .iter()
        .filter(|(_, r)| *r == Role::Cue)
        .map(|(s, _)| *s)
        .collect();
    let (first, saying) = cues.iter().zip(cues.iter().skip(1)).find(|(a, b)| {
        words[a.end - 1].eq_ignore_ascii_case("quoted")
            && words[b.start].eq_ignore_ascii_case("saying")
            && b.start > a.end
            && b.start - a.end <= QUOTED_BY + 1
            && words[b.start - 1].eq_ignore_ascii_case("as")
    })?;
    let cue = TokenSpan {
        start: first.start,
        end: saying.end,
        label: Role::Cue.slot(),
    };
    let mut out: Vec<(TokenSpan, Role)> = spans
        .iter()
        .filter(|(s, _)| s.end <= cue.start || s.start >= cue.end)
        .copied()
        .collect();
    // The spans stay in order of their starts: no sort (each sort compiled
    // into the wasm costs kilobytes).
    let at = out
        .iter()
        .position(|(s, _)| s.start > cue.start)
        .unwrap_or(out.len());
    out.insert(at, (cue, Role::Cue));
    Some(out)
}

/// "Harbor agreed on Tuesday [to buy Greenfield for $3.2 billion], betting
/// [that demand …]": grouping gave the content before the comma to the
/// participle after it, the nearer cue, and the verb before it lost its
/// only content. A participle cue after a comma that has a content after it
/// as well hands the piece ending at the comma to a cue of the same
/// sentence left without content, at most [`HANDED_BACK`] tokens before the
/// piece (or [`HANDED_BACK_THAT`] before a piece that opens with "that"),
/// with the source next to that cue. So does a verb after "but" or "and"
/// ("Huang told analysts on a conference call [that demand …,] but
/// acknowledged [that …]").
pub(super) fn content_before_participle(
    words: &[&str],
    spans: &[(TokenSpan, Role)],
    starts: &[usize],
    groups: &mut Vec<Group>,
) {
    for i in 0..groups.len() {
        let g = &groups[i];
        let c = g.cue;
        if c.start < 2 {
            continue;
        }
        let participle = words[c.start - 1] == "," && words[c.start].ends_with("ing");
        let coordinated = matches!(words[c.start - 1], "but" | "and");
        let before = |p: &TokenSpan| {
            p.end + 1 == c.start || (coordinated && p.end + 2 == c.start && words[p.end] == ",")
        };
        let Some(p) = g
            .content
            .iter()
            .position(before)
            .filter(|_| participle || coordinated)
        else {
            continue;
        };
        let piece = g.content[p];
        if !g.content.iter().any(|q| q.start >= c.end) {
            continue;
        }
        let reach = if words[piece.start] == "that" {
            HANDED_BACK_THAT
        } else {
            HANDED_BACK
        };
        let orphan = spans.iter().rev().find(|(k, r)| {
            *r == Role::Cue
                && k.end <= piece.start
                && piece.start - k.end <= reach
                && starts[k.start] == starts[piece.start]
                && !words[k.end..piece.start]
                    .iter()
                    .any(|w| PUNCT_STOPS.contains(w))
        });
        let Some(&(cue, _)) = orphan else { continue };
        if groups.iter().any(|h| h.cue == cue) {
            continue;
        }
        let source = spans
            .iter()
            .find(|(s, r)| *r == Role::Source && s.end == cue.start)
            .map(|(s, _)| *s);
        groups[i].content.remove(p);
        groups.push(Group {
            source,
            cue,
            content: vec![piece],
        });
    }
}

/// The most tokens between a verb and the content that a participle after
/// it hands back ("agreed [on Tuesday] to buy …").
const HANDED_BACK: usize = 3;

/// The most tokens between a verb and a content that opens with "that"
/// ("told analysts [on a conference call] that …").
const HANDED_BACK_THAT: usize = 8;

/// "[The study was observational and could not prove that walking lowered
/// the risk], the authors noted.": a source and cue that close their
/// sentence after a comma report the whole sentence before that comma, when
/// the one content piece ends at the comma but starts inside the sentence,
/// not after a comma (PolNeAR leaves out "In fact," and "Still,"), with no
/// quotation mark, bracket, colon or dash before it; a piece that starts in
/// a wire dateline starts after it.
///
/// The report may be followed by a time phrase and a participle clause,
/// which is the writer's, not the source's ("…, the electoral commission
/// said on Tuesday, [dealing a setback to the ruling party]": PolNeAR train
/// leaves such a clause out of the content 72 times in 102); a content piece
/// there goes.
pub(super) fn fronted_content_start(words: &[&str], sentence_start: usize, g: &mut Group) {
    let Some(source) = g.source else {
        return;
    };
    let after = g.cue.end + super::shapes::time_after(words, g.cue.end, words.len());
    let participle = super::asides::writers_participle(words, after);
    if participle && g.content.len() == 2 && g.content[1].start == after + 1 {
        g.content.pop();
    }
    let [c] = g.content.as_mut_slice() else {
        return;
    };
    let closing = participle || matches!(words.get(after).copied(), Some("." | "!") | None);
    let head = super::sources::after_dateline(words, sentence_start, c.start);
    let plain = (head..c.start).all(|t| {
        !matches!(
            words[t],
            "\"" | "“" | "”" | "(" | ")" | ":" | "-" | "--" | "–" | "—"
        )
    });
    if closing
        && source.end == g.cue.start
        && source.start >= 1
        && words[source.start - 1] == ","
        && c.end + 1 == source.start
        && plain
    {
        if c.start > head && words[c.start - 1] != "," {
            c.start = head;
        } else if c.start == sentence_start {
            c.start = super::sources::after_dateline(words, sentence_start, c.end);
        }
    }
}

/// "A drone strike … killed 12 people on Saturday, local officials said, as
/// fighting …": a source the tagger ran from the sentence's start (after any
/// dateline) over a comma to the cue, whose part after its last comma is a
/// short subject. That part is the source, the words before the comma the
/// content, and a content after the cue that opens with a subordinator ("as
/// fighting intensified") goes.
pub(super) fn content_before_source(words: &[&str], sentence_start: usize, g: &mut Group) {
    let Some(source) = g.source else {
        return;
    };
    let head = super::sources::after_dateline(words, sentence_start, source.end);
    if source.start > head || source.end != g.cue.start {
        return;
    }
    let Some(comma) = (head..source.end).rev().find(|&t| words[t] == ",") else {
        return;
    };
    // A short common subject of speakers: "local officials", "police",
    // "the ministry" (not a name, not a list's last items).
    let tail = comma + 1..source.end;
    let speakers = |w: &str| {
        super::sources::ROLE_NOUNS.contains(&w)
            || matches!(
                w,
                "authorities"
                    | "sources"
                    | "witnesses"
                    | "residents"
                    | "analysts"
                    | "experts"
                    | "diplomats"
                    | "aides"
                    | "officers"
                    | "spokesmen"
            )
    };
    let subject = (1..=4).contains(&tail.len())
        && tail
            .clone()
            .all(|t| words[t].chars().all(|c| c.is_lowercase() || c == '-'))
        && speakers(words[tail.end - 1]);
    let quoted = (head..comma).any(|t| matches!(words[t], "\"" | "“" | "”"));
    if !subject || quoted || comma < head + 4 || g.content.iter().any(|c| c.start < g.cue.start) {
        return;
    }
    g.source = Some(TokenSpan {
        start: tail.start,
        ..source
    });
    g.content.retain(|c| {
        !matches!(
            words[c.start].to_lowercase().as_str(),
            "as" | "amid" | "while" | "after" | "despite" | "before" | "when"
        )
    });
    g.content.insert(0, role_span(head, comma, Role::Content));
}

/// "About 4,000 nurses began a strike on Monday after [talks broke down],
/// their union said.": a report at the end of its sentence whose content
/// the tagger started after a subordinating conjunction reports the whole
/// sentence, from its start (past a wire dateline). PolNeAR train holds one
/// such content, and its gold starts at the sentence's start ("But while …").
pub(super) fn content_after_subordinator(words: &[&str], sentence_start: usize, g: &mut Group) {
    let (Some(source), [c]) = (g.source, g.content.as_mut_slice()) else {
        return;
    };
    let head = super::sources::after_dateline(words, sentence_start, c.start);
    let reported_last = source.end == g.cue.start
        && c.end + 1 == source.start
        && words[c.end] == ","
        && matches!(words.get(g.cue.end).copied(), Some(".") | None);
    let subordinate = c.start > head + 2
        && matches!(
            words[c.start - 1].to_lowercase().as_str(),
            "after" | "before" | "because" | "when" | "since" | "until" | "although" | "though"
        );
    let quoted = (head..c.end).any(|t| matches!(words[t], "\"" | "“" | "”"));
    if reported_last && subordinate && !quoted {
        c.start = head;
    }
}

/// "The coast guard said [a supply ship had approached a vessel] and
/// [ignored] [repeated warnings]": a cue right after the "and" that ends the
/// content before it, when that content is a clause ("that …", or words
/// with an auxiliary: "had", "was", "would" …) and the cue is one word that
/// is no verb of saying (not in [`CUE_WORDS`]) and no participle, with the
/// same source or none, is a verb of that clause: its content joins the
/// content before, and it is no attribution. PolNeAR train: of 10 such cues
/// found, the 4 gold ones are all participles ("…, and asking"); of the
/// other 6, joining makes 5 contents exact. It runs after
/// `shapes::coordinated_cues`, and so also joins back what that rule split
/// off for such verbs ("said the attack had failed and [condemned] …"), as
/// the counts above include.
///
/// [`CUE_WORDS`]: super::features::CUE_WORDS
pub(super) fn clause_coordination(words: &[&str], groups: &mut Vec<Group>) {
    let aux = super::features::is_auxiliary;
    let mut i = 1;
    while i < groups.len() {
        let (before, after) = groups.split_at_mut(i);
        let (p, g) = (&mut before[i - 1], &after[0]);
        let verb = words[g.cue.start];
        let plain_verb = g.cue.end == g.cue.start + 1
            && verb.chars().all(|c| c.is_ascii_lowercase())
            && !verb.ends_with("ing")
            && !super::features::CUE_WORDS.contains(&verb);
        let shared = g.source.is_none() || g.source == p.source;
        let joined = p.content.last_mut().filter(|c| {
            let clause = words[c.start].eq_ignore_ascii_case("that")
                || (c.start + 1..c.end.min(c.start + 10)).any(|t| aux(words[t]));
            c.start >= p.cue.end && c.end + 1 == g.cue.start && words[c.end] == "and" && clause
        });
        match joined {
            Some(c) if plain_verb && shared => {
                c.end = g
                    .content
                    .iter()
                    .map(|x| x.end)
                    .max()
                    .unwrap_or(g.cue.end)
                    .max(g.cue.end);
                groups.remove(i);
            }
            _ => i += 1,
        }
    }
}

/// "TAIPEI - [A magnitude 7.4 earthquake struck Taiwan …, killing at least
/// nine people], the island's fire department said, [in the strongest quake
/// in 25 years].": a report after a comma whose only content is a phrase
/// after the cue and a comma, opening with a preposition ("in", "as",
/// "amid", "after", "before", "with", "despite") or "hours after" and the
/// like (the piece a few words in), reports the sentence
/// before its source instead (past a wire dateline). Whether `g` changed;
/// PolNeAR train holds one such content.
pub(super) fn phrase_after_report(words: &[&str], sentence_start: usize, g: &mut Group) -> bool {
    let (Some(source), [c]) = (g.source, g.content.as_slice()) else {
        return false;
    };
    let head = super::sources::after_dateline(words, sentence_start, source.start);
    let at = g.cue.end + 1;
    let lower = |t: usize| words.get(t).map(|w| w.to_lowercase()).unwrap_or_default();
    let opener = matches!(
        lower(at).as_str(),
        "in" | "as" | "amid" | "after" | "before" | "with" | "despite"
    );
    // "…, Lebanese state media reported, hours after Hezbollah [fired …]":
    // the phrase may hold the piece a few words in.
    let timed = matches!(
        lower(at).as_str(),
        "hours" | "days" | "weeks" | "months" | "minutes" | "moments" | "shortly"
    ) && matches!(lower(at + 1).as_str(), "after" | "before")
        && c.start >= at
        && c.start <= at + 4
        && (at..c.start).all(|t| words[t] != ",");
    let shape = source.end == g.cue.start
        && source.start >= head + 4
        && words[source.start - 1] == ","
        && words.get(g.cue.end) == Some(&",")
        && ((c.start == at && opener) || timed);
    let quoted = (head..source.start).any(|t| matches!(words[t], "\"" | "“" | "”"));
    if shape && !quoted {
        g.content = vec![role_span(head, source.start - 1, Role::Content)];
    }
    shape && !quoted
}

/// "…, speaking on condition of anonymity because they were not authorized
/// to discuss the matter": wire copy's reason for an unnamed source reports
/// nothing. Whether `g`'s cue is such a phrase: "not authorized", or
/// "anonymity" in a cue that does not start with a verb of saying (PolNeAR
/// train marks none of the six "not authorized to discuss / speak" it holds).
pub(super) fn anonymity_aside(words: &[&str], g: &Group) -> bool {
    let cue = &words[g.cue.start..g.cue.end];
    let said = ["said", "says", "told", "tells"]
        .iter()
        .any(|w| cue[0].eq_ignore_ascii_case(w));
    let not_authorized = cue
        .windows(2)
        .any(|p| p[0].eq_ignore_ascii_case("not") && p[1].eq_ignore_ascii_case("authorized"));
    // "who spoke on [condition of anonymity because …]": the phrase as content.
    let spoke = cue.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "spoke" | "speaking" | "talked" | "talking"
        )
    });
    let anonymous_content = g.content.first().is_some_and(|c| {
        words[c.start..c.end.min(c.start + 4)]
            .iter()
            .any(|w| w.eq_ignore_ascii_case("anonymity"))
    });
    not_authorized
        || (!said && cue.iter().any(|w| w.eq_ignore_ascii_case("anonymity")))
        || (spoke && anonymous_content)
}

/// Verbs whose object is the person told, not what was said.
const TELL: &[&str] = &[
    "told", "tells", "tell", "telling", "warned", "warns", "assured", "assures", "informed",
    "reminded",
];

/// "Brussels has repeatedly warned London that …", "The prosecutor told the
/// court the defendant …": the person told is neither cue nor content
/// (PolNeAR train: "told" and its object 160 times with the object in no
/// role, 4 times in the cue). A cue that runs on over the object after such
/// a verb ends at the verb; a content that starts one word into "the X"
/// right after the verb starts after X.
pub(super) fn addressee_outside(words: &[&str], g: &mut Group) {
    let verb = (g.cue.start..g.cue.end).find(|&t| TELL.contains(&words[t].to_lowercase().as_str()));
    if let Some(verb) = verb {
        let object = |t: usize| {
            let w = words[t];
            w.starts_with(char::is_uppercase)
                || matches!(
                    w.to_lowercase().as_str(),
                    "the" | "him" | "her" | "them" | "us" | "me"
                )
        };
        if verb + 1 < g.cue.end && (verb + 1..g.cue.end).all(object) {
            g.cue.end = verb + 1;
        }
        let determiner = matches!(
            words.get(g.cue.end).map(|w| w.to_lowercase()).as_deref(),
            Some("the" | "a" | "an")
        );
        if let Some(c) = g
            .content
            .iter_mut()
            .find(|c| c.start == g.cue.end + 1 && c.end > c.start + 3)
        {
            if determiner && verb + 1 == g.cue.end {
                c.start += 1;
            }
        }
    }
    // "warned lawmakers in Brussels that …": a content that starts with the
    // person told and goes on to "that" starts at "that" (PolNeAR train: 130
    // such contents start at "that", 8 at the object). Not after a cue in
    // "to": "referring to reports that …" is a relative clause.
    if verb.is_some_and(|v| v + 1 == g.cue.end) {
        if let Some(c) = g.content.iter_mut().find(|c| c.start == g.cue.end) {
            if let Some(that) = (c.start + 1..(c.start + 7).min(c.end.saturating_sub(2)))
                .take_while(|&t| words[t].chars().any(char::is_alphanumeric))
                .find(|&t| words[t].eq_ignore_ascii_case("that"))
            {
                c.start = that;
            }
        }
    }
}

/// Where the content of a verb of [`TELL`] at `verb` starts when the tagger
/// found none: after the person told, at "that", a determiner or a pronoun
/// that opens the clause told ("told [reporters] the president respected
/// …", "told CNN that …"), one to four words after the verb, with only
/// words between. None for another verb or no such word.
pub(super) fn told_content_start(words: &[&str], verb: usize, end: usize) -> Option<usize> {
    if !TELL.contains(&words[verb].to_lowercase().as_str()) {
        return None;
    }
    (verb + 2..(verb + 6).min(end.saturating_sub(2)))
        .take_while(|&t| words[t - 1].chars().any(char::is_alphanumeric))
        .find(|&t| {
            matches!(
                words[t].to_lowercase().as_str(),
                "that"
                    | "the"
                    | "a"
                    | "an"
                    | "he"
                    | "she"
                    | "it"
                    | "they"
                    | "we"
                    | "i"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "there"
            )
        })
}

/// "“It never crossed my mind,” she said several months after her release":
/// when the content is a whole quotation before the cue, words after the cue
/// that open no quotation are not part of it (PolNeAR dev: the quotation
/// alone is the gold content 12 times, with those words 3 times).
pub(super) fn quotation_before_cue(words: &[&str], g: &mut Group) {
    let opens = |t: usize| matches!(words[t], "“" | "\"");
    let closes = |t: usize| matches!(words[t], "”" | "\"");
    let quoted = g.content.first().is_some_and(|c| {
        c.end <= g.cue.start && c.end > c.start + 1 && opens(c.start) && closes(c.end - 1)
    });
    if quoted && g.content.len() > 1 {
        g.content.retain(|c| c.end <= g.cue.start || opens(c.start));
    }
}

/// The longest phrase [`that_after_phrase`] skips, in tokens.
const PHRASE_BEFORE_THAT: usize = 12;

/// Where a content after a cue ending at `cue_end` starts when a
/// prepositional phrase and then "that" follow the cue ("said in a filing
/// with the Securities and Exchange Commission that revenue would fall": the
/// content is "that revenue would fall"; PolNeAR train starts such contents
/// at "that" 63 times in 67, the phrase left to no role or to the cue).
/// Otherwise where `content` starts.
pub(super) fn that_after_phrase(words: &[&str], cue_end: usize, content: TokenSpan) -> usize {
    let preposition = |t: usize| {
        matches!(
            words[t].to_lowercase().as_str(),
            "in" | "with" | "on" | "before"
        )
    };
    let phrase_from = |start: usize| {
        (start + 2..content.end.min(start + PHRASE_BEFORE_THAT + 1))
            .take_while(|&t| !matches!(words[t], "," | ";" | ":" | "\"" | "“" | "”" | "(" | "."))
            .find(|&t| words[t].eq_ignore_ascii_case("that") && t + 1 < content.end)
    };
    // The phrase starts at the cue's end (part of it may be the content's
    // start) or at the content's start.
    [cue_end, content.start]
        .into_iter()
        .filter(|&t| t < words.len() && preposition(t))
        .find_map(phrase_from)
        .filter(|&that| that >= content.start)
        .unwrap_or(content.start)
}

/// Words that open a phrase or clause of the writer's after a comma that
/// follows a trailing report ("…, their union said, [as talks with
/// employers broke down …]", "…, officials said, [in the strongest …]").
/// Not "while", "because" or "although": PolNeAR's content goes on after
/// those ("That's bad, according to Rubio, because, well, Biden"; "And so,
/// he said, while …, they admire …").
#[rustfmt::skip]
pub(super) const AFTER_REPORT: &[&str] = &[
    "in", "amid", "despite", "as",
];

/// "Prosecutors said [Pieter van Dam, 61,] had steered contracts …": the
/// tagger left a content's subject out, and its first piece after the cue
/// starts with the clause's verb (an auxiliary or a past tense). The free
/// words between the cue (and "that") and the piece join it when they open
/// with a capital or a determiner, are at most [`SUBJECT_GAP`], are `taken`
/// by no role, and hold no quotation mark, colon, bracket or cue word, and
/// no time phrase ("said on Tuesday had …" is no subject).
pub(super) fn subject_of_content(words: &[&str], g: &mut Group, taken: &impl Fn(usize) -> bool) {
    let cue_end = g.cue.end;
    let Some(c) = g.content.iter_mut().find(|c| c.start > cue_end) else {
        return;
    };
    let from = cue_end + usize::from(words[cue_end].eq_ignore_ascii_case("that"));
    if from >= c.start || c.start - from > SUBJECT_GAP {
        return;
    }
    let first = words[c.start];
    let verb = super::features::is_auxiliary(&first.to_lowercase())
        || (first.starts_with(char::is_lowercase) && first.ends_with("ed"));
    let opener = words[from].starts_with(char::is_uppercase)
        || matches!(
            words[from].to_lowercase().as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their"
        );
    let plain = (from..c.start).all(|t| {
        !taken(t)
            && !matches!(
                words[t],
                "\"" | "“" | "”" | "''" | ":" | ";" | "(" | ")" | "." | "?" | "!" | "—" | "--"
            )
            && !super::features::is_cue_word(words[t])
    });
    let time = super::shapes::time_after(words, from, c.start) > 0
        || super::shapes::time_before(words, from, c.start) > 0;
    if verb && opener && plain && !time {
        c.start = cue_end;
    }
}

/// The most words [`subject_of_content`] adds.
const SUBJECT_GAP: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, role: Role) -> TokenSpan {
        TokenSpan {
            start,
            end,
            label: role.slot(),
        }
    }

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn a_verb_joined_to_a_reported_clause_is_part_of_it() {
        // "Guards said [a ship had approached a vessel] and [ignored] [warnings] ."
        let w = words("Guards said a ship had approached a vessel and ignored warnings .");
        let outer = Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(1, 2, Role::Cue),
            content: vec![span(2, 8, Role::Content)],
        };
        let inner = |verb_end| Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(9, verb_end, Role::Cue),
            content: vec![span(verb_end, 11, Role::Content)],
        };
        let mut groups = vec![outer.clone(), inner(10)];
        clause_coordination(&w, &mut groups);
        assert_eq!(groups.len(), 1);
        assert_eq!(
            (groups[0].content[0].start, groups[0].content[0].end),
            (2, 11)
        );
        // A verb of saying ("… and accused …") stays an attribution of its own.
        let w2 = words("Guards said a ship had approached a vessel and accused warnings .");
        let mut groups = vec![outer.clone(), inner(10)];
        clause_coordination(&w2, &mut groups);
        assert_eq!(groups.len(), 2);
        // So does a verb after an object, not a clause ("criticised Rubio and defended Cruz").
        // (Words 2-7 hold no auxiliary and do not open with "that".)
        let w3 = words("Guards said the captain of his old vessel and ignored warnings .");
        let mut groups = vec![outer, inner(10)];
        clause_coordination(&w3, &mut groups);
        assert_eq!(groups.len(), 2);
    }

    #[test]
    fn a_phrase_after_a_closing_report_gives_way_to_the_sentence_before() {
        let w = words("TAIPEI - A quake struck Taiwan today , the fire department said , in the strongest quake .");
        let mut g = Group {
            source: Some(span(8, 11, Role::Source)),
            cue: span(11, 12, Role::Cue),
            content: vec![span(13, 17, Role::Content)],
        };
        assert!(phrase_after_report(&w, 0, &mut g));
        assert_eq!((g.content[0].start, g.content[0].end), (2, 7));
        // A clause after the comma, not a phrase: as it was.
        let w = words("TAIPEI - A quake struck Taiwan today , the fire department said , rescuers were working .");
        let mut g = Group {
            source: Some(span(8, 11, Role::Source)),
            cue: span(11, 12, Role::Cue),
            content: vec![span(13, 16, Role::Content)],
        };
        assert!(!phrase_after_report(&w, 0, &mut g));
        assert_eq!(g.content[0].start, 13);
        // "hours after" with the piece a few words in.
        let w = words("Jets struck the city on Monday , state media reported , hours after rebels fired rockets .");
        let mut g = Group {
            source: Some(span(7, 9, Role::Source)),
            cue: span(9, 10, Role::Cue),
            content: vec![span(14, 16, Role::Content)],
        };
        assert!(phrase_after_report(&w, 0, &mut g));
        assert_eq!((g.content[0].start, g.content[0].end), (0, 6));
    }

    #[test]
    fn a_report_at_the_end_reports_its_whole_sentence() {
        // "CITY - Nurses struck after [talks broke down] , their union said ."
        let w = words(
            "MINNEAPOLIS - Nurses struck on Monday after talks broke down , their union said .",
        );
        let group = |first| Group {
            source: Some(span(11, 13, Role::Source)),
            cue: span(13, 14, Role::Cue),
            content: vec![span(first, 10, Role::Content)],
        };
        let mut g = group(7);
        content_after_subordinator(&w, 0, &mut g);
        assert_eq!((g.content[0].start, g.content[0].end), (2, 10));
        // Not after a subordinating conjunction: as it was.
        let mut g = group(6);
        content_after_subordinator(&w, 0, &mut g);
        assert_eq!(g.content[0].start, 6);
        // More after the cue than the final mark: as it was.
        let w = words("MINNEAPOLIS - Nurses struck on Monday after talks broke down , their union said Monday");
        let mut g = group(7);
        content_after_subordinator(&w, 0, &mut g);
        assert_eq!(g.content[0].start, 7);
    }

    #[test]
    fn the_person_told_is_left_out_of_the_content() {
        // The tagger's content starts with the person told and runs to "that".
        let w = words("Lagarde warned lawmakers in Brussels that trade tensions posed a risk .");
        let mut g = Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(1, 2, Role::Cue),
            content: vec![span(2, 12, Role::Content)],
        };
        addressee_outside(&w, &mut g);
        assert_eq!((g.content[0].start, g.content[0].end), (5, 12));
        // A verb that is not one of telling: as it was.
        let w = words("Lagarde noted rates in Brussels that were set high last year .");
        let mut g = Group {
            cue: span(1, 2, Role::Cue),
            content: vec![span(2, 12, Role::Content)],
            ..g
        };
        addressee_outside(&w, &mut g);
        assert_eq!(g.content[0].start, 2);
        // With no content found: where the clause told starts.
        let w = words("Leavitt later told reporters the president respected it .");
        assert_eq!(told_content_start(&w, 2, 8), Some(4));
        let w = words("She told CNN that prices would rise .");
        assert_eq!(told_content_start(&w, 1, 7), Some(3));
        assert_eq!(told_content_start(&w, 0, 7), None);
        // A mark before the word: no clause found.
        let w = words("She told CNN , the network , nothing .");
        assert_eq!(told_content_start(&w, 1, 8), None);
    }

    #[test]
    fn a_participle_hands_back_the_content_before_its_comma() {
        let w =
            words("Harbor agreed on Tuesday to buy Greenfield , betting that demand will grow .");
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(0, 1, Role::Source), Role::Source),
            (span(1, 2, Role::Cue), Role::Cue),
            (span(4, 7, Role::Content), Role::Content),
            (span(8, 9, Role::Cue), Role::Cue),
            (span(9, 13, Role::Content), Role::Content),
        ];
        let mut groups = super::super::group_in_sentences(&spans, &starts);
        assert_eq!(groups.len(), 1, "grouping gives both contents to 'betting'");
        content_before_participle(&w, &spans, &starts, &mut groups);
        let got: Vec<(usize, Option<usize>, Vec<usize>)> = groups
            .iter()
            .map(|g| {
                (
                    g.cue.start,
                    g.source.map(|s| s.start),
                    g.content.iter().map(|c| c.start).collect(),
                )
            })
            .collect();
        assert_eq!(got, [(8, None, vec![9]), (1, Some(0), vec![4])]);
        // Not a participle: nothing moves.
        let w = words("Harbor agreed on Tuesday to buy Greenfield , said that demand will grow .");
        let mut groups = super::super::group_in_sentences(&spans, &starts);
        content_before_participle(&w, &spans, &starts, &mut groups);
        assert_eq!(groups.len(), 1);
        // A verb after "but" hands back the "that" clause before it, a few
        // words after the verb before.
        let w = words(
            "Huang told analysts on a call that demand is strong , but acknowledged that sales fell .",
        );
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(0, 1, Role::Source), Role::Source),
            (span(1, 2, Role::Cue), Role::Cue),
            (span(6, 10, Role::Content), Role::Content),
            (span(12, 13, Role::Cue), Role::Cue),
            (span(13, 16, Role::Content), Role::Content),
        ];
        let mut groups = super::super::group_in_sentences(&spans, &starts);
        content_before_participle(&w, &spans, &starts, &mut groups);
        let told = groups.iter().find(|g| g.cue.start == 1).unwrap();
        assert_eq!(told.content, [span(6, 10, Role::Content)]);
        assert_eq!(told.source, Some(span(0, 1, Role::Source)));
    }

    #[test]
    fn quoted_by_as_saying_is_one_cue() {
        let w = words("The Kremlin was quoted by TASS as saying that talks stalled .");
        let spans = [
            (span(0, 2, Role::Source), Role::Source),
            (span(2, 4, Role::Cue), Role::Cue),
            (span(5, 6, Role::Source), Role::Source),
            (span(7, 8, Role::Cue), Role::Cue),
            (span(8, 11, Role::Content), Role::Content),
        ];
        let joined = quoted_as_saying(&w, &spans).unwrap();
        let kept: Vec<(usize, usize, Role)> =
            joined.iter().map(|(s, r)| (s.start, s.end, *r)).collect();
        assert_eq!(
            kept,
            [
                (0, 2, Role::Source),
                (2, 8, Role::Cue),
                (8, 11, Role::Content)
            ]
        );
        // Without "as" before "saying", nothing is joined.
        let w = words("The Kremlin was quoted by TASS so saying that talks stalled .");
        assert!(quoted_as_saying(&w, &spans).is_none());
    }

    #[test]
    fn the_person_told_is_neither_cue_nor_content() {
        let w = words("Brussels has repeatedly warned London that it will not budge .");
        let mut g = Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(1, 5, Role::Cue),
            content: vec![span(5, 11, Role::Content)],
        };
        addressee_outside(&w, &mut g);
        assert_eq!((g.cue.start, g.cue.end), (1, 4));
        let w = words("The prosecutor told the court the defendant had shown no remorse .");
        let mut g = Group {
            source: Some(span(0, 2, Role::Source)),
            cue: span(2, 3, Role::Cue),
            content: vec![span(4, 12, Role::Content)],
        };
        addressee_outside(&w, &mut g);
        assert_eq!(
            g.content[0].start, 5,
            "the content starts after 'the court'"
        );
        // "warned of" keeps its cue.
        let w = words("He warned of a crisis .");
        let mut g = Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(1, 3, Role::Cue),
            content: vec![span(3, 5, Role::Content)],
        };
        addressee_outside(&w, &mut g);
        assert_eq!((g.cue.start, g.cue.end), (1, 3));
    }

    #[test]
    fn a_quotation_before_its_cue_drops_a_tail_that_opens_no_quotation() {
        let w = words("“ We will win , ” she said months later , and “ soon . ”");
        let mut g = Group {
            source: Some(span(6, 7, Role::Source)),
            cue: span(7, 8, Role::Cue),
            content: vec![
                span(0, 6, Role::Content),
                span(8, 10, Role::Content),
                span(12, 16, Role::Content),
            ],
        };
        quotation_before_cue(&w, &mut g);
        let starts: Vec<usize> = g.content.iter().map(|c| c.start).collect();
        assert_eq!(starts, [0, 12]);
    }

    #[test]
    fn an_anonymity_aside_is_no_attribution() {
        let g = |cue: (usize, usize)| Group {
            source: None,
            cue: span(cue.0, cue.1, Role::Cue),
            content: vec![span(cue.1, cue.1 + 1, Role::Content)],
        };
        let w = words("they were not authorized to discuss it");
        assert!(anonymity_aside(&w, &g((1, 4))));
        let w = words("officials spoke on condition of anonymity to discuss it");
        assert!(anonymity_aside(&w, &g((1, 7))));
        // A verb of saying stays; so does "authorized" alone.
        let w = words("he said on condition of anonymity that it failed");
        assert!(!anonymity_aside(&w, &g((1, 6))));
        let w = words("she authorized the deletion");
        assert!(!anonymity_aside(&w, &g((1, 2))));
    }

    #[test]
    fn a_phrase_before_that_is_not_content() {
        let w = words("It said in a filing with the SEC that revenue fell .");
        assert_eq!(that_after_phrase(&w, 2, span(2, 11, Role::Content)), 8);
        // The content may start inside the phrase.
        assert_eq!(that_after_phrase(&w, 5, span(6, 11, Role::Content)), 8);
        // A comma before "that" ends the search.
        let w = words("It said in short , that revenue fell .");
        assert_eq!(that_after_phrase(&w, 2, span(2, 8, Role::Content)), 2);
        // "to" is not such a phrase ("agreed to clean up the land that …").
        let w = words("It agreed to clean the land that was ravaged .");
        assert_eq!(that_after_phrase(&w, 2, span(2, 9, Role::Content)), 2);
    }

    #[test]
    fn a_subject_left_out_of_a_content_joins_it() {
        let w = words("Prosecutors said Van Dam , 61 , had steered contracts .");
        let mut g = Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(1, 2, Role::Cue),
            content: vec![span(7, 10, Role::Content)],
        };
        subject_of_content(&w, &mut g, &|t| !(2..7).contains(&t));
        assert_eq!(g.content, [span(2, 10, Role::Content)]);
        // A time phrase is no subject.
        let w = words("Officials said on Tuesday had been a hard day .");
        let mut g = Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(1, 2, Role::Cue),
            content: vec![span(4, 9, Role::Content)],
        };
        subject_of_content(&w, &mut g, &|t| !(2..4).contains(&t));
        assert_eq!(g.content, [span(4, 9, Role::Content)]);
    }
}
