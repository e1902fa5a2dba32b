//! Exporters: pure functions from a document and its annotations to the
//! formats Newsmark writes. Offsets leave the core here, converted from
//! bytes to code points (exports, CLI) or UTF-16 units (JavaScript).

mod claimreview;
pub mod formats;
mod html;
pub mod json;
mod shared;
mod tokens;
mod webanno;

pub use formats::{export, Format};
pub use json::NewsmarkDoc;

use crate::annotation::Annotations;
use crate::claims::ClaimKind;
use crate::document::Document;
use crate::label::Label;
use crate::span::{Span, Unit};
use serde::Serialize;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("span {start}..{end} does not fit the text (length {len} bytes)")]
    SpanOutOfText {
        start: usize,
        end: usize,
        len: usize,
    },
}

/// A span as it leaves the core: offsets in the caller's unit, and its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanOut<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityOut<'a> {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub text: &'a str,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimOut<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Always true: only check-worthy statements are listed.
    pub checkworthy: bool,
    pub score: f64,
    pub kind: ClaimKind,
    /// Index into `attributions`, or null.
    pub attribution: Option<usize>,
    /// "quote" or "attributed" when an attribution reports the claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facet: Option<crate::annotation::ClaimFacet>,
}

/// The annotation record of the CLI contract and of the JavaScript API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotationsOut<'a> {
    pub entities: Vec<EntityOut<'a>>,
    /// Check-worthy claims, in document order.
    pub claims: Vec<ClaimOut<'a>>,
    /// Every attribution found, check-worthy or not.
    pub attributions: Vec<AttributionOut<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributionOut<'a> {
    /// Who is reported (null when the statement has no stated source).
    pub source: Option<SpanOut<'a>>,
    pub cue: SpanOut<'a>,
    /// The content, from its first piece to its last.
    pub content: SpanOut<'a>,
    /// The content's pieces when a quote is split around its cue.
    pub content_pieces: Vec<SpanOut<'a>>,
    /// Index into `entities` of the entity the source is (or contains), or null.
    pub source_entity: Option<usize>,
    /// For a pronoun source ("she", "who", "I" in a quotation), index into
    /// `entities` of the mention it most likely refers to, or null.
    pub source_refers_to: Option<usize>,
}

/// Converts a byte span to `unit`, with its text.
pub fn span_out<'a>(
    doc: &'a Document,
    index: &crate::span::OffsetIndex<'a>,
    span: Span,
    unit: Unit,
) -> Result<SpanOut<'a>, ExportError> {
    let err = || ExportError::SpanOutOfText {
        start: span.start,
        end: span.end,
        len: doc.text().len(),
    };
    let text = span.text(doc.text()).ok_or_else(err)?;
    let (start, end) = index.span_from_bytes(span, unit).ok_or_else(err)?;
    Ok(SpanOut { start, end, text })
}

/// Scores are reported with 4 decimals.
fn round_score(s: f32) -> f64 {
    (s as f64 * 1e4).round() / 1e4
}

/// The annotation record with offsets in `unit`.
pub fn annotations_out<'a>(
    doc: &'a Document,
    ann: &Annotations,
    unit: Unit,
) -> Result<AnnotationsOut<'a>, ExportError> {
    let index = doc.offsets();
    let entities = ann
        .entities
        .iter()
        .map(|e| {
            let s = span_out(doc, &index, e.span, unit)?;
            Ok(EntityOut {
                start: s.start,
                end: s.end,
                label: e.label,
                text: s.text,
                score: round_score(e.score),
            })
        })
        .collect::<Result<_, ExportError>>()?;
    let claims = ann
        .claims
        .iter()
        .map(|c| {
            let s = span_out(doc, &index, c.span, unit)?;
            Ok(ClaimOut {
                start: s.start,
                end: s.end,
                text: s.text,
                checkworthy: true,
                score: round_score(c.score),
                kind: c.kind,
                attribution: c.attribution,
                facet: c.facet,
            })
        })
        .collect::<Result<_, ExportError>>()?;
    let refers = crate::attribution::referent::referents(doc, ann);
    let source_entities = NestedIndex::new(&ann.entities);
    let attributions = ann
        .attributions
        .iter()
        .zip(refers)
        .filter_map(|(a, r)| a.content_span().map(|c| (a, c, r)))
        .map(|(a, content, source_refers_to)| {
            let source_entity = a.source.and_then(|s| source_entities.first_nested(s));
            Ok(AttributionOut {
                source: a
                    .source
                    .map(|s| span_out(doc, &index, s, unit))
                    .transpose()?,
                cue: span_out(doc, &index, a.cue, unit)?,
                content: span_out(doc, &index, content, unit)?,
                content_pieces: a
                    .content
                    .iter()
                    .map(|&p| span_out(doc, &index, p, unit))
                    .collect::<Result<_, _>>()?,
                source_entity,
                source_refers_to,
            })
        })
        .collect::<Result<_, ExportError>>()?;
    Ok(AnnotationsOut {
        entities,
        claims,
        attributions,
    })
}

/// Finds, for a span, the first entity (in list order) that lies inside it or
/// holds it, in logarithmic time: entities are indexed by start, and only
/// those starting between `span.end - longest entity` and `span.end` can
/// qualify. (A scan of every entity per attribution made the export
/// quadratic: 55% of the CLI's time on a 4 MiB piece.)
struct NestedIndex<'a> {
    entities: &'a [crate::annotation::Entity],
    /// (start, index) of each entity, in order.
    by_start: Vec<(usize, usize)>,
    longest: usize,
}

impl<'a> NestedIndex<'a> {
    fn new(entities: &'a [crate::annotation::Entity]) -> Self {
        // A plain sort of pairs: the wasm already holds that code (annotate.rs).
        let mut by_start: Vec<(usize, usize)> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.span.start, i))
            .collect();
        by_start.sort();
        let longest = entities.iter().map(|e| e.span.len()).max().unwrap_or(0);
        NestedIndex {
            entities,
            by_start,
            longest,
        }
    }

    fn first_nested(&self, s: Span) -> Option<usize> {
        let lo = s.start.min(s.end.saturating_sub(self.longest));
        let from = self.by_start.partition_point(|&(start, _)| start < lo);
        let to = self.by_start.partition_point(|&(start, _)| start <= s.end);
        self.by_start[from..to]
            .iter()
            .map(|&(_, i)| i)
            .filter(|&i| {
                let e = self.entities[i].span;
                s.contains(e) || e.contains(s)
            })
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Entity, Origin, Status};

    #[test]
    fn offsets_leave_in_the_callers_unit() {
        let doc = Document::new("😀 Café in Baku");
        let b = doc.text().find("Baku").unwrap();
        let ann = Annotations {
            entities: vec![Entity {
                span: Span::new(b, b + 4),
                label: Label::Loc,
                score: 0.912345,
                origin: Origin::Model,
                status: Status::Suggested,
            }],
            claims: Vec::new(),
            attributions: Vec::new(),
        };
        let cp = annotations_out(&doc, &ann, Unit::Char).unwrap();
        assert_eq!((cp.entities[0].start, cp.entities[0].end), (10, 14));
        assert_eq!(cp.entities[0].text, "Baku");
        assert_eq!(cp.entities[0].score, 0.9123);
        let u16 = annotations_out(&doc, &ann, Unit::Utf16).unwrap();
        assert_eq!((u16.entities[0].start, u16.entities[0].end), (11, 15));
        let json = serde_json::to_value(&cp).unwrap();
        assert_eq!(json["claims"], serde_json::json!([]));
        assert_eq!(json["entities"][0]["label"], "LOC");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The index finds the same entity as a scan of the whole list, for
        /// overlapping, nested, unsorted and empty spans alike.
        #[test]
        fn nested_index_agrees_with_a_scan(
            spans in proptest::collection::vec((0usize..60, 0usize..12), 0..25),
            (start, len) in (0usize..70, 0usize..20),
        ) {
            let entities: Vec<Entity> = spans
                .iter()
                .map(|&(s, l)| Entity {
                    span: Span::new(s, s + l),
                    label: Label::Per,
                    score: 1.0,
                    origin: Origin::Model,
                    status: Status::Suggested,
                })
                .collect();
            let s = Span::new(start, start + len);
            let scan = entities
                .iter()
                .position(|e| s.contains(e.span) || e.span.contains(s));
            proptest::prop_assert_eq!(NestedIndex::new(&entities).first_nested(s), scan);
        }
    }

    #[test]
    fn bad_spans_are_errors_not_panics() {
        let doc = Document::new("héllo");
        let ann = Annotations {
            entities: vec![Entity {
                span: Span::new(1, 2),
                label: Label::Per,
                score: 1.0,
                origin: Origin::User,
                status: Status::Suggested,
            }],
            claims: Vec::new(),
            attributions: Vec::new(),
        };
        assert!(annotations_out(&doc, &ann, Unit::Char).is_err());
    }
}
