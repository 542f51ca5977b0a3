//! Labels, scores and the primary category.
//!
//! The guide's label rule: a category is labelled when the story has at
//! least one event of it that is not a flat negation (a cancelled summit is
//! still diplomacy news; "no talks are scheduled" alone is not). A
//! category's score combines the strength of its events' evidence as
//! independent signals, 1 - prod(1 - w), discounted for hedged statuses.
//! The primary is the labelled category named first in the headline (with
//! no headline: in the lead paragraph); ties and stories whose headline names
//! none are settled by score.

use super::{Candidate, Doc, Found, traps};
use crate::model::{Category, Status};
use crate::rules::{Hit, Kind};

fn status_factor(s: Status) -> f64 {
    match s {
        Status::Occurred => 1.0,
        Status::Scheduled => 0.9,
        Status::Proposed | Status::Threatened => 0.8,
        Status::Denied => 0.6,
    }
}

/// The category a headline hit speaks for, if any.
fn headline_category(doc: &Doc<'_>, hits: &[Hit], h: &Hit) -> Option<Category> {
    let e = doc.rules.entry(h);
    let cat = match &e.kind {
        Kind::Trigger { category, .. } => *category,
        Kind::Weapon { .. } | Kind::Attack => Category::Strike,
        Kind::System(i) => match doc.rules.systems[*i].class.strike_subtype() {
            Some(_)
                if hits
                    .iter()
                    .any(|x| matches!(doc.rules.entry(x).kind, Kind::Attack)) =>
            {
                Category::Strike
            }
            _ => Category::Procurement,
        },
        _ => return None,
    };
    let id = if matches!(e.kind, Kind::Trigger { .. }) {
        e.id.as_str()
    } else {
        "strike.weapon"
    };
    (!traps::blocked_in(doc, hits, id)).then_some(cat)
}

/// Applies the label rule, scores and picks the primary.
pub fn finish(
    doc: &Doc<'_>,
    events: Vec<Candidate>,
    headline: Option<(String, Vec<Hit>)>,
    spans: &[(usize, usize, usize)],
) -> Found {
    let mut scores = [0.0f64; 4];
    let mut labels = Vec::new();
    for (i, c) in Category::ALL.into_iter().enumerate() {
        let mut miss = 1.0;
        let mut any = false;
        let mut flat_only = false;
        for e in events.iter().filter(|e| e.category == c) {
            if e.flat_negation {
                flat_only = true;
                continue;
            }
            any = true;
            miss *= 1.0 - (e.weight * status_factor(e.status)).clamp(0.0, 1.0);
        }
        scores[i] = if any {
            (1.0 - miss).clamp(0.0, 1.0)
        } else if flat_only {
            0.2
        } else {
            0.0
        };
        if any {
            labels.push(c);
        }
    }
    let mut primary = None;
    if let Some((_, hits)) = &headline {
        // an attack verb alone ("hits") is the weakest headline signal: used
        // only when the headline names no other category
        let strong = hits
            .iter()
            .filter(|h| doc.rules.entry(h).kind != Kind::Attack);
        primary = strong
            .filter_map(|h| headline_category(doc, hits, h))
            .find(|c| labels.contains(c));
        if primary.is_none() {
            primary = hits
                .iter()
                .filter_map(|h| headline_category(doc, hits, h))
                .find(|c| labels.contains(c));
        }
    }
    if primary.is_none() && !labels.is_empty() {
        let lead_paragraph = events
            .iter()
            .filter(|e| !e.flat_negation)
            .map(|e| spans.get(e.sentence_idx).map(|s| s.2).unwrap_or(usize::MAX))
            .min();
        primary = events
            .iter()
            .filter(|e| {
                !e.flat_negation
                    && Some(spans.get(e.sentence_idx).map(|s| s.2).unwrap_or(usize::MAX))
                        == lead_paragraph
            })
            .min_by_key(|e| e.trigger)
            .map(|e| e.category);
    }
    if primary.is_none() {
        primary = labels.iter().copied().max_by(|a, b| {
            scores[a.index()]
                .total_cmp(&scores[b.index()])
                .then(b.cmp(a))
        });
    }
    Found {
        events,
        labels,
        primary,
        scores,
    }
}
