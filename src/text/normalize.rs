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
    if is_tidy(decoded.as_bytes()) {
        decoded
    } else {
        tidy_lines(&decoded)
    }
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

/// Whether [`tidy_lines`] would leave `s` as it is: no space or line end at
/// either end, and every one of them between two other bytes. Most bodies
/// are, and are then kept without a copy.
fn is_tidy(s: &[u8]) -> bool {
    let sep = |b: u8| b == b' ' || b == b'\n';
    if s.first().is_some_and(|&b| sep(b)) || s.last().is_some_and(|&b| sep(b)) {
        return false;
    }
    memchr::memchr2_iter(b' ', b'\n', s).all(|p| !sep(s[p + 1]))
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
/// Works on bytes: `' '` and `'\n'` are ASCII and never occur inside a
/// multi-byte character, so every word is a valid `str` slice.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Whether the current line has a word yet, and whether a space run
    // follows its last word.
    let mut line_has_word = false;
    let mut space_pending = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line_has_word = false;
                space_pending = false;
                i += 1;
            }
            b' ' => {
                space_pending = line_has_word;
                i += 1;
            }
            _ => {
                let len = bytes[i..]
                    .iter()
                    .position(|&b| b == b' ' || b == b'\n')
                    .unwrap_or(bytes.len() - i);
                if !line_has_word {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                } else if space_pending {
                    out.push(' ');
                }
                out.push_str(&s[i..i + len]);
                line_has_word = true;
                space_pending = false;
                i += len;
            }
        }
    }
    out
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

    #[test]
    fn tidy_text_is_kept_and_untidy_text_is_tidied() {
        for (s, tidy) in [
            ("one two\nthree", true),
            ("", true),
            ("x", true),
            (" one", false),
            ("one ", false),
            ("one  two", false),
            ("one \ntwo", false),
            ("one\n two", false),
            ("one\n\ntwo", false),
            ("\none", false),
        ] {
            assert_eq!(super::is_tidy(s.as_bytes()), tidy, "{s:?}");
            assert_eq!(super::tidy_lines(s) == s, tidy, "{s:?}");
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
