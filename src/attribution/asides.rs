//! Asides: a source and a verb of saying set off by commas inside the
//! sentence they report ("Climate change, Mr. Obama often says, is …",
//! "She switched to teaching, she once told a local newspaper, because …"),
//! read in sentences where the tagger found nothing; and the participles of
//! saying that follow a report ("…, saying …", "…, adding …").

use super::shapes::PUNCT_STOPS;
use super::{role_span, Group};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;

/// Verbs of saying that stand between commas inside the sentence they
/// report ([`parenthetical_clause`]).
#[rustfmt::skip]
pub(super) const ASIDE_VERBS: &[&str] = &[
    "said", "says", "added", "adds", "argued", "argues", "noted", "notes", "explained", "insisted",
    "warned", "wrote", "writes", "recalled", "acknowledged", "conceded", "suggested", "contended",
    "claimed", "claims", "predicted", "stressed", "continued", "believes", "thinks", "say", "told",
    "explains", "recalls", "insists", "warns", "acknowledges", "concedes", "suggests", "stresses",
    "predicts",
];

/// Pronouns that may be the whole subject of an aside ("…, he said, …").
pub(super) const ASIDE_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];

/// The most words of the subject of an aside.
pub(super) const ASIDE_SUBJECT: usize = 4;

/// In a sentence where the tagger found nothing, a short subject and a verb
/// of saying set off by commas inside it ("Lenox was a juggernaut, Mr.
/// Clarke said, until it went bankrupt in 1999."): the subject is the
/// source, the verb the cue, and the words before and after the aside the
/// two pieces of the content. `sentence`: its tokens without the final mark.
pub(super) fn parenthetical_clause(
    words: &[&str],
    sentence: std::ops::Range<usize>,
) -> Option<Group> {
    let (start, end) = (sentence.start, sentence.end);
    for c in start + 2..end.saturating_sub(4) {
        if words[c] != "," {
            continue;
        }
        // The aside's closing comma: right after the verb, or after the
        // person told ("she once told [a local newspaper],").
        let closing = |v: usize| {
            if words[v + 1] == "," {
                return Some(v + 1);
            }
            let told = matches!(words[v].to_lowercase().as_str(), "told" | "tells");
            (v + 2..=(v + 5).min(end.saturating_sub(3)))
                .find(|&k| words[k] == ",")
                .filter(|&k| {
                    told && words[v + 1..k]
                        .iter()
                        .all(|w| w.chars().all(char::is_alphabetic))
                })
        };
        let verb = (c + 2..=(c + ASIDE_SUBJECT).min(end - 3)).find_map(|v| {
            ASIDE_VERBS
                .contains(&words[v].to_lowercase().as_str())
                .then(|| closing(v).map(|k| (v, k)))
                .flatten()
        });
        let Some((v, k)) = verb else { continue };
        // An adverb before the verb belongs to the cue ("she [once told]").
        let cue_start =
            if v > c + 2 && matches!(words[v - 1], "once" | "later" | "also" | "then" | "often") {
                v - 1
            } else {
                v
            };
        let subject = &words[c + 1..cue_start];
        let first = subject[0];
        let named = subject.iter().all(|w| w.chars().any(char::is_alphanumeric))
            && (first.chars().next().is_some_and(char::is_uppercase)
                || (subject.len() == 1 && ASIDE_PRONOUNS.contains(&first.to_lowercase().as_str())));
        let clean = |r: std::ops::Range<usize>| {
            !words[r]
                .iter()
                .any(|w| PUNCT_STOPS.contains(w) && *w != ",")
        };
        // After the aside, a quotation may open and run to the sentence's
        // end ("…, she once told a local newspaper, because "the lab was too
        // quiet."").
        let quoted_tail = |r: std::ops::Range<usize>| {
            let quote = r.clone().find(|&t| matches!(words[t], "\"" | "“"));
            quote.is_some_and(|q| q > r.start && clean(r.start..q))
        };
        let tail = k + 1..end;
        if named
            && clean(start..c)
            && (clean(tail.clone()) || quoted_tail(tail))
            && !words[c + 1..v].contains(&",")
        {
            return Some(Group {
                source: Some(role_span(c + 1, cue_start, Role::Source)),
                cue: role_span(cue_start, v + 1, Role::Cue),
                content: vec![
                    role_span(start, c, Role::Content),
                    role_span(k + 1, quote_closed(words, k + 1, end), Role::Content),
                ],
            });
        }
    }
    None
}

/// The end of a piece `start..end` that opens a quotation and leaves it
/// open: past the sentence's final mark and the closing quotation mark when
/// they follow ("because "the lab was too quiet[."]"); else `end`.
fn quote_closed(words: &[&str], start: usize, end: usize) -> usize {
    let opened = words[start..end]
        .iter()
        .filter(|w| matches!(**w, "\"" | "“" | "”"))
        .count()
        % 2
        == 1;
    let closes = matches!(words.get(end).copied(), Some("." | "!" | "?"))
        && matches!(words.get(end + 1).copied(), Some("\"" | "”"));
    if opened && closes {
        end + 2
    } else {
        end
    }
}

/// "Badenoch accused the government of "chaos and confusion," saying
/// ministers had …": a participle of saying after a comma and a closing
/// quotation mark inside a content the tagger ran on is a cue of its own,
/// with the same source and the words after it as content; the content
/// before ends with the quotation mark (PolNeAR train: the 4 such
/// participles inside a found content are all gold cues).
pub(super) fn participle_after_quotation(words: &[&str], groups: &mut Vec<Group>) {
    let cues: Vec<usize> = groups.iter().map(|g| g.cue.start).collect();
    let mut added = Vec::new();
    for g in groups.iter_mut() {
        let Some(c) = g.content.last_mut().filter(|c| c.start >= g.cue.end) else {
            continue;
        };
        // With words after the participle, and not a cue already.
        let found = (c.start + 1..c.end.saturating_sub(3)).find(|&t| {
            words[t] == ","
                && matches!(words[t + 1], "\"" | "”" | "''")
                && PARTICIPLES.contains(&words[t + 2])
                && !cues.contains(&(t + 2))
        });
        if let Some(comma) = found {
            let verb = comma + 2;
            added.push(Group {
                source: g.source,
                cue: role_span(verb, verb + 1, Role::Cue),
                content: vec![role_span(verb + 1, c.end, Role::Content)],
            });
            c.end = comma + 2;
        }
    }
    super::insert_by_cue(groups, added);
}

/// Participles that report what follows them ("…, adding that …").
pub(super) const PARTICIPLES: &[&str] = &[
    "adding",
    "saying",
    "noting",
    "arguing",
    "claiming",
    "warning",
    "insisting",
    "stressing",
    "explaining",
    "citing",
    "accusing",
    "urging",
    "calling",
    "describing",
    "suggesting",
];

/// "Starmer hailed [the agreement as "a new era"], telling a news
/// conference in London [that it would cut red tape …]": a participle of
/// saying after a comma, between two content pieces of one cue, is a cue of
/// its own with the same source and the pieces after it (the person told
/// stays outside; PolNeAR train: the one such participle is a gold cue).
pub(super) fn participle_between_pieces(words: &[&str], groups: &mut Vec<Group>) {
    let cues: Vec<usize> = groups.iter().map(|g| g.cue.start).collect();
    let mut added = Vec::new();
    for g in groups.iter_mut() {
        let split = g.content.windows(2).position(|p| {
            let (x, y) = (p[0], p[1]);
            let gap = x.end..y.start;
            x.start >= g.cue.end
                && gap.len() >= 2
                && words[x.end] == ","
                && (PARTICIPLES.contains(&words[x.end + 1]) || words[x.end + 1] == "telling")
                && !cues.contains(&(x.end + 1))
                && !words[x.end + 2..y.start]
                    .iter()
                    .any(|w| matches!(*w, "," | "\"" | "“" | "”"))
        });
        if let Some(k) = split {
            let verb = g.content[k].end + 1;
            let rest = g.content.split_off(k + 1);
            added.push(Group {
                source: g.source,
                cue: role_span(verb, verb + 1, Role::Cue),
                content: rest,
            });
        }
    }
    super::insert_by_cue(groups, added);
}

/// "The company that makes the drug, Sage Therapeutics, said it expects …"
/// tagged with the subject as a first content piece and the name as the
/// source: the subject, from its sentence's start, and the name set off by
/// commas right before the cue are one source, as PolNeAR marks such
/// subjects with their apposition ("The bank's governor, Andrew Bailey,").
/// Only when the group keeps a content piece after its cue.
pub(super) fn subject_before_apposition(words: &[&str], sentence_start: usize, g: &mut Group) {
    let (Some(source), Some(first)) = (g.source, g.content.first().copied()) else {
        return;
    };
    // A noun phrase, not an opening phrase ("Just last week, J.J. Goldberg,
    // editor at large of …, said", where PolNeAR keeps the phrase a piece of
    // the content).
    let noun_phrase = matches!(
        words[first.start].to_lowercase().as_str(),
        "the" | "a" | "an"
    ) && !words[first.start..first.end].contains(&",");
    let opening = super::sources::after_dateline(words, sentence_start, source.start);
    let apposition = noun_phrase
        && (first.start == sentence_start || first.start == opening)
        && first.end + 1 == source.start
        && words[first.end] == ","
        && source.end == g.cue.start
        && source.end > source.start + 1
        && words[source.end - 1] == ","
        && words[source.start].starts_with(|c: char| c.is_uppercase());
    if apposition && g.content[1..].iter().any(|c| c.start >= g.cue.end) {
        g.source = Some(role_span(first.start, source.end, Role::Source));
        g.content.remove(0);
    }
}

/// "Captain Jacob Trouba, who has been criticized by fans [for his
/// defensive play], said …": a source whose relative clause ("…, who …")
/// the tagger closed early takes the piece of content between it and the
/// comma before its cue, and that comma, when the group keeps a content
/// piece after its cue.
pub(super) fn relative_clause_source(words: &[&str], g: &mut Group) {
    let Some(source) = g.source.filter(|s| s.end < g.cue.start) else {
        return;
    };
    let Some(i) = g.content.iter().position(|c| c.start == source.end) else {
        return;
    };
    let piece = g.content[i];
    let open_clause = (source.start + 1..source.end).any(|t| {
        words[t - 1] == ","
            && matches!(words[t].to_lowercase().as_str(), "who" | "which")
            && !words[t..source.end].contains(&",")
    });
    let closes = piece.end + 1 == g.cue.start
        && words[piece.end] == ","
        && !words[piece.start..piece.end]
            .iter()
            .any(|w| PUNCT_STOPS.contains(w));
    let after = g.content.iter().any(|c| c.start >= g.cue.end);
    if open_clause && closes && after {
        g.source = Some(role_span(source.start, piece.end + 1, Role::Source));
        g.content.remove(i);
    }
}

/// "Tran's lawyer, Maria Gonzalez, had asked for five years, arguing
/// that …": the subject of a sentence that opens with a short subject and a
/// name set off by commas, then a past tense ("had asked", "argued"), is
/// the source of a participle cue after a comma later in it (with the
/// closing comma, as PolNeAR marks such sources). None of its words may be
/// `taken`.
pub(super) fn apposed_subject(
    words: &[&str],
    sentence_start: usize,
    cue: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> Option<TokenSpan> {
    if !super::subjects::participle_after_comma(words, cue, sentence_start + 6) {
        return None;
    }
    let start = super::sources::after_dateline(words, sentence_start, cue.start);
    let comma = (start + 1..cue.start).find(|&t| words[t] == ",")?;
    let close = (comma + 1..cue.start).find(|&t| words[t] == ",")?;
    let name = comma + 1..close;
    let named = (1..=4).contains(&name.len())
        && name
            .clone()
            .all(|t| words[t].starts_with(char::is_uppercase));
    let verb = words.get(close + 1)?.to_lowercase();
    let past = verb.ends_with("ed")
        || (matches!(verb.as_str(), "had" | "has" | "have")
            && words.get(close + 2).is_some_and(|w| w.ends_with("ed")));
    let subject = super::sources::short_subject(words, start..comma, taken);
    (named && past && subject && !(start..=close).any(taken))
        .then(|| role_span(start, close + 1, Role::Source))
}

/// "[Meta Platforms, Twitter and Microsoft] have also announced …": a source
/// that lists names with "and", right after a comma, takes the names before
/// that comma back to the start of its sentence (each a name in capitals,
/// the lists' commas between them, the first no preposition), none of them
/// `taken`.
pub(super) fn listed_source(
    words: &[&str],
    sentence_start: usize,
    source: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let name =
        |t: usize| words[t].starts_with(char::is_uppercase) || matches!(words[t], "&" | "of");
    let listing = source.start >= sentence_start + 2
        && words[source.start - 1] == ","
        && (source.start..source.end).any(|t| words[t] == "and")
        && (source.start..source.end).all(|t| name(t) || matches!(words[t], "and" | ","));
    if !listing {
        return source;
    }
    let start = super::sources::after_dateline(words, sentence_start, source.start);
    let before = start..source.start - 1;
    let names_only = !before.is_empty()
        && before.len() <= LISTED_NAMES
        && name(start)
        // "On Sunday, Mr. Rubio and …", "In May, Xi and Putin": an opening phrase.
        && !super::shapes::is_small_word(&words[start].to_lowercase())
        && before.clone().all(|t| (name(t) || words[t] == ",") && !taken(t))
        && words[source.start - 2] != ",";
    if names_only {
        TokenSpan { start, ..source }
    } else {
        source
    }
}

/// "[Justice Elena Kagan], in a dissent joined by [Justices Sonia Sotomayor
/// and Ketanji Brown Jackson], warned …": a source that ends an aside set off
/// by commas right before its cue, the aside opening with a preposition and
/// naming the source after "by" (or "led by", "joined by" …), is the agent
/// of the aside's noun or participle; the
/// sentence's short subject before the aside speaks. None of its words may
/// be `taken`.
pub(super) fn subject_before_aside(
    words: &[&str],
    sentence_start: usize,
    source: TokenSpan,
    cue: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let by = source.start >= 1 && words[source.start - 1] == "by";
    // The source may hold the aside's closing comma.
    let closes = (cue.start == source.end + 1 && words[source.end] == ",")
        || (cue.start == source.end && words[source.end - 1] == ",");
    if !by || !closes {
        return source;
    }
    let start = super::sources::after_dateline(words, sentence_start, source.start);
    let Some(comma) = (start..source.start).find(|&t| words[t] == ",") else {
        return source;
    };
    // Or a participle right before "by": "The researchers, led by Dr. Ding
    // Ding of the University of Sydney, said".
    let led = comma + 2 == source.start - 1
        && matches!(
            words[comma + 1],
            "led" | "headed" | "joined" | "accompanied" | "backed"
        );
    let preposition = led
        || matches!(
            words.get(comma + 1).map(|w| w.to_lowercase()).as_deref(),
            Some("in" | "with" | "at" | "during" | "after" | "through")
        );
    let aside_plain = !(comma + 1..source.start).any(|t| words[t] == ",");
    if preposition && aside_plain && super::sources::short_subject(words, start..comma, taken) {
        // A participle's aside stays in the source, as [`super::sources::relative_subject`]
        // keeps one ("The team, led by Ding Ding, said").
        TokenSpan {
            start,
            end: if led { source.end } else { comma },
            ..source
        }
    } else {
        source
    }
}

/// The most tokens [`listed_source`] takes before the comma.
const LISTED_NAMES: usize = 12;

/// "[Layoffs.fyi, a site that tracks job cuts,] estimates that …": a
/// relative clause that closes an apposition on the sentence's subject
/// right before the cue, which the tagger read as a content piece, belongs
/// to the source: with no source found, the source runs from the sentence's
/// start (a name) through the comma before the cue, and the piece goes.
pub(super) fn relative_in_apposition(words: &[&str], start: usize, g: &mut Group) {
    let cue = g.cue;
    let Some(k) = g.content.iter().position(|c| {
        c.end + 1 == cue.start
            && c.start > start + 2
            && words[c.end] == ","
            && matches!(
                words[c.start].to_lowercase().as_str(),
                "that" | "who" | "which"
            )
            && !super::features::is_cue_word(words[c.start - 1])
    }) else {
        return;
    };
    let piece = g.content[k];
    // "Name, a …": the first comma after the name opens an apposition.
    let apposition = (start + 1..piece.start - 1)
        .find(|&t| words[t] == ",")
        .is_some_and(|c| matches!(words[c + 1].to_lowercase().as_str(), "a" | "an" | "the"));
    let name = words[start].starts_with(char::is_uppercase);
    if g.source.is_none() && g.content.len() > 1 && apposition && name {
        g.content.remove(k);
        g.source = Some(role_span(start, cue.start, Role::Source));
    }
}

/// "[The warehouse's owner, who asked not to be named,] told the Gazette
/// [the building had been empty for a year]": an aside that asks for
/// anonymity ("who asked not to be named", "who declined to be
/// identified") reports nothing. The tagger's spans inside it go, and the
/// next cue, when it follows the aside's closing comma, gets the subject
/// and the aside as its source (when no role holds the subject).
pub(super) fn anonymity_aside(words: &[&str], spans: &mut Vec<(TokenSpan, Role)>) {
    let lower = |t: usize| words.get(t).map_or(String::new(), |w| w.to_lowercase());
    let Some(who) = (1..words.len()).find(|&t| {
        words[t - 1] == ","
            && lower(t) == "who"
            && matches!(lower(t + 1).as_str(), "asked" | "declined" | "requested")
            && (t + 2..(t + 7).min(words.len()))
                .any(|k| matches!(lower(k).as_str(), "named" | "identified"))
    }) else {
        return;
    };
    let Some(close) = (who + 2..(who + 9).min(words.len())).find(|&t| words[t] == ",") else {
        return;
    };
    spans.retain(|(s, _)| !(s.start >= who && s.end <= close));
    let (starts, _) = crate::tokenize::sentence_bounds_closed(words);
    let first = starts[who];
    let cue_next = spans
        .iter()
        .any(|(s, r)| *r == Role::Cue && s.start == close + 1);
    let subject_free = !spans
        .iter()
        .any(|(s, _)| s.start < who - 1 && s.end > first);
    if cue_next && subject_free && who - 1 - first <= 6 && who - 1 > first {
        spans.push((role_span(first, close + 1, Role::Source), Role::Source));
        spans.sort_by_key(|(s, r)| (s.start, std::cmp::Reverse(s.end), *r));
    }
}

/// "The FDA said [the level of the impurity], [known] as NDMA, was above
/// the limit": "known as" in an aside between commas names a thing inside
/// the content around it and reports nothing of its own. Its cue goes, and
/// the content before the aside runs on over it, to the end of the next
/// content in the sentence or, with no span after the aside, to the
/// sentence's end. `spans` are the tagger's, in order.
pub(super) fn known_as_aside(words: &[&str], spans: &mut Vec<(TokenSpan, Role)>) {
    let mut i = 1;
    while i < spans.len() {
        let ((content, r0), (cue, r1)) = (spans[i - 1], spans[i]);
        let known = r1 == Role::Cue
            && cue.end == cue.start + 1
            && words[cue.start].eq_ignore_ascii_case("known")
            && words
                .get(cue.end)
                .is_some_and(|w| w.eq_ignore_ascii_case("as"))
            && cue.start >= 1
            && words[cue.start - 1] == ",";
        if !(known && r0 == Role::Content && content.end + 1 >= cue.start) {
            i += 1;
            continue;
        }
        // The aside closes at the next comma, within a few words.
        let Some(close) = (cue.end + 1..(cue.end + 8).min(words.len())).find(|&t| words[t] == ",")
        else {
            i += 1;
            continue;
        };
        let sentence_end = (close..words.len())
            .find(|&t| matches!(words[t], "." | "?" | "!"))
            .unwrap_or(words.len());
        let next = spans.get(i + 1).copied();
        let end = match next {
            Some((s, _)) if s.start < sentence_end && s.start <= close => {
                i += 1;
                continue;
            }
            Some((s, Role::Content)) if s.start < sentence_end && s.end <= sentence_end => {
                spans.remove(i + 1);
                s.end
            }
            Some((s, _)) if s.start < sentence_end => {
                i += 1;
                continue;
            }
            _ => sentence_end,
        };
        spans[i - 1].0.end = end;
        spans.remove(i);
    }
}

/// "The fire brigade said [more than 400 firefighters], backed by 35
/// aircraft, [were battling the blaze]": a participle's aside between commas
/// ("backed by …", "led by …") that the tagger left out of a content, cutting
/// it in two before the subject's verb, is inside it: the two contents and
/// the aside are one content. `spans` are the tagger's, in order.
pub(super) fn participle_inside_content(words: &[&str], spans: &mut Vec<(TokenSpan, Role)>) {
    let mut i = 1;
    while i < spans.len() {
        let ((a, r0), (b, r1)) = (spans[i - 1], spans[i]);
        let gap = a.end..b.start;
        let aside = r0 == Role::Content
            && r1 == Role::Content
            && gap.len() >= 3
            && gap.len() <= 10
            && words[a.end] == ","
            && words[b.start - 1] == ","
            && words[a.end + 1].len() > 3
            && words[a.end + 1].ends_with("ed")
            && words[a.end + 1].starts_with(|c: char| c.is_ascii_lowercase())
            && !words[a.end + 2..b.start - 1]
                .iter()
                .any(|w| matches!(*w, "," | ".") || super::features::is_quote_mark(w))
            && matches!(
                words[b.start],
                "was" | "were" | "is" | "are" | "has" | "have" | "had" | "will" | "would"
            );
        if aside {
            spans[i - 1].0.end = b.end;
            spans.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Whether a comma at `at` opens a participle clause of the writer's
/// ("…, the commission said on Tuesday, [dealing a setback to …]"): a
/// lower-case word in -ing after it that is no participle of saying
/// ("adding", "saying", "noting" report on their own).
pub(super) fn writers_participle(words: &[&str], at: usize) -> bool {
    words.get(at) == Some(&",")
        && words.get(at + 1).is_some_and(|w| {
            w.len() > 4
                && w.ends_with("ing")
                && w.starts_with(|c: char| c.is_lowercase())
                && !matches!(*w, "adding" | "saying" | "noting" | "according")
        })
}

/// "[Giorgia Meloni, who flew over the area by helicopter] on Tuesday
/// morning, said …": a source that ends inside its relative clause (", who
/// …" with no comma after it), whose clause goes on to the comma before
/// the cue, takes the rest of the clause and that comma, as PolNeAR marks
/// "John Smith, who runs the charity,": the tagger stopped early before a
/// time phrase or a long clause. No role of any group may hold a word of
/// the rest, and it holds no comma, quotation mark or bracket. (A source
/// that ends right before ", who …" is left: PolNeAR train marks the name
/// alone 10 times and the name with its clause 7 times there.)
pub(super) fn relative_clause_to_cue(words: &[&str], groups: &mut [Group]) {
    let relative = |t: usize| matches!(words[t].to_lowercase().as_str(), "who" | "which");
    for i in 0..groups.len() {
        let (cue, Some(source)) = (groups[i].cue, groups[i].source) else {
            continue;
        };
        if source.end + 1 >= cue.start || words[cue.start - 1] != "," {
            continue;
        }
        let gap = source.end..cue.start - 1;
        let open_inside = (source.start + 1..source.end)
            .any(|t| words[t - 1] == "," && relative(t) && !words[t..source.end].contains(&","));
        let plain = words[gap.clone()].iter().all(|w| !PUNCT_STOPS.contains(w));
        let free = !groups.iter().any(|g| {
            g.source
                .iter()
                .chain(std::iter::once(&g.cue))
                .chain(&g.content)
                .any(|r| r.start < gap.end && gap.start < r.end)
        });
        if open_inside && gap.len() <= 15 && plain && free {
            groups[i].source = Some(role_span(source.start, cue.start, Role::Source));
        }
    }
}

/// "[A 2025 survey by the New Jersey Education Association, the state's
/// largest teachers' union,] found that …": a source the tagger read as
/// only the name after "by" takes the short noun phrase that opens its
/// sentence before it (a determiner or a number first, at most three
/// words, none a participle or a verb of saying: "A study by", "A web
/// video by"; not "The question posed by", and not after "of": "The head
/// of" is PolNeAR's source as often as not), and an apposition between
/// its end and the comma before the cue.
pub(super) fn head_of_by_phrase(words: &[&str], sentence_start: usize, g: &mut Group) {
    // With no source, the name after an early "by", to a comma or the cue.
    let found = g.source.or_else(|| {
        let by = (sentence_start + 1..(sentence_start + 4).min(g.cue.start))
            .find(|&t| words[t].eq_ignore_ascii_case("by"))?;
        let end = (by + 1..g.cue.start)
            .find(|&t| words[t] == ",")
            .unwrap_or(g.cue.start);
        let name = (by + 1..end).all(|t| {
            words[t].starts_with(char::is_uppercase) || matches!(words[t], "the" | "of" | "and")
        });
        (name && (2..=9).contains(&(end - by))).then(|| role_span(by + 1, end, Role::Source))
    });
    let Some(source) = found.filter(|s| s.start >= sentence_start + 2 && s.end <= g.cue.start)
    else {
        return;
    };
    let by = source.start - 1;
    let head = sentence_start..by;
    let opens = matches!(
        words[sentence_start].to_lowercase().as_str(),
        "a" | "an" | "the" | "one" | "another"
    ) || words[sentence_start].starts_with(|c: char| c.is_ascii_digit());
    let plain = head.len() <= 3
        && head.clone().all(|t| {
            words[t].chars().all(|c| c.is_alphanumeric() || c == '-')
                && !words[t].ends_with("ed")
                && !super::features::is_cue_word(words[t])
        });
    let name = words[source.start].starts_with(char::is_uppercase)
        || words[source.start].eq_ignore_ascii_case("the");
    if !words[by].eq_ignore_ascii_case("by") || !opens || !plain || !name {
        return;
    }
    // The apposition: ", …," right after the name, up to the cue.
    let end = if source.end < g.cue.start
        && words[source.end] == ","
        && words[g.cue.start - 1] == ","
        && g.cue.start - source.end <= 12
        && !words[source.end + 1..g.cue.start - 1]
            .iter()
            .any(|w| PUNCT_STOPS.contains(w))
    {
        g.cue.start
    } else {
        source.end
    };
    if g.content
        .iter()
        .any(|c| c.start < end && sentence_start < c.end)
    {
        return;
    }
    g.source = Some(role_span(sentence_start, end, Role::Source));
}

/// "In a survey of 1,200 teachers, [72% of teachers] said …": a source that
/// runs back over a phrase opening its sentence with a preposition starts
/// after the comma that closes that phrase (PolNeAR's sources never hold
/// such a phrase; the source PolNeAR gives after it is a poll as often as
/// the share of voters in it).
pub(super) fn past_fronted_phrase(
    words: &[&str],
    sentence_start: usize,
    s: TokenSpan,
) -> TokenSpan {
    const OPENERS: &[&str] = &[
        "In", "Among", "After", "During", "At", "On", "For", "With", "From", "Under", "Before",
        "Since", "Despite", "Unlike", "Like",
    ];
    if s.start != sentence_start + 1 || !OPENERS.contains(&words[sentence_start]) {
        return s;
    }
    match (s.start..s.end).find(|&t| words[t] == ",") {
        Some(comma) if comma + 1 < s.end => TokenSpan {
            start: comma + 1,
            ..s
        },
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn an_aside_may_name_the_person_told_and_open_a_quotation() {
        let w: Vec<&str> =
            "She switched to teaching , she once told a newspaper , because \" the lab was quiet . \""
                .split(' ')
                .collect();
        let g = parenthetical_clause(&w, 0..17).unwrap();
        assert_eq!(g.source.map(|s| (s.start, s.end)), Some((5, 6)));
        assert_eq!((g.cue.start, g.cue.end), (6, 8));
        let pieces: Vec<(usize, usize)> = g.content.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(pieces, [(0, 4), (11, 19)]);
    }

    #[test]
    fn an_aside_inside_the_sentence_it_reports() {
        let w = words("Lenox was a juggernaut , Mr. Clarke said , until it went bankrupt");
        let g = parenthetical_clause(&w, 0..w.len()).unwrap();
        let s = g.source.unwrap();
        assert_eq!((s.start, s.end, g.cue.start), (5, 7, 7));
        assert_eq!(
            g.content
                .iter()
                .map(|c| (c.start, c.end))
                .collect::<Vec<_>>(),
            [(0, 4), (9, w.len())]
        );
        let w = words("Prices will rise , he warned , unless rates fall");
        assert!(parenthetical_clause(&w, 0..w.len()).is_some());
        // A lower-case subject, a verb not of saying, or no second comma.
        for text in [
            "Prices will rise , the analysts said , unless rates fall",
            "Prices will rise , Mr. Clarke ate , unless rates fall",
            "Prices will rise , Mr. Clarke said unless rates fall",
        ] {
            let w = words(text);
            assert!(parenthetical_clause(&w, 0..w.len()).is_none(), "{text}");
        }
    }

    #[test]
    fn a_participle_after_a_closing_quotation_mark_is_a_cue_of_its_own() {
        let w = words("Ann accused them of \" chaos , \" saying plans changed twice .");
        let g = |end| Group {
            source: Some(role_span(0, 1, Role::Source)),
            cue: role_span(1, 2, Role::Cue),
            content: vec![role_span(2, end, Role::Content)],
        };
        let mut groups = vec![g(12)];
        participle_after_quotation(&w, &mut groups);
        let got: Vec<_> = groups
            .iter()
            .map(|g| {
                (
                    g.source.map(|s| s.start),
                    g.cue.start,
                    g.content[0].start,
                    g.content[0].end,
                )
            })
            .collect();
        assert_eq!(got, [(Some(0), 1, 2, 8), (Some(0), 8, 9, 12)]);
        // No quotation mark before the participle: as it was.
        let w = words("Ann accused them of chaos , then saying plans changed twice .");
        let mut groups = vec![g(12)];
        participle_after_quotation(&w, &mut groups);
        assert_eq!(groups.len(), 1);
    }

    #[test]
    fn a_participle_between_two_pieces_is_a_cue_of_its_own() {
        let span = |start, end, role: Role| role_span(start, end, role);
        let w =
            words("Starmer hailed the deal , telling a news conference that it would cut costs .");
        let mut groups = vec![Group {
            source: Some(span(0, 1, Role::Source)),
            cue: span(1, 2, Role::Cue),
            content: vec![span(2, 4, Role::Content), span(9, 14, Role::Content)],
        }];
        participle_between_pieces(&w, &mut groups);
        let got: Vec<_> = groups
            .iter()
            .map(|g| {
                (
                    g.source.map(|s| s.start),
                    g.cue.start,
                    g.content
                        .iter()
                        .map(|c| (c.start, c.end))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [(Some(0), 1, vec![(2, 4)]), (Some(0), 5, vec![(9, 14)])]
        );
    }

    #[test]
    fn a_source_starts_after_a_fronted_phrase() {
        let words: Vec<&str> =
            "In a survey of teachers , 72 % of teachers said phones disrupt lessons"
                .split(' ')
                .collect();
        let s = TokenSpan {
            start: 1,
            end: 10,
            label: crate::label::Label::Per,
        };
        assert_eq!(past_fronted_phrase(&words, 0, s).start, 6);
        // Not after another first word, nor with no comma to cut at.
        let mut other = words.clone();
        other[0] = "Then";
        assert_eq!(past_fronted_phrase(&other, 0, s).start, 1);
        assert_eq!(
            past_fronted_phrase(&words, 0, TokenSpan { end: 5, ..s }).start,
            1
        );
    }
}
