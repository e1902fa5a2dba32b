//! The annotation pipeline: text in, entities (and later claims and
//! attributions) out, all as byte spans into the document's text.

use crate::claims::{kind, CheckWorthyError, CheckWorthyModel, Claim};
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
    /// Check-worthy sentences, in document order.
    pub claims: Vec<Claim>,
}

/// The built-in entity model, trained by `newsmark train` and embedded at build time.
pub static BUILTIN_NER: &[u8] = include_bytes!("../models/ner.nmk");

/// The built-in check-worthiness model, trained by `newsmark train-claims`.
pub static BUILTIN_CLAIMS: &[u8] = include_bytes!("../models/claims.nmk");

/// Runs the models over documents.
#[derive(Debug, Clone)]
pub struct Annotator {
    ner: NerModel,
    checkworthy: Option<CheckWorthyModel>,
}

impl Annotator {
    /// An annotator for entities only.
    pub fn new(ner: NerModel) -> Self {
        Annotator {
            ner,
            checkworthy: None,
        }
    }

    /// Adds claim detection; the model must share the entity model's lexicon.
    pub fn with_claims(mut self, checkworthy: CheckWorthyModel) -> Result<Self, CheckWorthyError> {
        checkworthy.check_lexicon(self.ner.lexicon())?;
        self.checkworthy = Some(checkworthy);
        Ok(self)
    }

    /// The annotator with the embedded models, decoded once per process.
    pub fn builtin() -> Result<&'static Annotator, ModelError> {
        static CELL: OnceLock<Result<Annotator, String>> = OnceLock::new();
        CELL.get_or_init(|| {
            let ner = NerModel::from_bytes(BUILTIN_NER).map_err(|e| e.to_string())?;
            let claims = CheckWorthyModel::from_bytes(BUILTIN_CLAIMS).map_err(|e| e.to_string())?;
            Annotator::new(ner)
                .with_claims(claims)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| ModelError::Builtin(e.clone()))
    }

    pub fn ner(&self) -> &NerModel {
        &self.ner
    }

    /// The check-worthiness model, if this annotator finds claims.
    pub fn checkworthiness(&self) -> Option<&CheckWorthyModel> {
        self.checkworthy.as_ref()
    }

    /// Check-worthy sentences of `doc`, with their kinds.
    fn claims(&self, doc: &Document) -> Vec<Claim> {
        let Some(cw) = &self.checkworthy else {
            return Vec::new();
        };
        let lex = self.ner.lexicon();
        let mut words: Vec<&str> = Vec::new();
        doc.sentences()
            .iter()
            .filter_map(|s| {
                words.clear();
                words.extend(s.clone().map(|i| doc.token_text(i)));
                let score = cw.score(&words, lex);
                (score >= cw.threshold).then(|| Claim {
                    span: doc.sentence_span(s),
                    score,
                    kind: kind::classify(&words),
                    attribution: None,
                })
            })
            .collect()
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
        Annotations {
            entities,
            claims: self.claims(doc),
        }
    }
}
