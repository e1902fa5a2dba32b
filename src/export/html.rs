//! The annotated HTML download: one self-contained file, the article with its
//! highlights (labels as CSS generated content, so the text is the article),
//! a legend and the claims. No script, and a CSP that forbids any.

use super::shared::{claimant, kind_name};
use crate::annotation::Annotations;
use crate::document::Document;
use crate::label::Label;
use std::fmt::Write;

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
pub(super) fn esc(s: &str) -> String {
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
pub(super) fn html(doc: &Document, ann: &Annotations) -> String {
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
