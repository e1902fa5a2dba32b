//! `newsmark convert`: a brat folder (.txt + .ann, as `annotate --format brat`
//! writes it for the four interop articles) to Prodigy JSON lines and back is
//! byte for byte the same; a W3C file read and written again too; bad input
//! is skipped with its reason and exit status 1.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn newsmark(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .output()
        .unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsmark-convert-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn articles(dir: &Path) -> Vec<String> {
    common::texts_of("tests/interop/articles.json")
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = dir.join(format!("article-{i}.txt"));
            std::fs::write(&path, text).unwrap();
            path.display().to_string()
        })
        .collect()
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_brat_folder_goes_to_prodigy_and_back_without_loss() {
    let brat = temp("brat");
    let texts = articles(&brat);
    let mut args = vec![
        "annotate",
        "--format",
        "brat",
        "--out-dir",
        brat.to_str().unwrap(),
    ];
    args.extend(texts.iter().map(String::as_str));
    assert!(newsmark(&args).status.success());
    let prodigy = temp("prodigy");
    let back = temp("back");
    let run = newsmark(&[
        "convert",
        "--to",
        "prodigy",
        "--out-dir",
        prodigy.to_str().unwrap(),
        brat.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(files(&prodigy).len(), 4);
    let run = newsmark(&[
        "convert",
        "--to",
        "brat",
        "--out-dir",
        back.to_str().unwrap(),
        prodigy.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (before, after) = (files(&brat), files(&back));
    assert_eq!(before.len(), 8, "four .txt and four .ann");
    assert!(before
        .iter()
        .any(|(n, c)| n.ends_with(".ann") && String::from_utf8_lossy(c).contains("\tClaim ")));
    assert!(
        before == after,
        "the brat folder changed on its way through Prodigy"
    );
}

#[test]
fn bad_input_is_skipped_with_its_reason() {
    let dir = temp("bad");
    std::fs::write(dir.join("broken.jsonl"), "{\"text\": 5}\n").unwrap();
    std::fs::write(dir.join("lonely.ann"), "T1\tPER 0 5\tAngela\n").unwrap();
    std::fs::write(dir.join("ok.jsonl"), "{\"text\": \"Angela Merkel\", \"spans\": [{\"start\": 0, \"end\": 13, \"label\": \"PER\"}]}\n").unwrap();
    let out = temp("bad-out");
    let run = newsmark(&[
        "convert",
        "--to",
        "conll",
        "--out-dir",
        out.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("broken.jsonl: skipped: Prodigy file, line 1: no \"text\" string"),
        "{err}"
    );
    assert!(
        err.contains("lonely.ann: skipped: brat files hold no text"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("ok.conll")).unwrap(),
        "-DOCSTART-\tO\n\nAngela\tB-PER\nMerkel\tI-PER\n\n"
    );
    let run = newsmark(&["convert", "--to", "json", "--from", "html", "x"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot be read"));
}
