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

use super::shared::cp;
use crate::annotation::Annotations;
use crate::document::Document;
use crate::span::{OffsetIndex, Span};
use serde_json::{json, Value};
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

/// The JSON-LD context of the file and of each annotation in it.
fn context() -> Value {
    json!(["http://www.w3.org/ns/anno.jsonld", { "newsmark": "urn:newsmark:" }])
}

/// Up to 32 characters of context on each side, for a TextQuoteSelector.
fn quote_context(text: &str, s: Span) -> (String, String) {
    let prefix: String = text[..s.start]
        .chars()
        .rev()
        .take(32)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let suffix: String = text[s.end..].chars().take(32).collect();
    (prefix, suffix)
}

pub(super) fn webanno(doc: &Document, ann: &Annotations, index: &OffsetIndex) -> String {
    let text = doc.text();
    let mut ids = Ids::new(text);
    let source = ids.doc.urn().to_string();
    let target = |s: Span| {
        let (start, end) = cp(index, s);
        let (prefix, suffix) = quote_context(text, s);
        json!({
            "source": source,
            "selector": [
                { "type": "TextPositionSelector", "start": start, "end": end },
                { "type": "TextQuoteSelector", "exact": &text[s.range()], "prefix": prefix, "suffix": suffix }
            ]
        })
    };
    let tagging =
        |value: String| json!({ "type": "TextualBody", "purpose": "tagging", "value": value });
    let annotation = |id: String, motivation: &str, body: Value, target: Value| {
        json!({
            "@context": context(),
            "id": id,
            "type": "Annotation",
            "motivation": motivation,
            "body": body,
            "target": target,
        })
    };
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
        item["newsmark:score"] = json!(e.score);
        item["newsmark:origin"] = json!(e.origin);
        item["newsmark:status"] = json!(e.status);
        items.push(item);
    }
    for c in &ann.claims {
        let body = json!({
            "type": "TextualBody",
            "purpose": "classifying",
            "value": format!("claim:{}", c.kind.as_str()),
        });
        let mut item = annotation(
            ids.id(span_name("claim", c.span)),
            "classifying",
            body,
            target(c.span),
        );
        item["newsmark:score"] = json!(c.score);
        if let Some(a) = c.attribution.and_then(|a| attribution_ids.get(a)) {
            item["newsmark:attribution"] = json!(a);
        }
        items.push(item);
    }
    for (a, id) in ann.attributions.iter().zip(&attribution_ids) {
        let roles = a
            .source
            .map(|s| ("source", s))
            .into_iter()
            .chain([("cue", a.cue)])
            .chain(a.content.iter().map(|&s| ("content", s)));
        let parts: Vec<(String, Value)> = roles
            .map(|(role, s)| {
                let part_id = ids.id(format!("{} {}", id, span_name(role, s)));
                let mut item = annotation(
                    part_id.clone(),
                    "tagging",
                    tagging(format!("attribution:{role}")),
                    target(s),
                );
                item["newsmark:attribution"] = json!(id);
                (part_id, item)
            })
            .collect();
        let targets: Vec<&String> = parts.iter().map(|(p, _)| p).collect();
        items.push(annotation(
            id.clone(),
            "linking",
            tagging("attribution".into()),
            json!(targets),
        ));
        items.extend(parts.into_iter().map(|(_, item)| item));
    }
    let collection = ids.id("collection".into());
    let page = ids.id("page 0".into());
    serde_json::to_string_pretty(&json!({
        "@context": context(),
        "id": collection,
        "type": "AnnotationCollection",
        "label": "Newsmark annotations",
        "total": items.len(),
        "first": {
            "id": page,
            "type": "AnnotationPage",
            "partOf": collection,
            "startIndex": 0,
            "items": items,
        },
        "last": page,
    }))
    .expect("serialisable")
}
