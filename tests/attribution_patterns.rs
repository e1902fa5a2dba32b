//! The built-in models and rules find source, cue and content in the kinds
//! of sentence issue 4 names ("X said that…", "according to X", "X accused Y
//! of…", "X called on…", quotes), written for this test in plain news style.
//! A model or rule change that loses one of them fails here.

use newsmark::document::Document;
use newsmark::Annotator;

/// (sentence, source, cue, content) as the CLI would print their texts.
const CASES: &[(&str, Option<&str>, &str, &str)] = &[
    (
        "The country's defence ministry accused rebel units of shelling two villages.",
        Some("The country's defence ministry"),
        "accused",
        "rebel units of shelling two villages",
    ),
    (
        "Health officials warned that the virus could spread to neighbouring provinces.",
        Some("Health officials"),
        "warned",
        "that the virus could spread to neighbouring provinces",
    ),
    (
        "According to police, the suspect fled on foot.",
        Some("police"),
        "According to",
        "the suspect fled on foot",
    ),
    (
        "The union called on members to strike from Monday.",
        Some("The union"),
        "called on",
        "members to strike from Monday",
    ),
    (
        "\"We are not going anywhere,\" the president said.",
        Some("the president"),
        "said",
        "\"We are not going anywhere,\"",
    ),
    (
        "Police said three people were arrested.",
        Some("Police"),
        "said",
        "three people were arrested",
    ),
    (
        "Officials estimate that the repairs will cost $3bn.",
        Some("Officials"),
        "estimate",
        "that the repairs will cost $3bn",
    ),
    (
        "The mayor, who is 54, said crime fell last year.",
        Some("The mayor, who is 54,"),
        "said",
        "crime fell last year",
    ),
    (
        "Unemployment rose to 5.2% in March, the Office for National Statistics said.",
        Some("the Office for National Statistics"),
        "said",
        "Unemployment rose to 5.2% in March",
    ),
];

#[test]
fn news_sentences_get_their_source_cue_and_content() {
    let annotator = Annotator::builtin().unwrap();
    let mut wrong = Vec::new();
    for &(text, source, cue, content) in CASES {
        let doc = Document::new(text);
        let found: Vec<(Option<&str>, &str, &str)> = annotator
            .attributions(&doc)
            .iter()
            .map(|a| {
                let t = |s: newsmark::span::Span| &text[s.range()];
                (a.source.map(t), t(a.cue), t(a.content_span().unwrap()))
            })
            .collect();
        if found != [(source, cue, content)] {
            wrong.push(format!(
                "{text}\n  want {:?}\n  got  {found:?}",
                (source, cue, content)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The regression set of news sentences (tests/gold/attribution-news.jsonl):
/// every attribution listed is found whole, with its source, cue and content.
#[test]
fn the_news_regression_set_comes_out_whole() {
    let gold = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/attribution-news.jsonl"),
    )
    .unwrap();
    let annotator = Annotator::builtin().unwrap();
    let (mut total, mut wrong) = (0, Vec::new());
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let item: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = item["text"].as_str().unwrap();
        let doc = Document::new(text);
        let t = |s: newsmark::span::Span| &text[s.range()];
        let found: Vec<(Option<&str>, &str, &str)> = annotator
            .attributions(&doc)
            .iter()
            .map(|a| (a.source.map(t), t(a.cue), t(a.content_span().unwrap())))
            .collect();
        let mut wanted = Vec::new();
        for want in item["attributions"].as_array().unwrap() {
            total += 1;
            let want = (
                want["source"].as_str(),
                want["cue"].as_str().unwrap(),
                want["content"].as_str().unwrap(),
            );
            if !found.contains(&want) {
                wrong.push(format!("{text}\n  want {want:?}\n  got  {found:?}"));
            }
            wanted.push(want);
        }
        // A whole article marked complete lists every attribution in it:
        // nothing else may be found ("had underlying conditions" is none).
        if item["complete"].as_bool() == Some(true) {
            for extra in found.iter().filter(|f| !wanted.contains(f)) {
                wrong.push(format!("{text}\n  not an attribution: {extra:?}"));
            }
        }
    }
    assert!(total >= 50, "the set has {total} attributions");
    assert!(
        wrong.is_empty(),
        "{} of {total} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
