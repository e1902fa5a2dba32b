//! The CLI's reports end quietly when their reader stops early
//! (`newsmark eval --errors … | head -1`): exit status 0, no panic. A bad line in
//! `annotate --jsonl` costs that line alone.

#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Write};
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

#[test]
fn a_line_that_is_not_utf8_is_skipped_and_the_stream_goes_on() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["annotate", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    let input: &[u8] = b"{\"id\": 1, \"text\": \"Ingrid Solberg spoke in Oslo.\"}\r\n\
        {\"id\": 2, \"text\": \"Caf\xe9 owners in Porto.\"}\n\
        {\"id\": 3}\n\
        {\"id\": 4, \"text\": \"Prices rose 4% on Monday.\"}\n";
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().expect("the CLI ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let ids: Vec<u64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, [1, 4], "{stderr}");
    assert!(
        stderr.contains("line 2: skipped: not UTF-8 text (invalid byte at 22)"),
        "{stderr}"
    );
    assert!(stderr.contains("line 3: skipped"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
}

/// `eval --raw` scores a CoNLL file through the annotator, on the file's text:
/// a document whose second sentence repeats a person's surname gets it as that
/// person there (the annotator's name mend), which the model on the gold
/// tokens does not see.
#[test]
fn eval_raw_scores_conll_files_through_the_annotator() {
    let dir = std::env::temp_dir().join(format!("newsmark-eval-raw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.conll");
    std::fs::write(
        &file,
        "-DOCSTART- O\n\nLuis B-PER\nMontenegro I-PER\nwon O\n. O\n\nMontenegro B-PER\nthanked O\nvoters O\n. O\n\n",
    )
    .unwrap();
    let run = |raw: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsmark"));
        cmd.args(["eval", "--table"]).arg(&file);
        if raw {
            cmd.arg("--raw");
        }
        let out = cmd.output().expect("the CLI runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let (tokens, raw) = (run(false), run(true));
    std::fs::remove_dir_all(&dir).ok();
    let per_f1 = |table: &str| {
        table
            .lines()
            .find(|l| l.contains("| PER |"))
            .and_then(|l| l.split('|').nth(5).map(|f| f.trim().to_string()))
            .unwrap_or_default()
    };
    assert_eq!(per_f1(&raw), "100.00", "{raw}");
    assert_ne!(per_f1(&tokens), per_f1(&raw), "{tokens}\n{raw}");
}
