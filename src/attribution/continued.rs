//! A quotation that runs on over several paragraphs.
//!
//! News style opens every paragraph of a long quotation with a quotation
//! mark and closes only the last one:
//!
//! ```text
//! "We will not negotiate," the minister said. "Our position has not changed.
//!
//! "We expect the same clarity from our partners."
//! ```
//!
//! The tagger reads one paragraph at a time, so the second paragraph, which
//! has no cue of its own, would be left out of the minister's content. Here
//! a content that reaches the end of its paragraph inside a quotation still
//! open there takes the quotations that open the paragraphs after it, up to
//! the one that closes, as further content pieces.

use super::Attribution;
use crate::document::Document;
use crate::span::Span;
use std::ops::Range;

/// A quotation mark that opens a quotation: curly, straight or a guillemet.
fn opens(word: &str) -> bool {
    matches!(word, "\u{201c}" | "\"" | "\u{ab}")
}

/// Whether a quotation is still open after the paragraph's tokens `para`:
/// an opening curly mark or guillemet after the last closing one, or an odd
/// number of straight marks. Returns the opening mark's token if so.
fn open_at_end(doc: &Document, para: &Range<usize>) -> Option<usize> {
    let (mut curly, mut straight, mut straight_count) = (None, None, 0usize);
    for i in para.clone() {
        match doc.token_text(i) {
            "\u{201c}" | "\u{ab}" => curly = Some(i),
            "\u{201d}" | "\u{bb}" => curly = None,
            "\"" => {
                straight_count += 1;
                straight = (straight_count % 2 == 1).then_some(i);
            }
            _ => {}
        }
    }
    curly.or(straight)
}

/// The closing mark of the quotation that the token `open` starts, within
/// the tokens `para`.
fn closing(doc: &Document, open: usize, para: &Range<usize>) -> Option<usize> {
    let want: &[&str] = match doc.token_text(open) {
        "\"" => &["\""],
        _ => &["\u{201d}", "\u{bb}"],
    };
    (open + 1..para.end).find(|&i| want.contains(&doc.token_text(i)))
}

/// The last token of `para` that holds a letter or a digit.
fn last_word(doc: &Document, para: &Range<usize>) -> Option<usize> {
    para.clone()
        .rev()
        .find(|&i| doc.token_text(i).chars().any(char::is_alphanumeric))
}

/// Adds to each attribution whose content is a quotation left open at the
/// end of its paragraph the quotations that open the following paragraphs,
/// up to and including the first that closes. A paragraph that holds a cue
/// of its own, or a content already found, is another report and ends the
/// run.
pub(crate) fn continue_quotations(
    doc: &Document,
    paras: &[Range<usize>],
    found: &mut [Attribution],
) {
    if paras.len() < 2 {
        return;
    }
    let tokens = doc.tokens();
    let byte_range = |p: &Range<usize>| tokens[p.start].span.start..tokens[p.end - 1].span.end;
    let taken = |found: &[Attribution], r: &std::ops::Range<usize>| {
        found.iter().any(|a| {
            (r.start <= a.cue.start && a.cue.start < r.end)
                || a.content.iter().any(|c| c.start < r.end && r.start < c.end)
        })
    };
    for k in 0..found.len() {
        let Some(last) = found[k].content.iter().max_by_key(|c| c.end).copied() else {
            continue;
        };
        // Its paragraph, found by halving (a paragraph may hold many).
        let token = tokens.partition_point(|t| t.span.end < last.end);
        let p = paras.partition_point(|p| p.end <= token);
        let Some(para) = paras.get(p).filter(|p| p.contains(&token)) else {
            continue;
        };
        let reaches_end = last_word(doc, para).is_some_and(|w| last.end >= tokens[w].span.end);
        if !reaches_end {
            continue;
        }
        let Some(open) = open_at_end(doc, para) else {
            continue;
        };
        // The open quotation is the content's own: the piece starts at its
        // mark or right after it ("PENCE: …" after a transcript's mark is not).
        let mark = tokens[open].span;
        let own = (last.start <= mark.start && mark.start < last.end)
            || (mark.end <= last.start && doc.text()[mark.end..last.start].trim().is_empty());
        if !own {
            continue;
        }
        let mut added = Vec::new();
        for next in &paras[p + 1..] {
            if next.is_empty() || !opens(doc.token_text(next.start)) {
                break;
            }
            let range = byte_range(next);
            if taken(found, &range) {
                break;
            }
            match closing(doc, next.start, next) {
                Some(close) => {
                    added.push(Span::new(range.start, tokens[close].span.end));
                    break;
                }
                None => added.push(Span::new(range.start, range.end)),
            }
        }
        found[k].content.extend(added);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::paragraphs;

    fn attribution(doc: &Document, content: &str) -> Attribution {
        let start = doc.text().find(content).unwrap();
        let cue = doc.text().find("said").unwrap_or(0);
        Attribution {
            source: None,
            cue: Span::new(cue, cue + 4),
            content: vec![Span::new(start, start + content.len())],
            origin: crate::annotation::Origin::Model,
            status: crate::annotation::Status::Suggested,
        }
    }

    fn pieces(text: &str, content: &str) -> Vec<String> {
        let doc = Document::new(text);
        let mut found = vec![attribution(&doc, content)];
        continue_quotations(&doc, &paragraphs(&doc), &mut found);
        found[0]
            .content
            .iter()
            .map(|c| text[c.range()].to_string())
            .collect()
    }

    #[test]
    fn an_open_quotation_runs_on_into_the_next_paragraphs() {
        let text = "\u{201c}We will not move,\u{201d} the minister said. \u{201c}Our position is clear.\n\n\u{201c}It has not changed.\n\n\u{201c}We expect the same of others.\u{201d} The talks resume on Monday.\n\n\u{201c}Nor this.\u{201d}";
        assert_eq!(
            pieces(text, "\u{201c}Our position is clear."),
            [
                "\u{201c}Our position is clear.",
                "\u{201c}It has not changed.",
                "\u{201c}We expect the same of others.\u{201d}"
            ]
        );
    }

    #[test]
    fn straight_marks_and_a_closed_quotation() {
        let open = "\"We will win,\" she said. \"And soon.\n\n\"Very soon.\"";
        assert_eq!(
            pieces(open, "\"And soon."),
            ["\"And soon.", "\"Very soon.\""]
        );
        // The quotation closed in its own paragraph: the next one is another's.
        let closed = "\"We will win,\" she said. \"And soon.\"\n\n\"Never,\" he replied.";
        assert_eq!(pieces(closed, "\"And soon.\""), ["\"And soon.\""]);
    }

    #[test]
    fn a_content_short_of_the_paragraph_end_or_a_paragraph_with_its_own_cue_stops_it() {
        // The content stops before the paragraph's last words.
        let short = "She said \u{201c}we will win, and soon, whatever they say.\n\n\u{201c}Very soon.\u{201d}";
        assert_eq!(pieces(short, "we will win"), ["we will win"]);
        // The next paragraph opens without a quotation mark.
        // A transcript's mark before a speaker's name opens no quotation.
        let transcript = "\"SMITH: We will win.\n\n\"(CROSSTALK.)\n\n\"JONES: Never.";
        assert_eq!(pieces(transcript, "We will win."), ["We will win."]);
        let plain = "She said \u{201c}we will win.\n\nThe vote is on Friday.";
        assert_eq!(
            pieces(plain, "\u{201c}we will win."),
            ["\u{201c}we will win."]
        );
    }
}
