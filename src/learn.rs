//! Learning from a person's corrections, in the page.
//!
//! Two things are learned from a corrected document:
//!
//! * a **user lexicon** of corrected strings: a string given a label is
//!   labelled so wherever it occurs; a string whose suggestion was deleted is
//!   no longer suggested;
//! * an **online update of the entity model**: perceptron steps on the
//!   sentences where the model disagrees with the corrected names, kept as
//!   corrections beside the trained weights, so that the model generalises
//!   (a name corrected to LOC makes similar contexts lean to LOC too).
//!
//! The learned state is plain data: it can be saved, shared as a file,
//! loaded and reset.

use crate::annotation::{Annotations, Entity, Origin, Status};
use crate::binfmt::IdMap;
use crate::document::Document;
use crate::label::Label;
use crate::span::Span;
use crate::tagger::tags::{bilou_from_spans, TokenSpan, N_TAGS};
use crate::tagger::train::sentence_features;
use crate::tagger::Model as NerModel;
use crate::tagger::TypeCache;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Size of one learning step, in the model's stored weight units (weights
/// run up to ±32767).
const STEP: i32 = 1500;
/// Passes over a sentence until the model agrees with the correction.
const PASSES: usize = 8;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LearnError {
    #[error("not a Newsmark learned-state file: {0}")]
    Syntax(String),
    #[error("this learned state was made for another entity model (model {found:08x}, this one is {expected:08x})")]
    OtherModel { found: u32, expected: u32 },
}

/// What a person's corrections taught.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Learned {
    /// Exact strings and the label they get (`None`: not an entity).
    pub lexicon: BTreeMap<String, Option<Label>>,
    /// Corrections to the entity tagger's weights, by feature hash.
    pub weights: IdMap<[i32; N_TAGS]>,
}

#[derive(Serialize, Deserialize)]
struct LearnedFile {
    newsmark_learned: u32,
    /// Identifies the entity model the weight corrections belong to.
    model: u32,
    lexicon: Vec<LexiconEntry>,
    weights: Vec<(u32, Vec<i32>)>,
}

#[derive(Serialize, Deserialize)]
struct LexiconEntry {
    text: String,
    label: Option<Label>,
}

/// What one call to [`Learned::teach`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LearnReport {
    /// Lexicon entries added or changed.
    pub lexicon_entries: usize,
    /// Lexicon entries removed because the document now contradicts them (an undone correction).
    pub lexicon_removed: usize,
    pub sentences_updated: usize,
    pub features_updated: usize,
}

/// An identifier of a model's weights, to match learned state to it.
pub fn model_id(ner: &NerModel) -> u32 {
    crc32fast::hash(&ner.to_bytes())
}

impl Learned {
    pub fn is_empty(&self) -> bool {
        self.lexicon.is_empty() && self.weights.is_empty()
    }

    /// Learns from a corrected document: `model_output` is what the model
    /// suggested, `corrected` what the person left after their edits.
    pub fn teach(
        &mut self,
        ner: &NerModel,
        doc: &Document,
        model_output: &[Entity],
        corrected: &Annotations,
    ) -> LearnReport {
        let mut report = LearnReport::default();
        let text = doc.text();
        // 1. The lexicon: accepted or hand-made entities, and deleted suggestions.
        for e in &corrected.entities {
            if e.status == Status::Accepted || e.origin == Origin::User {
                let s = text[e.span.range()].to_string();
                if self.lexicon.insert(s, Some(e.label)) != Some(Some(e.label)) {
                    report.lexicon_entries += 1;
                }
            }
        }
        let mut deleted = std::collections::HashSet::new();
        for m in model_output {
            let kept = corrected.entities.iter().any(|e| e.span.overlaps(m.span));
            if !kept {
                let s = &text[m.span.range()];
                deleted.insert(s);
                if self.lexicon.insert(s.to_string(), None) != Some(None) {
                    report.lexicon_entries += 1;
                }
            }
        }
        // An entry the document now contradicts goes: a string left here as the
        // model's own, unreviewed suggestion with another label (or at all, for
        // a string the lexicon says is no entity), and not reviewed anywhere in
        // this document. That is how an undone correction is unlearned.
        let reviewed: std::collections::HashSet<&str> = corrected
            .entities
            .iter()
            .filter(|e| e.status == Status::Accepted || e.origin == Origin::User)
            .map(|e| &text[e.span.range()])
            .chain(deleted)
            .collect();
        for e in &corrected.entities {
            let s = &text[e.span.range()];
            if e.origin == Origin::Model
                && e.status == Status::Suggested
                && !reviewed.contains(s)
                && self.lexicon.get(s).is_some_and(|l| *l != Some(e.label))
            {
                self.lexicon.remove(s);
                report.lexicon_removed += 1;
            }
        }
        // 2. Perceptron steps where the model disagrees with the corrected names.
        let mut tagger = ner.clone();
        let sentences: Vec<Vec<&str>> = doc
            .sentences()
            .iter()
            .map(|s| s.clone().map(|i| doc.token_text(i)).collect())
            .collect();
        let gold: Vec<Vec<TokenSpan>> = doc
            .sentences()
            .iter()
            .map(|s| token_spans(doc, s, &corrected.entities))
            .collect();
        let mut touched = std::collections::HashSet::new();
        let mut pos_scratch = crate::syntax::TagScratch::default();
        for (k, words) in sentences.iter().enumerate() {
            let mut updated = false;
            for _ in 0..PASSES {
                tagger.first.learned = Some(Arc::new(self.weights.clone()));
                let pred: Vec<TokenSpan> = tagger
                    .tag_document(std::slice::from_ref(words), &mut TypeCache::new())
                    .remove(0)
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect();
                if pred == gold[k] {
                    break;
                }
                let (g, p) = (
                    bilou_from_spans(&gold[k], words.len()),
                    bilou_from_spans(&pred, words.len()),
                );
                let mut feats = Vec::new();
                let mut offsets = Vec::new();
                sentence_features(words, ner.lexicon(), ner.task, &mut feats, &mut offsets);
                let task = ner
                    .task
                    .token_features(words, ner.pos.as_deref().map(|t| t.run(&mut pos_scratch)));
                for i in (0..words.len()).filter(|&i| g[i] != p[i]) {
                    let own = task.as_ref().map_or(&[][..], |(f, o)| &f[o[i]..o[i + 1]]);
                    for &f in feats[offsets[i]..offsets[i + 1]].iter().chain(own) {
                        let row = self.weights.entry(f).or_insert([0; N_TAGS]);
                        row[g[i]] += STEP;
                        row[p[i]] -= STEP;
                        touched.insert(f);
                    }
                }
                updated = true;
            }
            report.sentences_updated += usize::from(updated);
        }
        report.features_updated = touched.len();
        report
    }

    /// Applies the lexicon to `entities` (sorted, non-overlapping) of `doc`:
    /// strings marked as not entities are dropped, labelled strings are
    /// relabelled, and their other occurrences (on token edges, not
    /// overlapping an entity) are added.
    pub fn apply_lexicon(&self, doc: &Document, entities: Vec<Entity>) -> Vec<Entity> {
        if self.lexicon.is_empty() {
            return entities;
        }
        let text = doc.text();
        let mut out: Vec<Entity> = entities
            .into_iter()
            .filter_map(|mut e| match self.lexicon.get(&text[e.span.range()]) {
                Some(None) if e.origin != Origin::User => None,
                Some(Some(label)) if *label != e.label && e.origin != Origin::User => {
                    e.label = *label;
                    e.origin = Origin::Lexicon;
                    e.score = 1.0;
                    Some(e)
                }
                _ => Some(e),
            })
            .collect();
        let starts: std::collections::HashSet<usize> =
            doc.tokens().iter().map(|t| t.span.start).collect();
        let ends: std::collections::HashSet<usize> =
            doc.tokens().iter().map(|t| t.span.end).collect();
        for (s, label) in &self.lexicon {
            let Some(label) = label else { continue };
            if s.is_empty() {
                continue;
            }
            for (at, _) in text.match_indices(s.as_str()) {
                let span = Span::new(at, at + s.len());
                if starts.contains(&span.start)
                    && ends.contains(&span.end)
                    && !out.iter().any(|e| e.span.overlaps(span))
                {
                    out.push(Entity {
                        span,
                        label: *label,
                        score: 1.0,
                        origin: Origin::Lexicon,
                        status: Status::Suggested,
                    });
                }
            }
        }
        out.sort_by_key(|e| (e.span.start, e.span.end));
        out
    }

    /// The model with these weight corrections.
    pub fn apply_model(&self, ner: &NerModel) -> NerModel {
        let mut m = ner.clone();
        m.first.learned = (!self.weights.is_empty()).then(|| Arc::new(self.weights.clone()));
        m
    }

    /// The learned state as a JSON file, for `ner`.
    pub fn to_json(&self, ner: &NerModel) -> String {
        let mut weights: Vec<(u32, Vec<i32>)> =
            self.weights.iter().map(|(&k, v)| (k, v.to_vec())).collect();
        weights.sort_by_key(|w| w.0);
        serde_json::to_string(&LearnedFile {
            newsmark_learned: 1,
            model: model_id(ner),
            lexicon: self
                .lexicon
                .iter()
                .map(|(t, l)| LexiconEntry {
                    text: t.clone(),
                    label: *l,
                })
                .collect(),
            weights,
        })
        .expect("serialisable")
    }

    /// Reads a learned-state file made for `ner`.
    pub fn from_json(json: &str, ner: &NerModel) -> Result<Self, LearnError> {
        let f: LearnedFile =
            serde_json::from_str(json).map_err(|e| LearnError::Syntax(e.to_string()))?;
        if f.newsmark_learned != 1 {
            return Err(LearnError::Syntax(format!(
                "unknown version {}",
                f.newsmark_learned
            )));
        }
        let expected = model_id(ner);
        if f.model != expected && !f.weights.is_empty() {
            return Err(LearnError::OtherModel {
                found: f.model,
                expected,
            });
        }
        let mut weights = IdMap::default();
        for (k, v) in f.weights {
            let row: [i32; N_TAGS] = v.try_into().map_err(|v: Vec<i32>| {
                LearnError::Syntax(format!("a weight row has {} values, not {N_TAGS}", v.len()))
            })?;
            weights.insert(k, row);
        }
        Ok(Learned {
            lexicon: f.lexicon.into_iter().map(|e| (e.text, e.label)).collect(),
            weights,
        })
    }
}

/// The names (PER, ORG, LOC, MISC) among `entities` as token spans of `sentence`.
fn token_spans(
    doc: &Document,
    sentence: &std::ops::Range<usize>,
    entities: &[Entity],
) -> Vec<TokenSpan> {
    let tokens = &doc.tokens()[sentence.clone()];
    let mut out: Vec<TokenSpan> = entities
        .iter()
        .filter(|e| Label::NAMES.contains(&e.label))
        .filter_map(|e| {
            let first = tokens.iter().position(|t| t.span.start == e.span.start)?;
            let last = tokens.iter().position(|t| t.span.end == e.span.end)?;
            (first <= last).then_some(TokenSpan {
                start: first,
                end: last + 1,
                label: e.label,
            })
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Annotator;

    fn find(doc: &Document, ann: &[Entity], s: &str) -> Option<Label> {
        let b = doc.text().find(s)?;
        ann.iter()
            .find(|e| e.span.start == b && e.span.end == b + s.len())
            .map(|e| e.label)
    }

    #[test]
    fn a_correction_carries_over_to_the_next_article() {
        let base = Annotator::builtin().unwrap();
        // "Zorvath" is a made-up place name; the model has never seen it.
        let first = Document::new("Fighting broke out in Zorvath on Monday, officials said.");
        let before = base.annotate(&first);
        let mut corrected = before.clone();
        let b = first.text().find("Zorvath").unwrap();
        corrected
            .entities
            .retain(|e| !e.span.overlaps(Span::new(b, b + 7)));
        corrected.entities.push(Entity {
            span: Span::new(b, b + 7),
            label: Label::Org,
            score: 1.0,
            origin: Origin::User,
            status: Status::Accepted,
        });
        corrected.entities.sort_by_key(|e| e.span.start);
        let mut learned = Learned::default();
        let report = learned.teach(base.ner(), &first, &before.entities, &corrected);
        assert!(report.lexicon_entries >= 1);
        assert!(report.features_updated > 0);
        // The model itself learned it (without the lexicon).
        let model_only = Annotator::new(learned.apply_model(base.ner()));
        assert_eq!(
            find(&first, &model_only.annotate(&first).entities, "Zorvath"),
            Some(Label::Org)
        );
        let annotator = base.clone().with_learned(&learned);
        let next = Document::new("Aid convoys reached Zorvath late on Tuesday.");
        let ann = annotator.annotate(&next);
        assert_eq!(find(&next, &ann.entities, "Zorvath"), Some(Label::Org));
        // The state survives a file round trip, and is refused for another model.
        let json = learned.to_json(base.ner());
        assert_eq!(Learned::from_json(&json, base.ner()).unwrap(), learned);
        assert!(Learned::from_json("{\"x\":1}", base.ner()).is_err());
    }

    #[test]
    fn deleted_suggestions_are_not_suggested_again() {
        let base = Annotator::builtin().unwrap();
        let doc = Document::new("Paris said the talks were over.");
        let before = base.annotate(&doc);
        assert!(find(&doc, &before.entities, "Paris").is_some());
        let mut corrected = before.clone();
        corrected
            .entities
            .retain(|e| !doc.text()[e.span.range()].starts_with("Paris"));
        let mut learned = Learned::default();
        learned.teach(base.ner(), &doc, &before.entities, &corrected);
        let ann = base
            .clone()
            .with_learned(&learned)
            .annotate(&Document::new("Later, Paris said more."));
        assert!(ann
            .entities
            .iter()
            .all(|e| e.label != Label::Loc && e.label != Label::Per));
    }

    #[test]
    fn an_undone_correction_is_unlearned_but_a_reviewed_one_stays() {
        let base = Annotator::builtin().unwrap();
        let doc =
            Document::new("Fighting broke out in Zorvath on Monday, officials in Zorvath said.");
        let before = base.annotate(&doc);
        let b = doc.text().find("Zorvath").unwrap();
        let relabel = |ann: &Annotations, at: usize, label: Label| {
            let mut out = ann.clone();
            out.entities
                .retain(|e| !e.span.overlaps(Span::new(at, at + 7)));
            out.entities.push(Entity {
                span: Span::new(at, at + 7),
                label,
                score: 1.0,
                origin: Origin::User,
                status: Status::Accepted,
            });
            out.entities.sort_by_key(|e| e.span.start);
            out
        };
        let original = find(&doc, &before.entities, "Zorvath").expect("the model finds Zorvath");
        let other = if original == Label::Org {
            Label::Misc
        } else {
            Label::Org
        };
        let mut learned = Learned::default();
        // Relabel the first mention: the lexicon learns it.
        let corrected = relabel(&before, b, other);
        let suggested = base.clone().with_learned(&learned).entities(&doc);
        learned.teach(base.ner(), &doc, &suggested, &corrected);
        assert_eq!(learned.lexicon.get("Zorvath"), Some(&Some(other)));
        // While the correction stands, the untouched second mention does not undo it.
        let suggested = base.clone().with_learned(&learned).entities(&doc);
        let report = learned.teach(base.ner(), &doc, &suggested, &corrected);
        assert_eq!(report.lexicon_removed, 0);
        assert_eq!(learned.lexicon.get("Zorvath"), Some(&Some(other)));
        // Undo: the document is the model's again. The entry goes, and a new
        // article gets the model's label back.
        let suggested = base.clone().with_learned(&learned).entities(&doc);
        let report = learned.teach(base.ner(), &doc, &suggested, &before);
        assert_eq!(report.lexicon_removed, 1);
        assert_eq!(learned.lexicon.get("Zorvath"), None);
        let next = Document::new("Aid convoys reached Zorvath late on Tuesday.");
        let ann = base.clone().with_learned(&learned).annotate(&next);
        assert_ne!(find(&next, &ann.entities, "Zorvath"), Some(other));
        // An undone deletion too: the suggestion is back, so "not an entity" goes.
        let mut deleted = before.clone();
        deleted
            .entities
            .retain(|e| !doc.text()[e.span.range()].contains("Zorvath"));
        let suggested = base.clone().with_learned(&learned).entities(&doc);
        learned.teach(base.ner(), &doc, &suggested, &deleted);
        assert_eq!(learned.lexicon.get("Zorvath"), Some(&None));
        let suggested = base.clone().with_learned(&learned).entities(&doc);
        let report = learned.teach(base.ner(), &doc, &suggested, &before);
        assert_eq!(report.lexicon_removed, 1);
        assert_eq!(learned.lexicon.get("Zorvath"), None);
    }
}
