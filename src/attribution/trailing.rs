//! A report that closes its sentence after a comma: "Prices rose, a source
//! said.", "…, the office said on Tuesday.": the sentence before the comma
//! is the content the tagger left out.

use super::RoleSlot;
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;
use std::ops::Range;

/// How many tokens may follow a trailing cue and its source ("on Tuesday",
/// "in a statement"); up to [`LONG_TRAILING_ADJUNCT`] when they hold no
/// quotation mark, colon, semicolon or cue word ("told a news conference in
/// Doha on Tuesday"). PolNeAR, evaluator's view, 8 against 3 alone: dev
/// 67.27 / 63.76 / 52.06 against 67.29 / 63.71 / 52.10, train 66.14 /
/// 64.09 / 50.55 against 66.11 / 64.08 / 50.58: neutral; kept for wire copy.
const TRAILING_ADJUNCT: usize = 3;
const LONG_TRAILING_ADJUNCT: usize = 8;

/// The content of a cue that, with its source, closes its sentence after a
/// comma ("Prices rose , a source said ."), or is followed by a short adjunct
/// only ("…, the office said on Tuesday ."): the sentence before the comma.
/// `sentence`: the sentence's tokens without its final mark.
pub(super) fn trailing_content(
    words: &[&str],
    sentence: Range<usize>,
    cue: TokenSpan,
    source: Option<TokenSpan>,
) -> Option<TokenSpan> {
    let head = source.map_or(cue.start, |s| s.start.min(cue.start));
    let tail = source.map_or(cue.end, |s| s.end.max(cue.end));
    let mut adjunct = tail.min(sentence.end)..sentence.end;
    // Wire copy's reason for an unnamed source is no adjunct ("…, the people
    // said, speaking on condition of anonymity because the talks are
    // private.").
    let anonymous = words.get(adjunct.start) == Some(&",")
        && words
            .get(adjunct.start + 1)
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "speaking" | "who" | "asking"))
        && adjunct
            .clone()
            .any(|t| words[t].eq_ignore_ascii_case("anonymity"));
    if anonymous {
        adjunct.end = adjunct.start;
    }
    // Nor is a phrase set off by a comma after the report: "…, health
    // officials said on Wednesday, [driven largely by an outbreak …]" (a
    // passive participle) or "…, said, [in the strongest quake …]".
    let phrase = |t: usize| {
        let w = words[t].to_lowercase();
        let passive = (w == "driven" || w.ends_with("ed"))
            && (t + 1..(t + 3).min(sentence.end)).any(|k| words[k] == "by");
        // "…, exit polls showed, a boost for the prime minister.": an
        // appositive after the report (PolNeAR train: two reports more
        // found, one content less right: its annotators may keep such a
        // phrase in the content when the tagger found the report).
        let appositive = matches!(w.as_str(), "a" | "an");
        passive || appositive || super::boundaries::AFTER_REPORT.contains(&w.as_str())
    };
    if let Some(k) = adjunct.clone().find(|&t| words[t] == ",") {
        if k + 1 < adjunct.end && phrase(k + 1) {
            adjunct.end = k;
        }
    }
    // A longer adjunct ("told a news conference in Doha on Tuesday") must
    // not read as a clause of its own.
    let plain = |t: usize| {
        !matches!(words[t], "\"" | "“" | "”" | "''" | ":" | ";")
            && !crate::attribution::features::is_cue_word(words[t])
    };
    // With no source, a comma that closes a relative clause on the
    // sentence's subject ("Officials in California, where most cases were
    // found, declared …"): that is the subject, not content. (After a comma
    // of its own, the clause is a speaker's: "“…,” Warren, who …, told";
    // with a source, a noun's in the content: "…, which is well known,
    // Frankel said".)
    let relative = || {
        let mut commas = (sentence.start..head - 1).filter(|&t| words[t] == ",");
        match (commas.next(), commas.next()) {
            (Some(c), None) => matches!(
                words[c + 1].to_lowercase().as_str(),
                "who" | "which" | "whose" | "where"
            ),
            _ => false,
        }
    };
    // With no source, a lone past participle with words after it modifies
    // the noun before its comma ("… before landfall, expected late
    // Thursday."): no report.
    let reduced = cue.end == cue.start + 1
        && words[cue.start].ends_with("ed")
        && !words.get(cue.end).is_some_and(|w| {
            matches!(
                *w,
                "when" | "that" | "how" | "what" | "why" | "whether" | "if"
            )
        });
    // "…, the White House said in a readout of their four-hour meeting near
    // San Francisco.": a medium phrase may run longer.
    let medium = super::shapes::medium_phrase(&words[adjunct.clone()]) > 0;
    let short = adjunct.len() <= LONG_TRAILING_ADJUNCT
        || (medium && adjunct.len() <= 2 * LONG_TRAILING_ADJUNCT);
    (short
        && (adjunct.len() <= TRAILING_ADJUNCT || adjunct.clone().all(plain))
        && !adjunct.clone().any(|t| words[t] == ",")
        && head >= sentence.start + 3
        && words[head - 1] == ","
        && (source.is_some() || (!relative() && (!reduced || adjunct.is_empty()))))
    .then(|| TokenSpan {
        // Past a wire dateline ("WASHINGTON - …, the White House said.").
        start: super::sources::after_dateline(words, sentence.start, head - 1),
        end: head - 1,
        label: Role::Content.slot(),
    })
}

/// "[The number of measles cases in West Texas] rose to 422 on Tuesday,
/// state health officials said": a content before a report that closes its
/// sentence after a comma, which the tagger ended a few words short of the
/// comma, runs on to it when the words left are `taken` by no role and hold
/// no mark of [`super::shapes::PUNCT_STOPS`], no sentence's end, dash or cue
/// word.
pub(super) fn content_to_report(
    words: &[&str],
    g: &mut super::Group,
    taken: &impl Fn(usize) -> bool,
) {
    let head = g.source.map_or(g.cue.start, |s| s.start.min(g.cue.start));
    if head < 2 || words[head - 1] != "," {
        return;
    }
    let comma = head - 1;
    let Some(c) = g.content.iter_mut().rfind(|c| c.end < comma) else {
        return;
    };
    let plain = (c.end..comma).all(|t| {
        !taken(t)
            && !super::shapes::PUNCT_STOPS.contains(&words[t])
            && !matches!(words[t], "." | "?" | "!" | "…" | "--" | "–" | "—")
            && !super::features::is_cue_word(words[t])
    });
    if comma - c.end <= REPORT_GAP && plain {
        c.end = comma;
    }
}

/// The most words [`content_to_report`] adds.
const REPORT_GAP: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::role_span;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn a_report_closing_its_sentence_takes_the_words_before_it() {
        let w = words("WASHINGTON - Leaders agreed to talk , the White House said in a readout of their long meeting near the bay .");
        let source = role_span(7, 10, Role::Source);
        let cue = role_span(10, 11, Role::Cue);
        let got = trailing_content(&w, 0..21, cue, Some(source)).map(|c| (c.start, c.end));
        assert_eq!(
            got,
            Some((2, 6)),
            "a long medium phrase after it, past the dateline"
        );
        let w = words("Leaders agreed to talk , the people said , speaking on condition of anonymity because talks are private .");
        let got = trailing_content(
            &w,
            0..19,
            role_span(7, 8, Role::Cue),
            Some(role_span(5, 7, Role::Source)),
        );
        assert_eq!(
            got.map(|c| (c.start, c.end)),
            Some((0, 4)),
            "the reason for anonymity is no adjunct"
        );
        let w = words("Cases rose , officials said on Wednesday , driven largely by an outbreak .");
        let got = trailing_content(
            &w,
            0..14,
            role_span(4, 5, Role::Cue),
            Some(role_span(3, 4, Role::Source)),
        );
        assert_eq!(
            got.map(|c| (c.start, c.end)),
            Some((0, 2)),
            "a passive participle phrase is no adjunct"
        );
        let w = words("Leaders agreed to talk , the people said , because talks are private .");
        let got = trailing_content(
            &w,
            0..13,
            role_span(7, 8, Role::Cue),
            Some(role_span(5, 7, Role::Source)),
        );
        assert_eq!(got, None, "a clause after it");
    }

    #[test]
    fn a_content_cut_short_of_its_report_runs_to_the_comma() {
        let w = words("The number of cases rose to 422 , officials said .");
        let mut g = super::super::Group {
            source: Some(role_span(8, 9, Role::Source)),
            cue: role_span(9, 10, Role::Cue),
            content: vec![role_span(0, 4, Role::Content)],
        };
        content_to_report(&w, &mut g, &|t| t >= 8);
        assert_eq!(g.content, [role_span(0, 7, Role::Content)]);
        // Not over a word a role holds.
        let mut g = super::super::Group {
            source: Some(role_span(8, 9, Role::Source)),
            cue: role_span(9, 10, Role::Cue),
            content: vec![role_span(0, 4, Role::Content)],
        };
        content_to_report(&w, &mut g, &|t| t == 5 || t >= 8);
        assert_eq!(g.content, [role_span(0, 4, Role::Content)]);
    }
}
