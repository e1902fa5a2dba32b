//! Named entities: CoNLL's PER, ORG, LOC and MISC, tagged by the shared
//! sequence tagger ([`crate::tagger`]) with the word, context and document
//! features it has for every task and none of its own.

pub mod conll;

use crate::label::Label;
use crate::tagger::{Model, ModelError, Task, TaskRef, WordFeatures};

/// An entity model: a tagger model of the [`ENTITIES`] task.
pub type NerModel = Model;

/// The entity task: the four name labels in the tagger's label slots.
#[derive(Debug)]
pub struct EntityTask;

/// The entity task, as a model holds it.
pub const ENTITIES: TaskRef = TaskRef(&EntityTask);

impl Task for EntityTask {
    fn id(&self) -> u8 {
        0
    }
    fn label_slots(&self) -> usize {
        Label::NAMES.len()
    }
    fn word_features(&self) -> WordFeatures {
        WordFeatures::Full
    }
    fn token_features(&self, _: &[&str]) -> Option<(Vec<u32>, Vec<usize>)> {
        None
    }
}

/// Reads an entity model file (see [`Model::from_bytes`]).
pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
    Model::from_bytes(bytes, ENTITIES)
}
