//! Any bytes as a file in any import format, against any current text:
//! importing returns a document or an error, never a panic, and what it
//! returns is consistent.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsmark::export::Format;
use newsmark::import::import;

fuzz_target!(|input: (u8, &str, &str)| {
    let (which, content, text) = input;
    let format = [Format::Json, Format::Prodigy, Format::Brat, Format::Webanno][which as usize % 4];
    if let Ok((doc, ann)) = import(content, format, Some(text)) {
        for e in &ann.entities {
            assert!(e.span.text(doc.text()).is_some());
        }
    }
});
