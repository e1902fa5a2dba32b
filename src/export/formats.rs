//! The export formats. Every exporter is a pure function of the document and
//! its annotations; every offset it writes is in Unicode code points.

use super::claimreview::claimreview;
use super::html::html;
use super::json::{NewsmarkDoc, Offsets};
use super::shared::cp;
use super::tokens::{conll, spacy};
use super::webanno::webanno;
use super::ExportError;
use crate::annotation::Annotations;
use crate::document::Document;
use crate::span::{OffsetIndex, Span};
use std::fmt::Write;
use std::str::FromStr;

/// The formats Newsmark writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML file: inline CSS, no script, a CSP that forbids scripts.
    Html,
    /// Newsmark's own versioned JSON: everything, provenance included.
    Json,
    /// Prodigy/doccano JSON lines: `{"text", "spans": [{"start", "end", "label"}]}`.
    Prodigy,
    /// spaCy v3's JSON training format: tokens with their spaces (white space
    /// as tokens), BILUO entity tags; `spacy convert` makes it a DocBin.
    Spacy,
    /// brat standoff `.ann` lines.
    Brat,
    /// CoNLL columns, IOB2: token, tab, tag; one token per line.
    Conll,
    /// A W3C Web Annotation JSON-LD collection, every id a `urn:uuid:`.
    Webanno,
    /// schema.org JSON-LD: a `ClaimReview` for each reviewed claim, a `Claim`
    /// for each claim not reviewed yet.
    ClaimReview,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Html,
        Format::Json,
        Format::Prodigy,
        Format::Spacy,
        Format::Brat,
        Format::Conll,
        Format::Webanno,
        Format::ClaimReview,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Json => "json",
            Format::Prodigy => "prodigy",
            Format::Spacy => "spacy",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::Webanno => "webanno",
            Format::ClaimReview => "claimreview",
        }
    }

    /// File name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Json => "newsmark.json",
            Format::Prodigy => "jsonl",
            Format::Spacy => "spacy.json",
            Format::Brat => "ann",
            Format::Conll => "conll",
            Format::Webanno => "jsonld",
            Format::ClaimReview => "claimreview.jsonld",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html",
            Format::Json | Format::Spacy => "application/json",
            Format::Prodigy => "application/jsonl",
            Format::Brat | Format::Conll => "text/plain",
            Format::Webanno | Format::ClaimReview => "application/ld+json",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown format {0:?} (known: html, json, prodigy, spacy, brat, conll, webanno, claimreview)"
)]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Writes `doc` and `ann` in `format`.
pub fn export(doc: &Document, ann: &Annotations, format: Format) -> Result<String, ExportError> {
    check(doc, ann)?;
    let index = doc.offsets();
    Ok(match format {
        Format::Json => {
            serde_json::to_string_pretty(&NewsmarkDoc::new(doc, ann, Offsets::Codepoint))
                .expect("serialisable")
        }
        Format::Html => html(doc, ann),
        Format::Prodigy => prodigy(doc, ann, &index),
        Format::Spacy => spacy(doc, ann),
        Format::Brat => brat(doc, ann, &index),
        Format::Conll => conll(doc, ann),
        Format::Webanno => webanno(doc, ann, &index),
        Format::ClaimReview => claimreview(doc, ann, &index),
    })
}

/// Every span must lie in the text on character boundaries.
fn check(doc: &Document, ann: &Annotations) -> Result<(), ExportError> {
    let text = doc.text();
    let spans = ann
        .entities
        .iter()
        .map(|e| e.span)
        .chain(ann.claims.iter().map(|c| c.span))
        .chain(ann.attributions.iter().flat_map(|a| {
            a.source
                .into_iter()
                .chain([a.cue])
                .chain(a.content.iter().copied())
        }));
    for s in spans {
        if s.text(text).is_none() || s.start > s.end {
            return Err(ExportError::SpanOutOfText {
                start: s.start,
                end: s.end,
                len: text.len(),
            });
        }
    }
    Ok(())
}

/// One Prodigy task: the text and its entity spans. Claims and attributions,
/// which Prodigy's span format has no place for, ride along under a
/// `newsmark` key (Prodigy keeps a task's other keys), in the records of
/// Newsmark's own JSON, so that converting to Prodigy and back loses nothing.
fn prodigy(doc: &Document, ann: &Annotations, index: &OffsetIndex) -> String {
    // Keys in the order serde_json's maps keep them (sorted).
    #[derive(serde::Serialize)]
    struct Task<'a> {
        meta: Meta,
        #[serde(skip_serializing_if = "Option::is_none")]
        newsmark: Option<Layers>,
        spans: Vec<SpanOut>,
        text: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Meta {
        source: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Layers {
        attributions: Vec<super::json::AttributionRec>,
        claims: Vec<super::json::ClaimRec>,
    }
    #[derive(serde::Serialize)]
    struct SpanOut {
        end: usize,
        label: crate::label::Label,
        start: usize,
    }
    let spans = ann
        .entities
        .iter()
        .map(|e| {
            let (start, end) = cp(index, e.span);
            SpanOut {
                end,
                label: e.label,
                start,
            }
        })
        .collect();
    let newsmark = (!ann.claims.is_empty() || !ann.attributions.is_empty()).then(|| {
        let full = NewsmarkDoc::new(doc, ann, Offsets::Codepoint);
        Layers {
            attributions: full.attributions,
            claims: full.claims,
        }
    });
    let task = Task {
        meta: Meta { source: "newsmark" },
        newsmark,
        spans,
        text: doc.text(),
    };
    let mut line = serde_json::to_string(&task).expect("serialisable");
    line.push('\n');
    line
}

/// brat's covered-text field cannot hold a line break: such spans are
/// written as several fragments, split at line breaks.
fn brat_fragments(text: &str, index: &OffsetIndex, s: Span) -> (String, String) {
    let mut pieces = Vec::new();
    let mut start = s.start;
    for (i, c) in text[s.range()].char_indices() {
        let at = s.start + i;
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            if at > start {
                pieces.push(Span::new(start, at));
            }
            start = at + c.len_utf8();
        }
    }
    if s.end > start {
        pieces.push(Span::new(start, s.end));
    }
    if pieces.is_empty() {
        pieces.push(s);
    }
    let offsets = pieces
        .iter()
        .map(|&p| {
            let (a, b) = cp(index, p);
            format!("{a} {b}")
        })
        .collect::<Vec<_>>()
        .join(";");
    let covered = pieces
        .iter()
        .map(|p| &text[p.range()])
        .collect::<Vec<_>>()
        .join(" ");
    (offsets, covered)
}

fn brat(doc: &Document, ann: &Annotations, index: &OffsetIndex) -> String {
    let text = doc.text();
    let mut out = String::new();
    let mut t = 0;
    let mut a = 0;
    let mut span_line = |out: &mut String, kind: &str, spans: &[Span]| -> String {
        t += 1;
        let parts: Vec<(String, String)> = spans
            .iter()
            .map(|&s| brat_fragments(text, index, s))
            .collect();
        let offsets = parts
            .iter()
            .map(|p| p.0.as_str())
            .collect::<Vec<_>>()
            .join(";");
        let covered = parts
            .iter()
            .map(|p| p.1.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(out, "T{t}\t{kind} {offsets}\t{covered}");
        format!("T{t}")
    };
    for e in &ann.entities {
        span_line(&mut out, e.label.as_str(), &[e.span]);
    }
    let mut sources = Vec::new();
    for (n, at) in ann.attributions.iter().enumerate() {
        let src = at.source.map(|s| span_line(&mut out, "Source", &[s]));
        let cue = span_line(&mut out, "Cue", &[at.cue]);
        let content = span_line(&mut out, "Content", &at.content);
        let anchor = span_line(&mut out, "Attribution", &[at.cue]);
        let source_arg = src
            .as_ref()
            .map_or(String::new(), |s| format!(" Source:{s}"));
        let _ = writeln!(
            out,
            "E{}\tAttribution:{anchor} Content:{content} Cue:{cue}{source_arg}",
            n + 1
        );
        sources.push(src);
    }
    let mut r = 0;
    for c in &ann.claims {
        let id = span_line(&mut out, "Claim", &[c.span]);
        a += 1;
        let _ = writeln!(out, "A{a}\tKind {id} {}", c.kind.as_str());
        if let Some(Some(src)) = c.attribution.map(|i| &sources[i]) {
            r += 1;
            let _ = writeln!(out, "R{r}\tClaimant Arg1:{id} Arg2:{src}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::shared::claimant;
    use super::*;
    use crate::annotation::Attribution;
    use crate::annotation::{Origin, Status};
    use crate::claims::{Claim, ClaimKind};
    use crate::label::Label;
    use serde_json::{json, Value};

    #[test]
    fn the_claimant_is_shown_without_the_closing_comma_of_an_apposition() {
        let doc = Document::new(
            "Ursula Kessler, the head of Nordwind Energy, said on Friday that prices would rise.",
        );
        let t = doc.text();
        let at = |s: &str| {
            let b = t.find(s).unwrap();
            Span::new(b, b + s.len())
        };
        let ann = Annotations {
            entities: Vec::new(),
            claims: vec![Claim {
                span: at(t.trim_end_matches('.')),
                score: 0.9,
                kind: ClaimKind::Prediction,
                attribution: Some(0),
                origin: Origin::Model,
                status: Status::Suggested,
                review: None,
                facet: None,
            }],
            attributions: vec![Attribution {
                source: Some(at("Ursula Kessler, the head of Nordwind Energy,")),
                cue: at("said"),
                content: vec![at("that prices would rise")],
                origin: Origin::Model,
                status: Status::Suggested,
            }],
        };
        assert_eq!(
            claimant(&doc, &ann, &[None], 0).as_deref(),
            Some("Ursula Kessler, the head of Nordwind Energy")
        );
        let page = html(&doc, &ann);
        assert!(page.contains("claimant: Ursula Kessler, the head of Nordwind Energy"));
        let review: Value = serde_json::from_str(&claimreview(&doc, &ann, &doc.offsets())).unwrap();
        assert_eq!(
            review[0]["author"]["name"],
            "Ursula Kessler, the head of Nordwind Energy"
        );
        assert!(!page.contains("Nordwind Energy,</"), "{page}");
    }

    #[test]
    fn a_pronoun_claimant_is_shown_with_the_name_it_refers_to() {
        let doc = Document::new("Maria Lopez spoke in Boston. She said jobs had doubled.");
        let t = doc.text();
        let at = |s: &str| {
            let b = t.find(s).unwrap();
            Span::new(b, b + s.len())
        };
        let ann = Annotations {
            entities: vec![crate::annotation::Entity {
                span: at("Maria Lopez"),
                label: Label::Per,
                score: 0.99,
                origin: Origin::Model,
                status: Status::Suggested,
            }],
            claims: vec![Claim {
                span: at("She said jobs had doubled."),
                score: 0.9,
                kind: ClaimKind::Quantity,
                attribution: Some(0),
                origin: Origin::Model,
                status: Status::Suggested,
                review: None,
                facet: None,
            }],
            attributions: vec![Attribution {
                source: Some(at("She")),
                cue: at("said"),
                content: vec![at("jobs had doubled")],
                origin: Origin::Model,
                status: Status::Suggested,
            }],
        };
        assert!(html(&doc, &ann).contains("claimant: She (Maria Lopez)"));
        let review: Value = serde_json::from_str(&claimreview(&doc, &ann, &doc.offsets())).unwrap();
        assert_eq!(
            review[0]["author"],
            json!({ "@type": "Person", "name": "Maria Lopez" })
        );
    }
}
