//! Any UTF-8 text: annotating never panics and every span fits the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsmark::{Annotator, Document};

fuzz_target!(|text: &str| {
    let doc = Document::new(text);
    let ann = Annotator::builtin().unwrap().annotate(&doc);
    for e in &ann.entities {
        assert!(e.span.text(doc.text()).is_some());
    }
    for c in &ann.claims {
        assert!(c.span.text(doc.text()).is_some());
    }
});
