//! The annotation pipeline: text in, entities (and later claims and
//! attributions) out, all as byte spans into the document's text.

use crate::annotation::{Annotations, Attribution, Entity, Origin, Status};
use crate::attribution::AttributionCache;
use crate::attribution::AttributionModel;
use crate::claims::checkworthy::ScorerCache;
use crate::claims::{kind, CheckWorthyError, CheckWorthyModel, Claim, ClaimFacet};
use crate::document::Document;
use crate::learn::Learned;
use crate::ner::NerModel;
use crate::span::Span;
use crate::syntax::PosTagger;
use crate::tagger::{ModelError, TypeCache};
use std::sync::{Mutex, OnceLock};

/// The built-in entity model, trained by `newsmark train` and embedded at build time.
pub static BUILTIN_NER: &[u8] = include_bytes!("../models/ner.nmk");

/// The built-in check-worthiness model, trained by `newsmark train-claims`.
/// Embedded with the `embed-claims` feature (the CLI); the browser build
/// fetches it in the claims pack instead ([`claims_pack`]).
#[cfg(feature = "embed-claims")]
pub static BUILTIN_CLAIMS: &[u8] = include_bytes!("../models/claims.nmk");

/// Natively, documents with more tokens than this are annotated on two
/// threads (see [`Annotator::annotate`]).
pub const PARALLEL_TOKENS: usize = 5_000;

/// The built-in attribution model, trained by `newsmark train-attribution`
/// (embedded with `embed-claims`, as [`BUILTIN_CLAIMS`]).
#[cfg(feature = "embed-claims")]
pub static BUILTIN_ATTRIBUTION: &[u8] = include_bytes!("../models/attribution.nmk");

/// Magic bytes of a claims pack (see [`claims_pack`]).
pub const PACK_MAGIC: &[u8; 8] = b"NMKPACK\0";
/// The claims pack's format version.
pub const PACK_VERSION: u16 = 1;

/// Why a claims pack cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("claims pack: {0}")]
    Format(#[from] crate::binfmt::FormatError),
    #[error("the claims pack has no {0} model")]
    Missing(&'static str),
    #[error("claims pack: {0}")]
    Claims(#[from] CheckWorthyError),
    #[error("claims pack: the attribution model: {0}")]
    Attribution(#[from] ModelError),
    #[error("claims pack: the part-of-speech tagger: {0}")]
    Pos(#[from] crate::syntax::SyntaxError),
}

/// The claims pack: the check-worthiness and attribution model files, and
/// the part-of-speech tagger whose tags the attribution model's features use,
/// in one checksummed container: the second file the browser fetches after
/// the entities are shown (the first holds only what entities need). The
/// payload is a count, then each entry as a name (u8 length, UTF-8) and the
/// file (u32 length, bytes).
pub fn claims_pack(claims: &[u8], attribution: &[u8], pos: &[u8]) -> Vec<u8> {
    let entries: [(&str, &[u8]); 3] = [
        ("claims", claims),
        ("attribution", attribution),
        ("pos", pos),
    ];
    let mut payload = vec![entries.len() as u8];
    for (name, bytes) in entries {
        payload.push(name.len() as u8);
        payload.extend_from_slice(name.as_bytes());
        payload.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        payload.extend_from_slice(bytes);
    }
    crate::binfmt::container(PACK_MAGIC, PACK_VERSION, &payload)
}

/// The claims pack of the embedded models (what `newsmark pack-claims` writes).
#[cfg(feature = "embed-claims")]
pub fn builtin_claims_pack() -> Vec<u8> {
    claims_pack(
        BUILTIN_CLAIMS,
        BUILTIN_ATTRIBUTION,
        crate::syntax::BUILTIN_POS,
    )
}

/// A claims pack's entry: its name and its file.
type PackEntry<'a> = (&'a [u8], &'a [u8]);

/// The entries of a claims pack written by [`claims_pack`], after its
/// container is checked (magic, version, length, CRC-32).
fn pack_entries(pack: &[u8]) -> Result<Vec<PackEntry<'_>>, PackError> {
    use crate::binfmt::{open_container, FormatError, Reader};
    let payload = open_container(pack, PACK_MAGIC, PACK_VERSION, "claims pack")?;
    let mut r = Reader::new(payload);
    let count = r.u8()?;
    let mut entries = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let name_len = r.u8()? as usize;
        let name = r.take(name_len)?;
        let len = r.u32()? as usize;
        entries.push((name, r.take(len)?));
    }
    if !r.is_empty() {
        return Err(PackError::Format(FormatError::Corrupt(
            "trailing pack bytes",
        )));
    }
    Ok(entries)
}

/// The file of the entry called `name` in `entries` (a later entry this
/// build does not use is skipped).
fn pack_entry<'a>(entries: &[PackEntry<'a>], name: &str) -> Option<&'a [u8]> {
    entries
        .iter()
        .find(|(n, _)| *n == name.as_bytes())
        .map(|&(_, bytes)| bytes)
}

/// The check-worthiness model of a claims pack: all the browser's first
/// module reads of it (the attribution model goes to the second module,
/// [`read_attribution_pack`]).
pub fn read_checkworthiness_pack(pack: &[u8]) -> Result<CheckWorthyModel, PackError> {
    checkworthiness_of(&pack_entries(pack)?)
}

/// The attribution model of a claims pack, with the part-of-speech tagger
/// whose tags its features use, wherever the pack puts it.
pub fn read_attribution_pack(pack: &[u8]) -> Result<AttributionModel, PackError> {
    attribution_of(&pack_entries(pack)?)
}

/// The models of a claims pack written by [`claims_pack`] (the pack opened
/// and checked once for both).
pub fn read_claims_pack(pack: &[u8]) -> Result<(CheckWorthyModel, AttributionModel), PackError> {
    let entries = pack_entries(pack)?;
    Ok((checkworthiness_of(&entries)?, attribution_of(&entries)?))
}

fn checkworthiness_of(entries: &[PackEntry]) -> Result<CheckWorthyModel, PackError> {
    let bytes = pack_entry(entries, "claims").ok_or(PackError::Missing("check-worthiness"))?;
    Ok(CheckWorthyModel::from_bytes(bytes)?)
}

fn attribution_of(entries: &[PackEntry]) -> Result<AttributionModel, PackError> {
    let pos = pack_entry(entries, "pos")
        .map(|bytes| PosTagger::from_bytes(bytes).map(std::sync::Arc::new))
        .transpose()?;
    let bytes = pack_entry(entries, "attribution").ok_or(PackError::Missing("attribution"))?;
    Ok(AttributionModel::from_bytes(bytes, pos)?)
}

/// Word types a warm cache holds before it is emptied (about 400 bytes each;
/// the attribution cache about 450 more, for the part-of-speech tagger's sums).
pub const WARM_TYPES: usize = 20_000;

/// The taggers' per-word-type caches, kept from one call to the next: most
/// words of an article were in the one before, and on short texts filling
/// the caches is most of the work. A cache is only valid for the weights it
/// was filled with, so a clone starts empty and every method that changes a
/// model empties it. A call that finds the cache in use (another thread)
/// uses a fresh one.
#[derive(Default)]
struct WarmCaches {
    ner: Mutex<TypeCache>,
    attribution: Mutex<AttributionCache>,
    claims: Mutex<ScorerCache>,
}

impl Clone for WarmCaches {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl std::fmt::Debug for WarmCaches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WarmCaches")
    }
}

/// Runs `work` with `cache` if no other call holds it (emptied first if it
/// has grown past [`WARM_TYPES`]), else with a fresh cache.
pub fn with_warm<C: Default, R>(
    cache: &Mutex<C>,
    len: impl Fn(&C) -> usize,
    work: impl FnOnce(&mut C) -> R,
) -> R {
    match cache.try_lock() {
        Ok(mut held) => {
            if len(&held) > WARM_TYPES {
                *held = C::default();
            }
            work(&mut held)
        }
        Err(_) => work(&mut C::default()),
    }
}

/// Runs the models over documents.
#[derive(Debug, Clone)]
pub struct Annotator {
    ner: NerModel,
    checkworthy: Option<CheckWorthyModel>,
    attribution: Option<AttributionModel>,
    /// What a person's corrections taught (the lexicon part; the weights are in `ner`).
    learned: Option<std::sync::Arc<Learned>>,
    warm: WarmCaches,
}

impl Annotator {
    /// An annotator for entities only.
    pub fn new(ner: NerModel) -> Self {
        Annotator {
            ner,
            checkworthy: None,
            attribution: None,
            learned: None,
            warm: WarmCaches::default(),
        }
    }

    /// Adds claim detection; the model must share the entity model's lexicon.
    pub fn with_claims(mut self, checkworthy: CheckWorthyModel) -> Result<Self, CheckWorthyError> {
        checkworthy.check_lexicon(self.ner.lexicon())?;
        self.checkworthy = Some(checkworthy);
        self.warm = WarmCaches::default();
        Ok(self)
    }

    /// This annotator with what corrections taught: the entity model's
    /// learned weights and the user lexicon.
    pub fn with_learned(mut self, learned: &Learned) -> Self {
        self.ner = learned.apply_model(&self.ner);
        self.learned = (!learned.is_empty()).then(|| std::sync::Arc::new(learned.clone()));
        self.warm = WarmCaches::default();
        self
    }

    /// Adds attribution finding.
    pub fn with_attribution(mut self, attribution: AttributionModel) -> Self {
        self.attribution = Some(attribution);
        self.warm = WarmCaches::default();
        self
    }

    /// The attribution model, if this annotator finds attributions.
    pub fn attribution(&self) -> Option<&AttributionModel> {
        self.attribution.as_ref()
    }

    /// The annotator with the embedded models, decoded once per process:
    /// entities, and with the `embed-claims` feature (the CLI) claims and
    /// attributions too. Without it (the browser), add them from the claims
    /// pack with [`Annotator::with_claims_pack`] (the browser's first module
    /// takes only the check-worthiness model, [`Annotator::with_checkworthiness_pack`],
    /// and is given the attributions, [`Annotator::annotate_given`]).
    pub fn builtin() -> Result<&'static Annotator, ModelError> {
        static CELL: OnceLock<Result<Annotator, String>> = OnceLock::new();
        CELL.get_or_init(|| {
            let ner = crate::ner::from_bytes(BUILTIN_NER).map_err(|e| e.to_string())?;
            let annotator = Annotator::new(ner);
            #[cfg(feature = "embed-claims")]
            let annotator = annotator
                .with_claims_pack(&builtin_claims_pack())
                .map_err(|e| e.to_string())?;
            Ok(annotator)
        })
        .as_ref()
        .map_err(|e| ModelError::Builtin(e.clone()))
    }

    /// `other` with this annotator's claims and attribution models (the
    /// entity model and what was learned stay `other`'s).
    pub fn with_models_of(&self, mut other: Annotator) -> Annotator {
        other.checkworthy = self.checkworthy.clone();
        other.attribution = self.attribution.clone();
        other.warm = WarmCaches::default();
        other
    }

    /// This annotator with the check-worthiness model of a claims pack and no
    /// attribution model: the browser's first module, whose attributions come
    /// from its second ([`Annotator::annotate_given`]).
    pub fn with_checkworthiness_pack(self, pack: &[u8]) -> Result<Self, PackError> {
        Ok(self.with_claims(read_checkworthiness_pack(pack)?)?)
    }

    /// This annotator with the claims and attribution models of a claims
    /// pack ([`claims_pack`]).
    pub fn with_claims_pack(self, pack: &[u8]) -> Result<Self, PackError> {
        let (claims, attribution) = read_claims_pack(pack)?;
        Ok(self.with_claims(claims)?.with_attribution(attribution))
    }

    pub fn ner(&self) -> &NerModel {
        &self.ner
    }

    /// Empties the per-word-type caches kept from call to call (a few MB
    /// after many texts; see [`WARM_TYPES`]). Results do not change; the next
    /// text is as slow as the first.
    pub fn release_caches(&self) {
        if let Ok(mut c) = self.warm.ner.lock() {
            *c = TypeCache::default();
        }
        if let Ok(mut c) = self.warm.attribution.lock() {
            *c = AttributionCache::default();
        }
        if let Ok(mut c) = self.warm.claims.lock() {
            *c = ScorerCache::default();
        }
    }

    /// The check-worthiness model, if this annotator finds claims.
    pub fn checkworthiness(&self) -> Option<&CheckWorthyModel> {
        self.checkworthy.as_ref()
    }

    /// Check-worthy sentences of `doc`, with their kinds, not yet linked to
    /// attributions. A sentence is one when the classifier's calibrated
    /// probability reaches its threshold and it is not news furniture, a
    /// question or a bare reporting clause ([`crate::claims::news`]).
    pub fn claims(&self, doc: &Document) -> Vec<Claim> {
        let Some(cw) = &self.checkworthy else {
            return Vec::new();
        };
        with_warm(&self.warm.claims, ScorerCache::len, |cache| {
            let lex = self.ner.lexicon();
            let mut scorer =
                crate::claims::checkworthy::Scorer::with_cache(cw, lex, std::mem::take(cache));
            let claims = self.claims_with(doc, cw, &mut scorer);
            *cache = scorer.into_cache();
            claims
        })
    }

    fn claims_with(
        &self,
        doc: &Document,
        cw: &CheckWorthyModel,
        scorer: &mut crate::claims::checkworthy::Scorer,
    ) -> Vec<Claim> {
        use crate::claims::news;
        let mut words: Vec<&str> = Vec::new();
        let paragraphs = doc.paragraphs();
        let lone = paragraphs.len() <= 1;
        // Per paragraph (in order, as the sentences): whether it is furniture.
        let mut para = 0;
        let mut furniture: Option<bool> = None;
        doc.sentences()
            .iter()
            .filter_map(|s| {
                while para + 1 < paragraphs.len() && paragraphs[para].end <= s.start {
                    para += 1;
                    furniture = None;
                }
                let skip = *furniture.get_or_insert_with(|| {
                    paragraphs.get(para).is_some_and(|p| {
                        !p.is_empty()
                            && news::furniture_line(&doc.text()[doc.sentence_span(p).range()], lone)
                    })
                });
                if skip {
                    return None;
                }
                words.clear();
                words.extend(s.clone().map(|i| doc.token_text(i)));
                // A wire dateline opening the sentence is not part of the claim.
                let tokens = doc.tokens();
                let first = tokens[s.start].span.start;
                let dateline = news::dateline_tokens(&words, |k| {
                    &doc.text()[first..tokens[s.start + k].span.end]
                });
                words.drain(..dateline);
                let s = s.start + dateline..s.end;
                if (!lone && news::question(&words))
                    || news::bare_report(&words)
                    || news::opinion_quote(&words)
                    || news::quote_piece(&words)
                {
                    return None;
                }
                let score = scorer.score(&words);
                (score >= cw.threshold).then(|| Claim {
                    span: doc.sentence_span(&s),
                    score,
                    kind: kind::classify(&words),
                    attribution: None,
                    origin: Origin::Model,
                    status: Status::Suggested,
                    review: None,
                    facet: None,
                })
            })
            .collect()
    }

    /// Annotates one document.
    ///
    /// Names (PER, ORG, LOC, MISC) come from the entity model. The numeric and
    /// temporal labels (DATE, TIME, MONEY, PERCENT, QUANTITY) come from the
    /// rules in [`crate::numeric`], run after the model: a rule entity that
    /// overlaps a model entity is dropped (names win, so `Sunday Times` or
    /// `Apollo 11` stay whole names), and the rest are merged in, so
    /// [`Annotations::entities`] stays sorted by start and non-overlapping.
    /// The one exception: a model "name" that is only a unit word inside a
    /// rule entity (`US$` in `US$40`, `GMT` in `09:00 GMT`) gives way to it.
    ///
    /// Natively, a long document (over [`PARALLEL_TOKENS`] tokens) has its
    /// entities found on one thread while its claims and attributions are
    /// found on another: the passes are independent, and the second thread
    /// costs less than it saves only on long texts. In wasm everything runs
    /// on the calling thread.
    pub fn annotate(&self, doc: &Document) -> Annotations {
        let (entities, reported) = self.passes(doc);
        Annotations {
            entities,
            ..reported
        }
    }

    /// The passes over reported speech: the attributions and the check-worthy
    /// claims, each claim linked to the attribution that reports it, and no
    /// entities. With [`Annotator::entities`] of the same document, this is
    /// [`Annotator::annotate`] in two independent halves, which a caller may
    /// run on two threads (natively, [`Annotator::annotate`] does for long
    /// texts).
    pub fn reported(&self, doc: &Document) -> Annotations {
        self.reported_given(doc, self.attributions(doc))
    }

    /// [`Annotator::reported`] with `attributions` found elsewhere: the
    /// check-worthy claims of `doc`, each linked to the one of `attributions`
    /// that reports it.
    pub fn reported_given(&self, doc: &Document, attributions: Vec<Attribution>) -> Annotations {
        let mut claims = self.claims(doc);
        link_claims(doc.text(), &mut claims, &attributions);
        Annotations {
            entities: Vec::new(),
            claims,
            attributions,
        }
    }

    /// [`Annotator::annotate`] with `attributions` found elsewhere: the
    /// browser's first module finds the entities and claims, and its second
    /// module, fetched after the first entities are shown, the attributions
    /// (with [`read_attribution_pack`]'s model). Without an attribution
    /// model, this is how an annotator gets them; `annotate_given(doc,
    /// a.attributions(doc))` is `a.annotate(doc)`.
    pub fn annotate_given(&self, doc: &Document, attributions: Vec<Attribution>) -> Annotations {
        Annotations {
            entities: self.entities(doc),
            ..self.reported_given(doc, attributions)
        }
    }

    /// The entity pass, and the passes over reported speech.
    fn passes(&self, doc: &Document) -> (Vec<Entity>, Annotations) {
        let rest = || self.reported(doc);
        #[cfg(not(target_arch = "wasm32"))]
        if doc.tokens().len() > PARALLEL_TOKENS {
            return std::thread::scope(|scope| {
                let other = scope.spawn(rest);
                let entities = self.entities(doc);
                (
                    entities,
                    other.join().expect("the claims thread does not panic"),
                )
            });
        }
        (self.entities(doc), rest())
    }

    /// Every attribution in `doc` (empty without an attribution model).
    pub fn attributions(&self, doc: &Document) -> Vec<Attribution> {
        self.attribution.as_ref().map_or_else(Vec::new, |a| {
            with_warm(&self.warm.attribution, AttributionCache::len, |cache| {
                a.find_with(doc, cache)
            })
        })
    }

    /// Entities: the model's names merged with the rules' numbers and dates.
    pub fn entities(&self, doc: &Document) -> Vec<Entity> {
        let mut entities = Vec::new();
        let sentences: Vec<Vec<&str>> = doc
            .sentences()
            .iter()
            .map(|s| s.clone().map(|i| doc.token_text(i)).collect())
            .collect();
        let tagged = with_warm(&self.warm.ner, TypeCache::len, |cache| {
            self.ner.tag_document(&sentences, cache)
        });
        // Each name's tokens in the document, for the words around it.
        let mut tokens: Vec<std::ops::Range<usize>> = Vec::new();
        for ((sentence, spans), words) in doc.sentences().iter().zip(tagged).zip(&sentences) {
            let place = dateline_place(doc, sentence.start, words);
            for (ts, score) in crate::ner::names::split_at_clause_words(words, spans) {
                // "the No. 5 shirt", "world No. 1": an abbreviation of
                // "number", which the tagger may take for a name.
                let number_sign = ts.end == ts.start + 1
                    && matches!(words[ts.start], "No." | "No" | "Nos.")
                    && words
                        .get(ts.end)
                        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
                // "By Daniel Osei, Technology Correspondent": a byline's
                // job title is no organisation.
                let title = ts.end - ts.start <= 3
                    && matches!(
                        words[ts.end - 1],
                        "Correspondent"
                            | "Editor"
                            | "Reporter"
                            | "Columnist"
                            | "Writer"
                            | "Producer"
                    );
                // "the age of AI", "GDP grew": common nouns written in
                // capitals, never names in CoNLL (GDP is O 11 times of 11).
                let common = ts.end == ts.start + 1
                    && matches!(
                        words[ts.start],
                        "AI" | "GDP" | "CEO" | "CFO" | "CTO" | "IPO" | "EV" | "EVs" | "ETF" | "VAT"
                    );
                if number_sign || title || common {
                    continue;
                }
                // "St. Louis-based", "Ft. Lauderdale": the abbreviation of
                // a place name's first word belongs to the name, whether the
                // tagger left it out or made a name of it alone.
                let mut ts = ts;
                let saint = |t: usize| matches!(words[t], "St." | "Ft." | "Mt." | "Pt.");
                if ts.start > 0 && saint(ts.start - 1) {
                    let abbreviation = sentence.start + ts.start - 1;
                    if tokens
                        .last()
                        .is_some_and(|t| *t == (abbreviation..abbreviation + 1))
                    {
                        tokens.pop();
                        entities.pop();
                        ts.start -= 1;
                    } else if tokens.last().is_none_or(|t| t.end <= abbreviation) {
                        ts.start -= 1;
                    }
                }
                tokens.push(sentence.start + ts.start..sentence.start + ts.end);
                let first = doc.tokens()[sentence.start + ts.start].span;
                let last = doc.tokens()[sentence.start + ts.end - 1].span;
                entities.push(Entity {
                    span: Span::new(first.start, last.end),
                    label: if ts.end <= place {
                        crate::label::Label::Loc
                    } else {
                        ts.label
                    },
                    score,
                    origin: Origin::Model,
                    status: Status::Suggested,
                });
            }
        }
        let word = |i: Option<usize>| {
            i.filter(|&i| i < doc.tokens().len())
                .map_or("", |i| doc.token_text(i))
        };
        let lexicon = self.ner.lexicon();
        crate::ner::names::officers_companies(doc, lexicon, &mut entities, &mut tokens);
        crate::ner::shapes::camel_case_companies(doc, &mut entities, &mut tokens);
        crate::ner::shapes::acronym_bodies(doc, &mut entities, &mut tokens);
        let kind = |name: &str| lexicon.kinds().iter().position(|k| k == name);
        let loc_kind = kind("LOC");
        let other_kinds: u32 = ["ORG", "FIRST", "LAST"]
            .into_iter()
            .filter_map(kind)
            .fold(0, |bits, k| bits | 1 << k);
        let names: Vec<crate::ner::names::Name> = entities
            .iter()
            .zip(&tokens)
            .map(|(e, t)| {
                let text = &doc.text()[e.span.range()];
                let entry = if t.len() == 1 {
                    lexicon.single(&text.to_lowercase())
                } else {
                    0
                };
                crate::ner::names::Name {
                    text,
                    label: e.label,
                    before: [word(t.start.checked_sub(2)), word(t.start.checked_sub(1))],
                    after: [word(Some(t.end)), word(Some(t.end + 1))],
                    // The gazetteer has countries by their names only.
                    place: t.len() == 1
                        && (loc_kind.is_some_and(|k| entry >> k & 1 == 1)
                            || matches!(text, "US" | "U.S." | "USA" | "UK" | "U.K.")),
                    other: t.len() == 1 && entry & other_kinds != 0,
                }
            })
            .collect();
        // Read once, and only if a mend asks.
        let sports_page = std::cell::OnceCell::new();
        let sports = || {
            *sports_page.get_or_init(|| {
                crate::ner::names::sports_report(
                    doc.tokens().iter().map(|t| &doc.text()[t.span.range()]),
                )
            })
        };
        let mut labels = crate::ner::names::mend(&names, sports);
        crate::ner::shapes::mend(&names, &mut labels);
        crate::ner::mentions::agree(&names, &mut labels, sports);
        let texts: Vec<&str> = names.iter().map(|n| n.text).collect();
        crate::ner::descriptions::apply(doc, &tokens, &texts, &mut labels);
        for (e, label) in entities.iter_mut().zip(labels) {
            e.label = label;
        }
        let merged = merge_rule_entities(doc.text(), entities, crate::numeric::find(doc));
        match &self.learned {
            Some(l) => l.apply_lexicon(doc, merged),
            None => merged,
        }
    }
}

/// How many tokens open the sentence at `start` (its `words`) as the place
/// of a wire dateline, a location whatever the entity model reads ("BOSTON
/// (AP) —": 1, "SACRAMENTO, Calif. —": 1): the words in capitals before its
/// first comma, parenthesis or dash; 0 with no dateline, or one with none of
/// a credit, a comma or a long dash.
fn dateline_place(doc: &Document, start: usize, words: &[&str]) -> usize {
    let tokens = doc.tokens();
    let Some(first) = tokens.get(start).map(|t| t.span.start) else {
        return 0;
    };
    let dateline = crate::claims::news::dateline_tokens(words, |k| {
        &doc.text()[first..tokens[start + k].span.end]
    });
    // A credit, a comma or a long dash: "RUGBY UNION - …", an all-capitals
    // sports headline of CoNLL's, is no dateline.
    let wire = words[..dateline]
        .iter()
        .any(|w| matches!(*w, "(" | "," | "—" | "–"));
    if !wire {
        return 0;
    }
    let place = words[..dateline]
        .iter()
        .take_while(|w| {
            !matches!(**w, "," | "(" | "-" | "—" | "–" | "--") && !w.chars().any(char::is_lowercase)
        })
        .count();
    // A place is a name of a few words ("RIO DE JANEIRO"), not an
    // all-capitals line ("HE'S BEEN CALLED OUT BY FELLOW DOCTORS — …").
    if place <= 4 {
        place
    } else {
        0
    }
}

/// Links each claim to the attribution that reports it: the one whose content
/// overlaps the claim most, or failing that one whose cue lies in the claim's
/// sentence. Claims are in document order and do not overlap, and content
/// pieces do not overlap each other, so one sweep does it.
pub fn link_claims(text: &str, claims: &mut [Claim], attributions: &[Attribution]) {
    let mut pieces: Vec<(Span, usize)> = attributions
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.content.iter().map(move |&c| (c, i)))
        .collect();
    pieces.sort_by_key(|(s, _)| (s.start, s.end));
    let mut cues: Vec<(usize, usize)> = attributions
        .iter()
        .enumerate()
        .map(|(i, a)| (a.cue.start, i))
        .collect();
    cues.sort();
    let mut first = 0;
    for claim in claims {
        let c = claim.span;
        while first < pieces.len() && pieces[first].0.end <= c.start {
            first += 1;
        }
        let mut best: Option<(usize, usize)> = None; // (overlap, attribution)
        let mut totals: Vec<(usize, usize)> = Vec::new();
        for &(p, i) in pieces[first..].iter().take_while(|(p, _)| p.start < c.end) {
            let o = p.end.min(c.end).saturating_sub(p.start.max(c.start));
            match totals.iter_mut().find(|(a, _)| *a == i) {
                Some(t) => t.1 += o,
                None => totals.push((i, o)),
            }
        }
        for &(i, o) in &totals {
            if o > 0 && best.is_none_or(|(bo, bi)| o > bo || (o == bo && i < bi)) {
                best = Some((o, i));
            }
        }
        claim.attribution = best.map(|(_, i)| i).or_else(|| {
            let k = cues.partition_point(|&(s, _)| s < c.start);
            cues[k..]
                .iter()
                .take_while(|&&(s, _)| s < c.end)
                .map(|&(_, i)| i)
                .find(|&i| c.contains(attributions[i].cue))
        });
        claim.facet = claim
            .attribution
            .map(|i| facet(text, claim.span, &attributions[i]));
    }
}

/// How an attribution reports a claim: a quote when the part of its
/// content inside the claim is in quotation marks (it starts with one, or
/// follows one), attributed otherwise.
fn facet(text: &str, claim: Span, a: &Attribution) -> ClaimFacet {
    const OPEN: [char; 4] = ['"', '“', '‘', '«'];
    let quoted = a.content.iter().any(|p| {
        p.start < claim.end
            && p.end > claim.start
            && (text[p.range()].trim_start().starts_with(OPEN)
                || text[..p.start].trim_end().ends_with(OPEN))
    });
    if quoted {
        ClaimFacet::Quote
    } else {
        ClaimFacet::Attributed
    }
}

/// Merges rule entities into model entities (both sorted by start and
/// non-overlapping); the result is sorted by start and non-overlapping.
///
/// A rule entity that overlaps a model entity is dropped: names win. The one
/// exception is a model entity that lies inside the rule entity and is only a
/// unit word of it (`US$` in `US$40`, `GMT` in `09:00 GMT`, `Celsius`): that is
/// a unit the model mistook for a name, and the rule entity replaces it.
fn merge_rule_entities(text: &str, model: Vec<Entity>, rules: Vec<Entity>) -> Vec<Entity> {
    if rules.is_empty() {
        return model;
    }
    let mut displaced = vec![false; model.len()];
    let mut kept = Vec::with_capacity(rules.len());
    let mut k = 0;
    for rule in rules {
        while k < model.len() && model[k].span.end <= rule.span.start {
            k += 1;
        }
        let overlapping = model[k..]
            .iter()
            .take_while(|m| m.span.start < rule.span.end)
            .count();
        let unit_words_only = model[k..k + overlapping].iter().all(|m| {
            rule.span.contains(m.span) && crate::numeric::is_unit_word(&text[m.span.range()])
        });
        if overlapping == 0 || unit_words_only {
            displaced[k..k + overlapping].fill(true);
            kept.push(rule);
        }
    }
    let mut out: Vec<Entity> = model
        .into_iter()
        .zip(displaced)
        .filter_map(|(m, gone)| (!gone).then_some(m))
        .chain(kept)
        .collect();
    out.sort_by_key(|e| e.span.start);
    out
}

#[cfg(test)]
mod rule_merge_tests {
    use super::*;
    use crate::label::Label;

    fn ent(start: usize, end: usize, label: Label, origin: Origin) -> Entity {
        Entity {
            span: Span::new(start, end),
            label,
            score: 0.9,
            origin,
            status: Status::Suggested,
        }
    }

    #[test]
    fn names_win_and_order_is_kept() {
        let model = vec![
            ent(0, 5, Label::Per, Origin::Model),
            ent(20, 32, Label::Org, Origin::Model),
        ];
        let rules = vec![
            ent(8, 14, Label::Date, Origin::Rule),
            ent(26, 32, Label::Date, Origin::Rule), // inside the name: dropped
            ent(40, 44, Label::Money, Origin::Rule),
        ];
        let text = "x".repeat(50);
        let merged = merge_rule_entities(&text, model, rules);
        let spans: Vec<(usize, Label)> = merged.iter().map(|e| (e.span.start, e.label)).collect();
        assert_eq!(
            spans,
            [
                (0, Label::Per),
                (8, Label::Date),
                (20, Label::Org),
                (40, Label::Money)
            ]
        );
        assert!(merge_rule_entities("", Vec::new(), Vec::new()).is_empty());
    }

    #[test]
    fn a_unit_word_mistaken_for_a_name_gives_way() {
        // "US$" tagged MISC inside "US$40": the money wins; "GMT Ltd" stays a name.
        let text = "It cost US$40 at GMT Ltd.";
        let model = vec![
            ent(8, 11, Label::Misc, Origin::Model),
            ent(17, 24, Label::Org, Origin::Model),
        ];
        let rules = vec![
            ent(8, 13, Label::Money, Origin::Rule),
            ent(17, 20, Label::Time, Origin::Rule),
        ];
        let merged = merge_rule_entities(text, model, rules);
        let found: Vec<(&str, Label)> = merged
            .iter()
            .map(|e| (&text[e.span.range()], e.label))
            .collect();
        assert_eq!(found, [("US$40", Label::Money), ("GMT Ltd", Label::Org)]);
    }

    /// The texts of the names (PER, ORG, LOC, MISC) the built-in model finds in `text`.
    fn names_in(text: &str) -> Vec<String> {
        let a = Annotator::builtin().expect("embedded model");
        let doc = Document::new(text);
        a.entities(&doc)
            .iter()
            .filter(|e| crate::label::Label::NAMES.contains(&e.label))
            .map(|e| doc.text()[e.span.range()].to_string())
            .collect()
    }

    #[test]
    fn the_sign_of_a_number_is_no_name() {
        let names = names_in(
            "He was handed the No. 5 shirt once worn by Zidane. No Labels said it would not run.",
        );
        assert!(!names.iter().any(|n| n == "No."), "{names:?}");
        assert!(names.iter().any(|n| n == "Zidane"), "{names:?}");
    }

    #[test]
    fn an_abbreviated_first_word_belongs_to_its_name() {
        let names = names_in("The St. Louis-based nonprofit said it had moved to Ft. Lauderdale.");
        assert_eq!(names, ["St. Louis-based", "Ft. Lauderdale"]);
    }

    #[test]
    fn a_long_document_annotates_the_same_on_two_threads() {
        let paragraph = "The country's defence ministry accused rebel units of shelling two villages, \
            killing 12 people, a spokesman said on Monday. \"We will respond,\" President Ilham Aliyev said.\n\n";
        let doc = Document::new(paragraph.repeat(200));
        assert!(doc.tokens().len() > PARALLEL_TOKENS);
        let a = Annotator::builtin().expect("embedded model");
        let both = a.annotate(&doc);
        // The same passes, one after the other.
        let attributions = a.attributions(&doc);
        let mut claims = a.claims(&doc);
        link_claims(doc.text(), &mut claims, &attributions);
        assert_eq!(both.entities, a.entities(&doc));
        assert_eq!(both.attributions, attributions);
        assert_eq!(both.claims, claims);
        // The reported half written as numbers and read back (here by the
        // same instance, as another one would), joined to the entities.
        let words = a.reported(&doc).reported_to_words();
        let joined = Annotations {
            entities: a.entities(&doc),
            ..Annotations::reported_from_words(&words).expect("words of reported()")
        };
        assert_eq!(joined, both);
        let counts = (
            both.entities.len(),
            both.claims.len(),
            both.attributions.len(),
        );
        assert!(
            counts.0 >= 800 && counts.1 >= 200 && counts.2 >= 200,
            "{counts:?}"
        );
    }

    #[test]
    fn builtin_finds_people_and_dates_sorted_without_overlap() {
        let doc = Document::new(
            "Angela Merkel met Emmanuel Macron in Paris on Monday, two days after the summit.",
        );
        let ann = Annotator::builtin().expect("embedded model").annotate(&doc);
        let found: Vec<(&str, Label)> = ann
            .entities
            .iter()
            .map(|e| (&doc.text()[e.span.range()], e.label))
            .collect();
        assert!(found.contains(&("Angela Merkel", Label::Per)), "{found:?}");
        assert!(found.contains(&("Monday", Label::Date)), "{found:?}");
        assert!(found.contains(&("two days", Label::Date)), "{found:?}");
        for pair in ann.entities.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start, "{found:?}");
        }
        let rule = ann
            .entities
            .iter()
            .find(|e| e.label == Label::Date)
            .unwrap();
        assert_eq!(rule.origin, Origin::Rule);
        assert!(rule.score > 0.0 && rule.score <= 1.0);
    }
}

#[cfg(test)]
mod warm_tests {
    use super::*;

    #[test]
    fn a_warm_cache_is_emptied_when_full_and_not_shared_while_held() {
        let cache: Mutex<Vec<u32>> = Mutex::new(vec![7; 3]);
        // Reused while small.
        let seen = with_warm(&cache, Vec::len, |c| {
            c.push(8);
            c.len()
        });
        assert_eq!(seen, 4);
        // Emptied before use once past the bound.
        *cache.lock().unwrap() = vec![1; WARM_TYPES + 1];
        assert_eq!(with_warm(&cache, Vec::len, |c| c.len()), 0);
        // Held by another call: the work gets a fresh cache, the held one is untouched.
        let held = cache.lock().unwrap();
        assert_eq!(with_warm(&cache, Vec::len, |c: &mut Vec<u32>| c.len()), 0);
        drop(held);
        // A copy of an annotator starts cold, and releasing empties the caches.
        let a = Annotator::builtin().unwrap().clone();
        a.entities(&Document::new("Ilham Aliyev spoke in Baku."));
        assert!(!a.warm.ner.lock().unwrap().is_empty());
        assert!(a.clone().warm.ner.lock().unwrap().is_empty());
        a.release_caches();
        assert!(a.warm.ner.lock().unwrap().is_empty());
    }
}

#[cfg(test)]
mod dateline_tests {
    use super::*;
    use crate::label::Label;

    fn place(text: &str) -> usize {
        let doc = Document::new(text);
        let s = doc.sentences()[0].clone();
        let words: Vec<&str> = s.clone().map(|i| doc.token_text(i)).collect();
        dateline_place(&doc, s.start, &words)
    }

    #[test]
    fn a_wire_datelines_place_is_read_as_a_location() {
        assert_eq!(place("BOSTON (AP) — A federal judge ruled."), 1);
        assert_eq!(place("NEW YORK (AP) — Stocks fell on Monday."), 2);
        assert_eq!(place("SACRAMENTO, Calif. — The governor signed it."), 1);
        // No dash, or running text: no dateline.
        assert_eq!(place("BOSTON was quiet on Monday."), 0);
        assert_eq!(place("Boston — a city of contrasts — woke up."), 0);
        assert_eq!(
            place("RUGBY UNION - CUTTITTA BACK FOR ITALY AFTER A YEAR ."),
            0
        );
        // Through the annotator: the model's own label gives way.
        let ann = Annotator::builtin().unwrap();
        let doc = Document::new("BOSTON (AP) — A federal judge on Thursday ordered a release.");
        let boston = ann.entities(&doc).into_iter().find(|e| e.span.start == 0);
        assert_eq!(boston.map(|e| e.label), Some(Label::Loc));
    }
}
