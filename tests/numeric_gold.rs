//! The rule-based DATE, TIME, MONEY, PERCENT and QUANTITY labels against the
//! hand-written gold set `tests/gold/numeric.txt`: precision and recall of at
//! least 95% for each label and overall (exact span and label), for the rules
//! alone and for the whole pipeline (where names found by the entity model win).

use newsmark::tagger::eval::EvalCounts;
use newsmark::{numeric, Annotator, Label};

const FLOOR: f64 = 0.95;

fn gold() -> Vec<numeric::GoldSentence> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold/numeric.txt");
    let text = std::fs::read_to_string(path).expect("tests/gold/numeric.txt");
    numeric::parse_gold(&text).expect("well-formed gold file")
}

#[track_caller]
fn assert_floor(counts: &EvalCounts, what: &str) {
    let report = counts.report();
    for label in Label::NUMERIC {
        let p = counts.label(label);
        assert!(p.gold > 0, "{what}: no gold {label} mentions\n{report}");
        assert!(
            p.precision >= FLOOR && p.recall >= FLOOR,
            "{what}: {label} below {FLOOR}\n{report}"
        );
    }
    let o = counts.overall();
    assert!(
        o.precision >= FLOOR && o.recall >= FLOOR,
        "{what}: overall below {FLOOR}\n{report}"
    );
}

#[test]
fn gold_file_parses() {
    let gold = gold();
    assert_eq!(gold.len(), 219);
    assert_eq!(gold.iter().map(|g| g.mentions.len()).sum::<usize>(), 459);
    for g in &gold {
        for (span, label) in &g.mentions {
            assert!(Label::NUMERIC.contains(label), "line {}: {label}", g.line);
            assert!(g.text.get(span.range()).is_some(), "line {}", g.line);
        }
    }
}

#[test]
fn rules_reach_95_percent_precision_and_recall() {
    let counts = numeric::evaluate(&gold(), numeric::find);
    assert_floor(&counts, "rules alone");
}

#[test]
fn pipeline_reaches_95_percent_precision_and_recall() {
    let annotator = Annotator::builtin().expect("embedded models");
    let counts = numeric::evaluate(&gold(), |doc| annotator.annotate(doc).entities);
    assert_floor(&counts, "pipeline");
}

#[test]
fn rule_confidences_match_the_development_half() {
    // Each family's confidence is its add-one precision on the odd sentences.
    let gold = gold();
    let dev = gold.iter().step_by(2);
    for (rule, found, correct) in numeric::rule_precision(dev) {
        let estimate = (correct + 1) as f64 / (found + 2) as f64;
        assert!(
            (f64::from(rule.confidence()) - estimate).abs() < 0.006,
            "{}: confidence {} but {correct} of {found} right on the development half ({estimate:.3})",
            rule.name(),
            rule.confidence()
        );
    }
}
