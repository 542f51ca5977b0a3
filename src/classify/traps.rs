//! Traps: whether a trigger is cancelled by its context (a labour strike, a
//! doping sanction, an airliner order, a missile test, a cyberattack, police
//! action, domestic politics). The trap phrases live in `traps.toml`; this
//! module applies their scope and `unless` exceptions.

use super::{Doc, Sent};
use crate::rules::{Hit, Kind, LexiconId, RuleSet};

/// The trap and `unless` phrases of one sentence, indexed once so that each
/// of its triggers costs the number of traps, not the number of its hits.
#[derive(Debug, Default)]
pub struct SentTraps {
    /// Per trap: whether one of its `unless` phrases is in the sentence.
    unless: Vec<bool>,
    /// The sentence-scope traps with a phrase in the sentence, each once.
    traps: Vec<usize>,
}

/// Lexicons of `traps.toml`: words after or before a trap phrase that make it
/// the source of the report.
const SOURCE_AFTER: LexiconId = LexiconId::named("trap.source_after");
const SOURCE_BEFORE: LexiconId = LexiconId::named("trap.source_before");

/// Attribution: a trap phrase that only names who reports ("police said",
/// "a police spokesman", "according to police") sets no context for the
/// sentence's triggers.
fn is_source(rules: &RuleSet, lower: &str, h: &Hit) -> bool {
    let after = crate::extract::window(lower, h.end, h.end + 30)
        .split_ascii_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    if rules.in_lexicon(SOURCE_AFTER, after) {
        return true;
    }
    let before = crate::extract::window(lower, h.start.saturating_sub(30), h.start).trim_end();
    rules.lexicon(SOURCE_BEFORE).ends(before)
}

impl SentTraps {
    fn new(rules: &RuleSet, lower: &str, hits: &[Hit]) -> SentTraps {
        let mut out = SentTraps {
            unless: vec![false; rules.traps.len()],
            traps: Vec::new(),
        };
        for h in hits {
            match rules.entry(h).kind {
                Kind::Unless(t) => {
                    if let Some(u) = out.unless.get_mut(t) {
                        *u = true;
                    }
                }
                Kind::Trap(t)
                    if !rules.traps[t].story_scope
                        && !out.traps.contains(&t)
                        && !is_source(rules, lower, h) =>
                {
                    out.traps.push(t);
                }
                _ => {}
            }
        }
        out
    }
}

/// Whether the trigger `rule_id` in the clause `[cs, ce)` of `sent` is
/// cancelled: as [`blocked`], except that a clause-scope trap counts only
/// with a phrase inside that clause ("held talks with X, after Y signed a
/// contract for jets": the arms deal is another clause's).
pub fn blocked_in_clause(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    rule_id: &str,
    clause: (usize, usize),
) -> bool {
    blocked_within(doc, sent, rule_id, Some(clause))
}

/// Whether the trigger `rule_id` is cancelled in sentence `sent` (a
/// clause-scope trap counts anywhere in it: see [`blocked_in_clause`]).
pub fn blocked(doc: &Doc<'_>, sent: &Sent<'_>, rule_id: &str) -> bool {
    blocked_within(doc, sent, rule_id, None)
}

/// Story traps, then the sentence's traps; with a clause, a clause-scope
/// trap only by a phrase inside it.
fn blocked_within(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    rule_id: &str,
    clause: Option<(usize, usize)>,
) -> bool {
    // neither a story trap nor a trap phrase in the sentence: nothing to
    // index (most sentences)
    if !doc.any_story_trap && !sent.traps {
        return false;
    }
    let rules = doc.rules;
    let index = sent
        .trap_index
        .get_or_init(|| SentTraps::new(rules, &doc.lower, sent.hits));
    let lifted = |t: usize| index.unless.get(t).copied().unwrap_or(false);
    let counts = |t: usize| rules.traps[t].blocks(rule_id) && !lifted(t);
    // story-scope traps
    if doc.any_story_trap
        && doc
            .story_traps
            .iter()
            .enumerate()
            .any(|(t, active)| *active && counts(t))
    {
        return true;
    }
    // sentence-scope traps (most sentences have no trap phrase)
    if !sent.traps {
        return false;
    }
    match clause {
        None => index.traps.iter().any(|&t| counts(t)),
        Some((cs, ce)) => {
            index
                .traps
                .iter()
                .any(|&t| !rules.traps[t].clause_scope && counts(t))
                || sent.hits_in(cs, ce).any(|h| match rules.entry(h).kind {
                    Kind::Trap(t) => {
                        rules.traps[t].clause_scope && counts(t) && !is_source(rules, &doc.lower, h)
                    }
                    _ => false,
                })
        }
    }
}

/// The traps the body sets as context, whatever their scope: a trap phrase
/// that names no source, in a sentence (of `spans`) with none of its
/// `unless` phrases. What the body says a word means there holds for its
/// headline too ("nine soldiers killed in blast" over a body that tells of a
/// training flight or a depot that caught fire).
pub fn set_by_body(doc: &Doc<'_>, spans: &[(usize, usize, usize)]) -> Vec<bool> {
    let rules = doc.rules;
    let mut out = doc.story_traps.clone();
    for &(start, end, _) in spans {
        let a = doc.hits.partition_point(|h| h.start < start);
        let b = doc.hits.partition_point(|h| h.start < end);
        let hits = &doc.hits[a..b];
        for h in hits {
            if let Kind::Trap(t) = rules.entry(h).kind
                && !is_source(rules, &doc.lower, h)
                && !hits.iter().any(|u| rules.entry(u).kind == Kind::Unless(t))
            {
                out[t] = true;
            }
        }
    }
    out
}

/// Whether a trigger in a headline is cancelled by a trap in that headline
/// (or an active story trap).
pub fn blocked_in(doc: &Doc<'_>, hits: &[Hit], rule_id: &str) -> bool {
    let rules = doc.rules;
    let lifted = |t: usize| hits.iter().any(|h| rules.entry(h).kind == Kind::Unless(t));
    for (t, active) in doc.story_traps.iter().enumerate() {
        if *active && rules.traps[t].blocks(rule_id) && !lifted(t) {
            return true;
        }
    }
    hits.iter().any(|h| match rules.entry(h).kind {
        Kind::Trap(t) => rules.traps[t].blocks(rule_id) && !lifted(t),
        _ => false,
    })
}
