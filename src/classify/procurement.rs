//! Procurement: a state or its forces acquiring military equipment (intent,
//! tender, approval, contract, delivery, aid, production).
//!
//! Every trigger needs a military object in its sentence (a system from
//! `weapons.toml` or a military-goods word), so "Emirates ordered 65
//! Boeing 777-9s" and a bus tender are not procurement. The system is as
//! named; the seller is the country named with it ("French Rafale", "from
//! Britain"), the giver of an aid delivery, or the system's origin; the buyer
//! the recipient ("sale to Ukraine") or the acting government.

use super::{Candidate, Doc, Sent, modality, traps, trigger_of};
use crate::extract::actors::{is_agent_kind, is_location};
use crate::extract::systems::{quantity_before, systems_in};
use crate::gazetteer::Mention;
use crate::model::{Category, EventSlots};
use crate::rules::Kind;

fn slots(c: &Candidate) -> (&Option<String>, &Option<String>, &Option<String>, &Option<u64>) {
    match &c.slots {
        EventSlots::Procurement { buyer, seller, system, quantity } => (buyer, seller, system, quantity),
        _ => unreachable!("procurement candidate with other slots"),
    }
}

fn word_before(body: &str, pos: usize) -> String {
    body[..pos]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase()
}

/// The country named right before a system ("French Rafale", "Norway's
/// NASAMS", "U.S.-made F-35").
fn modifier(body: &str, mentions: &[Mention], pos: usize) -> Option<String> {
    let m = mentions.iter().rev().find(|m| m.end <= pos)?;
    let gap = &body[m.end..pos];
    let ok = gap.split_whitespace().count() <= 2 && !gap.contains([',', ';', '.']) && !word_before(body, m.start).eq("to");
    (ok && m.code.is_some()).then(|| m.code.clone()).flatten()
}

/// Adds the procurement candidates of one sentence.
pub fn candidates(doc: &Doc, sent: &Sent, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let body = doc.body;
    let military = sent.hits.iter().any(|h| {
        matches!(rules.entry(h).kind, Kind::System(_) | Kind::Context { category: Category::Procurement })
    });
    if !military {
        return;
    }
    for &(cs, ce) in &sent.clauses {
        let Some(hit) = sent.hits_in(cs, ce).find(|h| {
            trigger_of(rules, h, Category::Procurement).is_some() && !traps::blocked(doc, sent, &rules.entry(h).id)
        }) else {
            continue;
        };
        let (subtype, default, _) = trigger_of(rules, hit, Category::Procurement).unwrap_or(("intent", None, false));
        let Some((status, flat)) = modality::status_of(doc, sent, hit, default) else { continue };
        let weight = rules.entry(hit).weight;
        let mut systems = systems_in(rules, sent.hits, cs, ce);
        if systems.is_empty() {
            systems = systems_in(rules, sent.hits, sent.start, sent.end);
        }
        let clause = sent.mentions_in(cs, ce);
        let recipient = sent
            .mentions
            .iter()
            .filter(|m| m.start >= hit.start && is_agent_kind(m) || m.start >= hit.start && m.code.is_some())
            .find(|m| matches!(word_before(body, m.start).as_str(), "to" | "for") && m.code.is_some())
            .and_then(|m| m.code.clone());
        let from = clause
            .iter()
            .find(|m| matches!(word_before(body, m.start).as_str(), "from" | "with") && m.code.is_some())
            .and_then(|m| m.code.clone());
        let subject = sent
            .mentions
            .iter()
            .filter(|m| m.end <= hit.start && is_agent_kind(m) && !is_location(body, m))
            .find_map(|m| m.code.clone());
        let giver = matches!(subtype, "delivery" | "aid") && recipient.is_some();
        let previous = out.iter().rev().find(|c| c.category == Category::Procurement).map(|c| slots(c).0.clone()).flatten();
        let mut push = |system: Option<String>, seller: Option<String>, quantity: Option<u64>| {
            let buyer = recipient
                .clone()
                .or_else(|| subject.clone().filter(|s| Some(s) != seller.as_ref()))
                .or_else(|| {
                    sent.mentions
                        .iter()
                        .filter(|m| is_agent_kind(m))
                        .filter_map(|m| m.code.clone())
                        .find(|c| Some(c) != seller.as_ref())
                })
                .or_else(|| previous.clone());
            out.push(Candidate {
                category: Category::Procurement,
                subtype: subtype.to_string(),
                status,
                flat_negation: flat,
                slots: EventSlots::Procurement { buyer, seller, system, quantity },
                sentence: (sent.start, sent.end),
                trigger: hit.start,
                weight,
                sentence_idx: sent.idx,
            });
        };
        if systems.is_empty() {
            // quantity before a military-goods noun ("48 fighter jets")
            let quantity = sent.hits_in(cs, ce).find_map(|h| match rules.entry(h).kind {
                Kind::Context { category: Category::Procurement } => quantity_before(rules, body, cs, h.start),
                _ => None,
            });
            let seller = from.clone().or_else(|| if giver { subject.clone() } else { None });
            push(None, seller, quantity);
            continue;
        }
        for sh in systems.iter().take(3) {
            let named = modifier(body, sent.mentions, sh.start);
            let seller = if giver && named.is_none() {
                subject.clone().or_else(|| sh.system.origin.clone())
            } else {
                named.or_else(|| from.clone()).or_else(|| sh.system.origin.clone())
            };
            let quantity = quantity_before(rules, body, cs.min(sh.start), sh.start);
            push(Some(sh.system.name.clone()), seller, quantity);
        }
    }
}

/// Folds a candidate into an earlier one of the same subtype and status
/// whose system and buyer agree, else adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (cb, cs, csys, cq) = slots(&c);
    let fits = |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || a == b;
    for e in events.iter_mut().filter(|e| e.category == Category::Procurement && e.subtype == c.subtype && e.status == c.status) {
        let (eb, es, esys, eq) = slots(e);
        if fits(esys, csys) && fits(eb, cb) && (eq.is_none() || cq.is_none() || eq == cq) {
            e.slots = EventSlots::Procurement {
                buyer: eb.clone().or(cb.clone()),
                seller: es.clone().or(cs.clone()),
                system: esys.clone().or(csys.clone()),
                quantity: eq.or(*cq),
            };
            e.weight = e.weight.max(c.weight);
            return;
        }
    }
    events.push(c);
}
