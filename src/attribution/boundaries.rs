//! Where a found cue or content starts and ends in news shapes the tagger
//! gets wrong: "was quoted by X as saying" as one cue, the person told left
//! out of cue and content ("warned London that …"), a quotation's stray tail
//! after its cue, and a content that starts at "that" after a phrase ("said
//! in a filing with the SEC that …").

use super::{Group, RoleSlot};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;

/// The most tokens between "quoted" and "as saying" ("by the TASS news
/// agency").
const QUOTED_BY: usize = 8;

/// "The Kremlin was quoted by the TASS news agency as saying that …": the
/// tagger's two cues ("was quoted", "saying") and the source between them
/// become one cue, from the first to "saying", whose source is the one
/// before it (PolNeAR train: "Braynard [is quoted as saying]"). `None`
/// when there is no such pair.
pub(super) fn quoted_as_saying(
    words: &[&str],
    spans: &[(TokenSpan, Role)],
) -> Option<Vec<(TokenSpan, Role)>> {
    let cues: Vec<TokenSpan> = spans
        .iter()
        .filter(|(_, r)| *r == Role::Cue)
        .map(|(s, _)| *s)
        .collect();
    let (first, saying) = cues.iter().zip(cues.iter().skip(1)).find(|(a, b)| {
        words[a.end - 1].eq_ignore_ascii_case("quoted")
            && words[b.start].eq_ignore_ascii_case("saying")
            && b.start > a.end
            && b.start - a.end <= QUOTED_BY + 1
            && words[b.start - 1].eq_ignore_ascii_case("as")
    })?;
    let cue = TokenSpan {
        start: first.start,
        end: saying.end,
        label: Role::Cue.slot(),
    };
    let mut out: Vec<(TokenSpan, Role)> = spans
        .iter()
        .filter(|(s, _)| s.end <= cue.start || s.start >= cue.end)
        .copied()
        .collect();
    out.push((cue, Role::Cue));
    out.sort_by_key(|(s, r)| (s.start, std::cmp::Reverse(s.end), *r));
    Some(out)
}

/// Verbs whose object is the person told, not what was said.
const TELL: &[&str] = &[
    "told", "tells", "tell", "telling", "warned", "warns", "assured", "assures", "informed",
    "reminded",
];

/// "Brussels has repeatedly warned London that …", "The prosecutor told the
/// court the defendant …": the person told is neither cue nor content
/// (PolNeAR train: "told" and its object 160 times with the object in no
/// role, 4 times in the cue). A cue that runs on over the object after such
/// a verb ends at the verb; a content that starts one word into "the X"
/// right after the verb starts after X.
pub(super) fn addressee_outside(words: &[&str], g: &mut Group) {
    let Some(verb) =
        (g.cue.start..g.cue.end).find(|&t| TELL.contains(&words[t].to_lowercase().as_str()))
    else {
        return;
    };
    let object = |t: usize| {
        let w = words[t];
        w.starts_with(char::is_uppercase)
            || matches!(
                w.to_lowercase().as_str(),
                "the" | "him" | "her" | "them" | "us" | "me"
            )
    };
    if verb + 1 < g.cue.end && (verb + 1..g.cue.end).all(object) {
        g.cue.end = verb + 1;
    }
    let determiner = matches!(
        words.get(g.cue.end).map(|w| w.to_lowercase()).as_deref(),
        Some("the" | "a" | "an")
    );
    if let Some(c) = g
        .content
        .iter_mut()
        .find(|c| c.start == g.cue.end + 1 && c.end > c.start + 3)
    {
        if determiner && verb + 1 == g.cue.end {
            c.start += 1;
        }
    }
}

/// "“It never crossed my mind,” she said several months after her release":
/// when the content is a whole quotation before the cue, words after the cue
/// that open no quotation are not part of it (PolNeAR dev: the quotation
/// alone is the gold content 12 times, with those words 3 times).
pub(super) fn quotation_before_cue(words: &[&str], g: &mut Group) {
    let opens = |t: usize| matches!(words[t], "“" | "\"");
    let closes = |t: usize| matches!(words[t], "”" | "\"");
    let quoted = g.content.first().is_some_and(|c| {
        c.end <= g.cue.start && c.end > c.start + 1 && opens(c.start) && closes(c.end - 1)
    });
    if quoted && g.content.len() > 1 {
        g.content.retain(|c| c.end <= g.cue.start || opens(c.start));
    }
}

/// The longest phrase [`that_after_phrase`] skips, in tokens.
const PHRASE_BEFORE_THAT: usize = 12;

/// Where a content after a cue ending at `cue_end` starts when a
/// prepositional phrase and then "that" follow the cue ("said in a filing
/// with the Securities and Exchange Commission that revenue would fall": the
/// content is "that revenue would fall"; PolNeAR train starts such contents
/// at "that" 63 times in 67, the phrase left to no role or to the cue).
/// Otherwise where `content` starts.
pub(super) fn that_after_phrase(words: &[&str], cue_end: usize, content: TokenSpan) -> usize {
    let preposition = |t: usize| {
        matches!(
            words[t].to_lowercase().as_str(),
            "in" | "with" | "on" | "before"
        )
    };
    let phrase_from = |start: usize| {
        (start + 2..content.end.min(start + PHRASE_BEFORE_THAT + 1))
            .take_while(|&t| !matches!(words[t], "," | ";" | ":" | "\"" | "“" | "”" | "(" | "."))
            .find(|&t| words[t].eq_ignore_ascii_case("that") && t + 1 < content.end)
    };
    // The phrase starts at the cue's end (part of it may be the content's
    // start) or at the content's start.
    [cue_end, content.start]
        .into_iter()
        .filter(|&t| t < words.len() && preposition(t))
        .find_map(phrase_from)
        .filter(|&that| that >= content.start)
        .unwrap_or(content.start)
}
