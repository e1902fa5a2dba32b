//! Named-entity examples from GUM (the Georgetown University Multilayer
//! corpus, in its Universal Dependencies release): CoNLL-U files whose MISC
//! column carries GUM's entity mentions (`Entity=(3-person-…` opens mention 3,
//! `3)` closes it, `(5-place-…)` is a one-word mention).
//!
//! GUM marks every mention, named or not ("the mayor", "she", "Portsmouth"),
//! with one of ten types. A mention becomes a CoNLL name when its syntactic
//! head (the one word whose head lies outside the mention) is a proper noun
//! (`PROPN`); its type maps to a CoNLL label by [`map_type`]:
//!
//! | GUM type | label |
//! |---|---|
//! | person | PER (MISC when the head is plural: "Americans", "Democrats") |
//! | organization | ORG |
//! | place | LOC |
//! | event, object, abstract | MISC (wars, festivals, products, laws, languages) |
//! | time, quantity, substance, plant, animal | none (CoNLL names none of them) |
//!
//! The name is the run of capitalised words around the head inside the mention
//! (joined over "of", "and", "de", "the", "for", "&" and hyphens between two
//! capitalised words): "the University of Portsmouth, United Kingdom"
//! gives "University of Portsmouth". When two names overlap, the longer one is
//! kept (CoNLL has no nested names), and a title before a person (Dr.,
//! President) is left out. A capitalised adjective outside every
//! name and not the first word of its sentence ("Spanish", "Israeli") is MISC,
//! as CoNLL labels nationalities; GUM has no mention for it.
//!
//! GUM's licence is per genre (its `LICENSE.txt`): [`CC_BY_GENRES`] are the
//! ones under CC BY (Wikinews news, interviews and biographies, Wikivoyage,
//! OpenStax textbooks, vlogs, conversation) or in the public domain (speeches);
//! wikiHow (`whow`) and fiction are CC BY-NC-SA, and academic, court, essay,
//! letter and podcast are not listed, so training leaves them out.

use crate::label::Label;
use crate::tagger::tags::TokenSpan;
use crate::tagger::train::{Doc, Example};
use std::path::Path;

/// The genres whose texts GUM's licence puts under CC BY or in the public
/// domain: the only ones the entity model is trained on.
pub const CC_BY_GENRES: &[&str] = &[
    "news",
    "interview",
    "bio",
    "voyage",
    "textbook",
    "vlog",
    "conversation",
    "speech",
];

/// The CoNLL label of a GUM entity type, for a mention headed by a proper
/// noun (`plural`: the head is plural, as in "Americans").
pub fn map_type(gum_type: &str, plural: bool) -> Option<Label> {
    match gum_type {
        "person" if plural => Some(Label::Misc),
        "person" => Some(Label::Per),
        "organization" => Some(Label::Org),
        "place" => Some(Label::Loc),
        "event" | "object" => Some(Label::Misc),
        _ => None,
    }
}

/// One GUM document: its id (`GUM_news_iodine`), genre and sentences.
#[derive(Debug, Clone, Default)]
pub struct GumDoc {
    pub id: String,
    pub genre: String,
    pub sentences: Vec<Example>,
}

/// One word of a sentence as the reader needs it.
struct Word {
    form: String,
    upos: String,
    plural: bool,
    head: usize,
}

/// A mention: words `start..end` (0-based) and its GUM type.
struct Mention {
    start: usize,
    end: usize,
    kind: String,
}

/// Parses CoNLL-U text with GUM entity annotations into documents of named-
/// entity examples.
pub fn parse(text: &str) -> Vec<GumDoc> {
    let mut docs: Vec<GumDoc> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    // Open mentions: (entity id, first word, type).
    let mut open: Vec<(String, usize, String)> = Vec::new();
    let flush = |words: &mut Vec<Word>, mentions: &mut Vec<Mention>, docs: &mut Vec<GumDoc>| {
        if !words.is_empty() {
            if docs.is_empty() {
                docs.push(GumDoc::default());
            }
            let ex = example(words, mentions);
            docs.last_mut().unwrap().sentences.push(ex);
        }
        words.clear();
        mentions.clear();
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut words, &mut mentions, &mut docs);
            open.clear();
            continue;
        }
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            flush(&mut words, &mut mentions, &mut docs);
            let id = id.trim().to_string();
            let genre = id.split('_').nth(1).unwrap_or("").to_string();
            docs.push(GumDoc {
                id,
                genre,
                sentences: Vec::new(),
            });
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains(['-', '.']) {
            continue;
        }
        let at = words.len();
        words.push(Word {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            plural: cols[5].split('|').any(|f| f == "Number=Plur"),
            head: cols[6].parse().unwrap_or(0),
        });
        if let Some(ent) = cols[9].split('|').find_map(|f| f.strip_prefix("Entity=")) {
            read_entity_field(ent, at, &mut open, &mut mentions);
        }
    }
    flush(&mut words, &mut mentions, &mut docs);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Reads one `Entity=` value at word `at`: opens `(id-type-…`, closes `id)`.
fn read_entity_field(
    field: &str,
    at: usize,
    open: &mut Vec<(String, usize, String)>,
    mentions: &mut Vec<Mention>,
) {
    let b = field.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let rest = &field[i + 1..];
            let stop = rest.find(['(', ')']).unwrap_or(rest.len());
            let mut parts = rest[..stop].split('-');
            let id = parts.next().unwrap_or("").to_string();
            let kind = parts.next().unwrap_or("").to_string();
            if rest[stop..].starts_with(')') {
                mentions.push(Mention {
                    start: at,
                    end: at + 1,
                    kind,
                });
                i += 1 + stop + 1;
            } else {
                open.push((id, at, kind));
                i += 1 + stop;
            }
        } else {
            let rest = &field[i..];
            let stop = rest.find(')').unwrap_or(rest.len());
            let id = &rest[..stop];
            if let Some(k) = open.iter().rposition(|(o, _, _)| o == id) {
                let (_, start, kind) = open.remove(k);
                mentions.push(Mention {
                    start,
                    end: at + 1,
                    kind,
                });
            }
            i += stop + 1;
        }
    }
}

const JOINERS: &[&str] = &["of", "and", "de", "the", "for", "&", "-", "du", "la"];

/// Titles before a person's name, without a full stop.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "President",
    "Senator",
    "Sen",
    "Governor",
    "Gov",
    "Mayor",
    "Minister",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "General",
    "Gen",
    "Captain",
    "Capt",
    "Colonel",
    "Col",
    "Judge",
    "Rev",
    "Reverend",
    "Father",
    "Sister",
    "Rep",
    "Representative",
    "Secretary",
    "Chairman",
    "Chief",
    "Coach",
    "Officer",
    "Sgt",
    "Sergeant",
    "Lt",
];

fn capitalised(w: &Word) -> bool {
    w.upos != "PUNCT"
        && w.upos != "DET"
        && w.form
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The name inside a mention headed by a proper noun, if its type has a label.
fn name_of(words: &[Word], m: &Mention) -> Option<TokenSpan> {
    // The head: the first word whose own head lies outside the mention.
    let head = (m.start..m.end).find(|&i| {
        let h = words[i].head;
        h == 0 || h - 1 < m.start || h > m.end
    })?;
    if words[head].upos != "PROPN" || !capitalised(&words[head]) {
        return None;
    }
    let label = map_type(&m.kind, words[head].plural)?;
    let joiner = |i: usize| JOINERS.contains(&words[i].form.as_str());
    let mut start = head;
    loop {
        // Over capitalised words, and over joiners with a capitalised word
        // before them ("National Library of the Netherlands").
        let mut j = start;
        while j > m.start && joiner(j - 1) {
            j -= 1;
        }
        if j > m.start && capitalised(&words[j - 1]) {
            start = j - 1;
        } else {
            break;
        }
    }
    let mut end = head + 1;
    loop {
        let mut j = end;
        while j < m.end && joiner(j) {
            j += 1;
        }
        if j < m.end && capitalised(&words[j]) {
            end = j + 1;
        } else {
            break;
        }
    }
    if label == Label::Per {
        // CoNLL leaves titles out of a person's name.
        while start < head && TITLES.contains(&words[start].form.trim_end_matches('.')) {
            start += 1;
        }
    }
    Some(TokenSpan { start, end, label })
}

fn example(words: &[Word], mentions: &[Mention]) -> Example {
    let mut names: Vec<TokenSpan> = mentions.iter().filter_map(|m| name_of(words, m)).collect();
    // Longest first; a name overlapping a kept one is dropped.
    names.sort_by_key(|s| (std::cmp::Reverse(s.end - s.start), s.start));
    let mut kept: Vec<TokenSpan> = Vec::new();
    for s in names {
        if kept.iter().all(|k| s.end <= k.start || k.end <= s.start) {
            kept.push(s);
        }
    }
    for (i, w) in words.iter().enumerate().skip(1) {
        if w.upos == "ADJ"
            && w.form.chars().next().is_some_and(char::is_uppercase)
            && words[i - 1]
                .form
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            && kept.iter().all(|k| i < k.start || k.end <= i)
        {
            kept.push(TokenSpan {
                start: i,
                end: i + 1,
                label: Label::Misc,
            });
        }
    }
    kept.sort_by_key(|s| s.start);
    Example {
        words: words.iter().map(|w| w.form.clone()).collect(),
        spans: kept,
        domain: 1,
    }
}

/// Reads a GUM CoNLL-U file.
pub fn read(path: &Path) -> std::io::Result<Vec<GumDoc>> {
    Ok(parse(&std::fs::read_to_string(path)?))
}

/// The documents of the given genres as training or evaluation examples.
pub fn examples(docs: &[GumDoc], genres: &[&str]) -> Vec<Doc> {
    docs.iter()
        .filter(|d| genres.contains(&d.genre.as_str()))
        .map(|d| d.sentences.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_gum_types_to_conll_labels() {
        assert_eq!(map_type("person", false), Some(Label::Per));
        assert_eq!(map_type("person", true), Some(Label::Misc));
        assert_eq!(map_type("organization", false), Some(Label::Org));
        assert_eq!(map_type("place", false), Some(Label::Loc));
        for t in ["event", "object"] {
            assert_eq!(map_type(t, false), Some(Label::Misc), "{t}");
        }
        for t in [
            "abstract",
            "time",
            "quantity",
            "substance",
            "plant",
            "animal",
            "other",
        ] {
            assert_eq!(map_type(t, false), None, "{t}");
        }
        assert!(!CC_BY_GENRES.contains(&"whow") && !CC_BY_GENRES.contains(&"fiction"));
    }

    fn line(id: usize, form: &str, upos: &str, feats: &str, head: usize, ent: &str) -> String {
        let misc = if ent.is_empty() {
            "_".to_string()
        } else {
            format!("Entity={ent}")
        };
        format!("{id}\t{form}\t_\t{upos}\t_\t{feats}\t{head}\tdep\t_\t{misc}\n")
    }

    fn spans(ex: &Example) -> Vec<(String, Label)> {
        ex.spans
            .iter()
            .map(|s| (ex.words[s.start..s.end].join(" "), s.label))
            .collect()
    }

    #[test]
    fn keeps_proper_noun_heads_outermost_names_and_nationalities() {
        // "Dr. Claire Ross of the Library of the Netherlands, met Spanish
        // officials and the mayor"
        let mut t = String::from("# newdoc id = GUM_news_test\n# sent_id = 1\n");
        t += &line(1, "Dr.", "PROPN", "_", 3, "(1-person-new-x-cf1-1-coref");
        t += &line(2, "Claire", "PROPN", "_", 3, "");
        t += &line(3, "Ross", "PROPN", "_", 11, "1)");
        t += &line(4, "of", "ADP", "_", 6, "");
        t += &line(5, "the", "DET", "_", 6, "(2-organization-new-x-cf2-1-sgl-L");
        t += &line(6, "Library", "PROPN", "_", 3, "");
        t += &line(7, "of", "ADP", "_", 9, "");
        t += &line(8, "the", "DET", "_", 9, "(3-place-new-x-cf3-1-sgl-N");
        t += &line(9, "Netherlands", "PROPN", "_", 6, "3)2)");
        t += &line(10, ",", "PUNCT", "_", 6, "");
        t += &line(11, "met", "VERB", "_", 0, "");
        t += &line(12, "Spanish", "ADJ", "_", 13, "(4-person-new-x-cf4-1-sgl");
        t += &line(13, "officials", "NOUN", "Number=Plur", 11, "4)");
        t += &line(14, "and", "CCONJ", "_", 16, "");
        t += &line(15, "the", "DET", "_", 16, "(5-person-new-x-cf5-1-sgl");
        t += &line(16, "mayor", "NOUN", "_", 13, "5)");
        t += "\n# sent_id = 2\n";
        t += &line(
            1,
            "Americans",
            "PROPN",
            "Number=Plur",
            2,
            "(6-person-new-x-cf1-1-sgl)",
        );
        t += &line(2, "voted", "VERB", "_", 0, "");
        t += &line(3, "in", "ADP", "_", 4, "");
        t += &line(4, "May", "PROPN", "_", 2, "(7-time-new-x-cf2-1-sgl)");
        t += "\n# newdoc id = GUM_whow_x\n# sent_id = 3\n";
        t += &line(1, "Go", "VERB", "_", 0, "");
        let docs = parse(&t);
        assert_eq!(docs.len(), 2);
        assert_eq!(
            (docs[0].genre.as_str(), docs[1].genre.as_str()),
            ("news", "whow")
        );
        let s = &docs[0].sentences;
        // The title and the article are not part of the names; the place
        // inside the organisation is dropped; "officials" is no name.
        assert_eq!(
            spans(&s[0]),
            [
                ("Claire Ross".to_string(), Label::Per),
                ("Library of the Netherlands".to_string(), Label::Org),
                ("Spanish".to_string(), Label::Misc),
            ]
        );
        assert_eq!(spans(&s[1]), [("Americans".to_string(), Label::Misc)]);
        assert_eq!(examples(&docs, CC_BY_GENRES).len(), 1);
    }
}
