//! payload -> `Outcome`: the whole per-message decision, with no I/O.
//!
//! The Kafka edge hands every message here and acts on the answer: publish
//! the record on its routes, or dead-letter the payload with a reason. Keeping
//! this pure means the worker and `wirewatch classify` cannot disagree, and a
//! classifier bug on one story becomes a dead letter instead of a crash.

use crate::engine::Engine;
use crate::enrich::enrich;
use crate::model::{Category, EnrichedRecord};
use crate::parse::{RejectReason, parse_payload};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Size limits on what comes in and what goes out.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Payloads larger than this are rejected as `too_large` before parsing.
    pub max_payload_bytes: usize,
    /// Serialised records larger than this are not published: the story
    /// becomes one `record_too_large` dead letter instead of a record every
    /// output topic would refuse.
    pub max_record_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_payload_bytes: 1024 * 1024,
            max_record_bytes: 1024 * 1024,
        }
    }
}

/// Where a record goes. The Kafka edge maps routes to topic names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// Every story, labelled or not.
    Enriched,
    /// One per label (fan-out).
    Category(Category),
}

/// A record ready to publish, serialised once.
#[derive(Debug, Clone)]
pub struct Publication {
    pub record: EnrichedRecord,
    /// The record as JSON, the same bytes for every route.
    pub json: Vec<u8>,
    pub routes: Vec<Route>,
}

/// Why a payload goes to the dead-letter topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The payload is not a story we can read.
    Unparseable(RejectReason),
    /// Parsing, the engine or enrichment panicked on this story: a bug,
    /// kept off the hot loop so it cannot crash every replica in turn.
    EngineFailure(String),
    /// The record would be larger than any output topic takes.
    RecordTooLarge { size: usize, limit: usize },
}

impl Rejection {
    /// Closed-set code for the `x-error-class` header and metric labels.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Unparseable(r) => r.code(),
            Rejection::EngineFailure(_) => "engine_failure",
            Rejection::RecordTooLarge { .. } => "record_too_large",
        }
    }

    /// Human-readable reason for the `x-error` header and logs.
    pub fn message(&self) -> String {
        match self {
            Rejection::Unparseable(r) => r.to_string(),
            Rejection::EngineFailure(m) => {
                format!(
                    "the classifier failed on this story ({m}); please report it with the payload"
                )
            }
            Rejection::RecordTooLarge { size, limit } => format!(
                "the enriched record would be {size} bytes, over the {limit}-byte limit the output topics allow; \
                 raise the output topics' max.message.bytes (worker.max_record_bytes follows them) or split the story"
            ),
        }
    }
}

/// The decision for one message.
#[derive(Debug, Clone)]
pub enum Outcome {
    Publish(Box<Publication>),
    Reject(Rejection),
}

/// Every code [`Rejection::code`] can return, for pre-registering metric
/// label values.
pub fn rejection_codes() -> impl Iterator<Item = &'static str> {
    RejectReason::CODES
        .iter()
        .copied()
        .chain(["engine_failure", "record_too_large"])
}

/// Parse, analyse, enrich and route one message. Never panics: a panic
/// anywhere inside becomes an `engine_failure` rejection of this story.
pub fn process(engine: &Engine, key: Option<&str>, payload: &[u8], limits: &Limits) -> Outcome {
    process_at(engine, key, payload, None, limits)
}

/// `process` for a message with a timestamp (ms since the Unix epoch, the
/// Kafka message's): the reference date of a story without `published_at`.
pub fn process_at(
    engine: &Engine,
    key: Option<&str>,
    payload: &[u8],
    timestamp_ms: Option<i64>,
    limits: &Limits,
) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| {
        process_unguarded(engine, key, payload, timestamp_ms, limits)
    })) {
        Ok(outcome) => outcome,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Outcome::Reject(Rejection::EngineFailure(msg))
        }
    }
}

fn process_unguarded(
    engine: &Engine,
    key: Option<&str>,
    payload: &[u8],
    timestamp_ms: Option<i64>,
    limits: &Limits,
) -> Outcome {
    let mut story = match parse_payload(key, payload, limits.max_payload_bytes) {
        Ok(story) => story,
        Err(reason) => return Outcome::Reject(Rejection::Unparseable(reason)),
    };
    story.received_at_ms = timestamp_ms;
    let analysis = engine.analyse(&story);
    let record = enrich(&story, analysis, engine.version());
    let mut routes = vec![Route::Enriched];
    routes.extend(
        record
            .classification
            .labels
            .iter()
            .map(|c| Route::Category(*c)),
    );
    // Sized once: a record is about one and a half times its story, and
    // growing the buffer by doubling cost several copies per story.
    let mut json = Vec::with_capacity((payload.len() * 2).clamp(1024, 64 * 1024));
    serde_json::to_writer(&mut json, &record).expect("an EnrichedRecord always serialises");
    if json.len() > limits.max_record_bytes {
        return Outcome::Reject(Rejection::RecordTooLarge {
            size: json.len(),
            limit: limits.max_record_bytes,
        });
    }
    Outcome::Publish(Box::new(Publication {
        record,
        json,
        routes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn engine() -> Engine {
        Engine::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/config")))
            .expect("shipped rules load")
    }

    #[test]
    fn a_story_without_a_date_is_read_in_the_year_of_its_message() {
        // "in 2025" is this year's strike for a message of 2025, history
        // for one of 2027.
        let body = b"Russian missiles struck the city of Kharkiv in 2025, killing five people.";
        let statuses =
            |ts: Option<i64>| match process_at(&engine(), None, body, ts, &Limits::default()) {
                Outcome::Publish(p) => p.record.events.iter().map(|e| e.status).collect::<Vec<_>>(),
                Outcome::Reject(r) => panic!("rejected: {}", r.message()),
            };
        let in_2025 = statuses(Some(1_750_000_000_000)); // 2025-06-15
        let in_2027 = statuses(Some(1_810_000_000_000)); // 2027-05-10
        assert!(!in_2025.is_empty(), "a strike this year");
        assert_ne!(in_2025, in_2027, "2025 is history in 2027");
        assert_eq!(
            statuses(None),
            in_2025,
            "files keep the rules' reference year"
        );
    }

    #[test]
    fn bad_payloads_are_rejected_with_their_reason_code() {
        let e = engine();
        let limits = Limits {
            max_payload_bytes: 64,
            ..Limits::default()
        };
        let cases: [(&[u8], &str); 4] = [
            (b"", "empty"),
            (&[0xff, 0xfe, b'a'], "not_utf8"),
            (b"{\"id\": 1,", "invalid_json"),
            (&[b'a'; 65], "too_large"),
        ];
        for (payload, code) in cases {
            match process(&e, None, payload, &limits) {
                Outcome::Reject(r) => {
                    assert_eq!(r.code(), code);
                    assert!(!r.message().is_empty());
                }
                Outcome::Publish(_) => panic!("{code} payload was published"),
            }
        }
    }

    #[test]
    fn every_story_goes_to_enriched_and_once_to_each_label() {
        let e = engine();
        let payload = b"AP, KYIV, Ukraine: A Russian missile strike on Kharkiv killed two people on Monday, officials said. The EU imposed new sanctions on Russian oil exports on Friday.";
        let Outcome::Publish(p) = process(&e, Some("k1"), payload, &Limits::default()) else {
            panic!("a good story must publish");
        };
        assert_eq!(p.routes[0], Route::Enriched);
        assert_eq!(p.routes.len(), 1 + p.record.classification.labels.len());
        for label in &p.record.classification.labels {
            assert!(p.routes.contains(&Route::Category(*label)));
        }
        let back: serde_json::Value = serde_json::from_slice(&p.json).unwrap();
        assert_eq!(back["story"]["id"], "k1");
        assert_eq!(back["schema_version"], 1);
        assert_eq!(back["rules_version"], e.version());
    }

    #[test]
    fn a_record_over_the_output_limit_is_one_rejection_not_a_publication() {
        let e = engine();
        let limits = Limits {
            max_payload_bytes: 1 << 20,
            max_record_bytes: 200,
        };
        let payload =
            b"A Russian missile strike on Kharkiv killed two people on Monday, officials said.";
        match process(&e, Some("k"), payload, &limits) {
            Outcome::Reject(r) => {
                assert_eq!(r.code(), "record_too_large");
                assert!(r.message().contains("max.message.bytes"));
            }
            Outcome::Publish(_) => panic!("an oversized record was published"),
        }
        assert!(rejection_codes().any(|c| c == "record_too_large"));
    }

    /// Hostile or unusual 1 MB stories: one endless sentence, very many
    /// short ones, one sentence of many clauses, aircraft hit over and over.
    /// Each took from tens of seconds to minutes in a debug build while a
    /// trigger rescanned its whole sentence (traps, cancellations, attack
    /// cues, casualty words) or each event rescanned the story's mentions;
    /// linear work takes about a second each.
    #[test]
    fn megabyte_stories_of_any_shape_are_processed() {
        let e = engine();
        for clause in [
            "Russian drones struck Kharkiv and killed two people ",
            "Russian drones struck Kharkiv and killed two people. ",
            "Russian drones struck Kharkiv and killed two people; ",
            "Israeli jets were hit and warplanes struck Gaza, the strike was called off ",
        ] {
            let body = clause.repeat(1_000_000 / clause.len());
            let Outcome::Publish(p) = process(&e, Some("big"), body.as_bytes(), &Limits::default())
            else {
                panic!("a long story publishes: {clause:?}");
            };
            assert!(!p.record.events.is_empty(), "{clause:?}");
        }
    }

    #[test]
    fn a_story_without_sentence_ends_gives_clipped_evidence() {
        let e = engine();
        let body = "Russian drones struck Kharkiv and killed two people ".repeat(1_500);
        let Outcome::Publish(p) = process(&e, Some("long"), body.as_bytes(), &Limits::default())
        else {
            panic!("a long story publishes");
        };
        assert!(!p.record.events.is_empty());
        for ev in &p.record.events {
            assert!(ev.evidence.sentence.len() <= crate::model::MAX_EVIDENCE_BYTES);
        }
        assert!(
            p.json.len() < body.len(),
            "the record is not a copy per event"
        );
    }
}
