//! Traps: whether a trigger is cancelled by its context (a labour strike, a
//! doping sanction, an airliner order, a missile test, a cyberattack, police
//! action, domestic politics). The trap phrases live in `traps.toml`; this
//! module applies their scope and `unless` exceptions.

use super::{Doc, Sent};
use crate::rules::{Hit, Kind, RuleSet};

/// The trap and `unless` phrases of one sentence, indexed once so that each
/// of its triggers costs the number of traps, not the number of its hits.
#[derive(Debug, Default)]
pub struct SentTraps {
    /// Per trap: whether one of its `unless` phrases is in the sentence.
    unless: Vec<bool>,
    /// The sentence-scope traps with a phrase in the sentence, each once.
    traps: Vec<usize>,
}

impl SentTraps {
    fn new(rules: &RuleSet, hits: &[Hit]) -> SentTraps {
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
                Kind::Trap(t) if !rules.traps[t].story_scope && !out.traps.contains(&t) => {
                    out.traps.push(t);
                }
                _ => {}
            }
        }
        out
    }
}

/// Whether the trigger `rule_id` is cancelled in sentence `sent`.
pub fn blocked(doc: &Doc, sent: &Sent, rule_id: &str) -> bool {
    let rules = doc.rules;
    let index = sent
        .trap_index
        .get_or_init(|| SentTraps::new(rules, sent.hits));
    let lifted = |t: usize| index.unless.get(t).copied().unwrap_or(false);
    // story-scope traps
    if doc.any_story_trap {
        for (t, active) in doc.story_traps.iter().enumerate() {
            if *active && rules.traps[t].blocks(rule_id) && !lifted(t) {
                return true;
            }
        }
    }
    // sentence-scope traps (most sentences have no trap phrase)
    sent.traps
        && index
            .traps
            .iter()
            .any(|&t| rules.traps[t].blocks(rule_id) && !lifted(t))
}

/// Whether a trigger in a headline is cancelled by a trap in that headline
/// (or an active story trap).
pub fn blocked_in(doc: &Doc, hits: &[Hit], rule_id: &str) -> bool {
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
