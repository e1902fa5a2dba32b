//! A document: one immutable text, its tokens, its sentences and paragraphs.

use crate::span::{OffsetIndex, Span};
use crate::tokenize::{split_paragraphs, split_sentences_wrapped, tokenize, Token};
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
}
