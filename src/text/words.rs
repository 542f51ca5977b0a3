//! Words: the maximal runs of alphanumeric characters of a text, each with a
//! case-folded hash, found in one pass.
//!
//! Why: the rule phrases and the gazetteer names both match only on word
//! boundaries, so a phrase can only start where a word starts (or just
//! before it, for a leading quote or comma). Looking up each word's hash in a
//! small table is far cheaper than walking a multi-megabyte automaton over
//! every byte, and one tokenisation serves both matchers.
//!
//! A word character is one for which `char::is_alphanumeric` holds, the same
//! test the boundary checks use. Case folding is ASCII only, as the rule
//! matcher's is: "É" and "é" hash differently.

/// One word of a text: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// [`fold_hash`] of its bytes.
    pub key: u64,
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Lower-cases the ASCII letters among the 8 bytes of `x` (SWAR).
#[inline]
fn lower8(x: u64) -> u64 {
    let low7 = x & !HIGHS;
    let ge_a = low7.wrapping_add((0x80 - u64::from(b'A')) * ONES);
    let gt_z = low7.wrapping_add((0x80 - u64::from(b'Z') - 1) * ONES);
    let upper = ge_a & !gt_z & !x & HIGHS;
    x | (upper >> 2)
}

/// The `n` (1 to 8) bytes of `bytes` from `i`, little-endian, zero-padded.
/// Reads a whole 8-byte window when the slice has one, which is the common
/// case inside a text.
#[inline]
fn load(bytes: &[u8], i: usize, n: usize) -> u64 {
    let x = match bytes.get(i..i + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().unwrap_or([0; 8])),
        None => {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&bytes[i..i + n]);
            u64::from_le_bytes(buf)
        }
    };
    if n >= 8 {
        x
    } else {
        x & ((1u64 << (8 * n)) - 1)
    }
}

#[inline]
fn mix(h: u64, chunk: u64) -> u64 {
    (h ^ chunk).wrapping_mul(K).rotate_left(29)
}

/// [`fold_hash`] of `bytes[start..end]`, reading past `end` when it can.
#[inline]
fn fold_hash_in(bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut h = (end - start) as u64;
    let mut i = start;
    while i < end {
        h = mix(h, lower8(load(bytes, i, (end - i).min(8))));
        i += 8;
    }
    h.wrapping_mul(K)
}

/// The `n` (1 to 8) bytes of `bytes` from `start`, ASCII letters folded
/// to lower case, as one little-endian integer: compares up to eight bytes
/// ignoring ASCII case in one step.
#[inline]
pub fn folded8(bytes: &[u8], start: usize, n: usize) -> u64 {
    lower8(load(bytes, start, n))
}

/// Hash of `bytes` with ASCII letters folded to lower case. Equal for two
/// byte strings that are equal ignoring ASCII case; callers resolve the
/// rare collision by comparing the bytes.
#[inline]
pub fn fold_hash(bytes: &[u8]) -> u64 {
    fold_hash_in(bytes, 0, bytes.len())
}

/// Hash of `bytes` as they are, for case-sensitive tables.
#[inline]
pub fn exact_hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut i = 0;
    while i < bytes.len() {
        h = mix(h, load(bytes, i, (bytes.len() - i).min(8)));
        i += 8;
    }
    h.wrapping_mul(K)
}

/// One bit per byte of `x` (bit `j` for byte `j`, little-endian): the
/// byte is an ASCII letter or digit. Branch-free (SWAR).
#[inline]
fn alnum8(x: u64) -> u64 {
    let low7 = x & !HIGHS;
    let ascii = !x & HIGHS;
    let at_least = |lo: u8| low7.wrapping_add((0x80 - u64::from(lo)) * ONES);
    let digit = at_least(b'0') & !at_least(b'9' + 1);
    let folded = low7 | (0x20 * ONES);
    let letter = folded.wrapping_add((0x80 - u64::from(b'a')) * ONES)
        & !folded.wrapping_add((0x80 - u64::from(b'z') - 1) * ONES);
    let flags = (digit | letter) & ascii & HIGHS;
    // gather the eight high bits into the low byte
    ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// `ASCII_WORD[b]`: byte `b` is an ASCII letter or digit.
static ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() as u8;
        b += 1;
    }
    t
};

/// Every word of `text`, in order.
///
/// Works on bit masks, 64 bytes at a time, rather than byte by byte: a
/// branch on "is this byte in a word" mispredicts at every word edge, and
/// that was most of the cost. Bit `i` of the mask is set when byte `i`
/// belongs to a word character (a multi-byte char is decoded once, at its
/// first byte); word edges are where the mask changes.
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut masks = vec![0u64; n.div_ceil(64)];
    let mut has_multi = false;
    for (chunk, mask) in bytes.chunks(64).zip(masks.iter_mut()) {
        let (mut m, mut hi) = (0u64, 0u64);
        let mut groups = chunk.chunks_exact(8);
        for (g, group) in groups.by_ref().enumerate() {
            let x = u64::from_le_bytes(group.try_into().unwrap_or([0; 8]));
            m |= alnum8(x) << (8 * g);
            hi |= x;
        }
        let done = chunk.len() - groups.remainder().len();
        for (j, &b) in groups.remainder().iter().enumerate() {
            m |= u64::from(ASCII_WORD[usize::from(b)]) << (done + j);
            hi |= u64::from(b);
        }
        *mask = m;
        has_multi |= hi & HIGHS != 0;
    }
    if has_multi {
        let mut i = 0;
        while let Some(off) = bytes[i..].iter().position(|&b| b >= 0xC0) {
            i += off;
            let c = char_at(text, i);
            if c.is_alphanumeric() {
                for k in i..i + c.len_utf8() {
                    masks[k / 64] |= 1 << (k % 64);
                }
            }
            i += c.len_utf8();
        }
    }
    let mut out = Vec::with_capacity(n / 5 + 1);
    let mut carry = 0u64; // the last bit of the previous chunk's mask
    let mut start = 0;
    for (ci, &m) in masks.iter().enumerate() {
        let mut edges = m ^ ((m << 1) | carry);
        carry = m >> 63;
        while edges != 0 {
            let i = ci * 64 + edges.trailing_zeros() as usize;
            edges &= edges - 1;
            if m & (1 << (i % 64)) != 0 {
                start = i;
            } else {
                out.push(Word {
                    start,
                    end: i,
                    key: fold_hash_in(bytes, start, i),
                });
            }
        }
    }
    if carry != 0 {
        out.push(Word {
            start,
            end: n,
            key: fold_hash_in(bytes, start, n),
        });
    }
    out
}

/// The key of two consecutive words (for indexes of multi-word phrases and
/// names by their first two words).
#[inline]
pub fn pair_key(a: u64, b: u64) -> u64 {
    a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A one-hash Bloom filter over word keys (which are already hashes): one
/// bit test says "no phrase or name starts with this word" for most words
/// of a text, without a map lookup.
#[derive(Debug, Clone)]
pub struct WordFilter {
    bits: Box<[u64]>,
    shift: u32,
}

impl WordFilter {
    /// A filter of 2^`log2` bits (`log2` from 6 to 32).
    pub fn new(log2: u32) -> WordFilter {
        let log2 = log2.clamp(6, 32);
        WordFilter {
            bits: vec![0; 1 << (log2 - 6)].into_boxed_slice(),
            shift: 64 - log2,
        }
    }

    /// Adds `key`.
    pub fn insert(&mut self, key: u64) {
        let b = (key >> self.shift) as usize;
        self.bits[b >> 6] |= 1 << (b & 63);
    }

    /// False if `key` was never inserted; true if it was (or, rarely, by
    /// chance).
    #[inline]
    pub fn may_contain(&self, key: u64) -> bool {
        let b = (key >> self.shift) as usize;
        self.bits[b >> 6] & (1 << (b & 63)) != 0
    }
}

/// Ids grouped under word keys, kept in one flat list: what the phrase and
/// name indexes look up for a word of a text.
#[derive(Debug, Clone, Default)]
pub struct KeyLists {
    ids: Vec<u32>,
    ranges: rustc_hash::FxHashMap<u64, (u32, u32)>,
}

impl KeyLists {
    /// Flattens `lists` (key -> ids, each list in its own order).
    pub fn build(lists: rustc_hash::FxHashMap<u64, Vec<u32>>) -> KeyLists {
        let mut out = KeyLists::default();
        for (key, list) in lists {
            let a = out.ids.len() as u32;
            out.ids.extend(list);
            out.ranges.insert(key, (a, out.ids.len() as u32));
        }
        out
    }

    /// The ids under `key`, if any.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&[u32]> {
        let &(a, b) = self.ranges.get(&key)?;
        self.ids.get(a as usize..b as usize)
    }

    /// Every key.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.ranges.keys().copied()
    }
}

/// The char starting at byte `i` (a char boundary).
#[inline]
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// Length in bytes of the leading run of non-word characters of `s`.
pub fn leading_gap_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain byte-by-byte scan, as the reference.
    fn words_scalar(text: &str) -> Vec<Word> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(text.len() / 5);
        let mut i = 0;
        while i < bytes.len() {
            // skip to the next word character
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
            } else {
                let c = char_at(text, i);
                if !c.is_alphanumeric() {
                    i += c.len_utf8();
                    continue;
                }
            }
            let start = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_alphanumeric() {
                    i += 1;
                } else if b < 0x80 {
                    break;
                } else {
                    let c = char_at(text, i);
                    if !c.is_alphanumeric() {
                        break;
                    }
                    i += c.len_utf8();
                }
            }
            out.push(Word {
                start,
                end: i,
                key: fold_hash_in(bytes, start, i),
            });
        }
        out
    }

    proptest! {
        #[test]
        fn same_words_as_a_plain_scan(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Strike", "F-16", "é", "’", "“", "—", " ", "  ", "\n", "9", ".", "Zürich",
                    "𝔸", "中文", "…", "x".repeat(70).leak(),
                ]),
                0..80,
            )
        ) {
            let text: String = pieces.concat();
            prop_assert_eq!(words(&text), words_scalar(&text));
        }
    }

    fn spans(t: &str) -> Vec<&str> {
        words(t).iter().map(|w| &t[w.start..w.end]).collect()
    }

    #[test]
    fn splits_on_non_alphanumerics() {
        assert_eq!(
            spans("The F-16s hit U.S. bases, 2 km away."),
            [
                "The", "F", "16s", "hit", "U", "S", "bases", "2", "km", "away"
            ]
        );
        assert_eq!(spans(""), Vec::<&str>::new());
        assert_eq!(spans(" — "), Vec::<&str>::new());
    }

    #[test]
    fn non_ascii_letters_are_word_characters() {
        assert_eq!(
            spans("démarche in Zürich—‘Amran"),
            ["démarche", "in", "Zürich", "Amran"]
        );
    }

    #[test]
    fn keys_fold_ascii_case_only() {
        let w = words("Strike STRIKE strike Été été");
        assert_eq!(w[0].key, w[1].key);
        assert_eq!(w[1].key, w[2].key);
        assert_eq!(w[0].key, fold_hash(b"strike"));
        assert_ne!(w[3].key, w[4].key);
        assert_eq!(w[4].key, fold_hash("été".as_bytes()));
        assert_ne!(exact_hash(b"Strike"), exact_hash(b"strike"));
        assert_eq!(
            fold_hash(b"Air-Defence Systems"),
            fold_hash(b"air-defence systems")
        );
        assert_ne!(fold_hash(b"air"), fold_hash(b"air\0"));
        assert_ne!(fold_hash(b"[strike"), fold_hash(b"{strike"));
    }

    #[test]
    fn alnum8_matches_the_byte_test() {
        for start in 0..=255u8 {
            let bytes: Vec<u8> = (0..8u8)
                .map(|k| start.wrapping_add(k.wrapping_mul(37)))
                .collect();
            let x = u64::from_le_bytes(bytes.clone().try_into().unwrap());
            let want = bytes.iter().enumerate().fold(0u64, |m, (j, b)| {
                m | u64::from(b.is_ascii_alphanumeric()) << j
            });
            assert_eq!(alnum8(x), want, "{bytes:?}");
        }
    }

    #[test]
    fn word_filter_has_no_false_negatives() {
        let mut f = WordFilter::new(10);
        let keys: Vec<u64> = (0..200u64).map(|k| fold_hash(&k.to_le_bytes())).collect();
        for &k in &keys {
            f.insert(k);
        }
        assert!(keys.iter().all(|&k| f.may_contain(k)));
        let others = (1000..3000u64)
            .filter(|k| f.may_contain(fold_hash(&k.to_le_bytes())))
            .count();
        assert!(others < 2000 / 2, "{others} false positives of 2000");
    }

    #[test]
    fn leading_runs() {
        assert_eq!(leading_gap_len(", and"), 2);
        assert_eq!(leading_gap_len("‘Amran"), "‘".len());
        assert_eq!(leading_gap_len(";"), 1);
    }
}
