//! `eval-numeric`: score DATE, TIME, MONEY, PERCENT and QUANTITY on a gold file
//! with inline `[[LABEL|text]]` markup.

use crate::CliError;
use newsmark::{Annotator, Document};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalNumericArgs {
    /// Gold file: one sentence per line with `[[LABEL|text]]` mentions; `#` starts a comment line.
    file: PathBuf,
    /// Score the rules alone, without the entity model.
    #[arg(long)]
    rules_only: bool,
    /// Which sentences: all, odd (1st, 3rd...: the development half) or even.
    #[arg(long, default_value = "all", value_parser = ["all", "odd", "even"])]
    half: String,
    /// Also print every sentence with a mistake: missed (-) and wrong (+) mentions.
    #[arg(long)]
    errors: bool,
    /// Also print the precision of each rule family (rules alone).
    #[arg(long)]
    by_rule: bool,
}

pub fn run(args: EvalNumericArgs) -> Result<ExitCode, CliError> {
    eval_numeric_cmd(
        &args.file,
        args.rules_only,
        &args.half,
        args.errors,
        args.by_rule,
    )
}

fn eval_numeric_cmd(
    file: &Path,
    rules_only: bool,
    half: &str,
    errors: bool,
    by_rule: bool,
) -> Result<ExitCode, CliError> {
    use newsmark::numeric;
    let text =
        std::fs::read_to_string(file).map_err(|e| CliError::Io(file.display().to_string(), e))?;
    let gold = numeric::parse_gold(&text)
        .map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
    let gold: Vec<&numeric::GoldSentence> = gold
        .iter()
        .enumerate()
        .filter(|(k, _)| match half {
            "odd" => k % 2 == 0,
            "even" => k % 2 == 1,
            _ => true,
        })
        .map(|(_, g)| g)
        .collect();
    let annotator = Annotator::builtin()?;
    let predict = |doc: &Document| {
        if rules_only {
            numeric::find(doc)
        } else {
            annotator.annotate(doc).entities
        }
    };
    if errors {
        for g in &gold {
            let doc = Document::new(g.text.as_str());
            let pred: Vec<_> = predict(&doc)
                .into_iter()
                .filter(|e| newsmark::Label::NUMERIC.contains(&e.label))
                .map(|e| (e.span, e.label))
                .collect();
            let show = |m: &(newsmark::Span, newsmark::Label)| {
                format!("{} [{}]", &g.text[m.0.range()], m.1)
            };
            let missed: Vec<String> = g
                .mentions
                .iter()
                .filter(|m| !pred.contains(m))
                .map(show)
                .collect();
            let wrong: Vec<String> = pred
                .iter()
                .filter(|p| !g.mentions.contains(p))
                .map(show)
                .collect();
            if !missed.is_empty() || !wrong.is_empty() {
                outln!(
                    "line {}: {}\n  - {}\n  + {}",
                    g.line,
                    g.text,
                    missed.join(" | "),
                    wrong.join(" | ")
                );
            }
        }
    }
    out!(
        "{}",
        numeric::evaluate(gold.iter().copied(), predict).report()
    );
    if by_rule {
        outln!("{:>13}  found  correct  precision  confidence", "rule");
        for (rule, found, correct) in numeric::rule_precision(gold.iter().copied()) {
            outln!(
                "{:>13}  {found:5}  {correct:7}  {:8.2}%  {:10.2}",
                rule.name(),
                100.0 * correct as f64 / found.max(1) as f64,
                rule.confidence()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
