//! The annotation pipeline: text in, entities (and later claims and
//! attributions) out, all as byte spans into the document's text.

use crate::document::Document;
use crate::label::Label;
use crate::ner::{ModelError, NerModel, TypeCache};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

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
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub label: Label,
    /// Confidence in (0, 1].
    pub score: f32,
    pub origin: Origin,
}

/// Everything Newsmark found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    /// Sorted by start, non-overlapping.
    pub entities: Vec<Entity>,
}

/// The built-in entity model, trained by `newsmark train` and embedded at build time.
pub static BUILTIN_NER: &[u8] = include_bytes!("../models/ner.nmk");

/// Runs the models over documents.
#[derive(Debug, Clone)]
pub struct Annotator {
    ner: NerModel,
}

impl Annotator {
    pub fn new(ner: NerModel) -> Self {
        Annotator { ner }
    }

    /// The annotator with the embedded models, decoded once per process.
    pub fn builtin() -> Result<&'static Annotator, ModelError> {
        static CELL: OnceLock<Result<Annotator, String>> = OnceLock::new();
        CELL.get_or_init(|| {
            NerModel::from_bytes(BUILTIN_NER)
                .map(Annotator::new)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| ModelError::Builtin(e.clone()))
    }

    pub fn ner(&self) -> &NerModel {
        &self.ner
    }

    pub fn annotate(&self, doc: &Document) -> Annotations {
        let mut cache = TypeCache::new();
        let mut entities = Vec::new();
        let sentences: Vec<Vec<&str>> = doc
            .sentences()
            .iter()
            .map(|s| s.clone().map(|i| doc.token_text(i)).collect())
            .collect();
        let tagged = self.ner.tag_document(&sentences, &mut cache);
        for (sentence, spans) in doc.sentences().iter().zip(tagged) {
            for (ts, score) in spans {
                let first = doc.tokens()[sentence.start + ts.start].span;
                let last = doc.tokens()[sentence.start + ts.end - 1].span;
                entities.push(Entity {
                    span: Span::new(first.start, last.end),
                    label: ts.label,
                    score,
                    origin: Origin::Model,
                });
            }
        }
        Annotations { entities }
    }
}
