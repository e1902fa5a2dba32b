//! Trains the dependency parser (tagger, transition model, labeller) on UD
//! English EWT and the CC BY genres of GUM, prints dev figures and writes
//! the model file.
//!
//! ```sh
//! cargo run --release --example train_parser -- --data ../shared/data \
//!     --out models/parser.nmk [--prune N[:W[:L]]] [--epochs E] [--seed S] [--sweep 1,2,4,8]
//!     [--save-trained FILE | --load-trained FILE]
//! ```
//!
//! `--data` is the shared data directory or its `treebanks/` folder (default:
//! `$NEWSMARK_DATA`, else `../shared/data`). `--sweep` also reports size and
//! dev accuracy at other prune levels (same training run).

#[cfg(feature = "cli")]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use newsmark::syntax::train::{
        evaluate, load, train, treebank_dir, treebank_file, Pruning, TrainConfig,
    };
    use std::path::PathBuf;
    use std::time::Instant;

    let mut cfg = TrainConfig::default();
    let mut data: Option<PathBuf> = None;
    let mut out = PathBuf::from("models/parser.nmk");
    let mut sweep: Vec<Pruning> = Vec::new();
    let mut no_gum = false;
    let mut save_trained: Option<PathBuf> = None;
    let mut load_trained: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = Some(PathBuf::from(val()?)),
            "--out" => out = PathBuf::from(val()?),
            "--prune" => cfg.prune = val()?.parse()?,
            "--epochs" => cfg.epochs = val()?.parse()?,
            "--tag-epochs" => cfg.tag_epochs = val()?.parse()?,
            "--seed" => cfg.seed = val()?.parse()?,
            "--bits" => cfg.bits = val()?.parse()?,
            "--jackknife" => cfg.jackknife = val()?.parse()?,
            "--explore" => cfg.explore = val()?.parse()?,
            "--min-tag-count" => cfg.min_tag_count = val()?.parse()?,
            "--sweep" => {
                sweep = val()?
                    .split(',')
                    .map(|x| x.trim().parse())
                    .collect::<Result<_, _>>()?
            }
            "--no-gum" => no_gum = true,
            "--save-trained" => save_trained = Some(PathBuf::from(val()?)),
            "--load-trained" => load_trained = Some(PathBuf::from(val()?)),
            "-h" | "--help" => {
                println!(
                    "train_parser [--data DIR] [--out FILE] [--prune N[:W[:L]]] [--epochs E] [--tag-epochs E] \
                     [--seed S] [--bits B] [--jackknife K] [--explore P] [--sweep N,N,..] [--no-gum]"
                );
                return Ok(());
            }
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let dir = match data {
        Some(d) if d.join("treebanks").is_dir() => d.join("treebanks"),
        Some(d) => d,
        None => treebank_dir(None),
    };
    let t0 = Instant::now();
    let mut train_set = Vec::new();
    let mut banks = vec!["ewt"];
    if !no_gum {
        banks.push("gum");
    }
    for bank in &banks {
        let (s, stats) = load(&treebank_file(&dir, bank, "train"))?;
        println!("{bank} train: {stats}");
        train_set.extend(s);
    }
    let (ewt_dev, stats) = load(&treebank_file(&dir, "ewt", "dev"))?;
    println!("ewt dev: {stats}");
    let (gum_dev, stats) = load(&treebank_file(&dir, "gum", "dev"))?;
    println!("gum dev: {stats}");
    let tokens: usize = train_set.iter().map(|s| s.words.len()).sum();
    println!(
        "training on {} sentences, {} tokens; {:?}",
        train_set.len(),
        tokens,
        cfg
    );
    let dev = [("ewt dev", &ewt_dev[..]), ("gum dev", &gum_dev[..])];
    let trained = if let Some(p) = &load_trained {
        newsmark::syntax::train::Trained::load(p, &cfg)?
    } else {
        train(&cfg, &train_set, &dev, |m| {
            println!("[{:6.1}s] {m}", t0.elapsed().as_secs_f64())
        })
    };
    if let Some(p) = &save_trained {
        trained.save(p)?;
    }
    println!(
        "features before pruning (tagger, transitions, labels): {:?}",
        trained.rows()
    );
    if !sweep.contains(&cfg.prune) {
        sweep.push(cfg.prune);
    }
    println!("| prune count:weight:levels | rows (tag/trans/label) | bytes | gzip -9 (tag/trans/label) | EWT dev UPOS/UAS/LAS | GUM dev UPOS/UAS/LAS |");
    println!("|---|---|---|---|---|---|");
    let mut chosen = None;
    for &p in &sweep {
        let parser = trained.finish(&p);
        let bytes = parser.to_bytes();
        let e = evaluate(&parser, &ewt_dev);
        let g = evaluate(&parser, &gum_dev);
        println!(
            "| {p} | {:?} | {} | {} ({}) | {:.2} / {:.2} / {:.2} | {:.2} / {:.2} / {:.2} |",
            parser.sizes(),
            bytes.len(),
            gzip_size(&bytes).map_or("?".into(), |n| n.to_string()),
            parser
                .part_bytes()
                .iter()
                .map(|b| gzip_size(b).map_or("?".into(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join("/"),
            e.upos_acc(),
            e.uas(),
            e.las(),
            g.upos_acc(),
            g.uas(),
            g.las()
        );
        if p == cfg.prune {
            println!("  ewt dev: {e}\n  gum dev: {g}");
            chosen = Some(bytes);
        }
    }
    if let Some(bytes) = chosen {
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&out, &bytes)?;
        println!(
            "wrote {} ({} bytes) in {:.1}s",
            out.display(),
            bytes.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Size after `gzip -9`, when the gzip program is there.
#[cfg(feature = "cli")]
fn gzip_size(bytes: &[u8]) -> Option<usize> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    Some(out.stdout.len())
}

#[cfg(not(feature = "cli"))]
fn main() {
    eprintln!("train_parser needs the `cli` feature");
}
