//! The CLI's reports end quietly when their reader stops early
//! (`newsmark eval --errors … | head -1`): exit status 0, no panic.

#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn a_closed_stdout_ends_a_report_quietly() {
    // A CoNLL file whose gold labels the model disagrees with in every
    // sentence, so that `--errors` writes far more than a pipe holds.
    let dir = std::env::temp_dir().join(format!("newsmark-cli-output-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("wrong.conll");
    std::fs::write(&file, "Paris B-PER\nis O\nlarge O\n. O\n\n".repeat(5000)).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .arg("eval")
        .arg(&file)
        .arg("--errors")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("one line");
    // The reader is gone now (dropped above); the report has ~200 KB more to write.
    let out = child.wait_with_output().expect("the CLI ends");
    std::fs::remove_dir_all(&dir).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(first.contains("Paris"), "{first}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
