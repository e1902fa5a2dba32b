//! What the tagger's labels miss and the name or its document says: a
//! company or institution named by its last word ("Sage Therapeutics",
//! "Elliott Management", "Columbia University") or by its legal name before
//! ("Magna International Inc … Magna said"), a surname that repeats a
//! person named earlier in the document ("Luis Montenegro said …
//! Montenegro told supporters"), a one-word company that the document
//! shows to be one ("Rivian shares fell", "the chief executive of Nvidia",
//! "Binance founder Changpeng Zhao"), a person after a title ("Tesla boss
//! Elon Musk"), a known place outside a sports report ("talks with Kyiv's
//! mayor"), and a name that runs over a clause word ("Cape Canaveral as
//! Nvidia").

use crate::label::Label;
use crate::tagger::tags::TokenSpan;

/// Last words that make a name of two words or more an organisation,
/// whatever else its words look like.
#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "LLC", "Plc", "PLC", "GmbH",
    "Holdings", "Therapeutics", "Pharmaceuticals", "Biosciences", "Biotech", "Technologies",
    "Systems", "Devices", "Management", "Partners", "Capital", "Ventures", "Labs", "Bancorp",
    "Airlines", "Airways", "Motors", "Industries", "Insurance", "Securities", "Investments",
    "Enterprises", "Communications", "Networks", "Semiconductor", "Electronics", "University",
    "College", "Institute", "Council", "Commission", "Committee", "Ministry", "Agency", "Authority",
    "Association", "Foundation", "Platforms", "Group", "Healthcare", "Club", "Party", "Orchestra",
];

/// Last words that make a name a company's legal name ("Salesforce Inc").
const FIRM_ENDS: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Ltd",
    "Ltd.",
    "LLC",
    "Plc",
    "PLC",
    "GmbH",
    "AG",
    "SA",
    "NV",
    "Co",
    "Co.",
];

/// Last words of a company's trade name ("Brightline Software … showed
/// Brightline was"): its first word alone, read as a person, is the company
/// (not as a place or a demonym: "British Airways" … "British shares").
/// Most of these are in [`ORG_HEADS`] too, which types the full name; this
/// list types its first word alone.
const TRADE_ENDS: &[&str] = &[
    "Software",
    "Technologies",
    "Pharmaceuticals",
    "Therapeutics",
    "Biosciences",
    "Motors",
    "Airlines",
    "Airways",
    "Holdings",
];

/// Whether a name whose last word is `last`, of `words` words, reads as an
/// organisation by that word alone.
pub fn org_by_head(last: &str, words: usize) -> bool {
    words >= 2 && ORG_HEADS.contains(&last)
}

/// A name as the mends read it: its text, the tagger's label, and the two
/// words before it and after it in its document ("" past either end).
#[derive(Debug, Clone, Copy)]
pub struct Name<'a> {
    pub text: &'a str,
    pub label: Label,
    /// Two words back, then the word right before the name.
    pub before: [&'a str; 2],
    /// The word right after the name, then the one after that.
    pub after: [&'a str; 2],
    /// A one-word name that the lexicon's gazetteer holds as a place.
    pub place: bool,
    /// A one-word name that the gazetteer holds as an organisation, or as
    /// a first name or a surname.
    pub other: bool,
}

impl<'a> Name<'a> {
    /// A name with nothing around it.
    pub fn bare(text: &'a str, label: Label) -> Self {
        Name {
            text,
            label,
            before: ["", ""],
            after: ["", ""],
            place: false,
            other: false,
        }
    }
}

/// Words for a company's officer that a person's name follows right after
/// the company's ("Binance founder Changpeng Zhao"; "chief executive" is
/// two words and read apart).
const OFFICERS: &[&str] = &["founder", "co-founder", "CEO", "chairman", "chairwoman"];

/// What the words around a one-word name say of it as a company:
/// `Some(true)` for its chief executive, founder or analysts ("Meta's CEO",
/// "the chief executive of Nvidia", "the founder of Binance", "who
/// co-founded OpenAI" unless the gazetteer knows it as a place, "analysts
/// at Jefferies"), `Some(false)` for
/// its shares alone ("Rivian shares fell", "shares of Pirelli", "Tesla's
/// stock"), which market reports say of a country or a city too ("London
/// shares rose"), and `None` for anything else. Only words no person or
/// place has: "X's chief" may be a chief of staff, "X shares" a verb.
fn company_context(n: &Name) -> Option<bool> {
    const MARKET_VERBS: &[&str] = &[
        "fell", "rose", "jumped", "slid", "climbed", "dropped", "tumbled", "gained", "lost",
        "closed", "ended", "surged", "sank", "slipped", "soared", "plunged", "edged", "traded",
        "were", "have", "had", "are",
    ];
    if n.text.contains(char::is_whitespace) {
        return None;
    }
    let possessive = matches!(n.after[0], "'s" | "’s");
    let of = n.before[1] == "of";
    // "who co-founded OpenAI"; "slaves founded Liberia" names a place.
    let founded = matches!(n.before[1], "founded" | "co-founded" | "cofounded") && !n.place;
    // "Binance founder Changpeng Zhao", "Stellantis chief executive Carlos
    // Tavares": a company's officer named right after it; "boss" only of
    // a name no gazetteer has as a place ("England boss Gareth Southgate").
    let named = |w: &str| w.starts_with(char::is_uppercase);
    let titled = ((OFFICERS.contains(&n.after[0]) || n.after[0] == "cofounder")
        && named(n.after[1]))
        || (n.after[0] == "boss" && named(n.after[1]) && !n.place)
        || n.after == ["chief", "executive"];
    let officer = founded
        || titled
        || (possessive && matches!(n.after[1], "CEO" | "founder" | "co-founder"))
        || (of && matches!(n.before[0], "CEO" | "executive" | "founder" | "co-founder"))
        || (n.before[1] == "at"
            && matches!(
                n.before[0],
                "analyst" | "analysts" | "strategist" | "strategists" | "economist" | "economists"
            ));
    let shares = (matches!(n.after[0], "shares" | "stock") && MARKET_VERBS.contains(&n.after[1]))
        || (possessive && matches!(n.after[1], "shares" | "stock" | "shareholders"))
        || (of && matches!(n.before[0], "shares" | "stock" | "shareholders"));
    (officer || shares).then_some(officer)
}

/// Whether a document's words read as a sports report, where CoNLL names
/// clubs after their cities ("Leeds", "Bolton"): a score ("2-1") or a word
/// only sport has ("striker", "innings", "league").
#[inline(never)]
pub fn sports_report<'a>(words: impl IntoIterator<Item = &'a str>) -> bool {
    #[rustfmt::skip]
    const SPORT: &[&str] = &[
        "soccer", "football", "rugby", "cricket", "tennis", "golf", "baseball", "basketball",
        "hockey", "cycling", "athletics", "league", "cup", "striker", "midfielder", "goalkeeper",
        "innings", "wickets", "goal", "goals", "scored", "match", "matches", "tournament",
        "championship", "club", "stadium", "squad", "seeded", "semi-final", "semi-finals",
        "quarter-final", "quarter-finals", "olympic", "olympics", "prix",
    ];
    words.into_iter().any(|w| {
        let score = w.split_once('-').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        });
        score || SPORT.iter().any(|s| s.eq_ignore_ascii_case(w))
    })
}

/// Words for an office or a trade that a name right after them belongs to
/// as a person: "Tesla boss Elon Musk", "chief executive Carlos Tavares".
#[rustfmt::skip]
const PERSON_TITLES: &[&str] = &[
    "boss", "founder", "co-founder", "cofounder", "executive", "CEO", "chairman", "chairwoman",
    "president", "minister", "leader", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "governor", "senator", "mayor", "chancellor", "premier", "director", "billionaire", "tycoon",
    "entrepreneur", "candidate", "nominee", "envoy", "ambassador", "coach", "captain",
    "striker", "midfielder", "goalkeeper", "actor", "actress", "singer", "rapper", "investor",
    "judge", "prosecutor", "journalist", "activist", "economist", "analyst", "professor", "author",
    "novelist",
];

/// A name of two or three words in capitals, none a plural ("billionaire
/// Dallas Mavericks owner"), not a place, whose last word is no company
/// word, right after a title of [`PERSON_TITLES`] or after
/// "founded by": a person ("Tesla boss Elon Musk", "a company founded by
/// Elon Musk").
#[inline(never)]
fn titled_person(n: &Name) -> bool {
    let titled = PERSON_TITLES.contains(&n.before[1])
        || (n.before[1] == "by" && matches!(n.before[0], "founded" | "co-founded" | "cofounded"));
    titled && n.text.split_whitespace().count() <= 3 && person_shaped(n)
}

/// Whether a name reads like a person's full name by its shape: not a
/// place, two words or more, each in capitals and none a plural, the last
/// no company word ([`org_by_head`]).
pub(super) fn person_shaped(n: &Name) -> bool {
    let words: Vec<&str> = n.text.split_whitespace().collect();
    n.label != Label::Loc
        && words.len() >= 2
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && !w.ends_with('s'))
        && !org_by_head(words[words.len() - 1], words.len())
}

/// The labels of a document's names (in text order) after these mends:
/// - a name of two words or more that ", who" follows, not after a
///   preposition, is a person wherever it stands ("Elon Musk, who
///   co-founded OpenAI", read as ORG);
/// - a person, place or other name whose last word is one of [`ORG_HEADS`]
///   is an organisation ("Meta Platforms", "Anderson Economic Group");
/// - a one-word name read as a person that is the first word of a trade
///   name ([`TRADE_ENDS`]) named before it is that company ("Brightline
///   Software … showed Brightline was");
/// - a one-word name that is the first word of a company's legal name
///   ([`FIRM_ENDS`]) named before it is that company ("Salesforce Inc …
///   Salesforce employed"), unless the gazetteer knows it as a place
///   ("Wuxi Tong Ling Company Ltd … its factory in Wuxi") or a person of
///   the document has it for a surname ("Trump Hotels & Casino Resorts
///   Inc" beside "Donald Trump");
/// - a one-word name other than a person that is the last word of a person
///   of two words or more named before it is that person;
/// - a one-word name that the document shows to be a company somewhere
///   ([`company_context`]) is an organisation wherever it is named: a
///   person by any such sign ("Pirelli shares … Pirelli said"), a place or
///   other name only by its officers or board ("the chief executive of
///   Nvidia"); a one-word person followed by a verb and "its" ("Parcelo
///   raised its prices") is such a sign, unless a person of the document
///   has the word for a surname;
/// - a one-word organisation after "in" that the gazetteer knows as a place
///   is that place ("told reporters in Bologna", not CoNLL's club);
/// - a name of two or three words after a title ([`titled_person`]) is a
///   person wherever it is named ("Tesla boss Elon Musk");
/// - a one-word organisation that the gazetteer knows as a place and as
///   nothing else is that place unless `sports` says the document is a
///   sports report ([`sports_report`]; asked at most once, and only for
///   such a name), or a legal name of the document begins with it, or its
///   scientists or students are meant ("Oxford scientists"); so is such a
///   person after a preposition ("his villa outside Verona").
#[inline(never)]
pub fn mend(names: &[Name], sports: impl Fn() -> bool) -> Vec<Label> {
    let sports_page = std::cell::OnceCell::new();
    let mut companies: rustc_hash::FxHashMap<&str, bool> = Default::default();
    // The surnames of the document's people named in full ("Jane Parcel").
    let people: rustc_hash::FxHashSet<&str> = names
        .iter()
        .filter(|n| n.label == Label::Per)
        .flat_map(|n| n.text.split_whitespace().skip(1).last())
        .collect();
    for n in names {
        if let Some(officer) = company_context(n) {
            *companies.entry(n.text).or_insert(false) |= officer;
        }
        // "Parcelo raised its prices", "Jefferies cut its target": a verb
        // and "its" after a one-word name no one has for a surname.
        let verb = n.after[0].ends_with("ed") || n.after[0].ends_with('s');
        // "Anthropic said it had raised …": people say "he" or "she"; not
        // a word the gazetteer has for a name ("Smith said it was a great
        // win"; CoNLL train and dev: 19 organisations before "said it" or
        // "said its", 4 people).
        let said_it = matches!(n.after[0], "said" | "says") && n.after[1] == "it" && !n.other;
        if n.label == Label::Per
            && !n.text.contains(' ')
            && ((verb && n.after[1] == "its") || said_it)
            && !people.contains(n.text)
        {
            companies.entry(n.text).or_insert(false);
        }
    }
    // "Elon Musk, who co-founded OpenAI": a name of two or more words in
    // capitals, none a plural and the last no company word, not a place,
    // followed by ", who" names a person wherever it stands; not after a
    // preposition ("voters in South Carolina, who" are the voters) nor as a
    // plural ("the Liberal Democrats, who" are a party).
    let persons: rustc_hash::FxHashSet<&str> = names
        .iter()
        .filter(|n| n.after == [",", "who"])
        .filter(|n| {
            person_shaped(n)
                && !matches!(
                    n.before[1].to_lowercase().as_str(),
                    "in" | "of"
                        | "at"
                        | "for"
                        | "from"
                        | "with"
                        | "to"
                        | "on"
                        | "by"
                        | "the"
                        | "and"
                        | "against"
                        | "over"
                        | "about"
                        | "between"
                )
        })
        .chain(names.iter().filter(|n| titled_person(n)))
        .map(|n| n.text)
        .collect();
    let mut surnames: rustc_hash::FxHashSet<&str> = Default::default();
    let mut firms: rustc_hash::FxHashSet<&str> = Default::default();
    let mut trades: rustc_hash::FxHashSet<&str> = Default::default();
    names
        .iter()
        .map(|n| {
            let mut label = n.label;
            if persons.contains(n.text) {
                label = Label::Per;
            }
            let words = n.text.split_whitespace().count();
            let last = n.text.split_whitespace().next_back().unwrap_or("");
            if matches!(label, Label::Per | Label::Loc | Label::Misc) && org_by_head(last, words) {
                label = Label::Org;
            }
            if words == 1 && label != Label::Per && surnames.contains(last) {
                label = Label::Per;
            }
            if label == Label::Per && words >= 2 {
                surnames.insert(last);
            }
            if words == 1
                && label != Label::Org
                && (firms.contains(n.text) || label == Label::Per && trades.contains(n.text))
                && !people.contains(n.text)
                && !n.place
            {
                label = Label::Org;
            }
            if label == Label::Org && words >= 2 && FIRM_ENDS.contains(&last) {
                firms.extend(n.text.split_whitespace().next());
            }
            if label == Label::Org && words >= 2 && TRADE_ENDS.contains(&last) {
                trades.extend(n.text.split_whitespace().next());
            }
            // "told reporters in Bologna": a known place after "in" is the
            // place, not the club CoNLL's sports pages name after it.
            if words == 1 && label == Label::Org && n.place && n.before[1] == "in" {
                label = Label::Loc;
            }
            // "Grain ships left Odesa": a known place, not known as anything
            // else, is that place outside a sports report, where CoNLL names
            // clubs after their cities ("Leeds", "Bolton").
            if words == 1
                && n.place
                && !n.other
                && matches!(label, Label::Org | Label::Per)
                && !firms.contains(n.text)
                && !*sports_page.get_or_init(&sports)
            {
                let institution = matches!(
                    n.after[0],
                    "scientists" | "researchers" | "students" | "academics" | "professor"
                );
                let preposition = matches!(
                    n.before[1],
                    "in" | "near" | "outside" | "from" | "to" | "into" | "across" | "around" | "at"
                );
                if (label == Label::Org && !institution) || (label == Label::Per && preposition) {
                    label = Label::Loc;
                }
            }
            // "the Trump administration": CoNLL names the president in
            // it ("the Clinton administration"), not a body; an adjective
            // ("the Republican administration") stays.
            let adjective = ["an", "ic", "al", "ese", "ish", "i"]
                .iter()
                .any(|end| n.text.ends_with(end));
            if words == 1
                && matches!(label, Label::Org | Label::Misc)
                && matches!(n.after[0], "administration" | "presidency")
                && n.text.starts_with(char::is_uppercase)
                && n.text.chars().any(char::is_lowercase)
                && !adjective
            {
                label = Label::Per;
            }
            match companies.get(n.text) {
                Some(_) if label == Label::Per => Label::Org,
                Some(true) if matches!(label, Label::Loc | Label::Misc) => Label::Org,
                _ => label,
            }
        })
        .collect()
}

/// "Binance founder Changpeng Zhao", "Stellantis chief executive Carlos
/// Tavares": a word in capitals that the lexicon's vocabulary does not know
/// (so no "Former" or "The"), in no name, right before "founder",
/// "co-founder", "CEO", "chairman", "chairwoman" or "chief executive" and a
/// person, is the company; added to `entities` and their `tokens`, in order.
#[inline(never)]
pub fn officers_companies(
    doc: &crate::document::Document,
    lexicon: &crate::tagger::lexicon::Lexicon,
    entities: &mut Vec<crate::annotation::Entity>,
    tokens: &mut Vec<std::ops::Range<usize>>,
) {
    let text = |k: usize| doc.token_text(k);
    let sentences = doc.sentences();
    let mut found: Vec<(usize, f32)> = Vec::new();
    for (i, (e, t)) in entities.iter().zip(tokens.iter()).enumerate() {
        if e.label != Label::Per {
            continue;
        }
        let title = match t.start {
            s if s >= 1 && OFFICERS.contains(&text(s - 1)) => 1,
            s if s >= 2 && text(s - 2) == "chief" && text(s - 1) == "executive" => 2,
            _ => continue,
        };
        let Some(x) = t.start.checked_sub(title + 1) else {
            continue;
        };
        let word = text(x);
        let free = i == 0 || tokens[i - 1].end <= x;
        let same_sentence = sentences
            .get(sentences.partition_point(|s| s.end <= x))
            .is_some_and(|s| s.contains(&t.start));
        if free
            && same_sentence
            && word.starts_with(char::is_uppercase)
            && word.chars().all(char::is_alphanumeric)
            && lexicon.embedding(&word.to_lowercase()).is_none()
        {
            found.push((x, e.score));
        }
    }
    add_companies(doc, entities, tokens, &found);
}

/// Adds a one-token organisation at each of the token indices `found`
/// (ascending, none inside a name), with its score, to `entities` and
/// their `tokens`, keeping both in order: one merge, so a text with many
/// such words costs no more than one pass.
pub(crate) fn add_companies(
    doc: &crate::document::Document,
    entities: &mut Vec<crate::annotation::Entity>,
    tokens: &mut Vec<std::ops::Range<usize>>,
    found: &[(usize, f32)],
) {
    if found.is_empty() {
        return;
    }
    let company = |&(x, score): &(usize, f32)| {
        let entity = crate::annotation::Entity {
            span: doc.tokens()[x].span,
            label: Label::Org,
            score,
            origin: crate::annotation::Origin::Model,
            status: crate::annotation::Status::Suggested,
        };
        (entity, x..x + 1)
    };
    let old = std::mem::take(entities)
        .into_iter()
        .zip(std::mem::take(tokens));
    let mut new = found.iter().peekable();
    for (entity, range) in old {
        while let Some(added) = new.next_if(|(x, _)| *x < range.start) {
            let (e, t) = company(added);
            entities.push(e);
            tokens.push(t);
        }
        entities.push(entity);
        tokens.push(range);
    }
    for (e, t) in new.map(company) {
        entities.push(e);
        tokens.push(t);
    }
}

/// Lower-case words that no name of CoNLL-2003 (train and dev) or the
/// wikigold sample runs over, though each is common there: clause words
/// and verbs ("as" 813 times outside names, never inside).
#[rustfmt::skip]
const NEVER_IN_NAMES: &[&str] = &[
    "as", "while", "when", "because", "since", "than", "said", "says", "told", "was", "were",
    "are", "has", "had", "have", "but", "if", "that", "which", "who", "after", "before",
    "during", "despite", "amid",
];

/// The tagger's names of a sentence of `words`, each cut at the words of
/// [`NEVER_IN_NAMES`] it runs over ("from Cape Canaveral as Nvidia shares
/// rose" gave one name): its parts keep its label and score; `spans` come
/// back as they are where nothing is cut.
#[inline(never)]
pub fn split_at_clause_words(
    words: &[&str],
    spans: Vec<(TokenSpan, f32)>,
) -> Vec<(TokenSpan, f32)> {
    let clause = |t: usize| NEVER_IN_NAMES.contains(&words[t]);
    if !spans.iter().any(|(s, _)| (s.start..s.end).any(clause)) {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len() + 1);
    for (s, score) in spans {
        let mut start = s.start;
        for t in s.start..=s.end {
            if t == s.end || clause(t) {
                if start < t {
                    out.push((TokenSpan { start, end: t, ..s }, score));
                }
                start = t + 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name with the words around it, not a known place.
    fn name(
        text: &'static str,
        label: Label,
        before: [&'static str; 2],
        after: [&'static str; 2],
    ) -> Name<'static> {
        Name {
            text,
            label,
            before,
            after,
            place: false,
            other: false,
        }
    }

    #[test]
    fn a_surname_repeats_its_person_and_a_company_word_makes_an_organisation() {
        let names = [
            ("Luis Montenegro", Label::Per),
            ("Sage Therapeutics", Label::Per),
            ("Montenegro", Label::Loc),
            ("Elliott Management", Label::Loc),
            ("Chega", Label::Org),
        ]
        .map(|(t, l)| Name::bare(t, l));
        assert_eq!(
            mend(&names, || false),
            [Label::Per, Label::Org, Label::Per, Label::Org, Label::Org]
        );
        // A place named before the person keeps its label; one word alone
        // is no company by its word.
        let names = [
            ("Jordan", Label::Loc),
            ("Michael Jordan", Label::Per),
            ("Management", Label::Per),
        ]
        .map(|(t, l)| Name::bare(t, l));
        assert_eq!(mend(&names, || false), [Label::Loc, Label::Per, Label::Per]);
    }

    #[test]
    fn the_name_before_administration_is_the_president() {
        let name = |text: &'static str, label| Name {
            before: ["", "the"],
            after: ["administration", "said"],
            ..Name::bare(text, label)
        };
        let names = [
            name("Trump", Label::Org),
            name("Biden", Label::Misc),
            name("Republican", Label::Misc),
            name("EU", Label::Org),
        ];
        assert_eq!(
            mend(&names, || false),
            [Label::Per, Label::Per, Label::Misc, Label::Org]
        );
    }

    #[test]
    fn a_name_that_who_follows_is_a_person() {
        let name = |text, label, before: [&'static str; 2]| Name {
            before,
            after: [",", "who"],
            ..Name::bare(text, label)
        };
        let names = [
            name("Elon Musk", Label::Org, ["", "."]),
            Name::bare("Elon Musk", Label::Org),
            // The voters, the party, the place: not the name.
            name("South Carolina", Label::Loc, ["voters", "in"]),
            name("Sierra Club", Label::Org, ["members", "of"]),
            name("Liberal Democrats", Label::Org, [".", "The"]),
            name("Chevron", Label::Org, ["", "."]),
        ];
        assert_eq!(
            mend(&names, || false),
            [
                Label::Per,
                Label::Per,
                Label::Loc,
                Label::Org,
                Label::Org,
                Label::Org
            ]
        );
    }

    #[test]
    fn a_company_named_by_its_legal_name_keeps_its_label_in_one_word() {
        let place = |text| Name {
            place: true,
            ..Name::bare(text, Label::Loc)
        };
        let names = [
            Name::bare("Magna", Label::Per),
            Name::bare("Magna International Inc", Label::Org),
            Name::bare("Magna", Label::Per),
            Name::bare("Ruch SA", Label::Org),
            Name::bare("Ruch", Label::Loc),
            Name::bare("Anderson Economic Group", Label::Misc),
            // A city that gives a company its name stays a city.
            Name::bare("Wuxi Tong Ling Company Ltd", Label::Org),
            place("Wuxi"),
            // A person who gives a company a name stays a person.
            Name::bare("Donald Trump", Label::Per),
            Name::bare("Trump Shuttle Inc", Label::Org),
            Name::bare("Trump", Label::Per),
        ];
        assert_eq!(
            mend(&names, || false),
            [
                Label::Per,
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Loc,
                Label::Per,
                Label::Org,
                Label::Per
            ]
        );
    }

    #[test]
    fn a_company_named_by_its_shares_or_officers_is_an_organisation_everywhere() {
        // "Meta said … Meta's CEO": both mentions; "the founder of Binance"
        // makes a place an organisation; "Rivian shares fell" a person, not a
        // place; "Clinton's chief of staff" and "Trump shares his …" nothing.
        let names = [
            name("Meta", Label::Per, ["", ""], ["said", "on"]),
            name("Meta", Label::Per, ["", "."], ["'s", "CEO"]),
            name("Binance", Label::Loc, ["founder", "of"], [",", "was"]),
            name("Jefferies", Label::Loc, ["analysts", "at"], ["wrote", "in"]),
            name("Clinton", Label::Per, ["", ""], ["'s", "chief"]),
            name("Trump", Label::Per, ["", ""], ["shares", "his"]),
            name("Rivian", Label::Per, ["", ""], ["shares", "fell"]),
            name("London", Label::Loc, ["", ""], ["shares", "rose"]),
            name("Paris", Label::Loc, ["", "in"], ["'s", "mayor"]),
            name(
                "OpenAI",
                Label::Misc,
                ["who", "co-founded"],
                ["before", "leaving"],
            ),
            Name {
                place: true,
                ..name("Liberia", Label::Loc, ["slaves", "founded"], ["in", "1847"])
            },
        ];
        assert_eq!(
            mend(&names, || false),
            [
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Per,
                Label::Per,
                Label::Org,
                Label::Loc,
                Label::Loc,
                Label::Org,
                Label::Loc
            ]
        );
        // Two words are no company by these signs ("Dow Jones shares" is a name of its own).
        let names = [name("Dow Jones", Label::Per, ["", ""], ["shares", "fell"])];
        assert_eq!(mend(&names, || false), [Label::Per]);
    }

    #[test]
    fn its_makes_a_company_and_in_a_known_place_makes_a_place() {
        // In a sports report (`|| true`), where a club may bear its city's name.
        let bologna = |label, before| Name {
            place: true,
            ..name("Bologna", label, before, ["normally", "gets"])
        };
        let names = [
            name("Parcelo", Label::Per, ["", ""], ["raised", "its"]),
            name("Parcelo", Label::Per, ["ordered", ""], ["to", "pay"]),
            bologna(Label::Org, ["what", ""]),
            bologna(Label::Org, ["reporters", "in"]),
            // A person named in full keeps the surname a person's.
            name("Dana Reyes", Label::Per, ["", ""], ["said", ""]),
            name("Reyes", Label::Per, ["", ""], ["cut", "its"]),
        ];
        assert_eq!(
            mend(&names, || true),
            [
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Loc,
                Label::Per,
                Label::Per
            ]
        );
    }

    #[test]
    fn a_known_place_outside_sport_is_the_place() {
        let place = |text, label, before: [&'static str; 2], after| Name {
            place: true,
            ..name(text, label, before, after)
        };
        let names = [
            place(
                "Odesa",
                Label::Org,
                ["ships", "left"],
                ["despite", "Russian"],
            ),
            place(
                "Verona",
                Label::Per,
                ["villa", "outside"],
                ["between", "July"],
            ),
            // A person after no preposition, a place known as something
            // else, a university's scientists: as the tagger read them.
            place("Kan", Label::Per, ["", ""], ["told", "a"]),
            Name {
                other: true,
                ..place("Kingston", Label::Org, ["percent", "of"], [",", "the"])
            },
            place("Oxford", Label::Org, ["by", ""], ["scientists", "in"]),
        ];
        assert_eq!(
            mend(&names, || false),
            [Label::Loc, Label::Loc, Label::Per, Label::Org, Label::Org]
        );
        // In a sports report the city is the club.
        assert_eq!(mend(&names[..1], || true), [Label::Org]);
    }

    #[test]
    fn a_title_makes_a_person_and_an_officer_makes_a_company() {
        let names = [
            name("Tesla", Label::Org, ["", ""], ["boss", "Elon"]),
            name("Elon Musk", Label::Org, ["Tesla", "boss"], ["said", "the"]),
            name("Elon Musk", Label::Org, ["", ""], ["'s", "SpaceX"]),
            name("Stellantis", Label::Per, ["", ""], ["chief", "executive"]),
            name("Amazon", Label::Loc, ["", ""], ["founder", "Jeff"]),
            name(
                "Jeff Bezos",
                Label::Per,
                ["Amazon", "founder"],
                ["sold", "shares"],
            ),
            name("Xylo", Label::Misc, ["", ""], [",", "founded"]),
            name("Ana Ruiz", Label::Org, ["founded", "by"], [".", ""]),
            // A plural is no person ("billionaire Dallas Mavericks owner"),
            // nor a name ending in a company word.
            name(
                "Dallas Mavericks",
                Label::Org,
                ["", "billionaire"],
                ["owner", ","],
            ),
            name(
                "Lehman Brothers Group",
                Label::Org,
                ["lead", "manager"],
                [".", ""],
            ),
        ];
        assert_eq!(
            mend(&names, || false),
            [
                Label::Org,
                Label::Per,
                Label::Per,
                Label::Org,
                Label::Org,
                Label::Per,
                Label::Misc,
                Label::Per,
                Label::Org,
                Label::Org
            ]
        );
        // "England boss Gareth Southgate": a place's boss is its team's.
        let england = Name {
            place: true,
            ..name("England", Label::Loc, ["", ""], ["boss", "Gareth"])
        };
        assert_eq!(mend(&[england], || true), [Label::Loc]);
    }

    #[test]
    fn a_sports_report_is_read_from_its_score_or_words() {
        assert!(sports_report(
            "Leeds beat Bolton 2-1 on Saturday".split(' ')
        ));
        assert!(sports_report("SOCCER - ENGLISH LEAGUE RESULTS".split(' ')));
        assert!(!sports_report(
            "Grain ships left Odesa on 12-hour shifts".split(' ')
        ));
        assert!(!sports_report("The vote was 5 - 4".split(' ')));
    }

    #[test]
    fn a_name_is_cut_at_a_clause_word() {
        let words: Vec<&str> = "from Cape Canaveral as Nvidia shares rose , Bank of America said"
            .split(' ')
            .collect();
        let span = |start, end| {
            (
                TokenSpan {
                    start,
                    end,
                    label: Label::Org,
                },
                0.5,
            )
        };
        assert_eq!(
            split_at_clause_words(&words, vec![span(1, 5), span(8, 11)]),
            [span(1, 3), span(4, 5), span(8, 11)]
        );
        // "of" is in names ("Bank of America"): nothing to cut.
        assert_eq!(
            split_at_clause_words(&words, vec![span(8, 11)]),
            [span(8, 11)]
        );
    }
}
