//! What a name's shape and the names beside it say of its type: names in
//! a list share one ("Microsoft, Meta and Alphabet"), and two words run
//! together are a company ("TikTok", "ByteDance"). Read after the tagger,
//! with the other mends of [`super::names`].

use super::names::Name;
use crate::label::Label;

/// The mends of this module, applied to the labels [`super::names::mend`]
/// gave `names`: a one-word person in [`camel_case`] is a company, then
/// [`coordinated`] lists, then [`place_by_first_word`] and [`body_of`].
pub fn mend(names: &[Name], labels: &mut [Label]) {
    for (n, label) in names.iter().zip(labels.iter_mut()) {
        if *label == Label::Per && !n.text.contains(' ') && camel_case(n.text) {
            *label = Label::Org;
        }
    }
    coordinated(names, labels);
    for (n, label) in names.iter().zip(labels.iter_mut()) {
        if matches!(label, Label::Per | Label::Org) && place_by_first_word(n.text) {
            *label = Label::Loc;
        }
        if matches!(label, Label::Per | Label::Loc | Label::Misc) && body_of(n.text) {
            *label = Label::Org;
        }
        if matches!(label, Label::Per | Label::Loc | Label::Org) && law(n.text) {
            *label = Label::Misc;
        }
        if matches!(label, Label::Per | Label::Loc | Label::Org) && product(n) {
            *label = Label::Misc;
        }
        // "Bukayo Saka scored in the 89th minute": a full name before a verb
        // of scoring is a player (CoNLL train and dev: 18 of the 20 names of
        // two words or more before one are people; "Sao Paulo" and "Czech
        // Republic" the others).
        if matches!(label, Label::Org | Label::Misc)
            && SCORING.contains(&n.after[0])
            && super::names::person_shaped(n)
        {
            *label = Label::Per;
        }
    }
}

/// "its Blackwell chips", "Boeing's Starliner capsule", "its Autopilot
/// system": a name between a possessive and a product's noun is the
/// product's (CoNLL train and dev: 2 of 2 such names are MISC, "'s Windows
/// 95 computer").
fn product(n: &Name) -> bool {
    #[rustfmt::skip]
    const PRODUCTS: &[&str] = &[
        "chip", "chips", "model", "models", "phone", "phones", "smartphone", "smartphones",
        "capsule", "system", "app", "software", "platform", "chatbot", "vaccine", "drug",
        "rocket", "jet", "jets", "aircraft", "car", "cars", "console", "engine", "satellite",
        "truck", "plane", "processor", "processors", "device", "devices", "browser", "missile",
    ];
    matches!(n.before[1], "its" | "their" | "his" | "her" | "'s" | "’s")
        && PRODUCTS.contains(&n.after[0])
}

/// Verbs of scoring in a match report, for [`mend`].
const SCORING: &[&str] = &[
    "scored",
    "netted",
    "headed",
    "levelled",
    "equalised",
    "equalized",
];

/// "the First Amendment", "the Clean Air Act", "the Paris Agreement": a name
/// of two to six words that ends in a law's or a treaty's noun is MISC
/// (CoNLL train and dev: 9 of the 11 such names are; "Penn Treaty", a
/// company, is the other one).
fn law(text: &str) -> bool {
    #[rustfmt::skip]
    const LAWS: &[&str] = &[
        "Act", "Amendment", "Treaty", "Accord", "Accords", "Agreement", "Protocol", "Bill",
        "Doctrine",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len()) && words.last().is_some_and(|w| LAWS.contains(w))
}

/// "Bank of England", "League of Rights", "University of Mostar": a name
/// with a body's noun before "of" inside it is an organisation (CoNLL train
/// and dev: 67 of the 68 names with such a noun and "of" are).
fn body_of(text: &str) -> bool {
    #[rustfmt::skip]
    const BODIES: &[&str] = &[
        "League", "Association", "Federation", "Society", "Council", "Bank", "University",
        "Union", "Ministry", "Institute", "Party", "Organisation", "Organization", "Commission",
        "Committee", "Movement", "Front", "Church", "Academy", "Court", "Department", "Office",
        "College", "Board", "Agency", "Bureau", "Alliance", "Coalition",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .any(|w| w[1] == "of" && BODIES.contains(&w[0]))
}

/// "Cape Canaveral", "Mount Kenya": a name of two or three words opening
/// with a place's word is a place (CoNLL train and dev: 5 of 5 names
/// opening with "Cape" and 3 of 3 with "Mount" are), unless its last word
/// makes it an organisation ("Mount Sinai Hospital" is left to the tagger).
fn place_by_first_word(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && matches!(words[0], "Cape" | "Mount" | "Mt.")
        && words[1..].iter().all(|w| w.starts_with(char::is_uppercase))
        && !super::names::org_by_head(words[words.len() - 1], words.len())
        && !matches!(
            words[words.len() - 1],
            "Hospital" | "School" | "Inc" | "Corp"
        )
}

/// "investigations into Google and Meta", "Microsoft, Meta and Alphabet":
/// names in a list joined by commas and a last "and" or "or" share their
/// type (CoNLL train: 308 of 347 pairs joined by "and" or "or"; a person
/// beside a company is 11 pairs). A one-word person in a list with an
/// organisation is one too; then a one-word person, place or organisation
/// takes the type most of the list's one-word names have, if most have one.
/// A name followed by "'s" is no member ("… and Japan's Hidemichi Tanaki").
/// Not across two clauses ("the U.S. Navy and Sake is an amusement park
/// veteran") nor between two titled people ("midfielder Andre and Santos
/// defender Narciso").
fn coordinated(names: &[Name], labels: &mut [Label]) {
    let joined = |a: &Name, b: &Name| {
        matches!(a.after[0], "," | "and" | "or")
            && b.before[1] == a.after[0]
            && a.text.ends_with(b.before[0])
            && !matches!(b.after[0], "'s" | "’s")
    };
    let kinds = |l: Label| matches!(l, Label::Per | Label::Org | Label::Loc);
    let mut i = 0;
    while i < names.len() {
        let mut j = i;
        while j + 1 < names.len() && joined(&names[j], &names[j + 1]) {
            j += 1;
        }
        let (first, last) = (i, j);
        i = j + 1;
        let b = &names[last];
        let clause = matches!(b.after[0], "is" | "was" | "has" | "had" | "said" | "says");
        let titled = b.after[0].starts_with(char::is_lowercase)
            && b.after[1].starts_with(char::is_uppercase);
        if last == first || !matches!(b.before[1], "and" | "or") || clause || titled {
            continue;
        }
        let one_word = |k: usize| !names[k].text.contains(' ');
        let members = first..=last;
        if members.clone().any(|k| labels[k] == Label::Org) {
            for k in members.clone() {
                if labels[k] == Label::Per && one_word(k) {
                    labels[k] = Label::Org;
                }
            }
        }
        // Most of the one-word names: a place before a list of people
        // ("At Minnesota, Marty Cordova and Matt Lawton hit …") stays.
        let short = || members.clone().filter(|&k| one_word(k));
        let most = [Label::Per, Label::Org, Label::Loc]
            .into_iter()
            .find(|&l| 2 * short().filter(|&k| labels[k] == l).count() > short().count());
        if let Some(most) = most {
            for k in members {
                if one_word(k) && kinds(labels[k]) {
                    labels[k] = most;
                }
            }
        }
    }
}

/// A word written in camel case as company names are ("TikTok",
/// "ByteDance", "YouTube"): two words run together, each a capital
/// and small letters, not after a surname's prefix ("McCain", "DeSantis",
/// "MacArthur"). CoNLL train and dev: 55 of 76 words with inner capitals
/// are organisations, 7 MISC, 6 not names (month pairs such as "JulAug").
/// A capital alone at the end is left out: wikigold's "TraX" is a product.
pub fn camel_case(word: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "Mc", "Mac", "De", "Da", "Di", "Du", "La", "Le", "Van", "Von", "Fitz", "Del", "Des", "Dos",
    ];
    // Most words have no capital after the first letter: out at once.
    let bytes = word.as_bytes();
    if bytes.len() < 4
        || !bytes[0].is_ascii_uppercase()
        || !bytes[1..].iter().any(u8::is_ascii_uppercase)
    {
        return false;
    }
    let capitals = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    let second = (1..bytes.len()).find(|&i| bytes[i].is_ascii_uppercase());
    bytes.iter().all(u8::is_ascii_alphabetic)
        && capitals == 2
        && second.is_some_and(|i| i >= 2 && !PREFIXES.contains(&&word[..i]))
        && (0..bytes.len())
            .filter(|&i| bytes[i].is_ascii_uppercase())
            .all(|i| bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase))
        && !MONTHS.iter().any(|m| word.starts_with(m))
}

/// "the WHO warned", "Leaders of the G20 met": an acronym after "the"
/// that no name holds, followed by a verb in the past tense or of saying,
/// is an organisation. Capitals and digits, two to five of them, a letter
/// first; the verb in lower case, so that a headline in capitals ("THE WHO
/// SAID") is left out.
#[inline(never)]
pub fn acronym_bodies(
    doc: &crate::document::Document,
    entities: &mut Vec<crate::annotation::Entity>,
    tokens: &mut Vec<std::ops::Range<usize>>,
) {
    let n = doc.tokens().len();
    let found = free_tokens(doc, tokens, |x| {
        let w = doc.token_text(x);
        let b = w.as_bytes();
        let shaped = (2..=5).contains(&b.len())
            && b[0].is_ascii_uppercase()
            && b.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if x == 0 || !shaped || TITLES_AND_FIGURES.contains(&w) {
            return false;
        }
        // A body acts; an index or a ratio is acted on ("the CRR could be
        // raised", "The BEL20 is the benchmark").
        let next = if x + 1 < n { doc.token_text(x + 1) } else { "" };
        let acts = (next.ends_with("ed") && next.starts_with(char::is_lowercase))
            || matches!(
                next,
                "said" | "says" | "told" | "met" | "held" | "sent" | "gave"
            );
        matches!(doc.token_text(x - 1), "the" | "The") && acts
    });
    super::names::add_companies(doc, entities, tokens, &found);
}

/// Titles and figures, not bodies: "The CEO said", "the CPI rose".
#[rustfmt::skip]
const TITLES_AND_FIGURES: &[&str] = &[
    "CEO", "CFO", "COO", "CTO", "CIO", "PM", "MP", "MEP", "DJ", "TV", "AI", "IPO", "GDP", "CPI",
    "PPI", "PMI", "VAT", "MVP", "ERA",
];

/// The tokens that no name of `tokens` (in order) holds and that `keep`
/// takes, each with the score 0.5 that a shape gives an added name.
fn free_tokens(
    doc: &crate::document::Document,
    tokens: &[std::ops::Range<usize>],
    keep: impl Fn(usize) -> bool,
) -> Vec<(usize, f32)> {
    let mut found = Vec::new();
    let mut at = 0;
    for x in 0..doc.tokens().len() {
        while at < tokens.len() && tokens[at].end <= x {
            at += 1;
        }
        let held = at < tokens.len() && tokens[at].start <= x;
        if !held && keep(x) {
            found.push((x, 0.5));
        }
    }
    found
}

/// Month abbreviations: "JulAug" in a table is a pair of months.
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A word in [`camel_case`] that no name holds is a company ("TikTok faces
/// a ban", which the tagger missed); added to `entities` and their
/// `tokens`, in order.
#[inline(never)]
pub fn camel_case_companies(
    doc: &crate::document::Document,
    entities: &mut Vec<crate::annotation::Entity>,
    tokens: &mut Vec<std::ops::Range<usize>>,
) {
    let n = doc.tokens().len();
    let found = free_tokens(doc, tokens, |x| {
        // Not a piece of a hyphenated word ("Attribution-NonCommercial").
        let hyphen =
            (x > 0 && doc.token_text(x - 1) == "-") || (x + 1 < n && doc.token_text(x + 1) == "-");
        camel_case(doc.token_text(x)) && !hyphen
    });
    super::names::add_companies(doc, entities, tokens, &found);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The labels of `names` after [`mend`].
    fn mended(names: &[Name]) -> Vec<Label> {
        let mut labels: Vec<Label> = names.iter().map(|n| n.label).collect();
        mend(names, &mut labels);
        labels
    }

    #[test]
    fn a_body_of_something_is_an_organisation() {
        let one = |text: &'static str, label: Label| mended(&[Name::bare(text, label)])[0];
        assert_eq!(one("Canadian League of Rights", Label::Misc), Label::Org);
        assert_eq!(one("Bank of England", Label::Loc), Label::Org);
        assert_eq!(one("Isle of Man", Label::Loc), Label::Loc);
        assert_eq!(one("Duke of York", Label::Per), Label::Per);
    }

    #[test]
    fn a_law_or_a_treaty_is_misc() {
        let one = |text: &'static str, label: Label| mended(&[Name::bare(text, label)])[0];
        assert_eq!(one("First Amendment", Label::Org), Label::Misc);
        assert_eq!(one("Clean Air Act", Label::Loc), Label::Misc);
        // One word is no law's name ("Bill" is a first name).
        assert_eq!(one("Bill", Label::Per), Label::Per);
    }

    #[test]
    fn a_name_between_a_possessive_and_a_product_noun_is_misc() {
        let named = |before: &'static str, after: &'static str| {
            let mut n = Name::bare("Blackwell", Label::Org);
            n.before = ["company", before];
            n.after = [after, "."];
            mended(&[n])[0]
        };
        assert_eq!(named("'s", "chips"), Label::Misc);
        assert_eq!(named("its", "system"), Label::Misc);
        // Without the possessive, a maker's name: "Nvidia chips".
        assert_eq!(named("the", "chips"), Label::Org);
    }

    #[test]
    fn a_full_name_that_scored_is_a_player() {
        let scorer = |text: &'static str, label: Label| {
            let mut n = Name::bare(text, label);
            n.after = ["scored", "in"];
            mended(&[n])[0]
        };
        assert_eq!(scorer("Bukayo Saka", Label::Org), Label::Per);
        // One word may be a club ("Arsenal scored twice"), and a place stays.
        assert_eq!(scorer("Arsenal", Label::Org), Label::Org);
        assert_eq!(scorer("Czech Republic", Label::Loc), Label::Loc);
    }

    #[test]
    fn a_cape_or_a_mount_is_a_place() {
        let one = |text: &'static str, label: Label| mended(&[Name::bare(text, label)])[0];
        assert_eq!(one("Cape Canaveral", Label::Per), Label::Loc);
        assert_eq!(one("Mount Kenya", Label::Org), Label::Loc);
        assert_eq!(one("Mount Sinai Hospital", Label::Org), Label::Org);
        assert_eq!(one("Cape", Label::Per), Label::Per);
    }

    #[test]
    fn a_person_joined_to_a_company_by_and_is_a_company() {
        let pair = |a: &'static str, b: &'static str, after: [&'static str; 2]| {
            [
                Name {
                    after: ["and", b],
                    ..Name::bare(a, Label::Org)
                },
                Name {
                    before: [a, "and"],
                    after,
                    ..Name::bare(b, Label::Per)
                },
            ]
        };
        let labels = |names: [Name; 2]| mended(&names);
        assert_eq!(
            labels(pair("Google", "Meta", [",", "officials"])),
            [Label::Org; 2]
        );
        // Two clauses, or two titled people: the person stays.
        assert_eq!(labels(pair("Navy", "Sake", ["is", "an"]))[1], Label::Per);
        assert_eq!(
            labels(pair("Santos", "Andre", ["defender", "Narciso"]))[1],
            Label::Per
        );
        // Not joined: something stands between the two.
        let mut apart = pair("Google", "Meta", [".", ""]);
        apart[1].before = ["Europe", "and"];
        assert_eq!(labels(apart)[1], Label::Per);
    }

    #[test]
    fn a_list_shares_the_type_of_most_of_its_one_word_names() {
        // "Microsoft, Meta and Alphabet": the person joins the company, and
        // then the place joins the two.
        let list = |items: [(&'static str, Label); 3], after: [&'static str; 2]| {
            let (a, b, c) = (items[0].0, items[1].0, items[2].0);
            [
                Name {
                    after: [",", b],
                    ..Name::bare(a, items[0].1)
                },
                Name {
                    before: [a, ","],
                    after: ["and", c],
                    ..Name::bare(b, items[1].1)
                },
                Name {
                    before: [b, "and"],
                    after,
                    ..Name::bare(c, items[2].1)
                },
            ]
        };
        let tech = list(
            [
                ("Microsoft", Label::Org),
                ("Meta", Label::Per),
                ("Alphabet", Label::Loc),
            ],
            ["have", "all"],
        );
        assert_eq!(mended(&tech), [Label::Org; 3]);
        // A place before a list of people keeps its type.
        let people = list(
            [
                ("Minnesota", Label::Loc),
                ("Marty Cordova", Label::Per),
                ("Matt Lawton", Label::Per),
            ],
            ["hit", "solo"],
        );
        assert_eq!(mended(&people), [Label::Loc, Label::Per, Label::Per]);
        // A possessor is no member: "… and Japan's Hidemichi Tanaki".
        let owner = list(
            [
                ("Mayfair", Label::Per),
                ("Goydos", Label::Per),
                ("Japan", Label::Loc),
            ],
            ["'s", "Hidemichi"],
        );
        assert_eq!(mended(&owner)[2], Label::Loc);
    }

    #[test]
    fn two_words_run_together_make_a_company() {
        for word in ["TikTok", "ByteDance", "YouTube", "HuffPost", "AbbVie"] {
            assert!(camel_case(word), "{word}");
        }
        // Surnames, month pairs, a capital at the end, three words, capitals.
        for word in [
            "McCain",
            "DeSantis",
            "MacArthur",
            "JulAug",
            "TraX",
            "OpenAI",
            "FollowSharePost",
            "NASA",
            "Tik",
            "iPhone",
        ] {
            assert!(!camel_case(word), "{word}");
        }
        // A person the tagger read in camel case is the company.
        assert_eq!(mended(&[Name::bare("ByteDance", Label::Per)]), [Label::Org]);
    }
}
