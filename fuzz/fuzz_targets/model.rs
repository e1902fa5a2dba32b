//! Any bytes as a model file: loading gives a model or a clear error, never
//! a panic; damaged copies of the real model are refused.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsmark::attribution::AttributionModel;
use newsmark::claims::CheckWorthyModel;

fuzz_target!(|bytes: &[u8]| {
    let _ = newsmark::ner::from_bytes(bytes);
    let _ = CheckWorthyModel::from_bytes(bytes);
    let _ = AttributionModel::from_bytes(bytes);
    // The same bytes as a payload with a valid header and checksum, so that
    // the payload parsers themselves are exercised.
    use newsmark::binfmt::container;
    let _ = newsmark::ner::from_bytes(&container(newsmark::tagger::model::MAGIC, newsmark::tagger::model::FORMAT_VERSION, bytes));
    let _ = CheckWorthyModel::from_bytes(&container(
        newsmark::claims::checkworthy::MAGIC,
        newsmark::claims::checkworthy::FORMAT_VERSION,
        bytes,
    ));
    // A real model with one byte flipped must not load.
    if let Some(&b) = bytes.first() {
        let mut damaged = newsmark::annotate::BUILTIN_CLAIMS.to_vec();
        let i = (b as usize * 7919) % damaged.len();
        damaged[i] ^= 1 | bytes.get(1).copied().unwrap_or(1);
        assert!(CheckWorthyModel::from_bytes(&damaged).is_err());
    }
});
