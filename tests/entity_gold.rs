//! The built-in entity model on the hand-written entity sets of
//! `tests/gold/` (issue 16): 36 title-case headlines and 171 sentences of
//! 2020s news, scored as `newsmark eval` scores them (exact span and label,
//! through the whole annotator). The thresholds sit a little under the
//! figures in BENCHMARKS.md: a model or rule change that loses names here
//! fails.

use newsmark::document::Document;
use newsmark::label::Label;
use newsmark::ner::gold::{self, GoldText};
use newsmark::span::Span;
use newsmark::tagger::eval::EvalCounts;
use newsmark::Annotator;

/// Measured through the annotator: 81.82 (BENCHMARKS.md; 76.36 before the
/// place mend outside sports reports), less a margin.
const HEADLINES_F1: f64 = 0.78;
/// Multi-word names found in the headlines that are not in the gold
/// (measured: 4, "Baku's", "Air Defence Deliveries", "Safer AI",
/// "Netanyahu Heads"; the model before issue 16 found 35 in these headlines).
const GLUED_MAX: usize = 4;
/// Measured through the annotator: 85.75 (84.83 before the officer, title,
/// place and clause-word mends; the CoNLL-only model: 82.44).
const NEWS_2020S_F1: f64 = 0.84;
/// The paragraphs of the second held-out news set (tests/gold/README.md):
/// 83.28 unseen, 85.08 with the mends it prompted.
const NEWS_HELDOUT2_F1: f64 = 0.83;

fn read(name: &str) -> Vec<GoldText> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gold")
        .join(name);
    gold::parse(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Predicted names of each text, beside the gold.
fn tag(set: &[GoldText]) -> Vec<Vec<(Span, Label)>> {
    let annotator = Annotator::builtin().unwrap();
    set.iter()
        .map(|g| {
            annotator
                .entities(&Document::new(g.text.as_str()))
                .into_iter()
                .filter(|e| Label::NAMES.contains(&e.label))
                .map(|e| (e.span, e.label))
                .collect()
        })
        .collect()
}

fn score(set: &[GoldText], pred: &[Vec<(Span, Label)>]) -> EvalCounts {
    let mut c = EvalCounts::default();
    for (g, p) in set.iter().zip(pred) {
        c.add_spans(&g.entities, p, 0);
    }
    c
}

#[test]
fn headlines_in_title_case_are_read_like_running_text() {
    let set = read("headlines.jsonl");
    assert!(set.len() >= 30);
    let pred = tag(&set);
    let c = score(&set, &pred);
    eprintln!("{}", c.report());
    let f1 = c.overall().f1;
    assert!(f1 >= HEADLINES_F1, "headline F1 fell to {:.2}", 100.0 * f1);
    // No spurious name of several words: a title-case line's capitals do
    // not glue words into one organisation ("Putin Says Normalization").
    let mut glued = Vec::new();
    for (g, p) in set.iter().zip(&pred) {
        for (span, label) in p {
            let text = &g.text[span.range()];
            if text.contains(' ') && !g.entities.contains(&(*span, *label)) {
                glued.push(format!("{text} [{label}] in {:?}", g.text));
            }
        }
    }
    assert!(
        glued.len() <= GLUED_MAX,
        "{} multi-word names not in the gold:\n{}",
        glued.len(),
        glued.join("\n")
    );
    // The line from the issue: "Putin" is a person again, no name runs
    // over several words ("Putin Says Normalization" was one ORG), and
    // Baku is the city (the tagger reads "BAKU 'S INTERESTS" as a sports
    // page's club; outside a sports report a known place is mended).
    let i = set
        .iter()
        .position(|g| g.text.starts_with("Related article:"))
        .unwrap();
    let text = &set[i].text;
    let found: Vec<(&str, Label)> = pred[i]
        .iter()
        .map(|(s, l)| (&text[s.range()], *l))
        .collect();
    assert!(found.contains(&("Putin", Label::Per)), "{found:?}");
    assert!(found.contains(&("Baku", Label::Loc)), "{found:?}");
    assert!(found.iter().all(|(t, _)| !t.contains(' ')), "{found:?}");
}

/// The set's scores, printed, with its overall F1 checked against `floor`.
fn scored_at_least(file: &str, min_texts: usize, floor: f64) -> EvalCounts {
    let set = read(file);
    assert!(set.len() >= min_texts);
    let c = score(&set, &tag(&set));
    eprintln!("{}", c.report());
    let f1 = c.overall().f1;
    assert!(f1 >= floor, "{file}: F1 fell to {:.2}", 100.0 * f1);
    c
}

#[test]
fn names_of_2020s_news() {
    let c = scored_at_least("entities-2020s.jsonl", 150, NEWS_2020S_F1);
    for l in Label::NAMES {
        assert!(
            c.label(l).f1 >= 0.6,
            "{l} F1 fell to {:.2}",
            100.0 * c.label(l).f1
        );
    }
}

#[test]
fn names_of_the_second_held_out_news_set() {
    scored_at_least("entities-news-heldout2.jsonl", 100, NEWS_HELDOUT2_F1);
}

/// Each name of `text` with its label, through the whole annotator.
fn names_in(annotator: &Annotator, text: &str) -> Vec<(String, Label)> {
    annotator
        .entities(&Document::new(text))
        .into_iter()
        .filter(|e| Label::NAMES.contains(&e.label))
        .map(|e| (text[e.span.range()].to_string(), e.label))
        .collect()
}

#[test]
fn officers_titles_and_places_in_news() {
    let a = Annotator::builtin().unwrap();
    let has = |text: &str, name: &str, label: Label| {
        let found = names_in(a, text);
        assert!(
            found.iter().any(|(t, l)| t == name && *l == label),
            "{name} [{label}] not in {found:?} of {text:?}"
        );
        found
    };
    // A word no vocabulary knows, before an officer and a person, is the
    // company, which the tagger missed.
    has(
        "Binance founder Changpeng Zhao was sentenced.",
        "Binance",
        Label::Org,
    );
    has(
        "Stellantis chief executive Carlos Tavares resigned.",
        "Stellantis",
        Label::Org,
    );
    // A word the vocabulary knows is no company by that sign.
    let found = names_in(a, "Former CEO Carlos Tavares resigned.");
    assert!(
        found.iter().all(|(t, _)| !t.contains("Former")),
        "{found:?}"
    );
    // A one-word person joined by "and" to a company is one.
    has(
        "The commission opened investigations into Google and Meta, officials said.",
        "Meta",
        Label::Org,
    );
    has(
        "Microsoft, Meta and Alphabet have all said they will keep spending.",
        "Alphabet",
        Label::Org,
    );
    has(
        "The Trump administration announced new tariffs on Friday.",
        "Trump",
        Label::Per,
    );
    // Two words run together, which the tagger missed, are a company.
    has(
        "TikTok faces a ban unless its owner sells the app.",
        "TikTok",
        Label::Org,
    );
    // A common noun in capitals is no name.
    let found = names_in(a, "Demand for AI chips keeps growing, Nvidia said.");
    assert!(found.iter().all(|(t, _)| t != "AI"), "{found:?}");
    // A surname read as a person makes one of its full name, which the
    // word vectors put with colleges.
    has(
        "Elon Musk said on Monday that the rocket would fly again. Musk, who also runs Tesla, told investors the company was on track.",
        "Elon Musk",
        Label::Per,
    );
    // An acronym after "the" that acts is a body; one acted on is not.
    has(
        "The WHO warned that measles cases had risen sharply.",
        "WHO",
        Label::Org,
    );
    let found = names_in(
        a,
        "The CEO said the CPI increased. The BEL20 is the benchmark index, and the CRR could be raised.",
    );
    assert!(found.iter().all(|(_, l)| *l != Label::Org), "{found:?}");
    // "said it": a company; but a known surname stays a person.
    has(
        "Anthropic said it had raised $4 billion from investors.",
        "Anthropic",
        Label::Org,
    );
    has("Smith said it was a great win.", "Smith", Label::Per);
    // A country by its abbreviation, which the gazetteer does not hold.
    has(
        "The EU said the US had agreed to lower tariffs.",
        "US",
        Label::Loc,
    );
    // What the text says a name is.
    has(
        "Anthropic, the San Francisco start-up behind the Claude chatbot, said it had raised money.",
        "Anthropic",
        Label::Org,
    );
    has(
        "M23 rebels entered Goma, the largest city in eastern Congo.",
        "Goma",
        Label::Loc,
    );
    // A title makes a person of a name the word vectors put with colleges.
    has(
        "Tesla boss Elon Musk said the company would grow.",
        "Elon Musk",
        Label::Per,
    );
    // A known place outside a sports report is the place ...
    has("Zelensky held talks with Kyiv's mayor.", "Kyiv", Label::Loc);
    // ... and a club in one.
    has("Bolton beat Leeds 2-1 on Saturday.", "Leeds", Label::Org);
}
