//! Reading CoNLL-format files: one token per line with the entity tag in the
//! last column, blank lines between sentences, `-DOCSTART-` between articles.
//! The tags may be IOB1 (CoNLL-2003), IOB2, IO (wikigold), IOBES or BILOU.

use crate::tagger::tags::spans_from_tags;
use crate::tagger::train::{Doc, Example};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ConllError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}, line {line}: expected at least 2 columns (word ... tag), found {found:?}")]
    Columns {
        path: String,
        line: usize,
        found: String,
    },
}

/// One sentence: its words and their tags as written in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConllSentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

impl ConllSentence {
    pub fn example(&self) -> Example {
        Example {
            words: self.words.clone(),
            spans: spans_from_tags(&self.tags),
            domain: 0,
        }
    }
}

/// One article (the sentences between two `-DOCSTART-` lines).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConllDoc {
    pub sentences: Vec<ConllSentence>,
}

/// Parses CoNLL text; `path` is only used in error messages.
pub fn parse(text: &str, path: &str) -> Result<Vec<ConllDoc>, ConllError> {
    let mut docs = vec![ConllDoc::default()];
    let mut sent = ConllSentence::default();
    let flush = |sent: &mut ConllSentence, docs: &mut Vec<ConllDoc>| {
        if !sent.words.is_empty() {
            docs.last_mut()
                .unwrap()
                .sentences
                .push(std::mem::take(sent));
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut sent, &mut docs);
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols[0] == "-DOCSTART-" {
            flush(&mut sent, &mut docs);
            if !docs.last().unwrap().sentences.is_empty() {
                docs.push(ConllDoc::default());
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(ConllError::Columns {
                path: path.to_string(),
                line: n + 1,
                found: line.to_string(),
            });
        }
        sent.words.push(cols[0].to_string());
        sent.tags.push(cols[cols.len() - 1].to_string());
    }
    flush(&mut sent, &mut docs);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

pub fn read(path: &Path) -> Result<Vec<ConllDoc>, ConllError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConllError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// Documents as training and evaluation examples.
pub fn examples(docs: &[ConllDoc]) -> Vec<Doc> {
    docs.iter()
        .map(|d| d.sentences.iter().map(ConllSentence::example).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::Label;

    #[test]
    fn parses_documents_sentences_and_tags() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n";
        let docs = parse(text, "t").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        let ex = docs[0].sentences[1].example();
        assert_eq!(ex.spans.len(), 1);
        assert_eq!(
            (ex.spans[0].start, ex.spans[0].end, ex.spans[0].label),
            (0, 2, Label::Per)
        );
        // Two-column IO files (wikigold) and CRLF.
        let io = parse("-DOCSTART- O\r\n\r\n010 I-MISC\r\nis O\r\n", "w").unwrap();
        assert_eq!(io[0].sentences[0].tags, ["I-MISC", "O"]);
    }

    #[test]
    fn reports_bad_lines() {
        let err = parse("EU I-ORG\nlonely\n", "f.txt")
            .unwrap_err()
            .to_string();
        assert!(err.contains("f.txt, line 2"), "{err}");
    }
}
