//! What in a news article is never a claim, whatever the classifier says:
//! the furniture around the story (headlines, bylines, datelines on their
//! own line, photo captions and credits, "Related …" and "Read more" lines,
//! "Updated …" and "Published …" notes, corrections notes, wire trailers),
//! questions, and sentences that only report that someone spoke ("Blinken
//! said before the meeting.") or did not ("… did not respond to a request
//! for comment.").
//!
//! The classifier learned from debate transcripts, which have none of this;
//! these rules are about the form of a line or a sentence, never its topic.

/// Lower-cased starts of a line that make it furniture.
const FURNITURE_STARTS: &[&str] = &[
    "related:",
    "related article",
    "related coverage",
    "related content",
    "related reading",
    "related stories",
    "related story",
    "related news",
    "related link",
    "read more",
    "read also",
    "also read",
    "see also",
    "more:",
    "watch:",
    "listen:",
    "updated",
    "last updated",
    "first published",
    "published",
    "posted",
    "correction:",
    "clarification:",
    "editor's note",
    "editor’s note",
    "this story has been",
    "this story was",
    "this article has been",
    "this article was",
    "reporting by",
    "writing by",
    "editing by",
    "additional reporting",
    "compiled by",
    "contact us",
    "follow us",
    "sign up",
    "share this",
    "photo:",
    "photograph:",
    "image:",
    "pictured:",
    "caption:",
    "file photo",
];

/// Lower-cased ends of a line that make it furniture.
const FURNITURE_ENDS: &[&str] = &[
    "contributed to this report.",
    "contributed to this story.",
    "contributed reporting.",
    "contributed to this article.",
];

/// Photo credits: a line with one of these (as typed) is a caption.
const CREDITS: &[&str] = &[
    "Photo:",
    "Photo by",
    "photo by",
    "Photograph:",
    "Photograph by",
    "Image:",
    "Picture:",
    "(Photo",
    "(AP Photo",
    "AP Photo/",
    "REUTERS/",
    "Reuters/",
    "Getty Images",
    "AFP/",
    "/AFP",
    "via REUTERS",
    "/Handout",
    "/Pool",
    "in this file photo",
    "Staff photo",
    "/EPA",
    "EPA/",
    "/PA",
];

/// Whether a line (a paragraph) of an article is furniture: none of its
/// sentences is a claim. `lone` says whether the line is the whole text
/// (then only the unmistakable forms count: a one-line text without a full
/// stop is a sentence pasted alone, not a headline).
pub fn furniture_line(line: &str, lone: bool) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    // Only the ends of a line matter for its prefixes and suffixes: lower-case those.
    let head: String = line.chars().take(40).flat_map(char::to_lowercase).collect();
    let tail = {
        let n = line.chars().count();
        let t: String = line.chars().skip(n.saturating_sub(40)).collect();
        t.to_lowercase()
    };
    if FURNITURE_STARTS.iter().any(|s| head.starts_with(s))
        || FURNITURE_ENDS.iter().any(|s| tail.ends_with(s))
        || byline(line)
    {
        return true;
    }
    // Captions, credits, contact lines and headlines are short: a long
    // paragraph is the story (and costs nothing more to look at).
    let words = line.split_whitespace().take(81).count();
    if words > 80 {
        return false;
    }
    // Every credit has a slash, a colon, "hoto", "Getty" or "REUTERS": a cheap test first.
    let maybe_credit = line.contains(['/', ':'])
        || line.contains("hoto")
        || line.contains("Getty")
        || line.contains("REUTERS");
    if maybe_credit && CREDITS.iter().any(|c| line.contains(c)) || ends_with_credit(line) {
        return true;
    }
    // "Contact Karen Liu at kliu@example.com."
    let email = line.contains('@')
        && line
            .split_whitespace()
            .any(|w| w.contains('@') && w.rsplit('@').next().is_some_and(|d| d.contains('.')));
    if email && words <= 15 {
        return true;
    }
    if lone {
        return false;
    }
    // A headline, a byline, a dateline or a date on its own line: no
    // sentence ends it.
    let last = line.chars().next_back().unwrap_or('.');
    !matches!(
        last,
        '.' | '!' | '"' | '”' | '’' | '\'' | ')' | '…' | ';' | ':'
    ) && words <= 30
        || dateline(line)
}

/// "By Anna Schmidt and Tomás Ortega · June 4, 2024", "By Maria Lopez,
/// Staff Writer", "Posted by …": a short line of names after "By".
fn byline(line: &str) -> bool {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("Posted by "))
        .or_else(|| line.strip_prefix("Written by "));
    let Some(rest) = rest else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 16
        && words[0].starts_with(char::is_uppercase)
        && !rest.ends_with('?')
}

/// How many tokens at the start of a sentence are its wire dateline, dash
/// included ("WASHINGTON, March 20 (Reuters) - The Federal Reserve …": 7);
/// 0 if there is none or nothing follows it. `text_of(k)` is the sentence's
/// text up to the end of its token `k`.
pub fn dateline_tokens<'t>(words: &[&str], text_of: impl Fn(usize) -> &'t str) -> usize {
    words
        .iter()
        .take(16)
        .position(|w| matches!(*w, "-" | "—" | "–" | "--"))
        .filter(|&k| k >= 1 && k + 1 < words.len() && dateline(text_of(k)))
        .map_or(0, |k| k + 1)
}

/// A dateline on its own: "KYIV, March 3 (Reuters) -", "CHICAGO —",
/// "SACRAMENTO, Calif. —".
fn dateline(line: &str) -> bool {
    let Some(head) = line
        .strip_suffix('-')
        .or_else(|| line.strip_suffix('—'))
        .or_else(|| line.strip_suffix('–'))
    else {
        return false;
    };
    let first = head.split([',', ' ', '(']).next().unwrap_or("");
    head.split_whitespace().count() <= 8
        && first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '/' | '-' | '.' | '\''))
}

/// A credit in parentheses at the end: "(Daniel Okafor/The Ledger)".
fn ends_with_credit(line: &str) -> bool {
    let Some(inner) = line
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once('('))
        .map(|(_, c)| c)
    else {
        return false;
    };
    let words = inner.split_whitespace().count();
    inner.contains('/') && (1..=8).contains(&words) && inner.starts_with(char::is_uppercase)
}

/// Reporting verbs of a bare report.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "stated",
    "explained",
    "noted",
    "announced",
    "argued",
    "insisted",
    "tweeted",
    "posted",
    "commented",
    "replied",
    "responded",
    "warned",
    "confirmed",
    "continued",
    "concluded",
    "remarked",
    "asked",
];

/// Words that may open what follows a bare reporting verb: when, where,
/// how or to whom it was said, not what.
const CIRCUMSTANCE: &[&str] = &[
    "on",
    "in",
    "at",
    "before",
    "after",
    "during",
    "to",
    "while",
    "late",
    "early",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "this",
    "last",
    "via",
    "through",
    "from",
    "outside",
    "ahead",
    "following",
    "afterwards",
    "then",
    "again",
    "also",
    "too",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "recently",
    "previously",
    "briefly",
    "separately",
    "repeatedly",
    "when",
];

/// Words that give what follows a reporting verb content of its own.
const CONTENT: &[&str] = &[
    "that", "would", "will", "was", "were", "is", "are", "had", "has", "have", "could", "should",
    "it", "they", "he", "she", "we", "i", "there", "his", "her", "their", "its", "not", "no",
    "more", "about",
];

/// Whether a sentence (its tokens) is a reporting clause without content:
/// "Blinken said before the meeting.", "Analysts at Goldman Sachs said in a
/// note.", "He told reporters.", or a non-answer: "The ministry did not
/// respond to a request for comment.", "She declined to comment."
pub fn bare_report(tokens: &[&str]) -> bool {
    // Most sentences have none of the words this looks for: a cheap test first.
    let key = |t: &&str| {
        (4..=10).contains(&t.len())
            && matches!(t.as_bytes()[0] | 0x20, b'a'..=b'e' | b'i' | b'n' | b'p' | b'r'..=b'w')
            && REPORTING.iter().any(|r| t.eq_ignore_ascii_case(r))
            || ["comment", "respond", "reply", "reached"]
                .iter()
                .any(|r| t.eq_ignore_ascii_case(r))
    };
    if !tokens.iter().any(key) {
        return false;
    }
    let words: Vec<String> = tokens
        .iter()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .map(|t| t.to_lowercase())
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("comment") && (has("declined") || has("request") || has("not") || has("n't")) {
        return true;
    }
    if (has("respond") || has("reply") || has("reached"))
        && (has("not") || has("n't"))
        && words.len() <= 16
    {
        return true;
    }
    if tokens
        .iter()
        .any(|t| t.contains(['"', '“', '”', ':', ';']) || t.starts_with('‘'))
    {
        return false;
    }
    if tokens.iter().any(|t| *t == "?" || *t == "!") {
        return false;
    }
    let Some(v) = words.iter().position(|w| REPORTING.contains(&w.as_str())) else {
        return false;
    };
    // "Prices rose 3%, the office said.": what comes before the verb is the
    // content, not only who spoke. A speaker has no comma and no figure.
    let before_verb = tokens
        .iter()
        .take_while(|t| !t.eq_ignore_ascii_case(&words[v]))
        .any(|t| *t == "," || t.starts_with(|c: char| c.is_ascii_digit()));
    if before_verb {
        return false;
    }
    // The speaker may be a pronoun, never a clause.
    let pronoun = |w: &str| {
        matches!(
            w,
            "his" | "her" | "their" | "its" | "he" | "she" | "they" | "it" | "we" | "i"
        )
    };
    if v == 0
        || v > 10
        || words[..v]
            .iter()
            .any(|w| CONTENT.contains(&w.as_str()) && !pronoun(w))
    {
        return false;
    }
    let mut tail = &words[v + 1..];
    if words[v] == "told" || words[v] == "asked" {
        // The listener: "told reporters", "told the court", "told a news conference".
        let n = match tail.first().map(String::as_str) {
            Some("the" | "a" | "an" | "local" | "state") => 2,
            Some(_) => 1,
            None => 0,
        };
        tail = &tail[n.min(tail.len())..];
    }
    match tail.first() {
        None => true,
        Some(w) => {
            // "before the data was published": a time clause may have a verb.
            let clause = matches!(w.as_str(), "before" | "after" | "when" | "while");
            CIRCUMSTANCE.contains(&w.as_str())
                && tail.len() <= 10
                && !tail
                    .iter()
                    .any(|w| w == "that" || (!clause && CONTENT.contains(&w.as_str())))
        }
    }
}

/// Whether a sentence is a direct quotation that only voices a view: a
/// quotation that opens the sentence or closes it after a comma or colon,
/// whose words hold no figure and no name (no capitalised word but the
/// first and "I"), and a reporting verb outside it says who spoke:
/// "\"It's a mess,\" said shop owner Dev Patel." A quotation with a figure or
/// a name in it may be a claim and is left to the classifier.
pub fn opinion_quote(tokens: &[&str]) -> bool {
    let open = |t: &str| matches!(t, "\"" | "“" | "‘");
    let close = |t: &str| matches!(t, "\"" | "”" | "’");
    let Some(a) = tokens.iter().position(|t| open(t)) else {
        return false;
    };
    let Some(len) = tokens[a + 1..].iter().position(|t| close(t)) else {
        return false;
    };
    let quoted = &tokens[a + 1..a + 1 + len];
    let outside = tokens[..a].iter().chain(&tokens[a + 1 + len..]);
    let words = spoken_words(quoted);
    // A direct quotation opens the sentence, or closes it after a comma or
    // a colon; words in quotation marks inside reported speech ("said the
    // figures were \"early estimates\" that had since been revised down to
    // £19 million") are the writer's sentence, left to the classifier.
    let closes = tokens[a + 2 + len..]
        .iter()
        .all(|t| !t.chars().any(char::is_alphanumeric));
    let direct = a == 0 || (closes && matches!(tokens[a - 1], "," | ":"));
    direct
        && words.len() >= 2
        && no_figure_no_name(&words)
        && outside
            .into_iter()
            .any(|t| REPORTING.contains(&t.to_lowercase().as_str()))
}

/// Whether a sentence is a short piece of a quotation that runs over more
/// than one sentence ("\"Change begins now,\" Starmer told supporters.
/// \"[You have voted.] It is now time …\""): it opens a quotation it does
/// not close, or closes one it did not open, has at most
/// [`QUOTE_PIECE_WORDS`] words, and like [`opinion_quote`] no figure and no
/// name. Its speaker is named in another sentence.
pub fn quote_piece(tokens: &[&str]) -> bool {
    let marks: Vec<usize> = (0..tokens.len())
        .filter(|&t| matches!(tokens[t], "\"" | "“" | "”"))
        .collect();
    let last = tokens
        .iter()
        .rposition(|t| !matches!(*t, "." | "!" | "?" | "," | ";"))
        .unwrap_or(0);
    let opens = marks == [0] && tokens[0] != "”";
    let closes = marks.len() == 1 && marks[0] >= last && tokens[marks[0]] != "“";
    let words = spoken_words(tokens);
    (opens || closes) && (2..=QUOTE_PIECE_WORDS).contains(&words.len()) && no_figure_no_name(&words)
}

/// The tokens of `tokens` that have a letter or digit.
fn spoken_words<'a>(tokens: &[&'a str]) -> Vec<&'a str> {
    tokens
        .iter()
        .copied()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect()
}

/// Whether quoted `words` hold no figure and no name (no capitalised word
/// but the first and "I"), so that they voice a view rather than a fact to
/// check ([`opinion_quote`], [`quote_piece`]).
fn no_figure_no_name(words: &[&str]) -> bool {
    let figure = |t: &str| {
        t.starts_with(|c: char| c.is_ascii_digit())
            || super::cues::NUMBER_WORDS.contains(&t.to_lowercase().as_str())
    };
    !words.iter().any(|t| figure(t))
        && !words
            .iter()
            .skip(1)
            .any(|t| t.starts_with(char::is_uppercase) && *t != "I" && !t.starts_with("I'"))
}

/// The most words of a [`quote_piece`].
pub const QUOTE_PIECE_WORDS: usize = 12;

/// Whether a sentence is a question.
pub fn question(tokens: &[&str]) -> bool {
    let end = tokens
        .iter()
        .rev()
        .find(|t| !matches!(**t, "\"" | "”" | "’" | "'" | ")"));
    end == Some(&"?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn pieces_of_a_quotation_over_several_sentences() {
        assert!(quote_piece(&toks("\" You have voted .")));
        assert!(quote_piece(&toks("It is now time for us to deliver . \"")));
        // A figure or a name may make a claim; a whole quotation is
        // [`opinion_quote`]'s; an unquoted sentence is neither.
        assert!(!quote_piece(&toks("\" We cut taxes 14 times .")));
        assert!(!quote_piece(&toks("\" We love Kelowna .")));
        assert!(!quote_piece(&toks("\" We will win , \" she said .")));
        assert!(!quote_piece(&toks("You have voted .")));
    }

    #[test]
    fn furniture_lines() {
        for line in [
            "Related article: Putin Says Normalization in Yerevan and Baku's Interests",
            "By Anna Schmidt and Tomás Ortega · June 4, 2024",
            "KYIV, March 3 (Reuters) -",
            "Updated 15:40 GMT with market reaction.",
            "Reporting by Jane Doe; Editing by John Roe",
            "A man walks past the bank on Thursday. REUTERS/Jane Doe",
            "Fans outside the court. (Daniel Okafor/The Ledger)",
            "Central Bank Raises Rates for Third Time This Year",
        ] {
            assert!(furniture_line(line, false), "{line}");
        }
        for line in [
            "The central bank raised rates by half a point, to 5.25%.",
            "By the end of 2023, prices had risen 6.1% in a year, the office said.",
            "Inflation rose to 6.1% in February",
        ] {
            assert!(!furniture_line(line, line.ends_with("February")), "{line}");
        }
        // A headline-like line alone is a sentence pasted alone.
        assert!(!furniture_line(
            "Unemployment fell to 3.9 percent last year",
            true
        ));
    }

    #[test]
    fn bare_reports_and_questions() {
        for s in [
            "Blinken said before the meeting .",
            "Analysts at Goldman Sachs said in a note .",
            "Dr. Grant said .",
            "The finance minister told reporters on Monday .",
            "The company did not respond to a request for comment .",
        ] {
            assert!(bare_report(&toks(s)), "{s}");
        }
        for s in [
            "Blinken said the talks had failed .",
            "Ortiz said unemployment had risen to 4.6 % .",
            "The ministry said in a statement that 40 people died .",
            "He said 200 people were hurt .",
            "Unemployment fell to 4.1 % in March , the statistics office said .",
            "Air defences shot down 31 drones , the air force said on Monday .",
        ] {
            assert!(!bare_report(&toks(s)), "{s}");
        }
        assert!(question(&toks("Will the bank change course ?")));
        assert!(opinion_quote(&toks(
            "\" It 's a mess , \" said shop owner Dev Patel ."
        )));
        assert!(!opinion_quote(&toks(
            "\" We lost 40 % of our customers , \" he said ."
        )));
        assert!(!opinion_quote(&toks(
            "\" Russia attacked Kyiv , \" he said ."
        )));
        assert!(opinion_quote(&toks(
            "The mayor said : \" This was rushed and badly handled . \""
        )));
        // Quotation marks inside reported speech: the writer's sentence.
        assert!(!opinion_quote(&toks(
            "He said the figures were \" early estimates \" that had been revised down to £ 19 million ."
        )));
        assert!(!question(&toks("Prices rose 3 % .")));
    }
}
