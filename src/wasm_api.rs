//! The WebAssembly API: a thin layer over the core. Offsets are UTF-16 code
//! units, as in the DOM. Errors reach JavaScript as `Error` objects.

use crate::export::annotations_out;
use crate::{Annotator, Document, Label, Unit};
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
}

/** What `annotate` finds. */
export interface AnnotateResult {
  entities: Entity[];
  claims: Claim[];
  attributions: Attribution[];
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

/// Annotates `text` and returns everything found, in one call.
#[wasm_bindgen(unchecked_return_type = "AnnotateResult")]
pub fn annotate(text: &str) -> Result<JsValue, JsError> {
    let annotator = Annotator::builtin().map_err(js_err)?;
    let doc = Document::new(text);
    let ann = annotator.annotate(&doc);
    let out = annotations_out(&doc, &ann, Unit::Utf16).map_err(js_err)?;
    // One JSON string across the boundary, parsed by the engine's native parser.
    let json = serde_json::to_string(&out).map_err(js_err)?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal error: result is not valid JSON"))
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

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
