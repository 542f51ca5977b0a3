//! Country resolution in a sentence: who acts, and which mentions are only
//! locations.
//!
//! The gazetteer says what a name denotes ("Russian" -> RU, "Kremlin" -> RU,
//! "Kharkiv" -> a city in UA); this module says what role the name plays in
//! its sentence. A name after a location preposition ("in Kharkiv", "on
//! Kyiv", "over Poland"), after an attack verb ("pounded Kyiv"), or a
//! demonym before a place noun ("the Ukrainian capital") is a *location*; a
//! country, demonym, capital used as metonym ("Moscow said"), institution,
//! official or armed group elsewhere is an *agent*.

use crate::gazetteer::{Mention, PlaceKind};
use crate::model::CountryCode;
use crate::rules::{LexiconId, RuleSet};
use std::cell::Cell;

/// The lexicons of `slots.toml` the mechanisms below read.
const LOCATION_PREPOSITIONS: LexiconId = LexiconId::named("slots.location_prepositions");
const FILLERS: LexiconId = LexiconId::named("slots.location_fillers");
const PLACE_NOUNS: LexiconId = LexiconId::named("slots.place_nouns");
const REGISTRY_SUFFIXES: LexiconId = LexiconId::named("slots.registry_suffixes");
const CONTROL_SUFFIXES: LexiconId = LexiconId::named("slots.control_suffixes");
const AGENT_PREPOSITIONS: LexiconId = LexiconId::named("slots.agent_prepositions");
const ORIGIN_PREPOSITIONS: LexiconId = LexiconId::named("slots.origin_prepositions");
const LAUNCH_VERBS: LexiconId = LexiconId::named("slots.launch_verbs");
const OPERATOR_VERBS: LexiconId = LexiconId::named("slots.operator_verbs");
const REPORT_VERBS: LexiconId = LexiconId::named("slots.report_verbs");
const OWN_REPORT_SUBJECTS: LexiconId = LexiconId::named("slots.own_report_subjects");
const COMPLEMENTIZERS: LexiconId = LexiconId::named("slots.complementizers");
const OWN_REPORT_SUBJECTS_AFTER_THAT: LexiconId =
    LexiconId::named("slots.own_report_subjects_after_that");
const VICTIM_ROLES: LexiconId = LexiconId::named("slots.victim_roles");

/// Yes/no facts about a mention that depend only on the text and the
/// mention, and are asked about the same mention many times: each has two
/// bits of a mention's memo byte (see [`memo_flag`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// [`is_location`].
    Location = 0,
    /// `is_reporter`: the source of a report ("Russia's defence ministry said").
    Reporter = 1,
    /// Governed by "from" or "to" (a route, for `places::place_in`).
    Route = 2,
    /// Names a government taking part (`classify::diplomacy`'s participants).
    Participant = 3,
}

/// The text being analysed with a memo of facts (see [`Fact`]) for each of
/// its mentions: participants, venue, agents, attacker and place ask about
/// the same mentions again and again. A mention outside `mentions` is
/// computed each time.
#[derive(Debug, Clone, Copy)]
pub struct Locations<'a> {
    pub rules: &'a RuleSet,
    pub text: &'a str,
    mentions: &'a [Mention],
    /// One byte per mention of `mentions` (see [`memo_flag`]).
    memo: &'a [Cell<u8>],
}

impl<'a> Locations<'a> {
    /// `memo` must be as long as `mentions` (a shorter one memoises fewer).
    pub fn new(
        rules: &'a RuleSet,
        text: &'a str,
        mentions: &'a [Mention],
        memo: &'a [Cell<u8>],
    ) -> Self {
        Locations {
            rules,
            text,
            mentions: &mentions[..mentions.len().min(memo.len())],
            memo,
        }
    }

    /// No memo: every answer is computed.
    pub fn plain(rules: &'a RuleSet, text: &'a str) -> Self {
        Locations {
            rules,
            text,
            mentions: &[],
            memo: &[],
        }
    }

    /// `f()`, fact `fact` about `m`, memoised.
    pub fn fact(&self, m: &Mention, fact: Fact, f: impl FnOnce() -> bool) -> bool {
        memo_flag(self.mentions, self.memo, m, fact, f)
    }

    /// [`is_location`]`(self.text, m)`, memoised.
    pub fn is_location(&self, m: &Mention) -> bool {
        self.fact(m, Fact::Location, || is_location(self.rules, self.text, m))
    }

    /// `is_reporter(self.text, m)`, memoised.
    fn is_reporter(&self, m: &Mention) -> bool {
        self.fact(m, Fact::Reporter, || is_reporter(self.rules, self.text, m))
    }
}

/// The index of `m` in `mentions` (sorted by start and end, as the
/// classifier keeps a story's mentions), found by its span: mentions do not
/// overlap, so a span names one, and a copy of a mention is the same one.
pub fn mention_index(mentions: &[Mention], m: &Mention) -> Option<usize> {
    mentions
        .binary_search_by_key(&(m.start, m.end), |x| (x.start, x.end))
        .ok()
}

/// `f()`, fact `fact` about mention `m`, memoised in `memo` when `m` is one
/// of `mentions` (`memo` is as long as `mentions`; a shorter one memoises
/// fewer): in a mention's byte, bit `2 * fact` says the fact is known and
/// the bit above it is its value.
pub fn memo_flag(
    mentions: &[Mention],
    memo: &[Cell<u8>],
    m: &Mention,
    fact: Fact,
    f: impl FnOnce() -> bool,
) -> bool {
    let Some(cell) = mention_index(mentions, m).and_then(|i| memo.get(i)) else {
        return f();
    };
    let known = 1u8 << (2 * fact as u8);
    let yes = known << 1;
    let byte = cell.get();
    if byte & known != 0 {
        return byte & yes != 0;
    }
    let v = f();
    cell.set(byte | known | if v { yes } else { 0 });
    v
}

/// The words before `pos` (within 80 chars), nearest first, as written.
fn raw_words_before(text: &str, pos: usize) -> impl Iterator<Item = &str> {
    // the start of the 80th char before `pos` (0 when there are fewer);
    // 80 bytes back when those are ASCII (the usual case)
    let lo = match pos.checked_sub(80) {
        Some(lo) if text.as_bytes()[lo..pos].is_ascii() => lo,
        _ => text[..pos]
            .char_indices()
            .rev()
            .take(80)
            .last()
            .map(|(i, _)| i)
            .unwrap_or(0),
    };
    text[lo..pos]
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == '"')
        .filter(|w| !w.is_empty())
        .rev()
}

/// The first three words before `pos`, nearest first, as written (compare
/// them ignoring ASCII case), and how many there are (no `Vec`).
fn words_before3(text: &str, pos: usize) -> ([&str; 3], usize) {
    let mut out = [""; 3];
    let mut n = 0;
    for w in raw_words_before(text, pos).take(3) {
        out[n] = w;
        n += 1;
    }
    (out, n)
}

/// The two words after `pos`, as written ("" when missing).
fn word_after(text: &str, pos: usize) -> (&str, &str) {
    let rest = super::window(text, pos, pos + 60);
    let mut it = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == ';' || c == ':')
        .filter(|w| !w.is_empty());
    (it.next().unwrap_or_default(), it.next().unwrap_or_default())
}

/// The last word before `pos` after skipping fillers (for "in the Ukrainian
/// city of Sumy" this is "in"), as written: compare it ignoring ASCII case.
pub fn governing_word<'t>(rules: &RuleSet, text: &'t str, pos: usize) -> Option<&'t str> {
    let fillers = rules.lexicon(FILLERS);
    raw_words_before(text, pos).take(7).find(|w| {
        let possessive = w.ends_with("'s") || w.ends_with("'S");
        !possessive && !fillers.contains_any_case(w)
    })
}

/// Whether the governing word before `pos` is in lexicon `words`, in any case.
pub fn governed_by(rules: &RuleSet, text: &str, pos: usize, words: LexiconId) -> bool {
    governing_word(rules, text, pos).is_some_and(|w| rules.lexicon(words).contains_any_case(w))
}

fn starts_possessive(text: &str, end: usize) -> bool {
    text[end..].starts_with("'s ") || text[end..].starts_with("' ")
}

/// Whether a mention is used as a location in its sentence.
pub fn is_location(rules: &RuleSet, text: &str, m: &Mention) -> bool {
    match m.kind {
        PlaceKind::City | PlaceKind::Region | PlaceKind::Sea => return true,
        PlaceKind::Person | PlaceKind::ArmedGroup => return false,
        _ => {}
    }
    if rules.lexicon(REGISTRY_SUFFIXES).prefixes(&text[m.end..]) {
        // "the Liberian-flagged ship": a registry, not an actor
        return true;
    }
    if m.kind == PlaceKind::Demonym {
        // "the Ukrainian capital", "Ukrainian territory", "Ukrainian-held town"
        // (the next words are only needed here)
        let (next, next2) = word_after(text, m.end);
        let place_noun = |w: &str| rules.lexicon(PLACE_NOUNS).contains_any_case(w);
        let control = rules.lexicon(CONTROL_SUFFIXES).entries();
        return place_noun(next)
            || control.iter().any(|s| ends_with_ignore_case(next, s)) && place_noun(next2);
    }
    if starts_possessive(text, m.end) {
        // "Russia's Bryansk region": the country of a location.
        let rest = super::window(text, m.end + 2, text.len());
        if rest
            .split_ascii_whitespace()
            .take(2)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .any(|w| rules.lexicon(PLACE_NOUNS).contains_any_case(w))
        {
            return true;
        }
    }
    governed_by(rules, text, m.start, LOCATION_PREPOSITIONS)
}

/// `w.to_ascii_lowercase().ends_with(suffix)` for a lower-case `suffix`,
/// without the copy.
fn ends_with_ignore_case(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Whether a mention can stand for an acting government or group.
pub fn is_agent_kind(m: &Mention) -> bool {
    m.code.is_some()
        && matches!(
            m.kind,
            PlaceKind::Country
                | PlaceKind::Demonym
                | PlaceKind::Capital
                | PlaceKind::Institution
                | PlaceKind::Person
                | PlaceKind::ArmedGroup
                | PlaceKind::Bloc
        )
}

/// The agent mentions of `mentions` (already limited to one span).
pub fn agents<'m>(locs: &Locations<'_>, mentions: &'m [Mention]) -> Vec<&'m Mention> {
    mentions
        .iter()
        .filter(|m| is_agent_kind(m) && !locs.is_location(m))
        .collect()
}

/// The actor of an attack whose trigger word starts at `trigger`: a demonym
/// or country right before the weapon ("Russian missile strike", "Israeli
/// jets"), else "by X" after it, else "launched from X", else the first
/// agent of the span before the trigger (the sentence subject).
pub fn attacker(
    locs: &Locations<'_>,
    mentions: &[Mention],
    trigger: usize,
    trigger_end: usize,
) -> Option<CountryCode> {
    let text = locs.text;
    let rules = locs.rules;
    // adjacent modifier: at most 3 words between the name and the trigger
    if let Some(m) = mentions.iter().rev().find(|m| m.end <= trigger) {
        let gap = &text[m.end..trigger];
        if gap.split_ascii_whitespace().count() <= 3
            && !gap.contains([',', ';', '.'])
            && is_agent_kind(m)
            && !locs.is_location(m)
            && !locs.is_reporter(m)
        {
            return m.code;
        }
    }
    // "by X", "from X" after the trigger
    for m in mentions
        .iter()
        .filter(|m| m.start >= trigger_end && is_agent_kind(m))
    {
        let (w, n) = words_before3(text, m.start);
        let w = &w[..n];
        let is = |i: usize, list: LexiconId| {
            w.get(i)
                .is_some_and(|x| rules.lexicon(list).contains_any_case(x))
        };
        let launched = w
            .iter()
            .any(|x| rules.lexicon(LAUNCH_VERBS).contains_any_case(x));
        let close = text[trigger_end..m.start].len() < 60;
        if close && (is(0, AGENT_PREPOSITIONS) || by_agent(rules, &text[trigger_end..m.start])) {
            return m.code;
        }
        if close && is(0, ORIGIN_PREPOSITIONS) && launched {
            return m.code;
        }
        if is(0, AGENT_PREPOSITIONS) && is(1, OPERATOR_VERBS) {
            return m.code;
        }
    }
    for m in mentions.iter().filter(|m| m.start >= trigger_end) {
        let (w, n) = words_before3(text, m.start);
        let w = &w[..n];
        if w.first()
            .is_some_and(|x| rules.lexicon(ORIGIN_PREPOSITIONS).contains_any_case(x))
            && w.iter()
                .any(|x| rules.lexicon(LAUNCH_VERBS).contains_any_case(x))
        {
            return m.code;
        }
    }
    mentions
        .iter()
        .filter(|m| {
            m.end <= trigger && is_agent_kind(m) && !locs.is_location(m) && !locs.is_reporter(m)
        })
        .find(|m| !matches!(m.kind, PlaceKind::Demonym) || !followed_by_victim(rules, text, m))
        .and_then(|m| m.code)
}

/// "fired by the paramilitary RSF", "claimed by the Islamist group": `gap`
/// (the text from the trigger to the name) ends with an agent preposition
/// ("by", as written) and at most three lower-case words, without
/// punctuation.
fn by_agent(rules: &RuleSet, gap: &str) -> bool {
    let agent = rules.lexicon(AGENT_PREPOSITIONS);
    // what follows the last agent preposition that has a space after it
    let mut rest = None;
    let mut start = 0;
    for (space, _) in gap.match_indices(' ') {
        if agent.contains(&gap[start..space]) {
            rest = Some(&gap[space + 1..]);
        }
        start = space + 1;
    }
    let Some(rest) = rest else {
        return false;
    };
    !rest.contains([',', ';', '.', ':'])
        && rest.split_ascii_whitespace().count() <= 3
        && rest
            .split_ascii_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_lowercase()))
}

/// "Russia's defence ministry said 80 Ukrainian drones were downed": the
/// source of a report is not the attacker, unless it reports its own attack
/// ("Israel said it struck").
fn is_reporter(rules: &RuleSet, text: &str, m: &Mention) -> bool {
    let rest = super::window(text, m.end, m.end + 60);
    // (read lazily: a verb among the first five words and the two after it)
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let is = |w: &str, list: LexiconId| rules.lexicon(list).contains_any_case(w);
    if words.by_ref().take(5).any(|w| is(w, REPORT_VERBS)) {
        let next = words.next().unwrap_or("");
        let next2 = words.next().unwrap_or("");
        return !(is(next, OWN_REPORT_SUBJECTS)
            || is(next, COMPLEMENTIZERS) && is(next2, OWN_REPORT_SUBJECTS_AFTER_THAT));
    }
    false
}

/// "Ukrainian forces reported": a demonym followed by a reporting role is the
/// defender reporting, not the attacker.
fn followed_by_victim(rules: &RuleSet, text: &str, m: &Mention) -> bool {
    let (next, _) = word_after(text, m.end);
    rules.lexicon(VICTIM_ROLES).contains_any_case(next) && text[m.end..].len() > 1
}

/// `codes_in(mentions).len()`, without the copies: a code counts at its
/// first mention that is not a sea.
pub fn codes_count(mentions: &[Mention]) -> usize {
    let counted = |m: &Mention| m.kind != PlaceKind::Sea && m.code.is_some();
    mentions
        .iter()
        .enumerate()
        .filter(|&(i, m)| {
            counted(m) && !mentions[..i].iter().any(|x| counted(x) && x.code == m.code)
        })
        .count()
}

/// Codes of all agents and locations in a span, in order of mention, without
/// repeats: the participants of a meeting.
pub fn codes_in(mentions: &[Mention]) -> Vec<CountryCode> {
    let mut out: Vec<CountryCode> = Vec::new();
    for m in mentions {
        if m.kind == PlaceKind::Sea {
            continue;
        }
        if let Some(c) = m.code
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::extract::shipped_rules as rules;

    fn m(text: &str, name: &str, code: &str, kind: PlaceKind) -> Mention {
        let start = text.find(name).unwrap();
        Mention {
            start,
            end: start + name.len(),
            canonical: name.into(),
            code: CountryCode::new(code),
            kind,
        }
    }

    #[test]
    fn locations_and_agents() {
        let t = "In Kharkiv, a girl was killed by a Russian missile strike.";
        assert!(is_location(
            rules(),
            t,
            &m(t, "Kharkiv", "UA", PlaceKind::City)
        ));
        let ru = m(t, "Russian", "RU", PlaceKind::Demonym);
        assert!(!is_location(rules(), t, &ru));
        let trig = t.find("missile").unwrap();
        assert_eq!(
            attacker(&Locations::plain(rules(), t), &[ru], trig, trig + 7).as_deref(),
            Some("RU")
        );

        let t = "Russia pounded Kyiv with missiles.";
        let ms = vec![
            m(t, "Russia", "RU", PlaceKind::Country),
            m(t, "Kyiv", "UA", PlaceKind::Capital),
        ];
        assert!(is_location(rules(), t, &ms[1]));
        let trig = t.find("missiles").unwrap();
        assert_eq!(
            attacker(&Locations::plain(rules(), t), &ms, trig, trig + 8).as_deref(),
            Some("RU")
        );

        let t = "missiles struck the Ukrainian capital";
        assert!(is_location(
            rules(),
            t,
            &m(t, "Ukrainian", "UA", PlaceKind::Demonym)
        ));
        let t = "in Russia's Bryansk region";
        assert!(is_location(
            rules(),
            t,
            &m(t, "Russia", "RU", PlaceKind::Country)
        ));
        let t = "Russia's defence ministry said";
        assert!(!is_location(
            rules(),
            t,
            &m(t, "Russia", "RU", PlaceKind::Country)
        ));
    }

    #[test]
    fn memo_agrees_with_is_location() {
        let t = "Russia pounded Kyiv, and Russia's Bryansk region was hit.";
        let ms = vec![
            m(t, "Russia", "RU", PlaceKind::Country),
            m(t, "Kyiv", "UA", PlaceKind::Capital),
            m(t, "Bryansk", "RU", PlaceKind::Region),
        ];
        let memo = vec![Cell::new(0u8); ms.len()];
        let locs = Locations::new(rules(), t, &ms, &memo);
        for _ in 0..2 {
            for x in &ms {
                assert_eq!(locs.is_location(x), is_location(rules(), t, x));
                assert_eq!(locs.is_reporter(x), is_reporter(rules(), t, x));
                // another fact of the same byte
                assert!(
                    locs.fact(x, Fact::Participant, || x.kind == PlaceKind::Country)
                        == (x.kind == PlaceKind::Country)
                );
            }
        }
        // a copy is not one of the memoised mentions: computed
        let copy = ms[1].clone();
        assert!(locs.is_location(&copy));
    }

    #[test]
    fn codes_count_is_the_number_of_codes() {
        let t = "Russia and Ukraine met Russia in the Black Sea with Kyiv";
        let mut ms = vec![
            m(t, "Russia", "RU", PlaceKind::Country),
            m(t, "Ukraine", "UA", PlaceKind::Country),
            m(t, "Black Sea", "UA", PlaceKind::Sea),
            m(t, "Kyiv", "UA", PlaceKind::Capital),
        ];
        ms.push(ms[0].clone());
        for k in 0..=ms.len() {
            assert_eq!(codes_count(&ms[..k]), codes_in(&ms[..k]).len());
            assert_eq!(codes_count(&ms[k..]), codes_in(&ms[k..]).len());
        }
    }

    #[test]
    fn launched_from_names_the_attacker() {
        let t = "after unmanned aircraft launched from Ukraine were brought down";
        let ms = vec![m(t, "Ukraine", "UA", PlaceKind::Country)];
        let trig = t.find("unmanned aircraft").unwrap();
        assert_eq!(
            attacker(&Locations::plain(rules(), t), &ms, trig, trig + 17).as_deref(),
            Some("UA")
        );
    }
}
