//! schema.org JSON-LD for fact-checkers: a `ClaimReview` for each claim a
//! person has reviewed (rating, fact-check URL, reviewing organisation), with
//! the properties Google's ClaimReview documentation requires, and a plain
//! `Claim` for each check-worthy claim nobody has reviewed yet, marked so.
//!
//! The file is safe to paste into a `<script type="application/ld+json">`
//! block: `<`, `>` and `&` are written as JSON escapes, so a claim that says
//! `</script>` cannot end the block.

use super::shared::{cp, without_closing_comma};
use crate::annotation::{Annotations, Claim, ClaimantType};
use crate::document::Document;
use crate::label::Label;
use crate::span::{OffsetIndex, Span};
use serde_json::{json, Value};

/// The last word of a source that names an organisation, not a person
/// ("the defence ministry", "a statement from Brussels").
const ORGANIZATION_WORDS: &[&str] = &[
    "administration",
    "agency",
    "army",
    "association",
    "authorities",
    "authority",
    "bank",
    "board",
    "commission",
    "committee",
    "company",
    "corporation",
    "council",
    "court",
    "department",
    "embassy",
    "federation",
    "firm",
    "government",
    "group",
    "institute",
    "league",
    "military",
    "ministry",
    "network",
    "newspaper",
    "office",
    "organisation",
    "organization",
    "party",
    "police",
    "report",
    "service",
    "statement",
    "study",
    "survey",
    "team",
    "union",
    "university",
];

/// Person or Organization for a name with no entity to go by: from its last word.
fn by_words(name: &str) -> ClaimantType {
    let last = name
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    if ORGANIZATION_WORDS.contains(&last.as_str()) {
        ClaimantType::Organization
    } else {
        ClaimantType::Person
    }
}

/// The claimant of claim `c` as schema.org names it: the reviewer's word if
/// they gave one, else the attribution's source (for a pronoun, the name it
/// refers to), typed Person or Organization by the entity that ends its head
/// (the part before an apposition's comma), else by its last word.
fn claimant(
    doc: &Document,
    ann: &Annotations,
    refers: &[Option<usize>],
    c: &Claim,
) -> Option<(String, ClaimantType)> {
    if let Some(r) = &c.review {
        if let Some(name) = r
            .claimant
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            return Some((name.to_string(), r.claimant_type.unwrap_or(by_words(name))));
        }
    }
    let at = c.attribution?;
    let source = ann.attributions.get(at)?.source?;
    let s = match refers.get(at).copied().flatten() {
        Some(e) => ann.entities[e].span,
        None => source,
    };
    let text = doc.text();
    let name = without_closing_comma(&text[s.range()]);
    let head_end = s.start + name.find(',').unwrap_or(name.len());
    let head = Span::new(s.start, head_end);
    let head_text = text[head.range()].trim_end();
    let head = Span::new(s.start, s.start + head_text.len());
    let entity = ann
        .entities
        .iter()
        .find(|e| e.span.contains(head) || (head.contains(e.span) && e.span.end == head.end));
    let kind = match entity.map(|e| e.label) {
        Some(Label::Per) => ClaimantType::Person,
        Some(Label::Org | Label::Loc) => ClaimantType::Organization,
        _ => by_words(head_text),
    };
    Some((name.to_string(), kind))
}

fn agent(kind: ClaimantType, name: &str) -> Value {
    json!({ "@type": kind.as_str(), "name": name })
}

pub(super) fn claimreview(doc: &Document, ann: &Annotations, index: &OffsetIndex) -> String {
    let text = doc.text();
    let refers = crate::attribution::referent::referents(doc, ann);
    let items: Vec<Value> = ann
        .claims
        .iter()
        .map(|c| {
            let (start, end) = cp(index, c.span);
            let said = &text[c.span.range()];
            let author = claimant(doc, ann, &refers, c).map(|(name, kind)| agent(kind, &name));
            let mut claim = json!({ "@type": "Claim" });
            if let Some(a) = author {
                claim["author"] = a;
            }
            claim["newsmark:kind"] = json!(c.kind.as_str());
            claim["newsmark:score"] = json!(c.score);
            claim["newsmark:start"] = json!(start);
            claim["newsmark:end"] = json!(end);
            let Some(r) = &c.review else {
                let mut item = json!({
                    "@context": "https://schema.org",
                    "@type": "Claim",
                    "text": said,
                    "description": "Not reviewed: a check-worthy claim found by Newsmark that no fact-checker has rated yet.",
                });
                for (k, v) in claim.as_object().expect("object") {
                    if k != "@type" {
                        item[k] = v.clone();
                    }
                }
                item["newsmark:reviewed"] = json!(false);
                return item;
            };
            if let Some(url) = r.appearance.as_deref().filter(|u| !u.trim().is_empty()) {
                claim["appearance"] = json!({ "@type": "CreativeWork", "url": url });
            }
            let mut rating = json!({ "@type": "Rating", "alternateName": r.rating.trim() });
            for (key, value) in [
                ("ratingValue", r.rating_value),
                ("bestRating", r.best_rating),
                ("worstRating", r.worst_rating),
            ] {
                if let Some(v) = value {
                    rating[key] = json!(v);
                }
            }
            let mut review = json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": r.url.trim(),
                "claimReviewed": said,
            });
            if !r.organization.trim().is_empty() {
                review["author"] = agent(ClaimantType::Organization, r.organization.trim());
            }
            if let Some(date) = r.date.as_deref().filter(|d| !d.trim().is_empty()) {
                review["datePublished"] = json!(date);
            }
            review["reviewRating"] = rating;
            review["itemReviewed"] = claim;
            review
        })
        .collect();
    script_safe(&serde_json::to_string_pretty(&items).expect("serialisable"))
}

/// JSON that can sit in an HTML `<script>` block as it is: `<`, `>` and `&`
/// (which only occur inside JSON strings) as `\u` escapes.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
