//! The sequence tagger every statistical task shares: hashed features, a
//! linear model with BILOU tags over label slots, first-order Viterbi
//! decoding, averaged-perceptron training and the compact model file.
//!
//! It knows no task. A task module ([`crate::ner`], [`crate::attribution`])
//! implements [`Task`] to add its own token features and says how many label
//! slots it uses; the tagger does the rest.

pub mod decode;
pub mod eval;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod tags;
pub mod train;
pub mod wordtable;

pub use features::{Task, TaskRef, WordFeatures};
pub use model::{Model, ModelError, SecondStage, TypeCache};
