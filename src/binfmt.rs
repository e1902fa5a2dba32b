//! Helpers shared by Newsmark's binary model files: a checksummed container,
//! little-endian reading with bounds checks, LEB128 varints, maps keyed by
//! feature hashes, and codebook quantisation of weights.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FormatError {
    #[error("not a Newsmark {0} file (bad magic bytes)")]
    BadMagic(&'static str),
    #[error("format version {found} is not supported (this build reads version {expected})")]
    Version { found: u16, expected: u16 },
    #[error("checksum mismatch: the file is damaged")]
    Checksum,
    #[error("truncated or corrupt: {0}")]
    Corrupt(&'static str),
}

/// Wraps `payload` as `magic | version u16 | length u32 | CRC-32 u32 | payload`.
pub fn container(magic: &[u8; 8], version: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 18);
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Checks a [`container`] and returns its payload.
pub fn open_container<'a>(
    bytes: &'a [u8],
    magic: &[u8; 8],
    version: u16,
    what: &'static str,
) -> Result<&'a [u8], FormatError> {
    if bytes.len() < 18 || &bytes[..8] != magic {
        return Err(FormatError::BadMagic(what));
    }
    let mut r = Reader::new(&bytes[8..]);
    let found = r.u16()?;
    if found != version {
        return Err(FormatError::Version {
            found,
            expected: version,
        });
    }
    let len = r.u32()? as usize;
    let crc = r.u32()?;
    let payload = r.take(len)?;
    if !r.is_empty() {
        return Err(FormatError::Corrupt("trailing bytes"));
    }
    if crc32fast::hash(payload) != crc {
        return Err(FormatError::Checksum);
    }
    Ok(payload)
}

pub fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A bounds-checked little-endian reader.
pub struct Reader<'a> {
    pub(crate) b: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(b: &'a [u8]) -> Self {
        Reader { b }
    }
    pub fn is_empty(&self) -> bool {
        self.b.is_empty()
    }
    pub fn remaining(&self) -> usize {
        self.b.len()
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        if self.b.len() < n {
            return Err(FormatError::Corrupt("unexpected end of data"));
        }
        let (a, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(a)
    }
    pub fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16, FormatError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    pub fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn f32(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn varint(&mut self) -> Result<u32, FormatError> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u32)
                .checked_shl(shift)
                .ok_or(FormatError::Corrupt("varint"))?;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(FormatError::Corrupt("varint too long"))
    }
}

/// Keys are already hashes: use them as they are.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spread the bits a little; hashbrown uses the top 7 bits as tags.
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by 32-bit feature hashes.
pub type IdMap<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// A sorted codebook of at most `k` levels for `values`, with 0 as an exact
/// level: equal-count quantile bins, refined by Lloyd's 1-D k-means.
pub fn codebook(values: &[i16], k: usize) -> Vec<i16> {
    let mut nz: Vec<i16> = values.iter().copied().filter(|&v| v != 0).collect();
    nz.sort_unstable();
    if nz.is_empty() {
        return vec![0];
    }
    let bins = (k - 1).min(nz.len());
    let mut levels: Vec<f64> = (0..bins)
        .map(|b| {
            let (lo, hi) = (
                b * nz.len() / bins,
                ((b + 1) * nz.len() / bins).max(b * nz.len() / bins + 1),
            );
            nz[lo..hi].iter().map(|&v| v as f64).sum::<f64>() / (hi - lo) as f64
        })
        .collect();
    for _ in 0..20 {
        levels.sort_by(f64::total_cmp);
        levels.dedup();
        let mut sums = vec![(0.0f64, 0usize); levels.len()];
        let mut j = 0;
        for &v in &nz {
            let v = v as f64;
            while j + 1 < levels.len() && (levels[j + 1] - v).abs() <= (levels[j] - v).abs() {
                j += 1;
            }
            sums[j].0 += v;
            sums[j].1 += 1;
        }
        levels = sums
            .iter()
            .zip(&levels)
            .map(|(&(s, n), &l)| if n > 0 { s / n as f64 } else { l })
            .collect();
    }
    let mut book: Vec<i16> = levels
        .iter()
        .map(|&l| l.round() as i16)
        .chain([0])
        .collect();
    book.sort_unstable();
    book.dedup();
    book
}

/// The codebook level nearest to `v`.
pub fn nearest(book: &[i16], v: i16) -> i16 {
    match book.binary_search(&v) {
        Ok(i) => book[i],
        Err(i) => {
            let lo = book[i.saturating_sub(1)];
            let hi = book[i.min(book.len() - 1)];
            if (v as i32 - lo as i32).abs() <= (hi as i32 - v as i32).abs() {
                lo
            } else {
                hi
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_round_trip_and_damage() {
        let c = container(b"NMKTEST\0", 3, b"hello");
        assert_eq!(
            open_container(&c, b"NMKTEST\0", 3, "test").unwrap(),
            b"hello"
        );
        assert_eq!(
            open_container(&c, b"NMKTEST\0", 4, "test"),
            Err(FormatError::Version {
                found: 3,
                expected: 4
            })
        );
        assert_eq!(
            open_container(b"short", b"NMKTEST\0", 3, "test"),
            Err(FormatError::BadMagic("test"))
        );
        let mut bad = c.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert_eq!(
            open_container(&bad, b"NMKTEST\0", 3, "test"),
            Err(FormatError::Checksum)
        );
    }

    #[test]
    fn varints_and_codebooks() {
        let mut out = Vec::new();
        for v in [0u32, 127, 128, 300, u32::MAX] {
            write_varint(&mut out, v);
        }
        let mut r = Reader::new(&out);
        for v in [0u32, 127, 128, 300, u32::MAX] {
            assert_eq!(r.varint().unwrap(), v);
        }
        let values: Vec<i16> = (-500..500).collect();
        let book = codebook(&values, 16);
        assert!(book.len() <= 16 && book.contains(&0));
        assert!(book.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(nearest(&book, 0), 0);
    }
}
