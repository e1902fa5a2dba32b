//! What the text says a name is. News describes a name the reader may not
//! know right after it: "Anthropic, the San Francisco start-up behind the
//! Claude chatbot, said …", "Goma, the largest city in eastern Congo"; and
//! encyclopedic text says it with a copula: "Avdiivka is a town in …". The
//! description's head noun names the type, whatever the word vectors
//! guess. Read after [`super::names`], [`super::shapes`] and
//! [`super::mentions`].

use crate::document::Document;
use crate::label::Label;
use std::ops::Range;

/// Head nouns of a description that make a name an organisation. Nouns a
/// person may be described by are left out ("the owner of", "the property
/// developer", "the film producer", "a giant of jazz").
#[rustfmt::skip]
const ORGANISATIONS: &[&str] = &[
    "company", "firm", "start-up", "startup", "group", "chipmaker", "carmaker",
    "automaker", "drugmaker", "retailer", "bank", "lender", "insurer", "airline", "carrier",
    "conglomerate", "manufacturer", "broadcaster",
    "newspaper", "agency", "party", "union", "alliance", "coalition", "organisation",
    "organization", "charity", "militia", "movement", "club", "channel", "outlet", "brand",
    "chain", "exchange", "university", "institute", "regulator", "watchdog", "nonprofit",
    "non-profit", "supplier", "subsidiary", "band", "orchestra", "label", "team", "magazine",
];

/// Head nouns of a description that make a name a place.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "city", "town", "village", "capital", "region", "province", "country", "island", "port",
    "district", "county", "suburb", "neighbourhood", "neighborhood", "enclave", "territory",
    "stronghold", "peninsula", "river", "lake", "mountain", "valley", "municipality", "borough",
    "state", "republic", "settlement", "oblast",
];

/// Of [`PLACES`], the nouns of "the city of X": not "stronghold" or
/// "enclave" ("a stronghold of Hamas" is no place named Hamas), nor
/// "state" ("the state of Israel" is the tagger's).
#[rustfmt::skip]
const PLACES_OF: &[&str] = &[
    "city", "town", "village", "capital", "region", "province", "district", "county", "suburb",
    "port", "island", "peninsula", "neighbourhood", "neighborhood", "municipality", "borough",
    "oblast", "residents", "towns", "villages", "cities", "mayor",
];

/// Head nouns of a description that make a name a person: occupations
/// of encyclopedic text ("Smith is an American actor"), singular only, as
/// sports pages describe clubs as "the champions" and "the holders".
#[rustfmt::skip]
const PEOPLE: &[&str] = &[
    "actor", "actress", "singer", "songwriter", "politician", "footballer", "cricketer",
    "writer", "author", "novelist", "poet", "musician", "painter", "sculptor", "architect",
    "composer", "journalist", "businessman", "businesswoman", "lawyer", "physician",
    "scientist", "economist", "historian", "philosopher", "rapper", "guitarist", "drummer",
    "pianist", "director", "screenwriter", "diplomat", "entrepreneur", "billionaire",
];

/// Head nouns of a description that make a name MISC: works, products,
/// events and languages ("game" is left out: "… in Jordan is a dirty game").
#[rustfmt::skip]
const OTHERS: &[&str] = &[
    "album", "song", "single", "film", "movie", "novel", "series", "festival",
    "language", "drug", "vaccine", "chatbot", "opera", "musical", "sitcom", "documentary",
    "anthem", "poem", "book", "car", "ship",
];

/// Of [`OTHERS`], the nouns that name a work before its title ("the song
/// Come", "the drug Ozempic"); not "single" ("a single Chelsea fan"),
/// "car" or "ship" ("the car Tesla").
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "album", "song", "film", "movie", "novel", "series", "opera", "musical", "sitcom",
    "documentary", "drug", "vaccine", "chatbot", "anthem", "poem", "book",
];

/// Prepositions that open a sentence ([`fronted`]).
#[rustfmt::skip]
const FRONTED: &[&str] = &[
    "In", "At", "From", "Across", "Throughout", "Inside", "Outside", "Near", "Since", "After",
    "Before", "Beyond", "For", "Like", "Unlike", "Besides", "Within", "Without", "Over", "Under",
    "On", "During",
];

/// Words that end a description's noun phrase: the head is the word
/// before ("the largest city *in* eastern Congo", "the start-up *behind*
/// the Claude chatbot", "the weight-loss drug *made* by Eli Lilly").
#[rustfmt::skip]
const ENDS: &[&str] = &[
    ",", ".", ";", ":", "(", ")", "—", "–", "-", "\"", "“", "”", "in", "of", "on", "at", "for",
    "from", "with", "behind", "that", "which", "who", "whose", "based", "founded", "known",
    "owned", "run", "led", "and", "or", "to", "by", "near", "where", "since", "after", "best",
    "made", "used", "developed", "produced", "sold", "created", "built", "designed", "called",
    "named", "operated", "backed", "controlled", "headquartered",
];

/// Whether the name at token `start` follows "the city of" ([`PLACES_OF`]),
/// maybe as a later item of a list of names that "and" or "or" closes:
/// "residents of Toodyay, Bejoording and Culham" (not "the mayor of London,
/// Sadiq Khan, said").
fn after_place_of(doc: &Document, start: usize) -> bool {
    let n = doc.tokens().len();
    let word = |i: usize| if i < n { doc.token_text(i) } else { "" };
    let capital = |i: usize| word(i).starts_with(char::is_uppercase);
    // The "of" at most five names of at most three words back.
    let Some(of) = (start.saturating_sub(20)..start).rev().find(|&i| {
        word(i) == "of" && i >= 1 && PLACES_OF.contains(&word(i - 1).to_lowercase().as_str())
    }) else {
        return false;
    };
    // The names after it, and whether a conjunction closes the list.
    let mut k = of + 1;
    let mut items = Vec::new();
    let mut closed = false;
    while items.len() < 6 && capital(k) {
        items.push(k);
        let first = k;
        while capital(k) && k - first < 3 {
            k += 1;
        }
        if closed {
            break;
        }
        if word(k) == "," {
            k += 1;
        }
        if matches!(word(k), "and" | "or") {
            closed = true;
            k += 1;
        } else if word(k - 1) != "," {
            break;
        }
    }
    items.first() == Some(&start) || (closed && items.contains(&start))
}

/// The type a description of the name at `name` (its tokens) gives. Before
/// it: "the city of X" ([`PLACES_OF`]), "the drug X" ([`TITLES`]), "band
/// X", "the chipmaker X" (one word), "The union, X," (one word). After it: ", the/a/an … HEAD" (not
/// after a fronted phrase, [`fronted`]) or "is/was a/an/the … HEAD" (of a
/// sentence's subject, [`subject`]), HEAD the last lower-case word of the
/// phrase before a word of [`ENDS`], within eight words of the article; a
/// possessor is read over ("Smith, the company's founder": the head is
/// "founder", which says nothing here).
fn described_as(doc: &Document, name: &Range<usize>) -> Option<Label> {
    let n = doc.tokens().len();
    let at = name.end;
    let word = |i: usize| if i < n { doc.token_text(i) } else { "" };
    // Named after its description: "the city of Goma", "chipmaker Nvidia".
    let before = |k: usize| name.start.checked_sub(k).map_or("", |i| doc.token_text(i));
    if after_place_of(doc, name.start) {
        return Some(Label::Loc);
    }
    // Named after its noun, unless the name opens a relative clause whose
    // object is the noun: "the club Messi joined in 2021", "the vaccine
    // Pfizer developed." (a verb, then a mark or a preposition).
    let (next, after_next) = (word(at), word(at + 1));
    // Verbs with no object to leave out: "drugmaker Moderna fell."
    const INTRANSITIVE: &[&str] = &[
        "rose", "fell", "jumped", "slid", "climbed", "dropped", "gained", "surged", "sank",
        "slipped", "soared", "plunged", "said", "says", "warned", "agreed", "declined", "died",
    ];
    let relative = next.starts_with(char::is_lowercase)
        && !INTRANSITIVE.contains(&next)
        && (after_next.is_empty()
            || after_next.starts_with(|c: char| c.is_ascii_punctuation())
            || matches!(
                after_next,
                "in" | "on" | "at" | "for" | "with" | "to" | "last" | "this"
            ));
    if !relative {
        if TITLES.contains(&before(1)) {
            return Some(Label::Misc);
        }
        // A band's name may be of several words ("post punk band Killing
        // Joke"); an organisation's one word only: "the party Vladimir
        // Zhirinovsky" leads, "insurer Thierry Dehaan" is one, and "the
        // aircraft carrier Enterprise" a ship.
        if before(1) == "band" {
            return Some(Label::Org);
        }
        // Named after its noun and a comma: "The union, Aslef, said".
        let owner = |w: &str| {
            matches!(
                w.to_lowercase().as_str(),
                "the" | "its" | "their" | "his" | "her" | "our"
            )
        };
        // The noun's phrase opens with an article or a possessive, within
        // two adjectives: "The national meteorological institute, Inmet,".
        // Not "head of the movement, Moada, an Arab nationalist": the noun
        // after "of" is not what the name is.
        let phrase = (3..=5).find(|&k| owner(before(k))).is_some_and(|k| {
            (3..k).all(|j| before(j).starts_with(|c: char| c.is_lowercase()))
                && before(k + 1) != "of"
        }) && !matches!(after_next, "a" | "an");
        if name.len() == 1
            && before(1) == ","
            && next == ","
            && ORGANISATIONS.contains(&before(2))
            && phrase
        {
            return Some(Label::Org);
        }
        if name.len() == 1
            && ORGANISATIONS.contains(&before(1))
            && before(1) != "carrier"
            && !matches!(before(2), "'s" | "’s")
        {
            return Some(Label::Org);
        }
    }
    let opens = match (next, after_next) {
        (",", "the" | "a" | "an") => !fronted(doc, name.start),
        ("is" | "was", "the" | "a" | "an") => subject(doc, name.start),
        _ => false,
    };
    if !opens {
        return None;
    }
    // The head is the last lower-case word before a word that ends the
    // phrase; with no such word within eight words, there is none.
    let mut head = "";
    let mut ended = at + 10 >= n;
    for i in at + 2..(at + 10).min(n) {
        let w = word(i);
        if matches!(w, "'s" | "’s") {
            head = "";
            continue;
        }
        if ENDS.contains(&w) {
            // "Turnhout, a group of boy scouts camping …" is no description.
            if head == "group" && w == "of" {
                return None;
            }
            ended = true;
            break;
        }
        if !w.starts_with(char::is_lowercase) {
            // A name inside the phrase ("the San Francisco start-up"); a
            // phrase ending in one has no common head.
            head = "";
            continue;
        }
        head = w;
    }
    if !ended {
        return None;
    }
    if ORGANISATIONS.contains(&head) {
        Some(Label::Org)
    } else if PLACES.contains(&head) {
        Some(Label::Loc)
    } else if PEOPLE.contains(&head) {
        Some(Label::Per)
    } else if OTHERS.contains(&head) {
        Some(Label::Misc)
    } else {
        None
    }
}

/// "the Kursk region", "the Bijeli Brijeg neighbourhood": a person or an
/// organisation before a place's noun is a place (CoNLL train and dev:
/// 32 names before such a noun are places, 11 MISC, "the Kurdish region",
/// which stay).
fn place_noun_after(doc: &Document, name: &Range<usize>, label: Label) -> Option<Label> {
    const NOUNS: &[&str] = &[
        "region",
        "province",
        "district",
        "county",
        "valley",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "oblast",
        "prefecture",
        "governorate",
        "municipality",
    ];
    let next = (name.end < doc.tokens().len()).then(|| doc.token_text(name.end));
    (matches!(label, Label::Per | Label::Org) && next.is_some_and(|w| NOUNS.contains(&w)))
        .then_some(Label::Loc)
}

/// Whether a name at token `start` stands in a phrase that opens its
/// sentence with a preposition, before the phrase's comma: "In Yemen, a
/// military coalition …", "Earlier in northern Yemen, a …". The comma after
/// it closes that phrase; it sets off no apposition.
fn fronted(doc: &Document, start: usize) -> bool {
    let sentences = doc.sentences();
    let at = sentences.partition_point(|s| s.start <= start);
    let Some(sentence) = at.checked_sub(1).map(|k| &sentences[k]) else {
        return false;
    };
    let words = || (sentence.start..start).map(|t| doc.token_text(t));
    let opener = doc.token_text(sentence.start);
    (FRONTED.contains(&opener) || matches!(opener, "Earlier" | "Later" | "Elsewhere" | "Meanwhile"))
        && !words().any(|w| w == ",")
}

/// Whether a name at token `start` opens its sentence, alone or after
/// "The": the subject of a copula ("Bilka is a Danish chain"), not a name
/// inside it ("Blaming Iraq for riots in Jordan is …").
fn subject(doc: &Document, start: usize) -> bool {
    let sentences = doc.sentences();
    let opens = |t: usize| sentences.binary_search_by(|s| s.start.cmp(&t)).is_ok();
    opens(start) || (start > 0 && doc.token_text(start - 1) == "The" && opens(start - 1))
}

/// Relabels the names a description types (see the module), and every
/// other mention of the same text in the document with them. `tokens`
/// are the names' tokens, `texts` their texts, `labels` their labels, in
/// document order. The other mentions change only where the tagger read
/// no described mention so: if it read "Taibe, an Arab town" as a place
/// already, the club named "Taibe" elsewhere stays. A name described two
/// ways changes only where it is described; DATE and the other numeric
/// labels are never touched.
pub fn apply(doc: &Document, tokens: &[Range<usize>], texts: &[&str], labels: &mut [Label]) {
    // Each described text: its type (None if described two ways), and
    // whether the tagger read a described mention so.
    let mut typed: rustc_hash::FxHashMap<&str, (Option<Label>, bool)> = Default::default();
    let mut described = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        if !Label::NAMES.contains(&labels[k]) {
            continue;
        }
        if let Some(label) = described_as(doc, t).or_else(|| place_noun_after(doc, t, labels[k])) {
            described.push((k, label));
            let (seen, agreed) = typed.entry(texts[k]).or_insert((Some(label), false));
            if *seen != Some(label) {
                *seen = None;
            }
            *agreed |= labels[k] == label;
        }
    }
    for &(k, label) in &described {
        labels[k] = label;
    }
    typed.retain(|_, (l, agreed)| l.is_some() && !*agreed);
    if typed.is_empty() {
        return;
    }
    for (text, label) in texts.iter().zip(labels.iter_mut()) {
        if let (true, Some((Some(l), _))) = (Label::NAMES.contains(label), typed.get(text)) {
            *label = *l;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The labels after [`apply`] of the names given as (text, label), each
    /// found at its first occurrence at or after the previous one's end.
    fn relabelled(text: &str, names: &[(&str, Label)]) -> Vec<Label> {
        let doc = Document::new(text);
        let words: Vec<&str> = (0..doc.tokens().len()).map(|i| doc.token_text(i)).collect();
        let mut tokens = Vec::new();
        let mut from = 0;
        for (name, _) in names {
            let n = name.split(' ').count();
            let start = (from..words.len())
                .find(|&i| words[i..].starts_with(&name.split(' ').collect::<Vec<_>>()))
                .unwrap();
            tokens.push(start..start + n);
            from = start + n;
        }
        let texts: Vec<&str> = names.iter().map(|(t, _)| *t).collect();
        let mut labels: Vec<Label> = names.iter().map(|(_, l)| *l).collect();
        apply(&doc, &tokens, &texts, &mut labels);
        labels
    }

    #[test]
    fn a_description_types_a_name_and_its_other_mentions() {
        use Label::*;
        assert_eq!(
            relabelled(
                "Anthropic, the San Francisco start-up behind the Claude chatbot, said it had raised money. Anthropic said more.",
                &[("Anthropic", Per), ("San Francisco", Loc), ("Claude", Per), ("Anthropic", Per)]
            ),
            [Org, Loc, Per, Org]
        );
        assert_eq!(
            relabelled(
                "Rebels entered Goma, the largest city in eastern Congo.",
                &[("Goma", Org), ("Congo", Loc)]
            ),
            [Loc, Loc]
        );
        assert_eq!(
            relabelled(
                "Avdiivka is a town in Ukraine.",
                &[("Avdiivka", Per), ("Ukraine", Loc)]
            ),
            [Loc, Loc]
        );
        // "residents of" and a list that "and" closes; not an apposition.
        assert_eq!(
            relabelled(
                "Residents of Toodyay, Bejoording and Culham were told to leave.",
                &[("Toodyay", Org), ("Bejoording", Org), ("Culham", Per)]
            ),
            [Loc, Loc, Loc]
        );
        assert_eq!(
            relabelled(
                "The mayor of London, Sadiq Khan, said so.",
                &[("London", Loc), ("Sadiq Khan", Per)]
            ),
            [Loc, Per]
        );
        // A place's noun after it.
        assert_eq!(
            relabelled(
                "Troops entered the Kursk region and the Kurdish region.",
                &[("Kursk", Org), ("Kurdish", Misc)]
            ),
            [Loc, Misc]
        );
        // Or before it.
        assert_eq!(
            relabelled(
                "Troops left the city of Odesa as the chipmaker Nvidia rose.",
                &[("Odesa", Org), ("Nvidia", Loc)]
            ),
            [Loc, Org]
        );
    }

    #[test]
    fn a_name_read_as_described_keeps_its_other_mentions() {
        use Label::*;
        // The tagger knew the town: the club of the same name stays.
        assert_eq!(
            relabelled(
                "Fans in Taibe, an Arab town, cheered. Taibe won the match.",
                &[("Taibe", Loc), ("Taibe", Org)]
            ),
            [Loc, Org]
        );
        assert_eq!(
            relabelled(
                "Near Turnhout, a group of scouts camped.",
                &[("Turnhout", Loc)]
            ),
            [Loc]
        );
        // The comma of a fronted phrase is no apposition.
        assert_eq!(
            relabelled(
                "In Yemen, a military coalition led by Saudi Arabia fought on.",
                &[("Yemen", Loc), ("Saudi Arabia", Loc)]
            ),
            [Loc, Loc]
        );
        assert_eq!(
            relabelled(
                "Earlier in northern Yemen, a military coalition of states fought on.",
                &[("Yemen", Loc)]
            ),
            [Loc]
        );
        // A relative clause after the noun: the name is its subject.
        assert_eq!(
            relabelled(
                "They signed with the club Messi joined in 2021.",
                &[("Messi", Per)]
            ),
            [Per]
        );
        // "a stronghold of Hamas" names no place.
        assert_eq!(
            relabelled("They shelled a stronghold of Hamas.", &[("Hamas", Org)]),
            [Org]
        );
        // A copula describes its subject only.
        assert_eq!(
            relabelled(
                "Born in Danvers, Massachusetts is an American rapper.",
                &[("Danvers", Loc), ("Massachusetts", Loc)]
            ),
            [Loc, Loc]
        );
    }

    #[test]
    fn a_possessor_a_person_or_two_types_say_nothing() {
        use Label::*;
        // The head is "founder": no type here.
        assert_eq!(
            relabelled("Smith, the company's founder, said so.", &[("Smith", Per)]),
            [Per]
        );
        // A phrase that ends in a name has no common head.
        assert_eq!(
            relabelled(
                "Jones, the Acme Corp, said so.",
                &[("Jones", Per), ("Acme Corp", Org)]
            ),
            [Per, Org]
        );
        // Described two ways: each where it is described, no other.
        assert_eq!(
            relabelled(
                "Tyre, a city in Lebanon. Tyre, a company in Ohio. Tyre fell.",
                &[
                    ("Tyre", Per),
                    ("Lebanon", Loc),
                    ("Tyre", Per),
                    ("Ohio", Loc),
                    ("Tyre", Per)
                ]
            ),
            [Loc, Loc, Org, Loc, Per]
        );
    }
}
