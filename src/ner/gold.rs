//! Hand-written entity gold for running text (`tests/gold/*.jsonl`): one JSON
//! object per line, `{"text": …, "entities": [{"text": …, "label": …}]}`,
//! the entities in the order they occur. Each is found as the first whole-word
//! occurrence of its text after the end of the previous one.

use crate::label::Label;
use crate::span::Span;

/// One text and its gold names (byte spans).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldText {
    pub text: String,
    pub entities: Vec<(Span, Label)>,
}

#[derive(serde::Deserialize)]
struct Line {
    text: String,
    entities: Vec<Mention>,
}

#[derive(serde::Deserialize)]
struct Mention {
    text: String,
    label: String,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Parses the JSONL gold; errors name the line.
pub fn parse(jsonl: &str) -> Result<Vec<GoldText>, String> {
    let mut out = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let mut from = 0;
        let mut entities = Vec::new();
        for m in &l.entities {
            let label: Label = m
                .label
                .parse()
                .map_err(|_| format!("line {}: unknown label {:?}", n + 1, m.label))?;
            let start = l.text[from..]
                .match_indices(m.text.as_str())
                .map(|(i, _)| from + i)
                .find(|&s| {
                    let end = s + m.text.len();
                    !is_word_char(l.text[..s].chars().next_back())
                        && !is_word_char(l.text[end..].chars().next())
                })
                .ok_or_else(|| {
                    format!("line {}: {:?} not found after byte {from}", n + 1, m.text)
                })?;
            from = start + m.text.len();
            entities.push((Span::new(start, from), label));
        }
        out.push(GoldText {
            text: l.text,
            entities,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_in_order() {
        let g = parse(
            r#"{"text": "Metaverse: Meta's Meta AI beat Meta.", "entities": [{"text": "Meta", "label": "ORG"}, {"text": "Meta AI", "label": "MISC"}, {"text": "Meta", "label": "ORG"}]}"#,
        )
        .unwrap();
        let t = &g[0].text;
        let got: Vec<(&str, Label)> = g[0]
            .entities
            .iter()
            .map(|(s, l)| (&t[s.range()], *l))
            .collect();
        assert_eq!(
            got,
            [
                ("Meta", Label::Org),
                ("Meta AI", Label::Misc),
                ("Meta", Label::Org)
            ]
        );
        assert_eq!(g[0].entities[0].0, Span::new(11, 15));
        assert!(
            parse(r#"{"text": "Paris", "entities": [{"text": "Rome", "label": "LOC"}]}"#)
                .unwrap_err()
                .contains("not found")
        );
        assert!(
            parse(r#"{"text": "Paris", "entities": [{"text": "Paris", "label": "XX"}]}"#)
                .unwrap_err()
                .contains("unknown label")
        );
    }
}
