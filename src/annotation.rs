//! The annotation data model: what Newsmark finds in a document, as plain
//! serde data. Entities, claims and attributions are byte [`Span`]s into the
//! document's one immutable text, each with its [`Origin`] and [`Status`].
//!
//! This floor sits on the text floor (spans and labels) and under everything
//! that finds, learns, composes or exports annotations; it knows none of them
//! (see `docs/architecture.md`).

use crate::label::Label;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an annotation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The statistical model.
    Model,
    /// A hand-written rule or grammar.
    Rule,
    /// A person, by hand.
    User,
    /// The user lexicon: a string a person labelled before.
    Lexicon,
}

/// Whether a person has confirmed an annotation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Proposed by a model, a rule or the lexicon, not yet reviewed.
    #[default]
    Suggested,
    /// Made or confirmed by a person.
    Accepted,
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub label: Label,
    /// Confidence in (0, 1].
    pub score: f32,
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
}

/// Everything Newsmark found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    /// Sorted by start, non-overlapping.
    pub entities: Vec<Entity>,
    /// Check-worthy sentences, in document order.
    pub claims: Vec<Claim>,
    /// Every attribution found, check-worthy or not, in order of their cues.
    pub attributions: Vec<Attribution>,
}

/// A check-worthy statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The sentence (or clause) that makes the claim.
    pub span: Span,
    /// The model's probability that it is check-worthy.
    pub score: f32,
    pub kind: ClaimKind,
    /// Index into the document's attributions, when someone is reported to
    /// have made the claim.
    pub attribution: Option<usize>,
    #[serde(default = "model_origin")]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
    /// Whether the claim is reported speech: inside a direct quotation of
    /// its attribution, or an indirect one. `None` when no attribution
    /// reports it (and in files saved before there were facets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facet: Option<ClaimFacet>,
}

/// How a claim is reported, when an attribution reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimFacet {
    /// In the words of the source, in quotation marks.
    Quote,
    /// Reported in the writer's words ("X said that …", "according to X").
    Attributed,
}

impl ClaimFacet {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimFacet::Quote => "quote",
            ClaimFacet::Attributed => "attributed",
        }
    }
}

fn model_origin() -> Origin {
    Origin::Model
}

/// What kind of claim a check-worthy sentence makes, after Full Fact's classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A past or present quantity, amount, rate, ranking or statistic.
    Quantity,
    /// One thing causes, leads to or is linked to another.
    CorrelationCausation,
    /// What a law, rule, regulation or procedure says or requires.
    LawsRules,
    /// A claim about the future.
    Prediction,
    /// The speaker's own experience.
    PersonalExperience,
    Other,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::Quantity,
        ClaimKind::CorrelationCausation,
        ClaimKind::LawsRules,
        ClaimKind::Prediction,
        ClaimKind::PersonalExperience,
        ClaimKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::CorrelationCausation => "correlation_causation",
            ClaimKind::LawsRules => "laws_rules",
            ClaimKind::Prediction => "prediction",
            ClaimKind::PersonalExperience => "personal_experience",
            ClaimKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The parts of an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Source,
    Cue,
    Content,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Cue => "cue",
            Role::Content => "content",
        }
    }
}

/// One attribution: a cue, who it attributes to (if said), and what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub source: Option<Span>,
    pub cue: Span,
    /// The content, in one or more pieces (a quote can be split by its cue:
    /// "We will win," he said, "and soon.").
    pub content: Vec<Span>,
    #[serde(default = "model_origin")]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
}

impl Attribution {
    /// The content from the start of its first piece to the end of its last.
    pub fn content_span(&self) -> Option<Span> {
        Some(Span::new(
            self.content.first()?.start,
            self.content.last()?.end,
        ))
    }
}
