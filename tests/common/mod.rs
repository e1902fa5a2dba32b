//! Shared by the tests: where the research-licensed data lives, the
//! project's own test texts, and hard wrapping.

use std::path::PathBuf;

/// `$NEWSMARK_DATA`, or `../shared/data` next to the repository.
#[allow(dead_code)]
pub fn data_dir() -> PathBuf {
    std::env::var_os("NEWSMARK_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}

/// The `text` fields of a JSON array of objects in a file of this
/// repository (`tests/hostile/inputs.json`, `tests/interop/articles.json`).
#[allow(dead_code)]
pub fn texts_of(path: &str) -> Vec<String> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    let json = std::fs::read_to_string(&full)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v.as_array()
        .unwrap_or_else(|| panic!("{path}: not a JSON array"))
        .iter()
        .map(|x| x["text"].as_str().unwrap().to_string())
        .collect()
}

/// Greedy hard wrapping at `width` columns, as wire services and mail clients
/// do: every space where a line must end becomes a line feed, so the wrapped
/// text has the same byte offsets as the original. Blank lines and existing
/// line breaks stay.
#[allow(dead_code)]
pub fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (l, line) in text.split('\n').enumerate() {
        if l > 0 {
            out.push('\n');
        }
        let mut col = 0;
        for (i, word) in line.split(' ').enumerate() {
            let n = word.chars().count();
            if i > 0 {
                // A run of spaces stays on its line ("Obama.  Trump" breaks
                // as "Obama. " and "Trump"), as a wrapper leaves no indent.
                if col > 0 && n > 0 && col + 1 + n > width {
                    out.push('\n');
                    col = 0;
                } else {
                    out.push(' ');
                    col += 1;
                }
            }
            out.push_str(word);
            col += n;
        }
    }
    out
}
