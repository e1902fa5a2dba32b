//! The `newsmark` command line: annotate text files and JSON lines, train and
//! evaluate the models. Offsets in everything it prints are Unicode code points.

use clap::{Parser, Subcommand};
use std::io;
use std::process::ExitCode;

/// `print!` for reports: when stdout is closed early (`newsmark eval … | head`),
/// the program ends quietly instead of panicking.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout(), $($t)*) {
            $crate::stdout_failed(e)
        }
    }};
}

/// `println!` for reports (see [`out!`]).
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($t)*) {
            $crate::stdout_failed(e)
        }
    }};
}

mod annotate;
mod attribution;
mod bench;
mod claims;
mod claims_eval;
mod convert;
mod entities;
mod numeric;
mod tagger;

fn stdout_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("newsmark: error: cannot write the output: {e}");
    std::process::exit(2);
}

#[derive(Parser)]
#[command(
    name = "newsmark",
    version,
    about = "Mark up entities in news text, offline."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate plain-text files, or JSON lines on stdin with --jsonl.
    ///
    /// Prints one JSON object per line: {"id", "entities": [{"start", "end",
    /// "label", "text", "score"}], "claims": [], "attributions": []}, with
    /// offsets in Unicode code points, end exclusive. For files, "id" is the path.
    Annotate(annotate::AnnotateArgs),
    /// Convert annotation files between formats, in batch: reads Newsmark JSON,
    /// Prodigy JSON lines, brat standoff (.ann beside its .txt) and W3C Web
    /// Annotation; writes any export format.
    ///
    /// Example: newsmark convert --to prodigy --out-dir prodigy/ brat-folder/
    Convert(convert::ConvertArgs),
    /// Train the entity model on CoNLL-2003 (and, with --gum, GUM's CC BY genres) and write the model file.
    Train(entities::TrainArgs),
    /// Time annotation in-process on a plain-text file (what `./build.sh bench` runs).
    ///
    /// Prints one JSON object: whitespace tokens, entities found, and seconds
    /// per pass (after one warm-up pass).
    Bench(bench::BenchArgs),
    /// Train the check-worthiness classifier on CheckThat! 2024 (ClaimBuster).
    TrainClaims(claims::TrainClaimsArgs),
    /// Score the check-worthiness classifier: F1 of the positive class on
    /// CheckThat! 2024 dev and dev-test.
    EvalClaims(claims::EvalClaimsArgs),
    /// Write the claims pack: the check-worthiness and attribution models in
    /// one file, which the page fetches after the entities are shown.
    PackClaims(claims::PackClaimsArgs),
    /// Train the attribution tagger (source, cue, content) on PolNeAR.
    TrainAttribution(attribution::TrainAttributionArgs),
    /// Who pronoun sources ("she said") refer to: precision and recall of the
    /// names found for the gold pronoun sources of PolNeAR dev
    EvalReferents(attribution::EvalReferentsArgs),
    /// Exact-match precision, recall and F1 per role (source, cue, content) on PolNeAR dev.
    EvalAttribution(attribution::EvalAttributionArgs),
    /// Train the part-of-speech tagger whose tags the attribution model's
    /// features use, on UD English EWT and GUM's CC BY genres
    /// (treebanks/ under --data); prints UPOS accuracy on their dev splits.
    TrainPos(attribution::TrainPosArgs),
    /// Accuracy of the claim-kind classifier on a gold file of JSON lines {"text", "kind"}.
    EvalClaimKinds(claims::EvalClaimKindsArgs),
    /// Score the entity model on CoNLL-format files (IOB1, IOB2, IO, BILOU), GUM
    /// CoNLL-U files or JSONL gold, conlleval-style: entity-level precision, recall
    /// and F1 per type.
    Eval(entities::EvalArgs),
    /// Score DATE, TIME, MONEY, PERCENT and QUANTITY on a gold file with inline
    /// markup `[[LABEL|text]]` (tests/gold/numeric.txt): precision, recall and
    /// F1 per label, exact span and label.
    ///
    /// By default it scores the whole pipeline, where names found by the entity
    /// model win over overlapping rule matches; --rules-only scores the rules alone.
    EvalNumeric(numeric::EvalNumericArgs),
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Core(#[from] newsmark::Error),
    #[error("{0}: {1}")]
    Io(String, io::Error),
    #[error("{0}")]
    Usage(String),
}

impl From<newsmark::tagger::ModelError> for CliError {
    fn from(e: newsmark::tagger::ModelError) -> Self {
        CliError::Core(e.into())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate(args) => annotate::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Train(args) => entities::run_train(args),
        Command::Eval(args) => entities::run_eval(args),
        Command::Bench(args) => bench::run(args),
        Command::EvalNumeric(args) => numeric::run(args),
        Command::TrainClaims(args) => claims::run_train(args),
        Command::EvalClaims(args) => claims::run_eval(args),
        Command::PackClaims(args) => claims::run_pack(args),
        Command::EvalClaimKinds(args) => claims::run_eval_kinds(args),
        Command::TrainAttribution(args) => attribution::run_train(args),
        Command::EvalReferents(args) => attribution::run_eval_referents(args),
        Command::EvalAttribution(args) => attribution::run_eval(args),
        Command::TrainPos(args) => attribution::run_train_pos(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsmark: error: {e}");
            ExitCode::from(2)
        }
    }
}
