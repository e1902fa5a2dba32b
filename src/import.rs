//! Importers: Newsmark JSON, Prodigy JSON lines, brat standoff and W3C Web
//! Annotation. Every format is read into a [`NewsmarkDoc`] and checked by
//! it, so a file that is malformed or made for another text is refused with
//! a message that names the problem, and nothing half-read comes out.

use crate::annotation::{Annotations, Origin, Status};
use crate::claims::ClaimKind;
use crate::document::Document;
use crate::export::json::{
    AttributionRec, ClaimRec, DocError, EntityRec, NewsmarkDoc, Offsets, SpanRec, SCHEMA,
};
use crate::export::Format;
use crate::label::Label;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ImportError {
    #[error("{format} file, {place}: {message}")]
    Malformed {
        format: &'static str,
        place: String,
        message: String,
    },
    #[error("{0} files hold no article text: open the article first, then import its annotations")]
    NeedsText(&'static str),
    #[error("{0} cannot be imported (export only)")]
    ExportOnly(&'static str),
    #[error("{0}")]
    Document(#[from] DocError),
}

fn malformed(
    format: &'static str,
    place: impl Into<String>,
    message: impl Into<String>,
) -> ImportError {
    ImportError::Malformed {
        format,
        place: place.into(),
        message: message.into(),
    }
}

/// Reads `content` in `format`. Formats without the article text (brat, Web
/// Annotation) are read against `text`, the article currently open.
pub fn import(
    content: &str,
    format: Format,
    text: Option<&str>,
) -> Result<(Document, Annotations), ImportError> {
    let nd = match format {
        Format::Json => NewsmarkDoc::parse(content)?,
        Format::Prodigy => prodigy(content)?,
        Format::Brat => brat(content, text.ok_or(ImportError::NeedsText("brat"))?)?,
        Format::Webanno => webanno(
            content,
            text.ok_or(ImportError::NeedsText("Web Annotation"))?,
        )?,
        other => return Err(ImportError::ExportOnly(other.name())),
    };
    let (doc, ann, _) = nd.into_parts()?;
    Ok((doc, ann))
}

fn empty(text: &str) -> NewsmarkDoc {
    NewsmarkDoc {
        newsmark: SCHEMA,
        offsets: Offsets::Codepoint,
        text: text.to_string(),
        entities: Vec::new(),
        claims: Vec::new(),
        attributions: Vec::new(),
        extra: Value::Null,
    }
}

fn entity(start: usize, end: usize, label: Label, text: Option<String>) -> EntityRec {
    EntityRec {
        start,
        end,
        label,
        text,
        score: 1.0,
        origin: Origin::User,
        status: Status::Accepted,
    }
}

/// The first task of a Prodigy JSON lines file (see [`prodigy_tasks`] for all).
fn prodigy(content: &str) -> Result<NewsmarkDoc, ImportError> {
    prodigy_tasks(content)
        .next()
        .unwrap_or_else(|| Err(malformed("Prodigy", "line 1", "the file is empty")))
}

/// Every task of a Prodigy JSON lines file, one document each: its text, its
/// spans as entities and, when Newsmark wrote it, the claims and attributions
/// under its `newsmark` key. A bad line is an error naming its number.
pub fn prodigy_tasks(content: &str) -> impl Iterator<Item = Result<NewsmarkDoc, ImportError>> + '_ {
    content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| prodigy_task(n + 1, line))
}

fn prodigy_task(n: usize, line: &str) -> Result<NewsmarkDoc, ImportError> {
    let place = format!("line {n}");
    let v: Value =
        serde_json::from_str(line).map_err(|e| malformed("Prodigy", &place, e.to_string()))?;
    let text = v["text"]
        .as_str()
        .ok_or_else(|| malformed("Prodigy", &place, "no \"text\" string"))?;
    let mut nd = empty(text);
    for (i, s) in v["spans"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let get = |k: &str| s[k].as_u64().map(|x| x as usize);
        let (Some(start), Some(end)) = (get("start"), get("end")) else {
            return Err(malformed(
                "Prodigy",
                format!("{place}, span {i}"),
                "needs numeric \"start\" and \"end\"",
            ));
        };
        let label = s["label"].as_str().unwrap_or_default();
        let label: Label = label.parse().map_err(|e: crate::label::UnknownLabel| {
            malformed("Prodigy", format!("{place}, span {i}"), e.to_string())
        })?;
        nd.entities.push(entity(start, end, label, None));
    }
    let extra = &v["newsmark"];
    if !extra.is_null() {
        // Read as a Newsmark document of the same text (the same reader as
        // Newsmark's own files), for its claims and attributions.
        let layers = serde_json::json!({
            "newsmark": SCHEMA,
            "text": "",
            "claims": extra.get("claims").cloned().unwrap_or_else(|| serde_json::json!([])),
            "attributions": extra.get("attributions").cloned().unwrap_or_else(|| serde_json::json!([])),
        });
        let read: NewsmarkDoc = serde_json::from_value(layers)
            .map_err(|e| malformed("Prodigy", format!("{place}, newsmark"), e.to_string()))?;
        nd.claims = read.claims;
        nd.attributions = read.attributions;
    }
    Ok(nd)
}

/// A brat text-bound annotation: type, pieces (code points) and covered text.
type BratSpan = (String, Vec<(usize, usize)>, String);

/// The source, cue and content pieces of one attribution.
type RoleGroup = (Option<SpanRec>, Option<SpanRec>, Vec<SpanRec>);

fn brat(content: &str, text: &str) -> Result<NewsmarkDoc, ImportError> {
    let mut nd = empty(text);
    // T id -> (type, pieces, covered text)
    let mut spans: BTreeMap<String, BratSpan> = BTreeMap::new();
    let mut kinds: BTreeMap<String, ClaimKind> = BTreeMap::new();
    let mut events: Vec<(usize, BTreeMap<String, String>)> = Vec::new();
    let mut claimants: BTreeMap<String, String> = BTreeMap::new();
    for (n, line) in content.lines().enumerate() {
        let place = format!("line {}", n + 1);
        let Some((id, rest)) = line.split_once('\t') else {
            if line.trim().is_empty() {
                continue;
            }
            return Err(malformed(
                "brat",
                place,
                "expected an id, a tab and an annotation",
            ));
        };
        match id.chars().next() {
            Some('T') => {
                let (spec, covered) = rest.split_once('\t').unwrap_or((rest, ""));
                let (kind, ranges) = spec
                    .split_once(' ')
                    .ok_or_else(|| malformed("brat", &place, "missing offsets"))?;
                let mut pieces = Vec::new();
                for r in ranges.split(';') {
                    let mut it = r.split_whitespace().map(str::parse::<usize>);
                    match (it.next(), it.next(), it.next()) {
                        (Some(Ok(a)), Some(Ok(b)), None) if a <= b => pieces.push((a, b)),
                        _ => return Err(malformed("brat", &place, format!("bad offsets {r:?}"))),
                    }
                }
                spans.insert(
                    id.to_string(),
                    (kind.to_string(), pieces, covered.to_string()),
                );
            }
            Some('A') => {
                let parts: Vec<&str> = rest.split_whitespace().collect();
                if let ["Kind", target, value] = parts[..] {
                    let kind = ClaimKind::parse(value).ok_or_else(|| {
                        malformed("brat", &place, format!("unknown claim kind {value:?}"))
                    })?;
                    kinds.insert(target.to_string(), kind);
                }
            }
            Some('E') => {
                let args = rest
                    .split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .map(|(r, t)| (r.to_string(), t.to_string()))
                    .collect();
                events.push((n + 1, args));
            }
            Some('R') => {
                let parts: Vec<&str> = rest.split_whitespace().collect();
                if let ["Claimant", a1, a2] = parts[..] {
                    let arg = |s: &str, p: &str| s.strip_prefix(p).map(str::to_string);
                    if let (Some(claim), Some(src)) = (arg(a1, "Arg1:"), arg(a2, "Arg2:")) {
                        claimants.insert(claim, src);
                    }
                }
            }
            // Notes and other annotation kinds carry nothing Newsmark keeps.
            _ => {}
        }
    }
    let rec = |pieces: &[(usize, usize)], covered: &str| -> Vec<SpanRec> {
        pieces
            .iter()
            .map(|&(start, end)| SpanRec {
                start,
                end,
                text: (pieces.len() == 1).then(|| covered.to_string()),
            })
            .collect()
    };
    for (kind, pieces, covered) in spans.values() {
        if let Ok(label) = kind.parse::<Label>() {
            let (start, end) = (pieces[0].0, pieces[pieces.len() - 1].1);
            nd.entities.push(entity(
                start,
                end,
                label,
                (pieces.len() == 1).then(|| covered.clone()),
            ));
        }
    }
    nd.entities.sort_by_key(|e| (e.start, e.end));
    let mut source_of_event: BTreeMap<String, usize> = BTreeMap::new();
    for (line, args) in &events {
        let get = |role: &str| -> Result<Option<Vec<SpanRec>>, ImportError> {
            match args.get(role) {
                None => Ok(None),
                Some(t) => {
                    let (_, pieces, covered) = spans.get(t).ok_or_else(|| {
                        malformed(
                            "brat",
                            format!("line {line}"),
                            format!("{role} refers to unknown {t}"),
                        )
                    })?;
                    Ok(Some(rec(pieces, covered)))
                }
            }
        };
        let cue = get("Cue")?.ok_or_else(|| {
            malformed("brat", format!("line {line}"), "attribution without a Cue")
        })?;
        let content = get("Content")?.ok_or_else(|| {
            malformed(
                "brat",
                format!("line {line}"),
                "attribution without a Content",
            )
        })?;
        if let Some(src) = args.get("Source") {
            source_of_event.insert(src.clone(), nd.attributions.len());
        }
        nd.attributions.push(AttributionRec {
            source: get("Source")?.and_then(|v| v.into_iter().next()),
            cue: cue.into_iter().next().expect("one piece at least"),
            content,
            origin: Origin::User,
            status: Status::Accepted,
            refers_to: None,
        });
    }
    for (id, (kind, pieces, covered)) in &spans {
        if kind == "Claim" {
            let s = rec(pieces, covered).remove(0);
            nd.claims.push(ClaimRec {
                start: s.start,
                end: pieces[pieces.len() - 1].1,
                text: s.text,
                score: 1.0,
                kind: kinds.get(id).copied().unwrap_or(ClaimKind::Other),
                attribution: claimants
                    .get(id)
                    .and_then(|src| source_of_event.get(src))
                    .copied(),
                origin: Origin::User,
                facet: None,
                status: Status::Accepted,
                review: None,
            });
        }
    }
    nd.claims.sort_by_key(|c| c.start);
    Ok(nd)
}

fn webanno(content: &str, text: &str) -> Result<NewsmarkDoc, ImportError> {
    let v: Value = serde_json::from_str(content)
        .map_err(|e| malformed("Web Annotation", "document", e.to_string()))?;
    let items = v["first"]["items"]
        .as_array()
        .or_else(|| v["items"].as_array())
        .ok_or_else(|| {
            malformed(
                "Web Annotation",
                "document",
                "no annotation items (expected first.items or items)",
            )
        })?;
    let mut nd = empty(text);
    // Attributions in the order they first appear (by their own annotation,
    // or by their first part), so a file read and written again is the same.
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, RoleGroup> = BTreeMap::new();
    let mut claims: Vec<(ClaimRec, Option<String>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let place = format!("item {i}");
        if item["motivation"] == "linking" {
            // An attribution itself: its targets are its parts, which name it.
            if let Some(id) = item["id"].as_str() {
                if !groups.contains_key(id) {
                    order.push(id.to_string());
                    groups.entry(id.to_string()).or_default();
                }
            }
            continue;
        }
        let body = if item["body"].is_array() {
            &item["body"][0]
        } else {
            &item["body"]
        };
        let value = body["value"]
            .as_str()
            .ok_or_else(|| malformed("Web Annotation", &place, "no body value"))?;
        let selectors = item["target"]["selector"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| vec![item["target"]["selector"].clone()]);
        let pos = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .ok_or_else(|| malformed("Web Annotation", &place, "no TextPositionSelector"))?;
        let (Some(start), Some(end)) = (pos["start"].as_u64(), pos["end"].as_u64()) else {
            return Err(malformed(
                "Web Annotation",
                &place,
                "TextPositionSelector needs start and end",
            ));
        };
        let exact = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .and_then(|s| s["exact"].as_str())
            .map(str::to_string);
        let span = SpanRec {
            start: start as usize,
            end: end as usize,
            text: exact,
        };
        if let Some(role) = value.strip_prefix("attribution:") {
            let key = item["newsmark:attribution"]
                .as_str()
                .unwrap_or("")
                .to_string();
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            let g = groups.entry(key).or_default();
            match role {
                "source" => g.0 = Some(span),
                "cue" => g.1 = Some(span),
                "content" => g.2.push(span),
                _ => {
                    return Err(malformed(
                        "Web Annotation",
                        &place,
                        format!("unknown attribution role {role:?}"),
                    ))
                }
            }
        } else if let Some(kind) = value.strip_prefix("claim:") {
            let kind = ClaimKind::parse(kind).ok_or_else(|| {
                malformed(
                    "Web Annotation",
                    &place,
                    format!("unknown claim kind {kind:?}"),
                )
            })?;
            let link = item["newsmark:attribution"].as_str().map(str::to_string);
            claims.push((
                ClaimRec {
                    start: span.start,
                    end: span.end,
                    text: span.text,
                    score: item["newsmark:score"].as_f64().unwrap_or(1.0) as f32,
                    kind,
                    attribution: None,
                    origin: Origin::User,
                    facet: None,
                    status: Status::Accepted,
                    review: None,
                },
                link,
            ));
        } else {
            let label: Label = value.parse().map_err(|e: crate::label::UnknownLabel| {
                malformed("Web Annotation", &place, e.to_string())
            })?;
            let mut e = entity(span.start, span.end, label, span.text);
            if let Some(score) = item["newsmark:score"].as_f64() {
                e.score = score as f32;
            }
            if let Ok(origin) = serde_json::from_value(item["newsmark:origin"].clone()) {
                e.origin = origin;
            }
            if let Ok(status) = serde_json::from_value(item["newsmark:status"].clone()) {
                e.status = status;
            }
            nd.entities.push(e);
        }
    }
    let mut index_of = BTreeMap::new();
    for key in order {
        let (source, cue, content) = groups.get_mut(&key).map(std::mem::take).unwrap_or_default();
        let cue =
            cue.ok_or_else(|| malformed("Web Annotation", format!("attribution {key}"), "no cue"))?;
        index_of.insert(key, nd.attributions.len());
        nd.attributions.push(AttributionRec {
            source,
            cue,
            content,
            origin: Origin::User,
            status: Status::Accepted,
            refers_to: None,
        });
    }
    for (mut c, link) in claims {
        c.attribution = link.and_then(|l| index_of.get(&l).copied());
        nd.claims.push(c);
    }
    nd.entities.sort_by_key(|e| (e.start, e.end));
    Ok(nd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Attribution;
    use crate::annotation::Entity;
    use crate::claims::Claim;
    use crate::export::export;
    use crate::span::Span;

    /// A text with emoji, CJK, combining marks, CRLF and NBSP, and one of everything.
    fn sample() -> (Document, Annotations) {
        let doc = Document::new("👨‍👩‍👧 In 北京, Zoe\u{308} Aliyev said: “Baku won 3\u{a0}games.”\r\nThe ministry accused rebels of shelling villages.");
        let t = doc.text();
        let at = |s: &str| {
            let b = t.find(s).unwrap();
            Span::new(b, b + s.len())
        };
        let e = |s: &str, label, status| Entity {
            span: at(s),
            label,
            score: 0.75,
            origin: Origin::Model,
            status,
        };
        let ann = Annotations {
            entities: vec![
                e("北京", Label::Loc, Status::Suggested),
                e("Zoe\u{308} Aliyev", Label::Per, Status::Accepted),
                e("Baku", Label::Loc, Status::Suggested),
                e("3\u{a0}games", Label::Quantity, Status::Suggested),
            ],
            claims: vec![Claim {
                span: at("The ministry accused rebels of shelling villages."),
                score: 0.9,
                kind: ClaimKind::Other,
                attribution: Some(1),
                origin: Origin::Model,
                status: Status::Suggested,
                review: None,
                facet: None,
            }],
            attributions: vec![
                Attribution {
                    source: Some(at("Zoe\u{308} Aliyev")),
                    cue: at("said"),
                    content: vec![at("“Baku won 3\u{a0}games.”")],
                    origin: Origin::Model,
                    status: Status::Suggested,
                },
                Attribution {
                    source: Some(at("The ministry")),
                    cue: at("accused"),
                    content: vec![at("rebels of shelling villages")],
                    origin: Origin::Model,
                    status: Status::Suggested,
                },
            ],
        };
        (doc, ann)
    }

    fn spans(a: &Annotations) -> Vec<(Span, Label)> {
        a.entities.iter().map(|e| (e.span, e.label)).collect()
    }

    #[test]
    fn json_is_lossless() {
        let (doc, ann) = sample();
        let (d2, a2) = import(
            &export(&doc, &ann, Format::Json).unwrap(),
            Format::Json,
            None,
        )
        .unwrap();
        assert_eq!(d2.text(), doc.text());
        assert_eq!(a2, ann);
    }

    #[test]
    fn prodigy_brat_and_webanno_round_trip_labels_and_offsets() {
        let (doc, ann) = sample();
        let (d, a) = import(
            &export(&doc, &ann, Format::Prodigy).unwrap(),
            Format::Prodigy,
            None,
        )
        .unwrap();
        assert_eq!(d.text(), doc.text());
        assert_eq!(spans(&a), spans(&ann));
        for format in [Format::Brat, Format::Webanno] {
            let out = export(&doc, &ann, format).unwrap();
            let (_, a) = import(&out, format, Some(doc.text())).unwrap();
            assert_eq!(spans(&a), spans(&ann), "{format:?}");
            let claims = |x: &Annotations| {
                x.claims
                    .iter()
                    .map(|c| (c.span, c.kind))
                    .collect::<Vec<_>>()
            };
            assert_eq!(claims(&a), claims(&ann), "{format:?}");
            let attrs = |x: &Annotations| {
                x.attributions
                    .iter()
                    .map(|r| (r.source, r.cue, r.content.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(attrs(&a), attrs(&ann), "{format:?}");
            // The claim keeps its claimant.
            let who = |x: &Annotations| x.claims[0].attribution.map(|i| x.attributions[i].source);
            assert_eq!(who(&a), who(&ann), "{format:?}");
        }
    }

    #[test]
    fn refuses_other_texts_and_broken_files_with_reasons() {
        let (doc, ann) = sample();
        let brat_out = export(&doc, &ann, Format::Brat).unwrap();
        let other = doc.text().replace("Baku", "Riga");
        let err = import(&brat_out, Format::Brat, Some(&other))
            .unwrap_err()
            .to_string();
        assert!(err.contains("different text"), "{err}");
        assert_eq!(
            import(&brat_out, Format::Brat, None).unwrap_err(),
            ImportError::NeedsText("brat")
        );
        let web = export(&doc, &ann, Format::Webanno).unwrap();
        assert!(import(&web, Format::Webanno, Some("short"))
            .unwrap_err()
            .to_string()
            .contains("do not fit"));
        assert!(import("{\"text\": 5}", Format::Prodigy, None)
            .unwrap_err()
            .to_string()
            .contains("line 1"));
        assert!(import("T1\tPER x y\tz\n", Format::Brat, Some("abc"))
            .unwrap_err()
            .to_string()
            .contains("line 1"));
        assert!(import("{}", Format::Json, None)
            .unwrap_err()
            .to_string()
            .contains("newsmark"));
        assert_eq!(
            import("", Format::Html, None).unwrap_err(),
            ImportError::ExportOnly("html")
        );
    }

    #[test]
    fn html_is_escaped_and_scriptless() {
        let doc = Document::new("<script>alert(1)</script> &lt;b&gt; Paris");
        let b = doc.text().find("Paris").unwrap();
        let ann = Annotations {
            entities: vec![Entity {
                span: Span::new(b, b + 5),
                label: Label::Loc,
                score: 1.0,
                origin: Origin::User,
                status: Status::Accepted,
            }],
            ..Default::default()
        };
        let html = export(&doc, &ann, Format::Html).unwrap();
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;"));
        assert!(html.contains("script-src 'none'"));
        assert!(html.contains("<mark data-label=\"LOC\" data-score=\"1.000\""));
        let odd = export(
            &Document::new("a\r\nb\u{0}c"),
            &Annotations::default(),
            Format::Html,
        )
        .unwrap();
        assert!(odd.contains("a\r\nb\u{2400}c"), "{odd}");
    }

    #[test]
    fn conll_and_spacy_tag_tokens() {
        let (doc, ann) = sample();
        let conll = export(&doc, &ann, Format::Conll).unwrap();
        assert!(
            conll.contains("Zoe\u{308}\tB-PER\nAliyev\tI-PER\n"),
            "{conll}"
        );
        let spacy: Value =
            serde_json::from_str(&export(&doc, &ann, Format::Spacy).unwrap()).unwrap();
        let tokens = &spacy[0]["paragraphs"][0]["sentences"][0]["tokens"];
        assert!(tokens
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["orth"] == "Aliyev" && t["ner"] == "L-PER"));
        let reviews: Value =
            serde_json::from_str(&export(&doc, &ann, Format::ClaimReview).unwrap()).unwrap();
        assert_eq!(reviews[0]["@type"], "Claim");
        assert_eq!(reviews[0]["author"]["name"], "The ministry");
    }
}
