//! Sanctions: measures by a state or bloc against a state, sector, company,
//! vessel or person, for political or security reasons.
//!
//! Weak triggers ("tariff", "listed", "lifted", "fined") count only in a
//! sentence that also shows a sanctions context ("sanctions", "shadow fleet",
//! "purchases of Russian oil"), which is what separates a punitive tariff
//! from a trade dispute. The imposer is the acting government before the
//! trigger; the target the other country named (often as a demonym: "Russian
//! crude"); the sector the first sector word of the clause (`sectors.toml`).

use super::{Candidate, Doc, Sent, modality, traps, trigger_of};
use crate::extract::actors::{agents, is_agent_kind, is_location};
use crate::gazetteer::PlaceKind;
use crate::model::{Category, EventSlots, Status};
use crate::rules::{Hit, Kind};

/// More specific subtypes win when one clause has several triggers.
fn rank(subtype: &str) -> u8 {
    match subtype {
        "threaten" => 0,
        "lift" => 1,
        "extend" => 2,
        "enforce" => 3,
        "expand" => 4,
        _ => 5,
    }
}

fn slots(c: &Candidate) -> (&Option<String>, &Option<String>, &Option<String>) {
    match &c.slots {
        EventSlots::Sanctions { imposer, target, sector } => (imposer, target, sector),
        _ => unreachable!("sanctions candidate with other slots"),
    }
}

/// Adds the sanctions candidates of one sentence.
pub fn candidates(doc: &Doc, sent: &Sent, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let context = sent.hits.iter().any(|h| {
        matches!(rules.entry(h).kind, Kind::Context { category: Category::Sanctions })
            || matches!(trigger_of(rules, h, Category::Sanctions), Some((_, _, false)))
    });
    for &(cs, ce) in &sent.clauses {
        let mut best: Option<(&str, &Hit, Option<Status>, f64)> = None;
        for h in sent.hits_in(cs, ce) {
            let Some((sub, st, needs)) = trigger_of(rules, h, Category::Sanctions) else { continue };
            if needs && !context || traps::blocked(doc, sent, &rules.entry(h).id) {
                continue;
            }
            if best.is_none_or(|b| rank(sub) < rank(b.0)) {
                best = Some((sub, h, st, rules.entry(h).weight));
            }
        }
        let Some((mut subtype, hit, default, weight)) = best else { continue };
        let Some((status, flat)) = modality::status_of(doc, sent, hit, default) else { continue };
        if status == Status::Threatened && subtype == "impose" {
            subtype = "threaten";
        }
        let clause = sent.mentions_in(cs, ce);
        let body = doc.body;
        let agent_before = |ms: &[crate::gazetteer::Mention]| {
            ms.iter()
                .filter(|m| m.end <= hit.start && is_agent_kind(m) && !is_location(body, m))
                .find(|m| m.kind != PlaceKind::Demonym || !body[m.end..].trim_start().starts_with(|c: char| c.is_lowercase()))
                .and_then(|m| m.code.clone())
        };
        let previous = out.iter().rev().find(|c| c.category == Category::Sanctions).map(|c| slots(c).0.clone());
        let imposer = agent_before(clause)
            .or_else(|| agent_before(sent.mentions))
            .or_else(|| previous.flatten())
            .or_else(|| agents(body, sent.mentions).first().and_then(|m| m.code.clone()));
        let other = |m: &&crate::gazetteer::Mention| m.code.is_some() && m.code != imposer && m.kind != PlaceKind::Sea;
        let target = clause
            .iter()
            .filter(|m| m.start >= hit.start)
            .find(other)
            .or_else(|| clause.iter().find(other))
            .or_else(|| sent.mentions.iter().filter(|m| m.start >= hit.start).find(other))
            .and_then(|m| m.code.clone());
        let sector = sent.hits_in(cs, ce).find_map(|h| match &rules.entry(h).kind {
            Kind::Sector(v) => Some(v.clone()),
            _ => None,
        });
        out.push(Candidate {
            category: Category::Sanctions,
            subtype: subtype.to_string(),
            status,
            flat_negation: flat,
            slots: EventSlots::Sanctions { imposer, target, sector },
            sentence: (sent.start, sent.end),
            trigger: hit.start,
            weight,
            sentence_idx: sent.idx,
        });
    }
}

/// Folds a candidate into an earlier one with the same subtype, status and
/// compatible slots (a later sentence that repeats the measure), else adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (ci, ct, cs) = slots(&c);
    let fits = |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || a == b;
    for e in events.iter_mut().filter(|e| e.category == Category::Sanctions && e.subtype == c.subtype && e.status == c.status) {
        let (ei, et, es) = slots(e);
        if fits(ei, ci) && fits(et, ct) && fits(es, cs) {
            e.slots = EventSlots::Sanctions {
                imposer: ei.clone().or(ci.clone()),
                target: et.clone().or(ct.clone()),
                sector: es.clone().or(cs.clone()),
            };
            e.weight = e.weight.max(c.weight);
            return;
        }
    }
    events.push(c);
}
