//! What the tagger's labels miss and a word of the name itself says: a
//! company or institution named by its last word ("Sage Therapeutics",
//! "Elliott Management", "Columbia University"), and a surname
//! that repeats a person named earlier in the document ("Luis Montenegro
//! said … Montenegro told supporters").

use crate::label::Label;

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
    "Association", "Foundation",
];

/// Whether a name whose last word is `last`, of `words` words, reads as an
/// organisation by that word alone.
pub fn org_by_head(last: &str, words: usize) -> bool {
    words >= 2 && ORG_HEADS.contains(&last)
}

/// The labels of a document's names (`names[i]`: its text and label, in
/// text order) after two mends: a person or place whose last word is one of
/// [`ORG_HEADS`] is an organisation; a one-word name other than a person
/// that is the last word of a person of two words or more named before it
/// is that person.
pub fn mend(names: &[(&str, Label)]) -> Vec<Label> {
    let mut surnames: rustc_hash::FxHashSet<&str> = Default::default();
    names
        .iter()
        .map(|&(text, label)| {
            let mut label = label;
            let words = text.split_whitespace().count();
            let last = text.split_whitespace().next_back().unwrap_or("");
            if matches!(label, Label::Per | Label::Loc) && org_by_head(last, words) {
                label = Label::Org;
            }
            if words == 1 && label != Label::Per && surnames.contains(last) {
                label = Label::Per;
            }
            if label == Label::Per && words >= 2 {
                surnames.insert(last);
            }
            label
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_repeats_its_person_and_a_company_word_makes_an_organisation() {
        let names = [
            ("Luis Montenegro", Label::Per),
            ("Sage Therapeutics", Label::Per),
            ("Montenegro", Label::Loc),
            ("Elliott Management", Label::Loc),
            ("Chega", Label::Org),
        ];
        assert_eq!(
            mend(&names),
            [Label::Per, Label::Org, Label::Per, Label::Org, Label::Org]
        );
        // A place named before the person keeps its label; one word alone
        // is no company by its word.
        let names = [
            ("Jordan", Label::Loc),
            ("Michael Jordan", Label::Per),
            ("Management", Label::Per),
        ];
        assert_eq!(mend(&names), [Label::Loc, Label::Per, Label::Per]);
    }
}
