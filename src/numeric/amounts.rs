//! Matchers for amounts: MONEY, PERCENT and QUANTITY.

use super::*;

impl Cx<'_, '_> {
    // --- MONEY -------------------------------------------------------------

    pub(super) fn money(&self, i: usize) -> Match {
        let t = self.tok(i)?;
        if let Num::Glued(p, _, Suffix::Pence) = t.num {
            if p.value > 0.0 {
                return Some((i + 1, Label::Money, Rule::MoneySymbol));
            }
        }
        let prefix = t.cur || (t.has(w::CUR_PREFIX) && t.cap) || (t.has(w::CUR_CODE) && t.upper);
        if prefix {
            let mut j = i + 1;
            if !t.cur && self.is(j, ".") {
                j += 1;
            }
            let np = self.np(j)?;
            return matches!(
                np.kind,
                NpKind::Digits | NpKind::Range | NpKind::Words | NpKind::One | NpKind::Article
            )
            .then_some((np.end, Label::Money, Rule::MoneySymbol));
        }
        let np = self.np(i)?;
        let mut j = np.end;
        if np.kind == NpKind::Approx && self.is(j, "of") {
            j += 1;
        }
        // Up to two capitalised words naming the currency: "US dollars", "Hong Kong dollars".
        let mut k = j;
        while k < j + 2
            && self
                .tok(k)
                .is_some_and(|x| x.cap_word() && !x.has(w::CUR_WORD))
        {
            k += 1;
        }
        for c in [k, j] {
            let Some(cw) = self.tok(c) else { continue };
            let word = cw.has(w::CUR_WORD) && !cw.upper;
            let code = cw.has(w::CUR_CODE) && cw.upper && c == j;
            if !(word || code) {
                continue;
            }
            // "5 pounds of" is a weight.
            if (cw.is("pound") || cw.is("pounds")) && self.is(c + 1, "of") {
                return None;
            }
            // "won" is also a verb: only after a large amount.
            if cw.is("won") && np.end == i + 1 {
                return None;
            }
            return Some((c + 1, Label::Money, Rule::MoneyWord));
        }
        None
    }

    // --- PERCENT -----------------------------------------------------------

    pub(super) fn percentage_point(&self, j: usize) -> bool {
        self.is(j, "percentage")
            && self
                .tok(j + 1)
                .is_some_and(|t| t.is("point") || t.is("points"))
    }

    pub(super) fn percent(&self, i: usize) -> Match {
        let t = self.tok(i)?;
        let found = |end| Some((end, Label::Percent, Rule::Percent));
        if let Num::Glued(_, _, Suffix::Pct) = t.num {
            return found(i + 1);
        }
        // "half a percentage point", "a percentage point"
        if t.is("half") && self.has(i + 1, w::ARTICLE) && self.percentage_point(i + 2) {
            return found(i + 4);
        }
        if t.has(w::ARTICLE) && self.percentage_point(i + 1) {
            return found(i + 3);
        }
        let np = self.np(i)?;
        if np.kind == NpKind::Approx {
            return None;
        }
        let j = np.end;
        if self.is(j, "%") || self.has(j, w::PCT_WORD) {
            return found(j + 1);
        }
        if self.is(j, "per") && self.is(j + 1, "cent") {
            return found(j + 2);
        }
        if self.percentage_point(j)
            || (self.is(j, "basis")
                && self
                    .tok(j + 1)
                    .is_some_and(|t| t.is("point") || t.is("points")))
        {
            return found(j + 2);
        }
        None
    }

    // --- QUANTITY ----------------------------------------------------------

    /// Whether `one` at `i` counts something (not `no one`, `one of`, `the one`).
    pub(super) fn one_counts(&self, i: usize) -> bool {
        let Some(n) = self.tok(i + 1) else {
            return false;
        };
        if !n.s.chars().next().is_some_and(char::is_alphabetic)
            || n.has(w::ONE_STOP_NEXT | w::FUNC | w::TEMPORAL_PREP)
        {
            return false;
        }
        if n.cap && self.tok(i).is_some_and(|t| t.cap) {
            return false;
        }
        // "no one", "the one", "a new one"
        let pronoun = self.prev_has(i, w::ONE_STOP_PREV)
            || (i >= 2 && self.has(i - 2, w::ONE_STOP_PREV | w::ARTICLE));
        !pronoun
    }

    pub(super) fn quantity(&self, i: usize) -> Match {
        let t = self.tok(i)?;
        let measure = |end| Some((end, Label::Quantity, Rule::Measure));
        let fraction = |end| Some((end, Label::Quantity, Rule::Fraction));
        match t.comp {
            Comp::Age => return Some((i + 1, Label::Quantity, Rule::Age)),
            Comp::Measure => return measure(i + 1),
            Comp::Fraction => return fraction(i + 1),
            _ => {}
        }
        if let Num::Glued(_, _, Suffix::Unit) = t.num {
            return measure(self.speed_tail(i, i + 1));
        }
        // "minus 15 degrees"
        if t.has(w::SIGN) {
            return self.quantity(i + 1).filter(|m| m.2 == Rule::Measure);
        }
        // "a fifth of", "a quarter of", "half of"
        if t.has(w::ARTICLE)
            && self
                .tok(i + 1)
                .is_some_and(|f| f.has(w::FRACTION) && !f.is("half") && !f.s.ends_with('s'))
            && self.is(i + 2, "of")
        {
            return fraction(i + 2);
        }
        if t.is("half") && self.is(i + 1, "of") {
            return fraction(i + 1);
        }
        let np = self.np(i)?;
        let j = np.end;
        // "two thirds"
        if matches!(np.kind, NpKind::Words | NpKind::One) && self.has(j, w::FRACTION) {
            return fraction(j + 1);
        }
        // "one in five", "nine out of 10"
        if matches!(np.kind, NpKind::Digits | NpKind::Words | NpKind::One) {
            let k = if self.is(j, "in") {
                Some(j + 1)
            } else if self.is(j, "out") && self.is(j + 1, "of") {
                Some(j + 2)
            } else {
                None
            };
            if let Some(np2) = k.and_then(|k| self.np(k)) {
                let small = |x: usize| {
                    self.tok(x).is_some_and(|t| match t.num {
                        Num::Plain(p) => p.is_int() && p.int_digits <= 3,
                        _ => t.has(w::NUMWORD),
                    })
                };
                if matches!(np2.kind, NpKind::Digits | NpKind::Words)
                    && np2.end == k.unwrap_or(0) + 1
                    && small(i)
                    && small(np2.end - 1)
                    && !self.has(np2.end, w::UNIT | w::MONTH)
                {
                    return fraction(np2.end);
                }
            }
        }
        // Measurements: "20 km", "40 degrees Celsius", "10 square kilometres", "thousands of tonnes".
        let mut u = j;
        if np.kind == NpKind::Approx && self.is(u, "of") {
            u += 1;
        }
        if self.has(u, w::UNIT_MOD) && self.has(u + 1, w::UNIT) {
            u += 1;
        }
        if self.is(u, "light")
            && self
                .tok(u + 1)
                .is_some_and(|y| y.is("year") || y.is("years"))
        {
            return measure(u + 2);
        }
        if let Some(ut) = self.tok(u) {
            if ut.has(w::UNIT) && !(ut.upper && ut.s.len() > 3) {
                let mut end = u + 1;
                if ut.has(w::DEGREE)
                    && self
                        .tok(end)
                        .is_some_and(|s| s.has(w::SCALE) || s.s == "C" || s.s == "F")
                {
                    end += 1;
                }
                return measure(self.speed_tail(u, end));
            }
        }
        // Bare counts: the number only.
        match np.kind {
            NpKind::Range => return None,
            // A capitalised number word inside a sentence is part of a name:
            // "Formula One", "Round Two".
            NpKind::Words | NpKind::One if t.cap && !self.at_start(i) => return None,
            NpKind::One if !self.one_counts(i) => return None,
            NpKind::Digits if self.identifier(i) => return None,
            NpKind::Digits => {
                if let Num::Plain(p) = t.num {
                    if p.value < 0.0 {
                        return None;
                    }
                }
            }
            _ => {}
        }
        Some((np.end, Label::Quantity, Rule::Count))
    }

    /// `per hour` or `an hour` after a unit of length (a speed): the new end.
    pub(super) fn speed_tail(&self, unit: usize, end: usize) -> usize {
        let length = self.tok(unit).is_some_and(|t| match t.num {
            Num::Glued(_, off, _) => matches!(&t.s[off..], "km" | "mi" | "ft" | "m"),
            _ => t.has(w::LENGTH),
        });
        if length && (self.is(end, "per") || self.is(end, "an")) && self.is(end + 1, "hour") {
            end + 2
        } else {
            end
        }
    }
}
