//! Properties that hold for any text: nothing panics, every span is in bounds
//! and on character boundaries, offsets round-trip between units, and every
//! exporter writes something the importers read back.
//!
//! Strings are drawn both at random and from pieces biased toward the hard
//! cases: emoji with ZWJ and skin tones, flags, CJK, Arabic and Hebrew,
//! combining marks, NBSP, CRLF, U+2028, BOM, NUL, quotes, abbreviations and
//! numbers. Run more cases with `PROPTEST_CASES=10000 cargo test --release --test properties`.

// proptest is a native-only dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

use newsmark::annotation::{handoff_words, read_handoff};
use newsmark::export::{annotations_out, export, Format};
use newsmark::import::import;
use newsmark::span::{OffsetIndex, Unit};
use newsmark::tokenize::{split_sentences, tokenize};
use newsmark::{Annotator, Document};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "👨‍👩‍👧‍👦",
    "👍🏽",
    "🇦🇿",
    "🇫🇷",
    "😀",
    "北京",
    "习近平",
    "東京",
    "مرحبا",
    "بغداد",
    "שלום",
    "ירושלים",
    "e\u{301}",
    "Zoe\u{308}",
    "\u{a0}",
    "\r\n",
    "\n",
    "\n\n",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{0}",
    "\u{200b}",
    "\u{202e}",
    "\u{fffd}",
    " ",
    " ",
    " ",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "«",
    "»",
    "—",
    "-",
    "--",
    "...",
    "…",
    ".",
    ",",
    ":",
    "(",
    ")",
    "U.S.",
    "Mr.",
    "Jan.",
    "Gov.",
    "No.",
    "$1.2bn",
    "3.5%",
    "6,500",
    "£4m",
    "10:30",
    "1996-08-22",
    "2024",
    "two",
    "Paris",
    "Baku",
    "Aliyev",
    "Reuters",
    "said",
    "according to",
    "the",
    "ministry",
    "accused",
    "Nagorno-Karabakh",
    "'s",
    "n't",
    "https://example.com/a?b=1",
    "press@gov.az",
    "<script>",
    "&lt;b&gt;",
    "{{x}}",
    "\t",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat()),
        prop::collection::vec(prop::sample::select(PIECES), 0..30).prop_map(|v| v.join(" ")),
    ]
}

fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} out of bounds"
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} not on char boundaries"
    );
}

proptest! {
    // 256 cases by default; PROPTEST_CASES overrides.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn offsets_round_trip(text in text()) {
        let index = OffsetIndex::new(&text);
        for unit in [Unit::Byte, Unit::Char, Unit::Utf16] {
            for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let o = index.from_byte(b, unit).unwrap();
                prop_assert_eq!(index.to_byte(o, unit), Some(b));
            }
        }
        prop_assert_eq!(index.len(Unit::Char), text.chars().count());
        prop_assert_eq!(index.len(Unit::Utf16), text.encode_utf16().count());
    }

    #[test]
    fn tokens_and_sentences_are_well_formed(text in text()) {
        let tokens = tokenize(&text);
        let mut last = 0;
        for t in &tokens {
            assert_span(&text, t.span.start, t.span.end, "token");
            prop_assert!(t.span.start >= last && !t.span.is_empty());
            last = t.span.end;
        }
        let sentences = split_sentences(&text, &tokens);
        let mut next = 0;
        for s in &sentences {
            prop_assert_eq!(s.start, next);
            prop_assert!(s.end > s.start);
            next = s.end;
        }
        prop_assert_eq!(next, tokens.len());
    }

    #[test]
    fn annotate_and_every_export_hold_up(text in text()) {
        let annotator = Annotator::builtin().unwrap();
        let doc = Document::new(text.clone());
        let ann = annotator.annotate(&doc);
        let mut last_end = 0;
        for e in &ann.entities {
            assert_span(&text, e.span.start, e.span.end, "entity");
            prop_assert!(e.span.start >= last_end, "entities overlap or are unsorted");
            prop_assert!(!e.span.is_empty());
            prop_assert!(e.score > 0.0 && e.score <= 1.0);
            last_end = e.span.end;
        }
        for c in &ann.claims {
            assert_span(&text, c.span.start, c.span.end, "claim");
            prop_assert!(c.attribution.is_none_or(|a| a < ann.attributions.len()));
        }
        for a in &ann.attributions {
            for s in a.source.iter().chain([&a.cue]).chain(&a.content) {
                assert_span(&text, s.start, s.end, "attribution span");
            }
        }
        // The CLI/JS records: the offsets slice their text in each unit.
        let chars: Vec<char> = text.chars().collect();
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let cp = annotations_out(&doc, &ann, Unit::Char).unwrap();
        for e in &cp.entities {
            prop_assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
        }
        let js = annotations_out(&doc, &ann, Unit::Utf16).unwrap();
        for e in &js.entities {
            prop_assert_eq!(String::from_utf16(&utf16[e.start..e.end]).unwrap(), e.text);
        }
        // Every exporter writes; the lossless one reads back identical.
        for format in Format::ALL {
            let out = export(&doc, &ann, format).unwrap();
            if format == Format::Html {
                prop_assert!(!out.contains("<script"));
            }
        }
        let (doc2, ann2) = import(&export(&doc, &ann, Format::Json).unwrap(), Format::Json, None).unwrap();
        prop_assert_eq!(doc2.text(), doc.text());
        prop_assert_eq!(ann2, ann.clone());
        for format in [Format::Brat, Format::Webanno] {
            let (_, back) = import(&export(&doc, &ann, format).unwrap(), format, Some(doc.text())).unwrap();
            let labels = |a: &newsmark::Annotations| a.entities.iter().map(|e| (e.span, e.label)).collect::<Vec<_>>();
            prop_assert_eq!(labels(&back), labels(&ann));
        }
    }

    /// The browser's two modules: the second's numbers (its attributions,
    /// tokens and sentences) give the first module exactly what annotating
    /// the text in one piece gives; numbers changed anywhere are refused or
    /// make a document whose every token and sentence slices the text.
    #[test]
    fn the_second_modules_numbers_give_the_same_annotation(text in text(), at in any::<prop::sample::Index>(), to in any::<u32>()) {
        let annotator = Annotator::builtin().unwrap();
        let doc = Document::new(text.clone());
        let words = handoff_words(&doc, annotator.attributions(&doc));
        let (again, found) = read_handoff(&text, &words).unwrap();
        prop_assert_eq!(annotator.annotate_given(&again, found), annotator.annotate(&doc));
        let mut changed = words.clone();
        let i = at.index(changed.len());
        changed[i] = to;
        if let Ok((odd, found)) = read_handoff(&text, &changed) {
            for t in 0..odd.tokens().len() {
                let _ = odd.token_text(t);
            }
            for s in odd.sentences() {
                let _ = odd.sentence_span(s).text(odd.text()).unwrap();
            }
            // The whole way out, as the first module goes: annotation, the
            // page's offsets and every export.
            let ann = annotator.annotate_given(&odd, found);
            annotations_out(&odd, &ann, Unit::Utf16).unwrap();
            for format in Format::ALL {
                export(&odd, &ann, format).unwrap();
            }
        }
    }

    #[test]
    fn importers_never_panic_on_garbage(content in text(), current in text()) {
        for format in [Format::Json, Format::Prodigy, Format::Brat, Format::Webanno] {
            let _ = import(&content, format, Some(&current));
        }
    }
}

#[test]
fn named_hard_cases() {
    let annotator = Annotator::builtin().unwrap();
    for text in [
        "👨‍👩‍👧‍👦 Angela Merkel met 👍🏽 Emmanuel Macron in 🇫🇷 Paris.",
        "北京 说 Xi Jinping visited Moscow.",
        "مرحبا Baku שלום Jerusalem",
        "Zoe\u{308} Saldana said \u{a0}hello\r\nto Paris\u{2028}and London\u{feff}.",
        "\u{0}\u{0}Paris\u{0}",
        "\u{202e}Paris\u{202c} and Baku",
        "",
        "\u{fffd}\u{fffd}",
    ] {
        let doc = Document::new(text);
        let ann = annotator.annotate(&doc);
        for format in Format::ALL {
            export(&doc, &ann, format).unwrap();
        }
        let cp = annotations_out(&doc, &ann, Unit::Char).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for e in cp.entities {
            assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
        }
    }
}
