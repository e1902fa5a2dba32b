//! Check-worthiness cues that carry over from one kind of text to another:
//! numbers and quantities, comparisons, change and causal verbs, names (as
//! capitalised words inside the sentence), tense and modality, hedges,
//! opinion and first- or second-person markers, questions and quotations.
//! Words name what a debate was about; these say what kind of statement a
//! sentence makes, which is what decides whether it is worth checking.
//!
//! Each cue is a name (`"num"`, `"chg"`, `"num+chg"` …) that
//! [`super::checkworthy`] hashes into a feature group of its own.

use super::checkworthy::lower;

pub(super) const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "dozen",
    "half",
    "third",
    "quarter",
    "twice",
    "double",
    "triple",
];
const PERCENT: &[&str] = &["%", "percent", "per", "percentage", "rate", "rates"];
const MONEY: &[&str] = &[
    "$", "€", "£", "¥", "dollars", "dollar", "euros", "euro", "pounds", "budget", "tax", "taxes",
    "deficit", "debt", "cost", "costs", "spent", "spend", "spending", "paid", "pay", "price",
    "prices",
];
const COMPARE: &[&str] = &[
    "more", "less", "fewer", "than", "higher", "lower", "most", "least", "largest", "biggest",
    "highest", "lowest", "record", "times", "compared", "average", "only", "first", "last",
    "every", "all", "none", "nearly", "almost", "about", "over", "under", "since",
];
/// Prefixes of change verbs.
const CHANGE: &[&str] = &[
    "rose", "rise", "risen", "rising", "fell", "fall", "fallen", "increas", "decreas", "grew",
    "grow", "drop", "declin", "doubl", "tripl", "cut", "jump", "surg", "plung", "soar", "climb",
    "shrank", "shrink", "reduc", "rais", "lost", "gain", "creat", "added", "eliminat", "destroy",
];
const CAUSE: &[&str] = &[
    "because",
    "cause",
    "caused",
    "causes",
    "causing",
    "led",
    "leads",
    "lead",
    "due",
    "result",
    "resulted",
    "results",
    "thanks",
    "therefore",
    "effect",
    "linked",
];
const FIRST: &[&str] = &["i", "me", "my", "mine", "i'm", "i've", "i'll", "myself"];
const WE: &[&str] = &["we", "us", "our", "ours", "we're", "we've", "we'll"];
const SECOND: &[&str] = &["you", "your", "yours", "you're", "you've", "yourself"];
const MODAL: &[&str] = &[
    "will", "would", "could", "should", "must", "may", "might", "can", "'ll", "going", "gonna",
    "shall",
];
const HEDGE: &[&str] = &[
    "think",
    "believe",
    "hope",
    "feel",
    "maybe",
    "perhaps",
    "probably",
    "guess",
    "seems",
    "seem",
    "suppose",
    "wish",
    "want",
    "hopefully",
];
const OPINION: &[&str] = &[
    "great",
    "terrible",
    "wonderful",
    "horrible",
    "bad",
    "good",
    "disgrace",
    "wrong",
    "love",
    "proud",
    "sad",
    "amazing",
    "incredible",
    "fantastic",
    "shame",
    "nice",
    "beautiful",
    "awful",
    "disaster",
    "ridiculous",
    "important",
    "honor",
    "thank",
    "thanks",
    "appreciate",
    "welcome",
    "congratulate",
    "happy",
    "sorry",
    "unbelievable",
    "tremendous",
    "best",
    "worst",
];
const REPORT: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "according",
    "stated",
    "reported",
    "announced",
    "wrote",
    "claimed",
    "added",
];
const PAST_AUX: &[&str] = &["was", "were", "had", "did", "been", "has", "have"];
const NEGATION: &[&str] = &["not", "n't", "never", "no", "nobody", "nothing"];
const QUOTES: &[char] = &['"', '“', '”', '‘', '’'];

fn any(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// The cues of a sentence given as its tokens, each handed to `each` once.
pub fn cues(tokens: &[&str], mut each: impl FnMut(&str)) {
    let (mut num, mut pct, mut money, mut year, mut cmp, mut chg, mut cause) =
        (false, false, false, false, false, false, false);
    let (mut first, mut we, mut second, mut modal, mut hedge, mut opinion, mut report) =
        (false, false, false, false, false, false, false);
    let (mut past, mut neg, mut quote) = (false, false, false);
    let mut caps = 0usize;
    let mut words = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        let w = lower(t);
        let w = w.as_ref();
        if t.chars().any(|c| QUOTES.contains(&c)) {
            quote = true;
        }
        if !t.chars().any(char::is_alphanumeric) {
            if *t == "%" {
                pct = true;
            }
            if any(t, MONEY) {
                money = true;
            }
            continue;
        }
        words += 1;
        if t.starts_with(|c: char| c.is_ascii_digit()) {
            num = true;
            let digits = t.chars().filter(char::is_ascii_digit).count();
            if digits == 4 && (t.starts_with("19") || t.starts_with("20")) && t.len() == 4 {
                year = true;
            }
        } else if any(w, NUMBER_WORDS) {
            num = true;
        }
        if i > 0 && t.starts_with(char::is_uppercase) && !any(w, FIRST) {
            caps += 1;
        }
        let flags: [(&mut bool, bool); 14] = [
            (&mut pct, any(w, PERCENT)),
            (&mut money, any(w, MONEY)),
            (
                &mut cmp,
                any(w, COMPARE) || (w.len() > 5 && w.ends_with("est")),
            ),
            (&mut chg, CHANGE.iter().any(|p| w.starts_with(p))),
            (&mut cause, any(w, CAUSE)),
            (&mut first, any(w, FIRST)),
            (&mut we, any(w, WE)),
            (&mut second, any(w, SECOND)),
            (&mut modal, any(w, MODAL)),
            (&mut hedge, any(w, HEDGE)),
            (&mut opinion, any(w, OPINION)),
            (&mut report, any(w, REPORT)),
            (
                &mut past,
                any(w, PAST_AUX) || (w.len() > 4 && w.ends_with("ed")),
            ),
            (&mut neg, any(w, NEGATION)),
        ];
        for (flag, on) in flags {
            *flag |= on;
        }
    }
    let last = tokens.last().copied().unwrap_or("");
    let named = [
        ("num", num),
        ("pct", pct),
        ("money", money),
        ("year", year),
        ("cmp", cmp),
        ("chg", chg),
        ("cause", cause),
        ("first", first),
        ("we", we),
        ("second", second),
        ("modal", modal),
        ("hedge", hedge),
        ("opinion", opinion),
        ("report", report),
        ("past", past),
        ("neg", neg),
        ("quote", quote),
        ("question", last == "?"),
        ("exclaim", last == "!"),
        (
            "no-end",
            !matches!(last, "." | "?" | "!" | "\"" | "”" | "’" | "'"),
        ),
    ];
    for (name, on) in named {
        if on {
            each(name);
        }
    }
    // Pairs that say more together than apart.
    let pairs = [
        ("num+chg", num && chg),
        ("num+past", num && past),
        ("num+cmp", num && cmp),
        ("num+first", num && (first || we)),
        ("num+modal", num && modal),
        ("num+question", num && last == "?"),
        ("chg+past", chg && past),
        ("names+past", caps > 0 && past),
        ("report+num", report && num),
        ("opinion+first", opinion && (first || we)),
        ("hedge+first", hedge && first),
        ("second+question", second && last == "?"),
        ("none", !(num || cmp || chg || cause || past || caps > 0)),
    ];
    for (name, on) in pairs {
        if on {
            each(name);
        }
    }
    each(match caps {
        0 => "caps0",
        1 => "caps1",
        2 | 3 => "caps2",
        _ => "caps4",
    });
    each(match words {
        0..=4 => "len4",
        5..=9 => "len9",
        10..=19 => "len19",
        20..=39 => "len39",
        _ => "len40",
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(s: &str) -> Vec<String> {
        let toks: Vec<&str> = s.split(' ').collect();
        let mut out = Vec::new();
        cues(&toks, |c| out.push(c.to_string()));
        out
    }

    #[test]
    fn a_statistic_and_a_question_have_different_cues() {
        let stat = of("Unemployment fell to 3.9 % in 2019 .");
        for c in ["num", "pct", "year", "chg", "num+chg", "len9"] {
            assert!(stat.contains(&c.to_string()), "{c} missing from {stat:?}");
        }
        assert!(!stat.contains(&"question".to_string()));
        let q = of("Do you think that is fair ?");
        for c in ["question", "second", "hedge", "second+question", "none"] {
            assert!(q.contains(&c.to_string()), "{c} missing from {q:?}");
        }
        assert!(!q.contains(&"num".to_string()));
        assert!(of("Markets rallied").contains(&"no-end".to_string()));
    }
}
