//! The annotator keeps its taggers' per-word-type caches from one call to
//! the next (issue 17: on short texts, filling them was most of the work).
//! What it finds must not depend on what it annotated before.

use newsmark::annotation::Annotations;
use newsmark::{Annotator, Document};
use serde_json::Value;

/// The news articles of the check-worthiness gold set, and the sentences of
/// the attribution set, as plain texts.
fn texts() -> Vec<String> {
    let mut out = Vec::new();
    for line in include_str!("gold/checkworthy-news.jsonl").lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let sep = v["sep"].as_str().unwrap();
        let paragraphs: Vec<String> = v["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let sentences: Vec<&str> = p
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s[0].as_str().unwrap())
                    .collect();
                sentences.join(" ")
            })
            .collect();
        out.push(paragraphs.join(sep));
    }
    for line in include_str!("gold/attribution-news.jsonl").lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        out.push(v["text"].as_str().unwrap().to_string());
    }
    out
}

#[test]
fn what_is_found_does_not_depend_on_what_came_before() {
    let texts = texts();
    assert!(texts.len() > 80, "{}", texts.len());
    let base = Annotator::builtin().unwrap();
    // Cold: a fresh copy of the annotator (empty caches) for each text.
    let cold: Vec<Annotations> = texts
        .iter()
        .map(|t| base.clone().annotate(&Document::new(t)))
        .collect();
    // Warm: one annotator through all the texts, forwards then backwards,
    // so every text is annotated after others (and after itself).
    let warm = base.clone();
    let order: Vec<usize> = (0..texts.len()).chain((0..texts.len()).rev()).collect();
    for i in order {
        let got = warm.annotate(&Document::new(&texts[i]));
        assert_eq!(got, cold[i], "text {i} annotated after others differs");
    }
    // The work is real: the set has entities, claims and attributions.
    let count = |f: fn(&Annotations) -> usize| cold.iter().map(f).sum::<usize>();
    assert!(count(|a| a.entities.len()) > 500);
    assert!(count(|a| a.claims.len()) > 150);
    assert!(count(|a| a.attributions.len()) > 50);
}
