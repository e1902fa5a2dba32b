//! Named entities: CoNLL's PER, ORG, LOC and MISC, tagged by the shared
//! sequence tagger ([`crate::tagger`]) with the word, context and document
//! features it has for every task and none of its own.

pub mod conll;
pub mod descriptions;
pub mod gold;
pub mod gum;
pub mod mentions;
pub mod names;
pub mod shapes;

use crate::label::Label;
use crate::tagger::train::Example;
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
    fn distrusts_title_case(&self) -> bool {
        true
    }
    fn token_features(
        &self,
        _: &[&str],
        _: Option<crate::syntax::PosRun>,
    ) -> Option<(Vec<u32>, Vec<usize>)> {
        None
    }
}

/// A copy of a document in capitals, with the same names: training material
/// for lines whose capitals say nothing (headlines, and title-case lines,
/// which the tagger reads as capitals).
pub fn in_capitals(doc: &[Example]) -> Vec<Example> {
    doc.iter()
        .map(|e| Example {
            words: e.words.iter().map(|w| w.to_uppercase()).collect(),
            spans: e.spans.clone(),
            domain: e.domain,
        })
        .collect()
}

/// Reads an entity model file (see [`Model::from_bytes`]).
pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
    Model::from_bytes(bytes, ENTITIES)
}
