//! The annotation data model: what Newsmark finds in a document, as plain
//! serde data. Entities, claims and attributions are byte [`Span`]s into the
//! document's one immutable text, each with its [`Origin`] and [`Status`].
//!
//! This floor sits on the text floor (spans and labels) and under everything
//! that finds, learns, composes or exports annotations; it knows none of them
//! (see `docs/architecture.md`).

use crate::document::Document;
use crate::label::Label;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an annotation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The statistical model.
    Model,
    /// A hand-written rule or grammar.
    Rule,
    /// A person, by hand.
    User,
    /// The user lexicon: a string a person labelled before.
    Lexicon,
}

/// Whether a person has confirmed an annotation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Proposed by a model, a rule or the lexicon, not yet reviewed.
    #[default]
    Suggested,
    /// Made or confirmed by a person.
    Accepted,
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub label: Label,
    /// Confidence in (0, 1].
    pub score: f32,
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
}

/// Everything Newsmark found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    /// Sorted by start, non-overlapping.
    pub entities: Vec<Entity>,
    /// Check-worthy sentences, in document order.
    pub claims: Vec<Claim>,
    /// Every attribution found, check-worthy or not, in order of their cues.
    pub attributions: Vec<Attribution>,
}

impl Annotations {
    /// The claims and attributions as a flat list of numbers, for handing the
    /// reported half of an annotation ([`crate::annotate::Annotator::reported`])
    /// to a thread or instance that shares no memory with this one (the
    /// browser's second module hands its first the attributions this way,
    /// [`Annotations::attributions_to_words`]). Entities are not carried, nor the origin, status or
    /// review of a claim or attribution: those of a fresh annotation are the
    /// defaults, which [`Annotations::reported_from_words`] puts back. Offsets
    /// are UTF-8 bytes; one past `u32::MAX` is written as `u32::MAX`, which no
    /// text of the browser's 32-bit memory reaches.
    ///
    /// ```
    /// use newsmark::annotate::Annotator;
    /// use newsmark::annotation::Annotations;
    /// use newsmark::document::Document;
    ///
    /// let annotator = Annotator::builtin()?;
    /// let doc = Document::new("The ministry said on Monday that 40 soldiers had died.");
    /// let reported = annotator.reported(&doc);
    /// let words = reported.reported_to_words();
    /// assert_eq!(Annotations::reported_from_words(&words), Some(reported));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reported_to_words(&self) -> Vec<u32> {
        let w = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut out = vec![len(self.attributions.len())];
        for a in &self.attributions {
            match a.source {
                Some(s) => out.extend([1, w(s.start), w(s.end)]),
                None => out.extend([0, 0, 0]),
            }
            out.extend([w(a.cue.start), w(a.cue.end), len(a.content.len())]);
            for p in &a.content {
                out.extend([w(p.start), w(p.end)]);
            }
        }
        out.push(len(self.claims.len()));
        for c in &self.claims {
            let kind: u32 = match c.kind {
                ClaimKind::Quantity => 0,
                ClaimKind::CorrelationCausation => 1,
                ClaimKind::LawsRules => 2,
                ClaimKind::Prediction => 3,
                ClaimKind::PersonalExperience => 4,
                ClaimKind::Other => 5,
            };
            let facet = match c.facet {
                None => 0,
                Some(ClaimFacet::Quote) => 1,
                Some(ClaimFacet::Attributed) => 2,
            };
            out.extend([
                w(c.span.start),
                w(c.span.end),
                c.score.to_bits(),
                kind,
                c.attribution.map_or(0, |i| len(i).saturating_add(1)),
                facet,
            ]);
        }
        out
    }

    /// Reads what [`Annotations::reported_to_words`] wrote; `None` if `words`
    /// is not such a list: cut short, too long, a span that ends before it
    /// starts, content pieces out of order or overlapping, a claim's
    /// attribution past the last one, or a field out of range. Whether the
    /// spans fit a text is for the caller to check. Never reserves more
    /// than `words` could fill.
    pub fn reported_from_words(words: &[u32]) -> Option<Annotations> {
        let mut it = words.iter().map(|&x| x as usize);
        let mut next = || it.next();
        let span = |start: usize, end: usize| (start <= end).then_some(Span { start, end });
        // An attribution or a claim takes six numbers at least, a piece two.
        let n = next()?;
        let mut attributions = Vec::with_capacity(n.min(words.len() / 6));
        for _ in 0..n {
            let (has, start, end) = (next()?, next()?, next()?);
            let source = match has {
                0 => None,
                1 => Some(span(start, end)?),
                _ => return None,
            };
            let cue = span(next()?, next()?)?;
            let pieces = next()?;
            let mut content: Vec<Span> = Vec::with_capacity(pieces.min(words.len() / 2));
            for _ in 0..pieces {
                let piece = span(next()?, next()?)?;
                if content.last().is_some_and(|p| p.end > piece.start) {
                    return None;
                }
                content.push(piece);
            }
            attributions.push(Attribution {
                source,
                cue,
                content,
                origin: Origin::Model,
                status: Status::default(),
            });
        }
        let n = next()?;
        let mut claims = Vec::with_capacity(n.min(words.len() / 6));
        for _ in 0..n {
            let span = span(next()?, next()?)?;
            let score = f32::from_bits(u32::try_from(next()?).ok()?);
            let kind = *ClaimKind::ALL.get(next()?)?;
            let attribution = match next()? {
                0 => None,
                i if i <= attributions.len() => Some(i - 1),
                _ => return None,
            };
            let facet = match next()? {
                0 => None,
                1 => Some(ClaimFacet::Quote),
                2 => Some(ClaimFacet::Attributed),
                _ => return None,
            };
            claims.push(Claim {
                span,
                score,
                kind,
                attribution,
                origin: Origin::Model,
                status: Status::default(),
                review: None,
                facet,
            });
        }
        if next().is_some() {
            return None;
        }
        Some(Annotations {
            entities: Vec::new(),
            claims,
            attributions,
        })
    }

    /// `attributions` of `text` as numbers for another module (the browser's
    /// second module hands them to its first): [`text_check`] of `text`,
    /// then [`Annotations::reported_to_words`] of the attributions alone.
    /// [`Annotations::attributions_from_words`] reads them back.
    ///
    /// ```
    /// use newsmark::annotate::Annotator;
    /// use newsmark::annotation::Annotations;
    /// use newsmark::document::Document;
    ///
    /// let text = "The ministry said on Monday that 40 soldiers had died.";
    /// let found = Annotator::builtin()?.attributions(&Document::new(text));
    /// let words = Annotations::attributions_to_words(text, found.clone());
    /// assert_eq!(Annotations::attributions_from_words(text, &words), Ok(found));
    /// assert!(Annotations::attributions_from_words("Another text.", &words).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn attributions_to_words(text: &str, attributions: Vec<Attribution>) -> Vec<u32> {
        let mut words = text_check(text).to_vec();
        let ann = Annotations {
            attributions,
            ..Default::default()
        };
        words.extend(ann.reported_to_words());
        words
    }

    /// Reads what [`Annotations::attributions_to_words`] wrote for `text`.
    /// An error if the numbers were written for another text, are not such
    /// a list, hold claims, or have a span outside `text` or off its
    /// character boundaries.
    pub fn attributions_from_words(
        text: &str,
        words: &[u32],
    ) -> Result<Vec<Attribution>, WordsError> {
        let words = words
            .strip_prefix(&text_check(text))
            .ok_or(WordsError::OtherText)?;
        let ann = Annotations::reported_from_words(words).ok_or(WordsError::Invalid)?;
        let inside = |s: &Span| s.start <= s.end && s.text(text).is_some();
        let fits = ann.attributions.iter().all(|a| {
            a.source.as_ref().is_none_or(inside) && inside(&a.cue) && a.content.iter().all(inside)
        });
        if !fits || !ann.claims.is_empty() {
            return Err(WordsError::Invalid);
        }
        Ok(ann.attributions)
    }
}

/// What the browser's second module hands its first for one text: the
/// attributions it found ([`Annotations::attributions_to_words`], which
/// starts with the text's length and CRC-32) and the document it read
/// ([`Document::to_words`]), so that the first module need not tokenise the
/// text again. [`read_handoff`] reads it back.
pub fn handoff_words(doc: &Document, attributions: Vec<Attribution>) -> Vec<u32> {
    let found = Annotations::attributions_to_words(doc.text(), attributions);
    let mut out = Vec::with_capacity(1 + found.len() + 3 * doc.tokens().len());
    out.push(u32::try_from(found.len()).unwrap_or(u32::MAX));
    out.extend(found);
    out.extend(doc.to_words());
    out
}

/// The document and attributions of `text` from what [`handoff_words`] wrote
/// for it; an error if it was written for another text or does not fit this
/// one.
///
/// ```
/// use newsmark::annotate::Annotator;
/// use newsmark::annotation::{handoff_words, read_handoff};
/// use newsmark::document::Document;
///
/// let text = "The ministry said on Monday that 40 soldiers had died.";
/// let doc = Document::new(text);
/// let found = Annotator::builtin()?.attributions(&doc);
/// let words = handoff_words(&doc, found.clone());
/// let (again, attributions) = read_handoff(text, &words)?;
/// assert_eq!((again.tokens(), attributions), (doc.tokens(), found));
/// assert!(read_handoff("The ministry said on Monday that 41 soldiers had died.", &words).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_handoff(text: &str, words: &[u32]) -> Result<(Document, Vec<Attribution>), WordsError> {
    let (found, doc) = split_handoff(words)?;
    let attributions = Annotations::attributions_from_words(text, found)?;
    let doc = Document::from_words(text, doc).ok_or(WordsError::Invalid)?;
    Ok((doc, attributions))
}

/// The attributions alone of what [`handoff_words`] wrote for `text`, the
/// document's numbers left unread: for a caller that has tokenised the
/// text itself (the browser's `Pending`, which runs beside the second module).
pub fn handoff_attributions(text: &str, words: &[u32]) -> Result<Vec<Attribution>, WordsError> {
    Annotations::attributions_from_words(text, split_handoff(words)?.0)
}

/// [`handoff_words`]' attributions part and document part.
fn split_handoff(words: &[u32]) -> Result<(&[u32], &[u32]), WordsError> {
    let (&n, rest) = words.split_first().ok_or(WordsError::Invalid)?;
    if n as usize > rest.len() {
        return Err(WordsError::Invalid);
    }
    Ok(rest.split_at(n as usize))
}

/// What numbers for another module start with, so that the receiver can tell
/// they were found for its text: the text's length in bytes and its CRC-32.
pub fn text_check(text: &str) -> [u32; 2] {
    [
        u32::try_from(text.len()).unwrap_or(u32::MAX),
        crc32fast::hash(text.as_bytes()),
    ]
}

/// Why numbers from another module cannot be read
/// ([`Annotations::attributions_from_words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WordsError {
    #[error("the attributions were found for another text")]
    OtherText,
    #[error("the attributions are not valid")]
    Invalid,
}

/// A check-worthy statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The sentence (or clause) that makes the claim.
    pub span: Span,
    /// The model's probability that it is check-worthy.
    pub score: f32,
    pub kind: ClaimKind,
    /// Index into the document's attributions, when someone is reported to
    /// have made the claim.
    pub attribution: Option<usize>,
    #[serde(default = "model_origin")]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
    /// A fact-checker's verdict, once someone has reviewed the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Whether the claim is reported speech: inside a direct quotation of
    /// its attribution, or an indirect one. `None` when no attribution
    /// reports it (and in files saved before there were facets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facet: Option<ClaimFacet>,
}

/// How a claim is reported, when an attribution reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimFacet {
    /// In the words of the source, in quotation marks.
    Quote,
    /// Reported in the writer's words ("X said that …", "according to X").
    Attributed,
}

impl ClaimFacet {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimFacet::Quote => "quote",
            ClaimFacet::Attributed => "attributed",
        }
    }
}

/// A fact-checker's review of a claim: what a schema.org `ClaimReview` says.
/// Every field but the rating is optional in the data; the exporter writes a
/// `ClaimReview` only for claims with a review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The verdict, a short word or phrase: "False", "Misleading", "Mostly true".
    pub rating: String,
    /// The verdict on a numeric scale, when the organisation uses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_value: Option<i32>,
    /// The best value of that scale (e.g. 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_rating: Option<i32>,
    /// The worst value of that scale (e.g. 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_rating: Option<i32>,
    /// The address of the fact-check article.
    #[serde(default)]
    pub url: String,
    /// The organisation that reviewed the claim (publishes the fact-check).
    #[serde(default)]
    pub organization: String,
    /// When the review was made (ISO 8601 date, `2024-05-01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who made the claim, when the text does not say (or says it otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    /// Whether that claimant is a `Person` or an `Organization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant_type: Option<ClaimantType>,
    /// The address of the article in which the claim appeared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<String>,
}

/// schema.org's two kinds of claimant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClaimantType {
    Person,
    Organization,
}

impl ClaimantType {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimantType::Person => "Person",
            ClaimantType::Organization => "Organization",
        }
    }
}

fn model_origin() -> Origin {
    Origin::Model
}

/// What kind of claim a check-worthy sentence makes, after Full Fact's classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A past or present quantity, amount, rate, ranking or statistic.
    Quantity,
    /// One thing causes, leads to or is linked to another.
    CorrelationCausation,
    /// What a law, rule, regulation or procedure says or requires.
    LawsRules,
    /// A claim about the future.
    Prediction,
    /// The speaker's own experience.
    PersonalExperience,
    Other,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::Quantity,
        ClaimKind::CorrelationCausation,
        ClaimKind::LawsRules,
        ClaimKind::Prediction,
        ClaimKind::PersonalExperience,
        ClaimKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::CorrelationCausation => "correlation_causation",
            ClaimKind::LawsRules => "laws_rules",
            ClaimKind::Prediction => "prediction",
            ClaimKind::PersonalExperience => "personal_experience",
            ClaimKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The parts of an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Source,
    Cue,
    Content,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Cue => "cue",
            Role::Content => "content",
        }
    }
}

/// One attribution: a cue, who it attributes to (if said), and what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub source: Option<Span>,
    pub cue: Span,
    /// The content, in one or more pieces (a quote can be split by its cue:
    /// "We will win," he said, "and soon.").
    pub content: Vec<Span>,
    #[serde(default = "model_origin")]
    pub origin: Origin,
    #[serde(default)]
    pub status: Status,
}

impl Attribution {
    /// The content from the start of its first piece to the end of its last.
    pub fn content_span(&self) -> Option<Span> {
        Some(Span::new(
            self.content.first()?.start,
            self.content.last()?.end,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers the browser's second module hands to its first are read
    /// only for the text they were found in, with every span inside it.
    #[test]
    fn attribution_words_are_checked_against_their_text() {
        // "É" is two bytes: byte 1 is inside a character.
        let text = "Émile said it rained.";
        let a = Attribution {
            source: Some(Span::new(0, 6)),
            cue: Span::new(7, 11),
            content: vec![Span::new(12, 22)],
            origin: Origin::Model,
            status: Status::default(),
        };
        let words = Annotations::attributions_to_words(text, vec![a.clone()]);
        assert_eq!(
            Annotations::attributions_from_words(text, &words),
            Ok(vec![a.clone()])
        );
        // Another text of the same length, or none of these numbers.
        assert_eq!(
            Annotations::attributions_from_words("Émile said it snowed.", &words),
            Err(WordsError::OtherText)
        );
        assert_eq!(
            Annotations::attributions_from_words(text, &words[..words.len() - 1]),
            Err(WordsError::Invalid)
        );
        // A span off a character boundary, or past the end.
        for bad in [Span::new(1, 6), Span::new(12, 23)] {
            let b = Attribution {
                source: Some(bad),
                ..a.clone()
            };
            let words = Annotations::attributions_to_words(text, vec![b]);
            assert_eq!(
                Annotations::attributions_from_words(text, &words),
                Err(WordsError::Invalid)
            );
        }
        // Claims are the first module's own: numbers that carry one are refused.
        let mut with_claim = text_check(text).to_vec();
        with_claim.extend(
            Annotations {
                attributions: vec![a],
                claims: vec![claim(0, 21, Some(0), None)],
                ..Default::default()
            }
            .reported_to_words(),
        );
        assert_eq!(
            Annotations::attributions_from_words(text, &with_claim),
            Err(WordsError::Invalid)
        );
    }

    fn claim(
        start: usize,
        end: usize,
        attribution: Option<usize>,
        facet: Option<ClaimFacet>,
    ) -> Claim {
        Claim {
            span: Span { start, end },
            score: 0.8125,
            kind: ClaimKind::Prediction,
            attribution,
            origin: Origin::Model,
            status: Status::Suggested,
            review: None,
            facet,
        }
    }

    #[test]
    fn the_reported_half_goes_through_words_unchanged() {
        let ann = Annotations {
            entities: Vec::new(),
            attributions: vec![
                Attribution {
                    source: Some(Span { start: 0, end: 12 }),
                    cue: Span { start: 13, end: 17 },
                    content: vec![Span { start: 18, end: 40 }, Span { start: 52, end: 60 }],
                    origin: Origin::Model,
                    status: Status::Suggested,
                },
                Attribution {
                    source: None,
                    cue: Span { start: 70, end: 82 },
                    content: Vec::new(),
                    origin: Origin::Model,
                    status: Status::Suggested,
                },
            ],
            claims: vec![
                claim(0, 41, Some(0), Some(ClaimFacet::Attributed)),
                claim(42, 61, Some(1), Some(ClaimFacet::Quote)),
                claim(62, 90, None, None),
            ],
        };
        let words = ann.reported_to_words();
        assert_eq!(Annotations::reported_from_words(&words), Some(ann));
        // Every kind comes back as itself.
        let kinds = Annotations {
            claims: ClaimKind::ALL
                .iter()
                .map(|&kind| Claim {
                    kind,
                    ..claim(0, 1, None, None)
                })
                .collect(),
            ..Default::default()
        };
        assert_eq!(
            Annotations::reported_from_words(&kinds.reported_to_words()),
            Some(kinds)
        );
    }

    #[test]
    fn words_cut_short_or_too_long_or_out_of_range_are_refused() {
        let ann = Annotations {
            claims: vec![claim(0, 41, None, Some(ClaimFacet::Quote))],
            ..Default::default()
        };
        let words = ann.reported_to_words();
        for cut in 0..words.len() {
            assert_eq!(
                Annotations::reported_from_words(&words[..cut]),
                None,
                "cut at {cut}"
            );
        }
        let mut longer = words.clone();
        longer.push(0);
        assert_eq!(Annotations::reported_from_words(&longer), None);
        let mut bad_facet = words.clone();
        *bad_facet.last_mut().unwrap() = 3;
        assert_eq!(Annotations::reported_from_words(&bad_facet), None);
        let mut bad_kind = words.clone();
        bad_kind[5] = ClaimKind::ALL.len() as u32; // [0 attributions, 1 claim, start, end, score, kind, …]
        assert_eq!(Annotations::reported_from_words(&bad_kind), None);
        let mut backwards = words;
        backwards[2] = 50; // the claim ends before it starts
        assert_eq!(Annotations::reported_from_words(&backwards), None);
        // A count far larger than the list is refused, with nothing reserved for it.
        assert_eq!(Annotations::reported_from_words(&[u32::MAX]), None);
        // A claim's attribution past the last one, and content pieces out of order.
        let mut past = ann.reported_to_words();
        let last = past.len() - 2;
        past[last] = 1; // attribution 0 of none
        assert_eq!(Annotations::reported_from_words(&past), None);
        let swapped = Annotations {
            attributions: vec![Attribution {
                source: None,
                cue: Span { start: 0, end: 4 },
                content: vec![Span { start: 20, end: 30 }, Span { start: 5, end: 10 }],
                origin: Origin::Model,
                status: Status::Suggested,
            }],
            ..Default::default()
        };
        assert_eq!(
            Annotations::reported_from_words(&swapped.reported_to_words()),
            None
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any list of numbers is read or refused, never a panic.
        #[test]
        fn any_words_are_read_or_refused(words in proptest::collection::vec(0u32..8, 0..40)) {
            let _ = Annotations::reported_from_words(&words);
        }
    }
}
