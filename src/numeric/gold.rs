//! The gold set's inline markup (`[[LABEL|text]]`) and scoring against it.

use super::*;

/// One sentence of a gold file, with its mentions as byte spans into `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// The line it came from (1-based).
    pub line: usize,
    /// The sentence without markup.
    pub text: String,
    /// Mentions, in order.
    pub mentions: Vec<(Span, Label)>,
}

/// A malformed line in a gold file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct GoldError {
    pub line: usize,
    pub message: String,
}

/// Parses a gold file: one sentence per line, mentions written
/// `[[LABEL|surface]]`, lines starting with `#` and blank lines skipped.
///
/// ```
/// use newsmark::{numeric, Label};
///
/// let gold = numeric::parse_gold("# comment\nIt rose [[PERCENT|3%]] on [[DATE|Monday]].\n").unwrap();
/// assert_eq!(gold[0].text, "It rose 3% on Monday.");
/// assert_eq!(gold[0].mentions[1].1, Label::Date);
/// assert_eq!(&gold[0].text[gold[0].mentions[1].0.range()], "Monday");
/// assert!(numeric::parse_gold("a [[DATE|Monday] b").unwrap_err().to_string().starts_with("line 1:"));
/// ```
pub fn parse_gold(text: &str) -> Result<Vec<GoldSentence>, GoldError> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let err = |message: String| GoldError { line, message };
        let mut plain = String::with_capacity(raw.len());
        let mut mentions = Vec::new();
        let mut rest = raw;
        loop {
            let open = rest.find("[[");
            let close = rest.find("]]");
            match (open, close) {
                (_, Some(c)) if open.is_none_or(|o| c < o) => {
                    return Err(err(format!(
                        "\"]]\" without an opening \"[[\" at column {}",
                        raw.len() - rest.len() + c + 1
                    )));
                }
                (None, _) => {
                    plain.push_str(rest);
                    break;
                }
                (Some(o), _) => {
                    plain.push_str(&rest[..o]);
                    let after = &rest[o + 2..];
                    let column = raw.len() - rest.len() + o + 1;
                    let Some(c) = after.find("]]") else {
                        return Err(err(format!("\"[[\" at column {column} is never closed")));
                    };
                    let inner = &after[..c];
                    if inner.contains("[[") {
                        return Err(err(format!(
                            "nested \"[[\" in the mention at column {column}"
                        )));
                    }
                    let Some((label, surface)) = inner.split_once('|') else {
                        return Err(err(format!(
                            "expected [[LABEL|text]] at column {column}, found [[{inner}]]"
                        )));
                    };
                    let label: Label = label
                        .parse()
                        .map_err(|e| err(format!("at column {column}: {e}")))?;
                    if surface.trim().is_empty() || surface.trim() != surface {
                        return Err(err(format!(
                            "mention at column {column} is empty or has spaces at its edges: {surface:?}"
                        )));
                    }
                    let start = plain.len();
                    plain.push_str(surface);
                    mentions.push((Span::new(start, plain.len()), label));
                    rest = &after[c + 2..];
                }
            }
        }
        out.push(GoldSentence {
            line,
            text: plain,
            mentions,
        });
    }
    Ok(out)
}

/// Scores `predict` on gold sentences: exact span and label matches, counting
/// only the numeric labels ([`Label::NUMERIC`]) among the predictions.
pub fn evaluate<'g>(
    gold: impl IntoIterator<Item = &'g GoldSentence>,
    mut predict: impl FnMut(&Document) -> Vec<Entity>,
) -> EvalCounts {
    let mut counts = EvalCounts::default();
    for g in gold {
        let doc = Document::new(g.text.as_str());
        let pred: Vec<(Span, Label)> = predict(&doc)
            .into_iter()
            .filter(|e| Label::NUMERIC.contains(&e.label))
            .map(|e| (e.span, e.label))
            .collect();
        counts.add_spans(&g.mentions, &pred, doc.tokens().len());
    }
    counts
}

/// How often each rule family fired on gold sentences, and how often it was
/// right (exact span and label): `(rule, found, correct)` for each family that fired.
pub fn rule_precision<'g>(
    gold: impl IntoIterator<Item = &'g GoldSentence>,
) -> Vec<(Rule, usize, usize)> {
    let mut counts = [(0usize, 0usize); Rule::ALL.len()];
    for g in gold {
        let doc = Document::new(g.text.as_str());
        for (e, rule) in find_explained(&doc) {
            let c = &mut counts[rule as usize];
            c.0 += 1;
            c.1 += usize::from(g.mentions.contains(&(e.span, e.label)));
        }
    }
    Rule::ALL
        .iter()
        .zip(counts)
        .filter(|(_, (found, _))| *found > 0)
        .map(|(&rule, (found, correct))| (rule, found, correct))
        .collect()
}
