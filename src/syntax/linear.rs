//! The linear models: hashed feature rows of 8-bit weight codes, looked up in
//! blocks with prefetching.

use super::*;

/// Features looked up together (see [`Linear::score`]).
pub(crate) const BLOCK: usize = 32;

/// A hint that `x` will be read soon (x86-64 only; elsewhere nothing).
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is only a hint; it never faults, even on a bad address,
    // and this one is a valid reference.
    unsafe {
        core::arch::x86_64::_mm_prefetch(
            x as *const T as *const i8,
            core::arch::x86_64::_MM_HINT_T0,
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// A linear model over hashed features: an open-addressing table from
/// feature key to a row of class weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Linear {
    pub nclass: usize,
    /// Keys are folded to this many bits.
    pub bits: u32,
    /// Sorted folded keys, one per row (what the file stores).
    pub keys: Vec<u32>,
    /// Codebook levels and one code per (row, class), row-major.
    pub book: Vec<i16>,
    pub codes: Vec<u8>,
    /// Dequantised weights, row-major.
    weights: Vec<i16>,
    /// (key + 1, row) pairs; key 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    /// For three classes with class 0 always zero (the transition model):
    /// (key + 1, weights of classes 1 and 2) in one slot, one memory access
    /// per feature instead of two.
    packed: Vec<(u32, [i16; 2])>,
    shift: u32,
    /// Which construction this is (see [`Ident`]).
    pub ident: Ident,
}

/// A process-unique number given to each [`Linear`] as it is built (a clone
/// keeps it, as it keeps the weights): a cache of sums of a model's weights
/// records it, and is refilled when it meets another model. It takes no part
/// in comparisons: two models with the same weights are equal.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ident(pub u32);

impl PartialEq for Ident {
    fn eq(&self, _: &Ident) -> bool {
        true
    }
}

static NEXT_IDENT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

impl Linear {
    pub fn new(nclass: usize, bits: u32, keys: Vec<u32>, book: Vec<i16>, codes: Vec<u8>) -> Self {
        let weights: Vec<i16> = codes.iter().map(|&c| book[c as usize]).collect();
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let shift = 64 - cap.trailing_zeros();
        let pack = nclass == 3 && weights.chunks(3).all(|r| r[0] == 0);
        let mut slots = vec![(0u32, 0u32); if pack { 0 } else { cap }];
        let mut packed = vec![(0u32, [0i16; 2]); if pack { cap } else { 0 }];
        for (row, &k) in keys.iter().enumerate() {
            let mut i = Self::slot(k, shift);
            if pack {
                while packed[i].0 != 0 {
                    i = (i + 1) & (cap - 1);
                }
                packed[i] = (k + 1, [weights[row * 3 + 1], weights[row * 3 + 2]]);
            } else {
                while slots[i].0 != 0 {
                    i = (i + 1) & (cap - 1);
                }
                slots[i] = (k + 1, row as u32);
            }
        }
        Linear {
            nclass,
            bits,
            keys,
            book,
            codes,
            weights: if pack { Vec::new() } else { weights },
            slots,
            packed,
            shift,
            ident: Ident(NEXT_IDENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)),
        }
    }

    #[inline]
    fn slot(k: u32, shift: u32) -> usize {
        ((k as u64 ^ 0x5bd1_e995).wrapping_mul(K1) >> shift) as usize
    }

    #[inline]
    pub fn fold(&self, key: u32) -> u32 {
        if self.bits >= 32 {
            key.min(u32::MAX - 1)
        } else {
            key & ((1 << self.bits) - 1)
        }
    }

    /// The sum of the rows of `keys`, into `scores` (length `nclass`).
    #[inline]
    pub fn score(&self, keys: &[u32], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        self.add(keys, scores);
    }

    /// Adds the rows of `keys` to `scores` (length `nclass`).
    ///
    /// Keys are looked up a block at a time: first every slot is computed
    /// and prefetched, then probed, so the memory accesses overlap.
    #[inline]
    pub fn add(&self, keys: &[u32], scores: &mut [i32]) {
        let mut idx = [0usize; BLOCK];
        if !self.packed.is_empty() {
            let mask = self.packed.len() - 1;
            let (mut a, mut b) = (0i32, 0i32);
            for chunk in keys.chunks(BLOCK) {
                for (j, &key) in chunk.iter().enumerate() {
                    let i = Self::slot(self.fold(key), self.shift);
                    idx[j] = i;
                    prefetch(&self.packed[i]);
                }
                for (j, &key) in chunk.iter().enumerate() {
                    let k = self.fold(key) + 1;
                    let mut i = idx[j];
                    loop {
                        let (sk, w) = self.packed[i];
                        if sk == k {
                            a += w[0] as i32;
                            b += w[1] as i32;
                            break;
                        }
                        if sk == 0 {
                            break;
                        }
                        i = (i + 1) & mask;
                    }
                }
            }
            scores[1] += a;
            scores[2] += b;
            return;
        }
        let mask = self.slots.len() - 1;
        let mut rows = [0u32; BLOCK];
        for chunk in keys.chunks(BLOCK) {
            for (j, &key) in chunk.iter().enumerate() {
                let i = Self::slot(self.fold(key), self.shift);
                idx[j] = i;
                prefetch(&self.slots[i]);
            }
            let mut found = 0;
            for (j, &key) in chunk.iter().enumerate() {
                let k = self.fold(key) + 1;
                let mut i = idx[j];
                loop {
                    let (sk, row) = self.slots[i];
                    if sk == k {
                        rows[found] = row;
                        found += 1;
                        prefetch(&self.weights[row as usize * self.nclass]);
                        break;
                    }
                    if sk == 0 {
                        break;
                    }
                    i = (i + 1) & mask;
                }
            }
            for &r in &rows[..found] {
                let r = r as usize;
                let w = &self.weights[r * self.nclass..(r + 1) * self.nclass];
                for (s, &x) in scores.iter_mut().zip(w) {
                    *s += x as i32;
                }
            }
        }
    }

    pub fn rows(&self) -> usize {
        self.keys.len()
    }
}
