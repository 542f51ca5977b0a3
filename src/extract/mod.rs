//! Slot extraction: numbers, casualties, countries, places and systems.
//!
//! Role: small pure functions that read one sentence or clause (byte spans
//! into the body, plus the rule hits and gazetteer mentions inside it) and
//! return slot values. They know nothing about categories or statuses; the
//! `classify` modules decide which slot a value fills. Split by concept so a
//! newcomer finds "how is 'a dozen' read" in `numbers.rs`, "who attacked" in
//! `actors.rs` and so on.

pub mod actors;
pub mod casualties;
pub mod numbers;
pub mod places;
pub mod systems;

/// `text[start..end]`, with both ends moved back to char boundaries and
/// clamped to the text: byte windows ("the 60 bytes after a name") never
/// split a character.
pub fn window(text: &str, start: usize, end: usize) -> &str {
    let clamp = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (s, e) = (clamp(start), clamp(end));
    &text[s..e.max(s)]
}

/// How rare a byte is in English text (higher is rarer): a space is the
/// most common, then letters by frequency.
fn rarity(b: u8) -> u8 {
    RARITY[b as usize]
}

/// [`rarity`] of each byte, built once at compile time.
const RARITY: [u8; 256] = {
    const LETTERS: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let mut t = [30u8; 256];
    let mut i = 0;
    while i < LETTERS.len() {
        t[LETTERS[i] as usize] = 1 + i as u8;
        t[LETTERS[i].to_ascii_uppercase() as usize] = 1 + i as u8;
        i += 1;
    }
    t[b' ' as usize] = 0;
    t[b',' as usize] = 12;
    t[b'.' as usize] = 12;
    t[b'\'' as usize] = 12;
    t
};

/// `hay.find(needle)`, without a substring searcher's set-up (which costs
/// more than the search on the short clauses read here): the needle's
/// rarest byte by `memchr`, then a compare at each place it is found. The
/// places are tried in order, so the first match is the one `str::find`
/// gives (and a byte match of UTF-8 in UTF-8 starts at a char boundary).
pub fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    if h.len() < n.len() {
        return None;
    }
    // the needle's rarest byte, at offset k
    let k = (0..n.len()).max_by_key(|&i| (rarity(n[i]), usize::MAX - i))?;
    let last_start = h.len() - n.len();
    let mut i = 0;
    while i <= last_start {
        let p = i + memchr::memchr(n[k], &h[i + k..=last_start + k])?;
        if &h[p..p + n.len()] == n {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

/// `hay.rfind(needle)`, as [`find_str`] (the last match).
pub fn rfind_str(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return Some(h.len());
    };
    if h.len() < n.len() {
        return None;
    }
    let mut end = h.len() - n.len() + 1;
    while end > 0 {
        let p = memchr::memrchr(first, &h[..end])?;
        if &h[p + 1..p + n.len()] == rest {
            return Some(p);
        }
        end = p;
    }
    None
}

/// `hay.contains(needle)`, as [`find_str`].
pub fn contains_str(hay: &str, needle: &str) -> bool {
    find_str(hay, needle).is_some()
}

/// `s.trim_start_matches(prefix)` for a `&str` prefix, without a searcher.
pub fn trim_start_str<'a>(mut s: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() {
        return s;
    }
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

/// The shipped rules, loaded once for the extractors' unit tests.
#[cfg(test)]
pub(crate) fn shipped_rules() -> &'static crate::rules::RuleSet {
    static RULES: std::sync::OnceLock<crate::rules::RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        crate::rules::RuleSet::load(
            &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/rules"),
        )
        .expect("shipped rules load")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_search_agrees_with_std() {
        let hays = [
            "",
            "a",
            "aaa",
            "the talks in attend and no attendance",
            "Russia's's war",
            "é and ü attend, é",
            " and  and ",
        ];
        let needles = [
            "",
            "a",
            "aa",
            " and ",
            " attend",
            "'s",
            "é",
            "ü attend",
            "zz",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(find_str(h, n), h.find(n), "{h:?} {n:?}");
                assert_eq!(rfind_str(h, n), h.rfind(n), "{h:?} {n:?}");
                assert_eq!(contains_str(h, n), h.contains(n), "{h:?} {n:?}");
                assert_eq!(trim_start_str(h, n), h.trim_start_matches(n), "{h:?} {n:?}");
            }
        }
    }
}
