//! FNV-1a, 64-bit: the one hash every model file's feature keys are made of.
//! Stable across platforms and versions, since the model files store its
//! values: changing it means retraining every model.

/// The FNV-1a offset basis: the hash of no bytes.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The FNV-1a prime.
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// `h` continued over one more byte.
#[inline]
pub fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

/// `h` continued over `bytes`.
#[inline]
pub fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &b| fnv_byte(h, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_values() {
        // Test vectors of the FNV reference (Fowler, Noll, Vo).
        assert_eq!(fnv(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
        // Continuing is the same as hashing the whole.
        assert_eq!(
            fnv(fnv(FNV_OFFSET, b"foo"), b"bar"),
            fnv(FNV_OFFSET, b"foobar")
        );
    }
}
