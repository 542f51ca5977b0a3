//! A cheap "could a pattern start here?" test for the phrase and name
//! scanners.
//!
//! Both scanners only accept matches that start on a word boundary, and very
//! few word starts begin any pattern. Walking an automaton from every
//! candidate costs a few cache misses each (the automata are megabytes), so
//! each candidate is first checked against a bit set of hashed pattern
//! prefixes (the first 4 bytes, or the whole pattern when shorter). A clear
//! bit proves that no pattern starts there; a set bit may be a collision,
//! and the automaton decides.

/// Longest prefix hashed, in bytes.
const PREFIX: usize = 4;

/// A bit set of hashed pattern prefixes.
#[derive(Debug, Clone)]
pub struct PrefixFilter {
    bits: Vec<u64>,
    shift: u32,
    /// `lengths[l]`: some pattern is hashed on its first `l` bytes.
    lengths: [bool; PREFIX + 1],
    /// Compare ASCII letters case-insensitively.
    fold: bool,
}

impl PrefixFilter {
    /// A filter over `patterns`, with `2^log2_bits` bits; `fold` makes ASCII
    /// letters match either case.
    pub fn new<'a>(
        patterns: impl IntoIterator<Item = &'a [u8]>,
        log2_bits: u32,
        fold: bool,
    ) -> PrefixFilter {
        let mut f = PrefixFilter {
            bits: vec![0; (1usize << log2_bits).div_ceil(64)],
            shift: 64 - log2_bits,
            lengths: [false; PREFIX + 1],
            fold,
        };
        for p in patterns {
            let l = p.len().min(PREFIX);
            f.lengths[l] = true;
            let h = f.hash(&p[..l]);
            f.bits[h / 64] |= 1 << (h % 64);
        }
        f
    }

    fn hash(&self, bytes: &[u8]) -> usize {
        let mut key = bytes.len() as u64;
        for &b in bytes {
            let b = if self.fold { b.to_ascii_lowercase() } else { b };
            key = (key << 8) | u64::from(b);
        }
        // Fibonacci hashing: the top bits of a multiplication by 2^64/phi.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// False when no pattern can start at `text[at..]`.
    #[inline]
    pub fn may_start(&self, text: &[u8], at: usize) -> bool {
        let rest = &text[at.min(text.len())..];
        (1..=PREFIX.min(rest.len())).any(|l| {
            self.lengths[l] && {
                let h = self.hash(&rest[..l]);
                self.bits[h / 64] & (1 << (h % 64)) != 0
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::PrefixFilter;

    #[test]
    fn never_rejects_a_pattern_start() {
        let pats: Vec<&[u8]> = vec![b"a", b"of", b"war", b"missile strike", b"Kyiv"];
        let f = PrefixFilter::new(pats.iter().copied(), 10, true);
        for text in [&b"A war"[..], b"OF", b"missiles", b"kyiv x", b"a"] {
            assert!(f.may_start(text, 0), "{text:?}");
        }
        let cs = PrefixFilter::new(pats.iter().copied(), 10, false);
        assert!(cs.may_start(b"Kyiv", 0));
    }
}
