//! The export formats. Every exporter is a pure function of the document and
//! its annotations; every offset it writes is in Unicode code points.

use super::json::{NewsmarkDoc, Offsets};
use super::ExportError;
use crate::annotation::Annotations;
use crate::claims::ClaimKind;
use crate::document::Document;
use crate::label::Label;
use crate::span::{OffsetIndex, Span};
use crate::tagger::tags::{iob2_from_spans, TokenSpan};
use serde_json::{json, Value};
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
    /// spaCy's JSON training format, with BILUO entity tags per token.
    Spacy,
    /// brat standoff `.ann` lines.
    Brat,
    /// CoNLL, IOB2, one token per line.
    Conll,
    /// A W3C Web Annotation JSON-LD collection.
    Webanno,
    /// schema.org `Claim` JSON-LD for each claim.
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

fn cp(index: &OffsetIndex, s: Span) -> (usize, usize) {
    index
        .span_from_bytes(s, crate::span::Unit::Char)
        .expect("checked span")
}

/// The claimant of claim `i` as shown: its attribution's source text, without
/// the comma that closes an apposition ("Ursula Kessler, the head of Nordwind
/// Energy,"), which PolNeAR (and so the model) counts in the span, and for a
/// pronoun the name it refers to ("She (Maria Lopez)", see `refers`, from
/// [`crate::attribution::referent::referents`]).
fn claimant(
    doc: &Document,
    ann: &Annotations,
    refers: &[Option<usize>],
    i: usize,
) -> Option<String> {
    let at = ann.claims[i].attribution?;
    let a = ann.attributions.get(at)?;
    let text = doc.text();
    let who = without_closing_comma(&text[a.source?.range()]);
    Some(match refers.get(at).copied().flatten() {
        Some(e) => format!("{who} ({})", &text[ann.entities[e].span.range()]),
        None => who.to_string(),
    })
}

/// A source's text as a name: without the comma (or space, ";", ":") that
/// closes an apposition, which PolNeAR counts in the span.
fn without_closing_comma(source: &str) -> &str {
    source.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
}

fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Quantity => "quantity",
        ClaimKind::CorrelationCausation => "correlation or causation",
        ClaimKind::LawsRules => "laws or rules",
        ClaimKind::Prediction => "prediction",
        ClaimKind::PersonalExperience => "personal experience",
        ClaimKind::Other => "other",
    }
}

const HTML_CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.6}\
header p{color:#4a4a4a}\
.annotated{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2.1}\
mark{color:#1a1a1a;border-radius:4px;padding:.1em .25em;-webkit-box-decoration-break:clone;box-decoration-break:clone}\
mark[data-label]::after{content:attr(data-label);font-size:.7em;font-weight:700;margin-left:.35em;background:rgba(255,255,255,.75);border-radius:3px;padding:0 .3em}\
.claim{text-decoration:underline;text-decoration-color:#b45309;text-decoration-thickness:2px;text-underline-offset:.35em}\
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.9rem}\
.legend span{border:1px solid rgba(0,0,0,.25);border-radius:3px;padding:0 .3em;font-weight:700;font-size:.8em}\
[data-label=PER]{background:#cfe2ff}[data-label=ORG]{background:#ffe0b2}[data-label=LOC]{background:#c8f0d0}\
[data-label=MISC]{background:#ead7f7}[data-label=DATE]{background:#fff3a8}[data-label=TIME]{background:#fde2e4}\
[data-label=MONEY]{background:#d4f1f4}[data-label=PERCENT]{background:#e2e8f0}[data-label=QUANTITY]{background:#f5e6cc}\
.claims li{margin-bottom:.5rem}.meta{color:#4a4a4a;font-size:.9rem}\
@media print{body{margin:0;max-width:none}mark,[data-label]{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}}";

/// Escapes text for HTML. Line breaks, carriage returns included, are
/// written as they are: HTML forbids a character reference to a carriage
/// return, and a parser reads CR LF as one line break, which is how the
/// article shows. Other control characters (NUL and the like) cannot be HTML
/// text at all, so they are shown by their Unicode control pictures.
fn esc(s: &str) -> String {
    let escaped = html_escape::encode_text(s);
    if !escaped.contains(|c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
        return escaped.into_owned();
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(c),
            '\u{7f}' => out.push('\u{2421}'),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            c => out.push(c),
        }
    }
    out
}

fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// A self-contained HTML file: the article with its highlights, a legend and
/// the claims with their claimants. No script, and a CSP that forbids any.
fn html(doc: &Document, ann: &Annotations) -> String {
    let text = doc.text();
    let refers = crate::attribution::referent::referents(doc, ann);
    let mut body = String::new();
    // Claims wrap sentences; entities sit inside them.
    let mut at = 0;
    let write_entities = |out: &mut String, from: usize, to: usize| {
        let mut pos = from;
        for e in ann
            .entities
            .iter()
            .filter(|e| e.span.start >= from && e.span.end <= to)
        {
            if e.span.start < pos {
                continue;
            }
            out.push_str(&esc(&text[pos..e.span.start]));
            let _ = write!(
                out,
                "<mark data-label=\"{}\" data-score=\"{:.3}\" data-origin=\"{}\" title=\"{} ({}), {:.0}%\">{}</mark>",
                e.label,
                e.score,
                attr(&format!("{:?}", e.origin).to_lowercase()),
                e.label,
                attr(e.label.description()),
                100.0 * e.score,
                esc(&text[e.span.range()]),
            );
            pos = e.span.end;
        }
        out.push_str(&esc(&text[pos..to]));
    };
    for (i, c) in ann.claims.iter().enumerate() {
        if c.span.start < at {
            continue;
        }
        write_entities(&mut body, at, c.span.start);
        let who = claimant(doc, ann, &refers, i).map_or(String::from("no claimant found"), |w| {
            format!("claimant: {w}")
        });
        let _ = write!(
            body,
            "<span class=\"claim\" data-kind=\"{}\" title=\"{}\">",
            attr(c.kind.as_str()),
            attr(&format!(
                "Check-worthy claim ({}), score {:.0}%, {who}",
                kind_name(c.kind),
                100.0 * c.score
            ))
        );
        write_entities(&mut body, c.span.start, c.span.end);
        body.push_str("</span>");
        at = c.span.end;
    }
    write_entities(&mut body, at, text.len());

    let mut legend = String::new();
    for l in Label::ALL {
        let n = ann.entities.iter().filter(|e| e.label == l).count();
        if n > 0 {
            let _ = write!(
                legend,
                "<li><span data-label=\"{l}\">{l}</span> {} ({n})</li>",
                esc(l.description())
            );
        }
    }
    let mut claims = String::new();
    for (i, c) in ann.claims.iter().enumerate() {
        let who = claimant(doc, ann, &refers, i).map_or(String::from("no claimant found"), |w| {
            format!("claimant: {}", esc(&w))
        });
        let _ = write!(
            claims,
            "<li>{}<div class=\"meta\">{} · {:.0}% · {who}</div></li>",
            esc(&text[c.span.range()]),
            kind_name(c.kind),
            100.0 * c.score
        );
    }
    let title: String = text
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Newsmark {}\">\n\
<title>{}</title>\n<style>{HTML_CSS}</style>\n</head>\n<body>\n<header><h1>Annotated article</h1>\
<p>Exported by Newsmark. Labels are suggestions unless a person accepted them.</p></header>\n\
<main>\n<h2>Labels</h2>\n<ul class=\"legend\">{legend}</ul>\n<article><h2>Article</h2>\n<div class=\"annotated\">{body}</div></article>\n\
<h2>Check-worthy claims ({})</h2>\n<ol class=\"claims\">{claims}</ol>\n</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&if title.is_empty() { "Newsmark".to_string() } else { format!("Newsmark: {title}") }),
        ann.claims.len()
    )
}

fn prodigy(doc: &Document, ann: &Annotations, index: &OffsetIndex) -> String {
    let spans: Vec<Value> = ann
        .entities
        .iter()
        .map(|e| {
            let (s, t) = cp(index, e.span);
            json!({ "start": s, "end": t, "label": e.label })
        })
        .collect();
    let mut line = serde_json::to_string(
        &json!({ "text": doc.text(), "spans": spans, "meta": { "source": "newsmark" } }),
    )
    .expect("serialisable");
    line.push('\n');
    line
}

/// Entities as token spans of each sentence (entities not on token edges are
/// widened to the tokens they touch).
fn sentence_spans(
    doc: &Document,
    ann: &Annotations,
) -> Vec<(std::ops::Range<usize>, Vec<TokenSpan>)> {
    doc.sentences()
        .iter()
        .map(|r| {
            let tokens = &doc.tokens()[r.clone()];
            let spans = ann
                .entities
                .iter()
                .filter_map(|e| {
                    let first = tokens.iter().position(|t| t.span.end > e.span.start)?;
                    let last = tokens.iter().rposition(|t| t.span.start < e.span.end)?;
                    (first <= last).then_some(TokenSpan {
                        start: first,
                        end: last + 1,
                        label: e.label,
                    })
                })
                .collect();
            (r.clone(), spans)
        })
        .collect()
}

fn spacy(doc: &Document, ann: &Annotations) -> String {
    let mut sentences = Vec::new();
    let mut id = 0;
    for (range, spans) in sentence_spans(doc, ann) {
        let n = range.len();
        let mut tags = vec!["O".to_string(); n];
        for s in &spans {
            if s.end - s.start == 1 {
                tags[s.start] = format!("U-{}", s.label);
            } else {
                tags[s.start] = format!("B-{}", s.label);
                for t in &mut tags[s.start + 1..s.end - 1] {
                    *t = format!("I-{}", s.label);
                }
                tags[s.end - 1] = format!("L-{}", s.label);
            }
        }
        let tokens: Vec<Value> = range
            .clone()
            .zip(tags)
            .map(|(i, ner)| {
                let v = json!({ "id": id, "orth": doc.token_text(i), "ner": ner });
                id += 1;
                v
            })
            .collect();
        sentences.push(json!({ "tokens": tokens, "brackets": [] }));
    }
    serde_json::to_string_pretty(
        &json!([{ "id": 0, "paragraphs": [{ "raw": doc.text(), "sentences": sentences }] }]),
    )
    .expect("serialisable")
}

fn conll(doc: &Document, ann: &Annotations) -> String {
    let mut out = String::from("-DOCSTART- O\n\n");
    for (range, spans) in sentence_spans(doc, ann) {
        let tags = iob2_from_spans(&spans, range.len());
        for (i, tag) in range.zip(tags) {
            let _ = writeln!(out, "{}\t{tag}", doc.token_text(i));
        }
        out.push('\n');
    }
    out
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

/// Up to 32 characters of context on each side, for a TextQuoteSelector.
fn context(text: &str, s: Span) -> (String, String) {
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

fn webanno(doc: &Document, ann: &Annotations, index: &OffsetIndex) -> String {
    let text = doc.text();
    let source = format!("urn:newsmark:text:{:08x}", crc32fast::hash(text.as_bytes()));
    let target = |s: Span| {
        let (start, end) = cp(index, s);
        let (prefix, suffix) = context(text, s);
        json!({
            "source": source,
            "selector": [
                { "type": "TextPositionSelector", "start": start, "end": end },
                { "type": "TextQuoteSelector", "exact": &text[s.range()], "prefix": prefix, "suffix": suffix }
            ]
        })
    };
    let mut items = Vec::new();
    for (i, e) in ann.entities.iter().enumerate() {
        items.push(json!({
            "id": format!("#entity-{i}"),
            "type": "Annotation",
            "motivation": "tagging",
            "body": { "type": "TextualBody", "purpose": "tagging", "value": e.label },
            "target": target(e.span),
            "newsmark:score": e.score,
            "newsmark:origin": e.origin,
            "newsmark:status": e.status,
        }));
    }
    for (i, c) in ann.claims.iter().enumerate() {
        items.push(json!({
            "id": format!("#claim-{i}"),
            "type": "Annotation",
            "motivation": "classifying",
            "body": { "type": "TextualBody", "purpose": "classifying", "value": format!("claim:{}", c.kind.as_str()) },
            "target": target(c.span),
            "newsmark:score": c.score,
            "newsmark:attribution": c.attribution.map(|a| format!("#attribution-{a}")),
        }));
    }
    for (i, a) in ann.attributions.iter().enumerate() {
        let mut roles = vec![("cue", vec![a.cue])];
        if let Some(s) = a.source {
            roles.insert(0, ("source", vec![s]));
        }
        roles.push(("content", a.content.clone()));
        for (role, spans) in roles {
            for s in spans {
                items.push(json!({
                    "type": "Annotation",
                    "motivation": "tagging",
                    "body": { "type": "TextualBody", "purpose": "tagging", "value": format!("attribution:{role}") },
                    "target": target(s),
                    "newsmark:attribution": format!("#attribution-{i}"),
                }));
            }
        }
    }
    serde_json::to_string_pretty(&json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", { "newsmark": "urn:newsmark:" }],
        "type": "AnnotationCollection",
        "label": "Newsmark annotations",
        "total": items.len(),
        "first": { "type": "AnnotationPage", "items": items }
    }))
    .expect("serialisable")
}

fn claimreview(doc: &Document, ann: &Annotations, index: &OffsetIndex) -> String {
    let text = doc.text();
    let refers = crate::attribution::referent::referents(doc, ann);
    let claims: Vec<Value> = ann
        .claims
        .iter()
        .map(|c| {
            let (start, end) = cp(index, c.span);
            // The author is the source, or for a pronoun ("she") the name it refers to.
            let source = c.attribution.and_then(|a| {
                let s = ann.attributions.get(a)?.source?;
                Some(refers[a].map_or(s, |e| ann.entities[e].span))
            });
            let author = source.map(|s| {
                let kind = ann
                    .entities
                    .iter()
                    .find(|e| s.contains(e.span) || e.span.contains(s))
                    .map_or("Thing", |e| match e.label {
                        Label::Per => "Person",
                        Label::Org => "Organization",
                        _ => "Thing",
                    });
                json!({ "@type": kind, "name": without_closing_comma(&text[s.range()]) })
            });
            let mut claim = json!({
                "@context": "https://schema.org",
                "@type": "Claim",
                "text": &text[c.span.range()],
                "newsmark:kind": c.kind.as_str(),
                "newsmark:score": c.score,
                "newsmark:start": start,
                "newsmark:end": end,
            });
            if let Some(a) = author {
                claim["author"] = a;
            }
            claim
        })
        .collect();
    serde_json::to_string_pretty(&claims).expect("serialisable")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Attribution;
    use crate::annotation::{Origin, Status};
    use crate::claims::Claim;

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
