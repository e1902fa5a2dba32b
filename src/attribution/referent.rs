//! Who a pronoun source is: "She said …" names no one, so a fact-checker
//! reading the claims list wants the person "she" refers to. This module
//! finds, for a source that is a pronoun, the entity mention it most likely
//! refers to, from the entities found in the same document:
//!
//! * "he", "she" (and "him", "his", "her"): a person named in the few
//!   paragraphs before it whose gender, as the document gives it, does not
//!   contradict the pronoun. The gender of a person is read from the first
//!   "he"/"his" or "she"/"her" after each mention of them and from titles
//!   ("Mrs. Clinton"). Among those that fit, the one with the best score:
//!   nearer sentences, the subject of its sentence, someone the text reports
//!   speaking (anywhere in it), and someone mentioned often;
//! * "who", "whom", "whose", "which", "that": the name right before it,
//!   across a comma ("Mike Pence, who …").
//!
//! * "I", "we" (and "me", "us", "my", "our") inside the content of another
//!   attribution: the person or organisation named in that attribution's
//!   source, or whom that source refers to ("\"I will win,\" he said").
//!
//! "It" and "they" are left alone: on PolNeAR dev the nearest organisation
//! was wrong for 43 of 50, and a wrong name is worse than none.
//!
//! ```
//! use newsmark::annotation::{Entity, Origin, Status};
//! use newsmark::attribution::referent::referent;
//! use newsmark::document::Document;
//! use newsmark::label::Label;
//! use newsmark::span::Span;
//!
//! let text = "Maria Lopez spoke in Boston. She said jobs had doubled.";
//! let doc = Document::new(text);
//! let ent = |s: &str, label| Entity {
//!     span: Span::new(text.find(s).unwrap(), text.find(s).unwrap() + s.len()),
//!     label,
//!     score: 1.0,
//!     origin: Origin::Model,
//!     status: Status::Suggested,
//! };
//! let entities = [ent("Maria Lopez", Label::Per), ent("Boston", Label::Loc)];
//! let she = text.find("She").unwrap();
//! assert_eq!(referent(&doc, &entities, &[], Span::new(she, she + 3)), Some(0));
//! ```

use crate::annotation::Attribution;
use crate::annotation::Entity;
use crate::document::Document;
use crate::label::Label;
use crate::span::Span;
use rustc_hash::FxHashMap;

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Male,
    Female,
    Relative,
    /// "I", "we": the speaker of the content it stands in.
    Speaker,
}

fn kind(pronoun: &str) -> Option<Kind> {
    // "WHO" and "US" are names, not pronouns: only "I" may be all capitals.
    let mut letters = pronoun.chars().skip(1);
    if pronoun.len() > 1 && letters.all(|c| c.is_uppercase()) {
        return None;
    }
    Some(match pronoun.to_lowercase().as_str() {
        "he" | "him" | "his" => Kind::Male,
        "she" | "her" => Kind::Female,
        "who" | "whom" | "whose" | "which" | "that" => Kind::Relative,
        "i" | "we" | "me" | "us" | "my" | "our" => Kind::Speaker,
        _ => return None,
    })
}

/// The gender of a third-person pronoun after a mention ("his", "Her"…),
/// compared without allocating: it is read after every person's mention.
fn gender_word(word: &str) -> Option<Kind> {
    let is = |list: &[&str]| list.iter().any(|p| word.eq_ignore_ascii_case(p));
    if is(&["he", "his", "him", "himself"]) {
        Some(Kind::Male)
    } else if is(&["she", "her", "hers", "herself"]) {
        Some(Kind::Female)
    } else {
        None
    }
}

/// The gender a title before a name gives it, if any.
fn title_gender(title: &str) -> Option<Kind> {
    match title.trim_end_matches('.').to_lowercase().as_str() {
        "mr" | "sir" | "lord" | "king" | "prince" => Some(Kind::Male),
        "mrs" | "ms" | "miss" | "madam" | "dame" | "lady" | "queen" | "princess" => {
            Some(Kind::Female)
        }
        _ => None,
    }
}

/// How many bytes before a pronoun a person may be named and still be its
/// referent: a few paragraphs of news text.
const REACH: usize = 1500;

/// How many content pieces before an "I" are searched for the quotation it is in.
const SPEECH_LOOKBACK: usize = 64;

/// How many words after a person's mention its gender may be read from the
/// first "he"/"his"/"she"/"her" there.
const GENDER_WINDOW: usize = 20;

/// What a document tells about its people, computed once for all sources:
/// every step of [`Resolver::referent`] is a lookup, so a long article with
/// thousands of pronoun sources costs time in proportion to its length.
pub struct Resolver<'a> {
    doc: &'a Document,
    entities: &'a [Entity],
    /// Per entity: its person (an id for its key, the last word in lower case), if a person.
    person: Vec<Option<u32>>,
    /// Per entity: its first token, and the first token of its sentence.
    first_token: Vec<usize>,
    sentence_of: Vec<usize>,
    /// Per person: the entities that mention them, in order.
    mentions: Vec<Vec<usize>>,
    /// Per person: how many "he"/"his" and "she"/"her" (and titles) follow their mentions.
    genders: Vec<(u32, u32)>,
    /// The pronoun (byte offset) behind each of those votes: its person
    /// times 2, plus 1 for "she". (This map type is the one the tagger uses,
    /// so it adds no code to the wasm.)
    vote_at: FxHashMap<u64, usize>,
    /// Per person: whether the text reports them speaking (a source).
    spoke: Vec<bool>,
    /// Each content piece of the attributions with a source, and that source.
    speech: Vec<(Span, Span)>,
}

impl<'a> Resolver<'a> {
    /// `attributions` are the document's: their sources make people salient,
    /// and their contents tell who "I" is.
    pub fn new(doc: &'a Document, entities: &'a [Entity], attributions: &[Attribution]) -> Self {
        let speakers: Vec<Span> = attributions.iter().filter_map(|a| a.source).collect();
        let mut speech: Vec<(Span, Span)> = attributions
            .iter()
            .filter_map(|a| Some((a.source?, &a.content)))
            .flat_map(|(s, pieces)| pieces.iter().map(move |&p| (p, s)))
            .collect();
        speech.sort_by_key(|(p, _)| (p.start, std::cmp::Reverse(p.end)));
        let text = doc.text();
        let tokens = doc.tokens();
        let token_at = |b: usize| tokens.partition_point(|t| t.span.end <= b);
        // People by the hash of their key (the tagger's map type again).
        let mut ids: FxHashMap<u64, usize> = FxHashMap::default();
        let mut mentions: Vec<Vec<usize>> = Vec::new();
        let person: Vec<Option<u32>> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| {
                if e.label != Label::Per {
                    return None;
                }
                let next = ids.len();
                let key = crate::tagger::features::hash64(&person_key(&text[e.span.range()]));
                let id = *ids.entry(key).or_insert(next);
                if id == next {
                    mentions.push(Vec::new());
                }
                mentions[id].push(i);
                Some(id as u32)
            })
            .collect();
        let first_token: Vec<usize> = entities.iter().map(|e| token_at(e.span.start)).collect();
        // The sentences partition the tokens: each one's sentence by search.
        let sentences = doc.sentences();
        let sentence_of = first_token
            .iter()
            .map(|&t| {
                let k = sentences.partition_point(|s| s.end <= t);
                sentences.get(k).map_or(0, |s| s.start)
            })
            .collect();
        let mut genders = vec![(0, 0); mentions.len()];
        let mut vote_at = FxHashMap::default();
        let mut vote = |id: u32, g: Kind| {
            let c = &mut genders[id as usize];
            if g == Kind::Male {
                c.0 += 1;
            } else {
                c.1 += 1;
            }
        };
        for (i, e) in entities.iter().enumerate() {
            let Some(id) = person[i] else { continue };
            let next_person = entities[i + 1..]
                .iter()
                .find(|n| n.label == Label::Per)
                .map_or(text.len(), |n| n.span.start);
            let after = token_at(e.span.end);
            for t in tokens.iter().skip(after).take(GENDER_WINDOW) {
                if t.span.start >= next_person {
                    break;
                }
                let Some(g) = gender_word(&text[t.span.range()]) else {
                    continue;
                };
                vote(id, g);
                vote_at.insert(
                    t.span.start as u64,
                    2 * id as usize + usize::from(g != Kind::Male),
                );
                break;
            }
            if let Some(g) = title_before(text, e.span) {
                vote(id, g);
            }
        }
        let mut spoke = vec![false; mentions.len()];
        for s in &speakers {
            let first = entities.partition_point(|e| e.span.end <= s.start);
            for (e, id) in entities[first..].iter().zip(&person[first..]) {
                if e.span.start >= s.end {
                    break;
                }
                if let Some(id) = id {
                    spoke[*id as usize] = true;
                }
            }
        }
        Resolver {
            doc,
            entities,
            person,
            first_token,
            sentence_of,
            mentions,
            genders,
            vote_at,
            spoke,
            speech,
        }
    }

    /// The gender the document gives a person, not counting the pronoun at `skip`.
    fn gender(&self, id: u32, skip: usize) -> Option<Kind> {
        let (mut m, mut f) = self.genders[id as usize];
        match self.vote_at.get(&(skip as u64)) {
            Some(&v) if v == 2 * id as usize => m -= 1,
            Some(&v) if v == 2 * id as usize + 1 => f -= 1,
            _ => {}
        }
        match m.cmp(&f) {
            std::cmp::Ordering::Greater => Some(Kind::Male),
            std::cmp::Ordering::Less => Some(Kind::Female),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The index in the entities of the mention the pronoun `source` most
    /// likely refers to (see the module's documentation).
    pub fn referent(&self, source: Span) -> Option<usize> {
        self.resolve(source, true)
    }

    /// [`Self::referent`]; `nested`: "I" may look through a pronoun speaker once.
    fn resolve(&self, source: Span, nested: bool) -> Option<usize> {
        let text = self.doc.text();
        let entities = self.entities;
        let kind = kind(source.text(text)?.trim())?;
        let before = entities.partition_point(|e| e.span.end <= source.start);
        // A source that is itself (part of) a name refers to nothing else.
        if entities
            .get(before)
            .is_some_and(|e| e.span.start < source.end)
        {
            return None;
        }
        let earlier = || (0..before).rev().map(|i| (i, &entities[i]));
        match kind {
            Kind::Relative => {
                let (i, e) = earlier().next()?;
                let gap = &text[e.span.end..source.start];
                let names = matches!(e.label, Label::Per | Label::Org | Label::Loc | Label::Misc);
                (names && gap.chars().all(|c| c == ',' || c.is_whitespace())).then_some(i)
            }
            Kind::Speaker => {
                // The innermost content around it with a source: a name in
                // that source, or who that source (a pronoun) refers to.
                // Pieces are sorted by start: the innermost one around the
                // source is the last that starts before it and holds it
                // (looking back over a bounded number of pieces).
                let after = self
                    .speech
                    .partition_point(|(p, _)| p.start <= source.start);
                let (_, speaker) = self.speech[..after]
                    .iter()
                    .rev()
                    .take(SPEECH_LOOKBACK)
                    .find(|(piece, _)| piece.contains(source))?;
                let first = entities.partition_point(|e| e.span.end <= speaker.start);
                let named = entities[first..]
                    .iter()
                    .take_while(|e| e.span.start < speaker.end)
                    .position(|e| matches!(e.label, Label::Per | Label::Org))
                    .map(|k| first + k);
                named.or_else(|| nested.then(|| self.resolve(*speaker, false)).flatten())
            }
            Kind::Male | Kind::Female => {
                let sentences = self.doc.sentences();
                let tokens = self.doc.tokens();
                let here = tokens.partition_point(|t| t.span.end <= source.start);
                let sentence_index = |t: usize| sentences.partition_point(|s| s.end <= t);
                let now = sentence_index(here);
                let w = WEIGHTS;
                let mut seen: Vec<u32> = Vec::new();
                let mut best: Option<(f32, usize)> = None;
                for (i, e) in earlier().take_while(|(_, e)| source.start - e.span.end <= REACH) {
                    let Some(id) = self.person[i] else {
                        continue;
                    };
                    if seen.contains(&id) || contains_pronoun(text, e.span) {
                        continue;
                    }
                    seen.push(id);
                    if self.gender(id, source.start).is_some_and(|g| g != kind) {
                        continue;
                    }
                    let distance = now.saturating_sub(sentence_index(self.first_token[i])) as f32;
                    let subject = self.first_token[i] <= self.sentence_of[i] + 2;
                    let spoke = self.spoke[id as usize];
                    // log2 of the mentions so far, in whole steps (no float logarithm in the wasm).
                    let mentions = (usize::BITS
                        - self.mentions[id as usize]
                            .partition_point(|&m| m < before)
                            .leading_zeros()) as f32;
                    let score = -w[0] * distance
                        + w[1] * f32::from(u8::from(subject))
                        + w[2] * f32::from(u8::from(spoke))
                        + w[3] * mentions;
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, i));
                    }
                }
                best.map(|(_, i)| i)
            }
        }
    }
}

/// The weights of [`Resolver::referent`]'s score for a person: sentences
/// back, subject of its sentence, reported speaking, log2 of mentions so far (in
/// whole steps).
/// Chosen on PolNeAR dev pronouns (`newsmark eval-referents`): see
/// docs/attribution-experiments.md.
const WEIGHTS: [f32; 4] = [1.0, 1.0, 2.0, 0.7];

/// A person's key: the last word of the mention, lower case, without a possessive.
fn person_key(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("");
    last.strip_suffix("'s")
        .or_else(|| last.strip_suffix("’s"))
        .unwrap_or(last)
        .to_lowercase()
}

/// The index in `entities` (sorted by start) of the mention that the
/// pronoun `source` most likely refers to, or `None` when `source` is not
/// one of the pronouns above or nothing fits. `attributions` are the
/// document's ([`Resolver::new`]).
pub fn referent(
    doc: &Document,
    entities: &[Entity],
    attributions: &[Attribution],
    source: Span,
) -> Option<usize> {
    Resolver::new(doc, entities, attributions).referent(source)
}

/// For each attribution of `ann`, the index in `ann.entities` of the entity
/// its pronoun source refers to ([`referent`]), or `None`.
pub fn referents(doc: &Document, ann: &crate::annotation::Annotations) -> Vec<Option<usize>> {
    // Most texts have no pronoun source: then there is nothing to prepare.
    let pronoun = |a: &Attribution| {
        a.source
            .and_then(|s| s.text(doc.text()))
            .is_some_and(|t| kind(t.trim()).is_some())
    };
    if !ann.attributions.iter().any(pronoun) {
        return vec![None; ann.attributions.len()];
    }
    let resolver = Resolver::new(doc, &ann.entities, &ann.attributions);
    ann.attributions
        .iter()
        .map(|a| resolver.referent(a.source?))
        .collect()
}

/// The title word right before `span` ("Mrs." in "Mrs. Clinton"), read as a gender.
fn title_before(text: &str, span: Span) -> Option<Kind> {
    let head = text[..span.start].trim_end();
    let word = head
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    title_gender(word).or_else(|| {
        // A title inside the mention: "Mrs. Clinton" tagged whole.
        let first = text[span.range()].split_whitespace().next()?;
        title_gender(first)
    })
}

/// A mention that is itself a pronoun is no antecedent.
fn contains_pronoun(text: &str, span: Span) -> bool {
    kind(text[span.range()].trim()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Origin, Status};

    fn ents(text: &str, names: &[(&str, Label)]) -> Vec<Entity> {
        let mut out: Vec<Entity> = names
            .iter()
            .map(|&(n, label)| {
                let s = text.find(n).unwrap();
                Entity {
                    span: Span::new(s, s + n.len()),
                    label,
                    score: 1.0,
                    origin: Origin::Model,
                    status: Status::Suggested,
                }
            })
            .collect();
        out.sort_by_key(|e| e.span.start);
        out
    }

    fn said(source: Option<Span>, cue: Span, content: Span) -> Attribution {
        Attribution {
            source,
            cue,
            content: vec![content],
            origin: Origin::Model,
            status: Status::Suggested,
        }
    }

    #[test]
    fn i_in_a_quote_is_its_speaker() {
        let text = "Jo Park spoke. \"I will win,\" he said. \"We did it,\" said Acme Corp.";
        let doc = Document::new(text);
        let e = ents(text, &[("Jo Park", Label::Per), ("Acme Corp.", Label::Org)]);
        let atts = [
            said(
                Some(at(text, "he")),
                at(text, "said"),
                at(text, "\"I will win,\""),
            ),
            said(
                Some(at(text, "Acme Corp.")),
                at(text, "said Acme"),
                at(text, "\"We did it,\""),
            ),
        ];
        // "I" → its speaker "he" → Jo Park; "We" → Acme Corp. named in the source.
        assert_eq!(referent(&doc, &e, &atts, at(text, "I")), Some(0));
        assert_eq!(referent(&doc, &e, &atts, at(text, "We")), Some(1));
        // Outside any quote: nothing.
        assert_eq!(referent(&doc, &e, &[], at(text, "I")), None);
    }

    fn at(text: &str, word: &str) -> Span {
        let s = text.find(word).unwrap();
        Span::new(s, s + word.len())
    }

    #[test]
    fn pronouns_find_the_fitting_mention_before_them() {
        let text = "Mrs. Clinton met Tom Ford and Acme Corp. in Rome. He said prices rose. \
                    She said they would fall. It said nothing. Ann Lee, who runs it, agreed.";
        let doc = Document::new(text);
        let e = ents(
            text,
            &[
                ("Clinton", Label::Per),
                ("Tom Ford", Label::Per),
                ("Acme Corp.", Label::Org),
                ("Rome", Label::Loc),
                ("Ann Lee", Label::Per),
            ],
        );
        let name = |i: Option<usize>| i.map(|i| &text[e[i].span.range()]);
        // Nearest person; "Mrs." rules Clinton out for "he" and in for "she".
        assert_eq!(
            name(referent(&doc, &e, &[], at(text, "He"))),
            Some("Tom Ford")
        );
        assert_eq!(
            name(referent(&doc, &e, &[], at(text, "She"))),
            Some("Clinton")
        );
        // "It" and "they" are not resolved.
        assert_eq!(referent(&doc, &e, &[], at(text, "It")), None);
        assert_eq!(
            name(referent(&doc, &e, &[], at(text, "who"))),
            Some("Ann Lee")
        );
        // "WHO" and "US" are names, not pronouns; nor is a source that is a name.
        let text3 = "In Geneva, WHO said so. The US said no.";
        let e3 = ents(text3, &[("Geneva", Label::Loc), ("WHO", Label::Org)]);
        let doc3 = Document::new(text3);
        assert_eq!(referent(&doc3, &e3, &[], at(text3, "WHO")), None);
        assert_eq!(referent(&doc3, &e3, &[], at(text3, "US")), None);
        // Not a pronoun, or a relative pronoun with no name right before it.
        assert_eq!(referent(&doc, &e, &[], at(text, "Rome")), None);
        let text2 = "The mayor, who denies it, spoke.";
        assert_eq!(
            referent(&Document::new(text2), &[], &[], at(text2, "who")),
            None
        );
    }

    #[test]
    fn subjects_speakers_and_the_documents_genders_count() {
        let name = |text: &str, e: &[Entity], i: Option<usize>| {
            i.map(|i| text[e[i].span.range()].to_string())
        };
        // The subject before a nearer object.
        let text = "Ann Lee told reporters that Jo Park was wrong. She said so twice.";
        let e = ents(text, &[("Ann Lee", Label::Per), ("Jo Park", Label::Per)]);
        let got = referent(&Document::new(text), &e, &[], at(text, "She"));
        assert_eq!(name(text, &e, got).as_deref(), Some("Ann Lee"));
        // "his" after Jo Park makes him a he: "she" skips him.
        let text = "Ann Lee met reporters. Jo Park said his team won. She said so.";
        let e = ents(text, &[("Ann Lee", Label::Per), ("Jo Park", Label::Per)]);
        let got = referent(&Document::new(text), &e, &[], at(text, "She"));
        assert_eq!(name(text, &e, got).as_deref(), Some("Ann Lee"));
        // A source already reported speaking before a nearer newcomer.
        let text = "Ann Lee met reporters. Jo Park arrived late. She said so.";
        let doc = Document::new(text);
        let e = ents(text, &[("Ann Lee", Label::Per), ("Jo Park", Label::Per)]);
        let she = at(text, "She");
        assert_eq!(
            name(text, &e, referent(&doc, &e, &[], she)).as_deref(),
            Some("Jo Park")
        );
        let spoke = [said(
            Some(at(text, "Ann Lee")),
            at(text, "met"),
            at(text, "reporters"),
        )];
        assert_eq!(
            name(text, &e, referent(&doc, &e, &spoke, she)).as_deref(),
            Some("Ann Lee")
        );
        // Too far back: nothing.
        let far = format!(
            "Ann Lee spoke. {} She said so.",
            "Filler text. ".repeat(200)
        );
        let e = ents(&far, &[("Ann Lee", Label::Per)]);
        assert_eq!(
            referent(&Document::new(far.clone()), &e, &[], at(&far, "She")),
            None
        );
    }
}
