//! One person, one type in a document. News names a person in full once
//! ("Elon Musk said …") and by the surname after that ("Musk, who also runs
//! Tesla, …"); the tagger reads each mention on its own, and an unknown
//! name may come out a person in one place and an organisation in another.
//! Read after [`super::names`] and [`super::shapes`], before
//! [`super::descriptions`].

use super::names::Name;
use crate::label::Label;

/// A name that the tagger read as an organisation or MISC becomes a person
/// when another mention in the document is one:
/// - a one-word name that is the last word of a person's full name ("Keir
///   Starmer … Starmer said"), wherever the two stand: [`super::names::mend`]
///   does this for a surname after its full name as the tagger read it, and
///   this pass sees every mend's people and both orders;
/// - a full name whose last word is a one-word person ("Elon Musk said …
///   Musk, who …"), or the same text as a person elsewhere.
///
/// Read before [`super::descriptions`], whose types win ("Ford, the
/// carmaker" beside "Bill Ford"). Places are left alone ("George Washington … in Washington"), and so is
/// a one-word name the gazetteer holds as a place. A full name changes only
/// if it has a person's shape (`names::person_shaped`: capitalised words,
/// none a plural, no organisation's last word; not "Douglas & Lomason" nor
/// "University of Mostar"), and not in a sports report (`sports`), where clubs share
/// words with players ("Aston Villa … Villa").
pub fn agree(names: &[Name], labels: &mut [Label], sports: impl Fn() -> bool) {
    // Every person's text, and the last words of the full names.
    let mut people: rustc_hash::FxHashSet<&str> = Default::default();
    let mut surnames: rustc_hash::FxHashSet<&str> = Default::default();
    let spaced = |t: &str| t.contains(char::is_whitespace);
    // The last two words of each person's name of three words or more, in
    // lower case ("van dam" of "Pieter van Dam").
    let mut tails: rustc_hash::FxHashSet<String> = Default::default();
    for (n, l) in names.iter().zip(labels.iter()) {
        if *l == Label::Per {
            people.insert(n.text);
            if spaced(n.text) {
                surnames.insert(last_word(n.text));
            }
            let words: Vec<&str> = n.text.split_whitespace().collect();
            if let [.., a, b] = words[..] {
                if words.len() >= 3 {
                    tails.insert(format!("{a} {b}").to_lowercase());
                }
            }
        }
    }
    if people.is_empty() {
        return;
    }
    let mut in_sports = None;
    for (n, label) in names.iter().zip(labels.iter_mut()) {
        // A one-word place the gazetteer does not hold may be a surname
        // ("late Saka winner" beside "Bukayo Saka").
        // Not where it reads as a place: "in Mostar", "near Turner, Arkansas".
        let placed = matches!(n.before[1], "in" | "near" | "at" | "from" | "to" | "of")
            || (n.after[0] == "," && n.after[1].starts_with(char::is_uppercase));
        let one_word_place = *label == Label::Loc && !spaced(n.text) && !n.place && !placed;
        if !matches!(label, Label::Org | Label::Misc) && !one_word_place {
            continue;
        }
        let person = if !spaced(n.text) {
            !n.place && surnames.contains(n.text)
        } else {
            super::names::person_shaped(n)
                && (people.contains(n.text)
                    || people.contains(last_word(n.text))
                    || (!tails.is_empty() && tails.contains(&lower_words(n.text))))
                && !*in_sports.get_or_insert_with(&sports)
        };
        if person {
            *label = Label::Per;
        }
    }
}

/// A name's words joined by one space, in lower case, for the tails of
/// people's names ("Van Dam" … "Pieter van Dam").
fn lower_words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The last of a name's words.
fn last_word(text: &str) -> &str {
    text.split_whitespace().next_back().unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreed(names: &[(&'static str, Label)]) -> Vec<Label> {
        let names: Vec<Name> = names.iter().map(|&(t, l)| Name::bare(t, l)).collect();
        let mut labels: Vec<Label> = names.iter().map(|n| n.label).collect();
        agree(&names, &mut labels, || false);
        labels
    }

    #[test]
    fn a_surname_takes_its_full_names_type_and_back() {
        use Label::*;
        assert_eq!(
            agreed(&[("Keir Starmer", Per), ("Labour", Org), ("Starmer", Org)]),
            [Per, Org, Per]
        );
        assert_eq!(
            agreed(&[("Elon Musk", Org), ("Musk", Per), ("Tesla", Org)]),
            [Per, Per, Org]
        );
        assert_eq!(
            agreed(&[("Bola Tinubu", Org), ("Bola Tinubu", Per)]),
            [Per, Per]
        );
    }

    #[test]
    fn nothing_changes_in_a_sports_report() {
        use Label::*;
        let names = vec![Name::bare("Aston Villa", Org), Name::bare("Villa", Per)];
        let mut labels = vec![Org, Per];
        agree(&names, &mut labels, || true);
        assert_eq!(labels, [Org, Per]);
    }

    #[test]
    fn places_and_unrelated_names_stay() {
        use Label::*;
        // A place the gazetteer holds keeps its type whatever person shares
        // its name, and so does one named as a place.
        let mut names = vec![
            Name::bare("George Washington", Per),
            Name::bare("Washington", Loc),
        ];
        names[1].place = true;
        let mut labels = vec![Per, Loc];
        agree(&names, &mut labels, || false);
        assert_eq!(labels, [Per, Loc]);
        let mut names = vec![Name::bare("Ann Turner", Per), Name::bare("Turner", Loc)];
        names[1].before = ["", "near"];
        let mut labels = vec![Per, Loc];
        agree(&names, &mut labels, || false);
        assert_eq!(labels, [Per, Loc]);
        // A surname of two words, in capitals at the start of a sentence.
        assert_eq!(
            agreed(&[("Pieter van Dam", Per), ("Van Dam", Org)]),
            [Per, Per]
        );
        // One it does not hold, read as a place elsewhere, is the surname.
        assert_eq!(agreed(&[("Saka", Loc), ("Bukayo Saka", Per)]), [Per, Per]);
        let mut names = vec![Name::bare("Michael Jordan", Per), Name::bare("Jordan", Org)];
        names[1].place = true;
        let mut labels = vec![Per, Org];
        agree(&names, &mut labels, || false);
        assert_eq!(labels, [Per, Org]);
        // No person, nothing to agree with.
        assert_eq!(agreed(&[("Rishi Sunak", Org), ("Sunak", Org)]), [Org, Org]);
        // Not the shape of a person's name.
        assert_eq!(
            agreed(&[("Douglas & Lomason", Org), ("Lomason", Per)]),
            [Org, Per]
        );
        assert_eq!(
            agreed(&[("University of Mostar", Org), ("University of Mostar", Per)]),
            [Org, Per]
        );
        // A first name is no surname.
        assert_eq!(agreed(&[("Keir Starmer", Per), ("Keir", Org)]), [Per, Org]);
    }
}
