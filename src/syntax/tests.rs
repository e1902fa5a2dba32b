//! Tests of the parser's data types, file formats and shipped tagger.

use super::*;

/// A tiny model with a few hand-set rows, for the file format tests.
fn tiny() -> Parser {
    let lin = |nclass: usize| {
        let keys = vec![3u32, 17, 1000];
        let book = vec![-5i16, 0, 7];
        let codes = (0..keys.len() * nclass).map(|i| (i % 3) as u8).collect();
        Linear::new(nclass, 24, keys, book, codes)
    };
    Parser {
        tagset: Upos::ALL
            .iter()
            .map(|&upos| FineTag {
                upos,
                xpos: upos.as_str().to_lowercase(),
            })
            .collect(),
        tagger: lin(Upos::ALL.len()),
        trans: lin(3),
        labeler: lin(N_REL),
        info: "tiny".into(),
    }
}

#[test]
fn file_round_trip() {
    let p = tiny();
    let bytes = p.to_bytes();
    let q = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(q.info, "tiny");
    assert_eq!(q.to_bytes(), bytes);
    assert_eq!(q.sizes(), [3, 3, 3]);
    let words = ["He", "said", "so", "."];
    assert_eq!(p.parse(&words), q.parse(&words));
}

#[test]
fn damaged_files_are_errors_not_panics() {
    let bytes = tiny().to_bytes();
    assert!(matches!(
        Parser::from_bytes(b"NMKNER\0\0garbage-garbage"),
        Err(SyntaxError::Format(_))
    ));
    let mut bad = bytes.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0x40;
    assert!(matches!(
        Parser::from_bytes(&bad),
        Err(SyntaxError::Format(crate::binfmt::FormatError::Checksum))
    ));
    // Every truncation, and flipped bytes with a recomputed checksum, fail cleanly.
    for cut in 0..bytes.len() {
        assert!(Parser::from_bytes(&bytes[..cut]).is_err());
    }
    let payload = &bytes[18..];
    for i in 0..payload.len() {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut p = payload.to_vec();
            p[i] ^= flip;
            let file = crate::binfmt::container(model::MAGIC, model::FORMAT_VERSION, &p);
            if let Ok(parser) = Parser::from_bytes(&file) {
                let _ = parser.parse(&["A", "test", "."]);
            }
        }
    }
}

#[test]
fn relation_and_tag_names() {
    assert_eq!(Rel::ALL.len(), N_REL);
    assert_eq!(Upos::ALL.len(), 17);
    assert_eq!(Rel::from_ud("nsubj:pass"), Some(Rel::NsubjPass));
    assert_eq!(Rel::from_ud("obl:unmarked"), Some(Rel::Obl));
    assert_eq!(Rel::from_ud("nsubj:outer"), Some(Rel::Nsubj));
    assert_eq!(Rel::from_ud("goeswith"), Some(Rel::Dep));
    assert_eq!(Rel::from_ud("bogus"), None);
    assert_eq!(Upos::from_ud("PROPN"), Some(Upos::Propn));
    for (i, r) in Rel::ALL.iter().enumerate() {
        assert_eq!(r.index(), i);
        assert_eq!(Rel::from_ud(r.as_str()), Some(*r));
    }
}

#[test]
fn empty_and_odd_input() {
    let p = tiny();
    assert!(p.parse(&[]).is_empty());
    let one = p.parse(&["Hello"]);
    assert_eq!(one.heads, [ROOT]);
    assert_eq!(one.rels, [Rel::Root]);
    let odd = p.parse(&["", "👍🏽", "ÉTÉ", "3,5", "n’t"]);
    assert_eq!(odd.len(), 5);
    assert_eq!(odd.heads.iter().filter(|&&h| h == ROOT).count(), 1);
}

#[test]
fn tagger_file_round_trip_and_damage() {
    let t = tiny().pos_tagger();
    let bytes = t.to_bytes();
    assert_eq!(PosTagger::from_bytes(&bytes).unwrap(), t);
    // A parser file is not a tagger file, nor the other way round.
    assert!(PosTagger::from_bytes(&tiny().to_bytes()).is_err());
    assert!(Parser::from_bytes(&bytes).is_err());
    for cut in 0..bytes.len() {
        assert!(PosTagger::from_bytes(&bytes[..cut]).is_err());
    }
    let mut bad = bytes.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0x40;
    assert!(matches!(
        PosTagger::from_bytes(&bad),
        Err(SyntaxError::Format(crate::binfmt::FormatError::Checksum))
    ));
    // The tagger alone tags as the parser's own tagger does.
    let words = ["Prices", "rose", "sharply", "."];
    assert_eq!(t.tag(&words), tiny().parse(&words).upos);
}

#[cfg(feature = "embed-claims")]
#[test]
fn shipped_tagger_tags_news_text() {
    let tagger = PosTagger::builtin().expect("models/pos.nmk loads");
    let text = "The defence ministry said on Monday that troops had shelled the village.";
    let tokens = crate::tokenize::tokenize(text);
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
    let tags = tagger.tag(&words);
    assert_eq!(tags.len(), words.len());
    let at = |w: &str| tags[words.iter().position(|x| *x == w).unwrap()];
    assert_eq!(at("The"), Upos::Det);
    assert_eq!(at("ministry"), Upos::Noun);
    assert_eq!(at("said"), Upos::Verb);
    assert_eq!(at("Monday"), Upos::Propn);
    assert_eq!(at("troops"), Upos::Noun);
    assert_eq!(at("had"), Upos::Aux);
    assert_eq!(at("village"), Upos::Noun);
    assert_eq!(at("."), Upos::Punct);
    // Possessives and contractions as Newsmark splits them.
    let tags = tagger.tag(&["Trump", "'s", "aides", "do", "n't", "agree", "."]);
    assert_eq!(
        tags,
        [
            Upos::Propn,
            Upos::Part,
            Upos::Noun,
            Upos::Aux,
            Upos::Part,
            Upos::Verb,
            Upos::Punct
        ]
    );
    // Appending to a buffer: sentences one after another.
    let mut out = Vec::new();
    let mut scratch = TagScratch::default();
    tagger.tag_into(&["Prices", "rose", "."], &mut scratch, &mut out);
    tagger.tag_into(&["He", "said", "so", "."], &mut scratch, &mut out);
    assert_eq!(out.len(), 7);
    assert_eq!(out[4], Upos::Verb);
}

#[cfg(not(target_arch = "wasm32"))]
/// The greedy tags of [`tag_features`] scored in full for every token: what
/// [`TagScratch`]'s kept sums must reproduce.
fn tags_in_full(model: &Linear, words: &[&str]) -> Vec<u8> {
    let mut chars = Vec::new();
    let toks: Vec<Tok> = words.iter().map(|w| tok_atoms(w, &mut chars)).collect();
    let (mut keys, mut scores) = (Vec::new(), vec![0; model.nclass]);
    let (mut t1, mut t2) = (TAG_NONE, TAG_NONE);
    let mut tags = Vec::new();
    for i in 0..toks.len() {
        tag_features(&toks, i, t1, t2, &mut keys);
        model.score(&keys, &mut scores);
        let t = argmax_from(&scores, 0);
        tags.push(t as u8);
        (t2, t1) = (t1, t as u64);
    }
    tags
}

#[cfg(not(target_arch = "wasm32"))]
/// A model with a weight row for every feature of `sentences` under every
/// pair of previous tags, weights drawn from `seed`.
fn dense_model(sentences: &[Vec<&str>], nclass: usize, seed: u64) -> Linear {
    let mut chars = Vec::new();
    let mut keys = Vec::new();
    let mut all = Vec::new();
    for s in sentences {
        let toks: Vec<Tok> = s.iter().map(|w| tok_atoms(w, &mut chars)).collect();
        for i in 0..toks.len() {
            for t1 in (0..nclass as u64).chain([TAG_NONE]) {
                for t2 in (0..nclass as u64).chain([TAG_NONE]) {
                    tag_features(&toks, i, t1, t2, &mut keys);
                    all.extend_from_slice(&keys);
                }
            }
        }
    }
    all.sort_unstable();
    all.dedup();
    let book: Vec<i16> = (-8..8).map(|x| x * 37).collect();
    let mut h = seed | 1;
    let codes = (0..all.len() * nclass)
        .map(|_| {
            h ^= h << 13;
            h ^= h >> 7;
            h ^= h << 17;
            (h % book.len() as u64) as u8
        })
        .collect();
    Linear::new(nclass, 32, all, book, codes)
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    /// Kept word sums give the tags of the full features, sentence after
    /// sentence with one scratch (words repeating across them), and a
    /// scratch filled by one model is refilled for another.
    #[test]
    fn kept_word_sums_tag_as_the_full_features(
        sentences in proptest::collection::vec(
            proptest::collection::vec(
                proptest::sample::select(vec![
                    "The", "the", "minister", "said", "Said", "prices", "rose", ".", ",", "\u{201c}",
                    "Kyiv", "2024", "U.S.", "n't", "'s", "running", "quickly", "東京", "é",
                ]),
                1..9,
            ),
            1..6,
        ),
        seed in 1u64..1000,
    ) {
        let a = dense_model(&sentences, 5, seed);
        let b = dense_model(&sentences, 4, seed + 1);
        let mut scratch = TagScratch::default();
        for (k, s) in sentences.iter().enumerate() {
            let model = if k % 3 == 2 { &b } else { &a };
            tag_sentence(model, s, &mut scratch);
            proptest::prop_assert_eq!(&scratch.tags, &tags_in_full(model, s));
        }
        // The feature split covers each key of `tag_features` once.
        let toks: Vec<Tok> = sentences[0].iter().map(|w| tok_atoms(w, &mut Vec::new())).collect();
        let (mut full, mut split) = (Vec::new(), Vec::new());
        tag_features(&toks, 0, 1, 2, &mut full);
        for (part, &d) in PART_OFFSET.iter().enumerate() {
            let t = usize::try_from(d).ok().and_then(|j| toks.get(j));
            word_part_keys(t, part, &mut split);
        }
        context_keys(&toks, 0, 1, 2, &mut split);
        full.sort_unstable();
        split.sort_unstable();
        proptest::prop_assert_eq!(full.len(), 27);
        proptest::prop_assert_eq!(full, split);
    }
}
