//! Shared by the accuracy tests: where the research-licensed data lives.

use std::path::PathBuf;

/// `$NEWSMARK_DATA`, or `../shared/data` next to the repository.
pub fn data_dir() -> PathBuf {
    std::env::var_os("NEWSMARK_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}
