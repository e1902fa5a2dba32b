//! Claims: which sentences are worth checking, what kind of claim each is,
//! and (with [`crate::attribution`]) who made it.

pub mod checkworthy;
pub mod cues;
#[cfg(feature = "cli")]
pub mod data;
pub mod kind;
pub mod news;

pub use crate::annotation::{Claim, ClaimFacet, ClaimKind};
pub use checkworthy::{CheckWorthyError, CheckWorthyModel};
