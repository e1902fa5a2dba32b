//! Any text, annotated, written in every format: never a panic, no script in
//! the HTML, and the lossless JSON reads back identical.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsmark::export::{export, Format};
use newsmark::import::import;
use newsmark::{Annotator, Document};

fuzz_target!(|text: &str| {
    let doc = Document::new(text);
    let ann = Annotator::builtin().unwrap().annotate(&doc);
    for format in Format::ALL {
        let out = export(&doc, &ann, format).unwrap();
        if format == Format::Html {
            assert!(!out.contains("<script"));
        }
    }
    let (doc2, ann2) = import(&export(&doc, &ann, Format::Json).unwrap(), Format::Json, None).unwrap();
    assert_eq!(doc2.text(), doc.text());
    assert_eq!(ann2, ann);
});
