//! The token formats: spaCy's JSON training format and CoNLL columns.
//!
//! Both hold tokens, not text, so both are written from the same tokens: the
//! core's, cut where an entity starts or ends inside one, so that every
//! entity is whole tokens and reads back with exactly its characters.

use crate::annotation::Annotations;
use crate::document::Document;
use crate::label::Label;
use crate::span::Span;
use crate::tagger::tags::{iob2_from_spans, TokenSpan};
use serde::Serialize;
use std::fmt::Write;
use std::ops::Range;

/// The text's tokens as the token formats write them.
struct Tokens {
    /// Non-empty, in order, never overlapping; the text between them is white
    /// space (or characters the tokenizer skips, such as zero-width spaces).
    spans: Vec<Span>,
    /// The sentence each token is in (an index into `doc.sentences()`).
    sentence: Vec<usize>,
    /// Each entity as a range of token indexes, with its label; entities that
    /// cover no token (white space only) are left out.
    entities: Vec<(Range<usize>, Label)>,
}

fn tokens(doc: &Document, ann: &Annotations) -> Tokens {
    let mut edges: Vec<usize> = ann
        .entities
        .iter()
        .flat_map(|e| [e.span.start, e.span.end])
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut spans = Vec::with_capacity(doc.tokens().len());
    let mut sentence = Vec::with_capacity(doc.tokens().len());
    for (s, range) in doc.sentences().iter().enumerate() {
        for t in &doc.tokens()[range.clone()] {
            let mut start = t.span.start;
            let first = edges.partition_point(|&e| e <= start);
            for &cut in edges[first..].iter().take_while(|&&e| e < t.span.end) {
                spans.push(Span::new(start, cut));
                sentence.push(s);
                start = cut;
            }
            spans.push(Span::new(start, t.span.end));
            sentence.push(s);
        }
    }
    let entities = ann
        .entities
        .iter()
        .filter_map(|e| {
            let a = spans.partition_point(|t| t.start < e.span.start);
            let b = spans.partition_point(|t| t.end <= e.span.end);
            (a < b).then_some((a..b, e.label))
        })
        .collect();
    Tokens {
        spans,
        sentence,
        entities,
    }
}

/// spaCy v3's JSON training format (what `spacy convert` reads and
/// `spacy.training.docs_to_json` writes): one document, one paragraph, the
/// sentences' tokens with `"space"` (the one space after a token, or none) and
/// BILUO entity tags. Every other run of white space is a token of its own, as
/// spaCy's tokenizer makes it, so the words and spaces give back the text
/// exactly: `Doc.text` is the article, and every entity a `Doc.ents` span.
pub(super) fn spacy(doc: &Document, ann: &Annotations) -> String {
    let text = doc.text();
    let toks = tokens(doc, ann);
    let mut ner = vec![String::from("O"); toks.spans.len()];
    for (r, label) in &toks.entities {
        if r.len() == 1 {
            ner[r.start] = format!("U-{label}");
        } else {
            ner[r.start] = format!("B-{label}");
            for t in &mut ner[r.start + 1..r.end - 1] {
                *t = format!("I-{label}");
            }
            ner[r.end - 1] = format!("L-{label}");
        }
    }
    // (text, space after, ner, sentence) per spaCy token.
    let mut words: Vec<(&str, bool, String, usize)> = Vec::with_capacity(toks.spans.len() * 2);
    /// The text between two tokens: the one space after the first, and the rest as a token.
    fn gap<'t>(words: &mut Vec<(&'t str, bool, String, usize)>, mut g: &'t str, tag: &str) {
        if let Some(last) = words.last_mut() {
            if let Some(rest) = g.strip_prefix(' ') {
                last.1 = true;
                g = rest;
            }
        }
        if !g.is_empty() {
            let sentence = words.last().map_or(0, |w| w.3);
            words.push((g, false, tag.to_string(), sentence));
        }
    }
    let mut at = 0;
    for (i, s) in toks.spans.iter().enumerate() {
        // White space inside an entity belongs to it.
        let tag = match ner[i].split_once('-') {
            Some(("I" | "L", label)) => format!("I-{label}"),
            _ => "O".to_string(),
        };
        gap(&mut words, &text[at..s.start], &tag);
        words.push((&text[s.range()], false, ner[i].clone(), toks.sentence[i]));
        at = s.end;
    }
    gap(&mut words, &text[at..], "O");
    // Keys in the order serde_json's maps keep them (sorted).
    #[derive(Serialize)]
    struct SpacyDoc<'a> {
        id: usize,
        paragraphs: [Paragraph<'a>; 1],
    }
    #[derive(Serialize)]
    struct Paragraph<'a> {
        raw: &'a str,
        sentences: Vec<Sentence<'a>>,
    }
    #[derive(Serialize)]
    struct Sentence<'a> {
        brackets: [(); 0],
        tokens: Vec<Token<'a>>,
    }
    #[derive(Serialize)]
    struct Token<'a> {
        id: usize,
        ner: String,
        orth: &'a str,
        space: &'static str,
    }
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut current: Option<usize> = None;
    for (id, (orth, space, ner, s)) in words.into_iter().enumerate() {
        if current != Some(s) {
            current = Some(s);
            sentences.push(Sentence {
                brackets: [],
                tokens: Vec::new(),
            });
        }
        sentences.last_mut().expect("pushed").tokens.push(Token {
            id,
            ner,
            orth,
            space: if space { " " } else { "" },
        });
    }
    serde_json::to_string_pretty(&[SpacyDoc {
        id: 0,
        paragraphs: [Paragraph {
            raw: text,
            sentences,
        }],
    }])
    .expect("serialisable")
}

/// CoNLL columns, IOB2: `-DOCSTART-` and its tag, then one token per line,
/// the token and its tag separated by a tab, a blank line after each
/// sentence. Sentences that an entity runs across are written as one, so that
/// no entity is cut by a blank line.
pub(super) fn conll(doc: &Document, ann: &Annotations) -> String {
    let text = doc.text();
    let toks = tokens(doc, ann);
    // Sentence breaks: where the sentence changes, unless an entity spans it.
    let mut breaks: Vec<usize> = (1..toks.spans.len())
        .filter(|&i| toks.sentence[i] != toks.sentence[i - 1])
        .collect();
    breaks.retain(|&b| !toks.entities.iter().any(|(r, _)| r.start < b && b < r.end));
    breaks.push(toks.spans.len());
    let mut out = String::from("-DOCSTART-\tO\n\n");
    let mut from = 0;
    for to in breaks {
        let spans: Vec<TokenSpan> = toks
            .entities
            .iter()
            .filter(|(r, _)| r.start >= from && r.end <= to)
            .map(|(r, label)| TokenSpan {
                start: r.start - from,
                end: r.end - from,
                label: *label,
            })
            .collect();
        let tags = iob2_from_spans(&spans, to - from);
        for (s, tag) in toks.spans[from..to].iter().zip(tags) {
            let _ = writeln!(out, "{}\t{tag}", &text[s.range()]);
        }
        if to > from {
            out.push('\n');
        }
        from = to;
    }
    out
}
