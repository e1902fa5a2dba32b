//! Spans and the three offset units.
//!
//! The core works in UTF-8 byte offsets into one immutable text. Exports and
//! the CLI speak Unicode code points (as Python, spaCy, brat and the W3C Web
//! Annotation model do); the JavaScript API speaks UTF-16 code units (as the
//! DOM does). [`OffsetIndex`] is the one place where offsets change unit.
//!
//! ```
//! use newsmark::span::{OffsetIndex, Span};
//!
//! let text = "Café 😀 Paris";
//! let index = OffsetIndex::new(text);
//! let paris = Span::new(11, 16); // bytes
//! assert_eq!(&text[paris.range()], "Paris");
//! assert_eq!(index.byte_to_char(paris.start), Some(7));
//! assert_eq!(index.byte_to_utf16(paris.start), Some(8)); // the emoji is two UTF-16 units
//! assert_eq!(index.char_to_byte(7), Some(11));
//! assert_eq!(index.utf16_to_byte(8), Some(11));
//! ```

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open range `[start, end)` of UTF-8 byte offsets into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes). Panics in debug builds if `end < start`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span end {end} before start {start}");
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True if the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True if `other` lies inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers, or `None` if it is out of bounds or not on
    /// character boundaries.
    pub fn text(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }
}

/// Offset units that can cross the API boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-8 bytes (the core's own unit).
    Byte,
    /// Unicode scalar values (code points).
    Char,
    /// UTF-16 code units.
    Utf16,
}

const BLOCK: usize = 64;

/// Converts offsets between UTF-8 bytes, code points and UTF-16 units for one text.
///
/// It keeps, every 64 bytes, the number of code points and UTF-16 units
/// before that byte, so one conversion scans at most 64 bytes; the table costs
/// 8 bytes per 64 bytes of text. Pure-ASCII texts need no table at all.
#[derive(Debug, Clone)]
pub struct OffsetIndex<'t> {
    text: &'t str,
    ascii: bool,
    /// `(chars, utf16)` before byte `i * BLOCK`.
    blocks: Vec<(u32, u32)>,
    chars: usize,
    utf16: usize,
}

impl<'t> OffsetIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return OffsetIndex {
                text,
                ascii: true,
                blocks: Vec::new(),
                chars: text.len(),
                utf16: text.len(),
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let (mut chars, mut utf16) = (0u32, 0u32);
        for (i, &b) in bytes.iter().enumerate() {
            if i % BLOCK == 0 {
                blocks.push((chars, utf16));
            }
            // Count each character at its lead byte: 4-byte sequences are
            // surrogate pairs in UTF-16.
            if b & 0xC0 != 0x80 {
                chars += 1;
                utf16 += if b >= 0xF0 { 2 } else { 1 };
            }
        }
        OffsetIndex {
            text,
            ascii: false,
            blocks,
            chars: chars as usize,
            utf16: utf16 as usize,
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Length of the text in the given unit.
    pub fn len(&self, unit: Unit) -> usize {
        match unit {
            Unit::Byte => self.text.len(),
            Unit::Char => self.chars,
            Unit::Utf16 => self.utf16,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Byte offset to `unit`. `None` if `byte` is past the end or not on a character boundary.
    pub fn from_byte(&self, byte: usize, unit: Unit) -> Option<usize> {
        if !self.text.is_char_boundary(byte) {
            return None;
        }
        if self.ascii || unit == Unit::Byte {
            return Some(byte);
        }
        let block = byte / BLOCK;
        if block >= self.blocks.len() {
            // byte == len, exactly at a block boundary past the last block.
            return Some(self.len(unit));
        }
        let (c, u) = self.blocks[block];
        let mut n = if unit == Unit::Char { c } else { u } as usize;
        for &b in &self.text.as_bytes()[block * BLOCK..byte] {
            if b & 0xC0 != 0x80 {
                n += if unit == Unit::Utf16 && b >= 0xF0 {
                    2
                } else {
                    1
                };
            }
        }
        Some(n)
    }

    /// Offset in `unit` to a byte offset. `None` if past the end, or (UTF-16)
    /// in the middle of a surrogate pair.
    pub fn to_byte(&self, offset: usize, unit: Unit) -> Option<usize> {
        if offset > self.len(unit) {
            return None;
        }
        if self.ascii || unit == Unit::Byte {
            return self.text.is_char_boundary(offset).then_some(offset);
        }
        let key = |b: &(u32, u32)| if unit == Unit::Char { b.0 } else { b.1 } as usize;
        // Last block starting at or before `offset`.
        let block = self.blocks.partition_point(|b| key(b) <= offset) - 1;
        let mut n = key(&self.blocks[block]);
        let bytes = self.text.as_bytes();
        let mut i = block * BLOCK;
        // The block may start inside a character: skip continuation bytes.
        while i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
            i += 1;
        }
        while n < offset {
            let b = *bytes.get(i)?;
            let width = if unit == Unit::Utf16 && b >= 0xF0 {
                2
            } else {
                1
            };
            if n + width > offset {
                return None; // inside a surrogate pair
            }
            n += width;
            i += utf8_len(b);
        }
        Some(i)
    }

    pub fn byte_to_char(&self, byte: usize) -> Option<usize> {
        self.from_byte(byte, Unit::Char)
    }
    pub fn byte_to_utf16(&self, byte: usize) -> Option<usize> {
        self.from_byte(byte, Unit::Utf16)
    }
    pub fn char_to_byte(&self, c: usize) -> Option<usize> {
        self.to_byte(c, Unit::Char)
    }
    pub fn utf16_to_byte(&self, u: usize) -> Option<usize> {
        self.to_byte(u, Unit::Utf16)
    }

    /// A byte span as `(start, end)` in `unit`.
    pub fn span_from_bytes(&self, span: Span, unit: Unit) -> Option<(usize, usize)> {
        Some((
            self.from_byte(span.start, unit)?,
            self.from_byte(span.end, unit)?,
        ))
    }

    /// `(start, end)` in `unit` as a byte span; `None` if out of bounds,
    /// reversed, or not on character boundaries.
    pub fn span_to_bytes(&self, start: usize, end: usize, unit: Unit) -> Option<Span> {
        if end < start {
            return None;
        }
        Some(Span::new(
            self.to_byte(start, unit)?,
            self.to_byte(end, unit)?,
        ))
    }
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference conversion by brute force.
    fn reference(text: &str, byte: usize, unit: Unit) -> usize {
        let prefix = &text[..byte];
        match unit {
            Unit::Byte => byte,
            Unit::Char => prefix.chars().count(),
            Unit::Utf16 => prefix.encode_utf16().count(),
        }
    }

    fn check_all(text: &str) {
        let index = OffsetIndex::new(text);
        for unit in [Unit::Byte, Unit::Char, Unit::Utf16] {
            assert_eq!(index.len(unit), reference(text, text.len(), unit));
        }
        for byte in 0..=text.len() {
            for unit in [Unit::Byte, Unit::Char, Unit::Utf16] {
                if text.is_char_boundary(byte) {
                    let off = index.from_byte(byte, unit).unwrap();
                    assert_eq!(
                        off,
                        reference(text, byte, unit),
                        "{unit:?} at byte {byte} of {text:?}"
                    );
                    assert_eq!(
                        index.to_byte(off, unit),
                        Some(byte),
                        "{unit:?} back from {off}"
                    );
                } else {
                    assert_eq!(index.from_byte(byte, unit), None);
                }
            }
        }
        assert_eq!(index.to_byte(index.len(Unit::Char) + 1, Unit::Char), None);
        assert_eq!(index.to_byte(index.len(Unit::Utf16) + 1, Unit::Utf16), None);
    }

    #[test]
    fn ascii_identity() {
        check_all("The U.S. said on Monday it would act.");
        check_all("");
    }

    #[test]
    fn emoji_and_zwj_sequences() {
        // Family emoji: four people joined by ZWJ; flag: two regional indicators; skin tone.
        let text = "Fans 👨‍👩‍👧‍👦 cheered 🇫🇷 and 👍🏽 in Paris.";
        check_all(text);
        let index = OffsetIndex::new(text);
        let paris = text.find("Paris").unwrap();
        assert_eq!(
            index.byte_to_char(paris),
            Some(text[..paris].chars().count())
        );
        // Inside a surrogate pair is not a valid UTF-16 offset.
        let thumbs = text.find('👍').unwrap();
        let u = index.byte_to_utf16(thumbs).unwrap();
        assert_eq!(index.utf16_to_byte(u + 1), None);
    }

    #[test]
    fn cjk_combining_crlf_nbsp() {
        check_all("習近平は北京で演説した。");
        check_all("Cafe\u{301} de\u{301}cor, Zoe\u{308}"); // combining accents
        check_all("Line one.\r\nLine two.\r\n");
        check_all("100\u{a0}km from Baku\u{a0}\u{2014} officials");
    }

    #[test]
    fn long_text_crosses_blocks() {
        let mut text = String::new();
        for i in 0..200 {
            text.push_str(["a", "é", "中", "😀", "\r\n", "\u{a0}"][i % 6]);
            text.push_str("Baku ");
        }
        check_all(&text);
    }

    #[test]
    fn span_helpers() {
        let a = Span::new(0, 5);
        let b = Span::new(4, 8);
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(5, 6)));
        assert!(Span::new(0, 8).contains(b));
        assert_eq!(Span::new(1, 2).text("héllo"), None); // splits é
        assert_eq!(Span::new(1, 3).text("héllo"), Some("é"));
        assert_eq!(Span::new(1, 3).text("hello"), Some("el"));
    }
}
