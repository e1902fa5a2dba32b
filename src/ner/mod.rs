//! Named entities: the statistical tagger for CoNLL's PER, ORG, LOC and MISC.

pub mod features;
pub mod lexicon;
pub mod model;
pub mod tags;
pub mod train;

pub use model::{ModelError, NerModel, SecondStage, TypeCache};
