//! Matchers for TIME, DATE and periods (durations and relative periods).

use super::*;

impl Cx<'_, '_> {
    // --- TIME --------------------------------------------------------------

    /// A time zone after a clock time: `GMT`, `EDT` (upper-case).
    pub(super) fn zone(&self, j: usize) -> usize {
        if self.tok(j).is_some_and(|z| z.has(w::ZONE) && z.upper) {
            j + 1
        } else {
            j
        }
    }

    pub(super) fn ampm(&self, j: usize) -> bool {
        self.tok(j)
            .is_some_and(|t| t.has(w::AMPM) && (t.s.len() > 2 || !t.cap || t.upper))
    }

    pub(super) fn clock(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        match t.num {
            // "10:30", "8:30 p.m. EDT", "7:30pm"
            Num::Clock(_, _, glued) => {
                if glued {
                    return Some(self.zone(i + 1));
                }
                if self.ampm(i + 1) {
                    return Some(self.zone(i + 2));
                }
                let z = self.zone(i + 1);
                if z > i + 1 || !self.identifier(i) {
                    return Some(z);
                }
                None
            }
            // "7pm", "7.45pm", "2.15am"
            Num::Glued(p, _, Suffix::AmPm) => {
                let (h, m) = (p.value.trunc(), (p.value.fract() * 100.0).round());
                let ok = (1.0..=12.0).contains(&h)
                    && (p.frac_digits == 0 || (p.frac_digits == 2 && m < 60.0));
                ok.then(|| self.zone(i + 1))
            }
            Num::Plain(p) if !p.grouped && p.value >= 0.0 => {
                let (h, m) = (p.value.trunc(), (p.value.fract() * 100.0).round());
                // "4 a.m.", "7.45 pm"
                if self.ampm(i + 1)
                    && (1.0..=12.0).contains(&h)
                    && p.int_digits <= 2
                    && (p.frac_digits == 0 || (p.frac_digits == 2 && m < 60.0))
                {
                    return Some(self.zone(i + 2));
                }
                // "7 o'clock", "12 noon"
                if self.has(i + 1, w::OCLOCK) && p.is_int() && (1.0..=12.0).contains(&h) {
                    return Some(i + 2);
                }
                if p.value == 12.0
                    && p.int_digits == 2
                    && self
                        .tok(i + 1)
                        .is_some_and(|n| n.is("noon") || n.is("midnight"))
                {
                    return Some(i + 2);
                }
                // "1430 GMT", "0600 local time"
                let zoned =
                    self.zone(i + 1) > i + 1 || (self.is(i + 1, "local") && self.is(i + 2, "time"));
                if p.is_int() && p.int_digits == 4 && zoned {
                    let v = p.value as u32;
                    if v / 100 <= 23 && v % 100 <= 59 {
                        return Some(self.zone(i + 1));
                    }
                }
                None
            }
            // "three o'clock"
            Num::No if t.has(w::NUMWORD) && t.lex.val <= 12 && self.has(i + 1, w::OCLOCK) => {
                Some(i + 2)
            }
            _ => None,
        }
    }

    /// A part of the day, lower-case: `morning`, `night`.
    pub(super) fn daypart(&self, j: usize) -> bool {
        self.tok(j).is_some_and(|t| t.has(w::DAYPART) && !t.cap)
    }

    pub(super) fn time(&self, i: usize) -> Match {
        let t = self.tok(i)?;
        if let Some(end) = self.clock(i) {
            return Some((end, Label::Time, Rule::Clock));
        }
        let part = |end| Some((end, Label::Time, Rule::DayPart));
        // "noon", "midnight", "tonight", "overnight"
        if t.has(w::DAYPART_ALONE) && self.plain_case(i) {
            return part(self.zone(i + 1));
        }
        // "this morning", "last night", "yesterday afternoon", "Friday night",
        // "early Tuesday morning", "late last night"
        let mut j = i;
        if t.has(w::EDGE) && self.plain_case(i) {
            j += 1;
        }
        let head = self.tok(j)?;
        let anchored =
            (head.has(w::REL) && (head.is("this") || head.is("last")) && self.plain_case(j))
                || (head.has(w::DAYREF) && self.plain_case(j))
                || self.weekday(j);
        if anchored && self.daypart(j + 1) {
            return part(j + 2);
        }
        None
    }

    // --- DATE --------------------------------------------------------------

    pub(super) fn date(&self, i: usize) -> Match {
        let t = self.tok(i)?;
        let cal = |end| Some((end, Label::Date, Rule::Calendar));
        let year = |end| Some((end, Label::Date, Rule::Year));
        let rel = |end| Some((end, Label::Date, Rule::Relative));
        match t.num {
            Num::Date3 => return cal(i + 1),
            // "2012-2017", "2022-23", "2024/25"
            Num::Pair(a, b, 4, db) if (1000..=2199).contains(&a) => {
                let ok = match db {
                    2 => b > a % 100 || (b == 0 && a % 100 == 99),
                    4 => b > a && b - a <= 100,
                    _ => false,
                };
                return if ok { year(i + 1) } else { None };
            }
            // "1990s"
            Num::Glued(p, _, Suffix::Decade) if p.int_digits == 4 && is_decade_str(t.s) => {
                return year(i + 1)
            }
            _ => {}
        }
        match t.special {
            Special::Quarter => {
                return year(if self.year_value(i + 1) { i + 2 } else { i + 1 });
            }
            Special::Half if self.year_value(i + 1) => return year(i + 2),
            Special::Fiscal => return year(i + 1),
            _ => {}
        }
        match t.comp {
            Comp::Edge => return cal(i + 1),
            Comp::EdgeDecade | Comp::OrdPeriod => return year(i + 1),
            _ => {}
        }
        // "'90s"
        if let Some(end) = self.decade(i).filter(|_| !t.cur && t.num == Num::No) {
            return year(end);
        }
        // "5 May 2023", "29th June", "5th of May"
        if let Some(end) = self.day_month(i) {
            return cal(end);
        }
        if let Some(end) = self.month_expr(i) {
            return cal(end);
        }
        // "Monday", "Monday, June 29", "Monday 29 June"
        if self.weekday(i) {
            let k = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
            let end = self
                .tok(k)
                .and_then(|_| {
                    if self.has(k, w::MONTH) && self.day_number(k + 1) {
                        self.month_expr(k)
                    } else {
                        self.day_month(k)
                    }
                })
                .unwrap_or(i + 1);
            return Some((end, Label::Date, Rule::Weekday));
        }
        // "early July", "late 2023", "mid March", "late last year", "early Tuesday"
        if t.has(w::EDGE) && self.plain_case(i) && !self.has(i + 1, w::EDGE) {
            if let Some((end, label, rule)) = self.date(i + 1) {
                if label == Label::Date && !self.has(i + 1, w::THE) {
                    return Some((end, label, rule));
                }
            }
            return None;
        }
        if let Some(end) = self.year(i) {
            return year(end);
        }
        // "fiscal 2023", "fiscal year 2023", "financial year 2023-24"
        if t.has(w::FISCAL) {
            let j = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
            let ok = self.year_value(j)
                || self.tok(j).is_some_and(
                    |n| matches!(n.num, Num::Pair(a, _, 4, _) if (1000..=2199).contains(&a)),
                );
            return if ok { year(j + 1) } else { None };
        }
        // "last week", "next year", "this summer", "last Friday", "last May", "last quarter",
        // "this fiscal year"
        if t.has(w::REL) && self.plain_case(i) {
            if self.has(i + 1, w::FISCAL) && (self.is(i + 2, "year") || self.is(i + 2, "quarter")) {
                return rel(i + 3);
            }
            let u = self.tok(i + 1)?;
            let singular_unit = u.has(w::DATE_UNIT) && !u.s.ends_with('s');
            if (!u.cap && (singular_unit || u.has(w::SEASON)))
                || u.is("season")
                || u.is("quarter")
                || (u.has(w::WEEKDAY) && u.cap)
                || (u.has(w::MONTH) && u.cap && !u.has(w::ABBR))
            {
                return rel(i + 2);
            }
            return None;
        }
        // "recent years"
        if t.has(w::RECENT)
            && self
                .tok(i + 1)
                .is_some_and(|u| u.has(w::DATE_UNIT) && u.s.ends_with('s'))
        {
            return rel(i + 2);
        }
        // "today", "yesterday", "tomorrow" (not the "Today" programme)
        if t.has(w::DAYREF) && self.plain_case(i) {
            return rel(i + 1);
        }
        // "the 1990s", "the early 2000s", "the 19th century", "the third quarter",
        // "the first half of 2024", "the summer of 2024"
        if t.has(w::THE) {
            if matches!(self.tok(i + 1)?.comp, Comp::EdgeDecade | Comp::OrdPeriod) {
                return year(i + 2);
            }
            let mut j = i + 1;
            if self.has(j, w::EDGE) && !self.tok(j)?.cap {
                j += 1;
            }
            if let Some(end) = self.decade(j) {
                return year(end);
            }
            if self.tok(j).is_some_and(|o| is_ordinalish(o.s))
                && (self.is(j + 1, "century") || self.is(j + 1, "centuries"))
            {
                return year(j + 2);
            }
            if j == i + 1 {
                let o = self.tok(j)?;
                let ord = (o.has(w::ORD) && o.lex.val <= 4) || o.is("final") || o.is("last");
                if ord && self.is(j + 1, "quarter") {
                    return year(self.of_tail(j + 2).unwrap_or(j + 2));
                }
                if ord && o.lex.val <= 2 && self.is(j + 1, "half") {
                    return self.of_tail(j + 2).and_then(year);
                }
                if o.has(w::SEASON) && self.is(j + 1, "of") && self.year_value(j + 2) {
                    return cal(j + 3);
                }
            }
            return None;
        }
        // "summer 2024"
        if t.has(w::SEASON) && self.year_value(i + 1) {
            return cal(i + 2);
        }
        // "years ago", "days later"
        if t.has(w::DATE_UNIT) && t.s.ends_with('s') && self.has(i + 1, w::TAIL) {
            return rel(i + 2);
        }
        None
    }

    // --- periods: durations and relative periods (DATE or TIME) -------------

    /// `three hours`, `12 years`, `two years ago`, `a year earlier`, `the next
    /// three years`, `the past decade`, `another year`, `a year and a half`.
    pub(super) fn period(&self, i: usize) -> Match {
        let t = self.tok(i)?;
        match t.comp {
            Comp::TimeUnit => return Some((i + 1, Label::Time, Rule::Duration)),
            Comp::DateUnit => return Some((i + 1, Label::Date, Rule::Duration)),
            _ => {}
        }
        // The lead: "the past", "the next", "another", "this past".
        let (mut j, mut relative) = (i, false);
        let the_rel =
            self.has(i + 1, w::REL_THE) || (self.is(i + 1, "first") && self.np(i + 2).is_some());
        if t.has(w::THE) && the_rel {
            (j, relative) = (i + 2, true);
        } else if t.has(w::ANOTHER) || (t.is("this") && self.is(i + 1, "past")) {
            j = if t.has(w::ANOTHER) { i + 1 } else { i + 2 };
            relative = true;
        }
        // The amount.
        let mut article = false;
        let q = if let Some(np) = self.np(j) {
            if np.kind == NpKind::Range && !relative {
                return None;
            }
            if np.kind == NpKind::Digits && !relative && self.identifier(j) {
                return None;
            }
            np.end
        } else if self.is(j, "several") || (relative && self.is(j, "few")) {
            // "several weeks", "the past few years"
            j + 1
        } else if self.has(j, w::ARTICLE) && self.is(j + 1, "few") {
            // "a few days ago"
            j + 2
        } else if self.has(j, w::ARTICLE) && self.is(j + 1, "couple") && self.is(j + 2, "of") {
            j + 3
        } else if self.has(j, w::ARTICLE) {
            article = true;
            j + 1
        } else if self.is(j, "half") && self.has(j + 1, w::ARTICLE) {
            article = true;
            j + 2
        } else if relative {
            j
        } else {
            return None;
        };
        // "seven and a half years"
        let q = if !article
            && q > j
            && self.is(q, "and")
            && self.has(q + 1, w::ARTICLE)
            && self.is(q + 2, "half")
        {
            q + 3
        } else {
            q
        };
        let u = self.tok(q)?;
        let label = if u.has(w::TIME_UNIT) && !u.cap {
            Label::Time
        } else if u.has(w::DATE_UNIT) && !u.cap {
            Label::Date
        } else {
            return None;
        };
        if article && (u.is("second") || u.s.ends_with('s')) {
            return None;
        }
        let mut end = q + 1;
        // "a year and a half", "two hours and 15 minutes"
        if self.is(end, "and") {
            if self.has(end + 1, w::ARTICLE) && self.is(end + 2, "half") {
                end += 3;
            } else if let Some(np2) = self.np(end + 1) {
                let same = self.tok(np2.end).is_some_and(|u2| {
                    (label == Label::Time && u2.has(w::TIME_UNIT))
                        || (label == Label::Date && u2.has(w::DATE_UNIT))
                });
                if same && np2.kind != NpKind::Approx {
                    end = np2.end + 1;
                }
            }
        }
        let tail = self.has(end, w::TAIL);
        if tail {
            end += 1;
        }
        // An age, not a period: "45 years old", "45 years of age".
        if self.is(end, "old") || (self.is(end, "of") && self.is(end + 1, "age")) {
            return None;
        }
        // "a year" is a duration after "for", "in", "than"...; not in "$15 an hour".
        if article && !tail && !relative && !self.prev_has(i, w::DUR_PREP) {
            return None;
        }
        let rule = if relative || tail {
            Rule::Relative
        } else {
            Rule::Duration
        };
        Some((end, label, rule))
    }
}
