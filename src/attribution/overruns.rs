//! Spans the tagger ran past where a role can end: a source or a cue over
//! a sentence's end, a noun phrase after a preposition taken for a cue, and
//! a content that runs on into a later sentence which another report holds,
//! and content pieces left in a sentence before their cue's.

use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;

/// Spans the tagger ran past what a source or a cue can be, mended:
///
/// * a source or a cue that runs over a sentence's end is cut there, each
///   sentence's part kept without its final mark ("said [Gil Luria, an
///   analyst at D.A. Davidson. Others] disagree": "Others" took "disagree",
///   and "said" had no source);
/// * a cue that is a noun phrase after a preposition, a few words after a
///   cue of its sentence ("told analysts on [a conference call] that …"), is
///   no cue, so the content after it goes to the verb (PolNeAR train: 2 of
///   19 cues after a preposition and a determiner are gold, dev 1 of 5);
/// * a content after a cue of its first sentence that runs on into a
///   quotation opening a later sentence, up to where another cue or its
///   source starts, is cut before that quotation, which is the later cue's
///   ("Analysts said [the price looked fair. "They are paying up,"] said
///   Priya Natarajan": the tagger gave both to "said" and the inverted
///   report was lost).
///
/// `starts[t]`: the first token of token t's sentence. `None` when nothing
/// changes.
pub(super) fn overrun_spans(
    words: &[&str],
    spans: &[(TokenSpan, Role)],
    starts: &[usize],
) -> Option<Vec<(TokenSpan, Role)>> {
    let final_mark = |t: usize| matches!(words[t], "." | "?" | "!" | "…");
    // A sentence starts at t after a final mark that ends no abbreviation
    // ("D-N.C .", "R-Ky .", "Jr ."), with a capital.
    let abbreviation = |w: &str| {
        w.contains('.')
            || w.split('-')
                .skip(1)
                .any(|p| p.starts_with(char::is_uppercase))
            || (w.chars().count() <= 3 && w.starts_with(char::is_uppercase))
    };
    let sentence_at = |t: usize| {
        starts[t] == t
            && t >= 2
            && words[t].starts_with(char::is_uppercase)
            && (1..t)
                .rev()
                .find(|&k| final_mark(k))
                .is_some_and(|k| !abbreviation(words[k - 1]))
    };
    let crosses = |s: &TokenSpan| (s.start + 1..s.end).any(sentence_at);
    // After a verb cue of the same sentence a few words before it.
    let after_cue = |s: &TokenSpan| {
        spans.iter().any(|(c, r)| {
            *r == Role::Cue
                && c.end <= s.start
                && s.start - c.end <= 6
                && starts[c.start] == starts[s.start]
        })
    };
    let nominal = |s: &TokenSpan| {
        s.start > 0
            && after_cue(s)
            && matches!(words[s.start].to_lowercase().as_str(), "a" | "an" | "the")
            && matches!(
                words[s.start - 1].to_lowercase().as_str(),
                "on" | "in" | "at" | "during" | "to" | "with" | "for" | "from" | "by"
            )
    };
    // A content after a cue of its first sentence that runs into a later
    // sentence and ends where another cue or its source starts ("Analysts
    // said [the price looked fair. "They are paying up,"] said Priya
    // Natarajan"): the later sentences are the later cue's.
    let handed_on = |s: &TokenSpan| -> Option<usize> {
        // The later part is a quotation that opens after the first part's
        // final mark, or a sentence of plain words, outside any quotation
        // of the first part.
        let quote = |t: usize| super::features::is_quote_mark(words[t]);
        let opening = |t: usize| {
            matches!(words[t], "\"" | "“" | "``")
                && final_mark(t - 1)
                && words[t + 1].starts_with(char::is_uppercase)
        };
        // Walk the span with the quotation state: a mark that closes the
        // first part's quotation after its final mark opens nothing
        // ('… "out of control." At least …').
        let mut open = false;
        let b = (s.start..s.end.saturating_sub(1)).find(|&t| {
            let closed = t >= 2 && quote(t - 1) && final_mark(t - 2);
            let plain =
                !quote(t) && words[t].starts_with(char::is_uppercase) && (sentence_at(t) || closed);
            let here = t >= s.start + 2 && !open && (opening(t) || plain);
            open ^= quote(t);
            here
        })?;
        let quoted = opening(b);
        if quoted && !(starts[b] == b || starts.get(b + 1) == Some(&(b + 1))) {
            return None;
        }
        let cue_before = spans.iter().any(|(c, r)| {
            *r == Role::Cue && c.end <= s.start && starts[c.start] == starts[s.start]
        });
        let next = spans.iter().find(|(n, _)| n.start >= s.end)?;
        let then = |role: Role| {
            spans
                .iter()
                .any(|(c, r)| *r == role && c.start == next.0.end)
        };
        // A quotation goes to the cue or the source right after it; a plain
        // sentence only to a report with its source after its comma
        // ("… unpredictable." At least 16 homes have been destroyed,
        // officials said.").
        let cue_after = if quoted {
            next.0.start == s.end
                && (next.1 == Role::Cue || (next.1 == Role::Source && then(Role::Cue)))
        } else {
            words.get(s.end) == Some(&",")
                && next.0.start == s.end + 1
                && then(if next.1 == Role::Cue {
                    Role::Source
                } else {
                    Role::Cue
                })
        };
        (cue_before && cue_after).then_some(b)
    };
    let mends = |(s, r): &(TokenSpan, Role)| {
        (*r == Role::Cue && nominal(s))
            || (*r != Role::Content && crosses(s))
            || (*r == Role::Content && handed_on(s).is_some())
    };
    if !spans.iter().any(mends) {
        return None;
    }
    let mut out = Vec::with_capacity(spans.len() + 1);
    for &(s, r) in spans {
        if r == Role::Cue && nominal(&s) {
            continue;
        }
        if r == Role::Content {
            if let Some(b) = handed_on(&s) {
                let mut e = b;
                while e > s.start && final_mark(e - 1) {
                    e -= 1;
                }
                out.push((TokenSpan { end: e, ..s }, r));
                out.push((TokenSpan { start: b, ..s }, r));
            } else {
                out.push((s, r));
            }
            continue;
        }
        if !crosses(&s) {
            out.push((s, r));
            continue;
        }
        let mut a = s.start;
        while a < s.end {
            let mut b = a + 1;
            while b < s.end && !sentence_at(b) {
                b += 1;
            }
            let mut e = b;
            while e > a && final_mark(e - 1) {
                e -= 1;
            }
            if e > a {
                out.push((
                    TokenSpan {
                        start: a,
                        end: e,
                        ..s
                    },
                    r,
                ));
            }
            a = b;
        }
    }
    Some(out)
}

/// "[The 6-3 decision], written by Chief Justice John Roberts, overruled
/// the case. \"Chevron is overruled,\" Roberts wrote.": a content piece in a
/// sentence before its cue's, with no quotation mark, that stops short of
/// its sentence's end by three words or more, or that comes before a piece
/// opening the cue's sentence ("… for breaking the bloc's antitrust rules.
/// [The company] was ordered [to pay …]"), is a stray the tagger left, not
/// part of what the cue reports; it goes when the group keeps another
/// piece. `starts` and `ends`: each token's sentence bounds.
pub(super) fn stray_pieces(words: &[&str], starts: &[usize], ends: &[usize], g: &mut super::Group) {
    let sentence = starts[g.cue.start];
    let opened = g.content.iter().any(|c| c.start == sentence);
    let stray = |c: &TokenSpan| {
        // Quotation marks of any kind in it or right before it.
        let quoted = (c.start.saturating_sub(1)..c.end)
            .any(|t| !words[t].is_empty() && words[t].chars().all(|ch| "\"“”‘’'`«»".contains(ch)));
        let end = ends[c.start].min(words.len());
        let rest = (c.end..end)
            .filter(|&t| words[t].chars().any(char::is_alphanumeric))
            .count();
        c.end <= sentence && !quoted && (rest >= 3 || opened)
    };
    if g.content.iter().any(|c| !stray(c)) {
        g.content.retain(|c| !stray(c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::RoleSlot;

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
    fn a_source_over_a_sentence_end_is_cut_and_a_nominal_cue_after_a_verb_goes() {
        let w = words(
            "\" It is risky , \" said Gil Luria , an analyst at D.A. Davidson . Others disagree .",
        );
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(6, 7, Role::Cue), Role::Cue),
            (span(7, 17, Role::Source), Role::Source),
            (span(17, 18, Role::Cue), Role::Cue),
        ];
        let cut = overrun_spans(&w, &spans, &starts).unwrap();
        let kept: Vec<(usize, usize, Role)> =
            cut.iter().map(|(s, r)| (s.start, s.end, *r)).collect();
        assert_eq!(
            kept,
            [
                (6, 7, Role::Cue),
                (7, 15, Role::Source),
                (16, 17, Role::Source),
                (17, 18, Role::Cue)
            ]
        );
        // A period after an abbreviation ends no sentence: nothing to cut.
        let w = words("said Rep. Ann Lee ( D-N.C . ) , head of the caucus .");
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(0, 1, Role::Cue), Role::Cue),
            (span(1, 13, Role::Source), Role::Source),
        ];
        assert!(overrun_spans(&w, &spans, &starts).is_none());
        // "told analysts on [a conference call] that …": the noun phrase is no cue.
        let w = words("Kress told analysts on a conference call that sales rose .");
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(1, 2, Role::Cue), Role::Cue),
            (span(4, 7, Role::Cue), Role::Cue),
            (span(7, 10, Role::Content), Role::Content),
        ];
        let kept = overrun_spans(&w, &spans, &starts).unwrap();
        assert_eq!(kept.len(), 2);
        // With no verb cue before it, such a cue stays.
        assert!(overrun_spans(&w, &spans[1..], &starts).is_none());
    }

    #[test]
    fn a_content_run_into_the_next_cue_s_quotation_is_cut_before_it() {
        let w = words(
            "Analysts said the price looked fair . \" They are paying up , \" said Priya Natarajan .",
        );
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(0, 1, Role::Source), Role::Source),
            (span(1, 2, Role::Cue), Role::Cue),
            (span(2, 14, Role::Content), Role::Content),
            (span(14, 15, Role::Cue), Role::Cue),
            (span(15, 17, Role::Source), Role::Source),
        ];
        let cut = overrun_spans(&w, &spans, &starts).unwrap();
        let contents: Vec<(usize, usize)> = cut
            .iter()
            .filter(|(_, r)| *r == Role::Content)
            .map(|(s, _)| (s.start, s.end))
            .collect();
        assert_eq!(contents, [(2, 6), (7, 14)]);
        // A quotation of two sentences before its cue, with no cue before it: whole.
        let w = words("\" It is fair . They pay up , \" said Priya Natarajan .");
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(0, 10, Role::Content), Role::Content),
            (span(10, 11, Role::Cue), Role::Cue),
            (span(11, 13, Role::Source), Role::Source),
        ];
        assert!(overrun_spans(&w, &spans, &starts).is_none());
        // The later sentence is no quotation: the content stays whole.
        let w = words("Analysts said the price looked fair . They pay up , said Priya Natarajan .");
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(1, 2, Role::Cue), Role::Cue),
            (span(2, 11, Role::Content), Role::Content),
            (span(11, 12, Role::Cue), Role::Cue),
        ];
        assert!(overrun_spans(&w, &spans, &starts).is_none());
        // A later sentence of plain words that a report with its own source
        // closes is that report's.
        let w = words(
            "Police said the fire , which began on Friday , was \" out of control . \" \
             At least 16 homes burned , officials said .",
        );
        let (starts, _) = crate::tokenize::sentence_bounds_closed(&w);
        let spans = [
            (span(0, 1, Role::Source), Role::Source),
            (span(1, 2, Role::Cue), Role::Cue),
            (span(2, 4, Role::Content), Role::Content),
            (span(10, 22, Role::Content), Role::Content),
            (span(23, 24, Role::Source), Role::Source),
            (span(24, 25, Role::Cue), Role::Cue),
        ];
        let cut = overrun_spans(&w, &spans, &starts).unwrap();
        let contents: Vec<(usize, usize)> = cut
            .iter()
            .filter(|(_, r)| *r == Role::Content)
            .map(|(s, _)| (s.start, s.end))
            .collect();
        assert_eq!(contents, [(2, 4), (10, 17), (17, 22)]);
    }
}
