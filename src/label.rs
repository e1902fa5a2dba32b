//! Entity labels.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of entity Newsmark marks: CoNLL's four name types, plus the
/// numeric and temporal types newsrooms ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    Per,
    Org,
    Loc,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
}

impl Label {
    pub const ALL: [Label; 9] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
    ];

    /// CoNLL-2003's four name types, the ones the statistical model tags.
    pub const NAMES: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    /// The numeric and temporal types, found by rule ([`crate::numeric`]).
    pub const NUMERIC: [Label; 5] = [
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
        }
    }

    /// A short human description, for legends and tooltips.
    pub fn description(self) -> &'static str {
        match self {
            Label::Per => "person",
            Label::Org => "organisation",
            Label::Loc => "place",
            Label::Misc => "other name (nationality, event, work...)",
            Label::Date => "date or period",
            Label::Time => "time of day",
            Label::Money => "money",
            Label::Percent => "percentage",
            Label::Quantity => "quantity or number",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a label name Newsmark does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown label {0:?} (known: PER, ORG, LOC, MISC, DATE, TIME, MONEY, PERCENT, QUANTITY)")]
pub struct UnknownLabel(pub String);

impl FromStr for Label {
    type Err = UnknownLabel;

    /// Parses a label name, case-insensitively; also accepts the OntoNotes/spaCy
    /// names `PERSON`, `GPE`, `NORP`, `FAC`, `CARDINAL` and friends.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Label::Per,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Label::Org,
            "LOC" | "LOCATION" | "GPE" | "FAC" => Label::Loc,
            "MISC" | "NORP" | "EVENT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" | "PRODUCT" => {
                Label::Misc
            }
            "DATE" => Label::Date,
            "TIME" => Label::Time,
            "MONEY" => Label::Money,
            "PERCENT" => Label::Percent,
            "QUANTITY" | "CARDINAL" => Label::Quantity,
            _ => return Err(UnknownLabel(s.to_string())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for l in Label::ALL {
            assert_eq!(l.as_str().parse::<Label>().unwrap(), l);
            assert_eq!(
                serde_json::to_string(&l).unwrap(),
                format!("\"{}\"", l.as_str())
            );
        }
        assert_eq!("gpe".parse::<Label>().unwrap(), Label::Loc);
        assert!("BOGUS"
            .parse::<Label>()
            .unwrap_err()
            .to_string()
            .contains("BOGUS"));
    }
}
