//! Casualty counts: "killing at least 23 people", "a girl was killed and 10
//! others injured", "the death toll rose to 1,400", "nobody was hurt" (0).
//!
//! The casualty words are rule data (`strike.toml`, kinds killed, injured,
//! unhurt); this module only reads the number that goes with each word: the
//! one right after a participle ("killing 17") or, failing that, the one just
//! before a passive ("10 others injured"), never across another casualty word.

use super::numbers::{Token, is_year, number_at, tokens};
use crate::rules::{Hit, Kind, LexiconId, RuleSet};

/// Killed and injured counts read in a span; `None` when not stated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Casualties {
    pub killed: Option<u64>,
    pub injured: Option<u64>,
    /// "Nobody was hurt" or "no casualties".
    pub unhurt: bool,
}

impl Casualties {
    /// Whether anything was found.
    pub fn any(&self) -> bool {
        self.killed.is_some() || self.injured.is_some() || self.unhurt
    }
}

/// The lexicons of `slots.toml` the mechanisms below read.
const QUALIFIERS: LexiconId = LexiconId::named("slots.count_qualifiers");
const STOP: LexiconId = LexiconId::named("slots.count_stops");
const PARTICIPLES: LexiconId = LexiconId::named("slots.casualty_participles");
const TOLL_NOUNS: LexiconId = LexiconId::named("slots.toll_nouns");
const TOLL_LINKS: LexiconId = LexiconId::named("slots.toll_links");
const PASSIVE_AUX: LexiconId = LexiconId::named("slots.passive_aux");
const PARTICIPLE_ENDINGS: LexiconId = LexiconId::named("slots.participle_endings");

/// Whether token `w` is in lexicon `id`, ignoring case.
fn is(rules: &RuleSet, id: LexiconId, w: &str) -> bool {
    rules.lexicon(id).contains_any_case(w)
}

fn count_after(rules: &RuleSet, toks: &[Token<'_>], from: usize) -> Option<u64> {
    let mut i = from;
    let mut steps = 0;
    while i < toks.len() && steps < 8 {
        let low = toks[i].text;
        if let Some(n) = number_at(rules, toks, i) {
            if n.money || is_year(toks, i, &n) {
                return None;
            }
            // "a" before a person noun counts as one ("killing a 40-year-old man")
            return Some(n.value);
        }
        if is(rules, STOP, low) && low != "," || !is(rules, QUALIFIERS, low) {
            return None;
        }
        i += 1;
        steps += 1;
    }
    None
}

fn count_before(
    rules: &RuleSet,
    toks: &[Token<'_>],
    before: usize,
    casualty_tokens: &[bool],
) -> Option<u64> {
    let lo = before.saturating_sub(9);
    let mut i = before;
    while i > lo {
        i -= 1;
        if casualty_tokens[i] {
            return None;
        }
        if is(rules, STOP, toks[i].text) {
            return None;
        }
        if let Some(n) = number_at(rules, toks, i) {
            if n.money || is_year(toks, i, &n) || i + n.len > before {
                continue;
            }
            return Some(n.value);
        }
    }
    None
}

/// Reads casualties in `text[start..end]`; `hits` are the rule hits (any
/// order, any span: those outside are ignored).
pub fn casualties(
    rules: &RuleSet,
    text: &str,
    start: usize,
    end: usize,
    hits: &[Hit],
) -> Casualties {
    let mut out = Casualties::default();
    let in_span = |h: &&Hit| h.start >= start && h.end <= end;
    // without a killed or injured word no count is read: no tokens needed
    if !hits
        .iter()
        .filter(in_span)
        .any(|h| matches!(rules.entry(h).kind, Kind::Killed | Kind::Injured))
    {
        out.unhurt = hits
            .iter()
            .filter(in_span)
            .any(|h| rules.entry(h).kind == Kind::Unhurt);
        if out.unhurt {
            out.killed = Some(0);
            out.injured = Some(0);
        }
        return out;
    }
    let toks = tokens(text, start, end);
    let mut words: Vec<(usize, usize, bool)> = Vec::new(); // (first token, last token+1, killed?)
    for h in hits.iter().filter(in_span) {
        let kind = &rules.entry(h).kind;
        let killed = match kind {
            Kind::Killed => true,
            Kind::Injured => false,
            Kind::Unhurt => {
                out.unhurt = true;
                continue;
            }
            _ => continue,
        };
        // (tokens are disjoint and in order: binary searches, as a long
        // span has many tokens and casualty words)
        let first = Some(toks.partition_point(|t| t.start < h.start)).filter(|&i| i < toks.len());
        let last = toks.partition_point(|t| t.end <= h.end).checked_sub(1);
        if let (Some(f), Some(l)) = (first, last)
            && f <= l
        {
            words.push((f, l + 1, killed));
        }
    }
    let mut casualty_tokens = vec![false; toks.len()];
    for &(f, l, _) in &words {
        for c in &mut casualty_tokens[f..l] {
            *c = true;
        }
    }
    for &(f, l, killed) in &words {
        let slot = if killed {
            &mut out.killed
        } else {
            &mut out.injured
        };
        if slot.is_some() {
            continue;
        }
        let low = toks[f].text;
        let participle =
            rules.lexicon(PARTICIPLE_ENDINGS).suffixes(low) || is(rules, PARTICIPLES, low);
        let after = if is(rules, TOLL_NOUNS, low) {
            // "the death toll from the attack on Dnipro rose to 19"
            (l..toks.len().min(l + 16))
                .take_while(|&j| !matches!(toks[j].text, ";" | "."))
                .filter(|&j| is(rules, TOLL_LINKS, toks[j].text))
                .find_map(|j| count_after(rules, &toks, j + 1))
                .or_else(|| count_after(rules, &toks, l))
        } else if participle {
            count_after(rules, &toks, l)
        } else {
            None
        };
        let passive = f > 0 && is(rules, PASSIVE_AUX, toks[f - 1].text);
        let value = match after {
            Some(v) if !passive => Some(v),
            _ => count_before(rules, &toks, f, &casualty_tokens).or(after),
        };
        *slot = value;
    }
    if out.unhurt {
        // "no one was hurt" after counts keeps the counts; alone it means 0.
        if out.killed.is_none() && out.injured.is_none() {
            out.killed = Some(0);
            out.injured = Some(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn read(s: &str) -> Casualties {
        let rules =
            RuleSet::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/rules")).unwrap();
        let hits = rules.scan(s);
        casualties(&rules, s, 0, s.len(), &hits)
    }

    #[test]
    fn participles_passives_and_articles() {
        let c = read(
            "In Kharkiv, a 17-year-old girl was killed and 10 others injured by a Russian missile strike",
        );
        assert_eq!((c.killed, c.injured), (Some(1), Some(10)));
        let c = read("killing at least 23 people, including four children, and wounding dozens");
        assert_eq!((c.killed, c.injured), (Some(23), None));
        let c = read("killing 17 people and wounding 279, including 27 children");
        assert_eq!((c.killed, c.injured), (Some(17), Some(279)));
        let c = read("killing a 40-year-old man and injuring six people");
        assert_eq!((c.killed, c.injured), (Some(1), Some(6)));
        let c = read("five members of the group were killed");
        assert_eq!(c.killed, Some(5));
        let c = read("The death toll has risen to more than 1,400, with over 3,100 people injured");
        assert_eq!((c.killed, c.injured), (Some(1400), Some(3100)));
        let c = read("Two people were wounded and one died in hospital");
        assert_eq!((c.killed, c.injured), (Some(1), Some(2)));
    }

    #[test]
    fn nobody_hurt_is_zero() {
        let c = read("The railway said nobody was hurt.");
        assert_eq!((c.killed, c.injured), (Some(0), Some(0)));
        let c = read("A blast damaged a bridge.");
        assert_eq!((c.killed, c.injured), (None, None));
    }
}
