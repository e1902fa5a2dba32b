//! The WebAssembly API: a thin layer over the core. Offsets are UTF-16 code
//! units, as in the DOM. Errors reach JavaScript as `Error` objects.

use crate::annotate::Annotator;
use crate::document::Document;
use crate::export::json::{NewsmarkDoc, Offsets};
use crate::export::{annotations_out, export, Format};
use crate::label::Label;
use crate::learn::Learned;
use crate::span::{OffsetIndex, Unit};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An entity label. */
export type Label = "PER" | "ORG" | "LOC" | "MISC" | "DATE" | "TIME" | "MONEY" | "PERCENT" | "QUANTITY";

/** An entity mention. Offsets are UTF-16 code units into the annotated text, end exclusive. */
export interface Entity {
  start: number;
  end: number;
  label: Label;
  text: string;
  /** Confidence in (0, 1]. */
  score: number;
}

/** A piece of the text. Offsets are UTF-16 code units. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/** Full Fact's claim kinds. */
export type ClaimKind = "quantity" | "correlation_causation" | "laws_rules" | "prediction" | "personal_experience" | "other";

/** A check-worthy statement (a sentence). */
export interface Claim extends TextSpan {
  checkworthy: true;
  /** Probability that it is check-worthy. */
  score: number;
  kind: ClaimKind;
  /** Index into `attributions` of who made it, or null. */
  attribution: number | null;
  /** When an attribution reports it: in quotation marks ("quote") or in the writer's words ("attributed"). */
  facet?: "quote" | "attributed";
}

/** Who said what: source (may be null), cue and content. */
export interface Attribution {
  source: TextSpan | null;
  cue: TextSpan;
  /** From the first piece of the content to the last. */
  content: TextSpan;
  /** The content's pieces, when a quote is split around its cue. */
  content_pieces: TextSpan[];
  /** Index into `entities` of the entity the source is, or null. */
  source_entity: number | null;
  /** For a pronoun source ("she", "who"), index into `entities` of the mention it most likely refers to, or null. */
  source_refers_to: number | null;
}

/** What `annotate` finds. Claims need the claims models (`loadClaims`), and attributions the second
 * module's numbers for the text: until then newsmark.js gives both as null (the wasm function itself
 * gives empty lists). */
export interface AnnotateResult {
  entities: Entity[];
  claims: Claim[] | null;
  attributions: Attribution[] | null;
}

/** A label with a short description, for legends. */
export interface LabelInfo {
  name: Label;
  description: string;
}
"#;

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// The annotator with the check-worthiness model, once [`load_claims`] has
/// read it from the claims pack (the second file; the wasm holds only the
/// entity model, and the second module the attribution model).
static CLAIMS: std::sync::OnceLock<Annotator> = std::sync::OnceLock::new();

/// The annotator to use: with claims once they are loaded, entities only before.
fn current() -> Result<&'static Annotator, JsError> {
    match CLAIMS.get() {
        Some(a) => Ok(a),
        None => Annotator::builtin().map_err(js_err),
    }
}

/// `annotator` with the claims models, when they are loaded and it lacks them.
fn with_claims(annotator: Annotator) -> Annotator {
    match CLAIMS.get() {
        Some(full) if annotator.checkworthiness().is_none() => full.with_models_of(annotator),
        _ => annotator,
    }
}

/// Reads the check-worthiness model of the claims pack
/// (`newsmark-claims.bin`): from then on, annotations include check-worthy
/// claims, linked to the attributions given with the text (found by the
/// second module, `newsmark_attribution.wasm`, from the same pack). Throws on
/// a damaged file; a second call after success changes nothing.
#[wasm_bindgen(js_name = loadClaims)]
pub fn load_claims(pack: &[u8]) -> Result<(), JsError> {
    if CLAIMS.get().is_none() {
        let full = Annotator::builtin()
            .map_err(js_err)?
            .clone()
            .with_checkworthiness_pack(pack)
            .map_err(js_err)?;
        let _ = CLAIMS.set(full);
    }
    Ok(())
}

/// Frees what the models worked out per word from one call to the next (a
/// few MB after many articles); results do not change.
#[wasm_bindgen(js_name = releaseCaches)]
pub fn release_caches() {
    if let Ok(a) = Annotator::builtin() {
        a.release_caches();
    }
    if let Some(a) = CLAIMS.get() {
        a.release_caches();
    }
}

/// Whether the claims pack is loaded (see [`load_claims`]).
#[wasm_bindgen(js_name = claimsLoaded)]
pub fn claims_loaded() -> bool {
    CLAIMS.get().is_some()
}

/// Annotates `text` and returns everything found, in one call: entities;
/// check-worthy claims once the claims pack is loaded (else none); and
/// `attributions`, the numbers that the second module's `findAttributions`
/// gave for the same text (none without them), each claim linked to the
/// one that reports it. Throws if `attributions` were found for another
/// text or are not such numbers.
#[wasm_bindgen(unchecked_return_type = "AnnotateResult")]
pub fn annotate(text: &str, attributions: Option<Vec<u32>>) -> Result<JsValue, JsError> {
    let (doc, given) = document_with(text, attributions.as_deref())?;
    let ann = current()?.annotate_given(&doc, given);
    result_js(&doc, &ann)
}

/// The document of `text` and its attributions: read from `words` (the
/// second module's numbers for `text`, which carry its tokens and sentences
/// too, [`crate::annotation::read_handoff`]) when given, else tokenised here,
/// with none.
fn document_with(
    text: &str,
    words: Option<&[u32]>,
) -> Result<(Document, Vec<crate::annotation::Attribution>), JsError> {
    match words {
        Some(w) => crate::annotation::read_handoff(text, w).map_err(js_err),
        None => Ok((Document::new(text), Vec::new())),
    }
}

/// What [`annotate`] returns for `ann`, in UTF-16 offsets: one JSON string
/// across the boundary, parsed by the engine's native parser.
fn result_js(doc: &Document, ann: &crate::annotation::Annotations) -> Result<JsValue, JsError> {
    let out = annotations_out(doc, ann, Unit::Utf16).map_err(js_err)?;
    let json = serde_json::to_string(&out).map_err(js_err)?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal error: result is not valid JSON"))
}

/// Annotates `text` with entities only, as [`annotate`] does before the
/// claims pack is loaded: the claims and attribution passes do not run.
#[wasm_bindgen(js_name = annotateEntities, unchecked_return_type = "AnnotateResult")]
pub fn annotate_entities(text: &str) -> Result<JsValue, JsError> {
    let annotator = Annotator::builtin().map_err(js_err)?;
    let doc = Document::new(text);
    let ann = crate::annotation::Annotations {
        entities: annotator.entities(&doc),
        ..Default::default()
    };
    result_js(&doc, &ann)
}

/// A text whose entities and claims are found and whose attributions are
/// being found elsewhere (the second module's `findAttributions`, in a
/// worker). [`Pending::finish`] joins the two into what [`annotate`] returns
/// for the text.
#[wasm_bindgen]
pub struct Pending {
    doc: Document,
    found: crate::annotation::Annotations,
}

#[wasm_bindgen]
impl Pending {
    /// Finds the entities and check-worthy claims of `text`.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<Pending, JsError> {
        let doc = Document::new(text);
        let annotator = current()?;
        let found = crate::annotation::Annotations {
            entities: annotator.entities(&doc),
            claims: annotator.claims(&doc),
            attributions: Vec::new(),
        };
        Ok(Pending { doc, found })
    }

    /// The whole annotation: these entities and claims with `attributions`,
    /// the numbers that `findAttributions` gave for the same text, each
    /// claim linked to the one that reports it. Throws if they were found
    /// for another text or are not such numbers.
    #[wasm_bindgen(unchecked_return_type = "AnnotateResult")]
    pub fn finish(self, attributions: &[u32]) -> Result<JsValue, JsError> {
        let given = crate::annotation::handoff_attributions(self.doc.text(), attributions)
            .map_err(js_err)?;
        let mut ann = self.found;
        crate::annotate::link_claims(self.doc.text(), &mut ann.claims, &given);
        ann.attributions = given;
        result_js(&self.doc, &ann)
    }
}

/// The labels Newsmark can produce, with descriptions.
#[wasm_bindgen(unchecked_return_type = "LabelInfo[]")]
pub fn labels() -> JsValue {
    let arr = js_sys::Array::new();
    for l in Label::ALL {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"name".into(), &l.as_str().into());
        let _ = js_sys::Reflect::set(&o, &"description".into(), &l.description().into());
        arr.push(&o);
    }
    arr.into()
}

/// Checks that the embedded model decodes; throws an `Error` naming the problem if not.
#[wasm_bindgen(js_name = checkModel)]
pub fn check_model() -> Result<(), JsError> {
    Annotator::builtin().map(|_| ()).map_err(js_err)
}

/// The core's tokens of `text` as `[start0, end0, start1, end1, ...]`, in
/// UTF-16 code units: the edges a selection snaps to.
#[wasm_bindgen(js_name = tokenEdges)]
pub fn token_edges(text: &str) -> Result<Vec<u32>, JsError> {
    let index = OffsetIndex::new(text);
    let tokens = crate::tokenize::tokenize(text);
    let mut edges = Vec::with_capacity(tokens.len() * 2);
    for token in tokens {
        let (start, end) = index
            .span_from_bytes(token.span, Unit::Utf16)
            .ok_or_else(|| JsError::new("internal error: a token is off a character boundary"))?;
        let too_long = |_| JsError::new("the text is too long");
        edges.push(u32::try_from(start).map_err(too_long)?);
        edges.push(u32::try_from(end).map_err(too_long)?);
    }
    Ok(edges)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[wasm_bindgen(typescript_custom_section)]
const SESSION_TYPES: &'static str = r#"
/** Where an annotation came from. */
export type Origin = "model" | "rule" | "user" | "lexicon";
/** Whether a person has confirmed it. */
export type Status = "suggested" | "accepted";

/** A span in a Newsmark document. Offsets are UTF-16 code units here (code points in files). */
export interface SpanRecord { start: number; end: number; text?: string }
export interface EntityRecord extends SpanRecord { label: Label; score: number; origin: Origin; status: Status }
export interface ClaimRecord extends SpanRecord { score: number; kind: ClaimKind; attribution: number | null; origin: Origin; status: Status; review?: ClaimReview; facet?: "quote" | "attributed" }
/** A fact-checker's review of a claim; the ClaimReview export writes one for each reviewed claim. */
export interface ClaimReview {
  /** The verdict, a short word or phrase ("False", "Misleading"). */
  rating: string;
  rating_value?: number; best_rating?: number; worst_rating?: number;
  /** The address of the fact-check. */
  url: string;
  /** The reviewing organisation. */
  organization: string;
  /** ISO 8601 date of the review. */
  date?: string;
  /** Who made the claim, when the text does not say; and whether a Person or an Organization. */
  claimant?: string; claimant_type?: "Person" | "Organization";
  /** The address of the article the claim appeared in. */
  appearance?: string;
}
export interface AttributionRecord {
  source: SpanRecord | null; cue: SpanRecord; content: SpanRecord[]; origin: Origin; status: Status;
  /** For a pronoun source ("she"), the name it most likely refers to. Set by Newsmark; drop it when the source changes. */
  refers_to?: SpanRecord;
}

/** Newsmark's document: the text and everything known about it. */
export interface NewsmarkDocument {
  newsmark: number;
  offsets: "utf16" | "codepoint";
  text: string;
  entities: EntityRecord[];
  claims: ClaimRecord[];
  attributions: AttributionRecord[];
  /** Anything else the page keeps with the document (title, history), carried through. */
  extra?: unknown;
}

/** What one call to Session.learn changed. */
export interface LearnReport { lexicon_entries: number; lexicon_removed: number; sentences_updated: number; features_updated: number }

/** An export format. */
export interface FormatInfo { name: string; extension: string; mediaType: string; importable: boolean }
"#;

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(js_err)?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal error: result is not valid JSON"))
}

fn from_js(value: &JsValue) -> Result<NewsmarkDoc, JsError> {
    let json: String = js_sys::JSON::stringify(value)
        .map_err(|_| JsError::new("the document is not serialisable"))?
        .into();
    NewsmarkDoc::parse(&json).map_err(js_err)
}

/// An annotator that learns from the corrections made in this page.
#[wasm_bindgen]
pub struct Session {
    base: &'static Annotator,
    annotator: Annotator,
    learned: Learned,
}

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Session, JsError> {
        let base = Annotator::builtin().map_err(js_err)?;
        Ok(Session {
            base,
            annotator: base.clone(),
            learned: Learned::default(),
        })
    }

    /// Annotates `text`, with what this session has learned; UTF-16 offsets.
    /// Claims are found once the claims pack is loaded; `attributions` are
    /// the second module's numbers for the same text, as for [`annotate`].
    #[wasm_bindgen(js_name = annotateDocument, unchecked_return_type = "NewsmarkDocument")]
    pub fn annotate_document(
        &mut self,
        text: &str,
        attributions: Option<Vec<u32>>,
    ) -> Result<JsValue, JsError> {
        if self.annotator.checkworthiness().is_none() && CLAIMS.get().is_some() {
            self.annotator = with_claims(self.annotator.clone());
        }
        let (doc, given) = document_with(text, attributions.as_deref())?;
        let ann = self.annotator.annotate_given(&doc, given);
        to_js(&NewsmarkDoc::new(&doc, &ann, Offsets::Utf16))
    }

    /// Learns from a corrected document: its entities as they are now.
    #[wasm_bindgen(unchecked_return_type = "LearnReport")]
    pub fn learn(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "NewsmarkDocument")] document: JsValue,
    ) -> Result<JsValue, JsError> {
        let (doc, corrected, _) = from_js(&document)?.into_parts().map_err(js_err)?;
        let suggested = self.annotator.entities(&doc);
        let report = self
            .learned
            .teach(self.base.ner(), &doc, &suggested, &corrected);
        self.annotator = with_claims(self.base.clone().with_learned(&self.learned));
        to_js(&report)
    }

    /// The learned state as a JSON file, to save or share.
    #[wasm_bindgen(js_name = exportLearned)]
    pub fn export_learned(&self) -> String {
        self.learned.to_json(self.base.ner())
    }

    /// Replaces the learned state with one read from a file; on error the
    /// current state is kept.
    #[wasm_bindgen(js_name = importLearned)]
    pub fn import_learned(&mut self, json: &str) -> Result<(), JsError> {
        let learned = Learned::from_json(json, self.base.ner()).map_err(js_err)?;
        self.annotator = with_claims(self.base.clone().with_learned(&learned));
        self.learned = learned;
        Ok(())
    }

    /// Forgets everything learned.
    #[wasm_bindgen(js_name = resetLearned)]
    pub fn reset_learned(&mut self) {
        self.learned = Learned::default();
        self.annotator = with_claims(self.base.clone());
    }

    /// Number of lexicon entries and of corrected model weights.
    #[wasm_bindgen(js_name = learnedSize, unchecked_return_type = "{ lexicon: number; weights: number }")]
    pub fn learned_size(&self) -> Result<JsValue, JsError> {
        to_js(
            &serde_json::json!({ "lexicon": self.learned.lexicon.len(), "weights": self.learned.weights.len() }),
        )
    }
}

/// Writes a document (UTF-16 offsets, as the page keeps it) in a file format;
/// the file's offsets are code points.
#[wasm_bindgen(js_name = exportDocument)]
pub fn export_document(
    #[wasm_bindgen(unchecked_param_type = "NewsmarkDocument")] document: JsValue,
    format: &str,
) -> Result<String, JsError> {
    let format: Format = format.parse().map_err(js_err)?;
    let nd = from_js(&document)?;
    let extra = nd.extra.clone();
    let (doc, ann, _) = nd.into_parts().map_err(js_err)?;
    if format == Format::Json {
        // Keep the page's own data (title, history) in its own format.
        let mut out = NewsmarkDoc::new(&doc, &ann, Offsets::Codepoint);
        out.extra = extra;
        return serde_json::to_string_pretty(&out).map_err(js_err);
    }
    export(&doc, &ann, format).map_err(js_err)
}

/// Reads a file in `format` into a document with UTF-16 offsets. brat and
/// Web Annotation files are read against `current_text`.
#[wasm_bindgen(js_name = importDocument, unchecked_return_type = "NewsmarkDocument")]
pub fn import_document(
    content: &str,
    format: &str,
    current_text: Option<String>,
) -> Result<JsValue, JsError> {
    let format: Format = format.parse().map_err(js_err)?;
    if format == Format::Json {
        // Keep the page's own data.
        let nd = NewsmarkDoc::parse(content).map_err(js_err)?;
        let extra = nd.extra.clone();
        let (doc, ann, _) = nd.into_parts().map_err(js_err)?;
        let mut out = NewsmarkDoc::new(&doc, &ann, Offsets::Utf16);
        out.extra = extra;
        return to_js(&out);
    }
    let (doc, ann) =
        crate::import::import(content, format, current_text.as_deref()).map_err(js_err)?;
    to_js(&NewsmarkDoc::new(&doc, &ann, Offsets::Utf16))
}

/// The export formats, and which can be imported.
#[wasm_bindgen(unchecked_return_type = "FormatInfo[]")]
pub fn formats() -> Result<JsValue, JsError> {
    let list: Vec<serde_json::Value> = Format::ALL
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.name(),
                "extension": f.extension(),
                "mediaType": f.media_type(),
                "importable": matches!(f, Format::Json | Format::Prodigy | Format::Brat | Format::Webanno),
            })
        })
        .collect();
    to_js(&list)
}
