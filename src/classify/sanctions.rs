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
use crate::extract::actors::{agents, is_agent_kind};
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
        EventSlots::Sanctions {
            imposer,
            target,
            sector,
        } => (imposer, target, sector),
        _ => unreachable!("sanctions candidate with other slots"),
    }
}

/// Reason markers: sector words after them describe why, not what is hit
/// ("a duty on Indian goods as a penalty for purchases of Russian oil").
const REASONS: &[&str] = &[
    " for ",
    " over ",
    " because ",
    " as a penalty",
    " accusing ",
    " accused ",
    " saying ",
    " in response ",
    " unless ",
    " if ",
    " until ",
];

/// `REASONS.iter().filter_map(|r| hay.find(r)).min()`: the first offset
/// where a reason starts (every reason starts with a space).
fn first_reason(hay: &str) -> Option<usize> {
    let h = hay.as_bytes();
    memchr::memchr_iter(b' ', h).find(|&p| REASONS.iter().any(|r| h[p..].starts_with(r.as_bytes())))
}

/// Words that may stand between an imposer and its measure ("U.S. economic
/// sanctions", "the EU's new package").
const MODIFIERS: &[&str] = &[
    "new",
    "economic",
    "fresh",
    "additional",
    "further",
    "own",
    "financial",
    "blocking",
    "secondary",
    "sweeping",
    "tougher",
    "existing",
    "unilateral",
    "nuclear-related",
    "oil",
    "energy",
    "trade",
    "sectoral",
    "targeted",
    "latest",
];

/// A passive measure ("Nayara Energy was listed", "two banks were
/// designated"): the words before it name the target, not the imposer.
/// `before` is lower case.
fn is_passive(before: &str) -> bool {
    let mut words = before
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphabetic()))
        .skip_while(|w| matches!(*w, "also" | "now" | "already" | "formally" | "then"));
    matches!(
        words.next(),
        Some("was" | "were" | "been" | "be" | "is" | "are")
    )
}

/// The sector of one item of a list of targets: the last sector word of the
/// item after the target's name ("India's Nayara Energy refinery"), else of
/// the item before it ("four oil terminals in China"). Items are separated by
/// commas, semicolons and "and".
fn item_sector(
    doc: &Doc,
    sent: &Sent,
    m: &crate::gazetteer::Mention,
    cs: usize,
    ce: usize,
) -> Option<String> {
    let body = doc.body;
    let seps = [",", ";", " and ", " as "];
    let right = seps
        .iter()
        .filter_map(|d| crate::extract::find_str(&body[m.end..ce], d).map(|i| m.end + i))
        .min()
        .unwrap_or(ce);
    let left = seps
        .iter()
        .filter_map(|d| crate::extract::rfind_str(&body[cs..m.start], d).map(|i| cs + i + d.len()))
        .max()
        .unwrap_or(cs);
    let sector_in = |s: usize, e: usize| {
        sent.hits_in(s, e)
            .filter_map(|h| match &doc.rules.entry(h).kind {
                Kind::Sector(v) => Some(v.clone()),
                _ => None,
            })
            .last()
    };
    sector_in(m.end, right).or_else(|| sector_in(left, m.start))
}

fn is_list_gap(gap: &str) -> bool {
    let g = gap.trim();
    matches!(g, "" | "," | "and" | ", and" | "or")
}

/// Adds the sanctions candidates of one sentence.
pub fn candidates(doc: &Doc, sent: &Sent, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let body = doc.body;
    let context = sent.hits.iter().any(|h| {
        matches!(
            rules.entry(h).kind,
            Kind::Context {
                category: Category::Sanctions
            }
        ) || matches!(
            trigger_of(rules, h, Category::Sanctions),
            Some((_, _, false))
        )
    });
    for &(cs, ce) in &sent.clauses {
        let mut found: Vec<(&str, &Hit, Option<Status>, f64)> = Vec::new();
        for h in sent.hits_in(cs, ce) {
            let Some((sub, st, needs)) = trigger_of(rules, h, Category::Sanctions) else {
                continue;
            };
            // a threat of further measures in a story that already reports
            // sanctions ("Trump has also threatened to raise tariffs on
            // Colombian goods") is a threat of punishment, not trade policy
            // a measure phrase right after a sanctions sentence continues it
            // ("New Zealand announced the same reduction on Friday")
            // (read only for a trigger that needs context and has none)
            let story_context = || {
                let carried = || {
                    body[h.start..h.end].contains(' ')
                        && out.iter().any(|c| {
                            c.category == Category::Sanctions && c.sentence_idx + 1 == sent.idx
                        })
                };
                (sub == "threaten" || is_passive(&doc.lower[cs..h.start]) || carried())
                    && out.iter().any(|c| {
                        c.category == Category::Sanctions && !c.flat_negation && c.subtype != "lift"
                    })
            };
            if needs && !context && !story_context()
                || traps::blocked(doc, sent, &rules.entry(h).id)
            {
                continue;
            }
            found.push((sub, h, st, rules.entry(h).weight));
        }
        // "adds 105 vessels to the list" expands a listing; "added fresh
        // asset freezes" imposes new measures
        let listing = crate::extract::contains_str(&doc.lower[cs..ce], "list");
        let strong_impose = found.iter().any(|f| f.0 == "impose" && f.3 >= 0.9);
        found.retain(|f| f.0 != "expand" || listing || !strong_impose);
        found.sort_by_key(|f| (rank(f.0), f.1.start));
        // the most specific trigger that is still an event
        let Some((mut subtype, hit, status, flat, weight)) =
            found.iter().find_map(|&(sub, h, st, w)| {
                modality::status_of(doc, sent, h, st)
                    .map(|(status, flat)| (sub, h, status, flat, w))
            })
        else {
            continue;
        };
        if status == Status::Threatened && subtype == "impose" {
            subtype = "threaten";
        }
        let passive = is_passive(&doc.lower[cs..hit.start]);
        let clause = sent.mentions_in(cs, ce);
        let agent = |m: &&crate::gazetteer::Mention| {
            is_agent_kind(m) && !doc.is_location(m) && m.kind != PlaceKind::Person
                || m.kind == PlaceKind::Person && m.code.is_some()
        };
        // 1. "new U.S. sanctions", "EU sanctions": the imposer named with the measure
        let modifier = clause
            .iter()
            .rev()
            .find(|m| m.end <= hit.start)
            .filter(|m| {
                let gap =
                    crate::extract::trim_start_str(body[m.end..hit.start].trim(), "'s").trim();
                let adjectives = gap
                    .split_whitespace()
                    .all(|w| crate::extract::one_of(MODIFIERS, w));
                m.code.is_some() && adjectives && !gap.contains([',', ';'])
            })
            .and_then(|m| m.code.clone());
        // 2. "boarded by French naval commandos"
        let by = clause
            .iter()
            .filter(|m| m.start >= hit.end && m.start - hit.end < 30 && agent(m))
            .find(|m| body[hit.end..m.start].split_whitespace().next() == Some("by"))
            .and_then(|m| m.code.clone());
        // 3. the nearest acting government before the trigger, with the
        //    others of a list ("Britain, Australia and Canada imposed")
        let first_word = doc.lower[cs..ce].split_whitespace().next().unwrap_or("");
        let subordinate = matches!(
            first_word,
            "after" | "before" | "since" | "when" | "until" | "following" | "as"
        );
        let relative = matches!(first_word, "which" | "who");
        let mut subjects: Vec<String> = Vec::new();
        if !subordinate && !passive {
            let before: Vec<&crate::gazetteer::Mention> = clause
                .iter()
                .filter(|m| m.end <= hit.start)
                .filter(agent)
                .collect();
            if let Some(last) = before.last() {
                subjects.extend(last.code.clone());
                let mut next = *last;
                for m in before.iter().rev().skip(1) {
                    if is_list_gap(&body[m.end..next.start]) {
                        if let Some(c) = &m.code
                            && !subjects.contains(c)
                        {
                            subjects.insert(0, c.clone());
                        }
                        next = m;
                    } else {
                        break;
                    }
                }
            }
        }
        if relative && subjects.is_empty() {
            // "the European Union, which cut its cap": the antecedent
            subjects.extend(
                sent.mentions_in(sent.start, cs)
                    .iter()
                    .rev()
                    .filter(agent)
                    .find_map(|m| m.code.clone()),
            );
        }
        let same_sentence = out
            .iter()
            .rev()
            .find(|c| c.category == Category::Sanctions && c.sentence_idx == sent.idx)
            .and_then(|c| slots(c).0.clone());
        let previous = out.iter().rev().find(|c| c.category == Category::Sanctions);
        let imposers: Vec<Option<String>> = if let Some(m) = modifier.or(by) {
            vec![Some(m)]
        } else if !subjects.is_empty() {
            subjects.into_iter().map(Some).collect()
        } else {
            let fallback = same_sentence
                .or_else(|| {
                    sent.mentions_in(sent.start, hit.start)
                        .iter()
                        .rev()
                        .filter(|_| !passive)
                        .filter(agent)
                        .find_map(|m| m.code.clone())
                })
                .or_else(|| previous.and_then(|c| slots(c).0.clone()))
                .or_else(|| {
                    agents(&doc.locs(), sent.mentions)
                        .first()
                        .and_then(|m| m.code.clone())
                });
            vec![fallback]
        };
        // the target: the first other country after the trigger (often a
        // demonym: "Russian crude"), else in the clause, else the sentence
        let other = |m: &&crate::gazetteer::Mention| {
            m.code.is_some()
                && !imposers.contains(&m.code)
                && m.kind != PlaceKind::Sea
                && m.kind != PlaceKind::Bloc
        };
        // passive: the subject before the measure is the target
        let subject = clause
            .iter()
            .filter(|m| passive && m.end <= hit.start)
            .find(|m| other(m) && matches!(m.kind, PlaceKind::Country | PlaceKind::Demonym));
        let mut target = subject
            .or_else(|| clause.iter().filter(|m| m.start >= hit.start).find(other))
            .or_else(|| clause.iter().find(other))
            .or_else(|| {
                sent.mentions
                    .iter()
                    .filter(|m| m.start >= hit.start)
                    .find(other)
            })
            .and_then(|m| m.code.clone());
        // the sector: the first sector word of the clause, before any reason
        let lower = &doc.lower[cs..ce];
        // (the earliest of the reasons: one scan of the spaces, as each
        // starts with one)
        let reason_at = first_reason(&lower[hit.end.saturating_sub(cs).min(lower.len())..])
            .map(|i| cs + hit.end.saturating_sub(cs) + i)
            .unwrap_or(ce);
        let mut sector =
            sent.hits_in(cs, reason_at.max(hit.end))
                .find_map(|h| match &rules.entry(h).kind {
                    Kind::Sector(v) => Some(v.clone()),
                    _ => None,
                });
        if let Some(m) = subject
            && let Some(s) = item_sector(doc, sent, m, cs, ce)
        {
            sector = Some(s);
        }
        if target.is_none() && sector.is_some() {
            // "imposes a ban on Russian banks ..., and adds 105 vessels to
            // the list": a further measure of the sentence, same target
            target = out
                .iter()
                .rev()
                .filter(|c| c.category == Category::Sanctions && c.sentence_idx == sent.idx)
                .find_map(|c| slots(c).1.clone());
        }
        if target.is_none()
            && sector.is_none()
            && let Some(p) = previous
        {
            // "Britain froze the assets of both companies": the measure named before
            target = slots(p).1.clone();
            sector = slots(p).2.clone();
        }
        // a list of targets in one clause ("44 tankers in Russia's shadow
        // fleet, India's Nayara refinery ... and four oil terminals in
        // China"): one event per further target country, with the sector
        // named next to it
        let mut targets: Vec<(Option<String>, Option<String>)> =
            vec![(target.clone(), sector.clone())];
        if imposers.len() == 1 {
            // the list may run on into a relative clause ("India's refinery,
            // which imported Russian crude, and four oil terminals in China")
            let mut list_end = reason_at;
            if reason_at >= ce {
                let mut relative_seen = false;
                for &(s2, e2) in sent.clauses.iter().filter(|c| c.0 >= ce) {
                    let head = body[s2..e2].trim_start_matches([',', ' ']);
                    if head.starts_with("which ") || head.starts_with("who ") {
                        relative_seen = true;
                        list_end = e2;
                    } else if relative_seen && head.starts_with("and ") {
                        // the list resumes after the relative clause
                        list_end = e2;
                    } else {
                        break;
                    }
                }
            }
            let listed: Vec<&crate::gazetteer::Mention> = if list_end > ce {
                sent.mentions_in(cs, list_end).iter().collect()
            } else {
                clause.iter().collect()
            };
            for m in listed
                .into_iter()
                .filter(|m| (m.start > hit.end || passive) && m.end <= list_end)
            {
                let Some(code) = &m.code else { continue };
                if !matches!(m.kind, PlaceKind::Country | PlaceKind::Demonym)
                    || imposers.contains(&m.code)
                {
                    continue;
                }
                if targets.iter().any(|(t, _)| t.as_ref() == Some(code)) || targets.len() >= 3 {
                    continue;
                }
                let (ics, ice) = sent.clause_of(m.start);
                let near_sector = item_sector(doc, sent, m, ics, ice).or_else(|| {
                    sent.hits_in(m.start.saturating_sub(40).max(ics), (m.end + 40).min(ice))
                        .find_map(|h| match &rules.entry(h).kind {
                            Kind::Sector(v) => Some(v.clone()),
                            _ => None,
                        })
                });
                targets.push((Some(code.clone()), near_sector));
            }
        }
        let imposers: Vec<(Option<String>, Option<String>, Option<String>)> = if targets.len() > 1 {
            targets
                .into_iter()
                .map(|(t, s)| (imposers[0].clone(), t, s))
                .collect()
        } else {
            imposers
                .into_iter()
                .map(|i| (i, target.clone(), sector.clone()))
                .collect()
        };
        for (imposer, target, sector) in imposers {
            out.push(Candidate {
                category: Category::Sanctions,
                subtype: subtype.to_string(),
                status,
                flat_negation: flat,
                slots: EventSlots::Sanctions {
                    imposer,
                    target: target.clone(),
                    sector: sector.clone(),
                },
                sentence: (sent.start, sent.end),
                trigger: hit.start,
                weight,
                sentence_idx: sent.idx,
                tally: false,
            });
        }
    }
}

/// Folds a candidate into an earlier one with the same subtype, status and
/// compatible slots (a later sentence that repeats the measure), else adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (ci, ct, cs) = slots(&c);
    let fits = |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || a == b;
    for e in events.iter_mut().filter(|e| {
        e.category == Category::Sanctions && e.subtype == c.subtype && e.status == c.status
    }) {
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
