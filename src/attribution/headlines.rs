//! Headlines: a line with no final mark ("Police Say Suspect Acted Alone",
//! "WHO Warns Measles Cases Are Rising in Europe"), whose capitals the
//! tagger reads as names, so that a cue may run over what it reports or a
//! content stop at a capital.

use super::clauses::CLAUSE_VERBS;
use super::shapes::is_small_word;
use super::{role_span, Group};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;

/// Whether a unit reads as a headline: no final mark, at most 30 tokens.
pub(super) fn is_headline(words: &[&str]) -> bool {
    let ends_in_mark = words
        .last()
        .is_some_and(|w| matches!(*w, "." | "!" | "?" | "…" | "\"" | "”"));
    !ends_in_mark && words.len() <= 30
}

/// A headline's cue that ran over the words it reports ("Police [Say
/// Suspect Acted Alone]", all capitals to the tagger): when a cue of three
/// words or more starts with a capitalised verb from [`CLAUSE_VERBS`] and no
/// content follows it, the verb alone is the cue and the rest its content.
/// `None` when no cue is split.
pub(super) fn headline_cue(
    words: &[&str],
    spans: &[(TokenSpan, Role)],
) -> Option<Vec<(TokenSpan, Role)>> {
    if !is_headline(words) {
        return None;
    }
    let k = spans.iter().position(|(s, r)| {
        *r == Role::Cue
            && s.end - s.start >= 3
            && words[s.start].starts_with(char::is_uppercase)
            && CLAUSE_VERBS.contains(&words[s.start].to_lowercase().as_str())
            && !spans
                .iter()
                .any(|(c, r)| *r == Role::Content && c.start >= s.end)
    })?;
    let cue = spans[k].0;
    let mut out = spans.to_vec();
    out[k].0.end = cue.start + 1;
    out.insert(
        k + 1,
        (
            role_span(cue.start + 1, cue.end, Role::Content),
            Role::Content,
        ),
    );
    Some(out)
}

/// A headline ("WHO Warns Measles Cases Are Rising in Europe"): a unit
/// with no final mark whose cue word is capitalised ("Says", "Warns")
/// reports the whole rest of the line, which the tagger may have cut short
/// at a capital. Its content then runs to the end of the unit, when no
/// other role holds those words.
pub(super) fn headline_content(
    words: &[&str],
    groups: &mut [Group],
    taken: &impl Fn(usize) -> bool,
) {
    let n = words.len();
    if !is_headline(words) {
        return;
    }
    for g in groups.iter_mut() {
        let capital = words[g.cue.start].starts_with(char::is_uppercase) && g.cue.start > 0;
        let Some(last) = g.content.last_mut() else {
            continue;
        };
        if capital && last.start >= g.cue.end && last.end < n && !(last.end..n).any(taken) {
            last.end = n;
        }
    }
}

/// A headline where the tagger found nothing: "[Lib Dems] [Accuse] [Council
/// Leader of Hiding £40m Overspend]", "[Judge] [Rules] [Delivery App
/// Misclassified Drivers]". One to three capitalised words, then a verb of
/// saying in capitals from [`CLAUSE_VERBS`] that is not also a plural noun
/// ("Insurance Claims Rise", "Court Reports"; "Rules" only after a judge or
/// a court), then at least two words: the words before, the verb and the
/// rest of the line.
pub(super) fn headline_report(words: &[&str]) -> Option<Group> {
    if !is_headline(words) || words.len() < 4 {
        return None;
    }
    let verb = (1..words.len().min(5) - 1).find(|&t| {
        let w = words[t].to_lowercase();
        let nounlike = matches!(
            w.as_str(),
            "claims"
                | "reports"
                | "estimates"
                | "forecasts"
                | "notes"
                | "posts"
                | "tweets"
                | "states"
                | "shows"
                | "finds"
                | "rules"
                | "forecast"
        );
        let judge = matches!(words[t - 1], "Judge" | "Court" | "Justices" | "Tribunal");
        words[t].starts_with(char::is_uppercase)
            && CLAUSE_VERBS.contains(&w.as_str())
            && (!nounlike || (w == "rules" && judge))
    })?;
    let named = words[..verb].iter().enumerate().all(|(t, w)| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && (t == 0 || !is_small_word(&w.to_lowercase()))
    });
    (named && words.len() >= verb + 3).then(|| Group {
        source: Some(role_span(0, verb, Role::Source)),
        cue: role_span(verb, verb + 1, Role::Cue),
        content: vec![role_span(verb + 1, words.len(), Role::Content)],
    })
}
