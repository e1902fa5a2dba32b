//! The browser's second WebAssembly module (`newsmark_attribution.wasm`,
//! built with the `wasm-attribution` feature): attribution finding alone.
//! The page fetches it with the claims pack after the first entities are
//! shown, so the first module ([`crate::annotate`]'s entity model, the
//! claims and the exports) carries none of its code. It finds the
//! attributions of a text and hands them to the first module as numbers,
//! with the text's tokens and sentences ([`handoff_words`]), which that
//! module's `annotate` takes with the same text. Offsets inside those numbers are UTF-8 bytes;
//! the first module converts them with everything else.

use crate::annotate::{read_attribution_pack, with_warm};
use crate::annotation::handoff_words;
use crate::attribution::{AttributionCache, AttributionModel};
use crate::document::Document;
use std::sync::{Mutex, OnceLock};
use wasm_bindgen::prelude::*;

/// The attribution model, once [`load_attribution`] has read the claims pack.
static MODEL: OnceLock<AttributionModel> = OnceLock::new();

/// What the model worked out per word type, kept from one call to the next
/// (see [`crate::annotate::WARM_TYPES`]); results never depend on it.
static WARM: OnceLock<Mutex<AttributionCache>> = OnceLock::new();

fn warm() -> &'static Mutex<AttributionCache> {
    WARM.get_or_init(Mutex::default)
}

/// Reads the attribution model and part-of-speech tagger of the claims pack
/// (`newsmark-claims.bin`). Throws on a damaged file; a second call after
/// success changes nothing.
#[wasm_bindgen(js_name = loadAttribution)]
pub fn load_attribution(pack: &[u8]) -> Result<(), JsError> {
    if MODEL.get().is_none() {
        let model = read_attribution_pack(pack).map_err(|e| JsError::new(&e.to_string()))?;
        let _ = MODEL.set(model);
    }
    Ok(())
}

/// Whether the attribution model is loaded (see [`load_attribution`]).
#[wasm_bindgen(js_name = attributionLoaded)]
pub fn attribution_loaded() -> bool {
    MODEL.get().is_some()
}

/// The attributions of `text`, with its tokens and sentences, as the
/// numbers the first module's `annotate` (or `Pending.finish`) takes with
/// the same text ([`handoff_words`]). Throws before [`load_attribution`].
#[wasm_bindgen(js_name = findAttributions)]
pub fn find_attributions(text: &str) -> Result<Vec<u32>, JsError> {
    let model = MODEL.get().ok_or_else(|| {
        JsError::new("the attribution model is not loaded: call loadAttribution first")
    })?;
    let doc = Document::new(text);
    let found = with_warm(warm(), AttributionCache::len, |cache| {
        model.find_with(&doc, cache)
    });
    Ok(handoff_words(&doc, found))
}

/// Frees what the model worked out per word from one call to the next;
/// results do not change.
#[wasm_bindgen(js_name = releaseCaches)]
pub fn release_caches() {
    if let Ok(mut cache) = warm().lock() {
        *cache = AttributionCache::default();
    }
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
