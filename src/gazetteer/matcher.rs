//! The name index and the word-boundary scan over it.
//!
//! A name counts only on word boundaries, so it starts at the start of a
//! word of the text, or just before one when it begins with a quote
//! ("‘Amran"). Each name is indexed by its first word, or by its first two
//! words when it has more than one (so the hundreds of "San ..." names are
//! not all compared at every "San"); the scan looks up each word of the text
//! ([`crate::text::words`]) and compares the few names found there byte by
//! byte, case-sensitively.
//!
//! The result is the leftmost-longest one: scanning left to right, at the
//! first position where some name fits on word boundaries, the longest such
//! name is taken and the scan resumes after it. A longer name that runs into
//! a word ("South Koreans" against "South Korean") never hides a shorter one
//! that fits ("South"). This is what one leftmost-longest automaton of all
//! names would find when only boundary-respecting matches are kept, without
//! walking a large automaton through the text.

use rustc_hash::FxHashMap;

use super::GazetteerError;
use crate::text::words::{KeyLists, Word, WordFilter, leading_gap_len, pair_key, words};

/// The indexed names; pattern id = index into the list given to [`build`].
pub(super) struct Matcher {
    /// Every name, back to back.
    bytes: Vec<u8>,
    names: Vec<Name>,
    /// Hash of the (case-folded) first word -> one-word names.
    single: KeyLists,
    /// Hash of the first two words -> longer names.
    pairs: KeyLists,
    /// A bit per first word of some name: most words start none, and one
    /// test of this set skips them. First words in lower case ("el Clot")
    /// have their own small set, so the common lower-case words of a text
    /// are tested against a table that stays in the L1 cache.
    maybe: WordFilter,
    maybe_lower: WordFilter,
}

#[derive(Clone, Copy)]
struct Name {
    offset: u32,
    len: u32,
    /// Bytes before its first word (a leading quote).
    lead: u32,
}

/// Indexes `patterns` (pattern id = index).
pub(super) fn build(patterns: &[&str]) -> Result<Matcher, GazetteerError> {
    let mut bytes = Vec::new();
    let mut names = Vec::with_capacity(patterns.len());
    let mut single: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut pairs: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    // 2^20 bits (128 KiB) for some 60,000 first words lets through about 5%
    // of the words that start none; lower-case first words are few
    let mut maybe = WordFilter::new(20);
    let mut maybe_lower = WordFilter::new(16);
    let too_many = || GazetteerError::Build("more than 4 GiB of names".into());
    for (id, p) in patterns.iter().enumerate() {
        let id = u32::try_from(id).map_err(|_| too_many())?;
        let lead = leading_gap_len(p);
        names.push(Name {
            offset: u32::try_from(bytes.len()).map_err(|_| too_many())?,
            len: u32::try_from(p.len()).map_err(|_| too_many())?,
            lead: lead as u32,
        });
        bytes.extend_from_slice(p.as_bytes());
        let rest = &p[lead..];
        let ws = words(rest);
        match ws.as_slice() {
            [] => {
                return Err(GazetteerError::Build(format!(
                    "the name {p:?} has no letter or digit; remove it"
                )));
            }
            [w] => {
                filter_for(&mut maybe, &mut maybe_lower, rest.as_bytes()[0]).insert(w.key);
                single.entry(w.key).or_default().push(id);
            }
            [w1, w2, ..] => {
                filter_for(&mut maybe, &mut maybe_lower, rest.as_bytes()[0]).insert(w1.key);
                pairs.entry(pair_key(w1.key, w2.key)).or_default().push(id);
            }
        }
    }
    let single = KeyLists::build(single);
    let pairs = KeyLists::build(pairs);
    Ok(Matcher {
        bytes,
        names,
        single,
        pairs,
        maybe,
        maybe_lower,
    })
}

/// The filter for first words beginning with byte `first`.
fn filter_for<'a>(
    upper: &'a mut WordFilter,
    lower: &'a mut WordFilter,
    first: u8,
) -> &'a mut WordFilter {
    if first.is_ascii_lowercase() {
        lower
    } else {
        upper
    }
}

/// True if `c` continues a word (a name must not touch one on either side).
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[inline]
fn boundary_before(text: &str, start: usize) -> bool {
    text.get(..start)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !is_word_char(c))
}

#[inline]
fn boundary_after(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !is_word_char(c))
}

/// Calls `f(start, end, pattern_id)` for every non-overlapping name in `text`
/// that sits on word boundaries, in order of start. `words` must be
/// [`crate::text::words`] of `text`.
pub(super) fn find_spans(
    m: &Matcher,
    text: &str,
    words: &[Word],
    mut f: impl FnMut(usize, usize, usize),
) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    for (i, w) in words.iter().enumerate() {
        let filter = if bytes[w.start].is_ascii_lowercase() {
            &m.maybe_lower
        } else {
            &m.maybe
        };
        if w.start < pos || !filter.may_contain(w.key) {
            continue;
        }
        // the best name here: leftmost start, then longest
        let mut best: Option<(usize, usize, u32)> = None;
        let mut consider = |ids: &[u32]| {
            for &id in ids {
                let n = m.names[id as usize];
                let Some(start) = w.start.checked_sub(n.lead as usize) else {
                    continue;
                };
                let end = start + n.len as usize;
                if start < pos
                    || best.is_some_and(|(s, e, _)| {
                        (s, std::cmp::Reverse(e)) < (start, std::cmp::Reverse(end))
                    })
                {
                    continue;
                }
                let name = &m.bytes[n.offset as usize..(n.offset + n.len) as usize];
                if bytes.get(start..end) == Some(name)
                    && boundary_after(text, end)
                    && (n.lead == 0 || boundary_before(text, start))
                {
                    best = Some((start, end, id));
                }
            }
        };
        if let Some(r) = m.single.get(w.key) {
            consider(r);
        }
        if let Some(next) = words.get(i + 1)
            && let Some(r) = m.pairs.get(pair_key(w.key, next.key))
        {
            consider(r);
        }
        if let Some((start, end, id)) = best {
            f(start, end, id as usize);
            pos = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "South",
        "South Korea",
        "South Korean",
        "Korea",
        "San",
        "San Jose",
        "San Jose del Monte",
        "Jose",
        "‘Amran",
        "'Amran",
        "Amran",
        "Kyiv",
        "Orlovskaya oblast'",
        "oblast",
        "Zürich",
        "Port-au-Prince",
        "Port",
        "el Clot",
    ];

    /// The reference: at each position on a word boundary, from left to
    /// right, the longest name of one anchored automaton that ends on a
    /// boundary, trying shorter ones when the longest runs into a word.
    fn oracle(text: &str) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(NAMES)
            .unwrap();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            if !text.is_char_boundary(pos) || !boundary_before(text, pos) {
                pos += 1;
                continue;
            }
            let mut end = text.len();
            let mut found = None;
            while let Some(m) = ac.find(Input::new(text).span(pos..end).anchored(Anchored::Yes)) {
                if boundary_after(text, m.end()) {
                    found = Some(m);
                    break;
                }
                end = m.end() - 1;
            }
            match found {
                Some(m) => {
                    out.push((m.start(), m.end(), m.pattern().as_usize()));
                    pos = m.end();
                }
                None => pos += 1,
            }
        }
        out
    }

    fn indexed(text: &str) -> Vec<(usize, usize, usize)> {
        let m = build(NAMES).unwrap();
        let mut out = Vec::new();
        find_spans(&m, text, &words(text), |s, e, p| out.push((s, e, p)));
        out
    }

    #[test]
    fn longest_name_that_fits() {
        let text = "South Koreans met in San Jose del Monte, ‘Amran and Port-au-Prince.";
        let found: Vec<&str> = indexed(text).iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(
            found,
            ["South", "San Jose del Monte", "‘Amran", "Port-au-Prince"]
        );
        assert_eq!(indexed(text), oracle(text));
    }

    #[test]
    fn a_name_without_letters_is_refused() {
        assert!(build(&["Kyiv", "—"]).is_err());
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(NAMES).prop_map(str::to_string),
            proptest::sample::select(vec![
                "Koreans", "Jose", "del", "Monte", "au", "Prince", "el", "Clot", "Kyivan", "x",
                "9",
            ])
            .prop_map(str::to_string),
            proptest::sample::select(vec![" ", ", ", "-", "‘", "'", "é", "\n", "", "’s "])
                .prop_map(str::to_string),
        ]
    }

    proptest! {
        #[test]
        fn same_names_as_one_automaton(pieces in proptest::collection::vec(piece(), 0..20)) {
            let text: String = pieces.concat();
            prop_assert_eq!(indexed(&text), oracle(&text));
        }
    }
}
