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
    /// A fact-checker's verdict, once someone has reviewed the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
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

/// A fact-checker's review of a claim: what a schema.org `ClaimReview` says.
/// Every field but the rating is optional in the data; the exporter writes a
/// `ClaimReview` only for claims with a review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The verdict, a short word or phrase: "False", "Misleading", "Mostly true".
    pub rating: String,
    /// The verdict on a numeric scale, when the organisation uses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_value: Option<i32>,
    /// The best value of that scale (e.g. 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_rating: Option<i32>,
    /// The worst value of that scale (e.g. 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_rating: Option<i32>,
    /// The address of the fact-check article.
    #[serde(default)]
    pub url: String,
    /// The organisation that reviewed the claim (publishes the fact-check).
    #[serde(default)]
    pub organization: String,
    /// When the review was made (ISO 8601 date, `2024-05-01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who made the claim, when the text does not say (or says it otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    /// Whether that claimant is a `Person` or an `Organization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant_type: Option<ClaimantType>,
    /// The address of the article in which the claim appeared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<String>,
}

/// schema.org's two kinds of claimant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClaimantType {
    Person,
    Organization,
}

impl ClaimantType {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimantType::Person => "Person",
            ClaimantType::Organization => "Organization",
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
