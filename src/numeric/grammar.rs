//! The matchers' context over one sentence's tokens, the choice of the best
//! match at a token, and the shared pieces: numbers, years, months, days.

use super::*;

pub(super) type Match = Option<(usize, Label, Rule)>;

/// A cardinal phrase: `12`, `1.5 million`, `three hundred`, `a dozen`, `tens of thousands`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NpKind {
    /// Starts with digits: `12`, `1.5 million`, `45m`.
    Digits,
    /// Number words: `three`, `two million`, `several hundred`.
    Words,
    /// The word `one` alone.
    One,
    /// `a million`, `a dozen`, `half a million`.
    Article,
    /// `dozens`, `thousands`, `tens of thousands`.
    Approx,
    /// `5-10`.
    Range,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Np {
    pub(super) end: usize,
    pub(super) kind: NpKind,
}

/// One sentence's tokens.
pub(super) struct Cx<'t, 'a> {
    pub(super) t: &'t [Tok<'a>],
}

pub(super) fn label_priority(l: Label) -> u8 {
    match l {
        Label::Money => 0,
        Label::Percent => 1,
        Label::Time => 2,
        Label::Date => 3,
        _ => 4,
    }
}

impl Cx<'_, '_> {
    pub(super) fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.t.get(i)
    }

    pub(super) fn has(&self, i: usize, f: u64) -> bool {
        self.t.get(i).is_some_and(|t| t.has(f))
    }

    pub(super) fn is(&self, i: usize, word: &str) -> bool {
        self.t.get(i).is_some_and(|t| t.is(word))
    }

    pub(super) fn prev(&self, i: usize) -> Option<&Tok<'_>> {
        i.checked_sub(1).and_then(|k| self.t.get(k))
    }

    pub(super) fn prev_has(&self, i: usize, f: u64) -> bool {
        self.prev(i).is_some_and(|t| t.has(f))
    }

    /// At the start of the sentence, or after an opening quote, bracket or dash.
    pub(super) fn at_start(&self, i: usize) -> bool {
        match self.prev(i) {
            None => true,
            Some(p) => !p.s.chars().any(char::is_alphanumeric) && !matches!(p.s, "," | "%"),
        }
    }

    /// A lower-case word, or a capitalised one opening the sentence.
    pub(super) fn plain_case(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| !t.cap || (self.at_start(i) && !t.upper))
    }

    /// A capitalised word that names something, so that a number after it is
    /// part of the name (`Apollo 11`), and so is a month or weekday next to it
    /// (`Theresa May`, `Sunday Times`).
    pub(super) fn name_word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| {
            // Brand names written in camel case count too: "iOS", "iPhone".
            let camel = !t.cap
                && t.num == Num::No
                && t.s.starts_with(|c: char| c.is_ascii_lowercase())
                && t.s.chars().skip(1).any(|c| c.is_uppercase());
            (t.cap_word() || camel)
                && !t.has(
                    w::FUNC
                        | w::MONTH
                        | w::WEEKDAY
                        | w::DAYREF
                        | w::EDGE
                        | w::REL
                        | w::CUR_PREFIX
                        | w::ZONE
                        | w::AMPM
                        | w::TEMPORAL_PREP,
                )
                && t.special == Special::None
                && !t.cur
                && t.s.chars().next().is_some_and(char::is_alphabetic)
        })
    }

    pub(super) fn best(&self, i: usize) -> Match {
        let candidates = [
            self.money(i),
            self.percent(i),
            self.time(i),
            self.date(i),
            self.period(i),
            self.quantity(i),
        ];
        let mut best: Match = None;
        for c in candidates.into_iter().flatten() {
            let better = match best {
                None => true,
                Some(b) => c.0 > b.0 || (c.0 == b.0 && label_priority(c.1) < label_priority(b.1)),
            };
            if better {
                best = Some(c);
            }
        }
        best
    }

    // --- numbers -----------------------------------------------------------

    /// A cardinal phrase starting at `i`.
    pub(super) fn np(&self, i: usize) -> Option<Np> {
        let t = self.tok(i)?;
        let (mut end, kind) = match t.num {
            Num::Plain(_) => (i + 1, NpKind::Digits),
            Num::Glued(_, _, Suffix::Mag) => {
                return Some(Np {
                    end: i + 1,
                    kind: NpKind::Digits,
                })
            }
            Num::Pair(..) => (i + 1, NpKind::Range),
            Num::No => {
                if t.has(w::NUMWORD) || t.comp == Comp::NumWord {
                    let mut end = i + 1;
                    // "twenty five"
                    if t.lex.val >= 20
                        && self
                            .tok(end)
                            .is_some_and(|n| n.has(w::NUMWORD) && n.lex.val < 10)
                    {
                        end += 1;
                    }
                    let kind = if t.is("one") && !self.mag_word(end) {
                        NpKind::One
                    } else {
                        NpKind::Words
                    };
                    (end, kind)
                } else if t.has(w::ARTICLE) && self.mag_word(i + 1) {
                    (i + 2, NpKind::Article)
                } else if t.has(w::ARTICLE) && self.is(i + 1, "few") && self.mag_word(i + 2) {
                    (i + 3, NpKind::Words)
                } else if t.is("several") && self.mag_word(i + 1) {
                    (i + 2, NpKind::Words)
                } else if t.is("half") && self.has(i + 1, w::ARTICLE) && self.mag_word(i + 2) {
                    (i + 3, NpKind::Article)
                } else if t.has(w::MAG_PL) {
                    let mut end = i + 1;
                    while self.is(end, "of")
                        && self.has(end + 1, w::MAG_PL)
                        && !self.is(end + 1, "tens")
                    {
                        end += 2;
                    }
                    if t.is("tens") && end == i + 1 {
                        return None;
                    }
                    return Some(Np {
                        end,
                        kind: NpKind::Approx,
                    });
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        // Magnitudes: "1.5 million", "three hundred", "75,000 crore", "two hundred and fifty".
        loop {
            if self.tok(end).is_some_and(|n| n.has(w::MAG)) {
                end += 1;
            } else if kind == NpKind::Words
                && self.is(end, "and")
                && self.has(end - 1, w::MAG)
                && self.has(end + 1, w::NUMWORD)
            {
                end += 2;
            } else {
                break;
            }
        }
        Some(Np { end, kind })
    }

    /// A magnitude word that can follow `a`: `hundred`, `million`, `dozen` (not `m`, `bn`).
    pub(super) fn mag_word(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| t.has(w::MAG) && t.s.len() > 3 && !t.is("lakh") && !t.is("crore"))
    }

    /// A number at `i` that is part of a name or identifier, a phone number,
    /// a street number or a model number, and so no count or year.
    pub(super) fn identifier(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        // Phone numbers: a leading zero ("0800"), or several numbers in a row;
        // codes, IDs and timestamps: long numbers without thousands separators.
        if let Some(p) = t.plain() {
            if p.is_int() && (p.lead_zero || (p.int_digits >= 6 && !p.grouped)) {
                return true;
            }
        }
        let numberish = |k: usize| {
            self.tok(k).is_some_and(|n| {
                matches!(n.num, Num::Plain(p) if p.is_int() && !p.grouped)
                    || (n.s.starts_with('+') && n.s[1..].starts_with(|c: char| c.is_ascii_digit()))
            })
        };
        if numberish(i) && ((i > 0 && numberish(i - 1)) || numberish(i + 1)) {
            return true;
        }
        // Street numbers: "10 Downing Street".
        let mut k = i + 1;
        while k <= i + 3 && self.tok(k).is_some_and(|n| n.cap_word()) {
            if self.tok(k).is_some_and(|n| n.has(w::STREET)) && k > i + 1 {
                return true;
            }
            k += 1;
        }
        // Model numbers: "the 737 MAX".
        if let Some(p) = t.plain() {
            let year_like = p.int_digits == 4 && (1900.0..=2099.0).contains(&p.value);
            if p.is_int()
                && !p.grouped
                && p.int_digits >= 3
                && !year_like
                && self.prev_has(i, w::THE | w::ARTICLE)
                && self.name_word(i + 1)
                && !self.has(i + 1, w::UNIT | w::CUR_CODE | w::CUR_WORD | w::ZONE)
            {
                return true;
            }
        }
        // Names and numbered things: "Apollo 11", "junction 10", "No. 10"; and
        // lists of them: "junctions 10 and 11".
        let mut j = i;
        for _ in 0..8 {
            let Some(p) = self.prev(j) else { return false };
            if self.name_word(j - 1)
                || p.has(w::ID_NOUN)
                || (p.has(w::ID_ABBR) && (p.dot || (p.cap && p.is("no"))))
                || p.s == "#"
            {
                return true;
            }
            if matches!(p.s, "and" | "or" | "to" | "&" | "," | "/") && j >= 2 {
                let q = self.tok(j - 2);
                if q.is_some_and(|q| matches!(q.num, Num::Plain(_))) {
                    j -= 2;
                    continue;
                }
            }
            return false;
        }
        false
    }

    /// A day of the month: `29`, `29th`.
    pub(super) fn day_number(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| match t.num {
            Num::Plain(p) => p.is_int() && p.int_digits <= 2 && (1.0..=31.0).contains(&p.value),
            Num::Glued(p, _, Suffix::Ord) => p.is_int() && (1.0..=31.0).contains(&p.value),
            _ => false,
        })
    }

    /// A four-digit year (no context checks).
    pub(super) fn year_value(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| is_year_str(t.s) && t.plain().is_some())
    }

    /// A year standing alone: `2019`; `1066` after a preposition; `300 BC`.
    pub(super) fn year(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let p = t.plain()?;
        if !(p.is_int() && !p.grouped && p.value >= 0.0) {
            return None;
        }
        let era = self
            .tok(i + 1)
            .is_some_and(|n| matches!(n.s, "BC" | "AD" | "BCE" | "CE"));
        if era && p.int_digits <= 4 {
            return Some(i + 2);
        }
        if p.int_digits != 4 {
            return None;
        }
        let y = p.value;
        let context = self.prev_has(i, w::TEMPORAL_PREP | w::MONTH | w::EDGE | w::SEASON);
        let ok = (1900.0..=2099.0).contains(&y) || ((1000.0..=2099.0).contains(&y) && context);
        if !ok || self.identifier(i) {
            return None;
        }
        Some(i + 1)
    }

    /// A month name that is a month here (not `Theresa May` or `June Carter`).
    pub(super) fn month_alone(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if !t.has(w::MONTH) || !t.cap {
            return false;
        }
        if t.has(w::ABBR) && !t.dot {
            return false;
        }
        if i > 0 && self.name_word(i - 1) {
            return false;
        }
        if self.name_word(i + 1) {
            return false;
        }
        // "May" and "March" are also a verb and a name: they need a date context.
        if t.lex.val == 5 || t.lex.val == 3 {
            return self.prev_has(i, w::TEMPORAL_PREP | w::EDGE | w::REL);
        }
        true
    }

    /// A month expression at `i`: `June 29`, `Oct. 14, 2025`, `July 1969`, `May`.
    pub(super) fn month_expr(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        if !t.has(w::MONTH) || !t.cap {
            return None;
        }
        if t.has(w::ABBR) && !t.dot && !self.day_number(i + 1) {
            return None;
        }
        if self.day_number(i + 1)
            && !self.has(i + 2, w::UNIT | w::TIME_UNIT | w::DATE_UNIT)
            && !self.is(i + 2, "%")
        {
            let mut end = i + 2;
            if self.is(end, ",") && self.year_value(end + 1) {
                end += 2;
            } else if self.year_value(end) {
                end += 1;
            }
            return Some(end);
        }
        if self.year_value(i + 1) {
            return Some(i + 2);
        }
        self.month_alone(i).then_some(i + 1)
    }

    /// `29 June [2024]`, `5th of May`.
    pub(super) fn day_month(&self, i: usize) -> Option<usize> {
        if !self.day_number(i) {
            return None;
        }
        let m = if self.is(i + 1, "of") && matches!(self.tok(i)?.num, Num::Glued(..)) {
            i + 2
        } else {
            i + 1
        };
        let mt = self.tok(m)?;
        if !mt.has(w::MONTH) || !mt.cap {
            return None;
        }
        Some(if self.year_value(m + 1) { m + 2 } else { m + 1 })
    }

    /// A weekday that is a date here (not `Sunday Times` or `Good Friday`).
    pub(super) fn weekday(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        t.has(w::WEEKDAY)
            && t.cap
            && !self.prev(i).is_some_and(|p| p.cap && p.has(w::HOLIDAY))
            && (self.has(i + 1, w::MONTH) || !self.name_word(i + 1))
    }

    /// `the 1990s`, `the '90s` from `j` (after `the`): the end.
    pub(super) fn decade(&self, j: usize) -> Option<usize> {
        let t = self.tok(j)?;
        if is_decade_str(t.s) {
            let Num::Glued(p, ..) = t.num else {
                return None;
            };
            return (p.int_digits == 4).then_some(j + 1);
        }
        if matches!(t.s, "'" | "’") && self.tok(j + 1).is_some_and(|n| is_decade_str(n.s)) {
            return Some(j + 2);
        }
        None
    }

    /// `of 2024`, `of the year`, `of next year` after a quarter or half: the end.
    pub(super) fn of_tail(&self, j: usize) -> Option<usize> {
        if !self.is(j, "of") {
            return None;
        }
        if self.year_value(j + 1) {
            return Some(j + 2);
        }
        if self.has(j + 1, w::THE | w::REL) && self.is(j + 2, "year") {
            return Some(j + 3);
        }
        None
    }
}
