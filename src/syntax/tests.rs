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
