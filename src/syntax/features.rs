//! The features of the tagger, the parser and the labeller: hashed atoms of
//! words (forms, affixes, shapes), the parser state and the transitions.

use super::*;

pub(crate) const K1: u64 = 0x9E37_79B9_7F4A_7C15;
pub(crate) const K2: u64 = 0xBF58_476D_1CE4_E5B9;
pub(crate) const K3: u64 = 0x94D0_49BB_1331_11EB;

/// A feature key from a template id and up to three atoms.
#[inline]
pub(crate) fn fkey(t: u32, a: u64, b: u64, c: u64) -> u32 {
    let mut h = (t as u64 + 1).wrapping_mul(K1);
    h = (h ^ a).wrapping_mul(K2);
    h = (h ^ (h >> 29) ^ b).wrapping_mul(K3);
    h = (h ^ (h >> 32) ^ c).wrapping_mul(K1);
    (h >> 32) as u32
}

/// FNV-1a over a string's normalised, lower-cased characters.
pub(crate) fn hash_chars(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (chars.len() as u64).wrapping_mul(K2)
}

/// Folds spelling variants: curly quotes and apostrophes, dashes, digits.
pub(crate) fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' => '\'',
        '“' | '”' | '«' | '»' | '„' => '"',
        '—' | '–' | '―' | '‒' => '-',
        '0'..='9' => '0',
        _ => c,
    }
}

/// Per-token atoms, computed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    /// Normalised lower-case form.
    pub w: u64,
    /// Suffixes of 1-4 characters, prefix of 1 character (with case).
    pub sfx: [u64; 4],
    pub pfx: u64,
    /// Collapsed character shape (`Xx`, `d.d`, ...).
    pub shape: u64,
    /// The form as written (case kept).
    pub raw: u64,
    /// Coarse form class used to refine the tag (verb endings, plural).
    pub form: u8,
    /// 1 for a comma, 2 for a quotation mark, 0 otherwise.
    pub mark: u8,
}

pub(crate) fn tok_atoms(word: &str, buf: &mut Vec<char>) -> Tok {
    buf.clear();
    let mut shape: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = ' ';
    let mut shape_len = 0;
    let mut first = None;
    let mut raw: u64 = 0x6c62_272e_07bb_0142;
    for c in word.chars() {
        raw = (raw ^ c as u64).wrapping_mul(0x0100_0000_01b3);
        let n = norm_char(c);
        if first.is_none() {
            first = Some(n);
        }
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            n
        };
        if s != last && shape_len < 8 {
            shape ^= s as u64;
            shape = shape.wrapping_mul(0x0100_0000_01b3);
            shape_len += 1;
            last = s;
        }
        if n.is_uppercase() {
            buf.extend(n.to_lowercase());
        } else {
            buf.push(n);
        }
    }
    let len = buf.len();
    let mut sfx = [0u64; 4];
    for (k, s) in sfx.iter_mut().enumerate() {
        let k = (k + 1).min(len);
        *s = hash_chars(&buf[len - k..]) ^ K3;
    }
    let ends = |s: &str| {
        let n = s.chars().count();
        len > n + 1 && buf[len - n..].iter().copied().eq(s.chars())
    };
    let form = if ends("ing") {
        1
    } else if ends("ed") {
        2
    } else if ends("en") {
        3
    } else if ends("s") && !ends("ss") {
        4
    } else if ends("ly") {
        5
    } else {
        0
    };
    Tok {
        w: hash_chars(buf),
        sfx,
        pfx: first.map_or(0, |c| c as u64 + 1),
        shape,
        raw,
        form,
        mark: match buf.as_slice() {
            [','] => 1,
            ['"'] | ['\''] | ['\'', '\''] => 2,
            _ => 0,
        },
    }
}

/// Running counts of commas and quotation marks before each token (n + 1 entries).
pub(crate) fn mark_counts(toks: &[Tok], out: &mut Vec<[u16; 2]>) {
    out.clear();
    let mut c = [0u16; 2];
    out.push(c);
    for t in toks {
        if t.mark > 0 {
            c[t.mark as usize - 1] = c[t.mark as usize - 1].saturating_add(1);
        }
        out.push(c);
    }
}

/// Atom values for absent positions.
pub(crate) const NONE: u64 = 0x1234_5678;
pub(crate) const ROOT_ATOM: u64 = 0x8765_4321;
pub(crate) const N_REL: usize = 38;
pub(crate) const TAG_NONE: u64 = 1000;
pub(crate) const TAG_ROOT: u64 = 1001;
/// Most fine tags a model may have.
pub(crate) const MAX_TAGS: usize = 64;
pub(crate) const LABEL_NONE: u64 = 63;
pub(crate) const NO_TOKEN: u32 = u32::MAX;

/// The parts of the tagger's features that depend on one word alone: the
/// word itself, then the word one before, one after, two before and two
/// after the tagged token, as that neighbour. A word type's weights for each
/// part can be summed once and reused ([`super::TagScratch`]).
pub(crate) const WORD_PARTS: usize = 5;

/// The keys of part `part` (see [`WORD_PARTS`]) of word `t`, `None` for a
/// position outside the sentence (part 0 always has a word).
pub(crate) fn word_part_keys(t: Option<&Tok>, part: usize, out: &mut Vec<u32>) {
    let w = t.map_or(NONE, |x| x.w);
    let s3 = t.map_or(NONE, |x| x.sfx[2]);
    match (part, t) {
        (0, Some(t)) => out.extend([
            fkey(0, 0, 0, 0),
            fkey(1, t.w, 0, 0),
            fkey(2, t.sfx[0], 0, 0),
            fkey(3, t.sfx[1], 0, 0),
            fkey(4, t.sfx[2], 0, 0),
            fkey(5, t.sfx[3], 0, 0),
            fkey(6, t.pfx, 0, 0),
            fkey(7, t.shape, 0, 0),
            fkey(22, t.raw, 0, 0),
        ]),
        (1, _) => out.extend([fkey(8, w, 0, 0), fkey(15, s3, 0, 0)]),
        (2, _) => out.extend([
            fkey(9, w, 0, 0),
            fkey(16, s3, 0, 0),
            fkey(24, t.map_or(NONE, |x| x.sfx[1]), 0, 0),
        ]),
        (3, _) => out.push(fkey(10, w, 0, 0)),
        (4, _) => out.push(fkey(11, w, 0, 0)),
        _ => {}
    }
}

/// Where part `part` sits relative to the tagged token.
pub(crate) const PART_OFFSET: [isize; WORD_PARTS] = [0, -1, 1, -2, 2];

/// The tagger's features for token `i` that depend on its context (the two
/// previous tags, or two words together).
pub(crate) fn context_keys(toks: &[Tok], i: usize, t1: u64, t2: u64, out: &mut Vec<u32>) {
    let at = |j: isize| -> Option<&Tok> {
        if j < 0 {
            None
        } else {
            toks.get(j as usize)
        }
    };
    let i_ = i as isize;
    let t = &toks[i];
    let w = |j: isize| at(j).map_or(NONE, |x| x.w);
    let shape = |j: isize| at(j).map_or(NONE, |x| x.shape);
    out.extend([
        fkey(12, t1, 0, 0),
        fkey(13, t1, t2, 0),
        fkey(14, t1, t.w, 0),
        fkey(17, shape(i_ - 1), t.shape, 0),
        fkey(18, (i == 0) as u64, t.shape, 0),
        fkey(19, t.w, w(i_ + 1), 0),
        fkey(20, t1, t.sfx[2], 0),
        fkey(21, t.w, w(i_ - 1), 0),
        fkey(23, t1, w(i_ + 1), 0),
        fkey(25, shape(i_ + 1), t.shape, 0),
        fkey(26, w(i_ - 1), w(i_ + 1), 0),
    ]);
}

/// Tagger features for token `i`, given the two previous tags: every word
/// part, then the context (what training sees; tagging sums the word parts
/// once per word type, see [`super::TagScratch`]).
#[cfg(any(feature = "cli", all(test, not(target_arch = "wasm32"))))]
pub(crate) fn tag_features(toks: &[Tok], i: usize, t1: u64, t2: u64, out: &mut Vec<u32>) {
    out.clear();
    for (part, &d) in PART_OFFSET.iter().enumerate() {
        let j = i as isize + d;
        let t = if j < 0 { None } else { toks.get(j as usize) };
        word_part_keys(t, part, out);
    }
    context_keys(toks, i, t1, t2, out);
}

/// The parser's state: arc-hybrid with the root at the end of the buffer.
#[derive(Debug, Default, Clone)]
pub(crate) struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// Front of the buffer; `n` is the root.
    pub b: usize,
    pub heads: Vec<u32>,
    pub rels: Vec<u8>,
    /// Per token (and the root at `n`): two leftmost and two rightmost children.
    pub l1: Vec<u32>,
    pub l2: Vec<u32>,
    pub r1: Vec<u32>,
    pub r2: Vec<u32>,
    pub vl: Vec<u8>,
    pub vr: Vec<u8>,
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
    /// Word of the leftmost `case`/`mark` child.
    pub marker: Vec<u64>,
}

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;

impl State {
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        let m = n + 1;
        for v in [
            &mut self.heads,
            &mut self.l1,
            &mut self.l2,
            &mut self.r1,
            &mut self.r2,
        ] {
            v.clear();
            v.resize(m, NO_TOKEN);
        }
        self.rels.clear();
        self.rels.resize(m, 0);
        for v in [&mut self.vl, &mut self.vr] {
            v.clear();
            v.resize(m, 0);
        }
        for v in [&mut self.lset, &mut self.rset, &mut self.marker] {
            v.clear();
            v.resize(m, 0);
        }
    }

    pub fn is_final(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    pub fn valid(&self, t: usize) -> bool {
        match t {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    /// The arc a move makes: (head, dependent), the head `n` being the root.
    pub fn arc(&self, t: usize) -> Option<(usize, usize)> {
        let s0 = *self.stack.last()? as usize;
        match t {
            LEFT => Some((self.b, s0)),
            RIGHT => Some((self.stack[self.stack.len() - 2] as usize, s0)),
            _ => None,
        }
    }

    /// Applies a move; returns the arc it made.
    pub fn apply(&mut self, t: usize) -> Option<(usize, usize)> {
        if t == SHIFT {
            self.stack.push(self.b as u32);
            self.b += 1;
            return None;
        }
        let (h, d) = self.arc(t)?;
        self.stack.pop();
        self.heads[d] = h as u32;
        if d < h {
            self.l2[h] = self.l1[h];
            self.l1[h] = d as u32;
            self.vl[h] = self.vl[h].saturating_add(1);
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d as u32;
            self.vr[h] = self.vr[h].saturating_add(1);
        }
        Some((h, d))
    }

    /// Records the label of the arc (h, d).
    pub fn set_label(&mut self, h: usize, d: usize, rel: u8, toks: &[Tok]) {
        self.rels[d] = rel;
        if d < h {
            self.lset[h] |= 1 << rel;
        } else {
            self.rset[h] |= 1 << rel;
        }
        if (rel == Rel::Case as u8 || rel == Rel::Mark as u8) && (d < h || self.marker[h] == 0) {
            self.marker[h] = toks[d].w;
        }
    }
}

/// Per-token atoms the parser sees: word, tag, refined tag.
pub(crate) struct Ctx<'a> {
    pub toks: &'a [Tok],
    pub tags: &'a [u8],
    /// [`mark_counts`] of the sentence.
    pub marks: &'a [[u16; 2]],
}

impl Ctx<'_> {
    /// Commas and quotation marks strictly between tokens `a < b` (each 0, 1 or 2+).
    fn between(&self, a: u32, b: u32) -> u64 {
        if a == NO_TOKEN || b == NO_TOKEN {
            return 99;
        }
        let (a, b) = (a as usize, (b as usize).min(self.marks.len() - 1));
        if a + 1 >= b {
            return 0;
        }
        let (x, y) = (self.marks[b], self.marks[a + 1]);
        let commas = (x[0] - y[0]).min(2) as u64;
        let quotes = (x[1] - y[1]).min(2) as u64;
        commas * 3 + quotes
    }
}

impl Ctx<'_> {
    #[inline]
    fn w(&self, st: &State, i: u32) -> u64 {
        if i == NO_TOKEN {
            NONE
        } else if i as usize == st.n {
            ROOT_ATOM
        } else {
            self.toks[i as usize].w
        }
    }
    #[inline]
    fn p(&self, st: &State, i: u32) -> u64 {
        if i == NO_TOKEN {
            TAG_NONE
        } else if i as usize == st.n {
            TAG_ROOT
        } else {
            self.tags[i as usize] as u64
        }
    }
    /// The tag refined by the word's ending (verb forms, plurals).
    #[inline]
    fn f(&self, st: &State, i: u32) -> u64 {
        let p = self.p(st, i);
        if p < MAX_TAGS as u64 {
            let form = self.toks[i as usize].form as u64;
            p * 8 + form + 32
        } else {
            p
        }
    }
    #[inline]
    fn l(&self, st: &State, i: u32) -> u64 {
        if i == NO_TOKEN || i as usize >= st.n {
            LABEL_NONE
        } else {
            st.rels[i as usize] as u64
        }
    }
}

#[inline]
pub(crate) fn child(v: &[u32], i: u32) -> u32 {
    if i == NO_TOKEN {
        NO_TOKEN
    } else {
        v[i as usize]
    }
}

pub(crate) fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

pub(crate) fn dist_s1b0(st: &State, s1: u32, b0: u32) -> u64 {
    if s1 == NO_TOKEN || b0 == NO_TOKEN {
        NONE
    } else if b0 as usize == st.n {
        8
    } else {
        dist_bucket(b0 as usize - s1 as usize)
    }
}

/// Features of a parser state.
pub(crate) fn trans_features(c: &Ctx, st: &State, out: &mut Vec<u32>) {
    out.clear();
    let sl = st.stack.len();
    let s0 = if sl > 0 { st.stack[sl - 1] } else { NO_TOKEN };
    let s1 = if sl > 1 { st.stack[sl - 2] } else { NO_TOKEN };
    let s2 = if sl > 2 { st.stack[sl - 3] } else { NO_TOKEN };
    let b0 = if st.b <= st.n { st.b as u32 } else { NO_TOKEN };
    let b1 = if st.b < st.n {
        st.b as u32 + 1
    } else {
        NO_TOKEN
    };
    let b2 = if st.b + 1 < st.n {
        st.b as u32 + 2
    } else {
        NO_TOKEN
    };

    let (s0w, s0p, s0f) = (c.w(st, s0), c.p(st, s0), c.f(st, s0));
    let (s1w, s1p, s1f) = (c.w(st, s1), c.p(st, s1), c.f(st, s1));
    let (b0w, b0p, b0f) = (c.w(st, b0), c.p(st, b0), c.f(st, b0));
    let (b1w, b1p) = (c.w(st, b1), c.p(st, b1));
    let b2p = c.p(st, b2);
    let s2p = c.p(st, s2);

    let s0l1 = child(&st.l1, s0);
    let s0l2 = child(&st.l2, s0);
    let s0r1 = child(&st.r1, s0);
    let s0r2 = child(&st.r2, s0);
    let s1r1 = child(&st.r1, s1);
    let s1r2 = child(&st.r2, s1);
    let s1l1 = child(&st.l1, s1);
    let b0l1 = child(&st.l1, b0);
    let b0l2 = child(&st.l2, b0);

    let d = if s0 == NO_TOKEN || b0 == NO_TOKEN {
        NONE
    } else if b0 as usize == st.n {
        8
    } else {
        dist_bucket(b0 as usize - s0 as usize)
    };
    let d1 = if s1 == NO_TOKEN {
        NONE
    } else {
        dist_bucket(s0 as usize - s1 as usize)
    };
    let val = |v: &[u8], i: u32| {
        if i == NO_TOKEN {
            9
        } else {
            v[i as usize].min(4) as u64
        }
    };
    let set = |v: &[u64], i: u32| {
        if i == NO_TOKEN {
            1 << 63
        } else {
            v[i as usize]
        }
    };
    let s0vl = val(&st.vl, s0);
    let s0vr = val(&st.vr, s0);
    let b0vl = val(&st.vl, b0);
    let s1vr = val(&st.vr, s1);
    let s0wp = s0w ^ (s0p << 56);
    let s1wp = s1w ^ (s1p << 56);
    let b0wp = b0w ^ (b0p << 56);
    let b1wp = b1w ^ (b1p << 56);

    let mut t = 100u32;
    let mut f = |a: u64, b: u64, cc: u64| {
        out.push(fkey(t, a, b, cc));
        t += 1;
    };
    // Single positions.
    f(s0w, 0, 0);
    f(s0p, 0, 0);
    f(s0wp, 0, 0);
    f(s1w, 0, 0);
    f(s1p, 0, 0);
    f(s1wp, 0, 0);
    f(b0w, 0, 0);
    f(b0p, 0, 0);
    f(b0wp, 0, 0);
    f(b1w, 0, 0);
    f(b1p, 0, 0);
    f(b1wp, 0, 0);
    f(b2p, 0, 0);
    f(s2p, 0, 0);
    f(s0f, 0, 0);
    f(b0f, 0, 0);
    // Pairs.
    f(s0wp, b0wp, 0);
    f(s0wp, b0w, 0);
    f(s0w, b0wp, 0);
    f(s0wp, b0p, 0);
    f(s0p, b0wp, 0);
    f(s0w, b0w, 0);
    f(s0p, b0p, 0);
    f(s0f, b0f, 0);
    f(s1w, s0w, 0);
    f(s1p, s0p, 0);
    f(s1wp, s0p, 0);
    f(s1p, s0wp, 0);
    f(s1f, s0f, 0);
    f(b0p, b1p, 0);
    f(b0w, b1p, 0);
    f(b0p, b1w, 0);
    // Triples.
    f(b0p, b1p, b2p);
    f(s0p, b0p, b1p);
    f(s1p, s0p, b0p);
    f(s2p, s1p, s0p);
    f(s1f, s0f, b0f);
    f(s0p, c.p(st, s0l1), b0p);
    f(s0p, c.p(st, s0r1), b0p);
    f(s0p, b0p, c.p(st, b0l1));
    f(s1p, s0p, c.p(st, s0l1));
    f(s1p, s0p, c.p(st, s0r1));
    f(s1p, c.p(st, s1r1), s0p);
    // Distance.
    f(s0w, d, 0);
    f(s0p, d, 0);
    f(b0w, d, 0);
    f(b0p, d, 0);
    f(s0w, b0w, d);
    f(s0p, b0p, d);
    f(s1p, s0p, d1);
    f(s1w, s0w, d1);
    // Valency.
    f(s0w, s0vr, 0);
    f(s0p, s0vr, 0);
    f(s0w, s0vl, 0);
    f(s0p, s0vl, 0);
    f(b0w, b0vl, 0);
    f(b0p, b0vl, 0);
    f(s1p, s1vr, 0);
    f(s1w, s1vr, 0);
    // Children.
    f(c.w(st, s0l1), 0, 0);
    f(c.p(st, s0l1), 0, 0);
    f(c.l(st, s0l1), 0, 0);
    f(c.w(st, s0r1), 0, 0);
    f(c.p(st, s0r1), 0, 0);
    f(c.l(st, s0r1), 0, 0);
    f(c.w(st, s1r1), 0, 0);
    f(c.p(st, s1r1), 0, 0);
    f(c.l(st, s1r1), 0, 0);
    f(c.w(st, b0l1), 0, 0);
    f(c.p(st, b0l1), 0, 0);
    f(c.l(st, b0l1), 0, 0);
    f(c.p(st, s0l2), c.l(st, s0l2), 0);
    f(c.p(st, s0r2), c.l(st, s0r2), 0);
    f(c.p(st, b0l2), c.l(st, b0l2), 0);
    f(c.p(st, s1l1), c.l(st, s1l1), 0);
    f(s0p, c.p(st, s0l1), c.p(st, s0l2));
    f(s0p, c.p(st, s0r1), c.p(st, s0r2));
    f(b0p, c.p(st, b0l1), c.p(st, b0l2));
    f(s1p, c.p(st, s1r1), c.p(st, s1r2));
    // Label sets.
    f(s0w, set(&st.lset, s0), 0);
    f(s0p, set(&st.lset, s0), 0);
    f(s0p, set(&st.rset, s0), 0);
    f(b0w, set(&st.lset, b0), 0);
    f(b0p, set(&st.lset, b0), 0);
    f(s1p, set(&st.rset, s1), 0);
    f(s1p, set(&st.lset, s1), s0p);
    // Function words that decide attachment.
    f(b0w, s0p, s1p);
    f(s0w, b0p, b1p);
    f(s0p, b0w, b1w);
    f(s0f, set(&st.lset, s0), b0f);
    // Commas and quotation marks in between.
    let m01 = c.between(s0, b0);
    let m10 = c.between(s1, s0);
    f(s0p, b0p, m01);
    f(s1p, s0p, m10);
    f(s0w, b0p, m01);
    f(s1p, b0p, c.between(s1, b0));
    // The second item on the stack against the buffer: does b0 go to s1 or s0?
    f(s1wp, b0p, 0);
    f(s1p, b0wp, 0);
    f(s1w, b0w, 0);
    f(s1p, b0p, dist_s1b0(st, s1, b0));
    f(s1f, b0f, s0p);
    f(c.w(st, s0l2), c.w(st, s0r2), s0p);
    f(c.w(st, b0l2), b0p, 0);
    f(
        if s0 == NO_TOKEN || s0 as usize >= st.n {
            NONE
        } else {
            st.marker[s0 as usize]
        },
        s0p,
        b0p,
    );
}

/// Features of the arc `h -> d` for the labeller (`d` is complete).
pub(crate) fn label_features(c: &Ctx, st: &State, h: usize, d: usize, out: &mut Vec<u32>) {
    out.clear();
    let (hi, di) = (h as u32, d as u32);
    let (dw, dp, df) = (c.w(st, di), c.p(st, di), c.f(st, di));
    let (hw, hp, hf) = (c.w(st, hi), c.p(st, hi), c.f(st, hi));
    let dir = (d < h) as u64;
    let dist = dist_bucket(d.abs_diff(h));
    let dl1 = st.l1[d];
    let dr1 = st.r1[d];
    let dls = st.lset[d];
    let drs = st.rset[d];
    let hls = st.lset[h];
    let hrs = st.rset[h];
    let mk = st.marker[d];
    let prev = |i: u32| if i == 0 { NO_TOKEN } else { i - 1 };
    let next = |i: u32| {
        if (i as usize) + 1 >= st.n {
            NO_TOKEN
        } else {
            i + 1
        }
    };
    let mut t = 300u32;
    let mut f = |a: u64, b: u64, cc: u64| {
        out.push(fkey(t, a, b, cc));
        t += 1;
    };
    f(0, 0, 0);
    f(dw, 0, 0);
    f(dp, 0, 0);
    f(df, 0, 0);
    f(hw, 0, 0);
    f(hp, 0, 0);
    f(dp, hp, dir);
    f(dp, hp, dir ^ (dist << 1));
    f(df, hf, dir);
    f(dw, hp, dir);
    f(dp, hw, dir);
    f(dw, hw, dir);
    f(dp, c.w(st, dl1), c.l(st, dl1));
    f(dp, c.p(st, dl1), c.l(st, dl1));
    f(dp, c.p(st, dr1), c.l(st, dr1));
    f(dp, dls, dir);
    f(dp, drs, dir);
    f(dp, dls, hp ^ (dir << 8));
    f(dp, hls, dir);
    f(dp, hrs, dir);
    f(dp, hls | (hrs << 1), hp ^ (dir << 8));
    f(mk, dp, hp ^ (dir << 8));
    f(mk, hw, dir);
    f(mk, df, 0);
    f(dp, c.p(st, prev(di)), c.p(st, next(di)));
    f(hp, c.p(st, prev(hi)), c.p(st, next(hi)));
    f(dw, c.w(st, prev(di)), 0);
    f(hf, dls, dir);
    f(dp, c.w(st, prev(di)), hp);
}
