//! Line breaks: which of them end something and which are only hard wraps.
//!
//! Wire copy, e-mails and text copied from PDFs come hard-wrapped: a
//! paragraph is cut into lines of at most some width (60 to 90 columns, as a
//! rule) by single line breaks, and paragraphs are set apart by a blank line
//! or an indent. Such a line break is a space that happens to be written as a
//! line break; it must end no sentence, paragraph or attribution.
//!
//! A text is taken to be hard-wrapped when its lines have a common width:
//! the longest line of at most [`MAX_WRAP_WIDTH`] characters sets the width,
//! at least half of the lines that run on to another line are within a few
//! characters of it, and a quarter of those run on to something other than a
//! capital letter (prose breaks inside sentences; a list of titles does not). In such a text a single line break is a wrap when
//! the first word of the next line would not have fitted on the line before
//! it (what every greedy wrapper does), or when the break falls inside a
//! sentence whatever the widths (the line ends in no sentence mark and the
//! next goes on in lower case, or the line ends in "the", "a", "with" …:
//! text copied from a PDF or wrapped by hand), unless the next line is
//! indented or starts a list item. Text with one paragraph per line is never taken for
//! wrapped text: its lines are longer than any wrap width, or of no common
//! width. In any text, though, a line of 30 characters or more that ends in a
//! comma or in such a word, before a line that goes on in lower case, is cut
//! inside a clause: that break is a wrap (an article pasted with one
//! paragraph per line, one of which was wrapped).
//!
//! ```
//! use newsmark::lines::soft_wraps;
//!
//! let text = "The defence ministry in Yerevan said in a statement that troops\n\
//!             had come under fire near the border village of Tavush on Monday\n\
//!             morning, adding that there had been no casualties among its\n\
//!             soldiers and that the situation on the border was under the full\n\
//!             control of the army.\n\
//!             \n\
//!             Baku denied it.";
//! let wraps = soft_wraps(text);
//! assert_eq!(wraps.len(), 4); // the line breaks inside the first paragraph
//! assert!(wraps.iter().all(|&at| &text[at..at + 1] == "\n"));
//! ```

/// Lines longer than this (in characters) are not hard-wrapped lines.
pub const MAX_WRAP_WIDTH: usize = 100;

/// Hard wraps narrower than this are not looked for.
const MIN_WRAP_WIDTH: usize = 30;

/// How far below the width a line may end and still count as full.
const FULL_SLACK: usize = 12;

/// One line of a text.
struct Line<'a> {
    text: &'a str,
    /// Byte offset of the line break that ends the line (the text's length
    /// for the last line).
    end: usize,
    /// Line breaks between this line and the next non-blank line: 1 for a
    /// plain line break, 2 or more across a blank line or a paragraph separator.
    breaks: usize,
}

fn width(line: &str) -> usize {
    line.trim_end().chars().count()
}

/// The lines of `text`, each with the breaks after it. CR LF is one break;
/// CR, LF, NEL and U+2028 are one each; U+2029 (paragraph separator) counts
/// as a blank line.
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let weight = match c {
            '\r' => {
                if let Some(&(_, '\n')) = iter.peek() {
                    iter.next();
                }
                1
            }
            '\n' | '\u{85}' | '\u{2028}' => 1,
            '\u{2029}' => 2,
            _ => continue,
        };
        let next = iter.peek().map_or(text.len(), |&(j, _)| j);
        let line = &text[start..i];
        match out.last_mut() {
            // A blank line adds its break to the line before it.
            Some(prev) if line.trim().is_empty() => prev.breaks += weight,
            _ if line.trim().is_empty() => {}
            _ => out.push(Line {
                text: line,
                end: i,
                breaks: weight,
            }),
        }
        start = next;
    }
    if !text[start..].trim().is_empty() {
        out.push(Line {
            text: &text[start..],
            end: text.len(),
            breaks: 0,
        });
    }
    out
}

/// Whether `line`, after `prev`, starts a block of its own: it is set in, or
/// it is a list item (a bullet or a number after a line that ends in a colon
/// or is an item itself). Then the break before it is no wrap.
fn starts_block(prev: &str, line: &str) -> bool {
    if line.starts_with(char::is_whitespace) {
        return true;
    }
    let marker = |l: &str| {
        let first = l.split_whitespace().next().unwrap_or("");
        let bullet = matches!(first, "-" | "*" | "•" | "·" | ">");
        let number = first.len() > 1
            && first.len() <= 4
            && first.ends_with(['.', ')'])
            && first[..first.len() - 1].chars().all(|c| c.is_ascii_digit());
        bullet || number
    };
    marker(line) && (prev.trim_end().ends_with(':') || marker(prev))
}

/// Whether the break between `line` and `next`, in a hard-wrapped text,
/// falls inside a sentence whatever the widths say: `line` ends in no
/// sentence mark and `next` goes on in lower case ("to assist\nthe
/// investigation"), or `line` ends in a word that never ends a title or a
/// sentence ("collided with a\nJapan Airlines jet"). Text copied from a PDF
/// or wrapped by hand is not wrapped greedily by characters.
fn mid_sentence(line: &str, next: &str) -> bool {
    let line = line.trim_end();
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let ends = line.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', ']']);
    let lower = next.starts_with(char::is_lowercase);
    !ends && (lower || open_word(last))
}

/// A word that never ends a title or a sentence ("the", "with", "their" …).
fn open_word(last: &str) -> bool {
    matches!(
        last,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "with"
            | "and"
            | "or"
            | "in"
            | "at"
            | "for"
            | "by"
            | "from"
            | "on"
            | "that"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
    )
}

/// Whether the break between `line` and `next` falls inside a clause in any
/// text, hard-wrapped or not: a line of some length ([`CLAUSE_LINE`]
/// characters) that ends in a comma or in a word that never ends a title or
/// a sentence, and a next line that goes on in lower case ("… 11 millimetres
/// thick,\nmaking it the lightest …"). A list ("eggs,\nflour") has short
/// lines; a headline does not end in a comma.
fn continues(line: &str, next: &str) -> bool {
    let line = line.trim_end();
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let comma = line.ends_with(',');
    width(line) >= CLAUSE_LINE && next.starts_with(char::is_lowercase) && (comma || open_word(last))
}

/// The shortest line [`continues`] reads as cut inside a clause.
const CLAUSE_LINE: usize = 30;

/// Byte offsets, ascending, of the line breaks in `text` that are hard wraps
/// (each the offset of its `\n`, NEL or U+2028, or of the `\r` of a CR LF or
/// a lone CR).
pub fn soft_wraps(text: &str) -> Vec<usize> {
    if !text.contains(['\n', '\r', '\u{85}', '\u{2028}']) {
        return Vec::new();
    }
    let lines = lines(text);
    // Lines that run on to the next line with one break: the candidates.
    let runs_on = |k: usize| lines[k].breaks == 1 && k + 1 < lines.len();
    let candidates: Vec<usize> = (0..lines.len()).filter(|&k| runs_on(k)).collect();
    // In any text, a break inside a clause is a wrap (a paragraph of an
    // article that is otherwise one paragraph per line).
    let continued = || {
        candidates
            .iter()
            .copied()
            .filter(|&k| {
                let (line, next) = (lines[k].text, lines[k + 1].text);
                continues(line, next) && !starts_block(line, next)
            })
            .map(|k| lines[k].end)
            .collect()
    };
    let Some(wrap) = lines
        .iter()
        .map(|l| width(l.text))
        .filter(|&w| w <= MAX_WRAP_WIDTH)
        .max()
        .filter(|&w| w >= MIN_WRAP_WIDTH)
    else {
        return continued();
    };
    let full = |k: usize| {
        let w = width(lines[k].text);
        w <= wrap && w + FULL_SLACK >= wrap
    };
    let n_full = candidates.iter().filter(|&&k| full(k)).count();
    // Wrapped prose breaks mostly inside sentences, before a word in lower
    // case; a list of titles of about one width never does.
    let n_lower = candidates
        .iter()
        .filter(|&&k| full(k) && !lines[k + 1].text.starts_with(char::is_uppercase))
        .count();
    if n_full < 3 || n_full * 2 < candidates.len() || n_lower * 4 < n_full {
        return continued();
    }
    candidates
        .into_iter()
        .filter(|&k| {
            let (line, next) = (lines[k].text, lines[k + 1].text);
            let w = width(line);
            // A wrapper breaks lines at spaces, never at a no-break space.
            let word = next
                .split(|c: char| {
                    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
                })
                .next()
                .map_or(0, |x| x.chars().count());
            let greedy = w <= wrap && w + 1 + word > wrap;
            (greedy || mid_sentence(line, next)) && !starts_block(line, next)
        })
        .map(|k| lines[k].end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Greedy wrapping at `width`, as wire services and mail clients do: each
    /// space where a line must end becomes a line feed, so byte offsets stay.
    fn wrap(text: &str, width: usize) -> String {
        let mut out = String::with_capacity(text.len());
        for (p, para) in text.split("\n\n").enumerate() {
            if p > 0 {
                out.push_str("\n\n");
            }
            let mut col = 0;
            for (i, word) in para.split(' ').enumerate() {
                let n = word.chars().count();
                if i > 0 {
                    if col + 1 + n > width {
                        out.push('\n');
                        col = 0;
                    } else {
                        out.push(' ');
                        col += 1;
                    }
                }
                out.push_str(word);
                col += n;
            }
        }
        out
    }

    const STORY: &str = "YEREVAN, Sept 28 (Reuters) - The defence ministry in Yerevan said in a statement that Azerbaijani forces had shelled the border village of Tavush on Monday morning, adding that there had been no casualties.\n\nAzerbaijan's defence ministry accused Armenian forces of shooting at the positions of its troops along the line of contact for the third day in a row.\n\nU.S. Secretary of State Antony Blinken on Monday called on both parties to \"refrain from the use of force\" and to return to talks, a spokesman said.\n\n\"We have seen no sign that either side is ready to give ground,\" the mediator told reporters in Geneva, where the talks were due to resume next week after a month-long pause.\n\nShort line.\nAnother short line.";

    #[test]
    fn the_wraps_of_a_greedy_wrapper_are_found_and_nothing_else() {
        for width in [60, 66, 72, 80, 90] {
            let wrapped = wrap(STORY, width);
            let expected: Vec<usize> = wrapped
                .char_indices()
                .filter(|&(i, c)| c == '\n' && STORY.as_bytes()[i] == b' ')
                .map(|(i, _)| i)
                .collect();
            assert!(expected.len() >= 6, "width {width}");
            assert_eq!(soft_wraps(&wrapped), expected, "width {width}:\n{wrapped}");
        }
    }

    #[test]
    fn lines_wrapped_by_hand_or_from_a_pdf_are_wraps_inside_a_sentence() {
        // Not greedy: "JAL" and "the" would have fitted on the lines before.
        let text = "TOKYO, Jan 5 (Reuters) - Japanese investigators said on Friday\n\
                    that the crew of a coast guard plane that collided with a\n\
                    Japan Airlines jet at Haneda had not been cleared to enter\n\
                    the runway, according to transcripts of radio calls.\n\
                    \n\
                    The transcripts show that air traffic controllers told the\n\
                    JAL jet it was cleared to land.\n\
                    Airbus said it was sending a team of specialists to assist\n\
                    the investigation.";
        let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        let wraps = soft_wraps(text);
        // Every break but the blank line and the one after "to land." (which
        // ends a sentence before a capital, and so stays a line break).
        let kept: Vec<usize> = breaks
            .iter()
            .copied()
            .filter(|&i| {
                !text[..i].ends_with("to land.")
                    && !text[..i].ends_with("calls.")
                    && !text[..i].ends_with('\n')
            })
            .collect();
        assert_eq!(
            wraps,
            kept,
            "{:?}",
            wraps
                .iter()
                .map(|&i| &text[i.saturating_sub(12)..i])
                .collect::<Vec<_>>()
        );
        // The same words on separate lines of a list are no wraps.
        assert!(!mid_sentence(
            "Related article: Putin Says Normalization",
            "Related article: Aliyev Says"
        ));
        assert!(mid_sentence("to assist", "the investigation."));
        assert!(mid_sentence("collided with a", "Japan Airlines jet"));
        assert!(!mid_sentence("the runway.", "the next day"));
    }

    #[test]
    fn unwrapped_text_has_no_wraps() {
        assert!(soft_wraps(STORY).is_empty());
        // One paragraph per line, single line breaks, lines of any length.
        let one_per_line = STORY.replace("\n\n", "\n");
        assert!(soft_wraps(&one_per_line).is_empty());
        // A list of short lines of about the same width is not wrapped text.
        let list = "Related article: Putin Says Normalization in Yerevan and Baku's Interests\nRelated article: Aliyev Says Talks With Armenia Are at an Advanced Stage\nRelated article: EU Observers Extend Their Mission on the Armenian Border\nRelated article: Blinken Meets Both Foreign Ministers in Washington Again\nRelated article: Georgia Offers to Host the Next Round of Peace Talks Soon\n";
        assert!(soft_wraps(list).is_empty(), "{:?}", soft_wraps(list));
        assert!(soft_wraps("").is_empty() && soft_wraps("one line").is_empty());
    }

    #[test]
    fn indents_list_items_crlf_and_separators() {
        let wrapped = wrap(STORY, 70);
        // CR LF line ends: the wraps are found at the CR.
        let crlf = wrapped.replace('\n', "\r\n");
        let wraps = soft_wraps(&crlf);
        assert_eq!(wraps.len(), soft_wraps(&wrapped).len());
        assert!(wraps.iter().all(|&at| crlf[at..].starts_with("\r\n")));
        // A paragraph set in by an indent after a full line is a new paragraph.
        let first_break = soft_wraps(&wrapped)[0];
        let mut indented = wrapped.clone();
        indented.insert_str(first_break + 1, "   ");
        assert!(!soft_wraps(&indented).contains(&first_break));
        // So is a list item after a line that ends in a colon, or after
        // another item; a dash that only opens a wrapped line is no item.
        let mut item = wrapped.clone();
        item.replace_range(first_break - 1..first_break, ":");
        item.insert_str(first_break + 1, "- ");
        assert!(!soft_wraps(&item).contains(&first_break));
        let mut dash = wrapped.clone();
        dash.insert_str(first_break + 1, "- ");
        assert!(soft_wraps(&dash).contains(&first_break));
        // A paragraph separator is never a wrap.
        let sep = wrapped.replacen("\n\n", "\u{2029}", 1);
        assert_eq!(soft_wraps(&sep).len(), soft_wraps(&wrapped).len());
    }

    #[test]
    fn a_clause_cut_by_a_line_break_is_a_wrap_in_any_text() {
        // One paragraph per line, but one of them wrapped after a comma.
        let text = "Review: The Pixelbook Air Is Thin, Fast and Pricey\n\
                    By Jordan Lee\n\
                    The new Pixelbook Air weighs 1.1 kilograms and is 11 millimetres thick,\n\
                    making it the lightest laptop the company has made.\n\
                    It starts at $1,299.";
        let at = text.find("thick,\n").unwrap() + "thick,".len();
        assert_eq!(soft_wraps(text), vec![at]);
        // After a word that never ends a sentence, the same.
        let text = "Officials said the storm would reach the coast by\nearly Friday morning.";
        assert_eq!(soft_wraps(text), vec![text.find('\n').unwrap()]);
        // A list's short lines, a next line in capitals, a sentence's end: no wrap.
        for text in [
            "Ingredients:\n2 eggs,\nflour,\nsugar",
            "The new Pixelbook Air weighs 1.1 kilograms and is thick,\nMaking it light.",
            "The new Pixelbook Air weighs 1.1 kilograms and is 11 mm thick.\nmaking it light",
            "The new Pixelbook Air weighs 1.1 kilograms and is 11 mm thick,\n- making it light",
        ] {
            assert!(
                soft_wraps(text).is_empty(),
                "{text:?}: {:?}",
                soft_wraps(text)
            );
        }
    }
}
