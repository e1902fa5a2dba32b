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
//! resumes after the match, so entities never overlap.
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
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

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
// Lexicon: word classes
// ---------------------------------------------------------------------------

/// Word classes, as bit flags (a word may have several: `second`, `may`, `pounds`).
mod w {
    /// `one` .. `ninety` (value: the number).
    pub const NUMWORD: u64 = 1 << 0;
    /// `hundred`, `million`, `bn`, `crore`... (value: the power of ten; `dozen` is 0).
    pub const MAG: u64 = 1 << 1;
    /// `dozens`, `hundreds`, `thousands`, `millions`, `tens` (of thousands).
    pub const MAG_PL: u64 = 1 << 2;
    /// Currency words after an amount: `dollars`, `euros`, `pence`, `yuan`.
    pub const CUR_WORD: u64 = 1 << 3;
    /// Currency words before an amount: `Rs`, `Rp`.
    pub const CUR_PREFIX: u64 = 1 << 4;
    /// ISO currency codes (upper-case in the text): `USD`, `EUR`.
    pub const CUR_CODE: u64 = 1 << 5;
    /// Units of measure.
    pub const UNIT: u64 = 1 << 6;
    /// Units of length (for speeds: `70 miles an hour`).
    pub const LENGTH: u64 = 1 << 7;
    /// `square`, `cubic`, `sq`, `metric`, `nautical`: before a unit.
    pub const UNIT_MOD: u64 = 1 << 8;
    /// `degree`, `degrees`.
    pub const DEGREE: u64 = 1 << 9;
    /// `Celsius`, `Fahrenheit`, `centigrade`.
    pub const SCALE: u64 = 1 << 10;
    /// Units under a day: `second`, `minute`, `hour`.
    pub const TIME_UNIT: u64 = 1 << 11;
    /// Units of a day or more: `day`, `week`, `month`, `year`, `decade`, `century`.
    pub const DATE_UNIT: u64 = 1 << 12;
    /// Month names (value 1..12).
    pub const MONTH: u64 = 1 << 13;
    /// Abbreviated month names (`Jan`, `Sept`): need a period or a day number.
    pub const ABBR: u64 = 1 << 14;
    /// Weekday names (value 1..7).
    pub const WEEKDAY: u64 = 1 << 15;
    /// `morning`, `afternoon`, `evening`, `night`.
    pub const DAYPART: u64 = 1 << 16;
    /// `tonight`, `overnight`, `noon`, `midnight`, `midday`.
    pub const DAYPART_ALONE: u64 = 1 << 17;
    /// `last`, `next`, `this` (before a period: `last week`).
    pub const REL: u64 = 1 << 18;
    /// `past`, `last`, `next`, `coming`, `previous`, `following` (after `the`).
    pub const REL_THE: u64 = 1 << 19;
    /// `early`, `late`, `mid`.
    pub const EDGE: u64 = 1 << 20;
    /// `today`, `yesterday`, `tomorrow`.
    pub const DAYREF: u64 = 1 << 21;
    /// `spring`, `summer`, `autumn`, `fall`, `winter`.
    pub const SEASON: u64 = 1 << 22;
    /// Ordinal words (value: the number).
    pub const ORD: u64 = 1 << 23;
    /// Fractions: `half`, `third(s)`, `quarter(s)`, `fifth(s)`...
    pub const FRACTION: u64 = 1 << 24;
    /// `percent`, `pct`, `percentage-point`.
    pub const PCT_WORD: u64 = 1 << 25;
    /// `ago`, `earlier`, `later`.
    pub const TAIL: u64 = 1 << 26;
    /// Time zones (upper-case in the text): `GMT`, `EDT`.
    pub const ZONE: u64 = 1 << 27;
    /// `a.m.`, `p.m.`, `am`, `pm`.
    pub const AMPM: u64 = 1 << 28;
    /// Nouns that number things: `junction`, `article`, `page`, `flight`.
    pub const ID_NOUN: u64 = 1 << 29;
    /// Street-name endings: `Street`, `Road`, `Avenue`.
    pub const STREET: u64 = 1 << 30;
    /// Function words and hedges that may stand capitalised before a number
    /// without making it part of a name (`About 200`, `In 2020`).
    pub const FUNC: u64 = 1 << 31;
    /// Prepositions that introduce a date (`in`, `since`, `until`).
    pub const TEMPORAL_PREP: u64 = 1 << 32;
    /// Words before `a`/`an` + unit that make it a duration (`for a year`, `than an hour`).
    pub const DUR_PREP: u64 = 1 << 33;
    /// Words after `one` that make it a pronoun or an idiom (`one of`, `one another`).
    pub const ONE_STOP_NEXT: u64 = 1 << 34;
    /// Words before `one` that make it a pronoun (`no one`, `the one`).
    pub const ONE_STOP_PREV: u64 = 1 << 35;
    /// `fiscal`, `financial`.
    pub const FISCAL: u64 = 1 << 36;
    /// `recent`.
    pub const RECENT: u64 = 1 << 37;
    /// `another`.
    pub const ANOTHER: u64 = 1 << 38;
    /// `a`, `an`.
    pub const ARTICLE: u64 = 1 << 39;
    /// `the`.
    pub const THE: u64 = 1 << 40;
    /// `several`, `few`.
    pub const FEW: u64 = 1 << 41;
    /// `o'clock`.
    pub const OCLOCK: u64 = 1 << 42;
    /// `no`, `nos`, `p`, `pp`: identifiers when abbreviated (`No. 10`, `p. 5`).
    pub const ID_ABBR: u64 = 1 << 43;
    /// `minus`.
    pub const SIGN: u64 = 1 << 44;
    /// Words that make a weekday part of a name: `Good Friday`, `Super Tuesday`.
    pub const HOLIDAY: u64 = 1 << 45;

    /// Classes that can begin a match (other classes only give context).
    pub const ANCHOR: u64 = NUMWORD
        | SIGN
        | MAG_PL
        | CUR_PREFIX
        | CUR_CODE
        | MONTH
        | WEEKDAY
        | DAYPART_ALONE
        | REL
        | EDGE
        | DAYREF
        | SEASON
        | FRACTION
        | DATE_UNIT
        | FISCAL
        | RECENT
        | ANOTHER
        | ARTICLE
        | THE
        | FEW;
}

/// Word classes: each class and its words, separated by spaces (lower case;
/// a word may be in several classes).
const WORDS: &[(u64, &str)] = &[
    (
        w::MAG_PL,
        "dozens hundreds thousands millions billions trillions tens",
    ),
    (
        w::CUR_WORD,
        "\
        dollar dollars euro euros pound pounds sterling pence penny cent cents yen yuan \
        renminbi rupee rupees won rand naira shilling shillings franc francs peso pesos \
        reais lira liras lire rouble roubles ruble rubles krona kronor krone kroner zloty \
        zlotys forint forints dinar dinars dirham dirhams riyal riyals rial rials ringgit \
        baht rupiah hryvnia hryvnias taka cedi cedis kwacha birr shekel shekels",
    ),
    (w::CUR_PREFIX, "rs rp"),
    (
        w::CUR_CODE,
        "\
        usd eur gbp jpy cny rmb inr chf aud cad hkd sgd nzd zar ngn kes brl mxn krw rub \
        sek nok dkk pln egp aed sar idr thb vnd pkr bdt uah ils ars huf czk myr twd",
    ),
    (
        w::UNIT | w::LENGTH,
        "\
        km kms kilometre kilometres kilometer kilometers metre metres meter meters \
        centimetre centimetres centimeter centimeters cm millimetre millimetres millimeter \
        millimeters mm mile miles yard yards foot feet ft inch inches light-year \
        light-years",
    ),
    (
        w::UNIT,
        "\
        kg kilogram kilograms kilogramme kilogrammes kilo kilos gram grams gramme grammes \
        mg milligram milligrams microgram micrograms tonne tonnes ton tons pound pounds lb \
        lbs ounce ounces oz carat carats litre litres liter liters ml millilitre \
        millilitres gallon gallons barrel barrels bbl pint pints hectare hectares acre \
        acres mph kph kmh km/h knot knots degree degrees watt watts kilowatt kilowatts \
        megawatt megawatts gigawatt gigawatts terawatt terawatts kw mw gw kwh mwh gwh twh \
        kilowatt-hours megawatt-hours gigawatt-hours terawatt-hours volt volts calorie \
        calories kcal joule joules byte bytes kilobyte kilobytes megabyte megabytes \
        gigabyte gigabytes terabyte terabytes gb mb tb mbps gbps decibel decibels db ppm \
        psi hertz hz khz mhz ghz parsec parsecs kilojoule kilojoules megajoule \
        megajoules gigajoule gigajoules terajoule terajoules kilotonne kilotonnes megatonne \
        megatonnes gigatonne gigatonnes kilovolt kilovolts megabit megabits gigabit gigabits \
        nanometre nanometres nanometer nanometers micrometre micrometres micron microns",
    ),
    (w::UNIT_MOD, "square sq cubic metric nautical"),
    (w::DEGREE, "degree degrees"),
    (w::SCALE, "celsius fahrenheit centigrade"),
    (
        w::TIME_UNIT,
        "\
        second seconds sec secs minute minutes min mins hour hours hr hrs millisecond \
        milliseconds microsecond microseconds nanosecond nanoseconds",
    ),
    (
        w::DATE_UNIT,
        "\
        day days week weeks fortnight fortnights month months year years yr yrs decade \
        decades century centuries millennium millennia weekend weekends",
    ),
    (w::ABBR, "jan feb mar apr jun jul aug sep sept oct nov dec"),
    (w::DAYPART, "morning afternoon evening night"),
    (w::DAYPART_ALONE, "tonight overnight noon midnight midday"),
    (w::REL, "last next this"),
    (w::REL_THE, "past last next coming previous following"),
    (w::EDGE, "early late mid"),
    (w::DAYREF, "today yesterday tomorrow"),
    (w::SEASON, "spring summer autumn fall winter"),
    (w::PCT_WORD, "percent pct percentage-point"),
    (w::TAIL, "ago earlier later"),
    (
        w::ZONE,
        "\
        gmt utc bst est edt cst cdt pst pdt mst mdt et pt ct cet cest eet eest ist jst kst \
        hkt sgt aest aedt awst nzst nzdt msk sast eat wat wib pkt hst akst akdt",
    ),
    (w::AMPM, "am pm a.m p.m"),
    (
        w::ID_NOUN,
        "\
        junction junctions article articles section sections flight flights page pages \
        chapter chapters room platform platforms gate gates route exit number version \
        paragraph paragraphs clause clauses rule resolution category grade tier level \
        phase season episode volume vol figure fig table terminal pier seat row block unit \
        apartment flat suite ward district zone highway interstate channel track line bus \
        psalm verse question item box lot exhibit annex appendix type model class size \
        division league",
    ),
    (w::ID_ABBR, "no nos p pp"),
    (
        w::STREET,
        "\
        street st road rd avenue ave lane drive boulevard blvd place square way court \
        terrace crescent close row gardens parade",
    ),
    (
        w::FUNC,
        "\
        the a an in on at by since until till from to of for with without after before \
        between during about around nearly almost over under below above some roughly \
        approximately just only more less fewer than up down and or but nor last next this \
        that these those each every all another its their his her our my your per within \
        through throughout among amid like as if when while although because so then now \
        both including plus minus exactly barely estimated towards toward via despite \
        against beyond past it he she we they i you there here what which who where how \
        why not aged age ages top least most",
    ),
    (
        w::TEMPORAL_PREP,
        "\
        in since until till by from of during through throughout before after between and \
        to or around circa c",
    ),
    (
        w::DUR_PREP,
        "\
        for in within than after about over under around nearly almost roughly least \
        lasting approximately spent took takes take",
    ),
    (
        w::ONE_STOP_NEXT,
        "\
        of another by way hand side point stage time thing or and more less too another \
        anything must should can could would will may might",
    ),
    (
        w::ONE_STOP_PREV,
        "no any every each the this that which such another someone anyone everyone",
    ),
    (w::FISCAL, "fiscal financial"),
    (w::RECENT, "recent"),
    (w::ANOTHER, "another"),
    (w::ARTICLE, "a an"),
    (w::THE, "the"),
    (w::FEW, "several few"),
    (w::SIGN, "minus"),
    (
        w::HOLIDAY,
        "good black bloody super cyber ash easter palm holy maundy giving shrove fat whit",
    ),
    (w::OCLOCK, "o'clock o’clock"),
];

/// Word classes with a value (a number, a month, a power of ten): `word:value` pairs.
const VALUED: &[(u64, &str)] = &[
    (
        w::NUMWORD,
        "\
        one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 \
        twelve:12 thirteen:13 fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 \
        nineteen:19 twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 \
        ninety:90",
    ),
    (
        w::MAG,
        "\
        dozen:0 hundred:2 thousand:3 k:3 lakh:5 lakhs:5 million:6 m:6 mn:6 mln:6 crore:7 \
        crores:7 billion:9 bn:9 bln:9 trillion:12 tn:12 trn:12 quadrillion:15 quintillion:18 \
        sextillion:21 septillion:24",
    ),
    (
        w::MONTH,
        "\
        january:1 jan:1 february:2 feb:2 march:3 mar:3 april:4 apr:4 may:5 june:6 jun:6 \
        july:7 jul:7 august:8 aug:8 september:9 sep:9 sept:9 october:10 oct:10 november:11 \
        nov:11 december:12 dec:12",
    ),
    (
        w::WEEKDAY,
        "monday:1 tuesday:2 wednesday:3 thursday:4 friday:5 saturday:6 sunday:7",
    ),
    (
        w::ORD,
        "\
        first:1 second:2 third:3 fourth:4 fifth:5 sixth:6 seventh:7 eighth:8 ninth:9 \
        tenth:10 eleventh:11 twelfth:12 thirteenth:13 fourteenth:14 fifteenth:15 \
        sixteenth:16 seventeenth:17 eighteenth:18 nineteenth:19 twentieth:20",
    ),
    (
        w::FRACTION,
        "\
        half:2 halves:2 third:3 thirds:3 quarter:4 quarters:4 fifth:5 fifths:5 sixth:6 \
        sixths:6 seventh:7 sevenths:7 eighth:8 eighths:8 ninth:9 ninths:9 tenth:10 \
        tenths:10",
    ),
];

/// A word's classes (bit flags from [`w`]) and its value (a number, a month...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Lex {
    flags: u64,
    val: u16,
}

impl Lex {
    fn has(self, f: u64) -> bool {
        self.flags & f != 0
    }
}

fn lexicon() -> &'static FxHashMap<&'static str, Lex> {
    static LEXICON: OnceLock<FxHashMap<&'static str, Lex>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut m: FxHashMap<&'static str, Lex> = FxHashMap::default();
        for &(flag, words) in WORDS {
            for word in words.split_whitespace() {
                m.entry(word).or_default().flags |= flag;
            }
        }
        for &(flag, pairs) in VALUED {
            for pair in pairs.split_whitespace() {
                let (word, val) = pair.split_once(':').unwrap_or((pair, "0"));
                let e = m.entry(word).or_default();
                e.flags |= flag;
                e.val = val.parse().unwrap_or(0);
            }
        }
        m
    })
}

/// Looks a word up, case-insensitively and without a final period (`Jan.`, `No.`).
fn lookup(s: &str) -> Lex {
    const MAX: usize = 24;
    let s = match s.strip_suffix('.') {
        Some(bare) if !bare.is_empty() => bare,
        _ => s,
    };
    if s.len() > MAX {
        return Lex::default();
    }
    let mut buf = [0u8; MAX];
    for (b, c) in buf.iter_mut().zip(s.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    // Lower-casing ASCII bytes keeps UTF-8 valid.
    match std::str::from_utf8(&buf[..s.len()]) {
        Ok(key) => lexicon().get(key).copied().unwrap_or_default(),
        Err(_) => Lex::default(),
    }
}

// ---------------------------------------------------------------------------
// Token readings
// ---------------------------------------------------------------------------

/// A plain decimal number: `45`, `6,500`, `0.25`, `.5`, `-2.5`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Plain {
    value: f64,
    int_digits: u8,
    frac_digits: u8,
    grouped: bool,
    lead_zero: bool,
}

impl Plain {
    fn is_int(&self) -> bool {
        self.frac_digits == 0
    }
}

/// What a token is as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Num {
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
enum Suffix {
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

fn suffix_class(s: &str) -> Suffix {
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
fn parse_plain(s: &str) -> Option<(Plain, usize)> {
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
fn parse_digits(s: &str) -> Option<(u32, u8, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 9 {
        return None;
    }
    Some((s[..n].parse().ok()?, n as u8, n))
}

fn parse_num(s: &str) -> Num {
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
fn valid_numeric_date(a: u32, da: u8, b: u32, c: u32, dc: u8) -> bool {
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
enum Comp {
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

fn is_numberish(s: &str) -> bool {
    matches!(parse_num(s), Num::Plain(_)) || lookup(s).has(w::NUMWORD)
}

fn is_ordinalish(s: &str) -> bool {
    lookup(s).has(w::ORD) || matches!(parse_num(s), Num::Glued(_, _, Suffix::Ord))
}

fn is_year_str(s: &str) -> bool {
    matches!(parse_num(s), Num::Plain(p) if p.is_int() && p.int_digits == 4 && !p.grouped && (1000.0..=2199.0).contains(&p.value))
}

fn is_decade_str(s: &str) -> bool {
    matches!(parse_num(s), Num::Glued(p, _, Suffix::Decade) if p.is_int() && (p.int_digits == 4 || p.int_digits == 2) && p.value as u32 % 10 == 0)
}

fn compound(s: &str) -> Comp {
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
enum Special {
    None,
    /// `Q1`..`Q4`: a quarter.
    Quarter,
    /// `H1`, `H2`: a half-year (a date only with a year after it).
    Half,
    /// `FY2023`, `FY23`: a fiscal year.
    Fiscal,
}

fn special(s: &str) -> Special {
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

fn is_currency_symbol(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(last) = chars.next_back() else {
        return false;
    };
    crate::tokenize::is_currency(last) && chars.all(|c| c.is_ascii_uppercase())
}

/// One token, read once: its text, word classes, number shape and case.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    s: &'a str,
    lex: Lex,
    num: Num,
    comp: Comp,
    special: Special,
    /// Starts with an upper-case letter.
    cap: bool,
    /// At least two letters, all upper-case (codes, zones).
    upper: bool,
    /// Ends with a period (`Jan.`, `No.`).
    dot: bool,
    /// A currency symbol, alone or after upper-case letters (`$`, `US$`, `€`).
    cur: bool,
    /// Could begin a match.
    anchor: bool,
}

impl<'a> Tok<'a> {
    fn new(s: &'a str) -> Self {
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

    fn has(&self, f: u64) -> bool {
        self.lex.has(f)
    }

    fn is(&self, word: &str) -> bool {
        self.s.eq_ignore_ascii_case(word)
    }

    /// A capitalised word (not a symbol or number).
    fn cap_word(&self) -> bool {
        self.cap && self.num == Num::No
    }

    fn plain(&self) -> Option<Plain> {
        match self.num {
            Num::Plain(p) => Some(p),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Matchers
// ---------------------------------------------------------------------------

type Match = Option<(usize, Label, Rule)>;

/// A cardinal phrase: `12`, `1.5 million`, `three hundred`, `a dozen`, `tens of thousands`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NpKind {
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
struct Np {
    end: usize,
    kind: NpKind,
}

/// One sentence's tokens.
struct Cx<'t, 'a> {
    t: &'t [Tok<'a>],
}

fn label_priority(l: Label) -> u8 {
    match l {
        Label::Money => 0,
        Label::Percent => 1,
        Label::Time => 2,
        Label::Date => 3,
        _ => 4,
    }
}

impl Cx<'_, '_> {
    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.t.get(i)
    }

    fn has(&self, i: usize, f: u64) -> bool {
        self.t.get(i).is_some_and(|t| t.has(f))
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.t.get(i).is_some_and(|t| t.is(word))
    }

    fn prev(&self, i: usize) -> Option<&Tok<'_>> {
        i.checked_sub(1).and_then(|k| self.t.get(k))
    }

    fn prev_has(&self, i: usize, f: u64) -> bool {
        self.prev(i).is_some_and(|t| t.has(f))
    }

    /// At the start of the sentence, or after an opening quote, bracket or dash.
    fn at_start(&self, i: usize) -> bool {
        match self.prev(i) {
            None => true,
            Some(p) => !p.s.chars().any(char::is_alphanumeric) && !matches!(p.s, "," | "%"),
        }
    }

    /// A lower-case word, or a capitalised one opening the sentence.
    fn plain_case(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| !t.cap || (self.at_start(i) && !t.upper))
    }

    /// A capitalised word that names something, so that a number after it is
    /// part of the name (`Apollo 11`), and so is a month or weekday next to it
    /// (`Theresa May`, `Sunday Times`).
    fn name_word(&self, i: usize) -> bool {
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

    fn best(&self, i: usize) -> Match {
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
    fn np(&self, i: usize) -> Option<Np> {
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
    fn mag_word(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| t.has(w::MAG) && t.s.len() > 3 && !t.is("lakh") && !t.is("crore"))
    }

    /// A number at `i` that is part of a name or identifier, a phone number,
    /// a street number or a model number, and so no count or year.
    fn identifier(&self, i: usize) -> bool {
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
    fn day_number(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| match t.num {
            Num::Plain(p) => p.is_int() && p.int_digits <= 2 && (1.0..=31.0).contains(&p.value),
            Num::Glued(p, _, Suffix::Ord) => p.is_int() && (1.0..=31.0).contains(&p.value),
            _ => false,
        })
    }

    /// A four-digit year (no context checks).
    fn year_value(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| is_year_str(t.s) && t.plain().is_some())
    }

    /// A year standing alone: `2019`; `1066` after a preposition; `300 BC`.
    fn year(&self, i: usize) -> Option<usize> {
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
    fn month_alone(&self, i: usize) -> bool {
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
    fn month_expr(&self, i: usize) -> Option<usize> {
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
    fn day_month(&self, i: usize) -> Option<usize> {
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
    fn weekday(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        t.has(w::WEEKDAY)
            && t.cap
            && !self.prev(i).is_some_and(|p| p.cap && p.has(w::HOLIDAY))
            && (self.has(i + 1, w::MONTH) || !self.name_word(i + 1))
    }

    /// `the 1990s`, `the '90s` from `j` (after `the`): the end.
    fn decade(&self, j: usize) -> Option<usize> {
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
    fn of_tail(&self, j: usize) -> Option<usize> {
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

    // --- MONEY -------------------------------------------------------------

    fn money(&self, i: usize) -> Match {
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

    fn percentage_point(&self, j: usize) -> bool {
        self.is(j, "percentage")
            && self
                .tok(j + 1)
                .is_some_and(|t| t.is("point") || t.is("points"))
    }

    fn percent(&self, i: usize) -> Match {
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

    // --- TIME --------------------------------------------------------------

    /// A time zone after a clock time: `GMT`, `EDT` (upper-case).
    fn zone(&self, j: usize) -> usize {
        if self.tok(j).is_some_and(|z| z.has(w::ZONE) && z.upper) {
            j + 1
        } else {
            j
        }
    }

    fn ampm(&self, j: usize) -> bool {
        self.tok(j)
            .is_some_and(|t| t.has(w::AMPM) && (t.s.len() > 2 || !t.cap || t.upper))
    }

    fn clock(&self, i: usize) -> Option<usize> {
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
    fn daypart(&self, j: usize) -> bool {
        self.tok(j).is_some_and(|t| t.has(w::DAYPART) && !t.cap)
    }

    fn time(&self, i: usize) -> Match {
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

    fn date(&self, i: usize) -> Match {
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
    fn period(&self, i: usize) -> Match {
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

    // --- QUANTITY ----------------------------------------------------------

    /// Whether `one` at `i` counts something (not `no one`, `one of`, `the one`).
    fn one_counts(&self, i: usize) -> bool {
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

    fn quantity(&self, i: usize) -> Match {
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
    fn speed_tail(&self, unit: usize, end: usize) -> usize {
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

// ---------------------------------------------------------------------------
// Gold files
// ---------------------------------------------------------------------------

/// One sentence of a gold file, with its mentions as byte spans into `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// The line it came from (1-based).
    pub line: usize,
    /// The sentence without markup.
    pub text: String,
    /// Mentions, in order.
    pub mentions: Vec<(Span, Label)>,
}

/// A malformed line in a gold file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct GoldError {
    pub line: usize,
    pub message: String,
}

/// Parses a gold file: one sentence per line, mentions written
/// `[[LABEL|surface]]`, lines starting with `#` and blank lines skipped.
///
/// ```
/// use newsmark::{numeric, Label};
///
/// let gold = numeric::parse_gold("# comment\nIt rose [[PERCENT|3%]] on [[DATE|Monday]].\n").unwrap();
/// assert_eq!(gold[0].text, "It rose 3% on Monday.");
/// assert_eq!(gold[0].mentions[1].1, Label::Date);
/// assert_eq!(&gold[0].text[gold[0].mentions[1].0.range()], "Monday");
/// assert!(numeric::parse_gold("a [[DATE|Monday] b").unwrap_err().to_string().starts_with("line 1:"));
/// ```
pub fn parse_gold(text: &str) -> Result<Vec<GoldSentence>, GoldError> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let err = |message: String| GoldError { line, message };
        let mut plain = String::with_capacity(raw.len());
        let mut mentions = Vec::new();
        let mut rest = raw;
        loop {
            let open = rest.find("[[");
            let close = rest.find("]]");
            match (open, close) {
                (_, Some(c)) if open.is_none_or(|o| c < o) => {
                    return Err(err(format!(
                        "\"]]\" without an opening \"[[\" at column {}",
                        raw.len() - rest.len() + c + 1
                    )));
                }
                (None, _) => {
                    plain.push_str(rest);
                    break;
                }
                (Some(o), _) => {
                    plain.push_str(&rest[..o]);
                    let after = &rest[o + 2..];
                    let column = raw.len() - rest.len() + o + 1;
                    let Some(c) = after.find("]]") else {
                        return Err(err(format!("\"[[\" at column {column} is never closed")));
                    };
                    let inner = &after[..c];
                    if inner.contains("[[") {
                        return Err(err(format!(
                            "nested \"[[\" in the mention at column {column}"
                        )));
                    }
                    let Some((label, surface)) = inner.split_once('|') else {
                        return Err(err(format!(
                            "expected [[LABEL|text]] at column {column}, found [[{inner}]]"
                        )));
                    };
                    let label: Label = label
                        .parse()
                        .map_err(|e| err(format!("at column {column}: {e}")))?;
                    if surface.trim().is_empty() || surface.trim() != surface {
                        return Err(err(format!(
                            "mention at column {column} is empty or has spaces at its edges: {surface:?}"
                        )));
                    }
                    let start = plain.len();
                    plain.push_str(surface);
                    mentions.push((Span::new(start, plain.len()), label));
                    rest = &after[c + 2..];
                }
            }
        }
        out.push(GoldSentence {
            line,
            text: plain,
            mentions,
        });
    }
    Ok(out)
}

/// Scores `predict` on gold sentences: exact span and label matches, counting
/// only the numeric labels ([`Label::NUMERIC`]) among the predictions.
pub fn evaluate<'g>(
    gold: impl IntoIterator<Item = &'g GoldSentence>,
    mut predict: impl FnMut(&Document) -> Vec<Entity>,
) -> EvalCounts {
    let mut counts = EvalCounts::default();
    for g in gold {
        let doc = Document::new(g.text.as_str());
        let pred: Vec<(Span, Label)> = predict(&doc)
            .into_iter()
            .filter(|e| Label::NUMERIC.contains(&e.label))
            .map(|e| (e.span, e.label))
            .collect();
        counts.add_spans(&g.mentions, &pred, doc.tokens().len());
    }
    counts
}

/// How often each rule family fired on gold sentences, and how often it was
/// right (exact span and label): `(rule, found, correct)` for each family that fired.
pub fn rule_precision<'g>(
    gold: impl IntoIterator<Item = &'g GoldSentence>,
) -> Vec<(Rule, usize, usize)> {
    let mut counts = [(0usize, 0usize); Rule::ALL.len()];
    for g in gold {
        let doc = Document::new(g.text.as_str());
        for (e, rule) in find_explained(&doc) {
            let c = &mut counts[rule as usize];
            c.0 += 1;
            c.1 += usize::from(g.mentions.contains(&(e.span, e.label)));
        }
    }
    Rule::ALL
        .iter()
        .zip(counts)
        .filter(|(_, (found, _))| *found > 0)
        .map(|(&rule, (found, correct))| (rule, found, correct))
        .collect()
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
mod tests {
    use super::*;

    /// Everything found in `text`, as (surface, label).
    fn found(text: &str) -> Vec<(String, Label)> {
        let doc = Document::new(text);
        find(&doc)
            .into_iter()
            .map(|e| (text[e.span.range()].to_string(), e.label))
            .collect()
    }

    /// Asserts that `text` yields exactly these mentions.
    #[track_caller]
    fn check(text: &str, expected: &[(&str, Label)]) {
        let got = found(text);
        let want: Vec<(String, Label)> =
            expected.iter().map(|&(s, l)| (s.to_string(), l)).collect();
        assert_eq!(got, want, "in {text:?}");
    }

    use Label::{Date as D, Money as M, Percent as P, Quantity as Q, Time as T};

    #[test]
    fn money_with_symbols_and_codes() {
        check(
            "a $3.5bn deal and US$12 each",
            &[("$3.5bn", M), ("US$12", M)],
        );
        check(
            "Rs 40,000 crore, Rs. 250 and ₹900",
            &[("Rs 40,000 crore", M), ("Rs. 250", M), ("₹900", M)],
        );
        check(
            "€7m for 45p, ¥300 or 99¢",
            &[("€7m", M), ("45p", M), ("¥300", M), ("99¢", M)],
        );
        check("USD 2 million was paid", &[("USD 2 million", M)]);
        check("prices of $5-10 million", &[("$5-10 million", M)]);
    }

    #[test]
    fn money_with_currency_words() {
        check("It cost 3 million euros.", &[("3 million euros", M)]);
        check("Stamps rose 40 cents.", &[("40 cents", M)]);
        check("They paid 200 Swiss francs.", &[("200 Swiss francs", M)]);
        check(
            "It raised millions of dollars.",
            &[("millions of dollars", M)],
        );
        check("A ticket is 5 pounds.", &[("5 pounds", M)]);
        // A weight, and a verb.
        check("He lost 5 pounds of fat.", &[("5 pounds", Q)]);
        check("The 3 won easily.", &[("3", Q)]);
        check("It was 2 billion won.", &[("2 billion won", M)]);
        // Rate tails stay out.
        check("Cleaners earn $11.50 an hour.", &[("$11.50", M)]);
    }

    #[test]
    fn percentages() {
        check("up 7.2% and 15 percent", &[("7.2%", P), ("15 percent", P)]);
        check("down 3 per cent, or 5pc", &[("3 per cent", P), ("5pc", P)]);
        check(
            "by half a percentage point, then 0.5 percentage points",
            &[("half a percentage point", P), ("0.5 percentage points", P)],
        );
        check(
            "a 50 basis points cut and a 3-4% rise",
            &[("50 basis points", P), ("3-4%", P)],
        );
        check("Ten percent said no.", &[("Ten percent", P)]);
    }

    #[test]
    fn clock_times() {
        check("at 6 a.m. and 6.30pm", &[("6 a.m.", T), ("6.30pm", T)]);
        check(
            "at 18:45 GMT, or 0900 GMT",
            &[("18:45 GMT", T), ("0900 GMT", T)],
        );
        check("at 9 a.m. local time", &[("9 a.m.", T)]);
        check("at 0600 local time", &[("0600", T)]);
        check(
            "at 11 o'clock and three o’clock",
            &[("11 o'clock", T), ("three o’clock", T)],
        );
        check("She won in 2:19:33.", &[("2:19:33", T)]);
        check("at 12 noon", &[("12 noon", T)]);
        // Not times: a ratio, and a decimal without am/pm.
        check("a 3:1 ratio", &[]);
        check("a score of 7.45", &[("7.45", Q)]);
    }

    #[test]
    fn parts_of_the_day() {
        check(
            "this afternoon, Sunday evening and last night",
            &[
                ("this afternoon", T),
                ("Sunday evening", T),
                ("last night", T),
            ],
        );
        check(
            "tonight or overnight, at noon",
            &[("tonight", T), ("overnight", T), ("noon", T)],
        );
        check("early Monday morning", &[("early Monday morning", T)]);
        // A programme name, not a part of the day.
        check("He appeared on Good Morning Britain.", &[]);
    }

    #[test]
    fn durations() {
        check("It took 20 minutes.", &[("20 minutes", T)]);
        check("They waited for an hour.", &[("an hour", T)]);
        check("It lasted five days.", &[("five days", D)]);
        check("He ruled for a decade.", &[("a decade", D)]);
        check(
            "after seven and a half years",
            &[("seven and a half years", D)],
        );
        check(
            "in two hours and 30 minutes",
            &[("two hours and 30 minutes", T)],
        );
        check("within a year and a half", &[("a year and a half", D)]);
        check(
            "a 72-hour truce and a 10-day trip",
            &[("72-hour", T), ("10-day", D)],
        );
        // "a day" as a rate.
        check("three meals a day", &[("three", Q)]);
    }

    #[test]
    fn relative_dates() {
        check(
            "last month and next Tuesday",
            &[("last month", D), ("next Tuesday", D)],
        );
        check(
            "three weeks ago, a week later",
            &[("three weeks ago", D), ("a week later", D)],
        );
        check(
            "over the past five years and in the coming months",
            &[("the past five years", D), ("the coming months", D)],
        );
        check("for another two years", &[("another two years", D)]);
        check(
            "in recent weeks and yesterday",
            &[("recent weeks", D), ("yesterday", D)],
        );
        // "later" is outside the span; "early"/"late" are inside.
        check(
            "later this year and late last year",
            &[("this year", D), ("late last year", D)],
        );
        check(
            "a few days ago and days later",
            &[("a few days ago", D), ("days later", D)],
        );
        check("He said Today would air it.", &[]);
    }

    #[test]
    fn calendar_dates() {
        check(
            "on March 3 and 3 March 2021",
            &[("March 3", D), ("3 March 2021", D)],
        );
        check(
            "on Sept. 9, 2019 or in August 2020",
            &[("Sept. 9, 2019", D), ("August 2020", D)],
        );
        check(
            "by mid-June or late September",
            &[("mid-June", D), ("late September", D)],
        );
        check(
            "dated 2021-05-04 and 04/05/2021",
            &[("2021-05-04", D), ("04/05/2021", D)],
        );
        check("the 4th of July", &[("4th of July", D)]);
        // "May" the month, the name and the verb.
        check("Theresa May will go in May.", &[("May", D)]);
        check("May said it may rain.", &[]);
        check("April Jones arrived.", &[]);
        // An abbreviation without a period is a month only before a day.
        check("Jan Smith met him on Jan 5.", &[("Jan 5", D)]);
    }

    #[test]
    fn weekdays() {
        check("It closed on Wednesday.", &[("Wednesday", D)]);
        check(
            "on Wednesday, Jan. 6, at the Capitol",
            &[("Wednesday, Jan. 6", D)],
        );
        check("He spoke in Ohio Friday.", &[("Friday", D)]);
        check("The Sunday Times and Good Friday", &[]);
        check("by early Tuesday", &[("early Tuesday", D)]);
    }

    #[test]
    fn years_and_periods() {
        check("in 1987 and in 2019-20", &[("1987", D), ("2019-20", D)]);
        check(
            "since the 1980s and the '60s",
            &[("the 1980s", D), ("the '60s", D)],
        );
        check(
            "in the mid-1990s and the early 2000s",
            &[("the mid-1990s", D), ("the early 2000s", D)],
        );
        check(
            "in the 18th century, a 21st-century idea",
            &[("the 18th century", D), ("21st-century", D)],
        );
        check(
            "fiscal 2022 and fiscal year 2024",
            &[("fiscal 2022", D), ("fiscal year 2024", D)],
        );
        check("in Q4 and FY2023", &[("Q4", D), ("FY2023", D)]);
        check("profit for this fiscal year", &[("this fiscal year", D)]);
        check(
            "in the fourth quarter of 2022",
            &[("the fourth quarter of 2022", D)],
        );
        check(
            "the second half of the year",
            &[("the second half of the year", D)],
        );
        check("since 1066", &[("1066", D)]);
        // A match half, and an old number that is no year.
        check("He scored in the first half.", &[]);
        check("We saw 1500 birds.", &[("1500", Q)]);
    }

    #[test]
    fn measurements() {
        check(
            "12 km and 3,000 tonnes",
            &[("12 km", Q), ("3,000 tonnes", Q)],
        );
        check("It hit 35 degrees Celsius.", &[("35 degrees Celsius", Q)]);
        check(
            "It fell to -5C, then minus 10 degrees.",
            &[("-5C", Q), ("minus 10 degrees", Q)],
        );
        check("4 million barrels a day", &[("4 million barrels", Q)]);
        check("at 80 km per hour", &[("80 km per hour", Q)]);
        check(
            "600 square miles, 2.5 million light years",
            &[("600 square miles", Q), ("2.5 million light years", Q)],
        );
        check("a 5-km run and 20mm of rain", &[("5-km", Q), ("20mm", Q)]);
        check(
            "2.5 megajoules in 40 milliseconds",
            &[("2.5 megajoules", Q), ("40 milliseconds", T)],
        );
        check("4 quintillion years", &[("4 quintillion years", D)]);
    }

    #[test]
    fn counts() {
        check(
            "12 people and 1.2 million voters",
            &[("12", Q), ("1.2 million", Q)],
        );
        check(
            "Seven died and tens of thousands fled.",
            &[("Seven", Q), ("tens of thousands", Q)],
        );
        check(
            "Hundreds of flights and a dozen eggs",
            &[("Hundreds", Q), ("a dozen", Q)],
        );
        check(
            "hundreds of millions of users",
            &[("hundreds of millions", Q)],
        );
        check("twenty-five judges", &[("twenty-five", Q)]);
        check("some 300 staff", &[("300", Q)]);
    }

    #[test]
    fn fractions() {
        check("two-thirds of voters", &[("two-thirds", Q)]);
        check("a quarter of homes", &[("a quarter", Q)]);
        check("one in four adults", &[("one in four", Q)]);
        check("half of them", &[("half", Q)]);
        // Not fractions: an ordinal, a period.
        check("a third term", &[]);
    }

    #[test]
    fn ages() {
        check(
            "a 52-year-old nurse, her 3-month-old son",
            &[("52-year-old", Q), ("3-month-old", Q)],
        );
        check("Jones, 52, and men aged 60", &[("52", Q), ("60", Q)]);
        check("He is 52 years old.", &[("52", Q)]);
        check("at the age of 71", &[("71", Q)]);
    }

    #[test]
    fn identifiers_are_not_numbers() {
        check("Apollo 13 and Article 5", &[]);
        check("between junctions 4 and 5", &[]);
        check("Route 66 and page 12", &[]);
        check("He lives at No. 7.", &[]);
        check("The 320 Series sold well.", &[]);
        check("the G20, Covid-19 and the A320", &[]);
        check("Windows 2000 and Euro 2024", &[]);
        check("version 2.1.3", &[]);
        check("the iPhone 15 and iOS 17.4", &[]);
    }

    #[test]
    fn scores_phones_streets_and_ordinals_are_not_numbers() {
        check("a 2-1 win", &[]);
        check("passed 52-48", &[]);
        check("call 0161 496 0000", &[]);
        check("call +44 20 7946 0000", &[]);
        check("10 Downing Street", &[]);
        check("the 21st time", &[]);
        check("tweet 778257943577919488", &[]);
    }

    #[test]
    fn one_as_a_pronoun() {
        check("No one was hurt.", &[]);
        check("one of the best", &[]);
        check("a new one opened", &[]);
        check("the only one", &[]);
        check("one man was hurt", &[("one", Q)]);
        check("the Formula One race and Round Two", &[]);
        check("One man was hurt.", &[("One", Q)]);
        check("up one percent", &[("one percent", P)]);
    }

    #[test]
    fn priority_and_longest_match() {
        // MONEY beats QUANTITY on "2 pounds"; TIME beats DATE on "Friday night".
        check(
            "2 pounds on Friday night",
            &[("2 pounds", M), ("Friday night", T)],
        );
        // A year range beats a score; a month-day beats a count.
        check("in 2012-2017 on June 5", &[("2012-2017", D), ("June 5", D)]);
    }

    #[test]
    fn entities_are_rules_with_family_scores() {
        let doc = Document::new("It rose 5% on Monday.");
        let found = find_explained(&doc);
        assert_eq!(found.len(), 2);
        for (e, rule) in &found {
            assert_eq!(e.origin, Origin::Rule);
            assert_eq!(e.score, rule.confidence());
            assert!(e.score > 0.0 && e.score <= 1.0);
        }
        assert_eq!(found[0].1, Rule::Percent);
        assert_eq!(found[1].1, Rule::Weekday);
    }

    #[test]
    fn lexicon_is_consistent() {
        let mut vals: FxHashMap<&str, u16> = FxHashMap::default();
        for &(_, pairs) in VALUED {
            for pair in pairs.split_whitespace() {
                let (word, val) = pair.split_once(':').expect("word:value");
                let val: u16 = val.parse().expect("a number");
                // A word in two valued classes has one value ("third": 3, "second": 2).
                if let Some(old) = vals.insert(word, val) {
                    assert_eq!(old, val, "{word}");
                }
            }
        }
        for &(_, words) in WORDS {
            for word in words.split_whitespace() {
                assert_eq!(word, word.to_lowercase(), "lexicon words are lower case");
            }
        }
        assert!(lookup("Jan.").has(w::MONTH) && lookup("JAN").has(w::ABBR));
        assert!(is_unit_word("US$") && is_unit_word("GMT") && is_unit_word("Celsius"));
        assert!(!is_unit_word("Paris") && !is_unit_word("gmt"));
    }

    #[test]
    fn parse_gold_reads_markup_and_names_bad_lines() {
        let gold = parse_gold("# header\n\nPaid [[MONEY|$5]] on [[DATE|Monday]].\nNothing here.\n")
            .unwrap();
        assert_eq!(gold.len(), 2);
        assert_eq!(gold[0].line, 3);
        assert_eq!(gold[0].text, "Paid $5 on Monday.");
        let spans: Vec<(&str, Label)> = gold[0]
            .mentions
            .iter()
            .map(|&(s, l)| (&gold[0].text[s.range()], l))
            .collect();
        assert_eq!(spans, [("$5", Label::Money), ("Monday", Label::Date)]);
        assert!(gold[1].mentions.is_empty());
        for (bad, why) in [
            ("ok\nx [[DATE|Monday y", "never closed"),
            ("ok\nx DATE|Monday]] y", "without an opening"),
            ("ok\nx [[Monday]] y", "expected [[LABEL|text]]"),
            ("ok\nx [[DAY|Monday]] y", "unknown label"),
            ("ok\nx [[DATE|]] y", "empty"),
            ("ok\nx [[DATE|a [[TIME|b]] c]] y", "nested"),
        ] {
            let e = parse_gold(bad).unwrap_err();
            assert_eq!(e.line, 2, "{bad}");
            assert!(e.to_string().starts_with("line 2: "), "{e}");
            assert!(e.to_string().contains(why), "{e} should say {why}");
        }
    }

    #[test]
    fn evaluate_counts_exact_matches() {
        let gold = parse_gold("It rose [[PERCENT|5%]] on [[DATE|Monday]] night.\n").unwrap();
        let counts = evaluate(&gold, find);
        // "Monday night" is one TIME: the DATE is missed and the TIME is wrong.
        let p = counts.label(Label::Percent);
        assert_eq!((p.gold, p.found, p.correct), (1, 1, 1));
        let o = counts.overall();
        assert_eq!((o.gold, o.found, o.correct), (2, 2, 1));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "the",
        "a",
        "on",
        "in",
        "of",
        "and",
        "last",
        "next",
        "early",
        "May",
        "Monday",
        "night",
        "2024",
        "1990s",
        "'",
        "’",
        "5",
        "12",
        "1,200",
        "3.5",
        "0800",
        "-7",
        "%",
        "$",
        "US$",
        "£",
        "€",
        "Rs.",
        "bn",
        "million",
        "km",
        "°C",
        "35°C",
        "km²",
        "p.m.",
        "10:30",
        "7.45pm",
        "3-1",
        "2022-23",
        "45-year-old",
        "two-thirds",
        "one",
        "half",
        "quarter",
        "third",
        "years",
        "ago",
        "hours",
        "GMT",
        "Sunday",
        "Times",
        "Apollo",
        "No.",
        ",",
        ".",
        "\n",
        "é",
        "😀",
        "—",
    ];

    proptest! {
        #[test]
        fn matches_are_sorted_disjoint_and_on_boundaries(
            picks in prop::collection::vec((0..PIECES.len(), any::<bool>()), 0..40)
        ) {
            let mut text = String::new();
            for (k, glue) in picks {
                text.push_str(PIECES[k]);
                if !glue {
                    text.push(' ');
                }
            }
            let doc = Document::new(text.as_str());
            let found = find(&doc);
            let mut last = 0;
            for e in &found {
                prop_assert!(e.span.start >= last && e.span.end > e.span.start);
                prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                prop_assert!(Label::NUMERIC.contains(&e.label));
                last = e.span.end;
            }
        }
    }
}
