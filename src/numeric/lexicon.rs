//! The numeric grammar's lexicon: word classes (number words, magnitudes,
//! currencies, units, months, weekdays...) as bit flags, and their lookup.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Word classes, as bit flags (a word may have several: `second`, `may`, `pounds`).
pub(super) mod w {
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
pub(super) const WORDS: &[(u64, &str)] = &[
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
pub(super) const VALUED: &[(u64, &str)] = &[
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
pub(super) struct Lex {
    pub(super) flags: u64,
    pub(super) val: u16,
}

impl Lex {
    pub(super) fn has(self, f: u64) -> bool {
        self.flags & f != 0
    }
}

/// Keyed by the words' bytes: a lookup lower-cases a token's bytes into a
/// buffer and needs no UTF-8 check to look them up (it ran for every token).
pub(super) fn lexicon() -> &'static FxHashMap<&'static [u8], Lex> {
    static LEXICON: OnceLock<FxHashMap<&'static [u8], Lex>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut m: FxHashMap<&'static [u8], Lex> = FxHashMap::default();
        for &(flag, words) in WORDS {
            for word in words.split_whitespace() {
                m.entry(word.as_bytes()).or_default().flags |= flag;
            }
        }
        for &(flag, pairs) in VALUED {
            for pair in pairs.split_whitespace() {
                let (word, val) = pair.split_once(':').unwrap_or((pair, "0"));
                let e = m.entry(word.as_bytes()).or_default();
                e.flags |= flag;
                e.val = val.parse().unwrap_or(0);
            }
        }
        m
    })
}

/// Looks a word up, case-insensitively and without a final period (`Jan.`, `No.`).
pub(super) fn lookup(s: &str) -> Lex {
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
    lexicon().get(&buf[..s.len()]).copied().unwrap_or_default()
}
