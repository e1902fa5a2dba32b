//! W3C Web Annotation: an `AnnotationCollection` with one embedded
//! `AnnotationPage` of annotations (JSON-LD).
//!
//! Every annotation, the collection and the page have an absolute IRI as
//! `id`: a name-based (v5) `urn:uuid:`, made from a hash of the text and what
//! the annotation is (its kind and offsets), so the same annotation of the
//! same text has the same id in every export, and a file read back and
//! written again is byte for byte the same. An attribution is an annotation
//! (motivation `linking`) whose targets are its parts, each part an
//! annotation of its own that names the attribution in `newsmark:attribution`.
//!
//! Written through serde structs rather than `json!` values: the same file,
//! in less wasm code.

use super::shared::cp;
use crate::annotation::{Annotations, Origin, Status};
use crate::document::Document;
use crate::span::{OffsetIndex, Span};
use serde::Serialize;
use std::collections::HashSet;
use uuid::Uuid;

/// The namespace of Newsmark's name-based ids (itself the v5 id of
/// `urn:newsmark` in the URL namespace).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:newsmark")
}

/// Ids for one document: each name gives one `urn:uuid:`; a name used twice
/// (two annotations alike in every way) gets a counter.
struct Ids {
    doc: Uuid,
    used: HashSet<String>,
}

impl Ids {
    fn new(text: &str) -> Self {
        Ids {
            doc: Uuid::new_v5(&namespace(), text.as_bytes()),
            used: HashSet::new(),
        }
    }

    fn id(&mut self, name: String) -> String {
        let mut unique = name.clone();
        let mut n = 1;
        while !self.used.insert(unique.clone()) {
            n += 1;
            unique = format!("{name} {n}");
        }
        Uuid::new_v5(&self.doc, unique.as_bytes()).urn().to_string()
    }
}

/// The JSON-LD context of the file and of each annotation in it:
/// `["http://www.w3.org/ns/anno.jsonld", {"newsmark": "urn:newsmark:"}]`.
#[derive(Serialize)]
struct Context(&'static str, Prefix);

#[derive(Serialize)]
struct Prefix {
    newsmark: &'static str,
}

fn context() -> Context {
    Context(
        "http://www.w3.org/ns/anno.jsonld",
        Prefix {
            newsmark: "urn:newsmark:",
        },
    )
}

// Fields in the order serde_json's maps keep them (sorted), as before.
#[derive(Serialize)]
struct Annotation<'a> {
    #[serde(rename = "@context")]
    context: Context,
    body: Body,
    id: String,
    motivation: &'static str,
    #[serde(
        rename = "newsmark:attribution",
        skip_serializing_if = "Option::is_none"
    )]
    attribution: Option<String>,
    #[serde(rename = "newsmark:origin", skip_serializing_if = "Option::is_none")]
    origin: Option<Origin>,
    #[serde(rename = "newsmark:score", skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
    #[serde(rename = "newsmark:status", skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    target: Target<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Body {
    purpose: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Target<'a> {
    /// A span of the text.
    Text {
        selector: (Position, Quote<'a>),
        source: &'a str,
    },
    /// Other annotations (an attribution's parts), by id.
    Annotations(Vec<String>),
}

#[derive(Serialize)]
struct Position {
    end: usize,
    start: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Quote<'a> {
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: Context,
    first: Page<'a>,
    id: String,
    label: &'static str,
    last: String,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    items: Vec<Annotation<'a>>,
    #[serde(rename = "partOf")]
    part_of: String,
    #[serde(rename = "startIndex")]
    start_index: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// Up to 32 characters of context on each side, for a TextQuoteSelector.
fn quote_context(text: &str, s: Span) -> (&str, &str) {
    let before = &text[..s.start];
    let from = before.char_indices().rev().nth(31).map_or(0, |(i, _)| i);
    let after = &text[s.end..];
    let to = after.char_indices().nth(32).map_or(after.len(), |(i, _)| i);
    (&before[from..], &after[..to])
}

fn tagging(value: String) -> Body {
    Body {
        purpose: "tagging",
        kind: "TextualBody",
        value,
    }
}

pub(super) fn webanno(doc: &Document, ann: &Annotations, index: &OffsetIndex) -> String {
    let text = doc.text();
    let mut ids = Ids::new(text);
    let source = ids.doc.urn().to_string();
    let target = |s: Span| {
        let (start, end) = cp(index, s);
        let (prefix, suffix) = quote_context(text, s);
        Target::Text {
            selector: (
                Position {
                    end,
                    start,
                    kind: "TextPositionSelector",
                },
                Quote {
                    exact: &text[s.range()],
                    prefix,
                    suffix,
                    kind: "TextQuoteSelector",
                },
            ),
            source: &source,
        }
    };
    fn annotation<'a>(
        id: String,
        motivation: &'static str,
        body: Body,
        target: Target<'a>,
    ) -> Annotation<'a> {
        Annotation {
            context: context(),
            body,
            id,
            motivation,
            attribution: None,
            origin: None,
            score: None,
            status: None,
            target,
            kind: "Annotation",
        }
    }
    let span_name = |what: &str, s: Span| {
        let (a, b) = cp(index, s);
        format!("{what} {a} {b}")
    };
    // Attribution ids first: claims name them.
    let attribution_ids: Vec<String> = ann
        .attributions
        .iter()
        .map(|a| ids.id(span_name("attribution", a.cue)))
        .collect();
    let mut items = Vec::new();
    for e in &ann.entities {
        let mut item = annotation(
            ids.id(span_name("entity", e.span)),
            "tagging",
            tagging(e.label.to_string()),
            target(e.span),
        );
        item.score = Some(e.score);
        item.origin = Some(e.origin);
        item.status = Some(e.status);
        items.push(item);
    }
    for c in &ann.claims {
        let body = Body {
            purpose: "classifying",
            kind: "TextualBody",
            value: format!("claim:{}", c.kind.as_str()),
        };
        let mut item = annotation(
            ids.id(span_name("claim", c.span)),
            "classifying",
            body,
            target(c.span),
        );
        item.score = Some(c.score);
        item.attribution = c.attribution.and_then(|a| attribution_ids.get(a)).cloned();
        items.push(item);
    }
    for (a, id) in ann.attributions.iter().zip(&attribution_ids) {
        let roles = a
            .source
            .map(|s| ("source", s))
            .into_iter()
            .chain([("cue", a.cue)])
            .chain(a.content.iter().map(|&s| ("content", s)));
        let parts: Vec<Annotation> = roles
            .map(|(role, s)| {
                let mut item = annotation(
                    ids.id(format!("{} {}", id, span_name(role, s))),
                    "tagging",
                    tagging(format!("attribution:{role}")),
                    target(s),
                );
                item.attribution = Some(id.clone());
                item
            })
            .collect();
        let targets = parts.iter().map(|p| p.id.clone()).collect();
        items.push(annotation(
            id.clone(),
            "linking",
            tagging("attribution".into()),
            Target::Annotations(targets),
        ));
        items.extend(parts);
    }
    let collection = ids.id("collection".into());
    let page = ids.id("page 0".into());
    let total = items.len();
    serde_json::to_string_pretty(&Collection {
        context: context(),
        first: Page {
            id: page.clone(),
            items,
            part_of: collection.clone(),
            start_index: 0,
            kind: "AnnotationPage",
        },
        id: collection,
        label: "Newsmark annotations",
        last: page,
        total,
        kind: "AnnotationCollection",
    })
    .expect("serialisable")
}
