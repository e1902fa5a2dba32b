//! Dates, times, money, percentages and quantities, found by rule.
//!
//! The statistical model tags names (PER, ORG, LOC, MISC); this module adds
//! `DATE`, `TIME`, `MONEY`, `PERCENT` and `QUANTITY` with a small hand-written
//! grammar over the document's tokens. It follows the annotation guidelines of
//! the gold set `tests/gold/numeric.txt`:
//!
//! - spans leave out hedges (`about`, `more than`, `some`...), and rate tails
//!   (`$15` *an hour*, `2 million barrels` *a day*);
//! - `DATE`: calendar dates and periods of a day or more, absolute or relative
//!   (`5 May 2023`, `last week`, `two years ago`, `the next three years`,
//!   `the 1990s`, `fiscal 2023`, `the third quarter`, `12 years`);
//! - `TIME`: clock times, parts of a day and durations under a day (`4 a.m.`,
//!   `1430 GMT`, `Tuesday night`, `noon`, `45 minutes`);
//! - `MONEY`: amount with currency and magnitude (`$5 million`, `Rs 75,000 crore`,
//!   `87 cents`, `30p`);
//! - `PERCENT`: `3.5%`, `12 percent`, `0.25 percentage point`;
//! - `QUANTITY`: measurements with their unit (`20 km`, `40 degrees Celsius`),
//!   bare counts (the number only: `12` people), `tens of thousands`, fractions
//!   (`two-thirds`, `a fifth` of), ages (`45-year-old`, aged `45`);
//! - never: ordinals, numbers in names and identifiers (`Apollo 11`, `Article 50`,
//!   `junction 10`, `the 737 MAX`, `G7`), scores (`3-1`), phone and street
//!   numbers, `one` as a pronoun, names with date words (`Sunday Times`).
//!
//! The grammar has three layers: a lexicon of word classes (number words,
//! magnitudes, currencies, units, months, weekdays...), a reading of each token
//! (its word class, its shape as a number, hyphenated compounds), and
//! matchers tried at each token of a sentence (money, percent, time, date,
//! period, quantity). The longest match wins; among matches of equal length the
//! label priority is MONEY > PERCENT > TIME > DATE > QUANTITY. Matching then
//! resumes after the match, so entities never overlap. The layers are the
//! files `lexicon.rs`, `reading.rs`, and `grammar.rs` (the matchers' context
//! and the numbers, years, months and days they share) with `amounts.rs`
//! (money, percent, quantity) and `calendar.rs` (time, date, period).
//!
//! ```
//! use newsmark::{numeric, Document, Label};
//!
//! let doc = Document::new("Shares rose 3.5% to $1.2bn on Monday, two years after the 2022 crash.");
//! let found: Vec<(&str, Label)> = numeric::find(&doc)
//!     .iter()
//!     .map(|e| (&doc.text()[e.span.range()], e.label))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("3.5%", Label::Percent),
//!         ("$1.2bn", Label::Money),
//!         ("Monday", Label::Date),
//!         ("two years", Label::Date),
//!         ("2022", Label::Date),
//!     ]
//! );
//! ```

use crate::annotation::{Entity, Origin, Status};
use crate::document::Document;
use crate::label::Label;
use crate::span::Span;
use crate::tagger::eval::EvalCounts;

mod amounts;
mod calendar;
mod gold;
mod grammar;
mod lexicon;
mod reading;

pub use gold::{evaluate, parse_gold, rule_precision, GoldError, GoldSentence};
use grammar::*;
use lexicon::*;
use reading::*;

// ---------------------------------------------------------------------------
// Rule families and their confidences
// ---------------------------------------------------------------------------

/// The rule families. Each entity carries its family's fixed confidence as its
/// score: the family's precision measured on the development half of the gold
/// set (the odd-numbered sentences of `tests/gold/numeric.txt`), as the add-one
/// estimate `(correct + 1) / (found + 2)` rounded to two places, so that a
/// family seen only a few times is not claimed certain (every family was
/// right every time on that half, 1 to 32 times). Measure with `newsmark
/// eval-numeric --rules-only --by-rule --half odd tests/gold/numeric.txt`;
/// `tests/numeric_gold.rs` checks these values against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A currency symbol or code before an amount: `$48.6 million`, `US$40`, `Rs 75,000 crore`, `30p`.
    MoneySymbol,
    /// An amount followed by a currency word: `1.2 billion euros`, `87 cents`.
    MoneyWord,
    /// `3.5%`, `12 percent`, `7 per cent`, `0.25 percentage point`.
    Percent,
    /// Clock times: `4 a.m.`, `7.45pm`, `10:30`, `1430 GMT`.
    Clock,
    /// Parts of a day: `this morning`, `Tuesday night`, `overnight`, `noon`.
    DayPart,
    /// Calendar dates and months: `June 29`, `5 May 2023`, `Oct. 14, 2025`, `early July`, `1996-08-22`.
    Calendar,
    /// Days of the week: `Monday`, `early Tuesday`.
    Weekday,
    /// Years and year-like periods: `2019`, `2022-23`, `fiscal 2023`, `the 1990s`,
    /// `the 19th century`, `the third quarter`.
    Year,
    /// Relative dates: `last week`, `two years ago`, `the next three years`, `today`.
    Relative,
    /// Durations: `three hours` (TIME), `12 years` (DATE).
    Duration,
    /// Measurements: `20 km`, `40 degrees Celsius`, `2 million barrels`, `35C`.
    Measure,
    /// Bare counts: `12`, `1.5 million`, `three`, `tens of thousands`.
    Count,
    /// Fractions and proportions: `two-thirds`, `a fifth`, `one in five`.
    Fraction,
    /// Ages: `45-year-old`.
    Age,
}

impl Rule {
    pub const ALL: [Rule; 14] = [
        Rule::MoneySymbol,
        Rule::MoneyWord,
        Rule::Percent,
        Rule::Clock,
        Rule::DayPart,
        Rule::Calendar,
        Rule::Weekday,
        Rule::Year,
        Rule::Relative,
        Rule::Duration,
        Rule::Measure,
        Rule::Count,
        Rule::Fraction,
        Rule::Age,
    ];

    /// The family's confidence: its precision on the development half, see [`Rule`].
    pub fn confidence(self) -> f32 {
        // (correct, found) on the development half, in comments.
        match self {
            Rule::MoneySymbol => 0.97, // 32 of 32
            Rule::MoneyWord => 0.83,   // 4 of 4
            Rule::Percent => 0.96,     // 25 of 25
            Rule::Clock => 0.95,       // 20 of 20
            Rule::DayPart => 0.90,     // 8 of 8
            Rule::Calendar => 0.96,    // 22 of 22
            Rule::Weekday => 0.95,     // 19 of 19
            Rule::Year => 0.97,        // 30 of 30
            Rule::Relative => 0.92,    // 10 of 10
            Rule::Duration => 0.96,    // 22 of 22
            Rule::Measure => 0.92,     // 11 of 11
            Rule::Count => 0.97,       // 32 of 32
            Rule::Fraction => 0.67,    // 1 of 1
            Rule::Age => 0.75,         // 2 of 2
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rule::MoneySymbol => "money-symbol",
            Rule::MoneyWord => "money-word",
            Rule::Percent => "percent",
            Rule::Clock => "clock",
            Rule::DayPart => "day-part",
            Rule::Calendar => "calendar",
            Rule::Weekday => "weekday",
            Rule::Year => "year",
            Rule::Relative => "relative",
            Rule::Duration => "duration",
            Rule::Measure => "measure",
            Rule::Count => "count",
            Rule::Fraction => "fraction",
            Rule::Age => "age",
        }
    }
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/// Finds dates, times, money, percentages and quantities in `doc`: entities
/// sorted by start and non-overlapping, with `origin: Origin::Rule` and their
/// rule family's confidence as score.
pub fn find(doc: &Document) -> Vec<Entity> {
    let mut out = Vec::new();
    scan(doc, |e, _| out.push(e));
    out
}

/// Like [`find`], with the rule family that found each entity.
pub fn find_explained(doc: &Document) -> Vec<(Entity, Rule)> {
    let mut out = Vec::new();
    scan(doc, |e, r| out.push((e, r)));
    out
}

fn scan(doc: &Document, mut emit: impl FnMut(Entity, Rule)) {
    let tokens = doc.tokens();
    // Numbers, currency symbols and a few words anchor every match: a text
    // without any needs no further work.
    let toks: Vec<Tok<'_>> = (0..tokens.len())
        .map(|i| Tok::new(doc.token_text(i)))
        .collect();
    for sentence in doc.sentences() {
        let cx = Cx {
            t: &toks[sentence.clone()],
        };
        let mut i = 0;
        while i < cx.t.len() {
            if !cx.t[i].anchor {
                i += 1;
                continue;
            }
            match cx.best(i) {
                Some((end, label, rule)) => {
                    let first = tokens[sentence.start + i].span;
                    let last = tokens[sentence.start + end - 1].span;
                    emit(
                        Entity {
                            span: Span::new(first.start, last.end),
                            label,
                            score: rule.confidence(),
                            origin: Origin::Rule,
                            status: Status::Suggested,
                        },
                        rule,
                    );
                    i = end;
                }
                None => i += 1,
            }
        }
    }
}

/// Whether `word` is a unit word of a numeric mention: a currency symbol or
/// code (`US$`, `EUR`), a time zone (`GMT`), a unit of measure (`km`) or a
/// temperature scale (`Celsius`). The entity model sometimes tags these as
/// names; [`crate::Annotator::annotate`] lets the numeric mention keep them.
pub fn is_unit_word(word: &str) -> bool {
    let t = Tok::new(word);
    t.cur || (t.upper && t.has(w::CUR_CODE | w::ZONE)) || t.has(w::UNIT | w::SCALE | w::CUR_WORD)
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
