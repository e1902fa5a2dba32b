//! Tokens and sentences for English news text.
//!
//! The tokenizer follows the conventions of the CoNLL-2003 and Penn Treebank
//! data the models learn from, which spaCy also follows: punctuation at word
//! edges is split off, abbreviations and initials keep their period
//! (`U.S.`, `Mr.`, `Jan.`), numbers stay whole (`6,500`, `3.5`, `1.2bn`),
//! currency symbols and `%` stand alone, hyphenated names stay whole
//! (`Nagorno-Karabakh`), possessives and contractions become their own token
//! (`Trump` `'s`, `do` `n't`), and URLs and e-mail addresses are one token.
//!
//! ```
//! use newsmark::tokenize::{tokenize, split_sentences};
//!
//! let text = "Mr. Aliyev said the U.S. plan costs $1.2bn. Talks resume Jan. 5.";
//! let tokens = tokenize(text);
//! let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
//! assert_eq!(words[..3], ["Mr.", "Aliyev", "said"]);
//! assert!(words.contains(&"U.S.") && words.contains(&"1.2bn") && words.contains(&"$"));
//! let sentences = split_sentences(text, &tokens);
//! assert_eq!(sentences.len(), 2);
//! ```

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// What a token is, as far as the tokenizer can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
    Url,
    Email,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Abbreviations that keep their period and do not end a sentence
/// (titles and month names, compared case-insensitively, without the period).
const ABBREV_NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gov", "sen", "rep", "reps", "gen", "col", "lt",
    "sgt", "capt", "maj", "adm", "cmdr", "rev", "hon", "pres", "supt", "det", "insp", "cpl", "pvt",
    "fr", "mt", "ft", "atty", "amb", "brig", "cdr", "lieut", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v", "approx", "dept", "est", "fig",
    "vol", "ave", "blvd", "rd", "ald", "cf", "rs",
];

/// Abbreviations that keep their period but may also end a sentence.
const ABBREV_MAY_END: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "bros", "etc", "jr", "sr", "st", "univ", "assn", "ala",
    "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn",
    "tex", "va", "vt", "wash", "wis", "wyo", "ky", "al", "govt", "mln", "bln", "pct",
];

/// Sentence-initial words that mark a new sentence after an abbreviation such
/// as `U.S.` or `Inc.` (which may or may not end the sentence).
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "In",
    "On",
    "At",
    "For",
    "If",
    "As",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Some",
    "Many",
    "Most",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Also",
    "Still",
    "Yet",
    "So",
    "Then",
    "Now",
    "What",
    "Why",
    "How",
    "Who",
    "Officials",
    "Police",
];

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '‚' | '(' | '[' | '{' | '¿' | '¡' | '`'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | ',' | ';' | ':' | '!' | '?' | '…'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '‒')
}

/// Characters that are split off wherever they occur inside a chunk.
fn always_splits(c: char) -> bool {
    is_dash(c)
        || matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '"'
                | '“'
                | '”'
                | '«'
                | '»'
                | '„'
                | ';'
                | '!'
                | '?'
                | '…'
        )
}

/// Currency symbols (`$`, `£`, `€`...), which the tokenizer splits off before digits.
pub(crate) fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '£' | '€' | '¥' | '₹' | '₽' | '₩' | '₺' | '₦' | '₱' | '₪' | '¢'
    )
}

/// Separators beyond Unicode White_Space: zero-width space and the BOM.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Splits `text` into tokens. Never panics; every token is non-empty, in
/// order, and on character boundaries.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start: Option<usize> = None;
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        if is_separator(c) {
            if let Some(s) = chunk_start.take() {
                chunks.push((s, i));
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        chunks.push((s, text.len()));
    }
    for (k, &(s, e)) in chunks.iter().enumerate() {
        let next_is_digit = chunks
            .get(k + 1)
            .and_then(|&(ns, _)| text[ns..].chars().next())
            .is_some_and(|c| c.is_ascii_digit());
        // The last chunk of a paragraph: a blank line or the text's end after it.
        let paragraph_end = chunks
            .get(k + 1)
            .is_none_or(|&(ns, _)| text[e..ns].matches('\n').nth(1).is_some());
        tokenize_chunk(text, s, e, next_is_digit, paragraph_end, &mut tokens);
    }
    tokens
}

fn push(tokens: &mut Vec<Token>, text: &str, start: usize, end: usize) {
    if start < end {
        tokens.push(Token {
            span: Span::new(start, end),
            kind: classify(&text[start..end]),
        });
    }
}

fn classify(s: &str) -> TokenKind {
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    if s.chars().any(|c| c.is_alphanumeric()) {
        if s.contains("://") || s.starts_with("www.") {
            TokenKind::Url
        } else if s.contains('@') && s.len() > 3 {
            TokenKind::Email
        } else if first.is_ascii_digit() || (first == '-' || first == '.') && s.len() > 1 {
            TokenKind::Number
        } else {
            TokenKind::Word
        }
    } else if is_currency(first)
        || matches!(first, '%' | '&' | '+' | '=' | '#' | '@' | '*' | '/' | '§')
    {
        TokenKind::Symbol
    } else {
        TokenKind::Punct
    }
}

fn looks_like_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")
}

fn looks_like_email(s: &str) -> bool {
    let Some(at) = s.find('@') else { return false };
    let (user, domain) = (&s[..at], &s[at + 1..]);
    !user.is_empty()
        && domain.contains('.')
        && !domain.ends_with('.')
        && user
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || ".-".contains(c))
}

/// Tokenizes one whitespace-free chunk `text[s..e]`.
fn tokenize_chunk(
    text: &str,
    mut s: usize,
    mut e: usize,
    next_is_digit: bool,
    paragraph_end: bool,
    out: &mut Vec<Token>,
) {
    // Peel openers at the front.
    while s < e {
        let c = text[s..e].chars().next().unwrap();
        if is_opener(c) && !is_clitic_start(&text[s..e]) {
            push(out, text, s, s + c.len_utf8());
            s += c.len_utf8();
        } else if c.is_ascii_punctuation() && text[s..e].starts_with("--") {
            let n = text[s..e].chars().take_while(|&d| d == '-').count();
            push(out, text, s, s + n);
            s += n;
        } else if is_dash(c) {
            push(out, text, s, s + c.len_utf8());
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Peel closers at the back (kept on a stack, emitted after the middle).
    let mut tail: Vec<(usize, usize)> = Vec::new();
    while s < e {
        let body = &text[s..e];
        let c = body.chars().next_back().unwrap();
        if body.ends_with("...") {
            let n = body.chars().rev().take_while(|&d| d == '.').count();
            tail.push((e - n, e));
            e -= n;
        } else if body.ends_with("--") {
            let n = body.chars().rev().take_while(|&d| d == '-').count();
            tail.push((e - n, e));
            e -= n;
        } else if is_closer(c) || is_dash(c) {
            // A plural possessive apostrophe ("states'") is split off like a quote.
            tail.push((e - c.len_utf8(), e));
            e -= c.len_utf8();
        } else if c == '%' && body.len() > 1 {
            tail.push((e - 1, e));
            e -= 1;
        } else if c == '.' {
            let word = &body[..body.len() - 1];
            // "… in a post on X." ending its paragraph: a full stop, not an
            // initial (a name's initial goes on to its surname, on the same
            // line or, hard-wrapped, on the next).
            let letter = word.chars().count() == 1;
            if keeps_period(word, next_is_digit) && !(paragraph_end && letter) {
                break;
            }
            tail.push((e - 1, e));
            e -= 1;
        } else {
            break;
        }
    }
    if s < e {
        split_middle(text, s, e, out);
    }
    for &(a, b) in tail.iter().rev() {
        push(out, text, a, b);
    }
}

/// True when the chunk begins with an apostrophe clitic such as `'s`, which is
/// a token of its own and not an opening quote.
fn is_clitic_start(s: &str) -> bool {
    clitic_len(s) == Some(s.len())
}

/// If `s` ends with a clitic (`'s`, `n't`, `'ll`, ...), in any case, its
/// length in bytes. (Compared byte by byte, ignoring ASCII case: that is
/// what lower-casing the word first would give, since no other character
/// lower-cases to a letter of a clitic, and it allocates nothing.)
fn clitic_len(s: &str) -> Option<usize> {
    let ends_with = |clitic: &str| {
        s.len() >= clitic.len()
            && s.as_bytes()[s.len() - clitic.len()..].eq_ignore_ascii_case(clitic.as_bytes())
    };
    // "n't" only after something ("n't" alone is not a clitic of a word).
    ["n't", "n’t"]
        .into_iter()
        .find(|c| s.len() > c.len() && ends_with(c))
        .or_else(|| {
            [
                "'s", "'ll", "'re", "'ve", "'d", "'m", "’s", "’ll", "’re", "’ve", "’d", "’m",
            ]
            .into_iter()
            .find(|c| ends_with(c))
        })
        .map(str::len)
}

/// Whether `word` (the chunk without its final period) keeps the period.
fn keeps_period(word: &str, next_is_digit: bool) -> bool {
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let bare = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if ABBREV_NEVER_FINAL.contains(&bare) || ABBREV_MAY_END.contains(&bare) {
        return true;
    }
    if (word == "No" || word == "Nos" || word == "no") && next_is_digit {
        return true;
    }
    is_initials(word)
}

/// `U.S`, `J`, `a.m`, `U.N`: single letters separated by periods (the final period removed).
fn is_initials(word: &str) -> bool {
    let mut letters = 0;
    for (i, part) in word.split('.').enumerate() {
        let mut cs = part.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
        if i > 6 {
            return false;
        }
    }
    letters >= 1
}

/// Splits inside a chunk with no edge punctuation left: dashes, brackets,
/// quotes and `;!?` always; commas and colons unless between digits; then
/// clitics at the end of each piece, and currency symbols before digits.
fn split_middle(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let body = &text[s..e];
    if looks_like_url(body) || looks_like_email(body) {
        push(out, text, s, e);
        return;
    }
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut piece_start = s;
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        let at = s + off;
        let prev_digit = i > 0 && chars[i - 1].1.is_ascii_digit();
        let next_digit = chars.get(i + 1).is_some_and(|&(_, d)| d.is_ascii_digit());
        let double_hyphen = c == '-' && chars.get(i + 1).is_some_and(|&(_, d)| d == '-');
        let split_here = always_splits(c)
            || double_hyphen
            || (matches!(c, ',' | ':') && !(prev_digit && next_digit));
        if split_here {
            finish_piece(text, piece_start, at, out);
            let mut end = at + c.len_utf8();
            if double_hyphen {
                while text[end..e].starts_with('-') {
                    end += 1;
                }
                i += end - at - 1;
            }
            push(out, text, at, end);
            piece_start = end;
        }
        i += 1;
    }
    finish_piece(text, piece_start, e, out);
}

/// Emits one piece: a leading currency symbol, the word, and a trailing clitic.
fn finish_piece(text: &str, mut s: usize, e: usize, out: &mut Vec<Token>) {
    if s >= e {
        return;
    }
    let piece = &text[s..e];
    // "$1.2bn" -> "$" "1.2bn"; "US$40" -> "US$" "40".
    if let Some((pos, c)) = piece.char_indices().find(|&(_, c)| is_currency(c)) {
        let after = &piece[pos + c.len_utf8()..];
        let before = &piece[..pos];
        if after.starts_with(|d: char| d.is_ascii_digit() || d == '.')
            && before.chars().all(|b| b.is_ascii_uppercase())
        {
            let sym_end = s + pos + c.len_utf8();
            push(out, text, s, sym_end);
            s = sym_end;
        }
    }
    let piece = &text[s..e];
    match clitic_len(piece) {
        Some(n) if n < piece.len() => {
            push(out, text, s, e - n);
            push(out, text, e - n, e);
        }
        _ => push(out, text, s, e),
    }
}

/// Splits tokens into sentences: returns spans of token indices `[start, end)`.
///
/// A sentence ends at `.`, `!`, `?` or an ellipsis (with any closing quotes and
/// brackets after it) when the next token can start a sentence, at a blank line,
/// and at a line break unless the next line starts in lower case. Abbreviations
/// keep their period in the tokenizer, so `Mr.` or `Jan.` never end one;
/// `U.S.`, `Inc.` and the like end one only before a typical sentence opener
/// such as `The`.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    split_sentences_wrapped(text, tokens, &crate::lines::soft_wraps(text))
}

/// [`split_sentences`] with the text's hard wraps known ([`crate::lines::soft_wraps`]):
/// a hard wrap is a space, not a line break.
pub fn split_sentences_wrapped(
    text: &str,
    tokens: &[Token],
    wraps: &[usize],
) -> Vec<std::ops::Range<usize>> {
    let line_breaks = |a: usize, b: usize| line_breaks(text, a, b) - wraps_within(wraps, a, b);
    let gap_has_newline =
        |i: usize| i > 0 && line_breaks(tokens[i - 1].span.end, tokens[i].span.start) > 0;
    let mut out = Vec::new();
    let mut start = 0;
    let tok = |i: usize| &text[tokens[i].span.range()];
    let mut i = 0;
    while i < tokens.len() {
        let t = tok(i);
        let mut end = i + 1; // candidate sentence end (exclusive)
        let terminal = matches!(t, "." | "!" | "?" | "…" | "?!" | "!?") || t.starts_with("...");
        let mut boundary = false;
        if terminal {
            // Closing quotes and brackets stay with the sentence; a straight
            // quote does only when it is attached to what precedes it.
            while end < tokens.len()
                && is_trailing_closer(tok(end))
                && !gap_has_newline(end)
                && !(matches!(tok(end), "\"" | "'")
                    && tokens[end - 1].span.end != tokens[end].span.start)
            {
                end += 1;
            }
            boundary = end >= tokens.len() || can_start_sentence(tok(end));
        } else if t.len() > 1 && t.ends_with('.') && end < tokens.len() {
            let bare = t[..t.len() - 1].to_lowercase();
            let next = tok(end);
            if (ABBREV_MAY_END.contains(&bare.as_str())
                || (is_initials(&t[..t.len() - 1]) && t.len() > 2))
                && SENTENCE_STARTERS.contains(&next)
            {
                boundary = true;
            }
        }
        if end < tokens.len() {
            match line_breaks(tokens[end - 1].span.end, tokens[end].span.start) {
                0 => {}
                1 => boundary |= !tok(end).starts_with(|c: char| c.is_lowercase()),
                _ => boundary = true,
            }
        }
        if boundary || end >= tokens.len() {
            out.push(start..end);
            start = end;
        }
        i = end;
    }
    out
}

fn is_trailing_closer(t: &str) -> bool {
    matches!(t, "\"" | "'" | "”" | "’" | "»" | ")" | "]" | "}")
}

fn can_start_sentence(t: &str) -> bool {
    let c = t.chars().next().unwrap_or(' ');
    !c.is_lowercase() && !matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '.' | '%')
}

/// How many of the hard wraps `wraps` (ascending byte offsets) lie in `a..b`.
fn wraps_within(wraps: &[usize], a: usize, b: usize) -> usize {
    if wraps.is_empty() {
        return 0;
    }
    wraps.partition_point(|&w| w < b) - wraps.partition_point(|&w| w < a)
}

/// Paragraphs as ranges of token indices: tokens set apart by a line break
/// that is not a hard wrap ([`crate::lines::soft_wraps`]), or by a blank line.
pub fn split_paragraphs(
    text: &str,
    tokens: &[Token],
    wraps: &[usize],
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        let breaks = i == tokens.len() || {
            let (a, b) = (tokens[i - 1].span.end, tokens[i].span.start);
            line_breaks(text, a, b) > wraps_within(wraps, a, b)
        };
        if breaks {
            if start < i {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

/// Number of line breaks in `text[a..b]` (CRLF counts once; U+2028/2029 count).
fn line_breaks(text: &str, a: usize, b: usize) -> usize {
    let gap = &text[a..b];
    let mut n = 0;
    let mut prev_cr = false;
    for c in gap.chars() {
        match c {
            '\n' if prev_cr => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => n += 1,
            _ => {}
        }
        prev_cr = c == '\r';
    }
    if gap.contains('\u{2029}') {
        n = n.max(2); // paragraph separator
    }
    n
}

/// For each word of a unit, where its sentence starts and the index of the
/// mark that ends it ("." "?" "!" "…"; the unit's length if none does).
pub fn sentence_bounds(words: &[&str]) -> (Vec<usize>, Vec<usize>) {
    bounds(words, false)
}

/// [`sentence_bounds`], with the closing quotation marks and brackets right
/// after a sentence's final mark kept in that sentence: in `elevated . " Two`
/// the quote closes the first sentence rather than opening the second. A
/// straight quote closes only when a quotation is open (`"` and `''` open
/// and close by turns; `“` `«` `„` open, `”` `»` close). `sent_end` is the
/// final mark's index, as in [`sentence_bounds`]; the marks kept after it
/// have the sentence's start and end.
pub fn sentence_bounds_closed(words: &[&str]) -> (Vec<usize>, Vec<usize>) {
    bounds(words, true)
}

/// [`sentence_bounds`], or with `keep_closers` [`sentence_bounds_closed`].
fn bounds(words: &[&str], keep_closers: bool) -> (Vec<usize>, Vec<usize>) {
    let n = words.len();
    let ends_sentence = |w: &str| matches!(w, "." | "?" | "!" | "…");
    // Whether a quotation is open before each token (read only to keep closers).
    let mut open = vec![false; if keep_closers { n + 1 } else { 0 }];
    if keep_closers {
        for (i, w) in words.iter().enumerate() {
            open[i + 1] = match *w {
                "“" | "«" | "„" => true,
                "”" | "»" => false,
                "\"" | "''" | "``" => !open[i],
                _ => open[i],
            };
        }
    }
    let closer = |i: usize| {
        keep_closers
            && match words[i] {
                "”" | "»" | "’" | ")" | "]" => true,
                "\"" | "''" => open[i],
                _ => false,
            }
    };
    let mut sent_start = vec![0usize; n];
    let mut sent_end = vec![n; n];
    let mut start = 0;
    let mut i = 0;
    while i < n {
        if !ends_sentence(words[i]) {
            i += 1;
            continue;
        }
        // The sentence ends at its final mark `i`; with the closers after it, it
        // runs to `last`.
        let mut last = i;
        while last + 1 < n && closer(last + 1) {
            last += 1;
        }
        sent_start[start..=last].fill(start);
        sent_end[start..=last].fill(i);
        start = last + 1;
        i = last + 1;
    }
    sent_start[start..].fill(start);
    (sent_start, sent_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_ending_its_paragraph_ends_its_sentence() {
        let words = |text: &str| -> Vec<String> {
            tokenize(text)
                .iter()
                .map(|t| text[t.span.range()].to_string())
                .collect()
        };
        // "X." before a blank line or the text's end: the platform and a full stop.
        assert_eq!(
            words("a post on X.\n\nNext"),
            ["a", "post", "on", "X", ".", "Next"]
        );
        assert_eq!(words("a post on X."), ["a", "post", "on", "X", "."]);
        // An initial before its surname keeps its period, on the same line or
        // hard-wrapped onto the next; so do initials of several letters.
        assert_eq!(words("George W.\nBush"), ["George", "W.", "Bush"]);
        assert_eq!(words("George W. Bush"), ["George", "W.", "Bush"]);
        assert_eq!(words("in the U.S.\n\nNext"), ["in", "the", "U.S.", "Next"]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let w: Vec<&str> = "A said : \" It rose . \" B fell . C ( as noted . ) D"
            .split(' ')
            .collect();
        let (starts, ends) = sentence_bounds_closed(&w);
        // The quote after "rose ." closes the first sentence; B starts the second.
        assert_eq!(starts[7], 0);
        assert_eq!(starts[8], 8);
        assert_eq!(ends[8], 10);
        assert_eq!((starts[16], ends[16]), (11, 15));
        assert_eq!(starts[17], 17);
        assert_eq!(ends[17], w.len());
        // Without an open quotation, a straight quote after the mark opens the next sentence.
        let w: Vec<&str> = "It rose . \" B fell . \"".split(' ').collect();
        let (starts, _) = sentence_bounds_closed(&w);
        assert_eq!(starts[3], 3);
        // Where no mark is followed by a closer, the same as sentence_bounds.
        let w: Vec<&str> = "A said so . B fell ! C".split(' ').collect();
        assert_eq!(sentence_bounds_closed(&w), sentence_bounds(&w));
    }

    /// The clitic test as first written (lower-casing the whole word), to
    /// check the allocation-free one against.
    fn clitic_len_lowercased(s: &str) -> Option<usize> {
        let lower = s.to_lowercase();
        for clitic in ["n't", "n’t"] {
            if lower.ends_with(clitic) && lower.len() > clitic.len() {
                return Some(clitic.len());
            }
        }
        for apostrophe in ['\'', '’'] {
            for suffix in ["s", "ll", "re", "ve", "d", "m"] {
                let n = apostrophe.len_utf8() + suffix.len();
                if lower.len() >= n
                    && lower.ends_with(suffix)
                    && lower[..lower.len() - suffix.len()].ends_with(apostrophe)
                {
                    return Some(n);
                }
            }
        }
        None
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn clitics_are_found_as_lower_casing_found_them(
            s in "[A-Za-zİKẞé’'ntNTsSlLrRvVeEdDmM]{0,6}"
        ) {
            proptest::prop_assert_eq!(clitic_len(&s), clitic_len_lowercased(&s));
        }
    }

    #[test]
    fn clitics_in_any_case() {
        for (w, n) in [
            ("don't", Some(3)),
            ("DON'T", Some(3)),
            ("Mary’S", Some(4)),
            ("'s", Some(2)),
            ("n't", None),
            ("isn’t", Some(5)),
            ("bus", None),
        ] {
            assert_eq!(clitic_len(w), n, "{w}");
            assert_eq!(clitic_len_lowercased(w), n, "{w}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.span.range()])
            .collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .into_iter()
            .map(|r| text[tokens[r.start].span.start..tokens[r.end - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            words("Mr. Smith met Gov. Jones in the U.S. on Jan. 5."),
            ["Mr.", "Smith", "met", "Gov.", "Jones", "in", "the", "U.S.", "on", "Jan.", "5", "."]
        );
        assert_eq!(words("J. K. Rowling"), ["J.", "K.", "Rowling"]);
        assert_eq!(words("at 3 p.m. today"), ["at", "3", "p.m.", "today"]);
        assert_eq!(words("Acme Inc. rose"), ["Acme", "Inc.", "rose"]);
        assert_eq!(words("No. 10 and no. 5"), ["No.", "10", "and", "no.", "5"]);
        assert_eq!(words("He said no."), ["He", "said", "no", "."]);
        // Rupees: "Rs." before an amount keeps its period and ends no sentence.
        assert_eq!(words("Rs. 500 each"), ["Rs.", "500", "each"]);
        assert_eq!(
            sentences("It cost Rs. 500 in all."),
            ["It cost Rs. 500 in all."]
        );
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(words("6,500 troops"), ["6,500", "troops"]);
        assert_eq!(words("up 3.5%."), ["up", "3.5", "%", "."]);
        assert_eq!(words("a $1.2bn deal"), ["a", "$", "1.2bn", "deal"]);
        assert_eq!(words("US$40 or €45m"), ["US$", "40", "or", "€", "45m"]);
        assert_eq!(words("at 10:30, 1-0 up"), ["at", "10:30", ",", "1-0", "up"]);
        assert_eq!(words("1996-08-22"), ["1996-08-22"]);
        let t = tokenize("6,500 and 3.5");
        assert_eq!(t[0].kind, TokenKind::Number);
        assert_eq!(t[1].kind, TokenKind::Word);
    }

    #[test]
    fn hyphens_dashes_and_possessives() {
        assert_eq!(
            words("Nagorno-Karabakh's army"),
            ["Nagorno-Karabakh", "'s", "army"]
        );
        assert_eq!(
            words("Azerbaijan’s defence"),
            ["Azerbaijan", "’s", "defence"]
        );
        assert_eq!(
            words("the states' rights"),
            ["the", "states", "'", "rights"]
        );
        assert_eq!(words("don't can't"), ["do", "n't", "ca", "n't"]);
        assert_eq!(
            words("Baku—Yerevan talks"),
            ["Baku", "—", "Yerevan", "talks"]
        );
        assert_eq!(words("peace -- or war"), ["peace", "--", "or", "war"]);
        assert_eq!(words("peace--or war"), ["peace", "--", "or", "war"]);
        assert_eq!(words("a 20-year-old man"), ["a", "20-year-old", "man"]);
    }

    #[test]
    fn quotes_straight_curly_and_guillemets() {
        assert_eq!(
            words("“We will win,” he said. \"No.\" «Non»"),
            [
                "“", "We", "will", "win", ",", "”", "he", "said", ".", "\"", "No", ".", "\"", "«",
                "Non", "»"
            ]
        );
        assert_eq!(words("'It is over'"), ["'", "It", "is", "over", "'"]);
        assert_eq!(words("(Reuters) -"), ["(", "Reuters", ")", "-"]);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            words("See https://example.com/a?b=1, or mail press@gov.az."),
            [
                "See",
                "https://example.com/a?b=1",
                ",",
                "or",
                "mail",
                "press@gov.az",
                "."
            ]
        );
        assert_eq!(words("(www.reuters.com)"), ["(", "www.reuters.com", ")"]);
        let t = tokenize("mail press@gov.az now");
        assert_eq!(t[1].kind, TokenKind::Email);
    }

    #[test]
    fn unicode_whitespace_and_scripts() {
        assert_eq!(
            words("100\u{a0}km\u{2028}from\r\nBaku"),
            ["100", "km", "from", "Baku"]
        );
        assert_eq!(words("北京 说"), ["北京", "说"]);
        assert_eq!(words("Zoe\u{308} 👍🏽!"), ["Zoe\u{308}", "👍🏽", "!"]);
        assert!(words("").is_empty());
        assert!(words(" \u{feff}\u{200b} ").is_empty());
    }

    #[test]
    fn sentences_are_not_fooled_by_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith arrived on Jan. 5 in Washington. He met Gov. Jones."),
            [
                "Mr. Smith arrived on Jan. 5 in Washington.",
                "He met Gov. Jones."
            ]
        );
        assert_eq!(
            sentences("The U.S. Army said so. The U.S. economy grew in the U.S. The end."),
            [
                "The U.S. Army said so.",
                "The U.S. economy grew in the U.S.",
                "The end."
            ]
        );
        assert_eq!(
            sentences("“It is over,” he said. “We won!” She left."),
            ["“It is over,” he said.", "“We won!”", "She left."]
        );
        assert_eq!(
            sentences("He left. \"We won,\" she said. \"Yes.\" Done."),
            ["He left.", "\"We won,\" she said.", "\"Yes.\"", "Done."]
        );
        assert_eq!(sentences("Is it? yes it is."), ["Is it? yes it is."]);
        assert_eq!(
            sentences("It rose 3.5%. Shares fell."),
            ["It rose 3.5%.", "Shares fell."]
        );
    }

    #[test]
    fn sentences_follow_lines_and_paragraphs() {
        assert_eq!(
            sentences("BAKU CLASH\r\nTroops fired on Monday\n\nofficials said"),
            ["BAKU CLASH", "Troops fired on Monday", "officials said"]
        );
        assert_eq!(
            sentences("The minister\nsaid no"),
            ["The minister\nsaid no"]
        );
    }

    #[test]
    fn tokens_are_ordered_and_on_boundaries() {
        let text = "«Ça va?» — l’État, 3,5 % de… “x”—y 'z' n't’s";
        let tokens = tokenize(text);
        let mut last = 0;
        for t in &tokens {
            assert!(t.span.start >= last && t.span.end > t.span.start);
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            last = t.span.end;
        }
    }
}
