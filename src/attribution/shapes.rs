//! Attributions read from the shape of a line or a sentence, which the
//! tagger, reading a few words either side, does not see: a transcript's
//! speaker ("WALLACE: …"), a headline's name and colon ("Pat Caddell:
//! Democrat Voters …"), a quotation signed after a dash ("“…” ― Sonya
//! Herridge"), and the small readers the rules share (time phrases, media,
//! titles). Asides set off by commas are in [`super::asides`].

use super::{role_span, Group};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;
use std::ops::Range;

/// The most words of a name that signs a quotation ([`signed_quotations`]).
const SIGNATURE_WORDS: usize = 4;

/// Quotations signed with a dash and a name, as pull quotes and readers'
/// comments are ("“He represents our greatest shame.” ― Sonya Herridge"):
/// the name is the source, the dash the cue and the quotation, marks
/// included, the content. The name is up to [`SIGNATURE_WORDS`]
/// capitalised words, followed by the end of the unit, a full stop, a comma
/// ("― Ana Ruiz, 34, a teacher") or the next quotation.
pub(super) fn signed_quotations(words: &[&str]) -> Vec<Group> {
    let is_dash = |w: &str| matches!(w, "―" | "—" | "–" | "--");
    let closes = |w: &str| matches!(w, "”" | "\"" | "''");
    let opens = |w: &str| matches!(w, "“" | "\"" | "``" | "”");
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
    };
    let mut out = Vec::new();
    let mut after_last = 0;
    for d in 2..words.len() {
        if !is_dash(words[d]) || !closes(words[d - 1]) {
            continue;
        }
        let mut end = d + 1;
        while end < words.len() && end - d <= SIGNATURE_WORDS && capitalised(words[end]) {
            end += 1;
        }
        let named = end > d + 1 && end - d - 1 <= SIGNATURE_WORDS;
        let closed = words
            .get(end)
            .is_none_or(|w| matches!(*w, "." | ",") || opens(w));
        // The quotation's opening mark: the last one before its closing mark.
        let open = (after_last..d - 1).rev().find(|&j| opens(words[j]));
        if let (true, true, Some(open)) = (named, closed, open) {
            if d - 1 - open >= 2 {
                out.push(Group {
                    source: Some(role_span(d + 1, end, Role::Source)),
                    cue: role_span(d, d + 1, Role::Cue),
                    content: vec![role_span(open, d, Role::Content)],
                });
                after_last = end;
            }
        }
    }
    out
}

/// A word in capitals of at least two letters ("WALLACE", "MR.").
pub(super) fn is_upper(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

/// The most words of a name before a colon ([`colon_speaker`]).
const COLON_SPEAKER_WORDS: usize = 6;

/// Headline labels that end in a colon but name no speaker ("Analysis: …").
#[rustfmt::skip]
const COLON_LABELS: &[&str] = &[
    "analysis", "breaking", "correction", "editorial", "exclusive", "explainer", "factbox", "live",
    "note", "opinion", "photos", "related", "review", "update", "updated", "video", "watch",
    "comment", "editor's", "caption", "photo", "verdict", "credit", "source", "listen", "read",
    "pictured", "graphic", "map", "chart", "summary", "background", "context", "q&a", "faq",
];

/// A unit (paragraph or line) where the tagger found nothing that opens
/// with a speaker and a colon, which PolNeAR marks as source, cue and
/// content:
///
/// * a transcript's speaker in capitals ("WALLACE: If I may, sir, …",
///   after an opening quotation mark or not): the rest of the unit is the
///   content;
/// * a headline's short name before a colon ("Pat Caddell: Democrat Voters
///   Worried…", "Poll: Clinton and Trump in dead heat"): every word of the
///   name capitalised, the unit one sentence, and the content the rest of
///   the line without its final full stop. Section labels ("Analysis:",
///   "Update:") are not speakers.
pub(super) fn colon_speaker(words: &[&str]) -> Option<Group> {
    let open = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(*w, "\"" | "“" | "‘")),
    );
    let colon =
        (open + 1..words.len().min(open + COLON_SPEAKER_WORDS + 1)).find(|&t| words[t] == ":")?;
    let name = &words[open..colon];
    let label = COLON_LABELS.contains(&name[0].to_lowercase().as_str());
    let capitals = name.len() <= 3 && name.iter().all(|w| is_upper(w)) && !label;
    let capitalised = name.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || w.chars().all(|c| !c.is_alphabetic())
            || matches!(w.to_lowercase().as_str(), "'s" | "’s" | "of")
    }) && !label;
    let mut end = words.len();
    if capitals {
        // "WALLACE: …": the rest of the turn.
    } else if capitalised && open == 0 {
        if words[end - 1] == "." {
            end -= 1;
        }
        // One sentence: no full stop before its end.
        if words[colon + 1..end]
            .iter()
            .any(|w| matches!(*w, "." | "!" | "?"))
        {
            return None;
        }
    } else {
        return None;
    }
    (end >= colon + 3).then(|| Group {
        source: Some(role_span(open, colon, Role::Source)),
        cue: role_span(colon, colon + 1, Role::Cue),
        content: vec![role_span(colon + 1, end, Role::Content)],
    })
}

/// The most tokens between a parenthetical attribution and the comma that
/// closes it ("…, he told me on Friday, is …").
const PARENTHETICAL_TAIL: usize = 4;

/// A source and cue set off by commas inside their sentence, with the
/// content after them ("Climate change, Mr. Obama often says, is the
/// greatest threat"; "But to prevent problems, he said, local officials
/// should be vigilant"): the words before the first comma belong to the
/// content too, as a second piece, so that the content reads whole. Only
/// when the tagger put no role on those words.
pub(super) fn parenthetical_content(
    words: &[&str],
    sentence_start: usize,
    g: &mut Group,
    taken: &impl Fn(usize) -> bool,
) {
    let Some(source) = g.source else { return };
    let (lo, hi) = (source.start.min(g.cue.start), source.end.max(g.cue.end));
    let Some(first) = g.content.first() else {
        return;
    };
    if first.start < hi || lo < sentence_start + 3 || words[lo - 1] != "," {
        return;
    }
    let close = first.start.checked_sub(1).filter(|&k| words[k] == ",");
    let Some(close) = close else { return };
    if close - hi > PARENTHETICAL_TAIL || words[hi..close].iter().any(|w| PUNCT_STOPS.contains(w)) {
        return;
    }
    let before = sentence_start..lo - 1;
    if before
        .clone()
        .any(|t| taken(t) || PUNCT_STOPS.contains(&words[t]))
    {
        return;
    }
    g.content
        .insert(0, role_span(before.start, before.end, Role::Content));
}

/// Marks that end a clause: a parenthetical attribution never spans them.
pub(super) const PUNCT_STOPS: &[&str] = &[",", ";", ":", "(", ")", "\"", "“", "”"];

/// A content that stops a few words short of the end of its sentence, where
/// nothing else was found ("Officials said they expect to cut costs by 10
/// percentage [points this year]."): the tagger, reading a few words either
/// side, sometimes closes a content early. It runs on to the sentence's end
/// (before its closing punctuation) when the words left are free (`held`
/// is false), hold no quotation mark, colon, semicolon, bracket or cue
/// word (but for a verb's own in the perfect or a passive), and the
/// content is the last piece after its cue. PolNeAR dev,
/// evaluator's view: content F1 51.60 -> 52.10 (without the semicolon
/// stop 52.05; stopping at commas too, 51.90).
pub(super) fn content_to_sentence_end(
    words: &[&str],
    sentence_end: usize,
    g: &mut Group,
    held: &impl Fn(usize) -> bool,
) {
    let Some(c) = g.content.last_mut().filter(|c| c.start >= g.cue.end) else {
        return;
    };
    let mut end = sentence_end.min(words.len());
    while end > c.end && matches!(words[end - 1], "." | "?" | "!" | "…") {
        end -= 1;
    }
    // A content that stops inside brackets ("winds of 145 miles per hour
    // (230 km per hour") may run past the closing one.
    let open = words[c.start..c.end].iter().filter(|w| **w == "(").count()
        > words[c.start..c.end].iter().filter(|w| **w == ")").count();
    // A cue word in the perfect ("the telescope, which launched in 2021,
    // had now found …") is the content's own verb when no "and" or "but"
    // comes between: no new clause, so no new subject, has begun.
    let perfect = |t: usize| {
        let aux = |k: usize| matches!(words[k].to_lowercase().as_str(), "had" | "has" | "have");
        let before = t - 1;
        let aux_at = if aux(before) {
            Some(before)
        } else if before > c.end
            && (super::features::is_ly_adverb(words[before])
                || matches!(words[before], "now" | "also" | "already"))
        {
            Some(before - 1).filter(|&k| aux(k))
        } else {
            None
        };
        aux_at.is_some_and(|k| {
            k > c.end && !words[c.end..k].iter().any(|w| matches!(*w, "and" | "but"))
        })
    };
    // So is a passive's participle ("… could not be [ruled] out").
    let passive = |t: usize| {
        t > c.start
            && matches!(
                words[t - 1].to_lowercase().as_str(),
                "be" | "been" | "being"
            )
    };
    let plain = |t: usize| {
        let w = words[t];
        let closing = open && w == ")" && !words[c.end..t].contains(&")");
        !held(t)
            && (closing
                || !matches!(
                    w,
                    "\"" | "“" | "”" | "''" | "``" | "«" | "»" | ":" | "(" | ")" | ";"
                ))
            && (!super::features::is_cue_word(w) || perfect(t) || passive(t))
    };
    if end > c.end && (c.end..end).all(plain) {
        c.end = end;
    }
}

/// The most tokens between two pieces of one content that [`join_pieces`]
/// joins.
const PIECE_GAP: usize = 6;

/// Pieces of one content after its cue, in one sentence, with at most
/// [`PIECE_GAP`] tokens between them that no role holds ("He said [the
/// officer], a five-year veteran whose name has not been released, [had
/// been placed on leave]"): one piece, as the reader reads it. Not across a
/// quotation mark, colon, semicolon, bracket or cue word. (The evaluator's
/// hull of the pieces is the same; PolNeAR train: one content of several
/// hundred joined changes its hull.)
pub(super) fn join_pieces(
    words: &[&str],
    starts: &[usize],
    g: &mut Group,
    held: &impl Fn(usize) -> bool,
) {
    let mut i = 0;
    while i + 1 < g.content.len() {
        let (a, b) = (g.content[i], g.content[i + 1]);
        let free = |t: usize| {
            !held(t)
                && !g.source.is_some_and(|s| s.start <= t && t < s.end)
                && !super::features::is_cue_word(words[t])
                && !matches!(words[t], "\"" | "“" | "”" | ":" | ";" | "(" | ")")
        };
        let join = a.start >= g.cue.end
            && b.start > a.end
            && b.start - a.end <= PIECE_GAP
            && starts[a.start] == starts[b.start]
            && (a.end..b.start).all(free);
        if join {
            g.content[i].end = b.end;
            g.content.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// A second verb of saying joined to the first by "and" (or "but"), inside
/// the content the tagger found ("The ministry said the attack had failed and accused
/// the rebels of lying."): PolNeAR marks it as a cue of its own, with the
/// first content ending before "and" (train: 104 of 120 such verbs after a
/// cue in the same sentence are cues, and 91 times the content before ends
/// at "and"). The content is cut there and the rest becomes a new
/// attribution with the same source. The verb must be a lower-case cue word
/// ending in -ed or -s (or "told", "wrote"), right after "and" or "and
/// also / then / later" (or "but", for the verbs of `BUT_SAYING`), with
/// words after it in the content.
/// `groups` must be in the order of their cues; they stay so.
pub(super) fn coordinated_cues(words: &[&str], groups: &mut Vec<Group>) {
    // After "but", verbs of saying only ("declined to comment but added
    // that …"; PolNeAR train: 25 of 28 such verbs are cues, where "but
    // appeared to be" is not one).
    const BUT_SAYING: &[&str] = &[
        "said",
        "says",
        "added",
        "adds",
        "noted",
        "insisted",
        "warned",
        "told",
        "argued",
        "acknowledged",
        "stressed",
        "conceded",
        "wrote",
        "cautioned",
        "cautions",
        "emphasized",
        "emphasised",
        "countered",
        "admitted",
        "maintained",
    ];
    let verb = |w: &str| {
        w.chars().all(|c| c.is_ascii_lowercase())
            && (w.ends_with("ed") || w.ends_with('s') || matches!(w, "told" | "wrote"))
            && super::features::is_cue_word(w)
    };
    let cues: Vec<usize> = groups.iter().map(|g| g.cue.start).collect();
    let mut added = Vec::new();
    for g in groups.iter_mut() {
        let Some(c) = g.content.last_mut().filter(|c| c.start >= g.cue.end) else {
            continue;
        };
        // "said that the pilot radioed … and asked to return": after "that"
        // and a subject of its own, the verb is that subject's. After "that
        // he …" it is mostly the source's again (train: of the verbs this
        // skips, 1 of 6 is a gold cue; of those it keeps after a pronoun,
        // 3 of 5).
        let own_subject = words[c.start].eq_ignore_ascii_case("that")
            && !words.get(c.start + 1).is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "he" | "she" | "they" | "it" | "we" | "i"
                )
            });
        if own_subject {
            continue;
        }
        let found = (c.start + 1..c.end.saturating_sub(1)).find_map(|and| {
            let but = words[and] == "but";
            if words[and] != "and" && !but {
                return None;
            }
            let v = and + 1 + usize::from(matches!(words[and + 1], "also" | "then" | "later"));
            let saying = !but || BUT_SAYING.contains(&words[v]);
            // A verb of saying in -ed after "but" need not be in the
            // tagger's cue list ("but cautioned that …").
            let verb = verb(words[v]) || (but && saying && words[v].ends_with("ed"));
            (v + 1 < c.end && verb && saying && !cues.contains(&v)).then_some((and, v))
        });
        if let Some((and, v)) = found {
            let rest = role_span(v + 1, c.end, Role::Content);
            c.end = and;
            added.push(Group {
                source: g.source,
                cue: role_span(and + 1, v + 1, Role::Cue),
                content: vec![rest],
            });
        }
    }
    super::insert_by_cue(groups, added);
}

// Time phrases between a subject and its verb, or a cue and its content
// ("The EU on Monday called …", "said on Sunday it had …").

/// Weekdays and other words that name a day, for [`time_before`].
#[rustfmt::skip]
const DAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// How many tokens right before `end` (and after `start`) are a time phrase
/// between a subject and its verb: "on Monday", "on Tuesday night",
/// "yesterday", "today", "last week", "earlier this month". 0 if none.
pub(super) fn time_before(words: &[&str], start: usize, end: usize) -> usize {
    let w = |k: usize| {
        end.checked_sub(k)
            .filter(|&t| t >= start)
            .map(|t| words[t].to_lowercase())
    };
    time_phrase(w)
}

/// How many tokens at `start` (before `end`) are a time phrase between a
/// cue and its content ("said on Sunday it had …"); 0 if none.
pub(super) fn time_after(words: &[&str], start: usize, end: usize) -> usize {
    // The phrase read backwards from its last word: try each length.
    (1..=3)
        .rev()
        .find(|&len| {
            start + len < end
                && time_phrase(|k: usize| (k <= len).then(|| words[start + len - k].to_lowercase()))
                    == len
        })
        .unwrap_or(0)
}

/// The length of the time phrase whose words, read backwards, `w` gives
/// (`w(1)` its last word): "on Monday", "on Tuesday night", "yesterday",
/// "last week", "earlier this month"; 0 if none.
fn time_phrase(w: impl Fn(usize) -> Option<String>) -> usize {
    let is = |k: usize, set: &[&str]| w(k).is_some_and(|x| set.contains(&x.as_str()));
    const PART: &[&str] = &["morning", "afternoon", "evening", "night"];
    const UNIT: &[&str] = &["week", "month", "year", "weekend", "night"];
    if is(1, &["yesterday", "today", "tonight"]) {
        return 1;
    }
    if is(1, DAYS) && is(2, &["on"]) {
        return 2;
    }
    if is(1, PART) && is(2, DAYS) && is(3, &["on"]) {
        return 3;
    }
    if is(1, UNIT) && is(2, &["last", "this"]) {
        return if is(3, &["earlier"]) { 3 } else { 2 };
    }
    0
}

/// The length of "in a statement", "in an interview", "in a phone
/// interview", "in his speech" at the start of `w`; 0 if it is not there.
pub(super) fn medium_phrase(w: &[&str]) -> usize {
    let lower = |i: usize| w.get(i).map(|x| x.to_lowercase());
    if lower(0).as_deref() != Some("in")
        || !matches!(
            lower(1).as_deref(),
            Some("a" | "an" | "the" | "his" | "her" | "their" | "its")
        )
    {
        return 0;
    }
    let noun = |i: usize| {
        matches!(
            lower(i).as_deref(),
            Some(
                "statement"
                    | "interview"
                    | "email"
                    | "e-mail"
                    | "letter"
                    | "speech"
                    | "tweet"
                    | "post"
                    | "memo"
                    | "release"
                    | "filing"
                    | "readout"
            )
        )
    };
    if noun(2) {
        3
    } else if noun(3) && lower(2).is_some_and(|a| a.chars().all(char::is_alphabetic)) {
        4
    } else {
        0
    }
}

/// Titles that belong to the name after them in a source ("Mayor Ann Lee").
const TITLES: &[&str] = &[
    "mayor",
    "president",
    "governor",
    "senator",
    "sen.",
    "rep.",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "judge",
    "justice",
    "general",
    "gen.",
    "colonel",
    "col.",
    "captain",
    "capt.",
    "sheriff",
    "chief",
    "commissioner",
    "ambassador",
    "director",
    "professor",
    "prof.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "coach",
    "inspector",
    "superintendent",
    "prime",
    "foreign",
    "defence",
    "defense",
    "vice",
    "deputy",
];

/// A source with the titles before it that no role holds ("Mayor Ann Lee",
/// "Prime Minister Ann Lee"), and without a time phrase at its end ("Russia
/// on Monday accused …": "Russia").
pub(super) fn trimmed_source(
    words: &[&str],
    sentence_start: usize,
    mut source: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    while source.start > sentence_start
        && !taken(source.start - 1)
        && words[source.start].starts_with(char::is_uppercase)
        && words[source.start - 1].starts_with(char::is_uppercase)
        && TITLES.contains(&words[source.start - 1].to_lowercase().as_str())
    {
        source.start -= 1;
    }
    source.start = with_possessor(words, sentence_start, source.start, taken);
    let time = time_before(words, source.start, source.end);
    // Not the time of a participle ("A Gallup survey released this week").
    let participle =
        |t: usize| words[t].starts_with(char::is_lowercase) && words[t].ends_with("ed");
    if time > 0 && time < source.end - source.start && !participle(source.end - time - 1) {
        source.end -= time;
    }
    // "France and Italy warned": a short name joined by "and" to the
    // short name before it, which no role holds.
    let capital = |t: usize| words[t].starts_with(char::is_uppercase);
    let short_name = |r: Range<usize>| r.len() <= 3 && r.clone().all(capital);
    if short_name(source.start..source.end)
        && source.start >= sentence_start + 2
        && words[source.start - 1] == "and"
        && !taken(source.start - 1)
    {
        let end = source.start - 1;
        let mut start = end;
        while start > sentence_start && end - start < 3 && capital(start - 1) && !taken(start - 1) {
            start -= 1;
        }
        let opens = start == sentence_start || !capital(start - 1);
        // A capital that only opens the sentence ("In Paris and Merkel said").
        let function_word = matches!(
            words[start].to_lowercase().as_str(),
            "in" | "on"
                | "at"
                | "for"
                | "from"
                | "with"
                | "by"
                | "after"
                | "before"
                | "but"
                | "and"
                | "a"
                | "an"
                | "as"
                | "when"
                | "while"
                | "if"
                | "to"
        );
        if start < end && opens && !function_word && short_name(start..end) {
            source.start = start;
        }
    }
    source
}

/// Where a source that starts at `start` starts with the possessive name
/// before it that no role holds, and the lower-case words between:
/// "Azerbaijan's defence [ministry]" → "Azerbaijan's defence ministry",
/// "the Kremlin's [spokesman]" (PolNeAR marks the whole noun phrase).
/// `start` itself when there is none.
fn with_possessor(
    words: &[&str],
    sentence_start: usize,
    start: usize,
    taken: &impl Fn(usize) -> bool,
) -> usize {
    let free = |t: usize| t >= sentence_start && t < start && !taken(t);
    let modifier = |w: &str| {
        w.len() > 1
            && w.chars().all(|c| c.is_lowercase() || c == '-')
            && !is_small_word(w)
            && !crate::attribution::features::is_cue_word(w)
    };
    let mut k = start;
    while k > sentence_start && start - k < 3 && free(k - 1) && modifier(words[k - 1]) {
        k -= 1;
    }
    if k == sentence_start || !free(k - 1) || !matches!(words[k - 1], "'s" | "’s") {
        return start;
    }
    let possessive = k - 1;
    let mut name = possessive;
    while name > sentence_start
        && possessive - name < 4
        && free(name - 1)
        && words[name - 1].starts_with(char::is_uppercase)
        && !contracts(words[name - 1])
        && !crate::attribution::features::is_cue_word(words[name - 1])
    {
        name -= 1;
    }
    if name == possessive {
        return start;
    }
    if name > sentence_start && free(name - 1) && words[name - 1].eq_ignore_ascii_case("the") {
        name -= 1;
    }
    name
}

/// Function words that are not part of a noun phrase's modifiers.
pub(super) fn is_small_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "as"
            | "and"
            | "or"
            | "but"
            | "that"
            | "this"
            | "these"
            | "those"
            | "who"
            | "which"
            | "when"
            | "while"
            | "after"
            | "before"
            | "is"
            | "was"
            | "are"
            | "were"
            | "has"
            | "have"
            | "had"
            | "not"
            | "because"
            | "so"
            | "why"
            | "how"
            | "where"
            | "what"
            | "if"
            | "then"
            | "than"
            | "now"
    )
}

/// Capitalised words before "'s" that make a contraction, not a possessive
/// ("That's", "It's", "Here's").
fn contracts(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "that"
            | "it"
            | "there"
            | "here"
            | "what"
            | "this"
            | "he"
            | "she"
            | "who"
            | "let"
            | "where"
            | "how"
            | "everyone"
            | "nobody"
    )
}

/// Cue words that take "on" before their object ("called on residents to …").
pub(super) const CALL_ON: &[&str] = &["called", "calls", "call"];

/// Forms of "point", which reports with "to" before its object ("Economists
/// point to [high building costs]": PolNeAR marks 32 of the 48 in train).
pub(super) const POINT_TO: &[&str] = &["point", "points", "pointed", "pointing"];

/// A cue "called on both sides" that took the words after "called on": the
/// cue ends at "on", and the content that follows starts there ("X called on
/// [both sides to return to talks]", as the news set and PolNeAR mark it).
pub(super) fn call_on_cue(words: &[&str], spans: &mut [(TokenSpan, Role)]) {
    for i in 0..spans.len() {
        let (cue, role) = spans[i];
        let on = cue.start + 1;
        if role != Role::Cue
            || cue.end <= on + 1
            || !CALL_ON.contains(&words[cue.start].to_lowercase().as_str())
            || !words[on].eq_ignore_ascii_case("on")
        {
            continue;
        }
        if let Some(j) = spans
            .iter()
            .position(|(s, r)| *r == Role::Content && s.start == cue.end)
        {
            spans[i].0.end = on + 1;
            spans[j].0.start = on + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_with_a_short_free_gap_are_one() {
        let w = words(
            "He said the officer , a five-year veteran whose name is secret , had been placed on leave .",
        );
        let starts = vec![0; w.len()];
        let group = || Group {
            source: Some(role_span(0, 1, Role::Source)),
            cue: role_span(1, 2, Role::Cue),
            content: vec![
                role_span(2, 4, Role::Content),
                role_span(10, 17, Role::Content),
            ],
        };
        let mut g = group();
        join_pieces(&w, &starts, &mut g, &|_| false);
        assert_eq!(g.content, vec![role_span(2, 17, Role::Content)]);
        // Another role holds a word of the gap: as it was.
        let mut g = group();
        join_pieces(&w, &starts, &mut g, &|t| t == 6);
        assert_eq!(g.content.len(), 2);
        // A gap longer than PIECE_GAP: as it was.
        let mut g = group();
        g.content[0].end = 3;
        join_pieces(&w, &starts, &mut g, &|_| false);
        assert_eq!(g.content.len(), 2);
    }

    #[test]
    fn possessors_and_call_on_cues() {
        let w = words("Azerbaijan 's defence ministry accused Armenian forces of shelling .");
        assert_eq!(with_possessor(&w, 0, 3, &|_| false), 0);
        // Held by another role, or no name before the possessive: as it was.
        assert_eq!(with_possessor(&w, 0, 3, &|t| t == 0), 3);
        let w = words("He said the ministry 's spokesman declined .");
        assert_eq!(with_possessor(&w, 0, 5, &|_| false), 5);
        let w = words("Then the Kremlin 's top spokesman said so .");
        assert_eq!(with_possessor(&w, 0, 5, &|_| false), 1);
        // After the content: the name after its comma.
        let w = words("The talks failed , Russia 's envoy said .");
        assert_eq!(with_possessor(&w, 0, 6, &|_| false), 4);
        // A contraction is no possessive.
        let w = words("That 's because Trump said so .");
        assert_eq!(with_possessor(&w, 0, 3, &|_| false), 3);
        // A cue word is no modifier ("Russia 's [said]" is not a phrase).
        let w = words("Russia 's claimed victory .");
        assert_eq!(with_possessor(&w, 0, 3, &|_| false), 3);
        let w = words("The EU on Monday called on both sides to return to talks .");
        let mut spans = vec![
            (role_span(0, 2, Role::Source), Role::Source),
            (role_span(4, 8, Role::Cue), Role::Cue),
            (role_span(8, 12, Role::Content), Role::Content),
        ];
        call_on_cue(&w, &mut spans);
        assert_eq!(spans[1].0, role_span(4, 6, Role::Cue));
        assert_eq!(spans[2].0, role_span(6, 12, Role::Content));
        // "called on" alone, or another verb: unchanged.
        let before = spans.clone();
        call_on_cue(&w, &mut spans);
        assert_eq!(spans, before);
    }

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn a_parenthetical_attribution_gets_the_words_before_it() {
        let w = words("Climate change , the minister said on Tuesday , is the greatest threat .");
        let mut g = Group {
            source: Some(role_span(3, 5, Role::Source)),
            cue: role_span(5, 6, Role::Cue),
            content: vec![role_span(9, 14, Role::Content)],
        };
        parenthetical_content(&w, 0, &mut g, &|_| false);
        assert_eq!(
            g.content
                .iter()
                .map(|c| (c.start, c.end))
                .collect::<Vec<_>>(),
            [(0, 2), (9, 14)]
        );
        // Words another role holds, or a clause mark before the comma, keep
        // the content as the tagger found it.
        let before = g.content.clone();
        g.content.remove(0);
        parenthetical_content(&w, 0, &mut g, &|t| t == 1);
        assert_eq!(g.content.len(), 1);
        let w = words("Prices rose ; but , he said , they will fall .");
        let mut h = Group {
            source: Some(role_span(5, 6, Role::Source)),
            cue: role_span(6, 7, Role::Cue),
            content: vec![role_span(8, 11, Role::Content)],
        };
        parenthetical_content(&w, 0, &mut h, &|_| false);
        assert_eq!(h.content.len(), 1);
        // A content that starts before the cue is already whole.
        let mut whole = Group {
            content: before.clone(),
            ..g
        };
        parenthetical_content(&w, 0, &mut whole, &|_| false);
        assert_eq!(whole.content, before);
    }

    #[test]
    fn a_content_cut_short_runs_to_the_end_of_its_sentence() {
        let w =
            words("Officials said they expect to cut costs by 10 percentage points this year .");
        let group = |end| Group {
            source: Some(role_span(0, 1, Role::Source)),
            cue: role_span(1, 2, Role::Cue),
            content: vec![role_span(2, end, Role::Content)],
        };
        let mut g = group(10);
        content_to_sentence_end(&w, w.len(), &mut g, &|_| false);
        assert_eq!(
            (g.content[0].start, g.content[0].end),
            (2, 13),
            "up to the full stop"
        );
        // Words another attribution holds stay out.
        let mut g = group(10);
        content_to_sentence_end(&w, w.len(), &mut g, &|t| t == 12);
        assert_eq!(g.content[0].end, 10);
        // So do a quotation, a semicolon or a cue word in the rest.
        for rest in ["“ this year ” .", "; this year .", "he said ."] {
            let text = format!("Officials said they expect to cut costs by 10 {rest}");
            let w = words(&text);
            let mut g = group(9);
            content_to_sentence_end(&w, w.len(), &mut g, &|_| false);
            assert_eq!(g.content[0].end, 9, "{text}");
        }
        // A content before its cue is left alone.
        let w = words("Costs will fall , officials said on Monday .");
        let mut g = Group {
            source: Some(role_span(4, 5, Role::Source)),
            cue: role_span(5, 6, Role::Cue),
            content: vec![role_span(0, 3, Role::Content)],
        };
        content_to_sentence_end(&w, w.len(), &mut g, &|_| false);
        assert_eq!(g.content[0].end, 3);
    }

    #[test]
    fn a_second_verb_of_saying_after_and_is_its_own_attribution() {
        let w = words("The ministry said the attack had failed and accused the rebels of lying .");
        let mut groups = vec![Group {
            source: Some(role_span(0, 2, Role::Source)),
            cue: role_span(2, 3, Role::Cue),
            content: vec![role_span(3, 13, Role::Content)],
        }];
        coordinated_cues(&w, &mut groups);
        let parts: Vec<_> = groups
            .iter()
            .map(|g| {
                (
                    g.source.map(|s| (s.start, s.end)),
                    (g.cue.start, g.cue.end),
                    (g.content[0].start, g.content[0].end),
                )
            })
            .collect();
        assert_eq!(
            parts,
            [
                (Some((0, 2)), (2, 3), (3, 7)),
                (Some((0, 2)), (8, 9), (9, 13))
            ]
        );
        // Not a verb of saying, or nothing after it: the content stays whole.
        for text in [
            "The ministry said the attack had failed and killed the rebels .",
            "The ministry said the attack had failed and the rebels accused .",
        ] {
            let w = words(text);
            let mut groups = vec![Group {
                source: Some(role_span(0, 2, Role::Source)),
                cue: role_span(2, 3, Role::Cue),
                content: vec![role_span(3, w.len() - 1, Role::Content)],
            }];
            coordinated_cues(&w, &mut groups);
            assert_eq!(
                (groups.len(), groups[0].content[0].end),
                (1, w.len() - 1),
                "{text}"
            );
        }
    }

    #[test]
    fn a_speaker_and_a_colon_open_an_attribution() {
        let parts = |g: Group| {
            (
                g.source.map(|s| (s.start, s.end)),
                (g.cue.start, g.cue.end),
                g.content
                    .iter()
                    .map(|c| (c.start, c.end))
                    .collect::<Vec<_>>(),
            )
        };
        // A transcript's turn, after an opening quotation mark: to its end.
        let w = words("\" WALLACE : If I may , sir . Will she be there ?");
        assert_eq!(
            parts(colon_speaker(&w).unwrap()),
            (Some((1, 2)), (2, 3), vec![(3, w.len())])
        );
        // A headline's name: the rest of the line without its full stop.
        let w = words("Moody 's : Ghana Debt Deal Cuts Interest Bill by Half .");
        assert_eq!(
            parts(colon_speaker(&w).unwrap()),
            (Some((0, 2)), (2, 3), vec![(3, w.len() - 1)])
        );
        // Section labels, lower-case words, prose of several sentences and
        // names too long are not speakers.
        for text in [
            "Analysis : The tariffs will cost households more",
            "The reason was simple : prices rose",
            "Officials : Prices rose . Wages fell .",
            "A Very Long Name Of Seven Words Here : prices rose today",
            "WALLACE :",
        ] {
            assert!(colon_speaker(&words(text)).is_none(), "{text}");
        }
    }

    #[test]
    fn a_quotation_signed_after_a_dash() {
        let w = words("“ He represents our shame . ” ― Sonya Herridge “ We will vote . ” — Ana Ruiz , 34 , a teacher");
        let found: Vec<_> = signed_quotations(&w)
            .into_iter()
            .map(|g| {
                let s = g.source.unwrap();
                (
                    w[s.start..s.end].join(" "),
                    g.cue.start,
                    (g.content[0].start, g.content[0].end),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Sonya Herridge".to_string(), 7, (0, 7)),
                ("Ana Ruiz".to_string(), 16, (10, 16)),
            ]
        );
        // No closing mark before the dash, no name after it, or a lower-case
        // word: no signature.
        for text in [
            "Prices rose ― Sonya Herridge",
            "“ Prices rose . ” ― and then they fell",
            "“ Prices rose . ” ― Many Economists Who Study Prices Agree",
        ] {
            assert!(signed_quotations(&words(text)).is_empty(), "{text}");
        }
    }
}
