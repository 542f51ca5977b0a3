//! Events, their categories, statuses and slots, as the event guide defines them.

use super::{CountryCode, Subtype};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The four event categories. Order is the order of output and of scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Diplomacy,
    Sanctions,
    Procurement,
    Strike,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Diplomacy,
        Category::Sanctions,
        Category::Procurement,
        Category::Strike,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Diplomacy => "diplomacy",
            Category::Sanctions => "sanctions",
            Category::Procurement => "procurement",
            Category::Strike => "strike",
        }
    }

    /// Position in `ALL` (the declaration order): the index of per-category
    /// arrays (topics, metric handles, the classifier's per-sentence flags).
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How real an event is, per the guide's status table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Occurred,
    Scheduled,
    Proposed,
    Threatened,
    Denied,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Occurred,
        Status::Scheduled,
        Status::Proposed,
        Status::Threatened,
        Status::Denied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Scheduled => "scheduled",
            Status::Proposed => "proposed",
            Status::Threatened => "threatened",
            Status::Denied => "denied",
        }
    }
}

/// The slots of each category. Serialised flat next to `type`, as the
/// output record wants: `{"type": "strike", "actor": "RU", ...}`.
/// Countries are ISO 3166-1 alpha-2 codes or `EU`, `UN`, `NATO`; a slot the
/// story does not state is `None` (JSON `null`), never guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum EventSlots {
    Diplomacy {
        participants: Vec<CountryCode>,
        venue_country: Option<CountryCode>,
    },
    Sanctions {
        imposer: Option<CountryCode>,
        target: Option<CountryCode>,
        sector: Option<String>,
    },
    Procurement {
        buyer: Option<CountryCode>,
        seller: Option<CountryCode>,
        system: Option<String>,
        quantity: Option<u64>,
    },
    Strike {
        actor: Option<CountryCode>,
        location_country: Option<CountryCode>,
        place: Option<String>,
        killed: Option<u64>,
        injured: Option<u64>,
    },
}

/// A strike's slots, borrowed: actor, location_country, place, killed, injured.
pub type StrikeFields<'a> = (
    &'a Option<CountryCode>,
    &'a Option<CountryCode>,
    &'a Option<String>,
    Option<u64>,
    Option<u64>,
);

impl EventSlots {
    /// The strike slots, or `None` for another event type.
    pub fn strike_fields(&self) -> Option<StrikeFields<'_>> {
        match self {
            EventSlots::Strike {
                actor,
                location_country,
                place,
                killed,
                injured,
            } => Some((actor, location_country, place, *killed, *injured)),
            _ => None,
        }
    }

    pub fn category(&self) -> Category {
        match self {
            EventSlots::Diplomacy { .. } => Category::Diplomacy,
            EventSlots::Sanctions { .. } => Category::Sanctions,
            EventSlots::Procurement { .. } => Category::Procurement,
            EventSlots::Strike { .. } => Category::Strike,
        }
    }
}

/// Longest evidence sentence copied into a record, in bytes. A story without
/// sentence ends would otherwise copy its whole body into every event and
/// make the record several times the size of its input; `start`/`end` still
/// give the whole span.
pub const MAX_EVIDENCE_BYTES: usize = 1000;

/// The sentence that made us say so, with offsets into `Story::body`.
/// `start`/`end` are UTF-8 byte offsets (always on char boundaries);
/// `char_start`/`char_end` are the same span in Unicode scalar values, for
/// consumers that index strings by character (Python, JavaScript).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    pub char_start: usize,
    pub char_end: usize,
}

impl Evidence {
    /// Evidence for `body[start..end]`. Panics never: out-of-range or
    /// non-boundary offsets are clamped to the nearest valid span.
    pub fn from_span(body: &str, start: usize, end: usize) -> Evidence {
        let clamp = |mut i: usize| {
            i = i.min(body.len());
            while !body.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = clamp(start);
        let end = clamp(end).max(start);
        let char_start = body[..start].chars().count();
        let mut clip = end.min(start + MAX_EVIDENCE_BYTES);
        while !body.is_char_boundary(clip) {
            clip -= 1;
        }
        Evidence {
            sentence: body[start..clip].to_string(),
            start,
            end,
            char_start,
            char_end: char_start + body[start..end].chars().count(),
        }
    }
}

/// Codes that let users of CAMEO-, PLOVER- and IPTC-based tools join on our events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCodes {
    /// Nearest CAMEO event code, e.g. "042", "163", "195".
    pub cameo: Option<String>,
    /// PLOVER event type, e.g. "CONSULT", "SANCTION", "ASSAULT".
    pub plover_event: Option<String>,
    /// PLOVER mode, e.g. "visit", "aerial", "drone".
    pub plover_mode: Option<String>,
}

/// One event found in a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    #[serde(flatten)]
    pub slots: EventSlots,
    /// One of the guide's subtypes for this category (`visit`, `impose`, `missile` ...).
    pub subtype: Subtype,
    pub status: Status,
    pub evidence: Evidence,
    #[serde(default)]
    pub codes: EventCodes,
}

impl Event {
    pub fn category(&self) -> Category {
        self.slots.category()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_index_is_its_position_in_all() {
        for (i, c) in Category::ALL.into_iter().enumerate() {
            assert_eq!(c.index(), i, "{c}");
        }
    }

    #[test]
    fn event_serialises_flat_with_type_tag() {
        let body = "In Kharkiv, a girl was killed.";
        let ev = Event {
            slots: EventSlots::Strike {
                actor: CountryCode::new("RU"),
                location_country: CountryCode::new("UA"),
                place: Some("Kharkiv".into()),
                killed: Some(1),
                injured: None,
            },
            subtype: Subtype::Missile,
            status: Status::Occurred,
            evidence: Evidence::from_span(body, 0, body.len()),
            codes: EventCodes::default(),
        };
        let v = serde_json::to_value(&ev).unwrap();
        assert_eq!(v["type"], "strike");
        assert_eq!(v["actor"], "RU");
        assert_eq!(v["injured"], serde_json::Value::Null);
        assert_eq!(v["status"], "occurred");
        assert_eq!(v["evidence"]["end"], body.len());
    }

    #[test]
    fn evidence_clamps_to_char_boundaries() {
        let body = "Kyiv’s talks";
        // 5 is inside the three-byte apostrophe.
        let ev = Evidence::from_span(body, 0, 5);
        assert!(body.is_char_boundary(ev.end));
        assert_eq!(ev.char_end, ev.sentence.chars().count());
        let ev = Evidence::from_span(body, 100, 2);
        assert_eq!(ev.start, body.len());
        assert_eq!(ev.end, body.len());
    }

    #[test]
    fn a_long_evidence_sentence_is_clipped_but_keeps_its_span() {
        let body = "é".repeat(3000);
        let ev = Evidence::from_span(&body, 0, body.len());
        assert!(ev.sentence.len() <= MAX_EVIDENCE_BYTES);
        assert!(body.starts_with(&ev.sentence));
        assert_eq!(ev.end, body.len());
        assert_eq!(ev.char_end, 3000);
    }
}
