//! Weapon systems named in a span and the quantity that goes with them
//! ("up to 100 French Rafale warplanes" -> Rafale, 100; "two complete Patriot
//! systems" -> Patriot, 2). Systems come from `weapons.toml`.

use super::numbers::{is_year, number_at, tokens};
use crate::rules::{Hit, Kind, LexiconId, RuleSet, System};

/// Words a quantity is not read back across ("two radars and 40 missiles").
const QUANTITY_STOPS: LexiconId = LexiconId::named("slots.quantity_stops");

/// A system found in a span.
#[derive(Debug, Clone)]
pub struct SystemHit<'r> {
    pub system: &'r System,
    pub start: usize,
    pub end: usize,
}

/// Systems in `[start, end)`, in order, without repeats of the same system.
pub fn systems_in<'r>(
    rules: &'r RuleSet,
    hits: &[Hit],
    start: usize,
    end: usize,
) -> Vec<SystemHit<'r>> {
    let mut out: Vec<SystemHit<'_>> = Vec::new();
    for h in hits.iter().filter(|h| h.start >= start && h.end <= end) {
        if let Kind::System(i) = rules.entry(h).kind {
            let system = &rules.systems[i];
            if !out.iter().any(|s| std::ptr::eq(s.system, system)) {
                out.push(SystemHit {
                    system,
                    start: h.start,
                    end: h.end,
                });
            }
        }
    }
    out
}

/// A model designator: a token with an upper-case letter and a digit
/// ("AH-64E", "F-35A", "K2", "PAC-3").
fn is_designator(tok: &str) -> bool {
    !tok.is_empty()
        && tok.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && tok.chars().any(|c| c.is_ascii_uppercase())
        && tok.chars().any(|c| c.is_ascii_digit())
}

/// The span of a system as the story writes it: the lexicon's alias hit
/// `[start, end)` widened over a model designator written right before or
/// after it ("AH-64E Apache", "Rafale F4"). The guide wants the system "as
/// named"; the lexicon only recognises it.
pub fn written_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut s = start;
    let mut e = end;
    if let Some(before) = text[..start].strip_suffix(' ') {
        let tok_start = before
            .rfind(|c: char| c.is_whitespace() || c == '(')
            .map_or(0, |i| i + 1);
        if is_designator(&before[tok_start..]) {
            s = tok_start;
        }
    }
    if let Some(after) = text[end..].strip_prefix(' ') {
        let tok_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(after.len());
        if is_designator(&after[..tok_len]) {
            e = end + 1 + tok_len;
        }
    }
    (s, e)
}

/// Where to start tokenising `text[span_start..pos]` when only its last
/// tokens are read: just after an ASCII whitespace byte (where the tokenizer
/// holds no partial token, so the tokens from there on are the same as those
/// of the whole span) with at least `TAIL_WORDS` words after it, each of
/// which starts with a printable ASCII byte (so gives a token); else
/// `span_start`.
fn tail_start(text: &str, span_start: usize, pos: usize) -> usize {
    // `quantity_before` reads the last six tokens and up to three before
    // each (the start of a number ending there): nine tokens at most, and
    // with nine its `i > 0` and `i + 1` bounds are never the ones that stop it
    const TAIL_WORDS: usize = 9;
    let bytes = text.as_bytes();
    let pos = pos.min(bytes.len());
    if text.get(span_start..pos).is_none() {
        return span_start;
    }
    let ws = |b: u8| matches!(b, b' ' | b'\n' | b'\t' | b'\r');
    let mut words = 0;
    let mut k = pos;
    while k > span_start + 1 {
        k -= 1;
        if bytes[k].is_ascii_graphic() && ws(bytes[k - 1]) {
            words += 1;
            if words == TAIL_WORDS {
                return k;
            }
        }
    }
    span_start
}

/// The count written just before `pos` (at most five words back, stopping at
/// punctuation): "180 K2 tanks", "up to 100 French Rafale", "as many as 48
/// of the jets". Money and years are not quantities; an article is not one.
pub fn quantity_before(rules: &RuleSet, text: &str, span_start: usize, pos: usize) -> Option<u64> {
    let toks = tokens(text, tail_start(text, span_start, pos), pos);
    // number_at(j) for the few positions looked at, each read once
    let mut memo: [Option<Option<super::numbers::Number>>; 10] = [None; 10];
    let len = toks.len();
    let mut read_at = |toks: &[super::numbers::Token<'_>], j: usize| match memo.get_mut(len - j) {
        Some(slot) => *slot.get_or_insert_with(|| number_at(rules, toks, j)),
        None => number_at(rules, toks, j),
    };
    let mut i = toks.len();
    let mut steps = 0;
    while i > 0 && steps < 6 {
        i -= 1;
        steps += 1;
        let t = toks[i].text;
        if matches!(t, "," | ";" | "." | "(" | ")" | ":")
            || steps > 1 && rules.lexicon(QUANTITY_STOPS).contains_any_case(t)
        {
            return None;
        }
        // find the start of a number ending here ("100 to 150")
        for back in 0..4.min(i + 1) {
            let j = i - back;
            if let Some(n) = read_at(&toks, j)
                && j + n.len == i + 1
            {
                if n.money || n.article || is_year(&toks, j, &n) || n.value == 0 {
                    return None;
                }
                return Some(n.value);
            }
        }
    }
    None
}

/// The part of an order a count names when it is written "the first N of
/// M" or "the first of M" right before `pos` (at most six tokens back,
/// stopping at punctuation): a word of `partitives` ("of") after a word of
/// `counters` ("first", "remaining"), or after a number that follows one.
/// Gives N, or 1 when no number stands between the counter and the
/// partitive; `None` when the count before `pos` is not so split.
pub fn part_before(
    rules: &RuleSet,
    text: &str,
    span_start: usize,
    pos: usize,
    counters: LexiconId,
    partitives: LexiconId,
) -> Option<u64> {
    let toks = tokens(text, tail_start(text, span_start, pos), pos);
    let is =
        |t: &super::numbers::Token<'_>, id: LexiconId| rules.lexicon(id).contains_any_case(t.text);
    let mut i = toks.len();
    let mut steps = 0;
    while i > 1 && steps < 6 {
        i -= 1;
        steps += 1;
        let t = &toks[i];
        if matches!(t.text, "," | ";" | "." | "(" | ")" | ":") {
            return None;
        }
        if !is(t, partitives) {
            continue;
        }
        if is(&toks[i - 1], counters) {
            return Some(1);
        }
        // a number ending right before the partitive, a counter before it
        return (1..=3.min(i - 1)).find_map(|back| {
            let j = i - back;
            number_at(rules, &toks, j)
                .filter(|n| j + n.len == i && !n.money && !n.article && n.value > 0)
                .filter(|_| is(&toks[j - 1], counters))
                .map(|n| n.value)
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn rules() -> RuleSet {
        RuleSet::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/rules")).unwrap()
    }

    fn q(r: &RuleSet, s: &str, sys: &str) -> Option<u64> {
        quantity_before(r, s, 0, s.find(sys).unwrap())
    }

    #[test]
    fn quantities() {
        let r = rules();
        assert_eq!(
            q(
                &r,
                "to purchase up to 100 French Rafale warplanes",
                "Rafale"
            ),
            Some(100)
        );
        assert_eq!(
            q(
                &r,
                "acquiring 100 to 150 new Gripen E fighter jets",
                "Gripen"
            ),
            Some(150)
        );
        assert_eq!(
            q(
                &r,
                "handing two complete Patriot air defence systems",
                "Patriot"
            ),
            Some(2)
        );
        assert_eq!(
            q(&r, "a contract for 180 K2 main battle tanks", "K2"),
            Some(180)
        );
        assert_eq!(q(&r, "a $6.5 billion K2 deal", "K2"), None);
        assert_eq!(q(&r, "a 2022 order for K2 tanks", "K2"), None);
        assert_eq!(q(&r, "ordered a Rafale", "Rafale"), None);
    }

    #[test]
    fn systems_are_found_once() {
        let r = rules();
        let s = "Patriot batteries and more Patriots, plus IRIS-T";
        let hits = r.scan(s);
        let names: Vec<&str> = systems_in(&r, &hits, 0, s.len())
            .iter()
            .map(|h| h.system.name.as_str())
            .collect();
        assert_eq!(names, vec!["Patriot", "IRIS-T"]);
    }
}
