//! The parser's file format.
//!
//! # File format (version 1, little-endian)
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `NMKSYNTX` |
//! | 2 | format version |
//! | 4 | payload length |
//! | 4 | CRC-32 of the payload |
//! | … | payload |
//!
//! The payload: the UPOS and relation counts (u8 each, checked against this
//! build), the info string (varint length, UTF-8), the tag set (count, then
//! per tag its UPOS index and its treebank tag as a varint-prefixed string),
//! then three linear models, the tagger, the transition scorer and the
//! labeller. Each is: class count (u8), key width in bits (u8), row count
//! (u32), codebook length (u16) and levels (i16, one of them 0), the sorted
//! row keys as LEB128 deltas, one bit mask per row of the classes whose
//! weight is not zero (`ceil(classes / 8)` bytes), and the codes of those
//! weights, row by row: one byte each, or two to a byte (low nibble first)
//! when the codebook has at most 16 levels. Most weights are zero, so the masks save most
//! of the space.

use super::{FineTag, Linear, Parser, PosTagger, Upos, MAX_TAGS, N_REL};
use crate::binfmt::{container, open_container, write_varint, FormatError, Reader};

pub const MAGIC: &[u8; 8] = b"NMKSYNTX";
pub const FORMAT_VERSION: u16 = 1;
/// Magic bytes of a part-of-speech tagger file ([`PosTagger`]).
pub const POS_MAGIC: &[u8; 8] = b"NMKUPOS\0";
/// The tagger file's format version.
pub const POS_FORMAT_VERSION: u16 = 1;

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum SyntaxError {
    #[error("syntax model file: {0}")]
    Format(#[from] FormatError),
    #[error("syntax model file: {0}")]
    Invalid(&'static str),
}

fn write_linear(out: &mut Vec<u8>, m: &Linear) {
    out.push(m.nclass as u8);
    out.push(m.bits as u8);
    out.extend_from_slice(&(m.keys.len() as u32).to_le_bytes());
    out.extend_from_slice(&(m.book.len() as u16).to_le_bytes());
    for &l in &m.book {
        out.extend_from_slice(&l.to_le_bytes());
    }
    let mut prev = 0u32;
    for (i, &k) in m.keys.iter().enumerate() {
        write_varint(out, if i == 0 { k } else { k - prev });
        prev = k;
    }
    let zero = m.book.binary_search(&0).unwrap_or(0) as u8;
    let mb = m.nclass.div_ceil(8);
    let mut nonzero = Vec::new();
    for row in m.codes.chunks(m.nclass) {
        let mut mask = [0u8; 8];
        for (c, &code) in row.iter().enumerate() {
            if code != zero {
                mask[c / 8] |= 1 << (c % 8);
                nonzero.push(code);
            }
        }
        out.extend_from_slice(&mask[..mb]);
    }
    if m.book.len() <= 16 {
        for pair in nonzero.chunks(2) {
            out.push(pair[0] | pair.get(1).map_or(0, |&b| b << 4));
        }
    } else {
        out.extend_from_slice(&nonzero);
    }
}

fn read_linear(r: &mut Reader, nclass: usize) -> Result<Linear, SyntaxError> {
    if r.u8()? as usize != nclass {
        return Err(SyntaxError::Invalid(
            "class count does not match this build",
        ));
    }
    let bits = r.u8()? as u32;
    if !(8..=32).contains(&bits) {
        return Err(SyntaxError::Invalid("bad key width"));
    }
    let rows = r.u32()? as usize;
    // Every row takes at least one key byte and its mask.
    if rows.saturating_mul(nclass.div_ceil(8) + 1) > r.remaining() {
        return Err(FormatError::Corrupt("row count beyond the data").into());
    }
    let blen = r.u16()? as usize;
    if blen == 0 || blen > 256 {
        return Err(SyntaxError::Invalid("bad codebook length"));
    }
    let mut book = Vec::with_capacity(blen);
    for _ in 0..blen {
        book.push(r.u16()? as i16);
    }
    let mut keys = Vec::with_capacity(rows);
    let mut prev: u32 = 0;
    for i in 0..rows {
        let d = r.varint()?;
        if i > 0 && d == 0 {
            return Err(SyntaxError::Invalid("keys not strictly increasing"));
        }
        let k = prev
            .checked_add(d)
            .ok_or(SyntaxError::Invalid("key overflow"))?;
        if bits < 32 && k >= 1 << bits || k == u32::MAX {
            return Err(SyntaxError::Invalid("key wider than its width"));
        }
        keys.push(k);
        prev = k;
    }
    let zero = book
        .iter()
        .position(|&l| l == 0)
        .ok_or(SyntaxError::Invalid("codebook without 0"))? as u8;
    let mb = nclass.div_ceil(8);
    let masks = r.take(
        rows.checked_mul(mb)
            .ok_or(FormatError::Corrupt("row count"))?,
    )?;
    let mut codes = vec![zero; rows * nclass];
    let nibbles = blen <= 16;
    let mut half: Option<u8> = None;
    for (row, mask) in masks.chunks(mb).enumerate() {
        for c in 0..nclass {
            if mask[c / 8] >> (c % 8) & 1 == 1 {
                let code = if !nibbles {
                    r.u8()?
                } else if let Some(h) = half.take() {
                    h
                } else {
                    let b = r.u8()?;
                    half = Some(b >> 4);
                    b & 15
                };
                if code as usize >= blen {
                    return Err(SyntaxError::Invalid("code beyond the codebook"));
                }
                codes[row * nclass + c] = code;
            }
        }
        if nclass % 8 != 0 && mask[mb - 1] >> (nclass % 8) != 0 {
            return Err(SyntaxError::Invalid("mask bit beyond the classes"));
        }
    }
    Ok(Linear::new(nclass, bits, keys, book, codes))
}

fn write_string(out: &mut Vec<u8>, s: &str) {
    write_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn read_string(r: &mut Reader) -> Result<String, SyntaxError> {
    let len = r.varint()? as usize;
    Ok(std::str::from_utf8(r.take(len)?)
        .map_err(|_| SyntaxError::Invalid("string is not UTF-8"))?
        .to_string())
}

fn write_tagset(out: &mut Vec<u8>, tagset: &[FineTag]) {
    out.push(tagset.len() as u8);
    for t in tagset {
        out.push(t.upos.index() as u8);
        write_string(out, &t.xpos);
    }
}

fn read_tagset(r: &mut Reader) -> Result<Vec<FineTag>, SyntaxError> {
    let ntags = r.u8()? as usize;
    if ntags == 0 || ntags > MAX_TAGS {
        return Err(SyntaxError::Invalid("bad tag count"));
    }
    let mut tagset = Vec::with_capacity(ntags);
    for _ in 0..ntags {
        let upos = Upos::from_index(r.u8()? as usize).ok_or(SyntaxError::Invalid("bad UPOS"))?;
        tagset.push(FineTag {
            upos,
            xpos: read_string(r)?,
        });
    }
    Ok(tagset)
}

impl PosTagger {
    /// Reads a tagger file; a damaged or foreign file is an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<PosTagger, SyntaxError> {
        let payload = open_container(
            bytes,
            POS_MAGIC,
            POS_FORMAT_VERSION,
            "part-of-speech tagger",
        )?;
        let mut r = Reader::new(payload);
        if r.u8()? as usize != Upos::ALL.len() {
            return Err(SyntaxError::Invalid("tag set does not match this build"));
        }
        let info = read_string(&mut r)?;
        let tagset = read_tagset(&mut r)?;
        let tagger = read_linear(&mut r, tagset.len())?;
        if !r.is_empty() {
            return Err(FormatError::Corrupt("trailing bytes").into());
        }
        Ok(PosTagger {
            tagset,
            tagger,
            info,
            // The container's checksum of the payload (magic, version and
            // length come before it), checked above.
            crc: u32::from_le_bytes([bytes[14], bytes[15], bytes[16], bytes[17]]),
        })
    }

    /// A tagger from its parts.
    pub(crate) fn new(tagset: Vec<FineTag>, tagger: Linear, info: String) -> PosTagger {
        let mut t = PosTagger {
            tagset,
            tagger,
            info,
            crc: 0,
        };
        t.crc = crc32fast::hash(&t.payload());
        t
    }

    /// The CRC-32 of its file's payload, as the file's header holds it: a
    /// model whose features read this tagger's tags records it.
    pub fn checksum(&self) -> u32 {
        self.crc
    }

    fn payload(&self) -> Vec<u8> {
        let mut p = vec![Upos::ALL.len() as u8];
        write_string(&mut p, &self.info);
        write_tagset(&mut p, &self.tagset);
        write_linear(&mut p, &self.tagger);
        p
    }

    /// Writes the tagger file.
    pub fn to_bytes(&self) -> Vec<u8> {
        container(POS_MAGIC, POS_FORMAT_VERSION, &self.payload())
    }
}

impl Parser {
    /// Reads a model file; a damaged or foreign file is an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, SyntaxError> {
        let payload = open_container(bytes, MAGIC, FORMAT_VERSION, "parser")?;
        let mut r = Reader::new(payload);
        if r.u8()? as usize != Upos::ALL.len() || r.u8()? as usize != N_REL {
            return Err(SyntaxError::Invalid(
                "tag or relation set does not match this build",
            ));
        }
        let info = read_string(&mut r)?;
        let tagset = read_tagset(&mut r)?;
        let tagger = read_linear(&mut r, tagset.len())?;
        let trans = read_linear(&mut r, 3)?;
        let labeler = read_linear(&mut r, N_REL)?;
        if !r.is_empty() {
            return Err(FormatError::Corrupt("trailing bytes").into());
        }
        Ok(Parser {
            tagset,
            tagger,
            trans,
            labeler,
            info,
        })
    }

    /// Writes the model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = vec![Upos::ALL.len() as u8, N_REL as u8];
        write_string(&mut p, &self.info);
        write_tagset(&mut p, &self.tagset);
        write_linear(&mut p, &self.tagger);
        write_linear(&mut p, &self.trans);
        write_linear(&mut p, &self.labeler);
        container(MAGIC, FORMAT_VERSION, &p)
    }

    /// The stored bytes of the tagger, transition and labeller models (for
    /// size reports).
    pub fn part_bytes(&self) -> [Vec<u8>; 3] {
        [&self.tagger, &self.trans, &self.labeler].map(|m| {
            let mut v = Vec::new();
            write_linear(&mut v, m);
            v
        })
    }

    /// Rows (kept features) of the tagger, transition and labeller models.
    pub fn sizes(&self) -> [usize; 3] {
        [self.tagger.rows(), self.trans.rows(), self.labeler.rows()]
    }
}
