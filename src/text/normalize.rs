//! Canonical text form for story bodies, headlines and datelines.
//!
//! Every evidence offset points into the normalised body, so normalisation
//! happens once, at parse time, and is idempotent: running it again on its own
//! output changes nothing. Rules, in one pass over the characters:
//!
//! * HTML entities (`&amp;`, `&rsquo;`, `&#8217;`, `&#x2019;`) are decoded to a
//!   fixpoint, so double-escaped feeds (`&amp;rsquo;`) come out clean and the
//!   result never contains a decodable entity (which keeps it idempotent);
//! * curly quotes fold to `'` and `"`, dashes (hyphen, en, em, bar, minus)
//!   to `-`, non-breaking and other Unicode spaces and tabs to ' ',
//!   zero-width characters and soft hyphens are removed, other control
//!   characters become ' ';
//! * `\r\n`, `\r`, U+2028/U+2029, vertical tab and form feed end a line;
//! * each line is trimmed, runs of spaces collapse to one, and blank lines are
//!   dropped, so paragraphs are separated by exactly one `\n`.

/// Longest entity candidate (`&` .. `;` inclusive) that is looked up, in bytes.
const MAX_ENTITY_LEN: usize = 40;

/// Normalise text to the canonical form described in the module docs.
///
/// Total (never panics) and idempotent: `normalize(&normalize(s)) == normalize(s)`.
pub fn normalize(s: &str) -> String {
    let mut decoded = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // Fast path: a run of printable ASCII other than `;` folds to itself
        // and cannot complete an entity, so it is copied as one slice.
        let run = plain_run(rest.as_bytes());
        decoded.push_str(&rest[..run]);
        rest = &rest[run..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            push_folded(&mut decoded, c);
            rest = chars.as_str();
        }
    }
    tidy_lines(&decoded)
}

/// Length of the leading run of printable ASCII other than `;` (bytes that
/// fold to themselves), eight bytes at a time.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_byte = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGHS != 0
    };
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // a byte below ' ', at or above 0x80, DEL, or ';'
        let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGHS != 0;
        if below_space || x & HIGHS != 0 || has_byte(x, 0x7F) || has_byte(x, b';') {
            break;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| !(b' '..=b'~').contains(&b) || b == b';')
        .unwrap_or(bytes.len() - i)
}

/// Fold one character and append it; a `;` may complete an entity, which is
/// then decoded in place (its characters are folded and pushed the same way).
fn push_folded(out: &mut String, c: char) {
    // Only `;` can complete an entity (no other character folds to it), so
    // every other character is folded and pushed without the work list.
    if c != ';' {
        if let Some(f) = fold_char(c) {
            out.push(f);
        }
        return;
    }
    // Work list instead of recursion: decoding `&semi;` yields `;`, which may
    // complete another entity.
    let mut pending: Vec<char> = vec![c];
    while let Some(c) = pending.pop() {
        let Some(f) = fold_char(c) else { continue };
        out.push(f);
        if f == ';'
            && let Some(amp) = entity_start(out)
        {
            let decoded = html_escape::decode_html_entities(&out[amp..]).into_owned();
            if decoded != out[amp..] {
                out.truncate(amp);
                // Push in order: the work list is a stack, so reverse.
                pending.extend(decoded.chars().rev());
            }
        }
    }
}

/// If `out` ends with `&name;`, `&#123;` or `&#x1F;`, the byte index of the `&`.
fn entity_start(out: &str) -> Option<usize> {
    let bytes = out.as_bytes();
    let semi = bytes.len().checked_sub(1)?;
    let lo = bytes.len().saturating_sub(MAX_ENTITY_LEN);
    let amp = (lo..semi).rev().find(|&i| {
        let b = bytes[i];
        b == b'&' || !(b.is_ascii_alphanumeric() || b == b'#')
    })?;
    (bytes[amp] == b'&' && amp + 1 < semi).then_some(amp)
}

/// The canonical form of one character; `None` removes it.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        // Quotes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => '"',
        // Dashes and minus.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        // Zero-width characters, BOM, soft hyphen: removed.
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        // Line ends.
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}' => '\n',
        // Any other whitespace (tab, NBSP, U+2000..U+200A, U+202F, U+3000 ...).
        c if c.is_whitespace() => ' ',
        // Remaining control characters.
        c if c.is_control() => ' ',
        c => c,
    })
}

/// Trim lines, collapse space runs, drop blank lines, join with `\n`.
///
/// Equivalently: every run of spaces and line ends between two words
/// becomes one `\n` if it holds a line end, else one space, and the runs at
/// either end go. Works on bytes (`' '` and `'\n'` never occur inside a
/// multi-byte character); eight bytes that hold no two separators in a row
/// are copied as they are, which is nearly all of a wire story.
fn tidy_lines(s: &str) -> String {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    // the separator owed before the next word: 0, b' ' or b'\n'
    let mut pending = 0u8;
    let mut i = 0;
    while i < bytes.len() {
        // fast path: a chunk with a word before it, nothing owed, and no two
        // separators in a row (the byte after it included)
        if pending == 0
            && !out.is_empty()
            && let Some(chunk) = bytes.get(i..i + 9)
        {
            let x = u64::from_le_bytes(chunk[..8].try_into().unwrap_or([0; 8]));
            let zero_at = |y: u64| y.wrapping_sub(ONES) & !y & HIGHS;
            // a bit per byte that is a space or a line end (a byte right
            // after one may be flagged too: that only sends the chunk to
            // the slow path)
            let sep = (zero_at(x ^ (ONES * 0x20)) | zero_at(x ^ (ONES * 0x0A))) >> 7;
            let next_sep = u64::from(chunk[8] == b' ' || chunk[8] == b'\n');
            if sep & ((sep >> 8) | (next_sep << 56)) == 0 {
                out.extend_from_slice(&chunk[..8]);
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if b == b' ' || b == b'\n' {
            if b == b'\n' || pending == 0 {
                pending = b;
            }
        } else {
            if pending != 0 && !out.is_empty() {
                out.push(pending);
            }
            pending = 0;
            out.push(b);
        }
        i += 1;
    }
    // only whole separator bytes were removed or inserted, so this is UTF-8
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn decodes_entities() {
        assert_eq!(normalize("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(normalize("Russia&#8217;s"), "Russia's");
        assert_eq!(normalize("Russia&#x2019;s"), "Russia's");
        assert_eq!(normalize("&ldquo;deal&rdquo;"), "\"deal\"");
        assert_eq!(normalize("Th&eacute;r&egrave;se"), "Thérèse");
        assert_eq!(normalize("a&nbsp;b"), "a b");
    }

    #[test]
    fn double_escaped_entities_decode_to_fixpoint() {
        assert_eq!(normalize("it&amp;rsquo;s"), "it's");
        assert_eq!(normalize("&amp;amp;lt;"), "<");
        assert_eq!(normalize("&amp&semi;"), "&");
    }

    #[test]
    fn leaves_non_entities_alone() {
        assert_eq!(normalize("AT&T; R&D & more; &;"), "AT&T; R&D & more; &;");
        assert_eq!(normalize("&notanentity;"), "&notanentity;");
    }

    #[test]
    fn folds_quotes_and_dashes() {
        assert_eq!(
            normalize("Russia\u{2019}s \u{201C}war\u{201D}"),
            "Russia's \"war\""
        );
        assert_eq!(normalize("KYIV \u{2014} Ukraine"), "KYIV - Ukraine");
        assert_eq!(normalize("1990\u{2013}2000"), "1990-2000");
    }

    #[test]
    fn folds_spaces_and_removes_zero_width() {
        assert_eq!(normalize("a\u{00A0}\u{2009}b\tc"), "a b c");
        assert_eq!(normalize("Zelen\u{200B}skyy\u{00AD}"), "Zelenskyy");
        assert_eq!(normalize("\u{FEFF}text"), "text");
    }

    #[test]
    fn zero_width_inside_entity_is_idempotent() {
        let once = normalize("&am\u{200B}p;");
        assert_eq!(once, "&");
        assert_eq!(normalize(&once), once);
    }

    #[test]
    fn lines_and_paragraphs() {
        assert_eq!(
            normalize("  one  two \r\n\r\n\n  three\rfour  "),
            "one two\nthree\nfour"
        );
        assert_eq!(normalize("a\u{2029}b"), "a\nb");
        assert_eq!(normalize(" \n\t\n "), "");
    }

    /// The plain line-by-line form of `tidy_lines`, as the reference.
    fn tidy_reference(s: &str) -> String {
        s.split('\n')
            .map(|l| {
                l.split(' ')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn tidy_lines_trims_collapses_and_drops_blank_lines() {
        for s in [
            "one two\nthree",
            "",
            "x",
            " one",
            "one ",
            "one  two",
            "one \ntwo",
            "one\n two",
            "one\n\ntwo",
            "\none",
            "  many   words  in   a row of text that is longer than sixteen bytes \n\n next  ",
            "abcdefgh ijklmnop\nqrstuvwx  yz",
            "abcdefg  hijklmno",
            "abcdefgh\n\nijk",
        ] {
            assert_eq!(super::tidy_lines(s), tidy_reference(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn tidy_lines_matches_the_reference(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "word", "é", " ", "  ", "\n", "\n\n", " \n ", "abcdefghij"]),
                0..40,
            )
        ) {
            let s: String = pieces.concat();
            proptest::prop_assert_eq!(super::tidy_lines(&s), tidy_reference(&s));
        }
    }

    #[test]
    fn plain_runs_stop_where_folding_starts() {
        for s in [
            "",
            "abc",
            "abcdefghij;k",
            "abcdefghijklmnop\u{2019}",
            "abcdefgh\nx",
            "a\u{7f}b",
            "0123456789abcdef",
        ] {
            let want = s
                .bytes()
                .position(|b| !(b' '..=b'~').contains(&b) || b == b';')
                .unwrap_or(s.len());
            assert_eq!(super::plain_run(s.as_bytes()), want, "{s:?}");
        }
    }

    #[test]
    fn idempotent_on_samples() {
        for s in [
            "AP, KYIV: \u{201C}x\u{201D} &amp;amp; \r\n\r\n y",
            "&#38;lt;",
            "a &#x26;#59; b",
            "&&#97;mp;",
        ] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "input {s:?}");
        }
    }
}
