//! Diplomacy: visits, talks, summits, calls, agreements, acts on relations
//! and formal statements between states or international bodies.
//!
//! Participants are the countries named in the trigger's clause (widened to
//! the sentence, then to the previous sentence's subject, when the clause
//! names fewer than two: "he will arrive in Turkey" after "Zelenskyy
//! announced"). The venue is the country of the place the meeting is in or
//! the visit goes to. Domestic meetings (parliament, party, cabinet) are
//! cancelled by `traps.toml`.

use super::{Candidate, Doc, Sent, modality, traps, trigger_of};
use crate::extract::actors::{agents, codes_in, is_location};
use crate::gazetteer::PlaceKind;
use crate::model::{Category, EventSlots, Status};

const BLOCS: &[&str] = &["EU", "UN", "NATO"];

/// The subject of the sentence before `sent`: its first agent's code.
fn previous_subject(doc: &Doc, sent: &Sent) -> Option<String> {
    // the previous sentence: back to the sentence boundary before it
    let prev_end = doc.body[..sent.start].trim_end().len();
    let prev_start = doc.body[..prev_end.saturating_sub(1)].rfind(['.', '\n']).map(|i| i + 1).unwrap_or(0);
    doc.mentions
        .iter()
        .filter(|m| m.start >= prev_start && m.end <= sent.start)
        .find(|m| crate::extract::actors::is_agent_kind(m) && !is_location(doc.body, m))
        .and_then(|m| m.code.clone())
}

fn venue(doc: &Doc, sent: &Sent, cs: usize, ce: usize, trigger_end: usize, subtype: &str) -> Option<String> {
    if subtype == "call" || subtype == "statement" {
        return None;
    }
    let ok = |m: &&crate::gazetteer::Mention| {
        m.code.as_deref().is_some_and(|c| !BLOCS.contains(&c))
            && !matches!(m.kind, PlaceKind::Person | PlaceKind::ArmedGroup | PlaceKind::Demonym | PlaceKind::Sea)
            && is_location(doc.body, m)
            && !doc.body[..m.start].trim_end().to_ascii_lowercase().ends_with("from")
    };
    let clause = sent.mentions_in(cs, ce);
    if subtype == "visit" {
        if let Some(m) = clause.iter().filter(|m| m.start >= trigger_end).find(ok) {
            return m.code.clone();
        }
    }
    clause
        .iter()
        .find(ok)
        .or_else(|| sent.mentions.iter().find(ok))
        .and_then(|m| m.code.clone())
}

/// Adds the diplomacy candidates of one sentence.
pub fn candidates(doc: &Doc, sent: &Sent, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let mut prev_subject: Option<Option<String>> = None;
    for &(cs, ce) in &sent.clauses {
        let mut found: Vec<(&str, &crate::rules::Hit, Option<Status>, f64)> = Vec::new();
        for h in sent.hits_in(cs, ce) {
            let Some((sub, st, _)) = trigger_of(rules, h, Category::Diplomacy) else { continue };
            if found.iter().any(|f| f.0 == sub) || traps::blocked(doc, sent, &rules.entry(h).id) {
                continue;
            }
            found.push((sub, h, st, rules.entry(h).weight));
        }
        let specific = found.iter().any(|f| matches!(f.0, "summit" | "call" | "visit"));
        if specific {
            // "the summit meeting", "a call ... to discuss", "a visit ... for talks":
            // one event, named by the more specific word.
            found.retain(|f| f.0 != "talks");
        }
        for (subtype, hit, default, weight) in found {
            let Some((status, flat)) = modality::status_of(doc, sent, hit, default) else { continue };
            let clause_mentions = sent.mentions_in(cs, ce);
            let mut participants = codes_in(&agents(doc.body, clause_mentions).into_iter().cloned().collect::<Vec<_>>());
            for c in codes_in(clause_mentions) {
                if !participants.contains(&c) {
                    participants.push(c);
                }
            }
            if participants.len() < 2 {
                for c in codes_in(sent.mentions) {
                    if !participants.contains(&c) {
                        participants.push(c);
                    }
                }
            }
            let venue = venue(doc, sent, cs, ce, hit.end, subtype);
            if participants.len() < 2 {
                let prev = prev_subject.get_or_insert_with(|| previous_subject(doc, sent)).clone();
                if let Some(p) = prev
                    && !participants.contains(&p)
                {
                    participants.insert(0, p);
                }
            }
            if let Some(v) = &venue
                && subtype == "visit"
                && !participants.contains(v)
            {
                participants.push(v.clone());
            }
            if participants.is_empty() {
                continue;
            }
            out.push(Candidate {
                category: Category::Diplomacy,
                subtype: subtype.to_string(),
                status,
                flat_negation: flat,
                slots: EventSlots::Diplomacy { participants, venue_country: venue },
                sentence: (sent.start, sent.end),
                trigger: hit.start,
                weight,
                sentence_idx: sent.idx,
            });
        }
    }
}

fn parts(c: &Candidate) -> (&Vec<String>, &Option<String>) {
    match &c.slots {
        EventSlots::Diplomacy { participants, venue_country } => (participants, venue_country),
        _ => unreachable!("diplomacy candidate with other slots"),
    }
}

/// Folds a candidate into an earlier mention of the same event (same
/// subtype and status, compatible participants and venue), else adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (cp, cv) = parts(&c);
    for e in events.iter_mut().filter(|e| e.category == Category::Diplomacy && e.subtype == c.subtype && e.status == c.status) {
        let (ep, ev) = parts(e);
        let subset = cp.iter().all(|x| ep.contains(x)) || ep.iter().all(|x| cp.contains(x)) || cp.len() <= 1;
        let venue_ok = ev.is_none() || cv.is_none() || ev == cv;
        if subset && venue_ok {
            let mut np = ep.clone();
            for x in cp {
                if !np.contains(x) {
                    np.push(x.clone());
                }
            }
            let nv = ev.clone().or(cv.clone());
            e.slots = EventSlots::Diplomacy { participants: np, venue_country: nv };
            e.weight = e.weight.max(c.weight);
            return;
        }
    }
    events.push(c);
}

/// "No Russian representatives would attend the meetings" is part of the
/// meeting it declines (the guide folds it into that event): a denied
/// meeting at the venue of a meeting that is still on is dropped.
pub fn fold_declined(events: &mut Vec<Candidate>) {
    let live: Vec<String> = events
        .iter()
        .filter(|e| e.category == Category::Diplomacy && e.status != Status::Denied)
        .filter_map(|e| parts(e).1.clone())
        .collect();
    events.retain(|e| {
        !(e.category == Category::Diplomacy
            && e.status == Status::Denied
            && !e.flat_negation
            && parts(e).1.as_ref().is_some_and(|v| live.contains(v)))
    });
}
