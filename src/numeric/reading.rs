//! Token readings: what each token is as a number (plain, with a suffix,
//! a hyphenated compound) and its word classes.

use super::*;

/// A plain decimal number: `45`, `6,500`, `0.25`, `.5`, `-2.5`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Plain {
    pub(super) value: f64,
    pub(super) int_digits: u8,
    pub(super) frac_digits: u8,
    pub(super) grouped: bool,
    pub(super) lead_zero: bool,
}

impl Plain {
    pub(super) fn is_int(&self) -> bool {
        self.frac_digits == 0
    }
}

/// What a token is as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Num {
    /// Not a number.
    No,
    /// `45`, `6,500`, `3.5`.
    Plain(Plain),
    /// A number with a suffix glued on (`1.2bn`, `30p`, `7pm`, `19th`, `1990s`, `35C`);
    /// the suffix starts at the given byte.
    Glued(Plain, usize, Suffix),
    /// `10:30`, `7:30pm`: hours, minutes, and whether `am`/`pm` is glued on.
    Clock(u8, u8, bool),
    /// Two integers joined by `-` or `/`: `3-1`, `2022-23`, `5-10`, `2024/25`
    /// (values and digit counts).
    Pair(u32, u32, u8, u8),
    /// A numeric date: `1996-08-22`, `12/05/2023`.
    Date3,
    /// A number, a hyphen and a word: `45-year-old`, `10-day`.
    Hyphen,
    /// Anything else that starts like a number (`1.2.3`, `24/7`, `3,4`).
    Other,
}

/// What a suffix glued to a number means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suffix {
    /// `bn`, `m`, `k`, `tn`.
    Mag,
    /// `km`, `kg`, `C`, `ft`, `GB`...
    Unit,
    /// `p` (pence), `¢`, `c` (cents).
    Pence,
    /// `pc` (per cent).
    Pct,
    /// `s` (`1990s`).
    Decade,
    /// `st`, `nd`, `rd`, `th`.
    Ord,
    /// `am`, `pm`.
    AmPm,
    /// `min`, `hrs`.
    TimeUnit,
    None,
}

pub(super) fn suffix_class(s: &str) -> Suffix {
    match s {
        "bn" | "b" | "m" | "mn" | "mln" | "k" | "tn" | "trn" | "bln" => Suffix::Mag,
        "p" | "¢" | "c" => Suffix::Pence,
        "pc" => Suffix::Pct,
        "s" => Suffix::Decade,
        "st" | "nd" | "rd" | "th" => Suffix::Ord,
        "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "AM" | "PM" => Suffix::AmPm,
        "min" | "mins" | "hr" | "hrs" | "sec" | "secs" => Suffix::TimeUnit,
        "km" | "cm" | "mm" | "kg" | "g" | "mg" | "lb" | "lbs" | "oz" | "ft" | "in" | "mi"
        | "mph" | "kph" | "kmh" | "km/h" | "C" | "F" | "°C" | "°F" | "°" | "GB" | "MB" | "TB"
        | "KB" | "kB" | "Gb" | "Mb" | "Mbps" | "Gbps" | "MW" | "GW" | "kW" | "kWh" | "MWh"
        | "GWh" | "TWh" | "mAh" | "ml" | "ha" | "sqm" | "m2" | "m²" | "km2" | "km²" | "m3"
        | "m³" | "GHz" | "MHz" | "kHz" | "Hz" | "dB" | "kcal" | "bbl" | "kt" | "mt" | "Mt"
        | "Gt" => Suffix::Unit,
        _ => Suffix::None,
    }
}

/// Reads a number at the start of `s`: the number and the bytes it takes.
pub(super) fn parse_plain(s: &str) -> Option<(Plain, usize)> {
    let b = s.as_bytes();
    let mut k = usize::from(b.first() == Some(&b'-'));
    let start = k;
    let (mut int, mut int_digits, mut grouped) = (0f64, 0u8, false);
    while k < b.len() {
        if b[k].is_ascii_digit() {
            int = int * 10.0 + f64::from(b[k] - b'0');
            int_digits = int_digits.saturating_add(1);
            k += 1;
        } else if b[k] == b','
            && int_digits > 0
            && b.len() >= k + 4
            && b[k + 1..k + 4].iter().all(u8::is_ascii_digit)
            && b.get(k + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            grouped = true;
            k += 1;
        } else {
            break;
        }
    }
    let mut value = int;
    let mut frac_digits = 0u8;
    if k + 1 < b.len() && b[k] == b'.' && b[k + 1].is_ascii_digit() {
        k += 1;
        let mut scale = 0.1;
        while k < b.len() && b[k].is_ascii_digit() {
            value += f64::from(b[k] - b'0') * scale;
            scale /= 10.0;
            frac_digits = frac_digits.saturating_add(1);
            k += 1;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if start == 1 {
        value = -value;
    }
    Some((
        Plain {
            value,
            int_digits,
            frac_digits,
            grouped,
            lead_zero: int_digits >= 2 && b[start] == b'0',
        },
        k,
    ))
}

/// Reads digits only: the value, the digit count and the bytes taken.
pub(super) fn parse_digits(s: &str) -> Option<(u32, u8, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 9 {
        return None;
    }
    Some((s[..n].parse().ok()?, n as u8, n))
}

pub(super) fn parse_num(s: &str) -> Num {
    let b = s.as_bytes();
    let starts_number = match b {
        [c, ..] if c.is_ascii_digit() => true,
        [b'.' | b'-', c, ..] if c.is_ascii_digit() => true,
        _ => false,
    };
    if !starts_number {
        return Num::No;
    }
    let Some((p, k)) = parse_plain(s) else {
        return Num::Other;
    };
    let rest = &s[k..];
    let Some(c) = rest.chars().next() else {
        return Num::Plain(p);
    };
    let simple_int = p.is_int() && !p.grouped && p.value >= 0.0;
    match c {
        ':' if simple_int && p.int_digits <= 2 => {
            let mm = &rest[1..];
            match parse_digits(mm) {
                Some((m, 2, n)) if p.value <= 24.0 && m <= 59 => {
                    let mut tail = &mm[n..];
                    // Seconds: "10:30:15", a race time "2:01:09".
                    if tail.len() == 3
                        && tail.starts_with(':')
                        && matches!(parse_digits(&tail[1..]), Some((ss, 2, 2)) if ss <= 59)
                    {
                        tail = "";
                    }
                    if tail.is_empty() {
                        Num::Clock(p.value as u8, m as u8, false)
                    } else if suffix_class(tail) == Suffix::AmPm {
                        Num::Clock(p.value as u8, m as u8, true)
                    } else {
                        Num::Other
                    }
                }
                _ => Num::Other,
            }
        }
        '-' | '/' if simple_int => {
            let after = &rest[1..];
            if let Some((v2, d2, n)) = parse_digits(after) {
                let tail = &after[n..];
                if tail.is_empty() {
                    return Num::Pair(p.value as u32, v2, p.int_digits, d2);
                }
                // A third part: a numeric date.
                if tail.starts_with(c) {
                    if let Some((v3, d3, n3)) = parse_digits(&tail[1..]) {
                        if n3 == tail.len() - 1
                            && valid_numeric_date(p.value as u32, p.int_digits, v2, v3, d3)
                        {
                            return Num::Date3;
                        }
                    }
                }
                Num::Other
            } else if c == '-' && after.starts_with(|x: char| x.is_alphabetic()) {
                Num::Hyphen
            } else {
                Num::Other
            }
        }
        _ if c.is_alphabetic() || matches!(c, '°' | '¢') => Num::Glued(p, k, suffix_class(rest)),
        _ => Num::Other,
    }
}

/// `1996-08-22`, `22/08/1996`, `8/22/96`.
pub(super) fn valid_numeric_date(a: u32, da: u8, b: u32, c: u32, dc: u8) -> bool {
    if da == 4 {
        (1000..=2199).contains(&a) && (1..=12).contains(&b) && (1..=31).contains(&c)
    } else {
        da <= 2
            && (dc == 4 || dc == 2)
            && (1..=31).contains(&a)
            && (1..=31).contains(&b)
            && (a <= 12 || b <= 12)
    }
}

/// Hyphenated compounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Comp {
    None,
    /// `twenty-five`.
    NumWord,
    /// `two-thirds`, `one-half`.
    Fraction,
    /// `45-year-old`, `three-month-old`.
    Age,
    /// `six-hour`, `45-minute`.
    TimeUnit,
    /// `10-day`, `three-year`.
    DateUnit,
    /// `5-km`, `20-mile`.
    Measure,
    /// `mid-July`, `mid-2024`, `mid-1990s`: a date.
    Edge,
    /// `mid-1990s`: a decade (takes a leading `the`).
    EdgeDecade,
    /// `third-quarter`, `19th-century`.
    OrdPeriod,
}

pub(super) fn is_numberish(s: &str) -> bool {
    matches!(parse_num(s), Num::Plain(_)) || lookup(s).has(w::NUMWORD)
}

pub(super) fn is_ordinalish(s: &str) -> bool {
    lookup(s).has(w::ORD) || matches!(parse_num(s), Num::Glued(_, _, Suffix::Ord))
}

pub(super) fn is_year_str(s: &str) -> bool {
    matches!(parse_num(s), Num::Plain(p) if p.is_int() && p.int_digits == 4 && !p.grouped && (1000.0..=2199.0).contains(&p.value))
}

pub(super) fn is_decade_str(s: &str) -> bool {
    matches!(parse_num(s), Num::Glued(p, _, Suffix::Decade) if p.is_int() && (p.int_digits == 4 || p.int_digits == 2) && p.value as u32 % 10 == 0)
}

pub(super) fn compound(s: &str) -> Comp {
    let mut parts = s.split('-');
    let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
        return Comp::None;
    };
    let (c, d) = (parts.next(), parts.next());
    if a.is_empty() || b.is_empty() || d.is_some() {
        return Comp::None;
    }
    let la = lookup(a);
    let lb = lookup(b);
    if let Some(c) = c {
        let age_unit = matches!(
            b.to_ascii_lowercase().as_str(),
            "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days"
        );
        return if is_numberish(a) && age_unit && c.eq_ignore_ascii_case("old") {
            Comp::Age
        } else {
            Comp::None
        };
    }
    let a_num = is_numberish(a);
    if la.has(w::NUMWORD) && lb.has(w::NUMWORD) && la.val >= 20 && lb.val < 10 {
        Comp::NumWord
    } else if a_num && lb.has(w::FRACTION) {
        Comp::Fraction
    } else if a_num && lb.has(w::TIME_UNIT) {
        Comp::TimeUnit
    } else if a_num && lb.has(w::DATE_UNIT) {
        Comp::DateUnit
    } else if a_num && lb.has(w::UNIT) && !lb.has(w::DEGREE) {
        Comp::Measure
    } else if la.has(w::EDGE)
        && ((lb.has(w::MONTH) && !lb.has(w::ABBR) && b.starts_with(char::is_uppercase))
            || is_year_str(b))
    {
        Comp::Edge
    } else if la.has(w::EDGE) && is_decade_str(b) {
        Comp::EdgeDecade
    } else if is_ordinalish(a)
        && (b.eq_ignore_ascii_case("quarter") || b.eq_ignore_ascii_case("century"))
    {
        Comp::OrdPeriod
    } else {
        Comp::None
    }
}

/// Word-shaped period tokens: `Q3`, `H1`, `FY2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Special {
    None,
    /// `Q1`..`Q4`: a quarter.
    Quarter,
    /// `H1`, `H2`: a half-year (a date only with a year after it).
    Half,
    /// `FY2023`, `FY23`: a fiscal year.
    Fiscal,
}

pub(super) fn special(s: &str) -> Special {
    match s.as_bytes() {
        [b'Q', b'1'..=b'4'] => Special::Quarter,
        [b'H', b'1' | b'2'] => Special::Half,
        [b'F', b'Y', rest @ ..]
            if (rest.len() == 2 || rest.len() == 4) && rest.iter().all(u8::is_ascii_digit) =>
        {
            Special::Fiscal
        }
        _ => Special::None,
    }
}

pub(super) fn is_currency_symbol(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(last) = chars.next_back() else {
        return false;
    };
    crate::tokenize::is_currency(last) && chars.all(|c| c.is_ascii_uppercase())
}

/// One token, read once: its text, word classes, number shape and case.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    pub(super) s: &'a str,
    pub(super) lex: Lex,
    pub(super) num: Num,
    pub(super) comp: Comp,
    pub(super) special: Special,
    /// Starts with an upper-case letter.
    pub(super) cap: bool,
    /// At least two letters, all upper-case (codes, zones).
    pub(super) upper: bool,
    /// Ends with a period (`Jan.`, `No.`).
    pub(super) dot: bool,
    /// A currency symbol, alone or after upper-case letters (`$`, `US$`, `€`).
    pub(super) cur: bool,
    /// Could begin a match.
    pub(super) anchor: bool,
}

impl<'a> Tok<'a> {
    pub(super) fn new(s: &'a str) -> Self {
        let first = s.chars().next().unwrap_or(' ');
        let num = parse_num(s);
        let lex = if num == Num::No {
            lookup(s)
        } else {
            Lex::default()
        };
        let comp = if matches!(num, Num::No | Num::Hyphen | Num::Glued(..))
            && s.len() > 2
            && s.bytes().skip(1).any(|b| b == b'-')
        {
            compound(s)
        } else {
            Comp::None
        };
        let special = if first.is_ascii_uppercase() {
            special(s)
        } else {
            Special::None
        };
        let cur = num == Num::No && is_currency_symbol(s);
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        let upper = letters >= 2 && !s.chars().any(char::is_lowercase);
        let anchor = lex.has(w::ANCHOR)
            || num != Num::No
            || comp != Comp::None
            || special != Special::None
            || cur
            || (lex.has(w::CUR_CODE) && upper)
            || matches!(s, "'" | "’");
        Tok {
            s,
            lex,
            num,
            comp,
            special,
            cap: first.is_uppercase(),
            upper,
            dot: s.len() > 1 && s.ends_with('.'),
            cur,
            anchor,
        }
    }

    pub(super) fn has(&self, f: u64) -> bool {
        self.lex.has(f)
    }

    pub(super) fn is(&self, word: &str) -> bool {
        self.s.eq_ignore_ascii_case(word)
    }

    /// A capitalised word (not a symbol or number).
    pub(super) fn cap_word(&self) -> bool {
        self.cap && self.num == Num::No
    }

    pub(super) fn plain(&self) -> Option<Plain> {
        match self.num {
            Num::Plain(p) => Some(p),
            _ => None,
        }
    }
}
