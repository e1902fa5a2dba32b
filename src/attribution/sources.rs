//! Rules that find or mend the source of a cue from the sentence's shape:
//! its short subject ("The defence ministry accused …"), a subject with an
//! aside between commas ("The witness, who asked not to be named, said",
//! "Officials, speaking on condition of anonymity …, said"), and an
//! apposition ("The central bank's governor, Andrew Bailey, told").

use super::shapes::{is_small_word, time_before, CALL_ON};
use super::{role_span, RoleSlot};
use crate::annotation::Role;
use crate::tagger::tags::TokenSpan;
use std::ops::Range;

/// The longest aside between a sentence's first source and its cue, in
/// tokens, that the rule for a source no cue took reaches over.
pub(super) const ASIDE_TOKENS: usize = 30;

/// The longest subject [`subject_source`] takes, in tokens.
pub(super) const SUBJECT_TOKENS: usize = 5;

/// Two ways the tagger, reading a whole article, splits a sentence's
/// opening source, mended in `spans` (in order):
///
/// * "[China's coast] [guard said] …": a short capitalised content that
///   opens its sentence right before a cue that starts with words before its
///   cue word is the source, with those words;
/// * "[In] [a statement, Matthew Miller] said": a preposition tagged as a
///   cue before a source that opens with a short phrase and a comma is no
///   cue, and the source starts after the comma.
pub(super) fn split_opening_source(words: &[&str], spans: &mut Vec<(TokenSpan, Role)>) {
    let is_cue_word = |t: usize| crate::attribution::features::is_cue_word(words[t]);
    let opens = |t: usize| t == 0 || matches!(words[t - 1], "." | "?" | "!" | "\"" | "”");
    for i in 1..spans.len() {
        let ((before, r0), (cue, r1)) = (spans[i - 1], spans[i]);
        if r0 != Role::Content || r1 != Role::Cue || before.end != cue.start {
            continue;
        }
        let short =
            before.end - before.start <= 4 && words[before.start].starts_with(char::is_uppercase);
        let Some(first) = (cue.start..cue.end).find(|&t| is_cue_word(t)) else {
            continue;
        };
        // One noun before the cue word ("guard"), not a verb's helper ("[The
        // Times] [is expected]", "[He] [is best known for]").
        let noun = first == cue.start + 1 && {
            let w = words[cue.start];
            w.chars().all(|c| c.is_ascii_lowercase())
                && !super::features::is_ly_adverb(w)
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && !matches!(
                    w,
                    "is" | "was"
                        | "are"
                        | "were"
                        | "be"
                        | "been"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "can"
                        | "could"
                        | "may"
                        | "might"
                        | "should"
                        | "must"
                        | "do"
                        | "does"
                        | "did"
                        | "not"
                        | "also"
                        | "just"
                        | "then"
                        | "first"
                        | "never"
                        | "goes"
                        | "went"
                        | "go"
                        | "to"
                        | "now"
                )
        };
        if short && noun && opens(before.start) {
            spans[i - 1] = (role_span(before.start, first, Role::Source), Role::Source);
            spans[i].0.start = first;
        }
    }
    let mut i = 0;
    while i + 1 < spans.len() {
        let ((prep, r0), (source, r1)) = (spans[i], spans[i + 1]);
        let preposition = prep.end == prep.start + 1
            && matches!(
                words[prep.start].to_lowercase().as_str(),
                "in" | "at" | "on"
            );
        let comma = (source.start..source.end.min(source.start + 6)).find(|&t| words[t] == ",");
        let phrase = matches!(
            words[source.start].to_lowercase().as_str(),
            "a" | "an" | "the"
        );
        match comma {
            Some(c)
                if r0 == Role::Cue
                    && r1 == Role::Source
                    && preposition
                    && phrase
                    && prep.end == source.start
                    && c + 1 < source.end =>
            {
                spans[i + 1].0.start = c + 1;
                spans.remove(i);
            }
            _ => i += 1,
        }
    }
}

/// "[Police] [said] [John Smith, 45, was arrested on Friday]." tagged with
/// the clause after the cue as a second source: a cue has one source, and
/// the one right before it holds. A span after the cue (or after its
/// "that") that runs to the sentence's end, at least four words with a verb
/// in it (a helper or a word in -ed), is the content. So is such a span
/// that is the clause's subject, when the tagger read the clause's verb as a
/// cue with no cue word in it and the rest as its content ("Prosecutors
/// said [Luca Ferrante, 58,] [received] [more than 300,000 euros …]"), or
/// read the participle of an aside after it as a cue ("said [more than 400
/// firefighters], [backed] by 35 aircraft, were battling the blaze").
pub(super) fn clause_as_source(words: &[&str], spans: &mut Vec<(TokenSpan, Role)>) {
    let verb = |w: &str| {
        let w = w.to_lowercase();
        w.len() > 3 && w.ends_with("ed")
            || super::features::is_auxiliary(&w)
            || matches!(w.as_str(), "may" | "might" | "must" | "should")
    };
    let no_cue_word =
        |s: TokenSpan| !(s.start..s.end).any(|t| super::features::is_cue_word(words[t]));
    let mut i = 2;
    while i < spans.len() {
        let [(source, r0), (cue, r1), (after, r2)] = [spans[i - 2], spans[i - 1], spans[i]];
        // The clause's subject, its verb read as a cue and the rest as that
        // cue's content: the clause ends where that content does.
        let clause_end = match spans.get(i + 1..i + 3) {
            Some(&[(verb_cue, Role::Cue), (rest, Role::Content)])
                if verb_cue.start == after.end
                    && rest.start == verb_cue.end
                    && no_cue_word(verb_cue) =>
            {
                Some(rest.end)
            }
            _ => None,
        };
        // Or the subject, then an aside ", backed by 35 aircraft," whose
        // participle the tagger read as a cue with nothing after it: the
        // clause runs on to the sentence's end.
        let aside_end = spans.get(i + 1).and_then(|&(part, role)| {
            let by_aside = role == Role::Cue
                && part.end == part.start + 1
                && part.start == after.end + 1
                && words[after.end] == ","
                && words[part.start].ends_with("ed")
                && words[part.start].starts_with(char::is_lowercase)
                && words.get(part.end) == Some(&"by");
            let stop = (part.end..words.len()).find(|&t| matches!(words[t], "." | "?" | "!"))?;
            let close = (part.end..stop).find(|&t| words[t] == ",")?;
            let free = spans.get(i + 2).is_none_or(|(s, _)| s.start >= stop);
            (by_aside && free && close + 1 < stop && verb(words[close + 1])).then_some(stop)
        });
        let clause_end = clause_end.or(aside_end);
        let end = clause_end.unwrap_or(after.end);
        let that = words
            .get(cue.end)
            .is_some_and(|w| w.eq_ignore_ascii_case("that"));
        let shape = r0 == Role::Source
            && r1 == Role::Cue
            && r2 == Role::Source
            && source.end == cue.start
            && (after.start == cue.end || that && after.start == cue.end + 1)
            && end - after.start >= 4
            && !no_cue_word(cue);
        let closes = matches!(words.get(end).copied(), None | Some("." | "?" | "!"));
        let lower_verb = clause_end.is_some()
            || (after.start + 1..end)
                .any(|t| words[t].starts_with(|c: char| c.is_ascii_lowercase()) && verb(words[t]));
        if shape && closes && lower_verb {
            spans[i] = (
                super::role_span(after.start, end, Role::Content),
                Role::Content,
            );
            if aside_end.is_some() {
                spans.remove(i + 1);
            } else if clause_end.is_some() {
                spans.drain(i + 1..i + 3);
            }
        }
        i += 1;
    }
}

/// "[President Luiz Inacio] Lula da Silva, who flew over the area on
/// Thursday, [promised] …": a source the tagger stopped inside a name runs on
/// to its cue over the rest of the name (words in capitals and the particles
/// of names) and, when a comma follows the name, a relative clause ("who …",
/// "which …") that closes with a comma right before the cue, as PolNeAR marks
/// "The mayor, who is 54,". `spans` are the tagger's, in order.
pub(super) fn name_run_on(words: &[&str], spans: &mut [(TokenSpan, Role)]) {
    let particle = |w: &str| {
        matches!(
            w,
            "da" | "de" | "do" | "dos" | "van" | "von" | "bin" | "al" | "del" | "la" | "le"
        )
    };
    for i in 1..spans.len() {
        let ((source, r0), (cue, r1)) = (spans[i - 1], spans[i]);
        if r0 != Role::Source
            || r1 != Role::Cue
            || source.end >= cue.start
            || !words[source.end].starts_with(char::is_uppercase)
        {
            continue;
        }
        let mut t = source.end;
        while t < cue.start && (words[t].starts_with(char::is_uppercase) || particle(words[t])) {
            t += 1;
        }
        if !words[t - 1].starts_with(char::is_uppercase) {
            continue;
        }
        let clause = t + 1 < cue.start
            && words[t] == ","
            && matches!(words[t + 1], "who" | "which")
            && words[cue.start - 1] == ","
            && cue.start - t <= ASIDE_TOKENS
            && !words[t + 1..cue.start - 1]
                .iter()
                .any(|w| matches!(*w, "," | ".") || super::features::is_quote_mark(w));
        if t == cue.start || clause {
            spans[i - 1].0.end = cue.start;
        }
    }
}

/// The subject of a one-word speech verb from the hand list (said, accused,
/// told…) or of "called on" that the tagger gave no source: the words from
/// the start of the sentence to the verb, or to a time phrase before it
/// ("The EU on Monday called on …"), when they are a short subject
/// ([`short_subject`]). On PolNeAR dev this fires rarely (−0.08 source F1:
/// its few hits there are not gold sources), but it gives news sentences
/// such as "The defence ministry accused rebels of …" the claimant the
/// tagger misses.
pub(super) fn subject_source(
    words: &[&str],
    sentence_start: usize,
    cue: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> Option<TokenSpan> {
    let first = words[cue.start].to_lowercase();
    let speech = match cue.end - cue.start {
        1 => crate::attribution::features::CUE_WORDS.contains(&first.as_str()),
        2 => CALL_ON.contains(&first.as_str()) && words[cue.start + 1].eq_ignore_ascii_case("on"),
        _ => false,
    };
    let end = cue.start - time_before(words, sentence_start, cue.start);
    let subject = after_dateline(words, sentence_start, end)..end;
    let subject = if short_subject(words, subject.clone(), taken) {
        subject
    } else {
        with_apposition(words, subject, taken)?
    };
    speech.then_some(TokenSpan {
        start: subject.start,
        end: subject.end,
        label: Role::Source.slot(),
    })
}

/// "Marcus Bell, a history teacher who has brought her 200 books, calls …":
/// a short subject, a comma, an apposition that opens with "a", "an" or
/// "the" and has no comma of its own, and a comma right before the cue.
/// The whole, its closing comma included, as PolNeAR marks such sources
/// ([`with_closing_comma`]).
fn with_apposition(
    words: &[&str],
    subject: Range<usize>,
    taken: &impl Fn(usize) -> bool,
) -> Option<Range<usize>> {
    let comma = (subject.start..subject.end).find(|&t| words[t] == ",")?;
    let closing = subject
        .end
        .checked_sub(1)
        .filter(|&t| t > comma + 1 && words[t] == ",")?;
    let article = matches!(words[comma + 1].to_lowercase().as_str(), "a" | "an" | "the");
    let plain = (comma + 1..closing).all(|t| words[t] != "," && !taken(t));
    (article
        && plain
        && closing - comma <= ASIDE_TOKENS
        && short_subject(words, subject.start..comma, taken))
    .then_some(subject)
}

/// Where a sentence starts after a wire dateline ("YEREVAN/BAKU, Sept 12
/// (Reuters) - Azerbaijan's …", "Nov 14 (Reuters) - Halcyon …"): after the
/// dash that ends it, when a word in capitals or an agency in brackets comes
/// before that dash within the first dozen tokens; else `start`.
pub(super) fn after_dateline(words: &[&str], start: usize, end: usize) -> usize {
    let caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    // "Nov 14 (Reuters) -": the agency in brackets right before the dash.
    let agency = |dash: usize| {
        dash >= start + 3
            && words[dash - 1] == ")"
            && words[dash - 3] == "("
            && words[dash - 2].starts_with(|c: char| c.is_uppercase())
    };
    (start..end.min(start + 12))
        .find(|&t| matches!(words[t], "-" | "--" | "–" | "—"))
        .filter(|&dash| (start..dash).any(|t| caps(words[t])) || agency(dash))
        .map_or(start, |dash| dash + 1)
}

/// A source that opens its sentence with a wire dateline ("NORFOLK, Va. —
/// The city council"): the words after the dateline's dash.
pub(super) fn past_dateline(words: &[&str], sentence_start: usize, source: TokenSpan) -> TokenSpan {
    // The sentence splitter may have cut the dateline after its state
    // ("HARTFORD, Conn. —"): a source that starts inside it starts after it too.
    let start = after_dateline(words, sentence_start, source.end);
    if source.start < start && start < source.end {
        return TokenSpan { start, ..source };
    }
    let start = after_dateline(words, source.start, source.end);
    if source.start == sentence_start && start > source.start && start < source.end {
        TokenSpan { start, ..source }
    } else {
        source
    }
}

/// A source that opens with a conjunction ("while others said", "but
/// officials said"): the words after it. PolNeAR train: 9 such sources
/// found, none right; trimmed, 2 are ("But few believe").
pub(super) fn past_conjunction(words: &[&str], source: TokenSpan) -> TokenSpan {
    let conjunction = matches!(
        words[source.start].to_lowercase().as_str(),
        "while" | "but" | "and" | "because" | "although" | "though" | "whereas" | "when"
    );
    if conjunction && source.end > source.start + 1 {
        TokenSpan {
            start: source.start + 1,
            ..source
        }
    } else {
        source
    }
}

/// The source of a cue with none after "The witness, who asked not to be
/// named, said": a short free subject, a comma, a relative clause and a
/// comma right before the cue; the subject and the clause, commas included,
/// as PolNeAR marks them.
pub(super) fn relative_subject(
    words: &[&str],
    sentence_start: usize,
    cue: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> Option<TokenSpan> {
    if cue.start < sentence_start + 4 || words[cue.start - 1] != "," {
        return None;
    }
    // "who …", or a participle ("speaking on condition of anonymity …",
    // "published on Tuesday by …").
    let aside = |w: &str| {
        let w = w.to_lowercase();
        matches!(w.as_str(), "who" | "which" | "whose")
            || (w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed")))
    };
    let comma =
        (sentence_start + 1..cue.start - 1).find(|&t| words[t] == "," && aside(words[t + 1]))?;
    if opens_clause(words[sentence_start]) {
        return None;
    }
    // "Officials, speaking on condition of anonymity …, said": PolNeAR's
    // source is the subject alone (train: 2 of 2).
    let end = if words[comma + 1].eq_ignore_ascii_case("speaking") {
        comma
    } else {
        cue.start
    };
    // The clause may hold an attribution of its own ("who asked not to be named").
    short_subject(words, sentence_start..comma, taken).then_some(TokenSpan {
        start: sentence_start,
        end,
        label: Role::Source.slot(),
    })
}

/// "The central bank's governor, Andrew Bailey, told …": a source that is a
/// name between commas, after a short free subject that opens the sentence
/// (or follows a wire dateline), takes that subject, as PolNeAR marks such
/// sources (train: the subject, the name and its comma 48 times, the name
/// alone 4 times). Otherwise `source` as it is.
pub(super) fn appositive_source(
    words: &[&str],
    sentence_start: usize,
    source: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let start = after_dateline(words, sentence_start, source.start);
    if source.start < start + 2 || words[source.start - 1] != "," {
        return source;
    }
    let name = (source.start..source.end)
        .filter(|&t| words[t] != ",")
        .all(|t| words[t].starts_with(char::is_uppercase) || matches!(words[t], "." | "-"));
    // The apposition closes with a comma ("…, Andrew Bailey, told"); without
    // one the words before are an opening phrase ("Too often, Mr. Clarke said").
    let closed = words[source.end - 1] == "," || words.get(source.end) == Some(&",");
    if name && closed && opening_subject(words, start..source.start - 1, taken) {
        TokenSpan { start, ..source }
    } else {
        source
    }
}

/// "Analysts polled by LSEG had expected …": a source right after "polled
/// by" (or surveyed, interviewed, questioned, contacted) takes the short free
/// subject before it, which is who spoke; the pollster only asked.
/// Otherwise `source` as it is.
pub(super) fn polled_source(
    words: &[&str],
    sentence_start: usize,
    source: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let start = after_dateline(words, sentence_start, source.start);
    let polled = source.start >= start + 3
        && words[source.start - 1].eq_ignore_ascii_case("by")
        && matches!(
            words[source.start - 2].to_lowercase().as_str(),
            "polled" | "surveyed" | "interviewed" | "questioned" | "contacted"
        );
    if polled && !taken(source.start - 2) && opening_subject(words, start..source.start - 2, taken)
    {
        TokenSpan { start, ..source }
    } else {
        source
    }
}

/// "Walmart, [the country's largest grocer,] has warned": a source that is an
/// apposition ("a", "an", "the" or a lower-case word first, a comma last), or
/// its tail, right after the name that opens its sentence and a comma, takes
/// the name (PolNeAR train: 4 such sources gain). Otherwise `source` as it is.
pub(super) fn name_before_apposition(
    words: &[&str],
    sentence_start: usize,
    source: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let start = after_dateline(words, sentence_start, source.start);
    // The apposition opens after the sentence's first comma; the source may
    // be only its tail ("Kroger and Albertsons, two of the largest chains in
    // [the United States,] said"), when no role holds the words before it.
    let Some(comma) = (start + 1..source.start).find(|&t| words[t] == ",") else {
        return source;
    };
    let head = comma + 1;
    let first = words[head];
    let apposition = (first.starts_with(char::is_lowercase) || matches!(first, "The" | "A" | "An"))
        && words[source.end - 1] == ","
        && (head..source.start).all(|t| words[t] != "," && !taken(t));
    let name = start..comma;
    let named = (1..=NAME_TOKENS).contains(&name.len())
        && words[name.start].starts_with(char::is_uppercase)
        && !opens_clause(words[name.start])
        && name.clone().all(|t| {
            words[t].starts_with(char::is_uppercase) || matches!(words[t], "of" | "and" | "&")
        });
    if apposition && named && !name.clone().any(taken) {
        TokenSpan {
            start: name.start,
            ..source
        }
    } else {
        source
    }
}

/// "…, which [forecasters at the National Oceanic and Atmospheric
/// Administration] had predicted": a source that is a name takes the plural
/// speaker noun before it, joined by "at", "of" or "from" and maybe "the"
/// ("researchers at", "economists at", "officials of the"), when no role
/// holds them. Otherwise `source` as it is.
pub(super) fn staff_of_name(
    words: &[&str],
    sentence_start: usize,
    source: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let name = (source.start..source.end).all(|t| {
        words[t].starts_with(char::is_uppercase) || matches!(words[t], "of" | "and" | "for")
    });
    let mut k = source.start;
    if k > sentence_start && words[k - 1] == "the" {
        k -= 1;
    }
    let joined = k > sentence_start + 1 && matches!(words[k - 1], "at" | "of" | "from");
    let staff = |w: &str| {
        let w = w.to_lowercase();
        let w = w.as_str();
        w.chars().all(|c| c.is_ascii_lowercase())
            && (w.ends_with("ers")
                || w.ends_with("ists")
                || w.ends_with("ians")
                || matches!(w, "officials" | "experts" | "staff" | "analysts"))
    };
    if name && joined && staff(words[k - 2]) && !(k - 2..source.start).any(taken) {
        TokenSpan {
            start: k - 2,
            ..source
        }
    } else {
        source
    }
}

/// "Shares fell after Chinese startup DeepSeek said …": a source that is a
/// name takes the role noun right before it ([`ROLE_NOUNS`]: "startup",
/// "co-host", "friend"), a lower-case word before that ("longtime friend"),
/// and a capitalised word or a determiner before those ("Chinese", "his"),
/// when no role holds them and a small word, a mark, a role or the
/// sentence's start comes before them, as PolNeAR marks such noun phrases
/// (train: "co-host Mika Brzezinski", "His son Donald Jr."). Otherwise
/// `source` as it is.
pub(super) fn premodified_name(
    words: &[&str],
    sentence_start: usize,
    source: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let capital = |t: usize| words[t].starts_with(char::is_uppercase);
    let lower = |w: &str| w.to_lowercase();
    let name = source.end - source.start <= 4
        && (source.start..source.end).all(|t| capital(t) || matches!(words[t], "." | "-"));
    let free = |t: usize| t >= sentence_start && !taken(t);
    if !name || source.start == sentence_start || !free(source.start - 1) {
        return source;
    }
    if !ROLE_NOUNS.contains(&words[source.start - 1]) {
        return source;
    }
    let mut k = source.start - 1;
    let modifier = |w: &str| {
        w.len() > 2
            && w.chars().all(|c| c.is_lowercase() || c == '-')
            && !is_small_word(w)
            && !crate::attribution::features::is_cue_word(w)
            && !opens_clause(w)
    };
    if k > sentence_start && free(k - 1) && modifier(words[k - 1]) {
        k -= 1;
    }
    // One capitalised word ("Chinese", "U.S.") or a determiner before them.
    if k > sentence_start
        && free(k - 1)
        && (capital(k - 1)
            || matches!(
                lower(words[k - 1]).as_str(),
                "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our"
            ))
    {
        k -= 1;
    }
    let bounded = k == sentence_start || {
        let w = words[k - 1];
        !free(k - 1)
            || !w.chars().any(char::is_alphanumeric)
            || is_small_word(&lower(w))
            || opens_clause(w)
    };
    if bounded {
        TokenSpan { start: k, ..source }
    } else {
        source
    }
}

/// Words that open a sentence as its subject without naming anyone.
pub(super) const PRONOUNS: &[&str] = &[
    "it", "its", "he", "she", "his", "her", "they", "their", "we", "our", "i", "my", "you", "each",
    "another", "more", "what", "whatever", "there", "here", "some", "many", "most", "all", "both",
];

/// Lower-case nouns that describe the person or organisation named right
/// after them in news ("startup DeepSeek", "spokeswoman Ann Lee").
#[rustfmt::skip]
pub(super) const ROLE_NOUNS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "journalist", "reporter", "columnist", "host",
    "co-host", "anchor", "star", "actor", "actress", "singer", "comedian", "author", "writer",
    "director", "filmmaker", "friend", "adviser", "advisor", "aide", "lawyer", "attorney",
    "economist", "analyst", "strategist", "pollster", "consultant", "activist", "historian",
    "professor", "scientist", "researcher", "expert", "candidate", "nominee", "challenger",
    "lawmaker", "founder", "co-founder", "investor", "billionaire", "entrepreneur", "executive",
    "boss", "coach", "ally", "critic", "son", "daughter", "wife", "husband", "brother", "sister",
    "father", "mother", "colleague", "startup", "start-up", "company", "firm", "chipmaker",
    "automaker", "carmaker", "retailer", "giant", "lender", "insurer", "broadcaster", "regulator",
    "watchdog", "airline", "manufacturer", "developer", "publisher", "outlet", "charity",
    "conglomerate", "maker",
    "judge", "court", "jury", "panel", "official", "officials", "police", "government", "ministry",
    "agency", "committee", "council", "prosecutor", "prosecutors", "nurse", "doctor", "union",
];

/// Whether `subject`, which opens its sentence, is a short free subject
/// with no comma in it ([`short_subject`]) rather than an opening phrase
/// ([`opens_clause`]).
fn opening_subject(words: &[&str], subject: Range<usize>, taken: &impl Fn(usize) -> bool) -> bool {
    !opens_clause(words[subject.start])
        && !subject.clone().any(|t| words[t] == ",")
        && short_subject(words, subject, taken)
}

/// "Rand Paul, who voted against the package, argued": a source with an
/// apposition or a clause set off by a comma keeps the comma that closes it
/// when the cue follows that comma (PolNeAR train: 762 such sources end in
/// the comma, 68 do not), or comes before the source ("…, said Ann Lee, a
/// nurse, who …": 70 and 30).
pub(super) fn with_closing_comma(
    words: &[&str],
    mut source: TokenSpan,
    cue: TokenSpan,
) -> TokenSpan {
    let inner = (source.start..source.end).any(|t| words[t] == ",");
    let closes = source.end + 1 == cue.start || cue.end <= source.start;
    if inner && words.get(source.end) == Some(&",") && closes {
        source.end += 1;
    }
    source
}

/// Words that open a sentence without being its subject ("In Paris, …",
/// "Last week, …", "Asked about it, …"), in lower case.
const OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "without",
    "by",
    "after",
    "before",
    "during",
    "since",
    "until",
    "under",
    "over",
    "despite",
    "although",
    "though",
    "because",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "still",
    "as",
    "when",
    "while",
    "if",
    "to",
    "however",
    "meanwhile",
    "separately",
    "earlier",
    "later",
    "last",
    "next",
    "this",
    "asked",
    "speaking",
    "according",
    "like",
    "unlike",
];

/// Whether `w` is one of [`OPENERS`], in any case.
pub(super) fn opens_clause(w: &str) -> bool {
    OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o))
}

/// Whether `subject` is a short sentence subject a rule may take as a
/// source: 1 to [`SUBJECT_TOKENS`] words, the first a capital or "the",
/// each with a letter or digit, none `taken` by a role.
pub(super) fn short_subject(
    words: &[&str],
    mut subject: Range<usize>,
    taken: &impl Fn(usize) -> bool,
) -> bool {
    let first = words.get(subject.start).copied().unwrap_or("");
    // A longer subject is a name with its title ("U.S. Secretary of State
    // Antony Blinken"): capitals, and the small words of names.
    let name_like = subject.clone().all(|t| {
        words[t].starts_with(char::is_uppercase)
            || matches!(words[t], "of" | "the" | "and" | "'s" | "’s" | "for")
    });
    let longest = if name_like {
        NAME_TOKENS
    } else {
        SUBJECT_TOKENS
    };
    (1..=longest).contains(&subject.len())
        && (first.eq_ignore_ascii_case("the") || first.starts_with(char::is_uppercase))
        && !subject.any(|t| taken(t) || !super::features::phrase_word(words, t))
}

/// The longest subject a rule takes when all its words belong to a name.
pub(super) const NAME_TOKENS: usize = 8;

/// A source that is only a relative clause ("who has denied it ,") after a
/// comma, with a short subject before that comma ("The mayor , who …"):
/// the subject and the clause, as PolNeAR marks "John Smith, who runs the
/// charity,". A source that is "who" alone with its clause and a comma
/// between it and the cue ("The minister, [who] visited the region on
/// Friday, said") takes the clause first. Otherwise `source` as it is.
pub(super) fn relative_source(
    words: &[&str],
    sentence_start: usize,
    mut source: TokenSpan,
    cue: TokenSpan,
    taken: &impl Fn(usize) -> bool,
) -> TokenSpan {
    let relative = relative_word(words[source.start]);
    if relative
        && source.end == source.start + 1
        && cue.start > source.end + 1
        && cue.start - source.end <= 15
        && words[cue.start - 1] == ","
        && !(source.end..cue.start).any(taken)
    {
        source.end = cue.start;
    }
    // "The union, which represents 30,000 [nurses,] said": a source that
    // starts inside a relative clause, and ends at the comma that closes it,
    // starts at the clause.
    if !relative && words[source.end - 1] == "," && source.end == cue.start {
        let opening = (sentence_start + 1..source.start)
            .rev()
            .take_while(|&t| words[t] != "," || relative_word(words[t + 1]))
            .find(|&t| words[t] == "," && relative_word(words[t + 1]));
        if let Some(comma) = opening.filter(|&c| !(c + 1..source.start).any(taken)) {
            return relative_source(
                words,
                sentence_start,
                TokenSpan {
                    start: comma + 1,
                    ..source
                },
                cue,
                taken,
            );
        }
    }
    // "who" alone is the source of a cue inside its clause ("Ann, who said …").
    let clause = source.end > source.start + 1;
    if !relative || !clause || source.start < sentence_start + 2 || words[source.start - 1] != "," {
        return source;
    }
    if short_subject(words, sentence_start..source.start - 1, taken) {
        TokenSpan {
            start: sentence_start,
            ..source
        }
    } else {
        source
    }
}

/// "who", "which" or "whose", in any case.
fn relative_word(w: &str) -> bool {
    matches!(w.to_lowercase().as_str(), "who" | "which" | "whose")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    fn source(start: usize, end: usize) -> TokenSpan {
        role_span(start, end, Role::Source)
    }

    #[test]
    fn an_apposition_source_takes_the_name_before_it() {
        let w: Vec<&str> = "Walmart , the largest grocer , has warned that prices rise ."
            .split(' ')
            .collect();
        let source = role_span(2, 6, Role::Source);
        let got = name_before_apposition(&w, 0, source, &|_| false);
        assert_eq!((got.start, got.end), (0, 6));
        // An opening word, not a name ("However , the grocer , …"): as it was.
        let w: Vec<&str> = "However , the largest grocer , has warned that prices rise ."
            .split(' ')
            .collect();
        let got = name_before_apposition(&w, 0, source, &|_| false);
        assert_eq!((got.start, got.end), (2, 6));
        // The source is the apposition's tail only.
        let w: Vec<&str> =
            "Kroger and Albertsons , two of the chains in the United States , said so ."
                .split(' ')
                .collect();
        let tail = role_span(9, 13, Role::Source);
        let got = name_before_apposition(&w, 0, tail, &|_| false);
        assert_eq!((got.start, got.end), (0, 13));
    }

    #[test]
    fn an_opening_source_split_by_the_tagger_is_mended() {
        let roles = |spans: &[(TokenSpan, Role)]| -> Vec<(usize, usize, Role)> {
            spans.iter().map(|(s, r)| (s.start, s.end, *r)).collect()
        };
        let content = |a, b| (role_span(a, b, Role::Content), Role::Content);
        let cue = |a, b| (role_span(a, b, Role::Cue), Role::Cue);
        let w = words("China 's coast guard said a ship approached .");
        let mut spans = vec![content(0, 3), cue(3, 5), content(5, 8)];
        split_opening_source(&w, &mut spans);
        assert_eq!(
            roles(&spans),
            [
                (0, 4, Role::Source),
                (4, 5, Role::Cue),
                (5, 8, Role::Content)
            ]
        );
        // A helper verb before the cue word: as it was.
        let w = words("The Times is expected to endorse him .");
        let mut spans = vec![content(0, 2), cue(2, 4), content(4, 7)];
        split_opening_source(&w, &mut spans);
        assert_eq!(roles(&spans)[0], (0, 2, Role::Content));
        // "[In] [a statement , Miller] said": the preposition is no cue.
        let w = words("In a statement , Miller said it was over .");
        let mut spans = vec![cue(0, 1), (source(1, 5), Role::Source), cue(5, 6)];
        split_opening_source(&w, &mut spans);
        assert_eq!(roles(&spans), [(4, 5, Role::Source), (5, 6, Role::Cue)]);
    }

    #[test]
    fn a_source_starts_after_a_wire_dateline() {
        let w = words("HARTFORD , Conn. — A former aide testified that …");
        // From the sentence's start, or from inside the dateline.
        let s = past_dateline(&w, 0, source(0, 7));
        assert_eq!((s.start, s.end), (4, 7));
        let s = past_dateline(&w, 0, source(2, 7));
        assert_eq!((s.start, s.end), (4, 7));
        // No dateline: as it was.
        let w = words("A former aide testified that …");
        let s = past_dateline(&w, 0, source(0, 3));
        assert_eq!((s.start, s.end), (0, 3));
    }

    #[test]
    fn a_name_takes_the_staff_before_it() {
        let none = |_: usize| false;
        let w = words("which forecasters at the National Hurricane Center had predicted");
        let s = staff_of_name(&w, 0, source(4, 7), &none);
        assert_eq!((s.start, s.end), (1, 7));
        let w = words("Economists at Goldman Sachs said");
        assert_eq!(staff_of_name(&w, 0, source(2, 4), &none).start, 0);
        // Not a plural speaker noun, or a held word: as it was.
        let w = words("the rally at the National Mall said");
        assert_eq!(staff_of_name(&w, 0, source(4, 6), &none).start, 4);
        let w = words("Economists at Goldman Sachs said");
        assert_eq!(staff_of_name(&w, 0, source(2, 4), &|t| t == 0).start, 2);
    }

    #[test]
    fn a_speech_verb_takes_a_subject_with_its_apposition() {
        let none = |_: usize| false;
        let found = |text: &str| {
            let w = words(text);
            let at = w
                .iter()
                .position(|t| *t == "calls" || *t == "said")
                .unwrap();
            let cue = role_span(at, at + 1, Role::Cue);
            subject_source(&w, 0, cue, &none).map(|s| (s.start, s.end))
        };
        assert_eq!(
            found("Marcus Bell , a teacher who knows her , calls the shop a hospital ."),
            Some((0, 9))
        );
        assert_eq!(found("Marcus Bell said it ."), Some((0, 2)));
        // No article after the comma, or a comma inside: none.
        assert_eq!(
            found("Marcus Bell , teacher who knows her , calls it ."),
            None
        );
        assert_eq!(
            found("Marcus Bell , a teacher , a friend , calls it ."),
            None
        );
    }

    #[test]
    fn a_name_takes_the_role_noun_before_it() {
        let start = |text: &str, s: usize, e: usize, taken: &dyn Fn(usize) -> bool| {
            premodified_name(&words(text), 0, source(s, e), &taken).start
        };
        let none = |_: usize| false;
        // "after Chinese startup DeepSeek said": the nouns and the adjective.
        assert_eq!(
            start(
                "Shares fell after Chinese startup DeepSeek said so .",
                5,
                6,
                &none
            ),
            3
        );
        assert_eq!(
            start(
                "Meanwhile , longtime adviser Kellyanne Conway told us .",
                4,
                6,
                &none
            ),
            2
        );
        assert_eq!(start("His son Donald Jr. announced it .", 2, 4, &none), 0);
        // Not a role noun ("the moment Chris Christie learned"), or held by a role.
        assert_eq!(
            start("At the moment Chris Christie learned it .", 3, 5, &none),
            3
        );
        assert_eq!(
            start(
                "Shares fell after Chinese startup DeepSeek said so .",
                5,
                6,
                &|t| t == 4
            ),
            5
        );
        // A word before the phrase that is neither small nor a mark: as it was
        // ("… the Orange star Ann Lee": unsure where the phrase starts).
        assert_eq!(
            start("He met New York star Ann Lee there .", 5, 7, &none),
            5
        );
    }
}
