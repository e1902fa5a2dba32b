//! Whole reports read from the shape of a sentence around what the tagger
//! found: a trailing report that nests another attribution ("…, told
//! investigators …, public broadcaster NHK reported"), a reporting verb
//! after a comma before a name ("…, noted Dr. Ben Howard of …"), cues
//! that report nothing ("Real Madrid signed England midfielder …"), and a
//! plea ("pleaded guilty to …").

use super::clauses::{inverted_cue, lower_at, trailing_report};
use super::{role_span, Group};
use crate::annotation::Role;
use std::ops::Range;

/// "The plane's captain, …, told investigators [he had received permission
/// …], public broadcaster NHK reported, citing police.": a [`trailing_report`]
/// (a ", citing …" or ", quoting …" after its verb allowed) that the tagger
/// read as the end of another attribution's content. That content stops at
/// the comma before the report, and the report takes the sentence before
/// it, the other attribution nested inside; with nothing of another
/// attribution reaching the report, it nests the sentence whole. Only where
/// that other attribution has a source; without one, [`trailing_report`]
/// replaces it.
pub(super) fn nested_report(words: &[&str], sentence: Range<usize>, groups: &mut Vec<Group>) {
    let tail = (sentence.end.saturating_sub(8).max(sentence.start)..sentence.end).find(|&t| {
        words[t] == ","
            && words.get(t + 1).is_some_and(|w| {
                w.eq_ignore_ascii_case("citing") || w.eq_ignore_ascii_case("quoting")
            })
    });
    let Some(g) = trailing_report(words, sentence.start..tail.unwrap_or(sentence.end)) else {
        return;
    };
    let comma = g.content[0].end;
    let report = g.source.map_or(g.cue.start, |s| s.start)..g.cue.end;
    if groups
        .iter()
        .any(|h| h.cue.end > report.start && h.cue.start < report.end)
    {
        return;
    }
    // Nested whole, with no content to cut ("…, voted for a cut, minutes of
    // the meeting showed."), when nothing of another attribution reaches the
    // report.
    let mut cut = !groups.iter().any(|h| {
        h.source
            .is_some_and(|s| s.end > comma && s.start < report.end)
            || h.content
                .iter()
                .any(|c| c.end > comma && c.start < report.end)
    }) && groups
        .iter()
        .any(|h| (sentence.start..comma).contains(&h.cue.start) && h.source.is_some());
    for h in groups.iter_mut() {
        let inside = (sentence.start..comma).contains(&h.cue.start) && h.source.is_some();
        if inside
            && h.content
                .iter()
                .any(|c| c.end > report.start && c.start < comma)
        {
            h.content.retain(|c| c.start < comma);
            for c in h.content.iter_mut().filter(|c| c.end > comma) {
                c.end = comma;
            }
            cut = true;
        }
    }
    if cut {
        groups.push(g);
    }
}

/// "[The trial did not include people without heart disease], noted [Dr. Ben
/// Howard of the Heart Foundation], so it is not clear …": a reporting verb
/// after a comma, with no source, whose content opens with a name (not a
/// pronoun) has the name, to the next comma or the sentence's end (at most
/// [`INVERTED_NAME`] words), as its source, and the sentence before the
/// comma as its content. Whether it changed `g`.
pub(super) fn inverted_name(words: &[&str], sentence: Range<usize>, g: &mut Group) -> bool {
    let cue = g.cue;
    let Some(c) = inverted_cue(words, &sentence, g) else {
        return false;
    };
    let shape = words[c.start].starts_with(char::is_uppercase)
        && !matches!(
            words[c.start].to_lowercase().as_str(),
            "i" | "he" | "she" | "it" | "they" | "we" | "the" | "a" | "an"
        );
    let end = (c.start..c.end).find(|&t| words[t] == ",").unwrap_or(c.end);
    if !shape || end - c.start > INVERTED_NAME {
        return false;
    }
    let first = super::sources::after_dateline(words, sentence.start, cue.start);
    g.source = Some(role_span(c.start, end, Role::Source));
    g.content = vec![role_span(first, cue.start - 1, Role::Content)];
    true
}

/// Verbs of force done to people, which report nothing ([`not_reports`]).
#[rustfmt::skip]
const FORCE: &[&str] = &[
    "detained", "arrested", "killed", "raided", "shot", "jailed", "injured", "wounded",
    "evacuated", "rescued", "stabbed", "bombed", "detains", "arrests", "kills",
];

/// The most words of the name [`inverted_name`] reads.
const INVERTED_NAME: usize = 10;

/// Cues that report nothing: "[Real Madrid] [signed] England midfielder
/// Jude Bellingham" (PolNeAR's "signed" signs a bill, a letter, an order:
/// train: 10 of 65), and a noun phrase ending in "known" ("the first
/// sitting president known [to have done so]"), ", making it …" after a
/// comma, and verbs of force ("detained"). Their content is emptied, so the
/// group goes.
pub(super) fn not_reports(words: &[&str], groups: &mut [Group]) {
    for g in groups.iter_mut() {
        let cue = &words[g.cue.start..g.cue.end];
        let signed = matches!(cue, [w] if w.eq_ignore_ascii_case("signed") || w.eq_ignore_ascii_case("signs"));
        let document = g.content.first().is_some_and(|c| {
            (c.start..(c.start + 5).min(c.end)).any(|t| {
                let w = lower_at(words, t);
                SIGNED_THINGS.contains(&w.as_str())
                    || w.strip_suffix('s')
                        .is_some_and(|one| SIGNED_THINGS.contains(&one))
            })
        });
        let known = cue.len() >= 2
            && cue.last().is_some_and(|w| w.eq_ignore_ascii_case("known"))
            && ["the", "a", "an"]
                .iter()
                .any(|d| cue[0].eq_ignore_ascii_case(d));
        // "…, officials said, [making] it the largest outbreak in …": the
        // writer's consequence (PolNeAR train: ", making" is a cue 2 times
        // in 20, both "making it clear").
        let making = matches!(cue, ["making"])
            && g.cue.start > 0
            && words[g.cue.start - 1] == ","
            && !words[g.cue.end..(g.cue.end + 3).min(words.len())].contains(&"clear");
        // "[Turkish police] [detained] [Istanbul's mayor]": force done to
        // people, not words (PolNeAR: no such cue is gold).
        let force = matches!(cue, [w] if FORCE.contains(&w.to_lowercase().as_str()));
        if (signed && !document) || known || making || force || armed(words, g) {
            g.content.clear();
        }
    }
}

/// "The Houthis, who have [attacked] [ships in the Red Sea]", "[fired]
/// [rockets] into northern Israel": an armed attack, not a verbal one
/// (PolNeAR's "attacked Clinton for …", "fired back at Christie"), by what
/// it hits in the first words of its content ([`not_reports`]).
fn armed(words: &[&str], g: &Group) -> bool {
    #[rustfmt::skip]
    const VERBS: &[&str] = &[
        "attack", "attacks", "attacked", "attacking", "fire", "fires", "fired", "firing",
        "strike", "strikes", "struck", "striking", "shelled", "shelling", "bombed", "bombing",
        "targeted", "targeting", "launched", "launching", "hit", "hits",
    ];
    #[rustfmt::skip]
    const TARGETS: &[&str] = &[
        "ship", "vessel", "tanker", "base", "position", "convoy", "target", "rocket", "missile",
        "drone", "shell", "shot", "round", "bullet", "village", "hospital", "port", "airport",
        "troop", "soldier", "civilian", "tank", "vehicle", "building", "infrastructure",
        "facility", "facilitie", "plant", "warship", "aircraft", "jet", "boat",
    ];
    let verb = words[g.cue.start..g.cue.end]
        .last()
        .is_some_and(|w| VERBS.contains(&w.to_lowercase().as_str()));
    verb && g.content.first().is_some_and(|c| {
        (c.start..(c.start + 4).min(c.end)).any(|t| {
            let w = lower_at(words, t);
            TARGETS.contains(&w.as_str())
                || w.strip_suffix('s')
                    .is_some_and(|one| TARGETS.contains(&one))
        })
    })
}

/// "[Passengers] were warned to expect …", "Staff were told the layoffs
/// …": the subject of a passive verb of telling is who was told, not who
/// told (PolNeAR: none of the 35 such cues has its source before the cue;
/// train: 21 such sources found, none right). The source goes, and so does
/// a short content piece (a subject's length) that ends at the cue.
pub(super) fn passive_addressee(words: &[&str], g: &mut Group) {
    let lower = |t: usize| words[t].to_lowercase();
    let last = g.cue.end - 1;
    let told = matches!(
        lower(last).as_str(),
        "told"
            | "warned"
            | "informed"
            | "advised"
            | "urged"
            | "asked"
            | "reminded"
            | "instructed"
            | "ordered"
    );
    let helper = (g.cue.start..last).any(|t| {
        matches!(
            lower(t).as_str(),
            "was" | "were" | "been" | "being" | "is" | "are" | "be" | "get" | "got"
        )
    });
    if !(told && helper) {
        return;
    }
    if g.source.is_some_and(|s| s.end <= g.cue.start) {
        g.source = None;
    }
    if g.content.iter().any(|c| c.start >= g.cue.end) {
        g.content
            .retain(|c| c.end != g.cue.start || c.end - c.start > super::sources::SUBJECT_TOKENS);
    }
}

/// "[Two contractors] [pleaded guilty] [to bribery]": a plea's cue holds
/// "guilty", and its content is what follows "to" (PolNeAR train: 6 of the 7
/// "pleaded guilty" are cues, each so). With no "to" ("pleaded guilty last
/// year and …") nothing was pleaded to, so the content is emptied and the
/// group goes. "Pleaded not guilty" stays as PolNeAR marks it ("[has
/// pleaded] [not guilty]").
pub(super) fn plea(words: &[&str], groups: &mut [Group]) {
    let pleaded = |t: usize| {
        matches!(
            lower_at(words, t).as_str(),
            "pleaded" | "pleads" | "plead" | "pled"
        )
    };
    for g in groups.iter_mut() {
        let Some(c) = g.content.first().copied() else {
            continue;
        };
        // The tagger's "[pleaded guilty to] [bribery]": "to" opens the content.
        let n = g.cue.end - g.cue.start;
        if n >= 3
            && c.start == g.cue.end
            && words[g.cue.end - 1].eq_ignore_ascii_case("to")
            && words[g.cue.end - 2].eq_ignore_ascii_case("guilty")
            && pleaded(g.cue.end - 3)
        {
            g.cue.end -= 1;
            g.content[0].start -= 1;
            continue;
        }
        if !pleaded(g.cue.end - 1)
            || c.start != g.cue.end
            || !words[c.start].eq_ignore_ascii_case("guilty")
        {
            continue;
        }
        g.cue.end += 1;
        g.content = if c.end > c.start + 2 && words[c.start + 1].eq_ignore_ascii_case("to") {
            vec![role_span(c.start + 1, c.end, Role::Content)]
        } else {
            Vec::new()
        };
    }
}

/// "It was reported last week that …": an "it" with no referent is no
/// source, and its auxiliary belongs to the cue ("[was reported]", as
/// PolNeAR marks "it was said", "It is expected": no source, the cue from
/// the auxiliary).
pub(super) fn expletive_it(words: &[&str], groups: &mut [Group]) {
    for g in groups.iter_mut() {
        let Some(s) = g.source.filter(|s| s.end == g.cue.start) else {
            continue;
        };
        let aux = |t: usize| matches!(lower_at(words, t).as_str(), "is" | "was" | "has" | "been");
        let it = words[s.start].eq_ignore_ascii_case("it") && (s.start + 1..s.end).all(aux);
        // A passive: "is", "was" or "been" right before a last word in -ed
        // ("it has shown" and "it is steering clear of" are not).
        let last = g.cue.end - 1;
        let passive = last > s.start + 1
            && matches!(lower_at(words, last - 1).as_str(), "is" | "was" | "been")
            && (words[last].ends_with("ed")
                || matches!(lower_at(words, last).as_str(), "said" | "known" | "thought"))
            && (s.start + 1..last).all(aux);
        if it && passive {
            g.cue.start = s.start + 1;
            g.source = None;
        }
    }
}

/// What one signs in PolNeAR's attributions ([`not_reports`]).
#[rustfmt::skip]
const SIGNED_THINGS: &[&str] = &[
    "bill", "law", "act", "letter", "agreement", "order", "memo", "pledge", "petition", "deal",
    "treaty", "statement", "declaration", "legislation", "measure", "document", "paperwork",
    "executive", "accord", "resolution", "proclamation", "amendment", "budget", "note", "op-ed",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn group(words: &[&str], source: (usize, usize), cue: usize, content: (usize, usize)) -> Group {
        assert!(content.1 <= words.len());
        Group {
            source: Some(role_span(source.0, source.1, Role::Source)),
            cue: role_span(cue, cue + 1, Role::Cue),
            content: vec![role_span(content.0, content.1, Role::Content)],
        }
    }

    #[test]
    fn an_armed_attack_reports_nothing_and_a_verbal_one_does() {
        let ships: Vec<&str> = "The Houthis have attacked ships in the Red Sea ."
            .split(' ')
            .collect();
        let mut groups = vec![group(&ships, (0, 2), 3, (4, 9))];
        not_reports(&ships, &mut groups);
        assert!(groups[0].content.is_empty());
        let rival: Vec<&str> = "Trump attacked Clinton for her emails ."
            .split(' ')
            .collect();
        let mut groups = vec![group(&rival, (0, 1), 1, (2, 6))];
        not_reports(&rival, &mut groups);
        assert!(!groups[0].content.is_empty());
    }

    #[test]
    fn signing_a_document_reports_and_signing_a_player_does_not() {
        let bill: Vec<&str> = "The governor signed a bill that caps rents ."
            .split(' ')
            .collect();
        let player: Vec<&str> = "Real Madrid signed England midfielder Jude Bellingham ."
            .split(' ')
            .collect();
        let mut groups = vec![group(&bill, (0, 2), 2, (3, 8))];
        not_reports(&bill, &mut groups);
        assert_eq!(groups[0].content.len(), 1);
        let mut groups = vec![group(&player, (0, 2), 2, (3, 7))];
        not_reports(&player, &mut groups);
        assert!(groups[0].content.is_empty());
    }

    #[test]
    fn a_trailing_report_nests_the_attribution_whose_content_ran_into_it() {
        let words: Vec<&str> =
            "The captain told investigators he had permission , public broadcaster NHK reported , citing police ."
                .split(' ')
                .collect();
        // The tagger's reading: the captain's content runs to the end.
        let mut groups = vec![group(&words, (0, 2), 2, (4, 15))];
        nested_report(&words, 0..words.len(), &mut groups);
        assert_eq!(groups.len(), 2);
        assert_eq!(
            (groups[0].content[0].start, groups[0].content[0].end),
            (4, 7)
        );
        let nhk = &groups[1];
        assert_eq!(nhk.source.map(|s| (s.start, s.end)), Some((8, 11)));
        assert_eq!((nhk.cue.start, nhk.cue.end), (11, 12));
        assert_eq!((nhk.content[0].start, nhk.content[0].end), (0, 7));
    }
}
