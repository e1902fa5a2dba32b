//! Shared by the accuracy tests: where the research-licensed data lives.

use std::path::PathBuf;

/// `$NEWSMARK_DATA`, or `../shared/data` next to the repository.
pub fn data_dir() -> PathBuf {
    std::env::var_os("NEWSMARK_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
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
                if col > 0 && col + 1 + n > width {
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
