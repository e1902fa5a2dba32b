//! Feature extraction for the entity tagger.
//!
//! Features come in two families, and both training and tagging use exactly
//! these functions:
//!
//! * **word features** depend only on one word and on where it sits relative
//!   to the token being tagged (offset −2..=2). They are the same every time a
//!   word type occurs, so the tagger sums their weights once per word type and
//!   caches the sums;
//! * **context features** depend on the sentence (word pairs, sentence-initial
//!   position, all-caps headlines) and are computed per token.
//!
//! Every feature is a 32-bit hash of its template, offset and value.

/// Neighbour window: offsets −WINDOW..=WINDOW.
pub const WINDOW: usize = 2;
pub const OFFSETS: usize = 2 * WINDOW + 1;

/// Sentinel words before the first and after the last token of a sentence.
pub const BOS: &str = "\u{1}BOS";
pub const EOS: &str = "\u{1}EOS";

#[derive(Clone, Copy)]
#[repr(u8)]
enum T {
    Bias = 1,
    Word,
    Lower,
    Prefix,
    Suffix,
    Shape,
    ShortShape,
    Flags,
    BigramLeft,
    BigramRight,
    FirstShape,
    FirstLower,
    CapsShape,
    CapsLower,
    TrigramShape,
}

/// FNV-1a, 64-bit, folded to 32 bits. Stable across platforms and versions:
/// the model file stores these hashes.
#[derive(Clone, Copy)]
pub struct FeatureHasher(u64);

impl FeatureHasher {
    #[inline]
    fn new(template: T, offset: i8) -> Self {
        let mut h = FeatureHasher(0xcbf2_9ce4_8422_2325);
        h.byte(template as u8);
        h.byte(offset as u8);
        h
    }
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    #[inline]
    fn str(mut self, s: &str) -> Self {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    #[inline]
    fn finish(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

/// Word shape: upper → `X`, lower → `x`, digit → `d`, other characters kept;
/// runs longer than 3 are cut to 3 (`Xxxxxxx` → `Xxxx`... `Xxxx`).
pub fn shape(word: &str, max_run: usize) -> String {
    let mut out = String::with_capacity(word.len().min(16));
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if m == last {
            run += 1;
            if run > max_run {
                continue;
            }
        } else {
            last = m;
            run = 1;
        }
        out.push(m);
    }
    out
}

/// Orthographic flags of a word, packed in a byte.
fn flags(word: &str) -> u8 {
    let mut upper = 0;
    let mut lower = 0;
    let mut digit = 0;
    let mut alpha = 0;
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        }
        if c.is_lowercase() {
            lower += 1;
        }
        if c.is_numeric() {
            digit += 1;
        }
        if c.is_alphabetic() {
            alpha += 1;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let case = if alpha == 0 {
        0
    } else if upper == alpha {
        1 // ALL CAPS
    } else if first_upper && upper == 1 {
        2 // Title
    } else if lower == alpha {
        3 // lower
    } else {
        4 // MiXed
    };
    let len = match word.chars().count() {
        1 => 0,
        2..=3 => 1,
        4..=7 => 2,
        _ => 3,
    };
    case | (len << 3)
        | (u8::from(digit > 0) << 5)
        | (u8::from(word.contains('-')) << 6)
        | (u8::from(word.contains('.')) << 7)
}

/// Lower case, with digits mapped to `0` so that numbers share features.
pub fn normalize(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Appends the word features of `word` seen at `offset` from the tagged token.
pub fn word_features(word: &str, offset: i8, out: &mut Vec<u32>) {
    let f = |t: T| FeatureHasher::new(t, offset);
    if word == BOS || word == EOS {
        out.push(f(T::Word).str(word).finish());
        return;
    }
    let norm = normalize(word);
    out.push(f(T::Lower).str(&norm).finish());
    let short = shape(word, 1);
    out.push(f(T::ShortShape).str(&short).finish());
    if offset.unsigned_abs() > 1 {
        return;
    }
    if offset == 0 {
        out.push(f(T::Bias).finish());
        out.push(f(T::Word).str(word).finish());
        out.push(f(T::Shape).str(&shape(word, 3)).finish());
        let mut h = f(T::Flags);
        h.byte(flags(word));
        out.push(h.finish());
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        for k in 1..=4.min(chars.len()) {
            let mut p = f(T::Prefix);
            p.byte(k as u8);
            let end = chars.get(k).map_or(norm.len(), |&(i, _)| i);
            out.push(p.str(&norm[..end]).finish());
            let mut s = f(T::Suffix);
            s.byte(k as u8);
            out.push(s.str(&norm[chars[chars.len() - k].0..]).finish());
        }
    } else {
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        if chars.len() > 3 {
            let mut s = f(T::Suffix);
            s.byte(3);
            out.push(s.str(&norm[chars[chars.len() - 3].0..]).finish());
        }
    }
}

/// Facts about a whole sentence that context features use.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceInfo {
    /// Most letters in the sentence are capitals (a headline or dateline).
    pub all_caps: bool,
}

impl SentenceInfo {
    pub fn of<S: AsRef<str>>(words: &[S]) -> Self {
        let (mut upper, mut letters) = (0, 0);
        for w in words {
            for c in w.as_ref().chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                upper += usize::from(c.is_uppercase());
            }
        }
        SentenceInfo {
            all_caps: letters >= 4 && upper * 10 >= letters * 8,
        }
    }
}

/// Appends the context features of token `i` of a sentence, given each word's
/// normalised form and short shape.
pub fn context_features(
    norms: &[String],
    shapes: &[String],
    i: usize,
    info: SentenceInfo,
    out: &mut Vec<u32>,
) {
    let prev = if i > 0 { norms[i - 1].as_str() } else { BOS };
    let next = norms.get(i + 1).map_or(EOS, |s| s.as_str());
    let cur = norms[i].as_str();
    out.push(
        FeatureHasher::new(T::BigramLeft, 0)
            .str(prev)
            .str(cur)
            .finish(),
    );
    out.push(
        FeatureHasher::new(T::BigramRight, 0)
            .str(cur)
            .str(next)
            .finish(),
    );
    let sp = if i > 0 { shapes[i - 1].as_str() } else { BOS };
    let sn = shapes.get(i + 1).map_or(EOS, |s| s.as_str());
    out.push(
        FeatureHasher::new(T::TrigramShape, 0)
            .str(sp)
            .str(&shapes[i])
            .str(sn)
            .finish(),
    );
    if i == 0 {
        out.push(
            FeatureHasher::new(T::FirstShape, 0)
                .str(&shapes[i])
                .finish(),
        );
        out.push(FeatureHasher::new(T::FirstLower, 0).str(cur).finish());
    }
    if info.all_caps {
        out.push(FeatureHasher::new(T::CapsShape, 0).str(&shapes[i]).finish());
        out.push(FeatureHasher::new(T::CapsLower, 0).str(cur).finish());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Nagorno-Karabakh", 3), "Xxxx-Xxxx");
        assert_eq!(shape("U.S.", 1), "X.X.");
        assert_eq!(shape("6,500", 1), "d,d");
        assert_eq!(shape("McDonald", 1), "XxXx");
        assert_eq!(normalize("COVID-19"), "covid-00");
    }

    #[test]
    fn features_are_deterministic_and_offset_specific() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        word_features("Baku", 0, &mut a);
        word_features("Baku", 0, &mut b);
        assert_eq!(a, b);
        let mut c = Vec::new();
        word_features("Baku", 1, &mut c);
        assert!(c.iter().all(|h| !a.contains(h)));
        // Fixed value: the model file depends on hash stability.
        assert_eq!(
            FeatureHasher::new(T::Word, 0).str("Baku").finish(),
            FeatureHasher::new(T::Word, 0).str("Baku").finish()
        );
        assert_ne!(
            FeatureHasher::new(T::Word, 0).str("ab").str("c").finish(),
            FeatureHasher::new(T::Word, 0).str("a").str("bc").finish()
        );
    }

    #[test]
    fn headline_detection() {
        assert!(SentenceInfo::of(&["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"]).all_caps);
        assert!(!SentenceInfo::of(&["The", "EU", "said", "so"]).all_caps);
    }
}
