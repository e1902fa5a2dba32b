//! Claims: which sentences are worth checking, what kind of claim each is,
//! and (with [`crate::attribution`]) who made it.

pub mod checkworthy;
#[cfg(feature = "cli")]
pub mod data;
pub mod kind;

pub use checkworthy::{CheckWorthyError, CheckWorthyModel};
pub use kind::ClaimKind;

use crate::annotate::{Origin, Status};
use crate::span::Span;
use serde::{Deserialize, Serialize};

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
}

fn model_origin() -> Origin {
    Origin::Model
}
