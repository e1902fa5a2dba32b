//! Reading the check-worthiness data sets (training and evaluation only).

use std::path::Path;

/// One sentence with its check-worthiness label.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledSentence {
    pub id: String,
    pub text: String,
    pub checkworthy: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}, record {record}: {message}")]
    Record {
        path: String,
        record: usize,
        message: String,
    },
}

/// Reads a CheckThat! 2024 task 1 file: TSV with a header
/// `Sentence_id Text class_label`, text fields CSV-quoted, labels `Yes`/`No`.
pub fn read_ct24(path: &Path) -> Result<Vec<LabelledSentence>, DataError> {
    let shown = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quote(b'"')
        .has_headers(true)
        .from_path(path)
        .map_err(|e| DataError::Io {
            path: shown.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let err = |message: String| DataError::Record {
            path: shown.clone(),
            record: i + 1,
            message,
        };
        let rec = rec.map_err(|e| err(e.to_string()))?;
        if rec.len() != 3 {
            return Err(err(format!("expected 3 fields, found {}", rec.len())));
        }
        let checkworthy = match &rec[2] {
            "Yes" => true,
            "No" => false,
            other => return Err(err(format!("label must be Yes or No, not {other:?}"))),
        };
        out.push(LabelledSentence {
            id: rec[0].to_string(),
            text: rec[1].to_string(),
            checkworthy,
        });
    }
    Ok(out)
}

/// One CLEF CheckThat! debate or speech transcript: its file name and its
/// sentences in order (audience reactions, speaker `SYSTEM`, left out).
#[derive(Debug, Clone, PartialEq)]
pub struct ClefDocument {
    pub name: String,
    pub sentences: Vec<LabelledSentence>,
}

/// Reads the CLEF CheckThat! debate transcripts under `dir` (files of
/// `line<TAB>speaker<TAB>text<TAB>label`, no quoting), recursively, in path
/// order; label 1 means journalists fact-checked the sentence.
pub fn read_clef_documents(dir: &Path) -> Result<Vec<ClefDocument>, DataError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| DataError::Io {
            path: d.display().to_string(),
            source,
        })?;
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tsv") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|source| DataError::Io {
            path: f.display().to_string(),
            source,
        })?;
        let mut sentences = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 4 {
                return Err(DataError::Record {
                    path: f.display().to_string(),
                    record: i + 1,
                    message: format!("expected 4 tab-separated fields, found {}", fields.len()),
                });
            }
            if fields[1] != "SYSTEM" {
                sentences.push(LabelledSentence {
                    id: format!("{}:{}", f.display(), fields[0]),
                    text: fields[2].to_string(),
                    checkworthy: fields[3] == "1",
                });
            }
        }
        out.push(ClefDocument {
            name: f.display().to_string(),
            sentences,
        });
    }
    Ok(out)
}

/// Reads the sentences labelled 1 (fact-checked by journalists) from the
/// CLEF CheckThat! debate transcripts under `dir` (see
/// [`read_clef_documents`]), without duplicates.
pub fn read_clef_positives(dir: &Path) -> Result<Vec<LabelledSentence>, DataError> {
    let mut seen = std::collections::HashSet::new();
    Ok(read_clef_documents(dir)?
        .into_iter()
        .flat_map(|d| d.sentences)
        .filter(|s| s.checkworthy && seen.insert(s.text.clone()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_tsv() {
        let dir = std::env::temp_dir().join(format!("newsmark-ct24-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("t.tsv");
        std::fs::write(&f, "Sentence_id\tText\tclass_label\n1\t\"He said \"\"no\"\".\"\tNo\n2\tTaxes rose 5%.\tYes\n").unwrap();
        let rows = read_ct24(&f).unwrap();
        assert_eq!(rows[0].text, "He said \"no\".");
        assert!(rows[1].checkworthy);
        std::fs::write(&f, "Sentence_id\tText\tclass_label\n1\tx\tMaybe\n").unwrap();
        assert!(read_ct24(&f).unwrap_err().to_string().contains("record 1"));
    }
}
