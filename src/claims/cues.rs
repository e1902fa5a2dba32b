//! Check-worthiness cues that carry over from one kind of text to another:
//! numbers and quantities, comparisons, change and causal verbs, names (as
//! capitalised words inside the sentence), tense and modality, hedges,
//! opinion and first- or second-person markers, questions and quotations.
//! Words name what a debate was about; these say what kind of statement a
//! sentence makes, which is what decides whether it is worth checking.
//!
//! Each cue is a name (`"num"`, `"chg"`, `"num+chg"` …) that
//! [`super::checkworthy`] hashes into a feature group of its own.

/// `t` lower-cased, borrowed when it has no capital.
fn lower(t: &str) -> std::borrow::Cow<'_, str> {
    if t.chars().any(char::is_uppercase) {
        t.to_lowercase().into()
    } else {
        t.into()
    }
}

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

/// The bits of the words of the lists (one look-up per word type instead of a
/// scan of every list).
static WORDS: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u32>> =
    std::sync::OnceLock::new();

fn word_bits() -> rustc_hash::FxHashMap<&'static str, u32> {
    let lists: [(u32, &[&'static str]); 13] = [
        (bit::PCT, PERCENT),
        (bit::MONEY, MONEY),
        (bit::CMP, COMPARE),
        (bit::CAUSE, CAUSE),
        (bit::FIRST, FIRST),
        (bit::WE, WE),
        (bit::SECOND, SECOND),
        (bit::MODAL, MODAL),
        (bit::HEDGE, HEDGE),
        (bit::OPINION, OPINION),
        (bit::REPORT, REPORT),
        (bit::PAST, PAST_AUX),
        (bit::NEG, NEGATION),
    ];
    let mut map = rustc_hash::FxHashMap::default();
    for (b, list) in lists {
        for w in list {
            *map.entry(*w).or_insert(0) |= b;
        }
    }
    map
}

/// What one token says, as bits (see [`token_flags`]).
pub mod bit {
    pub const ALNUM: u32 = 1;
    pub const QUOTE: u32 = 1 << 1;
    pub const NUM: u32 = 1 << 2;
    pub const YEAR: u32 = 1 << 3;
    pub const CAP: u32 = 1 << 4;
    pub const PCT: u32 = 1 << 5;
    pub const MONEY: u32 = 1 << 6;
    pub const CMP: u32 = 1 << 7;
    pub const CHG: u32 = 1 << 8;
    pub const CAUSE: u32 = 1 << 9;
    pub const FIRST: u32 = 1 << 10;
    pub const WE: u32 = 1 << 11;
    pub const SECOND: u32 = 1 << 12;
    pub const MODAL: u32 = 1 << 13;
    pub const HEDGE: u32 = 1 << 14;
    pub const OPINION: u32 = 1 << 15;
    pub const REPORT: u32 = 1 << 16;
    pub const PAST: u32 = 1 << 17;
    pub const NEG: u32 = 1 << 18;
}

/// The cue bits of one token, whatever its place in the sentence (a
/// scorer computes them once per word type).
pub fn token_flags(t: &str) -> u32 {
    let mut f = 0;
    if t.chars().any(|c| QUOTES.contains(&c)) {
        f |= bit::QUOTE;
    }
    if !t.chars().any(char::is_alphanumeric) {
        if t == "%" {
            f |= bit::PCT;
        }
        if any(t, MONEY) {
            f |= bit::MONEY;
        }
        return f;
    }
    f |= bit::ALNUM;
    let w = lower(t);
    let w = w.as_ref();
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        f |= bit::NUM;
        let digits = t.chars().filter(char::is_ascii_digit).count();
        if digits == 4 && (t.starts_with("19") || t.starts_with("20")) && t.len() == 4 {
            f |= bit::YEAR;
        }
    } else if any(w, NUMBER_WORDS) {
        f |= bit::NUM;
    }
    if t.starts_with(char::is_uppercase) && !any(w, FIRST) {
        f |= bit::CAP;
    }
    f |= WORDS.get_or_init(word_bits).get(w).copied().unwrap_or(0);
    if w.len() > 5 && w.ends_with("est") {
        f |= bit::CMP;
    }
    if w.len() > 4 && w.ends_with("ed") {
        f |= bit::PAST;
    }
    if CHANGE.iter().any(|p| w.starts_with(p)) {
        f |= bit::CHG;
    }
    f
}

/// The cues of a sentence given as its tokens, each handed to `each` once.
pub fn cues(tokens: &[&str], each: impl FnMut(&str)) {
    let flags: Vec<u32> = tokens.iter().map(|t| token_flags(t)).collect();
    cues_of(&flags, tokens.last().copied().unwrap_or(""), each);
}

/// [`cues`] from the tokens' [`token_flags`] and the last token.
pub fn cues_of(flags: &[u32], last: &str, mut each: impl FnMut(&str)) {
    let all = flags.iter().fold(0, |a, f| a | f);
    let on = |b: u32| all & b != 0;
    let (num, pct, money, year, cmp, chg, cause) = (
        on(bit::NUM),
        on(bit::PCT),
        on(bit::MONEY),
        on(bit::YEAR),
        on(bit::CMP),
        on(bit::CHG),
        on(bit::CAUSE),
    );
    let (first, we, second, modal, hedge, opinion, report) = (
        on(bit::FIRST),
        on(bit::WE),
        on(bit::SECOND),
        on(bit::MODAL),
        on(bit::HEDGE),
        on(bit::OPINION),
        on(bit::REPORT),
    );
    let (past, neg, quote) = (on(bit::PAST), on(bit::NEG), on(bit::QUOTE));
    let caps = flags
        .iter()
        .skip(1)
        .filter(|&&f| f & (bit::ALNUM | bit::CAP) == bit::ALNUM | bit::CAP)
        .count();
    let words = flags.iter().filter(|&&f| f & bit::ALNUM != 0).count();
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
