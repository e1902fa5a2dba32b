//! `convert`: annotation files from one format to another, in batch. Reads
//! every importable format (Newsmark JSON, Prodigy JSON lines, brat standoff,
//! W3C Web Annotation) and writes every export format.

use crate::CliError;
use newsmark::export::{export, Format};
use newsmark::import::{import, prodigy_tasks, ImportError};
use newsmark::{Annotations, Document};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ConvertArgs {
    /// Annotation files, or folders (every file in them with the extension of
    /// an importable format: .newsmark.json or .json, .jsonl, .ann, .jsonld).
    /// brat and Web Annotation files hold no text: the article is read from
    /// FILE.txt beside each (as brat keeps it).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The format to write: html, json, prodigy, spacy, brat, conll, webanno, claimreview.
    #[arg(long)]
    to: Format,
    /// The format to read (json, prodigy, brat, webanno); by default, from
    /// each file's extension.
    #[arg(long)]
    from: Option<Format>,
    /// Write NAME.<ext> for each input into this folder (brat also gets
    /// NAME.txt, the article). Without it, one input is written to stdout.
    #[arg(long)]
    out_dir: Option<PathBuf>,
}

const IMPORTABLE: [Format; 4] = [Format::Json, Format::Prodigy, Format::Brat, Format::Webanno];

/// The format of a file from its name, and its name without that extension.
fn by_extension(path: &Path) -> Option<(Format, String)> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let endings = [
        (".newsmark.json", Format::Json),
        (".jsonl", Format::Prodigy),
        (".ann", Format::Brat),
        (".jsonld", Format::Webanno),
        (".json", Format::Json),
    ];
    endings.iter().find_map(|(ext, f)| {
        name.strip_suffix(ext)
            .filter(|stem| !stem.is_empty())
            .map(|stem| (*f, stem.to_string()))
    })
}

/// The files to read: the files given, and the importable files in each folder given.
fn files(args: &ConvertArgs) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input)
                .map_err(|e| CliError::Io(input.display().to_string(), e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| match (by_extension(p), args.from) {
                    (Some((f, _)), Some(from)) => f == from,
                    (Some(_), None) => true,
                    (None, _) => false,
                })
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(CliError::Usage(format!(
                    "{}: no annotation files in this folder (.newsmark.json, .json, .jsonl, .ann, .jsonld)",
                    input.display()
                )));
            }
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (invalid byte at {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// The documents in one file, each with the name its output gets.
fn read(path: &Path, from: Option<Format>) -> Result<Vec<(String, Document, Annotations)>, String> {
    let (guessed, stem) = match by_extension(path) {
        Some(x) => x,
        None => {
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let f = from.ok_or(
                "cannot tell the format from the file name: give --from (json, prodigy, brat or webanno)",
            )?;
            (f, stem)
        }
    };
    let format = from.unwrap_or(guessed);
    if !IMPORTABLE.contains(&format) {
        return Err(ImportError::ExportOnly(format.name()).to_string());
    }
    let content = read_text(path)?;
    match format {
        Format::Prodigy => {
            let tasks: Vec<_> = prodigy_tasks(&content)
                .collect::<Result<_, _>>()
                .map_err(|e| e.to_string())?;
            if tasks.is_empty() {
                return Err("the file holds no Prodigy task (no JSON line)".into());
            }
            let n = tasks.len();
            tasks
                .into_iter()
                .enumerate()
                .map(|(i, nd)| {
                    let (doc, ann, _) = nd
                        .into_parts()
                        .map_err(|e| format!("line {}: {e}", i + 1))?;
                    let name = if n == 1 {
                        stem.clone()
                    } else {
                        format!("{stem}-{}", i + 1)
                    };
                    Ok((name, doc, ann))
                })
                .collect()
        }
        Format::Brat | Format::Webanno => {
            let txt = path.with_file_name(format!("{stem}.txt"));
            if !txt.is_file() {
                return Err(format!(
                    "{} files hold no text: put the article beside it as {}",
                    format.name(),
                    txt.display()
                ));
            }
            let text = read_text(&txt)?;
            let (doc, ann) = import(&content, format, Some(&text)).map_err(|e| e.to_string())?;
            Ok(vec![(stem, doc, ann)])
        }
        _ => {
            let (doc, ann) = import(&content, format, None).map_err(|e| e.to_string())?;
            Ok(vec![(stem, doc, ann)])
        }
    }
}

pub fn run(args: ConvertArgs) -> Result<ExitCode, CliError> {
    if let Some(f) = args.from.filter(|f| !IMPORTABLE.contains(f)) {
        return Err(CliError::Usage(format!(
            "--from {}: cannot be read (importable: json, prodigy, brat, webanno)",
            f.name()
        )));
    }
    let inputs = files(&args)?;
    if args.out_dir.is_none() && (inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir())) {
        return Err(CliError::Usage(
            "several files: give --out-dir for the outputs".into(),
        ));
    }
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).map_err(|e| CliError::Io(dir.display().to_string(), e))?;
    }
    let mut failures = 0;
    for path in &inputs {
        let docs = match read(path, args.from) {
            Ok(d) => d,
            Err(e) => {
                failures += 1;
                eprintln!("newsmark: {}: skipped: {e}", path.display());
                continue;
            }
        };
        if args.out_dir.is_none() && docs.len() > 1 {
            return Err(CliError::Usage(format!(
                "{}: holds {} documents: give --out-dir for the outputs",
                path.display(),
                docs.len()
            )));
        }
        for (name, doc, ann) in docs {
            let out = export(&doc, &ann, args.to).map_err(newsmark::Error::from)?;
            match &args.out_dir {
                None => std::io::stdout()
                    .lock()
                    .write_all(out.as_bytes())
                    .map_err(|e| CliError::Io("stdout".into(), e))?,
                Some(dir) => {
                    let write = |file: PathBuf, content: &str| {
                        std::fs::write(&file, content)
                            .map_err(|e| CliError::Io(file.display().to_string(), e))?;
                        eprintln!("wrote {}", file.display());
                        Ok::<_, CliError>(())
                    };
                    write(dir.join(format!("{name}.{}", args.to.extension())), &out)?;
                    if args.to == Format::Brat {
                        // A brat folder is the text beside its annotations.
                        write(dir.join(format!("{name}.txt")), doc.text())?;
                    }
                }
            }
        }
    }
    Ok(if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
