//! Attribution: who said what. Finds the source ("Azerbaijan's defence
//! ministry"), the cue ("accused") and the content of reported statements,
//! direct and indirect.
//!
//! The roles are tagged per paragraph by the same kind of model as the
//! entities (a BILOU perceptron, see [`crate::ner`]), with attribution
//! features on top: quotation-mark state, the distance to cue words and each
//! word's part of speech (from [`crate::syntax::PosTagger`]). The
//! three roles use the model's first three label slots (see [`Role`]). Spans
//! are then grouped: every cue gets the nearest source and the content pieces
//! that are nearer to it than to any other cue.

mod according;
mod asides;
mod boundaries;
mod clauses;
mod continued;
pub mod features;
mod headlines;
mod interrupted;
mod overruns;
#[cfg(feature = "cli")]
pub mod polnear;
pub mod referent;
mod reports;
mod rules;
mod shapes;
mod sources;
mod subjects;
mod trailing;

pub use rules::group_words;

pub use crate::annotation::{Attribution, Role};
use crate::document::Document;
use crate::label::Label;
use crate::span::Span;
use crate::syntax::PosTagger;
use crate::tagger::tags::TokenSpan;
use crate::tagger::{Model, ModelError, TypeCache};
use std::ops::Range;
use std::sync::Arc;

/// How the tagger carries the roles: in the first three of its label slots.
pub trait RoleSlot {
    /// The model label slot that carries this role.
    fn slot(self) -> Label;
}

impl RoleSlot for Role {
    fn slot(self) -> Label {
        match self {
            Role::Source => Label::Per,
            Role::Cue => Label::Org,
            Role::Content => Label::Loc,
        }
    }
}

/// Tokens `start..end` in `role`'s label slot: how the rules write a span.
pub(crate) fn role_span(start: usize, end: usize, role: Role) -> TokenSpan {
    TokenSpan {
        start,
        end,
        label: role.slot(),
    }
}

/// The role a model label slot carries, if any.
pub fn role_of_slot(label: Label) -> Option<Role> {
    Role::ALL.into_iter().find(|r| r.slot() == label)
}

/// Paragraphs of a document as token ranges: the units the tagger reads
/// (see [`Document::paragraphs`]; a hard wrap does not end one).
pub fn paragraphs(doc: &Document) -> Vec<Range<usize>> {
    doc.paragraphs()
}

/// The trained attribution tagger: one model for all three roles, or two
/// layers (sources and cues; contents), so that a content can hold another
/// attribution's source and cue (nested reported speech), which one tag per
/// token cannot represent.
#[derive(Debug, Clone)]
pub struct AttributionModel {
    model: Model,
    content: Option<Model>,
}

/// Per-word-type caches of an [`AttributionModel`]'s layers.
#[derive(Default)]
pub struct AttributionCache {
    roles: TypeCache,
    content: TypeCache,
}

impl AttributionCache {
    pub fn new() -> Self {
        Self::default()
    }
    /// Word types held, over both layers.
    pub fn len(&self) -> usize {
        self.roles.len() + self.content.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl AttributionModel {
    /// One model tagging all three roles.
    pub fn new(model: Model) -> Self {
        AttributionModel {
            model,
            content: None,
        }
    }

    /// Two layers: `roles` tags sources and cues (its contents are ignored),
    /// `content` tags contents.
    pub fn layered(roles: Model, content: Model) -> Self {
        AttributionModel {
            model: roles,
            content: Some(content),
        }
    }

    /// Reads a model file of one model of all roles. A model trained with
    /// parts of speech ([`features::ATTRIBUTION_POS`]) needs `pos`, the
    /// tagger it was trained with; an older one ignores it.
    pub fn from_bytes(bytes: &[u8], pos: Option<Arc<PosTagger>>) -> Result<Self, ModelError> {
        Ok(AttributionModel::new(read_model(bytes, pos)?))
    }

    /// The model of sources and cues (of every role if there is no content layer).
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Role spans (token indices within each unit) for units of words,
    /// after [`repair`].
    ///
    /// Units with no cue word, quotation mark or colon are not tagged: the
    /// model rarely finds an attribution there, and skipping them saves time.
    pub fn tag_units(
        &self,
        units: &[Vec<&str>],
        cache: &mut AttributionCache,
    ) -> Vec<Vec<(TokenSpan, Role)>> {
        let promising = |words: &[&str]| {
            words.iter().any(|w| {
                crate::attribution::features::is_cue_word(w)
                    || matches!(*w, "\"" | "“" | "”" | "«" | "»" | ":")
            })
        };
        let selected: Vec<usize> = (0..units.len()).filter(|&i| promising(&units[i])).collect();
        let picked: Vec<Vec<&str>> = selected.iter().map(|&i| units[i].clone()).collect();
        let mut tagged: Vec<Vec<(TokenSpan, Role)>> = vec![Vec::new(); units.len()];
        let layered = self.content.is_some();
        for (&i, spans) in selected.iter().zip(self.model.tag_document_with(
            &picked,
            &mut cache.roles,
            false,
        )) {
            tagged[i] = spans
                .into_iter()
                .filter_map(|(s, _)| role_of_slot(s.label).map(|r| (s, r)))
                .filter(|(_, r)| !(layered && *r == Role::Content))
                .collect();
        }
        if let Some(content) = &self.content {
            for (&i, spans) in
                selected
                    .iter()
                    .zip(content.tag_document_with(&picked, &mut cache.content, false))
            {
                tagged[i].extend(
                    spans
                        .into_iter()
                        .filter(|(s, _)| role_of_slot(s.label) == Some(Role::Content))
                        .map(|(s, _)| (s, Role::Content)),
                );
                tagged[i].sort_by_key(|(s, r)| (s.start, std::cmp::Reverse(s.end), *r));
            }
        }
        tagged
            .into_iter()
            .zip(units)
            .map(|(spans, words)| repair(words, spans))
            .collect()
    }

    /// Every attribution in `doc`, in order of their cues.
    pub fn find(&self, doc: &Document) -> Vec<Attribution> {
        self.find_with(doc, &mut AttributionCache::new())
    }

    /// [`AttributionModel::find`] with a cache of word types that may be
    /// kept from one document to the next (only with this model).
    pub fn find_with(&self, doc: &Document, cache: &mut AttributionCache) -> Vec<Attribution> {
        let paras = paragraphs(doc);
        let units: Vec<Vec<&str>> = paras
            .iter()
            .map(|r| r.clone().map(|i| doc.token_text(i)).collect())
            .collect();
        let tagged = self.tag_units(&units, cache);
        let mut out = Vec::new();
        for ((para, spans), words) in paras.iter().zip(tagged).zip(&units) {
            let to_bytes = |s: &TokenSpan| {
                Span::new(
                    doc.tokens()[para.start + s.start].span.start,
                    doc.tokens()[para.start + s.end - 1].span.end,
                )
            };
            out.extend(group_words(words, &spans).into_iter().map(|g| Attribution {
                source: g.source.map(|s| to_bytes(&s)),
                cue: to_bytes(&g.cue),
                content: g.content.iter().map(to_bytes).collect(),
                origin: crate::annotation::Origin::Model,
                status: crate::annotation::Status::Suggested,
            }));
        }
        continued::continue_quotations(doc, &paras, &mut out);
        out
    }
}

/// Reads an attribution model file of any of the attribution tasks
/// ([`features::ATTRIBUTION_FORMS`], [`features::ATTRIBUTION_POS`],
/// [`features::ATTRIBUTION`]), with `pos` for those that read parts of speech.
pub fn read_model(bytes: &[u8], pos: Option<Arc<PosTagger>>) -> Result<Model, ModelError> {
    let model = [features::ATTRIBUTION_POS, features::ATTRIBUTION]
        .into_iter()
        .fold(
            Model::from_bytes(bytes, features::ATTRIBUTION_FORMS),
            |read, task| match read {
                Err(ModelError::WrongTask { .. }) => Model::from_bytes(bytes, task),
                read => read,
            },
        )?;
    match pos {
        Some(p) if model.task.needs_pos() => model.with_pos(p),
        _ if model.is_complete() => Ok(model),
        _ => Err(ModelError::NoPosTagger),
    }
}

/// Mends systematic mistakes of the tagger, for any text; among them:
///
/// * a cue that starts with words before its cue word ("ministry accused"):
///   those words go to the source that ends just before it, or are dropped;
/// * "according to X, Y" tagged with no source and X inside the content, or
///   X and Y as two contents: X (up to the first comma) becomes the source.
pub fn repair(words: &[&str], mut spans: Vec<(TokenSpan, Role)>) -> Vec<(TokenSpan, Role)> {
    shapes::call_on_cue(words, &mut spans);
    according::according_overrun(words, &mut spans);
    according::according_trailing_source(words, &mut spans);
    asides::known_as_aside(words, &mut spans);
    asides::participle_inside_content(words, &mut spans);
    sources::clause_as_source(words, &mut spans);
    sources::name_run_on(words, &mut spans);
    subjects::perfect_subject(words, &mut spans);
    clauses::subject_as_content(words, &mut spans);
    clauses::phrase_after_cue(words, &mut spans);
    asides::anonymity_aside(words, &mut spans);
    sources::split_opening_source(words, &mut spans);
    let is_cue_word = |i: usize| crate::attribution::features::is_cue_word(words[i]);
    // Words that belong to a cue ("has said", "also told", "repeatedly claimed").
    let cue_modifier = |w: &str| {
        let w = w.to_lowercase();
        features::is_ly_adverb(&w)
            || matches!(
                w.as_str(),
                "has"
                    | "have"
                    | "had"
                    | "also"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "will"
                    | "would"
                    | "then"
                    | "later"
                    | "previously"
                    | "once"
                    | "again"
                    | "not"
                    | "did"
                    | "does"
                    | "do"
                    | "n't"
                    | "never"
                    | "first"
                    | "been"
                    | "be"
                    | "may"
                    | "might"
                    | "could"
                    | "should"
                    | "to"
            )
    };
    for i in 1..spans.len() {
        let (cue, role) = spans[i];
        let source_before = spans[i - 1].1 == Role::Source && spans[i - 1].0.end == cue.start;
        if role == Role::Cue
            && source_before
            && !is_cue_word(cue.start)
            && !cue_modifier(words[cue.start])
        {
            // The cue swallowed the end of its source: "ministry accused".
            if let Some(first_cue) =
                (cue.start..cue.end).find(|&k| is_cue_word(k) || cue_modifier(words[k]))
            {
                spans[i].0.start = first_cue;
                spans[i - 1].0.end = first_cue;
            }
        }
    }
    let mut out: Vec<(TokenSpan, Role)> = Vec::with_capacity(spans.len() + 1);
    for &(s, role) in &spans {
        let prev_cue = out
            .last()
            .filter(|(p, r)| *r == Role::Cue && p.end == s.start)
            .map(|(p, _)| *p);
        let according = prev_cue.is_some_and(|p| according::according_cue(words, p));
        let has_source = spans
            .iter()
            .any(|(x, r)| *r == Role::Source && x.end <= s.start && s.start - x.end <= 3);
        if role == Role::Content && according && !has_source {
            if let Some(comma) = (s.start..s.end).find(|&t| words[t] == ",") {
                if comma > s.start && comma + 1 < s.end {
                    out.push((
                        TokenSpan {
                            start: s.start,
                            end: comma,
                            label: Role::Source.slot(),
                        },
                        Role::Source,
                    ));
                    out.push((
                        TokenSpan {
                            start: comma + 1,
                            end: s.end,
                            label: Role::Content.slot(),
                        },
                        Role::Content,
                    ));
                    continue;
                }
            }
            // The same, tagged as two contents split at the comma.
            let next_content = spans.iter().any(|(x, r)| {
                *r == Role::Content && x.start == s.end + 1 && words.get(s.end) == Some(&",")
            });
            if next_content && s.end > s.start {
                out.push((
                    TokenSpan {
                        label: Role::Source.slot(),
                        ..s
                    },
                    Role::Source,
                ));
                continue;
            }
        }
        out.push((s, role));
    }
    clauses::source_over_that(words, &mut out);
    out
}

/// Exact-match scores per role (in the roles' label slots) of `model` on
/// gold units, as the product tags them (after [`repair`]).
pub fn evaluate(
    model: &AttributionModel,
    docs: &[crate::tagger::train::Doc],
) -> crate::tagger::eval::EvalCounts {
    let mut counts = crate::tagger::eval::EvalCounts::default();
    let mut cache = AttributionCache::new();
    for doc in docs {
        let units: Vec<Vec<&str>> = doc
            .iter()
            .map(|e| e.words.iter().map(String::as_str).collect())
            .collect();
        for (e, pred) in doc.iter().zip(model.tag_units(&units, &mut cache)) {
            let pred: Vec<TokenSpan> = pred.into_iter().map(|(s, _)| s).collect();
            counts.add(&e.spans, &pred, e.words.len());
        }
    }
    counts
}

/// An attribution over token indices of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub source: Option<TokenSpan>,
    pub cue: TokenSpan,
    pub content: Vec<TokenSpan>,
}

impl Group {
    /// Its source (if any), its cue and its content pieces.
    pub(crate) fn spans(&self) -> impl Iterator<Item = &TokenSpan> + Clone {
        self.source
            .iter()
            .chain(std::iter::once(&self.cue))
            .chain(&self.content)
    }
}

/// Puts each of `added` in its place by cue in `groups`, which is in that
/// order and stays so.
pub(crate) fn insert_by_cue(groups: &mut Vec<Group>, added: Vec<Group>) {
    for g in added {
        let at = groups.partition_point(|o| o.cue.start < g.cue.start);
        groups.insert(at, g);
    }
}

/// Drops the groups with no source whose cue lies inside one of `ranges`
/// (what a rule has just made another attribution's content).
pub(crate) fn drop_sourceless_inside(groups: &mut Vec<Group>, ranges: &[std::ops::Range<usize>]) {
    groups.retain(|g| {
        g.source.is_some()
            || !ranges
                .iter()
                .any(|r| r.start <= g.cue.start && g.cue.end <= r.end)
    });
}

/// Token distance between two spans (0 if they touch or overlap).
fn distance(a: &TokenSpan, b: &TokenSpan) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// How far (in tokens, plus 3 for a cue before its source) a source may be
/// from a cue other than its nearest, when a nearer source took that one.
/// PolNeAR source F1, evaluator's view: dev 67.23 -> 67.29, train 65.99 ->
/// 66.11; with no limit, dev 66.97.
const SECOND_CUE: usize = 3;

/// How far a source `s` is from `cue`: a source before its cue is the usual
/// order ("X said"), so a cue before it counts 3 more.
fn reach(s: &TokenSpan, cue: &TokenSpan) -> usize {
    distance(s, cue) + usize::from(s.start > cue.start) * 3
}

/// The source each cue takes. Sources and cues are paired nearest first
/// (sources preferring cues after them): a source that loses its nearest cue
/// to a nearer source goes to another cue still free within [`SECOND_CUE`]
/// ("“…,” said one resident, who asked …": "who" takes "asked", so "one
/// resident" takes "said").
///
/// This is the nearest free pair, again and again; taking the pairs a source
/// may have (its nearest cue, and any within [`SECOND_CUE`]) nearest first,
/// each while its source and cue are both free, gives the same pairs in
/// one sort instead of a search of all pairs per pair, which cost the cube
/// of a paragraph's length (a pasted text with no blank line is one
/// paragraph).
pub(crate) fn pair_sources(sources: &[TokenSpan], cues: &[TokenSpan]) -> Vec<Option<TokenSpan>> {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let Some(first) = (0..cues.len()).min_by_key(|&k| (reach(s, &cues[k]), k)) else {
            break;
        };
        for (k, cue) in cues.iter().enumerate() {
            let d = reach(s, cue);
            if k == first || d <= SECOND_CUE {
                pairs.push((d, k, i));
            }
        }
    }
    pairs.sort_unstable();
    let mut paired = vec![false; sources.len()];
    let mut taken: Vec<Option<TokenSpan>> = vec![None; cues.len()];
    for (_, k, i) in pairs {
        if !paired[i] && taken[k].is_none() {
            paired[i] = true;
            taken[k] = Some(sources[i]);
        }
    }
    taken
}

/// Groups the role spans of one unit into attributions: each source and
/// content piece goes to its nearest cue (sources prefer cues after them, as
/// in "X said"); a cue keeps its nearest source, and a source that lost its
/// nearest cue to a nearer one may go to a free cue within [`SECOND_CUE`].
/// Cues without content are dropped.
pub fn group(spans: &[(TokenSpan, Role)]) -> Vec<Group> {
    group_in_sentences(spans, &[])
}

/// [`group`], knowing where sentences start (`sentence_start[t]`: the first
/// token of token `t`'s sentence, as [`crate::tokenize::sentence_bounds`]
/// gives; empty: unknown). A content piece then goes to the nearest cue of
/// a sentence it touches, if there is one: in "Trump said at a rally that
/// the vote was rigged. Clinton now says …", the first content belongs to
/// "said", though "says" is nearer.
pub fn group_in_sentences(spans: &[(TokenSpan, Role)], sentence_start: &[usize]) -> Vec<Group> {
    let cues: Vec<TokenSpan> = spans
        .iter()
        .filter(|(_, r)| *r == Role::Cue)
        .map(|(s, _)| *s)
        .collect();
    let mut groups: Vec<Group> = cues
        .iter()
        .map(|&cue| Group {
            source: None,
            cue,
            content: Vec::new(),
        })
        .collect();
    if groups.is_empty() {
        return groups;
    }
    let sources: Vec<TokenSpan> = spans
        .iter()
        .filter(|(_, r)| *r == Role::Source)
        .map(|(s, _)| *s)
        .collect();
    for (g, source) in groups.iter_mut().zip(pair_sources(&sources, &cues)) {
        g.source = source;
    }
    for (s, role) in spans {
        match role {
            Role::Content => {
                // A content holding cues of its own (nested reported speech)
                // belongs to a cue outside it.
                let outside: Vec<usize> = (0..cues.len())
                    .filter(|&k| !(s.start <= cues[k].start && cues[k].end <= s.end))
                    .collect();
                let candidates = if outside.is_empty() {
                    (0..cues.len()).collect()
                } else {
                    outside
                };
                // The sentences a span touches, as a range of first tokens.
                let sentences = |t: &TokenSpan| {
                    sentence_start.get(t.start).copied()
                        ..=sentence_start.get(t.end.saturating_sub(1)).copied()
                };
                let touches = |k: usize| {
                    let (a, b) = (sentences(s), sentences(&cues[k]));
                    a.start() <= b.end() && b.start() <= a.end()
                };
                let near: Vec<usize> = candidates.iter().copied().filter(|&k| touches(k)).collect();
                let k = if sentence_start.is_empty() || near.is_empty() {
                    &candidates
                } else {
                    &near
                }
                .iter()
                .copied()
                .min_by_key(|&k| (distance(s, &cues[k]), k))
                .unwrap_or(0);
                groups[k].content.push(*s);
            }
            Role::Source | Role::Cue => {}
        }
    }
    groups.retain(|g| !g.content.is_empty());
    for g in &mut groups {
        g.content.sort();
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped model records the tagger it was trained with, and refuses
    /// another (its tags would shift the features), or none.
    #[cfg(feature = "embed-claims")]
    #[test]
    fn model_runs_only_with_its_own_tagger() {
        let bytes = crate::annotate::BUILTIN_ATTRIBUTION;
        let own = PosTagger::builtin().unwrap();
        assert!(read_model(bytes, Some(Arc::new(own.clone()))).is_ok());
        assert_eq!(
            read_model(bytes, None).unwrap_err(),
            ModelError::NoPosTagger
        );
        let other = PosTagger::new(own.tagset.clone(), own.tagger.clone(), "retrained".into());
        assert_ne!(other.checksum(), own.checksum());
        let err = read_model(bytes, Some(Arc::new(other.clone()))).unwrap_err();
        assert_eq!(
            err,
            ModelError::OtherPosTagger {
                trained: own.checksum(),
                given: other.checksum()
            }
        );
        assert!(err.to_string().contains("another part-of-speech tagger"));
        // Written again, the model keeps the checksum it was read with.
        let model = read_model(bytes, Some(Arc::new(own))).unwrap();
        assert_eq!(model.to_bytes(), bytes);
    }

    fn sp(start: usize, end: usize, role: Role) -> (TokenSpan, Role) {
        (
            TokenSpan {
                start,
                end,
                label: role.slot(),
            },
            role,
        )
    }

    /// The pairing as first written: the nearest free pair of all, again
    /// and again.
    #[cfg(not(target_arch = "wasm32"))]
    fn pair_sources_one_by_one(
        sources: &[TokenSpan],
        cues: &[TokenSpan],
    ) -> Vec<Option<TokenSpan>> {
        let first: Vec<usize> = sources
            .iter()
            .map(|s| {
                (0..cues.len())
                    .min_by_key(|&k| (reach(s, &cues[k]), k))
                    .unwrap_or(0)
            })
            .collect();
        let mut paired = vec![false; sources.len()];
        let mut taken = vec![None; cues.len()];
        while let Some((_, k, i)) = (0..sources.len())
            .filter(|&i| !paired[i])
            .flat_map(|i| (0..cues.len()).map(move |k| (i, k)))
            .map(|(i, k)| (reach(&sources[i], &cues[k]), k, i))
            .filter(|&(d, k, i)| taken[k].is_none() && (k == first[i] || d <= SECOND_CUE))
            .min()
        {
            paired[i] = true;
            taken[k] = Some(sources[i]);
        }
        taken
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn sources_pair_as_one_by_one(
            sources in proptest::collection::vec((0usize..60, 1usize..5), 0..12),
            cues in proptest::collection::vec((0usize..60, 1usize..3), 0..12),
        ) {
            let span = |(start, len): (usize, usize), role: Role| TokenSpan { start, end: start + len, label: role.slot() };
            let sources: Vec<TokenSpan> = sources.into_iter().map(|s| span(s, Role::Source)).collect();
            let mut cues: Vec<TokenSpan> = cues.into_iter().map(|c| span(c, Role::Cue)).collect();
            cues.sort_by_key(|c| (c.start, c.end));
            proptest::prop_assert_eq!(pair_sources(&sources, &cues), pair_sources_one_by_one(&sources, &cues));
        }
    }

    #[test]
    fn a_source_displaced_by_a_nearer_one_takes_the_free_cue() {
        // “ We have no choice , ” said one resident , who asked not to be named .
        //  0  1    2   3      4 5  6    7    8      9  10   11    12  13 14  15
        let spans = [
            sp(0, 6, Role::Content),
            sp(6, 7, Role::Cue),
            sp(7, 9, Role::Source),
            sp(10, 11, Role::Source),
            sp(11, 12, Role::Cue),
            sp(12, 16, Role::Content),
        ];
        let g = group(&spans);
        let src = |k: usize| g[k].source.map(|s| (s.start, s.end));
        assert_eq!((src(0), src(1)), (Some((7, 9)), Some((10, 11))));
        // Further than SECOND_CUE from the free cue, it is left out.
        let far = [
            sp(0, 1, Role::Content),
            sp(1, 2, Role::Cue),
            sp(6, 8, Role::Source),
            sp(8, 9, Role::Source),
            sp(9, 10, Role::Cue),
            sp(10, 12, Role::Content),
        ];
        let g = group(&far);
        assert_eq!(g[0].source, None);
    }

    #[test]
    fn a_trailing_cue_without_content_gets_the_sentence_before_it() {
        let words: Vec<&str> =
            "Prices rose sharply , a source said . Then the talks began , he said on Tuesday ."
                .split(' ')
                .collect();
        // The tagger found both sources and cues but no content.
        let spans = [
            sp(4, 6, Role::Source),
            sp(6, 7, Role::Cue),
            sp(13, 14, Role::Source),
            sp(14, 15, Role::Cue),
        ];
        let g = group_words(&words, &spans);
        assert_eq!(g.len(), 2, "{g:?}");
        assert_eq!((g[0].content[0].start, g[0].content[0].end), (0, 3));
        assert_eq!(g[0].source.map(|s| (s.start, s.end)), Some((4, 6)));
        assert_eq!((g[1].content[0].start, g[1].content[0].end), (8, 12));
        // A cue inside its sentence ("…, he said, is …") reports the words
        // before and after it (shapes::parenthetical_clause), not the
        // sentence before; one with no comma before it is left alone.
        let words: Vec<&str> = "The point , he said , is clear . He said so ."
            .split(' ')
            .collect();
        let spans = [
            sp(3, 4, Role::Source),
            sp(4, 5, Role::Cue),
            sp(9, 10, Role::Source),
            sp(10, 11, Role::Cue),
        ];
        let g = group_words(&words, &spans);
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].cue.start, 4);
        assert_eq!(
            g[0].content
                .iter()
                .map(|c| (c.start, c.end))
                .collect::<Vec<_>>(),
            [(0, 2), (6, 8)]
        );
        // A cue that opens the text, with nothing before it.
        assert!(group_words(&["Said", "nothing", "."], &[sp(0, 1, Role::Cue)]).is_empty());
    }

    #[test]
    fn a_clause_verb_after_its_source_gets_the_rest_of_the_sentence() {
        let words: Vec<&str> =
            "Officials said crime fell 20 % last year . The mayor told reporters nothing ."
                .split(' ')
                .collect();
        // The tagger found sources and cues but no content.
        let spans = [
            sp(0, 1, Role::Source),
            sp(1, 2, Role::Cue),
            sp(9, 11, Role::Source),
            sp(11, 12, Role::Cue),
        ];
        let g = group_words(&words, &spans);
        // "told" takes an object first: it is not completed.
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!((g[0].content[0].start, g[0].content[0].end), (2, 8));
        assert_eq!(g[0].source.map(|s| (s.start, s.end)), Some((0, 1)));
        // No source before the cue, or another role in the rest: left alone.
        assert!(group_words(&words, &[sp(1, 2, Role::Cue)]).is_empty());
        let spans = [
            sp(0, 1, Role::Source),
            sp(1, 2, Role::Cue),
            sp(3, 4, Role::Source),
        ];
        assert!(group_words(&words, &spans).is_empty());
    }

    #[test]
    fn called_on_and_that_clauses_complete_what_the_tagger_missed() {
        let words: Vec<&str> = "The union called on members to strike . Officials estimate that repairs will cost more ."
            .split(' ')
            .collect();
        // The tagger found the union and "called", nothing in the second sentence.
        let g = group_words(&words, &[sp(0, 2, Role::Source), sp(2, 3, Role::Cue)]);
        assert_eq!(g.len(), 2, "{g:?}");
        assert_eq!(
            (g[0].cue.start, g[0].cue.end),
            (2, 4),
            "the cue is 'called on'"
        );
        assert_eq!((g[0].content[0].start, g[0].content[0].end), (4, 7));
        assert_eq!(g[1].source.map(|s| (s.start, s.end)), Some((8, 9)));
        assert_eq!((g[1].cue.start, g[1].cue.end), (9, 10));
        assert_eq!((g[1].content[0].start, g[1].content[0].end), (10, 15));
        // Without "that", a clause with an auxiliary or a modal is read the same.
        let words: Vec<&str> = "Officials estimate the repairs will cost more ."
            .split(' ')
            .collect();
        let g = group_words(&words, &[]);
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!((g[0].content[0].start, g[0].content[0].end), (2, 7));
        // Too short after "that", a long subject, or no clause after the verb: nothing.
        for text in [
            "Officials estimate that it works .",
            "The head of the regional water board estimate that repairs will cost more .",
            "Officials estimate the repairs cost more .",
            "Officials estimate that",
        ] {
            let words: Vec<&str> = text.split(' ').collect();
            assert!(group_words(&words, &[]).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_relative_clause_source_takes_its_subject() {
        let words: Vec<&str> =
            "The mayor , who denies it , said crime fell . Ann , who said so , left ."
                .split(' ')
                .collect();
        let spans = [
            sp(3, 7, Role::Source),
            sp(7, 8, Role::Cue),
            sp(8, 10, Role::Content),
            sp(14, 15, Role::Source),
            sp(15, 16, Role::Cue),
            sp(16, 17, Role::Content),
        ];
        let g = group_words(&words, &spans);
        assert_eq!(g.len(), 2, "{g:?}");
        // "who denies it ," becomes "The mayor , who denies it ,".
        assert_eq!(g[0].source.map(|s| (s.start, s.end)), Some((0, 7)));
        // "who" alone, the source of a cue inside its clause, stays as it is.
        assert_eq!(g[1].source.map(|s| (s.start, s.end)), Some((14, 15)));
    }

    #[test]
    fn a_speech_verb_without_source_gets_a_short_subject() {
        let words: Vec<&str> =
            "The defence ministry accused rebels of shelling . In a statement , rebels accused the army of lying ."
                .split(' ')
                .collect();
        let spans = [
            sp(3, 4, Role::Cue),
            sp(4, 7, Role::Content),
            sp(13, 14, Role::Cue),
            sp(14, 18, Role::Content),
        ];
        let g = group_words(&words, &spans);
        assert_eq!(g[0].source.map(|s| (s.start, s.end)), Some((0, 3)));
        // Not across a comma: "In a statement , rebels" is no subject.
        assert_eq!(g[1].source, None);
    }

    #[test]
    fn adding_that_shares_the_source_before_it() {
        let words: Vec<&str> =
            "The minister said taxes would fall , adding that prices would too ."
                .split(' ')
                .collect();
        let spans = [
            sp(0, 2, Role::Source),
            sp(2, 3, Role::Cue),
            sp(3, 6, Role::Content),
            sp(7, 8, Role::Cue),
            sp(8, 12, Role::Content),
        ];
        let g = group_words(&words, &spans);
        assert_eq!(g.len(), 2);
        assert_eq!(g[1].source.map(|s| (s.start, s.end)), Some((0, 2)));
    }

    #[test]
    fn a_content_goes_to_a_cue_of_its_own_sentence() {
        let words: Vec<&str> =
            "Trump said during a big rally that the vote was rigged . Clinton says it is false ."
                .split(' ')
                .collect();
        let spans = [
            sp(0, 1, Role::Source),
            sp(1, 2, Role::Cue),
            sp(6, 11, Role::Content),
            sp(12, 13, Role::Source),
            sp(13, 14, Role::Cue),
            sp(14, 17, Role::Content),
        ];
        // Without sentences, "says" (2 tokens away) is nearer than "said" (4).
        let blind = group(&spans);
        assert_eq!(blind.len(), 1);
        assert_eq!(blind[0].content.len(), 2);
        let (starts, _) = crate::tokenize::sentence_bounds(&words);
        let g = group_in_sentences(&spans, &starts);
        assert_eq!(g.len(), 2);
        assert_eq!(
            (g[0].cue.start, g[0].content.clone()),
            (1, vec![spans[2].0])
        );
        assert_eq!(
            (g[1].cue.start, g[1].content.clone()),
            (13, vec![spans[5].0])
        );
        // A content with no cue in its sentences still finds the nearest one.
        let alone = [
            sp(0, 1, Role::Source),
            sp(1, 2, Role::Cue),
            sp(14, 17, Role::Content),
        ];
        assert_eq!(group_in_sentences(&alone, &starts).len(), 1);
    }

    #[test]
    fn groups_split_quotes_and_two_speakers() {
        // "We will win," Aliyev said, "and soon." Pashinyan said peace was near.
        let spans = [
            sp(1, 4, Role::Content),
            sp(6, 7, Role::Source),
            sp(7, 8, Role::Cue),
            sp(10, 12, Role::Content),
            sp(14, 15, Role::Source),
            sp(15, 16, Role::Cue),
            sp(16, 19, Role::Content),
        ];
        let g = group(&spans);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].source.unwrap().start, 6);
        assert_eq!(g[0].content.len(), 2);
        assert_eq!(g[1].source.unwrap().start, 14);
        assert_eq!(g[1].content, vec![spans[6].0]);
        // A cue with no content is not an attribution.
        assert!(group(&[sp(0, 1, Role::Source), sp(1, 2, Role::Cue)]).is_empty());
    }

    #[test]
    fn a_content_holding_a_cue_goes_to_the_cue_outside_it() {
        // The ministry said [that rebels claimed [the village fell]].
        let spans = [
            sp(0, 2, Role::Source),
            sp(2, 3, Role::Cue),
            sp(3, 9, Role::Content),
            sp(4, 5, Role::Source),
            sp(5, 6, Role::Cue),
            sp(6, 9, Role::Content),
        ];
        let g = group(&spans);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].cue.start, 2);
        assert_eq!(g[0].content, vec![spans[2].0]);
        assert_eq!(g[1].cue.start, 5);
        assert_eq!(g[1].content, vec![spans[5].0]);
        assert_eq!(g[1].source.unwrap().start, 4);
    }

    #[test]
    fn repairs_cue_starts_and_according_to() {
        let words = [
            "The", "defence", "ministry", "accused", "rebels", "of", "shelling",
        ];
        let fixed = repair(
            &words,
            vec![
                sp(0, 2, Role::Source),
                sp(2, 4, Role::Cue),
                sp(4, 7, Role::Content),
            ],
        );
        assert_eq!(
            fixed,
            vec![
                sp(0, 3, Role::Source),
                sp(3, 4, Role::Cue),
                sp(4, 7, Role::Content)
            ]
        );
        let words = ["According", "to", "the", "office", ",", "jobs", "rose", "."];
        let fixed = repair(&words, vec![sp(0, 2, Role::Cue), sp(2, 7, Role::Content)]);
        assert_eq!(
            fixed,
            vec![
                sp(0, 2, Role::Cue),
                sp(2, 4, Role::Source),
                sp(5, 7, Role::Content)
            ]
        );
        // Tagged as two contents split at the comma.
        let fixed = repair(
            &words,
            vec![
                sp(0, 2, Role::Cue),
                sp(2, 4, Role::Content),
                sp(5, 7, Role::Content),
            ],
        );
        assert_eq!(
            fixed,
            vec![
                sp(0, 2, Role::Cue),
                sp(2, 4, Role::Source),
                sp(5, 7, Role::Content)
            ]
        );
        // Not without the comma between them.
        let words = ["According", "to", "the", "office", "jobs", "rose", "."];
        let spans = vec![
            sp(0, 2, Role::Cue),
            sp(2, 4, Role::Content),
            sp(4, 6, Role::Content),
        ];
        assert_eq!(repair(&words, spans.clone()), spans);
    }

    #[test]
    fn paragraphs_split_on_line_breaks() {
        let doc = Document::new("One two.\nThree\r\n\r\nfour five");
        assert_eq!(paragraphs(&doc), vec![0..3, 3..4, 4..6]);
    }
}
