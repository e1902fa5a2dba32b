//! What several export formats share: code-point offsets, and each claim's
//! claimant as shown.

use crate::annotation::Annotations;
use crate::claims::ClaimKind;
use crate::document::Document;
use crate::span::{OffsetIndex, Span};

pub(super) fn cp(index: &OffsetIndex, s: Span) -> (usize, usize) {
    index
        .span_from_bytes(s, crate::span::Unit::Char)
        .expect("checked span")
}

/// The claimant of claim `i` as shown: its attribution's source text, without
/// the comma that closes an apposition ("Ursula Kessler, the head of Nordwind
/// Energy,"), which PolNeAR (and so the model) counts in the span, and for a
/// pronoun the name it refers to ("She (Maria Lopez)", see `refers`, from
/// [`crate::attribution::referent::referents`]).
pub(super) fn claimant(
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
pub(super) fn without_closing_comma(source: &str) -> &str {
    source.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
}

pub(super) fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Quantity => "quantity",
        ClaimKind::CorrelationCausation => "correlation or causation",
        ClaimKind::LawsRules => "laws or rules",
        ClaimKind::Prediction => "prediction",
        ClaimKind::PersonalExperience => "personal experience",
        ClaimKind::Other => "other",
    }
}
