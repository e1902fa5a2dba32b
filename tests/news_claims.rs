//! Check-worthy claims in news articles (issue 15): the furniture of an
//! article and bare reporting clauses are never claims, the facts are, and
//! the news gold set keeps its precision and recall through the pipeline.

use newsmark::annotation::{Annotations, ClaimFacet};
use newsmark::{Annotator, Document};

fn annotate(text: &str) -> Annotations {
    Annotator::builtin().unwrap().annotate(&Document::new(text))
}

/// Whether a claim covers any of `needle` in `text`.
fn flagged(text: &str, ann: &Annotations, needle: &str) -> bool {
    let start = text.find(needle).expect("the needle is in the text");
    let end = start + needle.len();
    ann.claims
        .iter()
        .any(|c| c.span.start < end && c.span.end > start)
}

const ARTICLE: &str = "Blinken hosts Armenian and Azerbaijani ministers for peace talks
By Anna Schmidt and Tomás Ortega · June 4, 2024
WASHINGTON, June 4 (Reuters) - U.S. Secretary of State Antony Blinken hosted the foreign ministers of Armenia and Azerbaijan on Tuesday for a third round of talks on a peace treaty.
Blinken said before the meeting.
Related article: Putin Says Normalization in Yerevan and Baku's Interests
The two countries have fought two wars over the Nagorno-Karabakh region since 1991, and more than 100,000 ethnic Armenians left the region in September 2023.
";

#[test]
fn the_furniture_of_an_article_is_not_flagged_and_its_facts_are() {
    for text in [ARTICLE.to_string(), ARTICLE.replace('\n', "\n\n")] {
        let ann = annotate(&text);
        for furniture in [
            "Related article: Putin Says Normalization in Yerevan and Baku's Interests",
            "By Anna Schmidt and Tomás Ortega · June 4, 2024",
            "Blinken said before the meeting.",
            "Blinken hosts Armenian and Azerbaijani ministers for peace talks",
        ] {
            assert!(
                !flagged(&text, &ann, furniture),
                "{furniture:?} is flagged: {:?}",
                ann.claims
            );
        }
        for fact in [
            "The two countries have fought two wars",
            "Blinken hosted the foreign ministers",
        ] {
            assert!(flagged(&text, &ann, fact), "{fact:?} is not flagged");
        }
    }
}

#[test]
fn a_wire_dateline_is_not_part_of_the_claim() {
    for (text, claim) in [
        (
            "WASHINGTON, March 20 (Reuters) - The Federal Reserve held interest rates steady on Wednesday.",
            "The Federal Reserve held interest rates steady on Wednesday.",
        ),
        (
            "WASHINGTON (AP) — The Senate on Wednesday passed a $95 billion foreign aid package.",
            "The Senate on Wednesday passed a $95 billion foreign aid package.",
        ),
        // Not a dateline: the dash is part of the sentence.
        (
            "Prices rose 3% - the fastest pace in a decade.",
            "Prices rose 3% - the fastest pace in a decade.",
        ),
    ] {
        let ann = annotate(text);
        let found: Vec<&str> = ann.claims.iter().map(|c| &text[c.span.range()]).collect();
        assert_eq!(found, [claim], "{text}");
    }
}

#[test]
fn the_furniture_alone_is_not_flagged_either() {
    // As the evaluator's one-sentence-per-input runs would paste them.
    for line in [
        "Related article: Putin Says Normalization in Yerevan and Baku's Interests",
        "By Anna Schmidt and Tomás Ortega · June 4, 2024",
        "Blinken said before the meeting.",
    ] {
        let ann = annotate(line);
        assert!(ann.claims.is_empty(), "{line:?}: {:?}", ann.claims);
    }
    let ann = annotate("Unemployment rose to 4.6% in March from 3.9% a year earlier.");
    assert_eq!(ann.claims.len(), 1);
}

#[test]
fn a_claim_in_an_attribution_has_its_facet() {
    let quote = "\"Prices rose 40% last year and wages fell 3%,\" the finance minister said.";
    let ann = annotate(quote);
    assert_eq!(ann.claims.len(), 1, "{ann:?}");
    assert_eq!(ann.claims[0].facet, Some(ClaimFacet::Quote), "{ann:?}");
    let reported = "The finance minister said prices rose 40% last year and wages fell 3%.";
    let ann = annotate(reported);
    assert_eq!(ann.claims.len(), 1, "{ann:?}");
    assert_eq!(ann.claims[0].facet, Some(ClaimFacet::Attributed), "{ann:?}");
    let plain = "Prices rose 40% last year and wages fell 3%.";
    let ann = annotate(plain);
    assert_eq!(ann.claims.len(), 1, "{ann:?}");
    assert_eq!(ann.claims[0].facet, None);
}

#[test]
fn claims_saved_before_facets_still_load() {
    let old = r#"{"span":{"start":0,"end":5},"score":0.9,"kind":"quantity","attribution":null,"origin":"model","status":"suggested"}"#;
    let c: newsmark::annotation::Claim = serde_json::from_str(old).unwrap();
    assert_eq!(c.facet, None);
    // And a claim without a facet is written without the key.
    assert!(!serde_json::to_string(&c).unwrap().contains("facet"));
}

#[derive(serde::Deserialize)]
struct Article {
    id: String,
    sep: String,
    paragraphs: Vec<Vec<(String, bool)>>,
}

#[test]
fn the_news_gold_set_keeps_its_precision_and_recall() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/gold/checkworthy-news.jsonl"
    );
    let (mut tp, mut flagged_n, mut gold_n, mut sentences) = (0usize, 0usize, 0usize, 0usize);
    let mut articles = std::collections::HashSet::new();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let a: Article = serde_json::from_str(line).unwrap();
        articles.insert(a.id.clone());
        let mut text = String::new();
        let mut gold = Vec::new();
        for (p, para) in a.paragraphs.iter().enumerate() {
            if p > 0 {
                text.push_str(&a.sep);
            }
            for (k, (s, y)) in para.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                gold.push((text.len(), text.len() + s.len(), *y));
                text.push_str(s);
            }
        }
        let ann = annotate(&text);
        for (start, end, y) in gold {
            let covered: usize = ann
                .claims
                .iter()
                .map(|c| c.span.end.min(end).saturating_sub(c.span.start.max(start)))
                .sum();
            let f = 2 * covered >= end - start;
            sentences += 1;
            tp += usize::from(f && y);
            flagged_n += usize::from(f);
            gold_n += usize::from(y);
        }
    }
    assert!(articles.len() >= 30 && sentences >= 500);
    let (p, r) = (tp as f64 / flagged_n as f64, tp as f64 / gold_n as f64);
    // Measured 0.952 / 0.952 (BENCHMARKS.md); the issue asks for 0.8 / 0.8.
    assert!(p >= 0.8 && r >= 0.8, "precision {p:.4}, recall {r:.4}");
}

#[test]
fn a_piece_of_a_quotation_over_several_sentences_is_no_claim() {
    let text = "With almost all results declared, Labour had won 412 of the 650 seats in parliament.\n\n\
                \"Change begins now,\" Starmer told supporters in London. \"You have voted. It is now time for us to deliver.\"";
    let ann = annotate(text);
    assert!(
        flagged(text, &ann, "Labour had won 412"),
        "{:?}",
        ann.claims
    );
    for piece in ["You have voted.", "It is now time for us to deliver."] {
        assert!(!flagged(text, &ann, piece), "{piece:?}: {:?}", ann.claims);
    }
}
