//! What the tagger subcommands (entities and attribution) share: the lexicon
//! file, and the list of a model's mistakes.

use crate::CliError;
use newsmark::ner::NerModel;
use newsmark::tagger::lexicon::Lexicon;
use std::path::Path;

/// A lexicon file (word clusters, gazetteers); `none` for an empty one.
pub fn read_lexicon(path: &Path) -> Result<Lexicon, CliError> {
    if path.as_os_str() == "none" {
        return Ok(Lexicon::default());
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError::Io(path.display().to_string(), e))?;
    Lexicon::parse(&text).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

/// Prints every unit with a mistake: missed (-) and wrong (+) spans.
pub fn print_errors(model: &NerModel, docs: &[newsmark::tagger::train::Doc]) {
    let mut cache = newsmark::tagger::TypeCache::new();
    for doc in docs {
        let sentences: Vec<Vec<&str>> = doc
            .iter()
            .map(|e| e.words.iter().map(String::as_str).collect())
            .collect();
        let tagged = model.tag_document(&sentences, &mut cache);
        for (e, pred) in doc.iter().zip(tagged) {
            let pred: Vec<_> = pred.into_iter().map(|(s, _)| s).collect();
            let show = |s: &newsmark::tagger::tags::TokenSpan| {
                format!("{} [{}]", e.words[s.start..s.end].join(" "), s.label)
            };
            let missed: Vec<String> = e
                .spans
                .iter()
                .filter(|g| !pred.contains(g))
                .map(show)
                .collect();
            let wrong: Vec<String> = pred
                .iter()
                .filter(|p| !e.spans.contains(p))
                .map(show)
                .collect();
            if !missed.is_empty() || !wrong.is_empty() {
                outln!(
                    "{}\n  - {}\n  + {}",
                    e.words.join(" "),
                    missed.join(" | "),
                    wrong.join(" | ")
                );
            }
        }
    }
}
