//! # Newsmark
//!
//! Finds and marks up entities in news text, in the browser (WebAssembly) and
//! on the command line, with models trained on news and embedded in the
//! binary. The core is plain Rust with no WebAssembly types.
//!
//! ```
//! use newsmark::{Annotator, Document, Label};
//!
//! let doc = Document::new("Azerbaijan's defence ministry said troops clashed near Lachin on Monday.");
//! let annotator = Annotator::builtin().expect("embedded model");
//! let found = annotator.annotate(&doc);
//! let places: Vec<&str> = found
//!     .entities
//!     .iter()
//!     .filter(|e| e.label == Label::Loc)
//!     .map(|e| &doc.text()[e.span.range()])
//!     .collect();
//! assert!(places.contains(&"Lachin"));
//! ```
//!
//! Offsets: the core uses UTF-8 byte [`Span`]s; [`export`] converts them to
//! code points (files, CLI) or UTF-16 units (JavaScript) through
//! [`span::OffsetIndex`].
//!
//! The modules stand on floors, each importing only from those below it:
//! text ([`span`], [`label`], [`lines`], [`tokenize`], [`binfmt`],
//! [`document`]); the annotation data ([`annotation`]); the sequence tagger
//! ([`tagger`]); the tasks ([`ner`], [`numeric`], [`claims`], [`attribution`],
//! [`learn`]); the pipeline ([`annotate`]); [`export`] and [`import`]; and the
//! surfaces (the CLI, the wasm layer, the page). `docs/architecture.md` in
//! the repository describes each module, the path of a text through them, and
//! where new labels, formats and models go; `tests/layers.rs` checks the floors.

pub mod annotate;
pub mod annotation;
pub mod attribution;
pub mod binfmt;
pub mod claims;
pub mod document;
pub mod export;
pub mod hash;
pub mod import;
pub mod label;
pub mod learn;
pub mod lines;
pub mod ner;
pub mod numeric;
pub mod span;
pub mod syntax;
pub mod tagger;
pub mod tokenize;

/// The wasm-bindgen layer of the browser's first module (only in
/// WebAssembly builds): entities, claims, learning, exports.
#[cfg(all(target_arch = "wasm32", not(feature = "wasm-attribution")))]
pub mod wasm_api;
/// The wasm-bindgen layer of the browser's second module, built with the
/// `wasm-attribution` feature: attribution finding alone.
#[cfg(all(target_arch = "wasm32", feature = "wasm-attribution"))]
pub mod wasm_attribution;

pub use annotate::Annotator;
pub use annotation::{Annotations, Attribution, Claim, ClaimKind, Entity, Origin, Role, Status};
pub use document::Document;
pub use label::Label;
pub use span::{OffsetIndex, Span, Unit};

/// Errors of the core library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Model(#[from] tagger::ModelError),
    #[error(transparent)]
    Conll(#[from] ner::conll::ConllError),
    #[error(transparent)]
    Export(#[from] export::ExportError),
}
