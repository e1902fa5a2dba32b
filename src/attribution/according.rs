//! "According to X, Y": the attribution news writes most often without a
//! verb of saying, in the shapes the tagger gets wrong: its content left
//! empty or cut short, its source run over the comma into the clause, and
//! a fronted clause before it ("Nearly six in 10 Americans say …, according
//! to a new poll, as …").

use super::{role_span, Group, RoleSlot};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;
use std::ops::Range;

/// Whether `cue` is the two words "according to" (any case).
pub(super) fn according_cue(words: &[&str], cue: TokenSpan) -> bool {
    cue.end == cue.start + 2
        && words[cue.start].eq_ignore_ascii_case("according")
        && words[cue.start + 1].eq_ignore_ascii_case("to")
}

/// The content of "According to the foreign ministry, the ambassador was
/// summoned." when the tagger found the cue and the source but no content:
/// the rest of the sentence after the comma that closes the source, when it
/// is at least two words and no role holds any of them. Returns the cue and
/// the content.
pub(super) fn according_content(
    words: &[&str],
    sentence: Range<usize>,
    cue: TokenSpan,
    source: Option<TokenSpan>,
    free: &impl Fn(Range<usize>) -> bool,
) -> Option<(TokenSpan, TokenSpan)> {
    let source = source.filter(|s| s.start == cue.end)?;
    let according = according_cue(words, cue);
    let rest = source.end + 1..sentence.end;
    (according
        && words.get(source.end) == Some(&",")
        && rest.len() >= 2
        && free(rest.clone())
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

/// "In 2014, [Ferguson had 115 violent crimes], according to FBI data.": a
/// content before "according to" that the tagger started after a comma
/// starts with its sentence (after any wire dateline) when no other
/// attribution holds the words before it. PolNeAR train: of 31 such
/// contents found, the gold content starts earlier in 19 and where found
/// in 4. The same for a content that ends at the comma before "according
/// to" and starts inside its clause ("Postpartum depression affects [an
/// estimated 400,000 people a year], according to the CDC."), with no
/// bracket, colon, dash or quotation mark before it (train: 7 more
/// contents right, none lost).
///
/// "[Nearly six in 10 Americans say …], according to a new poll, [as the
/// parties enter …]": a content the tagger took after the source, when a
/// clause of four words or more that no other attribution holds ends in the
/// comma before "according to" (another attribution may be nested in it),
/// is that clause (not one that opens with a
/// conjunction or holds a quotation). PolNeAR train: of 12 such contents,
/// the gold is the clause 5 times and what the tagger took once.
pub(super) fn according_fronted(words: &[&str], starts: &[usize], groups: &mut [Group]) {
    for i in 0..groups.len() {
        let g = &groups[i];
        let cue = g.cue;
        let according = according_cue(words, cue);
        let [content] = g.content[..] else { continue };
        if according && content.start >= cue.end && cue.start > 0 && words[cue.start - 1] == "," {
            let first = starts[cue.start];
            let first = super::sources::after_dateline(words, first, cue.start);
            let clause = first..cue.start - 1;
            let opens_or_ends = |t: usize| {
                matches!(
                    words[t].to_lowercase().as_str(),
                    "while"
                        | "although"
                        | "though"
                        | "because"
                        | "if"
                        | "when"
                        | "as"
                        | "after"
                        | "before"
                        | "since"
                        | "but"
                        | "and"
                        | "unless"
                        | "whereas"
                )
            };
            let quoted = clause
                .clone()
                .any(|t| super::features::is_quote_mark(words[t]));
            // Another attribution is outside the clause or nested in it.
            let free = groups.iter().enumerate().all(|(j, h)| {
                j == i
                    || h.spans().all(|s| s.end <= first || s.start >= cue.start)
                    || h.spans()
                        .all(|s| s.start >= clause.start && s.end <= clause.end)
            });
            // "One Sunday in late 2001, according to …, Fiorina sat": a time, not a clause.
            // ("Rents have climbed 38% since 2019, according to …" has a verb.)
            let dated = || {
                words[clause.end - 1].chars().all(|c| c.is_ascii_digit())
                    && !clause.clone().any(|t| {
                        let w = words[t].to_lowercase();
                        super::features::is_auxiliary(&w) || w.ends_with("ed")
                    })
            };
            if clause.len() >= 4
                && !dated()
                && !opens_or_ends(clause.start)
                && !opens_or_ends(clause.end - 1)
                && !quoted
                && free
            {
                groups[i].content[0] = role_span(clause.start, clause.end, Role::Content);
            }
            continue;
        }
        let before = content.end <= cue.start && content.start > 0;
        if !according || !before {
            continue;
        }
        let first = starts[content.start];
        let first = super::sources::after_dateline(words, first, content.start);
        // Started after a comma, or started inside its clause and ended at
        // the comma before "according to", with no mark of another clause
        // between the sentence's start and it.
        let after_comma = words[content.start - 1] == ",";
        let inside = content.end + 1 == cue.start
            && words[content.end] == ","
            && !words[first..content.start].iter().any(|w| {
                matches!(
                    *w,
                    "(" | ")" | ":" | "-" | "--" | "—" | "–" | "\"" | "“" | "”"
                )
            });
        let free = groups.iter().enumerate().all(|(j, h)| {
            j == i
                || h.spans()
                    .all(|s| s.end <= first || s.start >= content.start)
        });
        if (after_comma || inside) && first + 1 < content.start && free {
            groups[i].content[0].start = first;
        }
    }
}

/// "According to a report by the institute, sea levels have risen by about
/// 18 inches …" tagged as the cue "According to", a source that runs over
/// the comma into the clause ("a report by the institute , sea levels"), a
/// cue with no cue word ("have risen by about") and a content: the source
/// ends at its last comma, and the words after it, that cue and the content
/// become one content. `spans` are the tagger's, in order.
pub(super) fn according_overrun(words: &[&str], spans: &mut Vec<(TokenSpan, Role)>) {
    let mut i = 0;
    while i + 3 < spans.len() {
        let [(cue, r0), (source, r1), (verb, r2), (content, r3)] =
            [spans[i], spans[i + 1], spans[i + 2], spans[i + 3]];
        let according = r0 == Role::Cue && according_cue(words, cue);
        let shape = according
            && r1 == Role::Source
            && source.start == cue.end
            && r2 == Role::Cue
            && verb.start == source.end
            && r3 == Role::Content
            && content.start == verb.end
            && !(verb.start..verb.end).any(|t| super::features::is_cue_word(words[t]));
        let comma = (source.start + 1..source.end.saturating_sub(1))
            .rev()
            .find(|&t| words[t] == ",");
        if let (true, Some(comma)) = (shape, comma) {
            spans[i + 1].0.end = comma;
            spans[i + 2] = (
                TokenSpan {
                    start: comma + 1,
                    end: content.end,
                    label: Role::Content.slot(),
                },
                Role::Content,
            );
            spans.remove(i + 3);
        }
        i += 1;
    }
}

/// "[The developer supports a new bus route], according to [planning
/// documents].": a content tagged right after a closing "according to", with
/// a content of its own before the cue's comma and no source in between, is
/// the source when it ends the sentence ("planning" read as a verb had made
/// it a second content). `spans` are the tagger's, in order.
pub(super) fn according_trailing_source(words: &[&str], spans: &mut [(TokenSpan, Role)]) {
    for i in 2..spans.len() {
        let [(before, r0), (cue, r1), (after, r2)] = [spans[i - 2], spans[i - 1], spans[i]];
        let shape = r0 == Role::Content
            && r1 == Role::Cue
            && r2 == Role::Content
            && according_cue(words, cue)
            && after.start == cue.end
            && cue.start >= 1
            && words[cue.start - 1] == ","
            && (before.end == cue.start - 1 || before.end == cue.start);
        let closes = matches!(words.get(after.end).copied(), None | Some("."))
            && !(after.start..after.end)
                .any(|t| words[t] == "," || super::features::is_quote_mark(words[t]));
        if shape && closes && after.end - after.start <= super::sources::NAME_TOKENS {
            spans[i] = (
                super::role_span(after.start, after.end, Role::Source),
                Role::Source,
            );
        }
    }
}

/// "According to [the analytics site MoneyPuck, the Rangers] [now have a
/// 9% chance …]": a source of a fronted "According to" that the tagger ran
/// over the comma closing it into the clause's subject ends at its last
/// comma, and the words after the comma open the content right after them.
/// Not for a source that ends in its comma (PolNeAR's "Lorella Praeli,
/// Clinton's Latino vote director,"). PolNeAR train: one source and one
/// content more right, none lost; dev unchanged.
pub(super) fn according_source_overrun(words: &[&str], g: &mut Group) {
    let according = according_cue(words, g.cue);
    let Some(source) = g
        .source
        .filter(|s| according && s.start == g.cue.end && words[s.end - 1] != ",")
    else {
        return;
    };
    let Some(first) = g.content.first_mut().filter(|c| c.start == source.end) else {
        return;
    };
    let Some(comma) = (source.start + 1..source.end - 1)
        .rev()
        .find(|&t| words[t] == ",")
    else {
        return;
    };
    first.start = comma + 1;
    g.source = Some(super::role_span(source.start, comma, Role::Source));
}

/// "[Rents have climbed 38% since 2019], according to the statistics office,
/// [while wages have risen 17%]": a content piece after "according to" and
/// its source that opens a clause of contrast after a comma ("but",
/// "while", "whereas", or "who" on the source) is the writer's, not the
/// source's, when the content also has a piece before the cue. (After
/// "and", PolNeAR goes on: "…, according to the CBO, and the top 10 percent
/// paid …".)
pub(super) fn according_clause_after(words: &[&str], g: &mut Group) {
    if !according_cue(words, g.cue) || !g.content.iter().any(|c| c.end <= g.cue.start) {
        return;
    }
    let after = g.source.map_or(g.cue.end, |s| s.end.max(g.cue.end));
    let new_clause = |c: &TokenSpan| {
        let first = (after..c.start + 1)
            .find(|&t| words[t] != ",")
            .unwrap_or(c.start);
        c.start >= after
            && words.get(first.wrapping_sub(1)) == Some(&",")
            && matches!(
                words[first].to_lowercase().as_str(),
                "but" | "while" | "whereas" | "who"
            )
    };
    g.content.retain(|c| !new_clause(c));
}

/// "[The result was the third loss …], according to [a Reuters tally], and
/// [analysts] said …": a source the tagger gave the next cue, run back over
/// "and" (or "but") and a comma to an "according to" with no source of its
/// own, is split there: the words before the comma are the "according to"
/// source, the words after the conjunction the other cue's.
pub(super) fn according_source_split(words: &[&str], groups: &mut [Group]) {
    for i in 0..groups.len() {
        if groups[i].source.is_some() || !according_cue(words, groups[i].cue) {
            continue;
        }
        let cue_end = groups[i].cue.end;
        let Some(j) = groups.iter().position(|h| {
            h.source
                .is_some_and(|s| s.start == cue_end && s.end <= h.cue.start)
        }) else {
            continue;
        };
        let Some(s) = groups[j].source else { continue };
        let Some(comma) = (s.start + 1..s.end.saturating_sub(2)).find(|&t| {
            words[t] == "," && matches!(words[t + 1].to_lowercase().as_str(), "and" | "but")
        }) else {
            continue;
        };
        groups[i].source = Some(role_span(s.start, comma, Role::Source));
        groups[j].source = Some(role_span(comma + 2, s.end, Role::Source));
    }
}

/// "According to [internal documents seen by this newspaper], [officers
/// warned councillors that …]": a sentence that opens with "According to"
/// and a comma within [`ACCORDING_SOURCE`] words reports the rest of the
/// sentence, whatever the tagger made of it: it may have found nothing
/// there (when the clause holds a report of its own, which stays, nested),
/// or read the source as the content. Not when a cue lies in the source.
pub(super) fn according_opening(
    words: &[&str],
    starts: &[usize],
    ends: &[usize],
    groups: &mut Vec<Group>,
) {
    for s in (0..words.len().saturating_sub(5)).filter(|&t| starts[t] == t) {
        if !according_cue(words, role_span(s, s + 2, Role::Cue)) {
            continue;
        }
        let mut end = ends[s].min(words.len());
        if matches!(words[end - 1], "." | "!" | "?") {
            end -= 1;
        }
        let Some(comma) = (s + 3..end.min(s + 2 + ACCORDING_SOURCE)).find(|&t| words[t] == ",")
        else {
            continue;
        };
        if end < comma + 4 || groups.iter().any(|g| (s + 2..comma).contains(&g.cue.start)) {
            continue;
        }
        let source = role_span(s + 2, comma, Role::Source);
        let content = role_span(comma + 1, end, Role::Content);
        // A nested report's source run back over the comma into this one.
        for g in groups.iter_mut().filter(|g| g.cue.start != s) {
            let over = |i: &TokenSpan| i.start > s + 1 && i.start < comma && i.end > comma + 1;
            if let Some(inner) = g.source.as_mut().filter(|i| over(i)) {
                inner.start = comma + 1;
            }
        }
        match groups.iter_mut().find(|g| g.cue.start == s) {
            Some(g) if g.source.is_none() && g.content[..] == [source_as_content(source)] => {
                g.source = Some(source);
                g.content = vec![content];
            }
            Some(_) => {}
            None => groups.push(Group {
                source: Some(source),
                cue: role_span(s, s + 2, Role::Cue),
                content: vec![content],
            }),
        }
    }
}

/// The most words of an opening "According to …," source.
const ACCORDING_SOURCE: usize = 14;

fn source_as_content(s: TokenSpan) -> TokenSpan {
    role_span(s.start, s.end, Role::Content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn a_content_before_according_to_starts_with_its_sentence() {
        let span = |start, end, role: Role| TokenSpan {
            start,
            end,
            label: role.slot(),
        };
        let w = words("In 2014 , Ferguson had 115 crimes , according to FBI data .");
        let starts = vec![0; w.len()];
        let group = |content| Group {
            source: Some(span(10, 12, Role::Source)),
            cue: span(8, 10, Role::Cue),
            content: vec![content],
        };
        let mut groups = [group(span(3, 7, Role::Content))];
        according_fronted(&w, &starts, &mut groups);
        assert_eq!(groups[0].content[0].start, 0);
        // Started inside its clause and ended at the comma before
        // "according to": the same.
        let mut groups = [group(span(4, 7, Role::Content))];
        according_fronted(&w, &starts, &mut groups);
        assert_eq!(groups[0].content[0].start, 0);
        // Neither after a comma nor ending at the one before "according
        // to": as it was.
        let mut groups = [group(span(4, 6, Role::Content))];
        according_fronted(&w, &starts, &mut groups);
        assert_eq!(groups[0].content[0].start, 4);
        // A bracket before it: as it was.
        let b = words("In Iowa ( 93 percent were white , according to FBI data .");
        let bracketed = |content| Group {
            source: Some(span(10, 12, Role::Source)),
            cue: span(8, 10, Role::Cue),
            content: vec![content],
        };
        let mut groups = [bracketed(span(3, 7, Role::Content))];
        according_fronted(&b, &starts, &mut groups);
        assert_eq!(groups[0].content[0].start, 3);
        let b = words("In Iowa , 93 percent were white , according to FBI data .");
        let mut groups = [bracketed(span(3, 7, Role::Content))];
        according_fronted(&b, &starts, &mut groups);
        assert_eq!(groups[0].content[0].start, 0);
        // Another attribution holds the words before it: as it was.
        let other = Group {
            source: None,
            cue: span(1, 2, Role::Cue),
            content: vec![span(0, 1, Role::Content)],
        };
        let mut groups = [group(span(3, 7, Role::Content)), other];
        according_fronted(&w, &starts, &mut groups);
        assert_eq!(groups[0].content[0].start, 3);
    }

    #[test]
    fn a_clause_before_according_to_is_its_content() {
        let span = |start, end, role: Role| TokenSpan {
            start,
            end,
            label: role.slot(),
        };
        let w =
            words("Most voters say the country is lost , according to a poll , as parties meet .");
        let starts = vec![0; w.len()];
        let nested = Group {
            source: Some(span(0, 2, Role::Source)),
            cue: span(2, 3, Role::Cue),
            content: vec![span(3, 7, Role::Content)],
        };
        let group = |source_end| Group {
            source: Some(span(10, source_end, Role::Source)),
            cue: span(8, 10, Role::Cue),
            content: vec![span(source_end + 1, 16, Role::Content)],
        };
        let mut groups = [group(12), nested.clone()];
        according_fronted(&w, &starts, &mut groups);
        assert_eq!(
            (groups[0].content[0].start, groups[0].content[0].end),
            (0, 7)
        );
        assert_eq!(groups[0].content.len(), 1);
        // A clause that opens with a conjunction, or a time ("One Sunday in
        // late 2001 , according to …"): as it was.
        let w2 =
            words("While voters say the country is lost , according to a poll , parties meet .");
        let mut groups = [group(12)];
        groups[0].cue = span(8, 10, Role::Cue);
        according_fronted(&w2, &starts, &mut groups);
        assert_eq!(groups[0].content[0].start, 13);
        let w3 = words("One Sunday in late 2001 , according to a book , Fiorina sat down .");
        let mut groups = [Group {
            source: Some(span(8, 10, Role::Source)),
            cue: span(6, 8, Role::Cue),
            content: vec![span(11, 14, Role::Content)],
        }];
        according_fronted(&w3, &starts, &mut groups);
        assert_eq!(groups[0].content[0].start, 11);
    }

    #[test]
    fn according_to_keeps_its_source_out_of_the_clause() {
        // "According to [a report , sea levels] [have risen] [by 18 inches]".
        let w = words("According to a report , sea levels have risen by 18 inches .");
        let mut spans = vec![
            (role_span(0, 2, Role::Cue), Role::Cue),
            (role_span(2, 7, Role::Source), Role::Source),
            (role_span(7, 9, Role::Cue), Role::Cue),
            (role_span(9, 12, Role::Content), Role::Content),
        ];
        according_overrun(&w, &mut spans);
        let got: Vec<(usize, usize, Role)> =
            spans.iter().map(|(s, r)| (s.start, s.end, *r)).collect();
        assert_eq!(
            got,
            [
                (0, 2, Role::Cue),
                (2, 4, Role::Source),
                (5, 12, Role::Content)
            ]
        );
    }
}
