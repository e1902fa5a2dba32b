//! wasm-bindgen tests, run in headless Chromium by `./build.sh test`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn annotate_returns_utf16_offsets() {
    // The emoji is 2 UTF-16 units, "é" 1: the JS API must count like the DOM does.
    let text = "😀 Café talks: Angela Merkel met Emmanuel Macron in Paris.";
    let out = newsmark::wasm_api::annotate(text, None).unwrap();
    let entities = js_sys::Array::from(&get(&out, "entities"));
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let mut seen = Vec::new();
    for e in entities.iter() {
        let start = get(&e, "start").as_f64().unwrap() as usize;
        let end = get(&e, "end").as_f64().unwrap() as usize;
        let label = get(&e, "label").as_string().unwrap();
        let slice = String::from_utf16(&utf16[start..end]).unwrap();
        assert_eq!(slice, get(&e, "text").as_string().unwrap());
        let score = get(&e, "score").as_f64().unwrap();
        assert!(score > 0.0 && score <= 1.0);
        seen.push((slice, label));
    }
    assert!(
        seen.contains(&("Angela Merkel".into(), "PER".into())),
        "{seen:?}"
    );
    assert!(seen.contains(&("Paris".into(), "LOC".into())), "{seen:?}");
    assert_eq!(js_sys::Array::from(&get(&out, "claims")).length(), 0);
}

#[wasm_bindgen_test]
fn labels_and_model_check() {
    newsmark::wasm_api::check_model().unwrap();
    let labels = js_sys::Array::from(&newsmark::wasm_api::labels());
    assert_eq!(labels.length(), 9);
    assert_eq!(get(&labels.get(0), "name").as_string().unwrap(), "PER");
}

#[wasm_bindgen_test]
fn empty_and_odd_text() {
    for text in [
        "",
        "   ",
        "\u{feff}",
        "\r\n\r\n",
        "<script>alert(1)</script>",
    ] {
        let out = newsmark::wasm_api::annotate(text, None).unwrap();
        assert!(js_sys::Array::is_array(&get(&out, "entities")));
    }
}

#[wasm_bindgen_test]
fn token_edges_are_the_core_tokens_in_utf16() {
    // "😀" is 2 UTF-16 units, "é" 1; the core splits "Germany's" and keeps "U.S." and "6,500" whole.
    let text = "😀 Café: Germany's U.S. office hired 6,500 people.";
    let edges = newsmark::wasm_api::token_edges(text).unwrap();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let words: Vec<String> = edges
        .chunks(2)
        .map(|p| String::from_utf16(&utf16[p[0] as usize..p[1] as usize]).unwrap())
        .collect();
    assert_eq!(
        words,
        ["😀", "Café", ":", "Germany", "'s", "U.S.", "office", "hired", "6,500", "people", "."]
    );
    assert!(newsmark::wasm_api::token_edges("").unwrap().is_empty());
}

/// The claims pack: entities come without it (the wasm holds only the entity
/// model); a damaged pack is refused; once loaded, claims come too, and the
/// attributions the second module finds (here its core, on the same pack's
/// model) are joined to them. (The only test that loads it, so the order of
/// tests is free.)
#[wasm_bindgen_test]
fn claims_come_once_the_claims_pack_is_loaded() {
    let text = "Unemployment fell to 4.1% in March, the statistics office said. \
                \"We will cut taxes by $20bn next year,\" the finance minister told parliament.";
    let before = newsmark::wasm_api::annotate(text, None).unwrap();
    assert!(!newsmark::wasm_api::claims_loaded());
    assert!(js_sys::Array::from(&get(&before, "entities")).length() > 0);
    assert_eq!(js_sys::Array::from(&get(&before, "claims")).length(), 0);
    assert_eq!(
        js_sys::Array::from(&get(&before, "attributions")).length(),
        0
    );
    let pack = newsmark::annotate::claims_pack(
        include_bytes!("../models/claims.nmk"),
        include_bytes!("../models/attribution.nmk"),
        include_bytes!("../models/pos.nmk"),
    );
    let mut damaged = pack.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    assert!(newsmark::wasm_api::load_claims(&damaged).is_err());
    assert!(!newsmark::wasm_api::claims_loaded());
    newsmark::wasm_api::load_claims(&pack).unwrap();
    assert!(newsmark::wasm_api::claims_loaded());
    // What the second module's findAttributions does, on the same pack.
    let model = newsmark::annotate::read_attribution_pack(&pack).unwrap();
    let find = |t: &str| {
        let doc = newsmark::Document::new(t);
        newsmark::annotation::handoff_words(&doc, model.find(&doc))
    };
    let words = find(text);
    assert!(words.len() > 10);
    let after = newsmark::wasm_api::annotate(text, Some(words.clone())).unwrap();
    assert_eq!(
        js_sys::Array::from(&get(&after, "entities")).length(),
        js_sys::Array::from(&get(&before, "entities")).length()
    );
    assert!(js_sys::Array::from(&get(&after, "claims")).length() >= 1);
    assert!(js_sys::Array::from(&get(&after, "attributions")).length() >= 2);
    // A claim is linked to the attribution that reports it.
    let claims = js_sys::Array::from(&get(&after, "claims"));
    assert!(claims
        .iter()
        .any(|c| get(&c, "attribution").as_f64().is_some()));

    // The two halves of annotateAsync(): the entities and claims here, the
    // attributions' numbers from elsewhere, joined, are exactly annotate()'s result.
    let json = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    let joined = newsmark::wasm_api::Pending::new(text)
        .unwrap()
        .finish(&words)
        .unwrap();
    assert_eq!(json(&joined), json(&after));
    // Numbers of another text, or no such list, are refused with a message.
    let other = find("The mayor said on Monday that taxes would rise by 4% next year.");
    assert!(other.len() > 10);
    let short = newsmark::wasm_api::Pending::new("Taxes rose.").unwrap();
    assert!(short.finish(&other).is_err());
    assert!(newsmark::wasm_api::annotate("Taxes rose.", Some(other)).is_err());
    // A text of the same length with one letter changed: its numbers do not fit.
    let changed = text.replacen("fell", "rose", 1);
    assert_eq!(changed.len(), text.len());
    let other_text = newsmark::wasm_api::Pending::new(&changed).unwrap();
    assert!(other_text.finish(&words).is_err());
    // Cut short: in the attributions (Pending.finish reads only those), or
    // in the tokens and sentences (annotate() reads them too).
    let in_attributions = &words[..words[0] as usize];
    assert!(newsmark::wasm_api::Pending::new(text)
        .unwrap()
        .finish(in_attributions)
        .is_err());
    let in_document = words[..words.len() - 1].to_vec();
    assert!(newsmark::wasm_api::annotate(text, Some(in_document)).is_err());
}
