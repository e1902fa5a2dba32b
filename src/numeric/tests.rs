use super::*;
use rustc_hash::FxHashMap;

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
    let want: Vec<(String, Label)> = expected.iter().map(|&(s, l)| (s.to_string(), l)).collect();
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
    let gold =
        parse_gold("# header\n\nPaid [[MONEY|$5]] on [[DATE|Monday]].\nNothing here.\n").unwrap();
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
