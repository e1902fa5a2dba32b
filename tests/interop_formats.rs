//! The downloads' promises, checked in Rust on the interop articles and the
//! hostile inputs (the real consumers run in tests/e2e/interop-formats.test.mjs):
//! W3C export -> import -> export is byte-identical with urn:uuid ids; spaCy's
//! words and spaces give back the text; CoNLL lines are token, tab, tag; a
//! reviewed claim is a ClaimReview with Google's required properties, the others
//! Claims; files from before reviews still load.

mod common;

use newsmark::annotation::{ClaimantType, Review};
use newsmark::export::{export, Format};
use newsmark::import::import;
use newsmark::{Annotator, Document};
use serde_json::Value;

fn texts() -> Vec<String> {
    let mut out = common::texts_of("tests/interop/articles.json");
    out.extend(common::texts_of("tests/hostile/inputs.json"));
    out
}

#[test]
fn w3c_round_trips_byte_for_byte_with_absolute_ids() {
    let annotator = Annotator::builtin().unwrap();
    for text in texts() {
        let doc = Document::new(text.as_str());
        let ann = annotator.annotate(&doc);
        let first = export(&doc, &ann, Format::Webanno).unwrap();
        let (doc2, ann2) = import(&first, Format::Webanno, Some(&text)).unwrap();
        let second = export(&doc2, &ann2, Format::Webanno).unwrap();
        assert!(
            first == second,
            "the W3C file of {text:?} changed on a round trip"
        );
        let v: Value = serde_json::from_str(&first).unwrap();
        let items = v["first"]["items"].as_array().unwrap();
        let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        ids.extend([
            v["id"].as_str().unwrap(),
            v["first"]["id"].as_str().unwrap(),
        ]);
        assert!(
            ids.iter()
                .all(|id| id.starts_with("urn:uuid:") && id.len() == 45),
            "{ids:?}"
        );
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are not distinct");
    }
}

#[test]
fn spacy_words_and_spaces_are_the_text_and_conll_lines_have_one_tab() {
    let annotator = Annotator::builtin().unwrap();
    for text in texts() {
        let doc = Document::new(text.as_str());
        let ann = annotator.annotate(&doc);
        let v: Value = serde_json::from_str(&export(&doc, &ann, Format::Spacy).unwrap()).unwrap();
        let mut back = String::new();
        for s in v[0]["paragraphs"][0]["sentences"].as_array().unwrap() {
            for t in s["tokens"].as_array().unwrap() {
                back.push_str(t["orth"].as_str().unwrap());
                back.push_str(t["space"].as_str().unwrap());
            }
        }
        assert_eq!(back, text);
        let conll = export(&doc, &ann, Format::Conll).unwrap();
        assert!(conll.starts_with("-DOCSTART-\tO\n\n"));
        for line in conll.lines().filter(|l| !l.is_empty()) {
            assert_eq!(
                line.matches('\t').count(),
                1,
                "{line:?} in the CoNLL of {text:?}"
            );
        }
    }
}

#[test]
fn a_reviewed_claim_is_a_claim_review_with_googles_required_properties() {
    let text = "Angela Merkel said on Tuesday that unemployment fell to 3% last year. \
                The ministry said </script> prices would double.";
    let doc = Document::new(text);
    let mut ann = Annotator::builtin().unwrap().annotate(&doc);
    assert_eq!(ann.claims.len(), 2, "{:?}", ann.claims);
    ann.claims[0].review = Some(Review {
        rating: "False".into(),
        rating_value: Some(1),
        best_rating: Some(5),
        worst_rating: Some(1),
        url: "https://factcheck.example/merkel".into(),
        organization: "Example Fact Check".into(),
        date: Some("2024-05-01".into()),
        appearance: Some("https://news.example/story".into()),
        ..Review::default()
    });
    let out = export(&doc, &ann, Format::ClaimReview).unwrap();
    assert!(
        !out.contains('<') && out.contains("\\u003c/script\\u003e"),
        "{out}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let r = &v[0];
    assert_eq!(r["@context"], "https://schema.org");
    assert_eq!(r["@type"], "ClaimReview");
    assert_eq!(r["claimReviewed"], &text[..text.find(" The").unwrap()]);
    assert_eq!(r["url"], "https://factcheck.example/merkel");
    assert_eq!(r["reviewRating"]["@type"], "Rating");
    assert_eq!(r["reviewRating"]["alternateName"], "False");
    assert_eq!(r["reviewRating"]["ratingValue"], 1);
    assert_eq!(
        r["author"],
        serde_json::json!({ "@type": "Organization", "name": "Example Fact Check" })
    );
    assert_eq!(r["datePublished"], "2024-05-01");
    assert_eq!(r["itemReviewed"]["@type"], "Claim");
    assert_eq!(
        r["itemReviewed"]["author"],
        serde_json::json!({ "@type": "Person", "name": "Angela Merkel" })
    );
    assert_eq!(
        r["itemReviewed"]["appearance"]["url"],
        "https://news.example/story"
    );
    // The other claim is a plain Claim, marked as not reviewed; its claimant an Organization.
    assert_eq!(v[1]["@type"], "Claim");
    assert_eq!(v[1]["newsmark:reviewed"], false);
    assert_eq!(v[1]["author"]["@type"], "Organization");
    // The reviewer's own claimant wins.
    ann.claims[0].review.as_mut().unwrap().claimant = Some("Angela Merkel's office".into());
    ann.claims[0].review.as_mut().unwrap().claimant_type = Some(ClaimantType::Organization);
    let v: Value = serde_json::from_str(&export(&doc, &ann, Format::ClaimReview).unwrap()).unwrap();
    assert_eq!(
        v[0]["itemReviewed"]["author"],
        serde_json::json!({ "@type": "Organization", "name": "Angela Merkel's office" })
    );
    // Reviews go out and back in through Newsmark's JSON.
    let (_, back) = import(
        &export(&doc, &ann, Format::Json).unwrap(),
        Format::Json,
        None,
    )
    .unwrap();
    assert_eq!(back.claims[0].review, ann.claims[0].review);
}

#[test]
fn files_from_before_reviews_still_load_and_a_review_needs_a_rating() {
    let old = r#"{"newsmark": 1, "offsets": "codepoint", "text": "Prices rose 3%.",
        "claims": [{"start": 0, "end": 15, "kind": "quantity", "score": 0.9, "attribution": null}]}"#;
    let (_, ann) = import(old, Format::Json, None).unwrap();
    assert_eq!(ann.claims[0].review, None);
    let bad = old.replace(
        "\"attribution\": null",
        "\"attribution\": null, \"review\": {\"rating\": \" \"}",
    );
    let err = import(&bad, Format::Json, None).unwrap_err().to_string();
    assert!(err.contains("no rating"), "{err}");
}
