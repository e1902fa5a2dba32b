//! A document: one immutable text, its tokens and its sentences.

use crate::span::{OffsetIndex, Span};
use crate::tokenize::{split_sentences, tokenize, Token};
use std::ops::Range;

/// One article. The text never changes after creation; every span in every
/// annotation points into it by UTF-8 byte offsets.
#[derive(Debug, Clone)]
pub struct Document {
    text: Box<str>,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
}

impl Document {
    pub fn new(text: impl Into<String>) -> Self {
        let text: Box<str> = text.into().into_boxed_str();
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        Document {
            text,
            tokens,
            sentences,
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
