//! A table from 64-bit word keys ([`crate::tagger::lexicon::WordKey`]) to small
//! values, laid out so that it is read where it lies: no parse and no
//! allocation when a model file is opened.
//!
//! The lexicon's tables were hash maps built at every page load, and building
//! them was most of the cold start's model decoding (about 50 ms in a browser's
//! baseline compiler). This table is built once, when the model is written.
//!
//! Layout: a fingerprint per slot (2 to 4 bytes, little-endian; all ones mark
//! an empty slot), then the values (1 or 2 bytes a slot, a plane per byte).
//! Empty slots are all ones, not zeros, so that a build tool that drops runs
//! of zeros from a WebAssembly module's data (wasm-opt) leaves the table
//! whole: cut into hundreds of pieces, it compressed worse. A key's home slot is the
//! key scaled into the table's length; collisions probe on linearly. The keys
//! themselves are not stored (random 64-bit keys do not compress, and the
//! first download must not grow), so:
//!
//! - every key of the table is found with its own value: the build picks a
//!   salt for the fingerprints under which no key meets another key's
//!   fingerprint before its own slot (checked for every key);
//! - a key outside the table matches a stored one only when it probes onto a
//!   slot with the same fingerprint: with 2-byte fingerprints, about 2 words in
//!   10,000 at the tables' fill of 80%; with 3-byte ones, about 1 in a million.
//!
//! ```
//! use newsmark::tagger::wordtable::WordTable;
//!
//! let bytes = WordTable::build(&[(42, 7), (1 << 40, 3)], 2, 1).unwrap();
//! let table = WordTable::read(&bytes).unwrap();
//! assert_eq!((table.get(42), table.get(1 << 40), table.len()), (Some(7), Some(3), 2));
//! ```

use crate::binfmt::{FormatError, Reader};

/// Keys per slot, at most: a fuller table probes further before it finds an
/// empty slot, which costs time and false matches.
const LOAD: f64 = 0.8;

/// Salts tried before the build gives up (one is nearly always enough).
const SALTS: u32 = 256;

/// A [`WordTable`] in bytes: fingerprint width (u8: 2 to 4), value width (u8:
/// 1 or 2), salt (u32), number of keys (u32), number of slots (u32), then the
/// fingerprints and the values.
#[derive(Debug, Clone, Copy)]
pub struct WordTable<'a> {
    fingerprints: &'a [u8],
    values: &'a [u8],
    fp_bytes: usize,
    value_bytes: usize,
    salt: u32,
    len: usize,
}

const HEADER: usize = 14;

impl<'a> WordTable<'a> {
    /// The table of `entries` (keys distinct), with fingerprints of `fp_bytes`
    /// (2 to 4) and values of `value_bytes` (1 or 2) each. The bytes depend
    /// only on the entries, not on their order.
    pub fn build(
        entries: &[(u64, u32)],
        fp_bytes: usize,
        value_bytes: usize,
    ) -> Result<Vec<u8>, FormatError> {
        if !matches!(fp_bytes, 2..=4) || !matches!(value_bytes, 1 | 2) {
            return Err(FormatError::Corrupt("word table widths"));
        }
        let mut sorted = entries.to_vec();
        sorted.sort_unstable_by_key(|&(k, _)| k);
        if sorted.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(FormatError::Corrupt("word table keys repeat"));
        }
        if sorted.iter().any(|&(_, v)| v >> (8 * value_bytes) != 0) {
            return Err(FormatError::Corrupt("word table value too wide"));
        }
        let n = sorted.len();
        let cap = if n == 0 {
            0
        } else {
            ((n as f64 / LOAD).ceil() as usize).max(n + 1)
        };
        for salt in 0..SALTS {
            let empty = empty(fp_bytes);
            let mut fps = vec![empty; cap];
            let mut values = vec![u32::MAX; cap];
            for &(key, value) in &sorted {
                let mut s = home(key, cap);
                while fps[s] != empty {
                    s = next(s, cap);
                }
                fps[s] = fingerprint(key, salt, fp_bytes);
                values[s] = value;
            }
            let mut out = Vec::with_capacity(HEADER + cap * (fp_bytes + value_bytes));
            out.push(fp_bytes as u8);
            out.push(value_bytes as u8);
            out.extend_from_slice(&salt.to_le_bytes());
            out.extend_from_slice(&(n as u32).to_le_bytes());
            out.extend_from_slice(&(cap as u32).to_le_bytes());
            for f in &fps {
                out.extend_from_slice(&f.to_le_bytes()[..fp_bytes]);
            }
            // A plane per byte of the values: low bytes, then high bytes,
            // which compress better apart (the high bytes of small values
            // are nearly all alike).
            for plane in 0..value_bytes {
                out.extend(values.iter().map(|v| (v >> (8 * plane)) as u8));
            }
            let table = WordTable::read(&out)?;
            if sorted.iter().all(|&(k, v)| table.get(k) == Some(v)) {
                return Ok(out);
            }
        }
        Err(FormatError::Corrupt(
            "word table: no salt separates the keys",
        ))
    }

    /// Reads a table written by [`WordTable::build`] from the front of `r`,
    /// borrowing its slots. Only the header is checked: a damaged slot gives
    /// a wrong value or none, never a panic or an endless probe.
    pub fn read_from(r: &mut Reader<'a>) -> Result<Self, FormatError> {
        let fp_bytes = r.u8()? as usize;
        let value_bytes = r.u8()? as usize;
        if !matches!(fp_bytes, 2..=4) || !matches!(value_bytes, 1 | 2) {
            return Err(FormatError::Corrupt("word table widths"));
        }
        let salt = r.u32()?;
        let len = r.u32()? as usize;
        let cap = r.u32()? as usize;
        if (cap == 0) != (len == 0) || len > cap || cap > r.remaining() {
            return Err(FormatError::Corrupt("word table size"));
        }
        let fingerprints = r.take(cap * fp_bytes)?;
        let values = r.take(cap * value_bytes)?;
        Ok(WordTable {
            fingerprints,
            values,
            fp_bytes,
            value_bytes,
            salt,
            len,
        })
    }

    /// A table that is the whole of `bytes`.
    pub fn read(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let table = Self::read_from(&mut r)?;
        if !r.is_empty() {
            return Err(FormatError::Corrupt("word table trailing bytes"));
        }
        Ok(table)
    }

    /// The value stored for `key`, if any (see the module's note on false matches).
    #[inline]
    pub fn get(&self, key: u64) -> Option<u32> {
        let cap = self.fingerprints.len() / self.fp_bytes;
        if cap == 0 {
            return None;
        }
        let want = fingerprint(key, self.salt, self.fp_bytes);
        let empty = empty(self.fp_bytes);
        let mut s = home(key, cap);
        // At most one pass over the table, whatever its bytes hold.
        for _ in 0..cap {
            let f = read_le(self.fingerprints, s, self.fp_bytes);
            if f == empty {
                return None;
            }
            if f == want {
                let lo = u32::from(self.values[s]);
                return Some(if self.value_bytes == 2 {
                    lo | u32::from(self.values[cap + s]) << 8
                } else {
                    lo
                });
            }
            s = next(s, cap);
        }
        None
    }

    /// How many keys the table holds.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The table's size in bytes, header included.
    pub fn size(&self) -> usize {
        HEADER + self.fingerprints.len() + self.values.len()
    }

    /// What [`WordTable::with_shape`] needs to see the table again in its
    /// bytes: a lexicon keeps where its tables lie, not borrows of its own bytes.
    pub(crate) fn shape(&self) -> Shape {
        Shape {
            fp_bytes: self.fp_bytes as u8,
            value_bytes: self.value_bytes as u8,
            salt: self.salt,
            len: self.len as u32,
            cap: (self.fingerprints.len() / self.fp_bytes) as u32,
        }
    }

    /// The table of `shape` whose header starts `bytes` (as read before by
    /// [`WordTable::read_from`]); an empty table if `bytes` is too short.
    #[inline]
    pub(crate) fn with_shape(bytes: &'a [u8], shape: Shape) -> Self {
        let (fp_bytes, value_bytes) = (shape.fp_bytes as usize, shape.value_bytes as usize);
        let cap = shape.cap as usize;
        let fp_end = HEADER + cap * fp_bytes;
        let (fingerprints, values) = match (
            bytes.get(HEADER..fp_end),
            bytes.get(fp_end..fp_end + cap * value_bytes),
        ) {
            (Some(f), Some(v)) => (f, v),
            _ => (&[][..], &[][..]),
        };
        WordTable {
            fingerprints,
            values,
            fp_bytes: fp_bytes.max(1),
            value_bytes,
            salt: shape.salt,
            len: shape.len as usize,
        }
    }
}

/// A [`WordTable`]'s header, to see it again in bytes that were read before.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    fp_bytes: u8,
    value_bytes: u8,
    salt: u32,
    pub(crate) len: u32,
    cap: u32,
}

#[inline]
fn read_le(bytes: &[u8], slot: usize, width: usize) -> u32 {
    let b = &bytes[slot * width..slot * width + width];
    match width {
        2 => u32::from(u16::from_le_bytes([b[0], b[1]])),
        3 => u32::from_le_bytes([b[0], b[1], b[2], 0]),
        _ => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
    }
}

#[inline]
fn next(s: usize, cap: usize) -> usize {
    if s + 1 == cap {
        0
    } else {
        s + 1
    }
}

/// The key's first slot: its high bits scaled into `cap` (keys are
/// [`crate::tagger::lexicon::WordKey`]s, already mixed).
#[inline]
fn home(key: u64, cap: usize) -> usize {
    ((u128::from(key) * cap as u128) >> 64) as usize
}

/// An empty slot's fingerprint: all ones, `width` bytes wide.
#[inline]
fn empty(width: usize) -> u32 {
    u32::MAX >> (32 - 8 * width as u32)
}

/// The key's fingerprint under `salt`, `width` bytes wide (2 to 4), never
/// all ones (which mark an empty slot).
#[inline]
fn fingerprint(key: u64, salt: u32, width: usize) -> u32 {
    let mixed = (key as u32 ^ salt).wrapping_mul(0x9e37_79b1) ^ (key >> 32) as u32;
    let f = mixed >> (32 - 8 * width as u32);
    f - u32::from(f == empty(width))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mix(i: u64) -> u64 {
        crate::tagger::lexicon::WordKey::of(&format!("w{i}"))
    }

    #[test]
    fn finds_every_key_and_few_others() {
        let entries: Vec<(u64, u32)> = (0..20_000).map(|i| (mix(i), (i % 2000) as u32)).collect();
        for fp in [2, 3, 4] {
            let bytes = WordTable::build(&entries, fp, 2).unwrap();
            let t = WordTable::read(&bytes).unwrap();
            assert_eq!((t.len(), t.size()), (20_000, bytes.len()));
            for &(k, v) in &entries {
                assert_eq!(t.get(k), Some(v));
            }
            let false_matches = (20_000..120_000)
                .filter(|&i| t.get(mix(i)).is_some())
                .count();
            let most = if fp == 2 { 100 } else { 1 };
            assert!(false_matches <= most, "{fp}: {false_matches}");
            // Built from the same keys in another order: the same bytes.
            let mut reversed = entries.clone();
            reversed.reverse();
            assert_eq!(WordTable::build(&reversed, fp, 2).unwrap(), bytes);
        }
    }

    #[test]
    fn empty_and_damaged_tables() {
        let empty = WordTable::build(&[], 2, 1).unwrap();
        let t = WordTable::read(&empty).unwrap();
        assert_eq!((t.get(5), t.len(), t.is_empty()), (None, 0, true));
        assert!(WordTable::build(&[(1, 1), (1, 2)], 2, 1).is_err());
        assert!(WordTable::build(&[(1, 256)], 2, 1).is_err());
        assert!(WordTable::build(&[(1, 1)], 5, 1).is_err());
        assert!(WordTable::build(&[(1, 1)], 2, 3).is_err());
        let bytes = WordTable::build(&[(mix(1), 3), (mix(2), 4)], 2, 1).unwrap();
        for cut in 0..bytes.len() {
            assert!(WordTable::read(&bytes[..cut]).is_err(), "{cut}");
        }
        // Every slot full (no empty one to stop at): lookups still end.
        let mut full = bytes.clone();
        for b in &mut full[HEADER..] {
            *b = 0;
        }
        let t = WordTable::read(&full).unwrap();
        assert!(t.get(mix(3)).is_none() || t.get(mix(3)) == Some(0));
        // No run of zeros in a built table's slots.
        let big: Vec<(u64, u32)> = (0..5000).map(|i| (mix(i), 1 + (i % 200) as u32)).collect();
        let bytes = WordTable::build(&big, 2, 1).unwrap();
        assert!(!bytes[HEADER..].windows(4).any(|w| w == [0; 4]));
    }
}
