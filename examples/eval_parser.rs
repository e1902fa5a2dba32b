//! Scores a parser model on the UD dev sets (and, with `--test`, EWT test)
//! over Newsmark tokens, and measures its speed on news text.
//!
//! ```sh
//! cargo run --release --example eval_parser -- [--model models/parser.nmk] [--data ../shared/data] [--test]
//! ```
//!
//! Speed is parsing only (tagging included, tokenising and sentence splitting
//! not), single-threaded, over PolNeAR dev's article texts.

#[cfg(feature = "cli")]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use newsmark::syntax::train::{evaluate, load, treebank_file};
    use newsmark::syntax::{Parse, Parser, Scratch};
    use newsmark::tokenize::{split_sentences, tokenize};
    use std::path::PathBuf;
    use std::time::Instant;

    let mut model = PathBuf::from("models/parser.nmk");
    let mut data: Option<PathBuf> = None;
    let mut test = false;
    let mut rounds = 10usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--model" => model = PathBuf::from(val()?),
            "--data" => data = Some(PathBuf::from(val()?)),
            "--test" => test = true,
            "--rounds" => rounds = val()?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let data = data.unwrap_or_else(|| {
        std::env::var_os("NEWSMARK_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
    });
    let (root, banks) = if data.join("treebanks").is_dir() {
        (data.clone(), data.join("treebanks"))
    } else {
        (data.join(".."), data.clone())
    };
    let bytes = std::fs::read(&model)?;
    let parser = Parser::from_bytes(&bytes)?;
    println!(
        "{} ({} bytes): {}",
        model.display(),
        bytes.len(),
        parser.info
    );
    println!(
        "features (tagger, transitions, labels): {:?}",
        parser.sizes()
    );
    let mut sets = vec![("ewt", "dev"), ("gum", "dev")];
    if test {
        sets.push(("ewt", "test"));
    }
    for (bank, split) in sets {
        let (gold, stats) = load(&treebank_file(&banks, bank, split))?;
        println!("{bank} {split}: {stats}");
        println!("{bank} {split}: {}", evaluate(&parser, &gold));
    }

    // Speed on news text.
    let dir = root.join("attribution/polnear/dev/text");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "txt") {
            texts.push(std::fs::read_to_string(&p)?);
        }
    }
    texts.sort();
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    for t in &texts {
        let toks = tokenize(t);
        for r in split_sentences(t, &toks) {
            sentences.push(toks[r].iter().map(|k| &t[k.span.range()]).collect());
        }
    }
    let ntok: usize = sentences.iter().map(|s| s.len()).sum();
    let mut scratch = Scratch::default();
    let mut out = Parse::default();
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut check = 0usize;
    for _ in 0..rounds {
        let t0 = Instant::now();
        let c0 = thread_cpu_seconds();
        for s in &sentences {
            parser.parse_into(s, &mut scratch, &mut out);
            check += out.heads.len();
        }
        best = best.min(t0.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    println!(
        "speed: {} sentences, {} tokens of PolNeAR dev in {:.3}s wall (best of {rounds}): {:.0} tokens/s single-threaded; \
         by this thread's CPU time ({:.2}s): {:.0} tokens/s [{check}]",
        sentences.len(),
        ntok,
        best,
        ntok as f64 / best,
        best_cpu,
        ntok as f64 / best_cpu
    );
    Ok(())
}

/// This thread's user + system CPU time (Linux; 10 ms resolution), which a
/// busy machine disturbs less than wall time.
#[cfg(feature = "cli")]
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[cfg(not(feature = "cli"))]
fn main() {
    eprintln!("eval_parser needs the `cli` feature");
}
