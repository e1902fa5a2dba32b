//! A document: one immutable text, its tokens, its sentences and paragraphs.

use crate::span::{OffsetIndex, Span};
use crate::tokenize::{split_paragraphs, split_sentences_wrapped, tokenize, Token, TokenKind};
use std::ops::Range;

/// One article. The text never changes after creation; every span in every
/// annotation points into it by UTF-8 byte offsets.
#[derive(Debug, Clone)]
pub struct Document {
    text: Box<str>,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    /// Byte offsets of the line breaks that are hard wraps ([`crate::lines`]).
    wraps: Vec<usize>,
}

impl Document {
    pub fn new(text: impl Into<String>) -> Self {
        let text: Box<str> = text.into().into_boxed_str();
        let tokens = tokenize(&text);
        let wraps = crate::lines::soft_wraps(&text);
        let sentences = split_sentences_wrapped(&text, &tokens, &wraps);
        Document {
            text,
            tokens,
            sentences,
            wraps,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Sentences as ranges of token indices.
    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    /// Paragraphs as ranges of token indices: set apart by line breaks,
    /// but not by the hard wraps of wire copy ([`crate::lines`]).
    pub fn paragraphs(&self) -> Vec<Range<usize>> {
        split_paragraphs(&self.text, &self.tokens, &self.wraps)
    }

    /// Byte offsets of the line breaks that are only hard wraps.
    pub fn soft_wraps(&self) -> &[usize] {
        &self.wraps
    }

    /// The byte span of a sentence.
    pub fn sentence_span(&self, sentence: &Range<usize>) -> Span {
        Span::new(
            self.tokens[sentence.start].span.start,
            self.tokens[sentence.end - 1].span.end,
        )
    }

    pub fn token_text(&self, i: usize) -> &str {
        &self.text[self.tokens[i].span.range()]
    }

    pub fn offsets(&self) -> OffsetIndex<'_> {
        OffsetIndex::new(&self.text)
    }

    /// The tokens, sentences and hard wraps as numbers, to hand to another
    /// instance that shares no memory with this one (the browser's second
    /// module, which has tokenised the text already, hands them to the first):
    /// the token count, then per token its start, end and kind; the sentence
    /// count, then per sentence its first and past-the-last token; then the
    /// wraps' offsets to the end. [`Document::from_words`] reads them back.
    pub fn to_words(&self) -> Vec<u32> {
        let w = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let mut out = Vec::with_capacity(2 + 3 * self.tokens.len() + 2 * self.sentences.len());
        out.push(w(self.tokens.len()));
        for t in &self.tokens {
            let kind = TOKEN_KINDS.iter().position(|k| *k == t.kind).unwrap_or(0);
            out.extend([w(t.span.start), w(t.span.end), w(kind)]);
        }
        out.push(w(self.sentences.len()));
        for s in &self.sentences {
            out.extend([w(s.start), w(s.end)]);
        }
        out.extend(self.wraps.iter().map(|&x| w(x)));
        out
    }

    /// The document of `text` with the tokens, sentences and wraps that
    /// [`Document::to_words`] wrote for it, without tokenising it again;
    /// `None` unless they fit `text`: tokens in order, apart, inside it and
    /// on character boundaries; sentences non-empty, one after another,
    /// covering those tokens; wraps in order, each on a single line break. (The numbers come from
    /// the same tokenizer in another module; what is checked is that no
    /// numbers, however made, can make a document that slices the text
    /// wrongly.)
    ///
    /// ```
    /// use newsmark::document::Document;
    ///
    /// let text = "The ministry said it was\nclosed. Talks resume on Monday.";
    /// let doc = Document::new(text);
    /// let again = Document::from_words(text, &doc.to_words()).unwrap();
    /// assert_eq!(again.tokens(), doc.tokens());
    /// assert_eq!(again.sentences(), doc.sentences());
    /// assert_eq!(again.soft_wraps(), doc.soft_wraps());
    /// assert!(Document::from_words("Another text.", &doc.to_words()).is_none());
    /// ```
    pub fn from_words(text: impl Into<String>, words: &[u32]) -> Option<Document> {
        let text: Box<str> = text.into().into_boxed_str();
        let mut it = words.iter().map(|&x| x as usize);
        let n = it.next()?;
        let mut tokens = Vec::with_capacity(n.min(words.len() / 3));
        let mut last = 0;
        for _ in 0..n {
            let (start, end) = (it.next()?, it.next()?);
            let kind = *TOKEN_KINDS.get(it.next()?)?;
            if start < last || end <= start || text.get(start..end).is_none() {
                return None;
            }
            last = end;
            tokens.push(Token {
                span: Span::new(start, end),
                kind,
            });
        }
        let m = it.next()?;
        let mut sentences = Vec::with_capacity(m.min(words.len() / 2));
        let mut next = 0;
        for _ in 0..m {
            let (start, end) = (it.next()?, it.next()?);
            if start != next || end <= start || end > tokens.len() {
                return None;
            }
            next = end;
            sentences.push(start..end);
        }
        if next != tokens.len() {
            return None;
        }
        let wraps: Vec<usize> = it.collect();
        // A wrap is a single line break ([`crate::lines::soft_wraps`]): a
        // `\n`, a `\r` (of a CR LF too, never its `\n`), NEL or U+2028.
        let line_break = |&x: &usize| {
            let after_cr = x > 0 && text.as_bytes()[x - 1] == b'\r';
            match text.get(x..).and_then(|rest| rest.chars().next()) {
                Some('\n') => !after_cr,
                Some('\r' | '\u{85}' | '\u{2028}') => true,
                _ => false,
            }
        };
        if !wraps.iter().all(line_break) || !wraps.windows(2).all(|p| p[0] < p[1]) {
            return None;
        }
        Some(Document {
            text,
            tokens,
            sentences,
            wraps,
        })
    }
}

/// Every token kind, in the order of their numbers in [`Document::to_words`].
const TOKEN_KINDS: [TokenKind; 6] = [
    TokenKind::Word,
    TokenKind::Number,
    TokenKind::Punct,
    TokenKind::Symbol,
    TokenKind::Url,
    TokenKind::Email,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Hard wraps at every kind of single line break, and a CR LF, come back
    /// as they were; a wrap put on the `\n` of a CR LF, on a letter or inside
    /// a character is refused.
    #[test]
    fn words_round_trip_every_line_break_and_refuse_odd_wraps() {
        for brk in ["\n", "\r\n", "\r", "\u{85}", "\u{2028}"] {
            let text = format!(
                "The finance minister told parliament on Monday that{brk}taxes would rise by 4% next year, and{brk}that spending would fall."
            );
            let doc = Document::new(text.as_str());
            assert!(!doc.soft_wraps().is_empty(), "{brk:?} makes a hard wrap");
            let again = Document::from_words(text.as_str(), &doc.to_words()).unwrap();
            assert_eq!(
                (again.tokens(), again.sentences(), again.soft_wraps()),
                (doc.tokens(), doc.sentences(), doc.soft_wraps())
            );
        }
        let text = "The finance minister told parliament on Monday that\r\ntaxes would rise by 4% next year.";
        let doc = Document::new(text);
        assert_eq!(doc.soft_wraps(), [text.find('\r').unwrap()]);
        let words = doc.to_words();
        let base = &words[..words.len() - 1];
        let crlf = text.find('\r').unwrap();
        for bad in [crlf + 1, 0, 2] {
            let odd = [base, &[bad as u32]].concat();
            assert!(
                Document::from_words(text, &odd).is_none(),
                "a wrap at {bad}"
            );
        }
        // Inside "é" (two bytes): off a character, refused.
        let text = "Café owners said prices\nrose sharply over the year.";
        let words = [Document::new(text).to_words(), vec![4]].concat();
        assert!(Document::from_words(text, &words).is_none());
    }
}
