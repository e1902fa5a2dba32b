//! `annotate`: text files (streamed, any size) and JSON lines from stdin into
//! JSON lines, or files into the export formats with `--format`.

use crate::CliError;
use indicatif::{ProgressBar, ProgressStyle};
use newsmark::claims::CheckWorthyModel;
use newsmark::export::annotations_out;
use newsmark::{Annotator, Document, Unit};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct AnnotateArgs {
    /// Plain-text files (UTF-8) to annotate.
    files: Vec<PathBuf>,
    /// Read JSON lines {"id": ..., "text": ...} from stdin.
    #[arg(long)]
    jsonl: bool,
    /// Use this model file instead of the embedded one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Write each file in this format instead of JSON lines: html, json
    /// (Newsmark's own), prodigy, spacy, brat, conll, webanno, claimreview.
    #[arg(long)]
    format: Option<newsmark::export::Format>,
    /// With --format: write FILE.<ext> into this directory (needed for several files).
    #[arg(long)]
    out_dir: Option<PathBuf>,
}

pub fn run(args: AnnotateArgs) -> Result<ExitCode, CliError> {
    match args.format {
        Some(format) if !args.jsonl => annotate_format(
            &args.files,
            format,
            args.out_dir.as_deref(),
            args.model.as_deref(),
        ),
        Some(_) => Err(CliError::Usage(
            "--format writes files; it does not combine with --jsonl".into(),
        )),
        None => annotate(args.files, args.jsonl, args.model.as_deref()),
    }
}

pub fn load_annotator(model: Option<&Path>) -> Result<Annotator, CliError> {
    match model {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| CliError::Io(p.display().to_string(), e))?;
            let annotator = Annotator::new(newsmark::ner::from_bytes(&bytes)?);
            // Claims need the lexicon the claims model was trained with.
            match CheckWorthyModel::from_bytes(newsmark::annotate::BUILTIN_CLAIMS) {
                Ok(cw) => Ok(annotator.clone().with_claims(cw).unwrap_or(annotator)),
                Err(_) => Ok(annotator),
            }
        }
        None => Ok(Annotator::builtin()?.clone()),
    }
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    annotations: newsmark::export::AnnotationsOut<'a>,
}

fn write_record(
    out: &mut impl Write,
    annotator: &Annotator,
    id: &serde_json::Value,
    text: String,
) -> Result<(), CliError> {
    let doc = Document::new(text);
    let ann = annotator.annotate(&doc);
    let annotations = annotations_out(&doc, &ann, Unit::Char).map_err(newsmark::Error::from)?;
    serde_json::to_writer(&mut *out, &Record { id, annotations })
        .map_err(|e| CliError::Io("stdout".into(), e.into()))?;
    out.write_all(b"\n")
        .map_err(|e| CliError::Io("stdout".into(), e))
}

fn annotate(files: Vec<PathBuf>, jsonl: bool, model: Option<&Path>) -> Result<ExitCode, CliError> {
    if jsonl != files.is_empty() {
        return Err(CliError::Usage(
            "give either text files to annotate, or --jsonl to read JSON lines from stdin".into(),
        ));
    }
    let annotator = load_annotator(model)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    if jsonl {
        #[derive(serde::Deserialize)]
        struct Input {
            #[serde(default)]
            id: serde_json::Value,
            text: String,
        }
        let stdin = io::stdin();
        // Lines as bytes: a line that is not UTF-8 is skipped like any other
        // bad line, not the end of the stream.
        for (n, line) in stdin.lock().split(b'\n').enumerate() {
            let mut line = line.map_err(|e| CliError::Io(format!("stdin line {}", n + 1), e))?;
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            let line = match String::from_utf8(line) {
                Ok(line) => line,
                Err(e) => {
                    failures += 1;
                    out.flush().ok();
                    eprintln!(
                        "newsmark: line {}: skipped: not UTF-8 text (invalid byte at {})",
                        n + 1,
                        e.utf8_error().valid_up_to()
                    );
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Input>(&line) {
                Ok(input) => write_record(&mut out, &annotator, &input.id, input.text)?,
                Err(e) => {
                    failures += 1;
                    out.flush().ok();
                    eprintln!(
                        "newsmark: line {}: skipped: expected a JSON object {{\"id\": ..., \"text\": \"...\"}}: {e}",
                        n + 1
                    );
                }
            }
        }
    } else {
        for path in &files {
            if let Err(e) = annotate_file(&mut out, &annotator, path) {
                failures += 1;
                out.flush().ok();
                eprintln!("newsmark: {}: skipped: {e}", path.display());
            }
        }
    }
    out.flush().map_err(|e| CliError::Io("stdout".into(), e))?;
    Ok(if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn annotate_format(
    files: &[PathBuf],
    format: newsmark::export::Format,
    out_dir: Option<&Path>,
    model: Option<&Path>,
) -> Result<ExitCode, CliError> {
    if files.is_empty() {
        return Err(CliError::Usage(
            "--format needs text files to annotate".into(),
        ));
    }
    if files.len() > 1 && out_dir.is_none() {
        return Err(CliError::Usage(
            "several files with --format: give --out-dir for the outputs".into(),
        ));
    }
    let annotator = load_annotator(model)?;
    let mut failures = 0;
    for path in files {
        let text = match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                String::from_utf8(b).map_err(|e| {
                    format!(
                        "not UTF-8 text (invalid byte at {})",
                        e.utf8_error().valid_up_to()
                    )
                })
            }) {
            Ok(t) => t,
            Err(e) => {
                failures += 1;
                eprintln!("newsmark: {}: skipped: {e}", path.display());
                continue;
            }
        };
        let doc = Document::new(text);
        let ann = annotator.annotate(&doc);
        let out = newsmark::export::export(&doc, &ann, format).map_err(newsmark::Error::from)?;
        match out_dir {
            None => {
                let mut stdout = io::stdout().lock();
                stdout
                    .write_all(out.as_bytes())
                    .map_err(|e| CliError::Io("stdout".into(), e))?;
            }
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| CliError::Io(dir.display().to_string(), e))?;
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                let target = dir.join(format!("{stem}.{}", format.extension()));
                std::fs::write(&target, out)
                    .map_err(|e| CliError::Io(target.display().to_string(), e))?;
                eprintln!("wrote {}", target.display());
            }
        }
    }
    Ok(if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Text is annotated in pieces of about this many bytes, cut at paragraph
/// breaks, so that memory stays flat however large the file. Measured on a
/// 15 MB file (2026-12-05): pieces of 4 MiB peaked at 365-380 MiB, 1 MiB at
/// 104 MiB, 512 KiB at 60 MiB and 256 KiB at 39 MiB; 512 KiB was also the
/// fastest (2.8-2.9 s against 3.1-3.6 s for the others).
const CHUNK: usize = 512 << 10;

/// The end of the last paragraph (or line, or word) break in `buf`, as a byte
/// offset after it; `None` if there is none.
fn cut_point(buf: &[u8]) -> Option<usize> {
    let find = |pat: &[u8]| {
        buf.windows(pat.len())
            .rposition(|w| w == pat)
            .map(|i| i + pat.len())
    };
    find(b"\n\n")
        .or_else(|| find(b"\n"))
        .or_else(|| buf.iter().rposition(|&b| b == b' ').map(|i| i + 1))
}

/// Annotates one text file into one JSON record, streaming: the file is read
/// and annotated piece by piece (cut at paragraph breaks), entities are
/// written as they come and claims and attributions are spilled to temporary
/// files, so memory does not grow with the file. Offsets are code points
/// into the whole file. A progress bar shows on stderr for large files.
fn annotate_file(out: &mut impl Write, annotator: &Annotator, path: &Path) -> Result<(), String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = if size > CHUNK as u64 {
        ProgressBar::new(size)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({eta} left)")
            .unwrap()
            .progress_chars("=> "),
    );
    bar.set_message(path.display().to_string());
    let spill = |name: &str| -> Result<(PathBuf, std::fs::File), String> {
        let p = std::env::temp_dir().join(format!(
            "newsmark-{}-{name}-{}",
            std::process::id(),
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        let f = std::fs::File::create(&p)
            .map_err(|e| format!("temporary file {}: {e}", p.display()))?;
        Ok((p, f))
    };
    let (entities_path, entities_file) = spill("entities")?;
    let (claims_path, claims_file) = spill("claims")?;
    let (attr_path, attr_file) = spill("attributions")?;
    let result = (|| -> Result<(), String> {
        // Nothing reaches `out` until the whole file has been read: a file
        // that turns out not to be UTF-8 half-way leaves no partial record.
        let mut entities_out = BufWriter::new(entities_file);
        let mut claims_out = BufWriter::new(claims_file);
        let mut attr_out = BufWriter::new(attr_file);
        let io = |e: io::Error| e.to_string();
        let id = serde_json::to_string(&path.display().to_string()).map_err(|e| e.to_string())?;

        let (mut base_chars, mut base_entities, mut base_attributions) = (0usize, 0usize, 0usize);
        let (mut n_entities, mut n_claims) = (0usize, 0usize);
        let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
        let mut offset = 0u64;
        let mut eof = false;
        while !eof || !buf.is_empty() {
            if !eof && buf.len() < CHUNK {
                let mut block = vec![0u8; CHUNK - buf.len() + 4096];
                let n = file.read(&mut block).map_err(io)?;
                eof = n == 0;
                buf.extend_from_slice(&block[..n]);
                if !eof {
                    continue;
                }
            }
            let cut = if eof {
                buf.len()
            } else {
                cut_point(&buf).unwrap_or(buf.len())
            };
            let piece: Vec<u8> = buf.drain(..cut).collect();
            let text = String::from_utf8(piece).map_err(|e| {
                format!(
                    "not UTF-8 text (invalid byte at {})",
                    offset + e.utf8_error().valid_up_to() as u64
                )
            })?;
            offset += text.len() as u64;
            let chars = text.chars().count();
            let doc = Document::new(text);
            let ann = annotator.annotate(&doc);
            let mut rec = annotations_out(&doc, &ann, Unit::Char).map_err(|e| e.to_string())?;
            for e in &mut rec.entities {
                e.start += base_chars;
                e.end += base_chars;
                if n_entities > 0 {
                    entities_out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut entities_out, e).map_err(|e| e.to_string())?;
                n_entities += 1;
            }
            for c in &mut rec.claims {
                c.start += base_chars;
                c.end += base_chars;
                c.attribution = c.attribution.map(|a| a + base_attributions);
                if n_claims > 0 {
                    claims_out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut claims_out, c).map_err(|e| e.to_string())?;
                n_claims += 1;
            }
            for a in &mut rec.attributions {
                for s in a
                    .source
                    .iter_mut()
                    .chain([&mut a.cue, &mut a.content])
                    .chain(a.content_pieces.iter_mut())
                {
                    s.start += base_chars;
                    s.end += base_chars;
                }
                a.source_entity = a.source_entity.map(|e| e + base_entities);
                a.source_refers_to = a.source_refers_to.map(|e| e + base_entities);
                if base_attributions > 0 {
                    attr_out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut attr_out, a).map_err(|e| e.to_string())?;
                base_attributions += 1;
            }
            base_entities = n_entities;
            base_chars += chars;
            bar.set_position(offset);
        }
        bar.finish_and_clear();
        entities_out.flush().map_err(io)?;
        claims_out.flush().map_err(io)?;
        attr_out.flush().map_err(io)?;
        drop((entities_out, claims_out, attr_out));
        write!(out, "{{\"id\":{id},\"entities\":[").map_err(io)?;
        io::copy(&mut std::fs::File::open(&entities_path).map_err(io)?, out).map_err(io)?;
        out.write_all(b"],\"claims\":[").map_err(io)?;
        io::copy(&mut std::fs::File::open(&claims_path).map_err(io)?, out).map_err(io)?;
        out.write_all(b"],\"attributions\":[").map_err(io)?;
        io::copy(&mut std::fs::File::open(&attr_path).map_err(io)?, out).map_err(io)?;
        out.write_all(b"]}\n").map_err(io)?;
        Ok(())
    })();
    let _ = std::fs::remove_file(&entities_path);
    let _ = std::fs::remove_file(&claims_path);
    let _ = std::fs::remove_file(&attr_path);
    result
}
