use super::*;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "the",
    "a",
    "on",
    "in",
    "of",
    "and",
    "last",
    "next",
    "early",
    "May",
    "Monday",
    "night",
    "2024",
    "1990s",
    "'",
    "’",
    "5",
    "12",
    "1,200",
    "3.5",
    "0800",
    "-7",
    "%",
    "$",
    "US$",
    "£",
    "€",
    "Rs.",
    "bn",
    "million",
    "km",
    "°C",
    "35°C",
    "km²",
    "p.m.",
    "10:30",
    "7.45pm",
    "3-1",
    "2022-23",
    "45-year-old",
    "two-thirds",
    "one",
    "half",
    "quarter",
    "third",
    "years",
    "ago",
    "hours",
    "GMT",
    "Sunday",
    "Times",
    "Apollo",
    "No.",
    ",",
    ".",
    "\n",
    "é",
    "😀",
    "—",
];

proptest! {
    #[test]
    fn matches_are_sorted_disjoint_and_on_boundaries(
        picks in prop::collection::vec((0..PIECES.len(), any::<bool>()), 0..40)
    ) {
        let mut text = String::new();
        for (k, glue) in picks {
            text.push_str(PIECES[k]);
            if !glue {
                text.push(' ');
            }
        }
        let doc = Document::new(text.as_str());
        let found = find(&doc);
        let mut last = 0;
        for e in &found {
            prop_assert!(e.span.start >= last && e.span.end > e.span.start);
            prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            prop_assert!(Label::NUMERIC.contains(&e.label));
            last = e.span.end;
        }
    }
}
