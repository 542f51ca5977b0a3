//! The phrase matcher: every rule phrase, found in a text by looking up the
//! text's words.
//!
//! A phrase matches case-insensitively (ASCII) and on word boundaries, so it
//! can only start at the start of a word, or just before one when it begins
//! with punctuation or a space (", and", " but "). Each phrase is indexed by
//! the hash of its first word; the scan looks up each word of the text
//! ([`crate::text::words`]) and compares the few phrases found there byte by
//! byte. A stem phrase (`negotiat*`) is indexed by its first few bytes
//! instead, and the rare phrase with no word in it at all (";") goes to a
//! small Aho-Corasick automaton.
//!
//! This finds exactly what scanning the text with one automaton of all
//! phrases and keeping the matches on word boundaries finds, without walking
//! a multi-megabyte automaton over every byte (which was the engine's
//! largest cost).

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use crate::text::words::{
    KeyLists, Word, WordFilter, fold_hash, folded8, leading_gap_len, pair_key,
};

/// The compiled phrases; pattern id = index into the phrase list given to
/// [`PhraseIndex::build`].
#[derive(Debug)]
pub(super) struct PhraseIndex {
    /// Every phrase, lower-cased, without the trailing `*`, back to back.
    bytes: Vec<u8>,
    patterns: Vec<Pattern>,
    /// Hash of a first word -> phrases with that one key word (one-word
    /// phrases, and phrases whose second word is a stem).
    singles: KeyLists,
    /// Hash of the first two words -> phrases starting with them.
    pairs: KeyLists,
    /// A bit per key of `singles`, and per first word of `pairs`: most
    /// words of a text start no phrase, and one test of these small
    /// (cache-resident) sets skips them without a map lookup.
    maybe_single: WordFilter,
    maybe_pair: WordFilter,
    /// Stems (one-word phrases ending in `*`), by [`stem_key`] of their
    /// first `stem_key` bytes, and a filter of those keys.
    stems: KeyLists,
    maybe_stem: WordFilter,
    stem_key: usize,
    /// Phrases with no word character, and their pattern ids.
    bare: Option<(AhoCorasick, Vec<u32>)>,
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// Where its bytes are in [`PhraseIndex::bytes`].
    offset: u32,
    len: u32,
    /// Bytes before the first word (", " in ", and").
    lead: u32,
    /// It ended in `*`: no right boundary, the hit runs to the word end.
    prefix: bool,
    /// Its first (up to) eight bytes, [`folded8`].
    head: u64,
}

/// Size of the phrase filters: 2^16 bits (8 KiB) for a few thousand keys.
const FILTER_BITS: u32 = 16;
/// Spreads a stem key (raw bytes, not a hash) before it meets a filter.
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// The key of the first `n` (1 to 4) bytes at `start`, each with bit 5 set:
/// equal for two byte strings equal up to ASCII case (and for a few others,
/// which the byte comparison then refuses). Cheaper than a hash.
#[inline]
fn stem_key_of(bytes: &[u8], start: usize, n: usize) -> u64 {
    if n == 4
        && let Some(w) = bytes.get(start..start + 4)
    {
        return u64::from(u32::from_le_bytes([w[0], w[1], w[2], w[3]]) | 0x2020_2020);
    }
    bytes[start..start + n]
        .iter()
        .enumerate()
        .fold(0, |k, (i, &b)| k | u64::from(b | 0x20) << (8 * i))
}

/// The words of a phrase (after its lead) with their byte spans.
fn phrase_words(text: &str) -> Vec<(usize, usize)> {
    crate::text::words::words(text)
        .iter()
        .map(|w| (w.start, w.end))
        .collect()
}

impl PhraseIndex {
    /// Indexes `phrases` (lower-cased, `*` stripped) with their prefix flags.
    pub(super) fn build(phrases: &[(String, bool)]) -> Result<PhraseIndex, String> {
        let mut bytes = Vec::new();
        let mut patterns = Vec::with_capacity(phrases.len());
        let mut first: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut maybe_pair = WordFilter::new(FILTER_BITS);
        let mut pairs: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut stems: Vec<(u32, &[u8])> = Vec::new();
        let mut bare: Vec<(u32, &str)> = Vec::new();
        let mut stem_key = usize::MAX;
        for (id, (text, prefix)) in phrases.iter().enumerate() {
            let id = u32::try_from(id).map_err(|_| "too many phrases".to_string())?;
            let lead = leading_gap_len(text);
            let len = u32::try_from(text.len()).map_err(|_| "phrase too long".to_string())?;
            patterns.push(Pattern {
                offset: u32::try_from(bytes.len()).map_err(|_| "too many phrases".to_string())?,
                len,
                lead: lead as u32,
                prefix: *prefix,
                head: folded8(text.as_bytes(), 0, text.len().min(8)),
            });
            bytes.extend_from_slice(text.as_bytes());
            let rest = &text[lead..];
            let words = phrase_words(rest);
            // a stem is only a word's beginning, so it cannot be a key
            let complete = if *prefix && words.last().is_some_and(|w| w.1 == rest.len()) {
                words.len() - 1
            } else {
                words.len()
            };
            let key_of = |w: (usize, usize)| fold_hash(&rest.as_bytes()[w.0..w.1]);
            match (words.len(), complete) {
                (0, _) => bare.push((id, text)),
                (1, 0) => {
                    stem_key = stem_key.min(rest.len()).min(4);
                    stems.push((id, rest.as_bytes()));
                }
                (_, 1) => first.entry(key_of(words[0])).or_default().push(id),
                _ => {
                    let k1 = key_of(words[0]);
                    maybe_pair.insert(k1);
                    pairs
                        .entry(pair_key(k1, key_of(words[1])))
                        .or_default()
                        .push(id);
                }
            }
        }
        let mut maybe_single = WordFilter::new(FILTER_BITS);
        for k in first.keys() {
            maybe_single.insert(*k);
        }
        let singles = KeyLists::build(first);
        let pairs = KeyLists::build(pairs);
        let mut stem_lists: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (id, stem) in stems {
            stem_lists
                .entry(stem_key_of(stem, 0, stem_key))
                .or_default()
                .push(id);
        }
        let mut maybe_stem = WordFilter::new(FILTER_BITS);
        for k in stem_lists.keys() {
            maybe_stem.insert(k.wrapping_mul(MIX));
        }
        let stems = KeyLists::build(stem_lists);
        let bare = if bare.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(bare.iter().map(|(_, t)| t))
                .map_err(|e| e.to_string())?;
            Some((ac, bare.iter().map(|(id, _)| *id).collect()))
        };
        Ok(PhraseIndex {
            bytes,
            patterns,
            singles,
            pairs,
            maybe_single,
            maybe_pair,
            stems,
            maybe_stem,
            stem_key,
            bare,
        })
    }

    /// Calls `f(start, end, pattern)` for every match of every phrase in
    /// `text` on word boundaries, in no particular order. `words` must be
    /// [`crate::text::words`] of `text`.
    #[cfg(test)]
    pub(super) fn find(&self, text: &str, words: &[Word], mut f: impl FnMut(usize, usize, usize)) {
        self.find_worded(text, words, &mut f);
        self.find_bare(text, &mut f);
    }

    /// [`PhraseIndex::find`] for the phrases with a word: the matches come
    /// by word, so their starts never decrease from one word's matches to
    /// the next (a match starts at its word, or in the gap just before it);
    /// only the few matches at one word may be out of order.
    pub(super) fn find_worded(
        &self,
        text: &str,
        words: &[Word],
        f: &mut impl FnMut(usize, usize, usize),
    ) {
        let bytes = text.as_bytes();
        for (i, w) in words.iter().enumerate() {
            if self.maybe_single.may_contain(w.key)
                && let Some(r) = self.singles.get(w.key)
            {
                self.try_all(text, w.start, r, f);
            }
            if self.maybe_pair.may_contain(w.key)
                && let Some(next) = words.get(i + 1)
                && let Some(r) = self.pairs.get(pair_key(w.key, next.key))
            {
                self.try_all(text, w.start, r, f);
            }
            if w.end - w.start >= self.stem_key {
                let key = stem_key_of(bytes, w.start, self.stem_key);
                if self.maybe_stem.may_contain(key.wrapping_mul(MIX))
                    && let Some(r) = self.stems.get(key)
                {
                    self.try_all(text, w.start, r, f);
                }
            }
        }
    }

    /// [`PhraseIndex::find`] for the phrases without a word character (";").
    pub(super) fn find_bare(&self, text: &str, f: &mut impl FnMut(usize, usize, usize)) {
        if let Some((ac, ids)) = &self.bare {
            for m in ac.find_overlapping_iter(text) {
                let id = ids[m.pattern().as_usize()] as usize;
                self.accept(text, m.start(), &self.patterns[id], id, f);
            }
        }
    }

    /// Tries the phrases `ids`, whose first word would be the word at
    /// `word_start`.
    #[inline]
    fn try_all(
        &self,
        text: &str,
        word_start: usize,
        ids: &[u32],
        f: &mut impl FnMut(usize, usize, usize),
    ) {
        for &id in ids {
            let p = &self.patterns[id as usize];
            let Some(start) = word_start.checked_sub(p.lead as usize) else {
                continue;
            };
            let len = p.len as usize;
            let Some(found) = text.as_bytes().get(start..start + len) else {
                continue;
            };
            // the first eight bytes in one comparison, the rest (if any) after
            if folded8(text.as_bytes(), start, len.min(8)) != p.head {
                continue;
            }
            if len > 8 {
                let pat = &self.bytes[p.offset as usize..(p.offset + p.len) as usize];
                if !found[8..].eq_ignore_ascii_case(&pat[8..]) {
                    continue;
                }
            }
            self.accept(text, start, p, id as usize, f);
        }
    }

    /// Phrase `id` occurs at `start`: keep it if it sits on word boundaries.
    #[inline]
    fn accept(
        &self,
        text: &str,
        start: usize,
        p: &Pattern,
        id: usize,
        f: &mut impl FnMut(usize, usize, usize),
    ) {
        let pat = &self.bytes[p.offset as usize..(p.offset + p.len) as usize];
        let end = start + pat.len();
        // (a phrase without lead starts at a word start: nothing to check)
        if p.lead != 0 && is_word_byte(pat[0]) && start > 0 && is_word_before(text, start) {
            return;
        }
        if p.prefix {
            // a stem ("negotiat*") covers the whole word it starts
            f(start, word_end(text, end), id);
        } else if !(is_word_byte(pat[pat.len() - 1]) && is_word_after(text, end)) {
            f(start, end, id);
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Is the character just before byte `i` part of a word?
fn is_word_before(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i.wrapping_sub(1)) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        _ => text
            .get(..i)
            .and_then(|t| t.chars().next_back())
            .is_some_and(char::is_alphanumeric),
    }
}

/// Is the character at byte `i` part of a word?
fn is_word_after(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        _ => text
            .get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_alphanumeric),
    }
}

fn word_end(text: &str, mut i: usize) -> usize {
    let Some(rest) = text.get(i..) else {
        return i;
    };
    for c in rest.chars() {
        if c.is_alphanumeric() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasickKind;
    use proptest::prelude::*;

    const PHRASES: &[(&str, bool)] = &[
        ("strike", false),
        ("air strike", false),
        ("air strikes", false),
        ("negotiat", true),
        ("peace negotiat", true),
        ("since 19", true),
        ("f-16", false),
        ("u.s.", false),
        (", and", false),
        (" but ", false),
        (";", false),
        ("'ll", false),
        ("committed €", false),
        ("démarche", false),
        ("will", false),
        ("will meet", false),
        ("no longer", false),
        ("a320", true),
    ];

    /// The reference: one automaton of all phrases, every overlapping
    /// match, kept when it sits on word boundaries.
    fn oracle(text: &str) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(PHRASES.iter().map(|p| p.0))
            .unwrap();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let (s, e, p) = (m.start(), m.end(), m.pattern().as_usize());
            if is_word_byte(bytes[s]) && is_word_before(text, s) {
                continue;
            }
            if PHRASES[p].1 {
                out.push((s, word_end(text, e), p));
            } else if !(is_word_byte(bytes[e - 1]) && is_word_after(text, e)) {
                out.push((s, e, p));
            }
        }
        out.sort();
        out
    }

    fn indexed(text: &str) -> Vec<(usize, usize, usize)> {
        let phrases: Vec<(String, bool)> =
            PHRASES.iter().map(|(t, p)| (t.to_string(), *p)).collect();
        let index = PhraseIndex::build(&phrases).unwrap();
        let mut out = Vec::new();
        index.find(text, &crate::text::words::words(text), |s, e, p| {
            out.push((s, e, p))
        });
        out.sort();
        out
    }

    #[test]
    fn finds_phrases_on_word_boundaries() {
        let text = "Air strikes and an AIR STRIKE; U.S. F-16s, and negotiations, but since 1990s";
        let found: Vec<&str> = indexed(text).iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(
            found,
            [
                "Air strikes",
                "AIR STRIKE",
                "STRIKE",
                ";",
                "U.S.",
                ", and",
                "negotiations",
                " but ",
                "since 1990s"
            ]
        );
        assert_eq!(indexed(text), oracle(text));
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(PHRASES).prop_map(|p| p.0.to_string()),
            proptest::sample::select(vec![
                "air",
                "strikes",
                "negotiations",
                "peace",
                "since",
                "1990s",
                "19",
                "F",
                "16",
                "U",
                "S",
                "will",
                "meet",
                "no",
                "longer",
                "a320neo",
                "A320",
                "démarche",
                "committed",
                "€5",
                "strikeé",
                "éstrike",
                "x",
            ])
            .prop_map(str::to_string),
            proptest::sample::select(vec![
                " ", "  ", ", ", "-", ".", "’", "'", "é", "\n", ";", "", "€",
            ])
            .prop_map(str::to_string),
        ]
    }

    proptest! {
        #[test]
        fn same_matches_as_one_automaton(
            pieces in proptest::collection::vec(piece(), 0..24),
            upper in proptest::collection::vec(any::<bool>(), 24),
        ) {
            let text: String = pieces
                .iter()
                .zip(upper.iter().cycle())
                .map(|(p, &u)| if u { p.to_uppercase() } else { p.clone() })
                .collect();
            prop_assert_eq!(indexed(&text), oracle(&text));
        }
    }
}
