//! Newsmark's own document format: the text and everything known about it
//! (entities, claims, attributions, with their provenance), versioned. It is
//! the lossless export, the file the page saves, and what crosses the wasm
//! boundary (there with UTF-16 offsets; in files with code points).

use crate::annotation::Attribution;
use crate::annotation::{Annotations, Entity, Origin, Review, Status};
use crate::claims::{Claim, ClaimFacet, ClaimKind};
use crate::document::Document;
use crate::label::Label;
use crate::span::{OffsetIndex, Span, Unit};
use serde::{Deserialize, Serialize};

/// The schema version this build writes and reads.
pub const SCHEMA: u32 = 1;

/// Offset unit recorded in a Newsmark document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Offsets {
    /// Unicode code points (files).
    #[default]
    Codepoint,
    /// UTF-16 code units (JavaScript).
    Utf16,
}

impl Offsets {
    fn unit(self) -> Unit {
        match self {
            Offsets::Codepoint => Unit::Char,
            Offsets::Utf16 => Unit::Utf16,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanRec {
    pub start: usize,
    pub end: usize,
    /// The covered text (checked on reading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRec {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default = "one")]
    pub score: f32,
    #[serde(default = "user")]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRec {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default = "one")]
    pub score: f32,
    pub kind: ClaimKind,
    #[serde(default)]
    pub attribution: Option<usize>,
    #[serde(default = "user")]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
    /// A fact-checker's review of the claim (files before reviews have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// "quote" or "attributed" when an attribution reports the claim (absent before schema facets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facet: Option<ClaimFacet>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionRec {
    #[serde(default)]
    pub source: Option<SpanRec>,
    pub cue: SpanRec,
    pub content: Vec<SpanRec>,
    #[serde(default = "user")]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
    /// For a pronoun source ("she"), the entity mention it most likely refers
    /// to. Derived when the document is written; ignored when it is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<SpanRec>,
}

fn one() -> f32 {
    1.0
}
fn user() -> Origin {
    Origin::User
}

/// A Newsmark document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsmarkDoc {
    /// Schema version.
    pub newsmark: u32,
    #[serde(default)]
    pub offsets: Offsets,
    pub text: String,
    #[serde(default)]
    pub entities: Vec<EntityRec>,
    #[serde(default)]
    pub claims: Vec<ClaimRec>,
    #[serde(default)]
    pub attributions: Vec<AttributionRec>,
    /// Anything else the page keeps with the document (title, edit history,
    /// save time), carried through unchanged.
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub extra: serde_json::Value,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DocError {
    #[error("not a Newsmark document: {0}")]
    Syntax(String),
    #[error("Newsmark document schema {0} is newer than this version reads ({SCHEMA})")]
    Schema(u32),
    #[error("{what} {index}: offsets {start}..{end} do not fit the text")]
    Offsets {
        what: &'static str,
        index: usize,
        start: usize,
        end: usize,
    },
    #[error("{what} {index}: the file says it covers {expected:?} but the text there is {found:?}; the file was made for a different text")]
    TextMismatch {
        what: &'static str,
        index: usize,
        expected: String,
        found: String,
    },
    #[error("entities {0} and {1} overlap")]
    Overlap(usize, usize),
    #[error("claim {0} refers to attribution {1}, which does not exist")]
    BadLink(usize, usize),
    #[error("claim {0}: its review has no rating (a verdict such as \"False\" or \"Misleading\")")]
    ReviewWithoutRating(usize),
}

fn rec(index: &OffsetIndex, text: &str, span: Span, unit: Unit) -> SpanRec {
    let (start, end) = index.span_from_bytes(span, unit).unwrap_or((0, 0));
    SpanRec {
        start,
        end,
        text: Some(text[span.range()].to_string()),
    }
}

impl NewsmarkDoc {
    /// The document and its annotations with offsets in `offsets`.
    pub fn new(doc: &Document, ann: &Annotations, offsets: Offsets) -> Self {
        let text = doc.text();
        let index = doc.offsets();
        let unit = offsets.unit();
        let r = |s: Span| rec(&index, text, s, unit);
        NewsmarkDoc {
            newsmark: SCHEMA,
            offsets,
            text: text.to_string(),
            entities: ann
                .entities
                .iter()
                .map(|e| {
                    let s = r(e.span);
                    EntityRec {
                        start: s.start,
                        end: s.end,
                        label: e.label,
                        text: s.text,
                        score: e.score,
                        origin: e.origin,
                        status: e.status,
                    }
                })
                .collect(),
            claims: ann
                .claims
                .iter()
                .map(|c| {
                    let s = r(c.span);
                    ClaimRec {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        score: c.score,
                        kind: c.kind,
                        attribution: c.attribution,
                        origin: c.origin,
                        status: c.status,
                        review: c.review.clone(),
                        facet: c.facet,
                    }
                })
                .collect(),
            attributions: ann
                .attributions
                .iter()
                .zip(crate::attribution::referent::referents(doc, ann))
                .map(|(a, refers)| AttributionRec {
                    source: a.source.map(r),
                    cue: r(a.cue),
                    content: a.content.iter().map(|&c| r(c)).collect(),
                    origin: a.origin,
                    status: a.status,
                    refers_to: refers.map(|i| r(ann.entities[i].span)),
                })
                .collect(),
            extra: serde_json::Value::Null,
        }
    }

    /// Parses JSON, checking the schema version.
    pub fn parse(json: &str) -> Result<Self, DocError> {
        let v: serde_json::Value =
            serde_json::from_str(json).map_err(|e| DocError::Syntax(e.to_string()))?;
        match v.get("newsmark").and_then(serde_json::Value::as_u64) {
            None => {
                return Err(DocError::Syntax(
                    "no \"newsmark\" schema version field".into(),
                ))
            }
            Some(n) if n as u32 > SCHEMA => return Err(DocError::Schema(n as u32)),
            _ => {}
        }
        serde_json::from_value(v).map_err(|e| DocError::Syntax(e.to_string()))
    }

    /// The document and its annotations, every span checked against the text.
    pub fn into_parts(self) -> Result<(Document, Annotations, serde_json::Value), DocError> {
        let doc = Document::new(self.text);
        let index = doc.offsets();
        let unit = self.offsets.unit();
        let span = |what: &'static str, i: usize, s: &SpanRec| -> Result<Span, DocError> {
            let bytes = index
                .span_to_bytes(s.start, s.end, unit)
                .ok_or(DocError::Offsets {
                    what,
                    index: i,
                    start: s.start,
                    end: s.end,
                })?;
            let found = &doc.text()[bytes.range()];
            match &s.text {
                Some(t) if t != found => Err(DocError::TextMismatch {
                    what,
                    index: i,
                    expected: t.clone(),
                    found: found.to_string(),
                }),
                _ => Ok(bytes),
            }
        };
        let mut entities = Vec::with_capacity(self.entities.len());
        for (i, e) in self.entities.iter().enumerate() {
            let s = span(
                "entity",
                i,
                &SpanRec {
                    start: e.start,
                    end: e.end,
                    text: e.text.clone(),
                },
            )?;
            entities.push(Entity {
                span: s,
                label: e.label,
                score: e.score,
                origin: e.origin,
                status: e.status,
            });
        }
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by_key(|&i| (entities[i].span.start, entities[i].span.end));
        for w in order.windows(2) {
            if entities[w[0]].span.overlaps(entities[w[1]].span) {
                return Err(DocError::Overlap(w[0], w[1]));
            }
        }
        entities.sort_by_key(|e| (e.span.start, e.span.end));
        let mut attributions = Vec::with_capacity(self.attributions.len());
        for (i, a) in self.attributions.iter().enumerate() {
            attributions.push(Attribution {
                source: a
                    .source
                    .as_ref()
                    .map(|s| span("attribution source", i, s))
                    .transpose()?,
                cue: span("attribution cue", i, &a.cue)?,
                content: a
                    .content
                    .iter()
                    .map(|c| span("attribution content", i, c))
                    .collect::<Result<_, _>>()?,
                origin: a.origin,
                status: a.status,
            });
        }
        let mut claims = Vec::with_capacity(self.claims.len());
        for (i, c) in self.claims.iter().enumerate() {
            if let Some(a) = c.attribution.filter(|&a| a >= attributions.len()) {
                return Err(DocError::BadLink(i, a));
            }
            if c.review
                .as_ref()
                .is_some_and(|r| r.rating.trim().is_empty())
            {
                return Err(DocError::ReviewWithoutRating(i));
            }
            claims.push(Claim {
                span: span(
                    "claim",
                    i,
                    &SpanRec {
                        start: c.start,
                        end: c.end,
                        text: c.text.clone(),
                    },
                )?,
                score: c.score,
                kind: c.kind,
                attribution: c.attribution,
                origin: c.origin,
                status: c.status,
                review: c.review.clone(),
                facet: c.facet,
            });
        }
        Ok((
            doc,
            Annotations {
                entities,
                claims,
                attributions,
            },
            self.extra,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Document, Annotations) {
        let doc = Document::new("😀 Aliyev said: “Baku won.”\r\nNext\u{a0}day.");
        let t = doc.text();
        let at = |s: &str| {
            let b = t.find(s).unwrap();
            Span::new(b, b + s.len())
        };
        let ann = Annotations {
            entities: vec![
                Entity {
                    span: at("Aliyev"),
                    label: Label::Per,
                    score: 0.9,
                    origin: Origin::Model,
                    status: Status::Suggested,
                },
                Entity {
                    span: at("Baku"),
                    label: Label::Loc,
                    score: 1.0,
                    origin: Origin::User,
                    status: Status::Accepted,
                },
            ],
            claims: vec![Claim {
                span: at("😀 Aliyev said: “Baku won.”"),
                score: 0.8,
                kind: ClaimKind::Other,
                attribution: Some(0),
                origin: Origin::Model,
                status: Status::Suggested,
                review: None,
                facet: None,
            }],
            attributions: vec![Attribution {
                source: Some(at("Aliyev")),
                cue: at("said"),
                content: vec![at("“Baku won.”")],
                origin: Origin::Model,
                status: Status::Suggested,
            }],
        };
        (doc, ann)
    }

    #[test]
    fn round_trips_in_both_units() {
        let (doc, ann) = sample();
        for unit in [Offsets::Codepoint, Offsets::Utf16] {
            let json = serde_json::to_string(&NewsmarkDoc::new(&doc, &ann, unit)).unwrap();
            let (doc2, ann2, _) = NewsmarkDoc::parse(&json).unwrap().into_parts().unwrap();
            assert_eq!(doc2.text(), doc.text());
            assert_eq!(ann2, ann);
        }
        // Code points: the emoji is one.
        let nd = NewsmarkDoc::new(&doc, &ann, Offsets::Codepoint);
        assert_eq!((nd.entities[0].start, nd.entities[0].end), (2, 8));
        let nd = NewsmarkDoc::new(&doc, &ann, Offsets::Utf16);
        assert_eq!((nd.entities[0].start, nd.entities[0].end), (3, 9));
    }

    #[test]
    fn rejects_bad_documents_with_reasons() {
        let (doc, ann) = sample();
        let mut nd = NewsmarkDoc::new(&doc, &ann, Offsets::Codepoint);
        nd.entities[0].text = Some("Pashinyan".into());
        let err = nd.clone().into_parts().unwrap_err();
        assert!(err.to_string().contains("different text"), "{err}");
        nd.entities[0].text = None;
        nd.entities[0].end = 10_000;
        assert!(matches!(nd.into_parts(), Err(DocError::Offsets { .. })));
        assert!(matches!(
            NewsmarkDoc::parse("{\"newsmark\": 99, \"text\": \"\"}"),
            Err(DocError::Schema(99))
        ));
        assert!(matches!(
            NewsmarkDoc::parse("[1, 2"),
            Err(DocError::Syntax(_))
        ));
        let mut nd = NewsmarkDoc::new(&doc, &ann, Offsets::Codepoint);
        nd.entities[1].start = nd.entities[0].start;
        nd.entities[1].end = nd.entities[0].end + 1;
        nd.entities[1].text = None;
        assert!(matches!(nd.into_parts(), Err(DocError::Overlap(..))));
    }
}
