//! Hostile inputs (tests/hostile/inputs.json) through the core: annotating,
//! every export and every import. Nothing panics, the text survives exactly,
//! and the HTML export never carries markup from the text.

mod common;

use newsmark::export::{export, Format};
use newsmark::import::import;
use newsmark::{Annotator, Document};

fn inputs() -> Vec<String> {
    common::texts_of("tests/hostile/inputs.json")
}

#[test]
fn hostile_texts_stay_text_in_every_format() {
    let inputs = inputs();
    assert!(
        inputs.len() >= 100,
        "the corpus has {} inputs",
        inputs.len()
    );
    let annotator = Annotator::builtin().unwrap();
    for text in &inputs {
        let doc = Document::new(text.as_str());
        let ann = annotator.annotate(&doc);
        for format in Format::ALL {
            let out = export(&doc, &ann, format)
                .unwrap_or_else(|e| panic!("{format:?} failed on {text:?}: {e}"));
            if format == Format::Html {
                // The only markup is Newsmark's own: no tag from the text survives.
                let open = "<div class=\"annotated\">";
                let body = &out
                    [out.find(open).unwrap() + open.len()..out.find("</div></article>").unwrap()];
                for tag in [
                    "<script", "<img", "<svg", "<iframe", "<math", "<a ", "<object", "<embed",
                    "<style", "<meta", "<base", "<form", "<x ", "<div",
                ] {
                    assert!(
                        !body.contains(tag),
                        "{tag} leaked into the HTML export of {text:?}"
                    );
                }
                assert!(!out.contains("<script"));
                assert!(out.contains("script-src 'none'"));
            }
        }
        // The lossless export reads back to the same text and annotations.
        let (doc2, ann2) = import(
            &export(&doc, &ann, Format::Json).unwrap(),
            Format::Json,
            None,
        )
        .unwrap();
        assert_eq!(doc2.text(), text);
        assert_eq!(ann2, ann);
    }
}

#[test]
fn hostile_texts_as_files_labels_and_ids_give_errors_not_panics() {
    let annotator = Annotator::builtin().unwrap();
    let article = "Angela Merkel met Emmanuel Macron in Paris.";
    for text in inputs() {
        // As a whole file in each import format, against an article.
        for format in [Format::Json, Format::Prodigy, Format::Brat, Format::Webanno] {
            let _ = import(&text, format, Some(article));
        }
        // As a label name, in each format that names labels.
        let quoted = serde_json::to_string(&text).unwrap();
        let prodigy = format!("{{\"text\": \"Paris\", \"spans\": [{{\"start\": 0, \"end\": 5, \"label\": {quoted}}}]}}");
        assert!(import(&prodigy, Format::Prodigy, None).is_err());
        let brat = format!(
            "T1\t{} 0 5\tAngela\n",
            text.replace(['\t', '\n', '\r'], " ")
        );
        let _ = import(&brat, Format::Brat, Some(article));
    }
    let _ = annotator;
}

#[test]
fn the_cli_echoes_hostile_ids_and_keeps_texts_exact() {
    use std::io::Write;
    let inputs = inputs();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["annotate", "--jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let lines: String = inputs
        .iter()
        .map(|t| serde_json::json!({ "id": t, "text": t }).to_string() + "\n")
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(lines.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), inputs.len());
    for (r, text) in records.iter().zip(&inputs) {
        assert_eq!(r["id"].as_str(), Some(text.as_str()));
        let chars: Vec<char> = text.chars().collect();
        for e in r["entities"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[s..t].iter().collect::<String>(),
                e["text"].as_str().unwrap()
            );
        }
    }
}
