//! Modality: the status of an event (occurred, scheduled, proposed,
//! threatened, denied), or that a mention is no event at all (hypothetical,
//! historical, background).
//!
//! Cues are rule data (`modality.toml`) and act only inside the clause of
//! their trigger, so "he will arrive in Turkey, following a visit to Spain"
//! gives a scheduled visit and an occurred one. Why the precedence below: a
//! negation or cancellation overrides any tense ("the planned summit was
//! called off" is denied); a conditional or a past year removes the event; a
//! threat outranks a plan; the nearest tense cue wins over a distant one.

use super::{Doc, Sent};
use crate::extract::numbers::years;
use crate::model::Status;
use crate::rules::{Cue, Hit, Kind};

/// The modality of a trigger: a status (with the flat-negation flag), or
/// `None` when the mention is not an event.
pub type Modality = Option<(Status, bool)>;

/// Clause spans of `[start, end)`, cut at the clause separators of
/// `modality.toml`.
pub fn clauses(doc: &Doc, start: usize, end: usize, hits: &[Hit]) -> Vec<(usize, usize)> {
    let mut cuts = vec![start];
    for h in hits {
        if doc.rules.entry(h).kind == Kind::Clause && h.start > start && h.start < end {
            // cut at the separator's first non-space byte
            let off = doc.body[h.start..h.end].len() - doc.body[h.start..h.end].trim_start().len();
            let c = h.start + off;
            if c > *cuts.last().unwrap_or(&start) {
                cuts.push(c);
            }
        }
    }
    cuts.push(end);
    cuts.windows(2).filter(|w| w[0] < w[1]).map(|w| (w[0], w[1])).collect()
}

fn cue_of(doc: &Doc, h: &Hit) -> Option<Cue> {
    match doc.rules.entry(h).kind {
        Kind::Cue(c) => Some(c),
        _ => None,
    }
}

/// Whether `[s, e)` has a cue of kind `cue`.
pub fn has_cue(doc: &Doc, sent: &Sent, s: usize, e: usize, cue: Cue) -> bool {
    sent.hits_in(s, e).any(|h| cue_of(doc, h) == Some(cue))
}

/// Whether the clause mentions a year before the story's year (history),
/// ignoring "since 2022" comparisons.
fn past_year(doc: &Doc, s: usize, e: usize) -> bool {
    years(doc.body, s, e).into_iter().any(|(y, pos)| {
        let before = doc.body[s..pos].trim_end().to_ascii_lowercase();
        y < doc.year && !before.ends_with("since") && !before.ends_with("since the") && !before.ends_with("until")
    })
}

fn future_year(doc: &Doc, s: usize, e: usize) -> bool {
    years(doc.body, s, e).into_iter().any(|(y, _)| y > doc.year)
}

/// The status of the trigger `trigger` (its hit) in `sent`, with `default`
/// the trigger's own default status.
pub fn status_of(doc: &Doc, sent: &Sent, trigger: &Hit, default: Option<Status>) -> Modality {
    let (cs, ce) = sent.clause_of(trigger.start);
    let cues: Vec<(Cue, &Hit)> = sent
        .hits_in(cs, ce)
        .filter(|h| !(h.start < trigger.end && trigger.start < h.end))
        .filter_map(|h| cue_of(doc, h).map(|c| (c, h)))
        .collect();
    let has = |c: Cue| cues.iter().any(|(k, _)| *k == c);
    // background: a generic mention right after the cue ("ongoing Russian strikes")
    if cues.iter().any(|(k, h)| *k == Cue::Background && h.end <= trigger.start && trigger.start - h.end <= 30) {
        return None;
    }
    // hypothetical: "if" before the trigger in its clause
    if cues.iter().any(|(k, h)| *k == Cue::Hypothetical && h.end <= trigger.start) {
        return None;
    }
    let current = has(Cue::Current);
    if (has(Cue::Historical) || past_year(doc, cs, ce)) && !current {
        return None;
    }
    if has(Cue::Negation) {
        return Some((Status::Denied, true));
    }
    if has(Cue::Denied) {
        return Some((Status::Denied, false));
    }
    if default == Some(Status::Threatened) || has(Cue::Threatened) {
        return Some((Status::Threatened, false));
    }
    if let Some(d) = default {
        return Some((d, false));
    }
    // nearest tense cue before the trigger, else the first after it
    let tense = |c: Cue| matches!(c, Cue::Scheduled | Cue::Proposed);
    let before = cues.iter().filter(|(k, h)| tense(*k) && h.end <= trigger.start).max_by_key(|(_, h)| h.end);
    let after = cues.iter().filter(|(k, h)| tense(*k) && h.start >= trigger.end).min_by_key(|(_, h)| h.start);
    match before.or(after).map(|(k, _)| *k) {
        Some(Cue::Proposed) => Some((Status::Proposed, false)),
        Some(Cue::Scheduled) => Some((Status::Scheduled, false)),
        _ if future_year(doc, cs, ce) => Some((Status::Scheduled, false)),
        _ => Some((Status::Occurred, false)),
    }
}
