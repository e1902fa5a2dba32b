//! Claim kinds, after Full Fact's classes: quantity, correlation or
//! causation, laws or rules, prediction, personal experience, other.
//!
//! There is no public training data with these classes, so this is a
//! transparent rule-based classifier: cue words and patterns per class,
//! checked in a fixed order of precedence.

use std::borrow::Cow;

pub use crate::annotation::ClaimKind;

/// Words and phrases (lower case, space-separated tokens) that mark each class.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "wo n't",
    "won't",
    "is expected to",
    "are expected to",
    "is expected",
    "expects",
    "expected to",
    "forecast",
    "forecasts",
    "predicts",
    "predicted",
    "projected",
    "projections",
    "projection",
    "is likely",
    "are likely",
    "likely to",
    "on course to",
    "on track to",
    "is set to",
    "are set to",
    "going to",
    "by 2025",
    "by 2026",
    "by 2027",
    "by 2028",
    "by 2029",
    "by 2030",
    "by 2035",
    "by 2040",
    "by 2050",
    "by 2100",
    "next year",
    "next month",
    "next week",
    "later this year",
    "in the coming",
    "in the years ahead",
    "in future",
    "in the future",
    "will be",
    "promised",
    "pledged to",
    "warns",
    "is to",
    "are to",
];
const LAW: &[&str] = &[
    "law",
    "laws",
    "illegal",
    "legally",
    "unlawful",
    "lawful",
    "allowed",
    "permitted",
    "not allowed",
    "prohibits",
    "prohibit",
    "prohibited",
    "ban",
    "bans",
    "banned",
    "requires",
    "required",
    "require",
    "must",
    "constitution",
    "treaty",
    "convention",
    "conventions",
    "act",
    "regulation",
    "regulations",
    "rules",
    "rule",
    "legislation",
    "statute",
    "entitled",
    "eligible",
    "obliged",
    "can be fined",
    "be fined",
    "bars",
    "barred",
    "commits",
    "under the",
    "does not apply",
    "do not apply",
    "apply to",
    "has to",
    "have to",
    "had to",
    "no longer",
    "royal assent",
    "court",
    "courts",
    "licence",
    "license",
    "permission",
    "mandatory",
    "compulsory",
    "rights",
];
const CAUSE: &[&str] = &[
    "cause",
    "caused",
    "causes",
    "causing",
    "led to",
    "lead to",
    "leads to",
    "leading to",
    "linked to",
    "link between",
    "linked with",
    "responsible for",
    "because of",
    "because",
    "due to",
    "result of",
    "as a result",
    "resulted in",
    "results in",
    "driving",
    "drove",
    "drives",
    "driven by",
    "boosted",
    "boosts",
    "boost",
    "reduced",
    "reduces",
    "lifted",
    "slowed",
    "slows",
    "helped",
    "helps",
    "brought",
    "kept",
    "weakened",
    "weakens",
    "emptied",
    "blamed",
    "contributed",
    "contributes",
    "fuelled",
    "fueled",
    "triggered",
    "increases the risk",
    "raises the risk",
    "risk of",
    "make children",
    "makes",
    "the main reason",
    "the reason",
    "thanks to",
    "put off",
    "hit",
    "damaged",
    "harmed",
    "saved",
    "prevented",
    "prevents",
    "made",
    "effect",
    "impact",
];
const QUANTITY: &[&str] = &[
    "%",
    "percent",
    "per cent",
    "half",
    "third",
    "quarter",
    "doubled",
    "tripled",
    "trebled",
    "halved",
    "highest",
    "lowest",
    "largest",
    "biggest",
    "smallest",
    "fewer",
    "more than",
    "less than",
    "average",
    "record",
    "most",
    "majority",
    "million",
    "billion",
    "trillion",
    "thousand",
    "thousands",
    "hundreds",
    "dozens",
    "number of",
    "rate",
    "rose",
    "fell",
    "grew",
    "increased",
    "decreased",
    "dropped",
    "per head",
    "in ten",
    "cost",
    "costs",
    "spent",
    "spends",
    "worth",
    "times",
    "twice",
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
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
];
const FIRST_SINGULAR: &[&str] = &["i", "my", "me", "myself", "i'm", "i've", "i'd"];
const FIRST_PLURAL: &[&str] = &["we", "our", "us", "ourselves", "we're", "we've"];

/// A cue list indexed by first word: first word → the rest of each phrase.
/// The cue lists as one lookup: first word → (list, the words that follow).
struct Phrases(rustc_hash::FxHashMap<&'static str, Vec<(Cues, Vec<&'static str>)>>);

impl Phrases {
    fn new(lists: &[(Cues, &[&'static str])]) -> Self {
        let mut map: rustc_hash::FxHashMap<&'static str, Vec<(Cues, Vec<&'static str>)>> =
            Default::default();
        for &(which, list) in lists {
            for phrase in list {
                let mut parts = phrase.split(' ');
                let first = parts.next().unwrap_or("");
                map.entry(first).or_default().push((which, parts.collect()));
            }
        }
        Phrases(map)
    }

    /// Which lists have a phrase in `words` (lower-cased tokens), as a bit set
    /// over [`Cues`].
    fn found_in(&self, words: &[Cow<str>]) -> u8 {
        let mut found = 0u8;
        for (i, w) in words.iter().enumerate() {
            for (which, rest) in self.0.get(w.as_ref()).into_iter().flatten() {
                if rest
                    .iter()
                    .enumerate()
                    .all(|(k, p)| words.get(i + 1 + k).is_some_and(|x| x == p))
                {
                    found |= 1 << *which as u8;
                }
            }
        }
        found
    }
}

/// The cue lists, by name (a `const` slice has no stable address to compare).
#[derive(Clone, Copy)]
enum Cues {
    Future = 0,
    Law = 1,
    Cause = 2,
    Quantity = 3,
}

/// Which cue lists have a phrase in `words`, as a bit set over [`Cues`].
fn cues_in(words: &[Cow<str>]) -> u8 {
    use std::sync::OnceLock;
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES
        .get_or_init(|| {
            Phrases::new(&[
                (Cues::Future, FUTURE),
                (Cues::Law, LAW),
                (Cues::Cause, CAUSE),
                (Cues::Quantity, QUANTITY),
            ])
        })
        .found_in(words)
}

/// "Areas with more youth clubs have lower rates": groups compared by a
/// quantity, which is a claim of correlation.
fn compares_groups(words: &[Cow<str>]) -> bool {
    const MORE: &[&str] = &[
        "more", "fewer", "higher", "lower", "stricter", "less", "better", "worse",
    ];
    words.iter().enumerate().any(|(i, w)| {
        (w == "with" || w == "who" || w == "that")
            && words[i + 1..]
                .iter()
                .take(4)
                .any(|x| MORE.contains(&x.as_ref()) || x == "eat")
            && words[i + 1..].windows(2).any(|p| {
                matches!(
                    p[0].as_ref(),
                    "have" | "has" | "get" | "gets" | "are" | "is"
                ) && MORE.contains(&p[1].as_ref())
            })
    })
}

/// The kind of a claim, from its tokens.
pub fn classify<S: AsRef<str>>(tokens: &[S]) -> ClaimKind {
    let words: Vec<Cow<str>> = tokens
        .iter()
        .map(|t| super::checkworthy::lower(t.as_ref()))
        .collect();
    let first_person = words.iter().find_map(|w| {
        if FIRST_SINGULAR.contains(&w.as_ref()) {
            Some(true)
        } else if FIRST_PLURAL.contains(&w.as_ref()) {
            Some(false)
        } else {
            None
        }
    });
    let cues = cues_in(&words);
    let has = |which: Cues| cues & (1 << which as u8) != 0;
    let future = has(Cues::Future);
    if first_person == Some(true) && !future {
        return ClaimKind::PersonalExperience;
    }
    if future {
        return ClaimKind::Prediction;
    }
    if has(Cues::Law) {
        return ClaimKind::LawsRules;
    }
    if has(Cues::Cause) || compares_groups(&words) {
        return ClaimKind::CorrelationCausation;
    }
    // A number that is an amount: not a year ("in 2016") nor a time of day
    // ("10 p.m.", "10:30"), which date an event rather than count anything.
    let numeric = tokens.iter().enumerate().any(|(i, t)| {
        let t = t.as_ref();
        let year = t.len() == 4
            && t.chars().all(|c| c.is_ascii_digit())
            && (t.starts_with("19") || t.starts_with("20"));
        let clock = t.contains(':')
            || words
                .get(i + 1)
                .is_some_and(|n| matches!(n.as_ref(), "a.m." | "p.m." | "am" | "pm"));
        (t.starts_with(|c: char| c.is_ascii_digit()) && !year && !clock)
            || t.contains(['$', '£', '€', '¥', '₹'])
    });
    if numeric || has(Cues::Quantity) || words.iter().any(|w| w.ends_with("est") && w.len() > 5) {
        return ClaimKind::Quantity;
    }
    ClaimKind::Other
}

/// How often each gold kind was predicted as each kind: `((gold, predicted), count)`.
pub type Confusion = Vec<((ClaimKind, ClaimKind), usize)>;

/// Accuracy of [`classify`] on gold claims given as JSON lines
/// `{"text": ..., "kind": ...}`: `(correct, total)` over the lines selected
/// by `keep(line_index)`, and the confusion.
pub fn evaluate_gold(
    jsonl: &str,
    keep: impl Fn(usize) -> bool,
) -> Result<(usize, usize, Confusion), String> {
    #[derive(serde::Deserialize)]
    struct Gold {
        text: String,
        kind: String,
    }
    let mut confusion: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
    let (mut correct, mut total) = (0, 0);
    for (i, line) in jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let g: Gold = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let gold = ClaimKind::parse(&g.kind)
            .ok_or_else(|| format!("line {}: unknown kind {:?}", i + 1, g.kind))?;
        if !keep(i) {
            continue;
        }
        let tokens = crate::tokenize::tokenize(&g.text);
        let words: Vec<&str> = tokens.iter().map(|t| &g.text[t.span.range()]).collect();
        let pred = classify(&words);
        total += 1;
        correct += usize::from(pred == gold);
        let idx = |k: ClaimKind| ClaimKind::ALL.iter().position(|&x| x == k).unwrap();
        *confusion.entry((idx(gold), idx(pred))).or_default() += 1;
    }
    let confusion = confusion
        .into_iter()
        .map(|((g, p), n)| ((ClaimKind::ALL[g], ClaimKind::ALL[p]), n))
        .collect();
    Ok((correct, total, confusion))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> ClaimKind {
        let tokens = crate::tokenize::tokenize(s);
        let words: Vec<&str> = tokens.iter().map(|t| &s[t.span.range()]).collect();
        classify(&words)
    }

    #[test]
    fn each_class_has_its_cues() {
        assert_eq!(kind("Exports rose 8% in May."), ClaimKind::Quantity);
        assert_eq!(
            kind("The new tax caused prices to rise."),
            ClaimKind::CorrelationCausation
        );
        assert_eq!(
            kind("Towns with more parks have lower obesity rates."),
            ClaimKind::CorrelationCausation
        );
        assert_eq!(
            kind("It is illegal to smoke in bars in Ireland."),
            ClaimKind::LawsRules
        );
        assert_eq!(
            kind("Inflation will fall to 2% next year."),
            ClaimKind::Prediction
        );
        assert_eq!(
            kind("“I slept in my car for a month,” she said."),
            ClaimKind::PersonalExperience
        );
        assert_eq!(
            kind("“We met the ambassador in secret since I took office,” he said."),
            ClaimKind::Other
        );
        assert_eq!(
            kind("The mayor's brother owns the company."),
            ClaimKind::Other
        );
        // A year or a time of day counts nothing; "out of" is no share here.
        assert_eq!(
            kind("The minister visited Paris in 2016 and met the president."),
            ClaimKind::Other
        );
        assert_eq!(
            kind("Hendricks conceded shortly before 10 p.m. on Tuesday."),
            ClaimKind::Other
        );
        assert_eq!(
            kind("Ruiz accused the mayor of moving people out of sight."),
            ClaimKind::Other
        );
        assert_eq!(kind("Turnout rose to 41% in 2024."), ClaimKind::Quantity);
        assert_eq!(ClaimKind::parse("laws_rules"), Some(ClaimKind::LawsRules));
        assert_eq!(
            serde_json::to_string(&ClaimKind::PersonalExperience).unwrap(),
            "\"personal_experience\""
        );
    }
}
