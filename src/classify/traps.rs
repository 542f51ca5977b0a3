//! Traps: whether a trigger is cancelled by its context (a labour strike, a
//! doping sanction, an airliner order, a missile test, a cyberattack, police
//! action, domestic politics). The trap phrases live in `traps.toml`; this
//! module applies their scope and `unless` exceptions.

use super::{Doc, Sent};
use crate::rules::{Hit, Kind};

/// Whether the trigger `rule_id` is cancelled in sentence `sent`.
pub fn blocked(doc: &Doc, sent: &Sent, rule_id: &str) -> bool {
    let rules = doc.rules;
    let lifted = |t: usize| {
        sent.hits
            .iter()
            .any(|h| rules.entry(h).kind == Kind::Unless(t))
    };
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
        && sent.hits.iter().any(|h: &Hit| match rules.entry(h).kind {
            Kind::Trap(t) => {
                !rules.traps[t].story_scope && rules.traps[t].blocks(rule_id) && !lifted(t)
            }
            _ => false,
        })
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
