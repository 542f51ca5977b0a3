//! Numbers written in digits or words: "114", "1,200", "6.5 million",
//! "two", "a dozen", "twenty-five", ranges "100 to 150" (upper bound kept),
//! "up to 100" (100). Words and scales come from `numbers.toml`.

use crate::rules::{LexiconId, RuleSet};

/// The lexicons of `numbers.toml` the readers below use.
const CURRENCY_WORDS: LexiconId = LexiconId::named("numbers.currency_words");
const ARTICLES: LexiconId = LexiconId::named("numbers.articles");
const RANGE_OPENERS: LexiconId = LexiconId::named("numbers.range_openers");
const RANGE_JOINERS: LexiconId = LexiconId::named("numbers.range_joiners");
const RANGE_LINKS: LexiconId = LexiconId::named("numbers.range_links");
const ADJECTIVE_SUFFIXES: LexiconId = LexiconId::named("numbers.adjective_suffixes");

/// One word of a text with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Splits `text[start..end]` into tokens: runs of letters, digits and the
/// inner characters `, . - ' / $ %` (so "1,200", "17-year-old", "F-16s" and
/// "$6.5" stay one token); every other punctuation mark is its own token.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let Some(slice) = text.get(start..end.min(text.len())) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(slice.len() / 4 + 1);
    let bytes = slice.as_bytes();
    let mut cur: Option<usize> = None;
    let inner = |c: char| matches!(c, ',' | '.' | '-' | '\'' | '/' | '$' | '%' | '£' | '€');
    let mut i = 0;
    // the char at `i`, its length, and whether it is alphanumeric; the next
    // char is decoded once and carried over
    let (mut c, mut n) = char_at(slice, 0);
    let mut c_alnum = alnum(c);
    while i < bytes.len() {
        let j = i + n;
        let (nc, nn) = char_at(slice, j);
        let next_word = nn > 0 && alnum(nc);
        if c_alnum
            || (cur.is_some() && inner(c) && next_word)
            || ((c == '$' || c == '£' || c == '€') && next_word)
        {
            if cur.is_none() {
                cur = Some(i);
            }
            // ASCII letters and digits right after a letter or digit only
            // extend its token (the loop does nothing else for them): go on
            // from the first char after them
            if c_alnum {
                let mut k = j;
                while k < bytes.len() && bytes[k].is_ascii_alphanumeric() {
                    k += 1;
                }
                if k > j {
                    i = k;
                    let (kc, kn) = char_at(slice, k);
                    (c, n, c_alnum) = (kc, kn, kn > 0 && alnum(kc));
                    continue;
                }
            }
        } else {
            if let Some(s) = cur.take() {
                out.push(Token {
                    text: &slice[s..i],
                    start: start + s,
                    end: start + i,
                });
            }
            if !c.is_whitespace() {
                out.push(Token {
                    text: &slice[i..j],
                    start: start + i,
                    end: start + j,
                });
            }
        }
        i = j;
        (c, n, c_alnum) = (nc, nn, next_word);
    }
    if let Some(s) = cur {
        out.push(Token {
            text: &slice[s..],
            start: start + s,
            end,
        });
    }
    out
}

/// The char at byte `i` of `s` (a char boundary) and its length; `('\0', 0)`
/// past the end. ASCII is read without decoding.
#[inline(always)]
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes().get(i) {
        None => ('\0', 0),
        Some(&b) if b < 0x80 => (b as char, 1),
        Some(_) => {
            let c = s[i..].chars().next().unwrap_or('\0');
            (c, c.len_utf8())
        }
    }
}

/// `c.is_alphanumeric()`, with the ASCII case first.
#[inline(always)]
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// A number read at a token position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub value: u64,
    /// Tokens consumed, from the first.
    pub len: usize,
    /// Money ("$6.5 billion", "500 million euros") or a percentage.
    pub money: bool,
    /// An article ("a", "an") read as one: only meaningful for counts of people.
    pub article: bool,
}

fn digits(s: &str) -> Option<f64> {
    let t = s.trim_start_matches(['$', '£', '€']).trim_end_matches('%');
    if t.is_empty() || !t.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    if t.contains(',') {
        t.replace(',', "").parse::<f64>().ok()
    } else {
        t.parse::<f64>().ok()
    }
}

/// `map[s.to_ascii_lowercase()]`, without allocating when `s` is already
/// lowercase (the usual case).
fn get_lower(map: &rustc_hash::FxHashMap<String, u64>, s: &str) -> Option<u64> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        map.get(&s.to_ascii_lowercase()).copied()
    } else {
        map.get(s).copied()
    }
}

/// The longest word a number can be spelled with ("seventy-seven" and the
/// like are far shorter); a longer token is not a number word.
const MAX_NUMBER_WORD: usize = 48;

/// `s` lower-cased (ASCII) into `buf`, or `None` when it does not fit.
fn lower_into<'b>(buf: &'b mut [u8; MAX_NUMBER_WORD], s: &str) -> Option<&'b str> {
    let out = buf.get_mut(..s.len())?;
    out.copy_from_slice(s.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// Reads one number (without ranges) at `toks[i]`.
fn single(rules: &RuleSet, toks: &[Token<'_>], i: usize) -> Option<Number> {
    let t = toks.get(i)?;
    let money_prefix = t.text.starts_with(['$', '£', '€']);
    let percent = t.text.ends_with('%');
    let (mut value, mut len, mut article) = if let Some(v) = digits(t.text) {
        (v, 1, false)
    } else {
        // (lowercased only here, on the stack: digits need no copy)
        let mut buf = [0u8; MAX_NUMBER_WORD];
        let lower = lower_into(&mut buf, t.text)?;
        let hyphen = lower.contains('-');
        // "a two-year-old", "a five-point plan": an adjective, not a count
        // (every listed suffix has a hyphen, so most words skip the look)
        if hyphen
            && rules
                .lexicon(ADJECTIVE_SUFFIXES)
                .entries()
                .iter()
                .any(|suffix| lower.contains(suffix.as_str()))
        {
            return None;
        }
        let starts = rules.starts_number(lower);
        // neither a phrase start nor a hyphenated "twenty-five": no number
        if !starts && !hyphen {
            return None;
        }
        // multi-word phrases first ("a dozen", "a pair of")
        let mut found = None;
        // one buffer for the candidate phrases (no per-phrase join)
        let mut phrase = String::new();
        for n in (1..=3).rev() {
            if i + n > toks.len() || !starts {
                continue;
            }
            phrase.clear();
            for (k, t) in toks[i..i + n].iter().enumerate() {
                if k > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(t.text);
            }
            phrase.make_ascii_lowercase();
            if let Some(&v) = rules.number_words.get(phrase.as_str()) {
                found = Some((v as f64, n));
                break;
            }
        }
        if found.is_none() && hyphen {
            // "twenty-five"
            let mut parts = lower.split('-');
            if let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next())
                && let (Some(&x), Some(&y)) = (rules.number_words.get(a), rules.number_words.get(b))
                && x >= 20
                && y < 10
            {
                found = Some(((x + y) as f64, 1));
            }
        }
        let (v, n) = found?;
        (v, n, rules.lexicon(ARTICLES).contains(lower))
    };
    // scales: "6.5 million", "two thousand"
    if let Some(next) = toks.get(i + len)
        && let Some(scale) = get_lower(&rules.scales, next.text)
    {
        value *= scale as f64;
        len += 1;
        article = false;
    }
    let money = money_prefix
        || percent
        || toks.get(i + len).is_some_and(|n| {
            n.text.starts_with('$') || rules.lexicon(CURRENCY_WORDS).contains_any_case(n.text)
        });
    if !(0.0..=1e15).contains(&value) {
        return None;
    }
    Some(Number {
        value: value.round() as u64,
        len,
        money,
        article,
    })
}

/// Reads a number or range at `toks[i]`: "100 to 150" and "between 600 and
/// 1,000" give the upper number, as the guide wants.
pub fn number_at(rules: &RuleSet, toks: &[Token<'_>], i: usize) -> Option<Number> {
    let is = |t: &Token<'_>, id: LexiconId| rules.lexicon(id).contains_any_case(t.text);
    if is(toks.get(i)?, RANGE_OPENERS)
        && let Some(a) = single(rules, toks, i + 1)
        && toks
            .get(i + 1 + a.len)
            .is_some_and(|t| is(t, RANGE_JOINERS))
        && let Some(b) = single(rules, toks, i + 2 + a.len)
    {
        return Some(Number {
            value: b.value.max(a.value),
            len: a.len + b.len + 2,
            money: a.money || b.money,
            article: false,
        });
    }
    let a = single(rules, toks, i)?;
    if !a.article
        && toks
            .get(i + a.len)
            .is_some_and(|t| is(t, RANGE_LINKS) || t.text == "-")
        && let Some(b) = single(rules, toks, i + a.len + 1)
        && !b.article
        && b.value > a.value
    {
        return Some(Number {
            value: b.value,
            len: a.len + b.len + 1,
            money: a.money || b.money,
            article: false,
        });
    }
    Some(a)
}

/// Whether `n` at `toks[i]` looks like a calendar year ("in 2022").
pub fn is_year(toks: &[Token<'_>], i: usize, n: &Number) -> bool {
    let t = toks[i].text;
    n.len == 1
        && t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (1900..=2100).contains(&n.value)
}

/// Whether one of the eight bytes is an ASCII digit: the bytes XOR '0' are
/// below 10 exactly for digits, and "some byte below 10" is the usual
/// borrow test (exact as a yes/no for a bound up to 128).
#[inline(always)]
fn has_digit(eight: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let w = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    let x = w ^ (ONES * b'0' as u64);
    x.wrapping_sub(ONES * 10) & !x & (ONES * 0x80) != 0
}

/// Every year written in `text[start..end]`, with its byte offset.
pub fn years(text: &str, start: usize, end: usize) -> Vec<(i32, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    while i + 4 <= end {
        // (fast skip to the next digit; the test below needs one at `i`)
        if !bytes[i].is_ascii_digit() {
            // eight bytes at a time while none is a digit
            let mut j = i + 1;
            while j + 8 <= end && !has_digit(&bytes[j..j + 8]) {
                j += 8;
            }
            match bytes[j..end].iter().position(u8::is_ascii_digit) {
                Some(k) => i = j + k,
                None => break,
            }
            continue;
        }
        if bytes[i..i + 4].iter().all(|b| b.is_ascii_digit())
            && (i == 0
                || !bytes[i - 1].is_ascii_alphanumeric()
                    && bytes[i - 1] != b','
                    && bytes[i - 1] != b'$'
                    && bytes[i - 1] != b'.')
            && (i + 4 == bytes.len()
                || !bytes[i + 4].is_ascii_alphanumeric() && bytes[i + 4] != b','
                || (i + 5 < bytes.len() && bytes[i + 4] == b',' && bytes[i + 5] == b' '))
        {
            let y: i32 = text[i..i + 4].parse().unwrap_or(0);
            if (1900..=2100).contains(&y) {
                out.push((y, i));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn rules() -> RuleSet {
        RuleSet::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/rules")).unwrap()
    }

    fn read(rules: &RuleSet, s: &str) -> Option<u64> {
        let t = tokens(s, 0, s.len());
        number_at(rules, &t, 0).map(|n| n.value)
    }

    #[test]
    fn digits_words_ranges_and_scales() {
        let r = rules();
        assert_eq!(read(&r, "114 drones"), Some(114));
        assert_eq!(read(&r, "1,200 people"), Some(1200));
        assert_eq!(read(&r, "two women"), Some(2));
        assert_eq!(read(&r, "a dozen jets"), Some(12));
        assert_eq!(read(&r, "twenty-five soldiers"), Some(25));
        assert_eq!(read(&r, "100 to 150 jets"), Some(150));
        assert_eq!(read(&r, "between 600 and 1,000 vessels"), Some(1000));
        assert_eq!(read(&r, "two to three days"), Some(3));
        assert_eq!(read(&r, "6.5 million"), Some(6_500_000));
        assert_eq!(read(&r, "dozens"), None);
        assert_eq!(read(&r, "17-year-old"), None);
    }

    #[test]
    fn money_is_flagged() {
        let r = rules();
        let s = "$6.5 billion deal";
        let t = tokens(s, 0, s.len());
        assert!(number_at(&r, &t, 0).unwrap().money);
        let s = "500 million euros";
        let t = tokens(s, 0, s.len());
        assert!(number_at(&r, &t, 0).unwrap().money);
    }

    #[test]
    fn years_are_found() {
        let s = "in 2014 and since 2022, not 1,2014 or $2000";
        let y: Vec<i32> = years(s, 0, s.len()).into_iter().map(|(y, _)| y).collect();
        assert_eq!(y, vec![2014, 2022]);
    }

    #[test]
    fn digit_test_is_exact() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut eight = [b'x'; 8];
                eight[pos] = b;
                assert_eq!(has_digit(&eight), b.is_ascii_digit(), "{b} at {pos}");
                let mut eight = [0xffu8; 8];
                eight[pos] = b;
                assert_eq!(has_digit(&eight), b.is_ascii_digit(), "{b} at {pos}");
            }
        }
        let s = "x2019 in 2014; é 1999, ü2000 and 12345 or 2021, 2022 abcdefghijklmnop 1990";
        let y: Vec<i32> = years(s, 0, s.len()).into_iter().map(|(y, _)| y).collect();
        assert_eq!(y, vec![2014, 1999, 2000, 2021, 2022, 1990]);
        // every start: the same as from the whole text, cut to the span
        for a in (0..s.len()).filter(|&a| s.is_char_boundary(a)) {
            let all: Vec<(i32, usize)> = years(s, 0, s.len())
                .into_iter()
                .filter(|&(_, p)| p >= a)
                .collect();
            assert_eq!(years(s, a, s.len()), all, "from {a}");
        }
    }

    /// The tokenizer before its ASCII fast path, for comparison.
    fn tokens_char_by_char(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
        let Some(slice) = text.get(start..end.min(text.len())) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut cur: Option<usize> = None;
        let inner = |c: char| matches!(c, ',' | '.' | '-' | '\'' | '/' | '$' | '%' | '£' | '€');
        let chars: Vec<(usize, char)> = slice.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let j = i + c.len_utf8();
            let next_word = chars
                .get(k + 1)
                .is_some_and(|&(_, nc)| nc.is_alphanumeric());
            if c.is_alphanumeric()
                || (cur.is_some() && inner(c) && next_word)
                || ((c == '$' || c == '£' || c == '€') && next_word)
            {
                if cur.is_none() {
                    cur = Some(i);
                }
            } else {
                if let Some(s) = cur.take() {
                    out.push(Token {
                        text: &slice[s..i],
                        start: start + s,
                        end: start + i,
                    });
                }
                if !c.is_whitespace() {
                    out.push(Token {
                        text: &slice[i..j],
                        start: start + i,
                        end: start + j,
                    });
                }
            }
        }
        if let Some(s) = cur {
            out.push(Token {
                text: &slice[s..],
                start: start + s,
                end,
            });
        }
        out
    }

    #[test]
    fn tokens_agree_with_char_by_char() {
        let texts = [
            "",
            "a",
            "F-16s, 1,200 (U.S.) $6.5 and 17-year-old men's £5 €6.5bn 50% x",
            "Kyiv's café-bar, naïve2 ü9 9ü —dash— 'quoted' a.b. end.",
            "  spaces   around\ttabs\nand lines ",
            "$ $5 -5 --5 5-- ,5, 5,",
        ];
        for t in texts {
            for a in (0..=t.len()).filter(|&a| t.is_char_boundary(a)) {
                for e in [t.len(), t.len().saturating_sub(3)] {
                    if e >= a && t.is_char_boundary(e) {
                        assert_eq!(
                            tokens(t, a, e),
                            tokens_char_by_char(t, a, e),
                            "{t:?} {a} {e}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn tokens_keep_inner_punctuation() {
        let s = "F-16s, 1,200 (U.S.) $6.5";
        let t: Vec<&str> = tokens(s, 0, s.len()).iter().map(|t| t.text).collect();
        assert_eq!(t, vec!["F-16s", ",", "1,200", "(", "U.S", ".", ")", "$6.5"]);
    }
}
