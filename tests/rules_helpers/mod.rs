//! Shared helpers for the rule-family tests (`rules_*.rs` include it with
//! `#[path]`): analyse a body written in the
//! project's own words and look at the events.
#![allow(dead_code)]

use std::sync::OnceLock;
use wirewatch::engine::{Analysis, Engine};
use wirewatch::model::{Category, Event, PayloadFormat, Status, Story};

pub(crate) fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        Engine::load(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config")).unwrap()
    })
}

pub(crate) fn analyse(body: &str) -> Analysis {
    analyse_with(body, None)
}

pub(crate) fn analyse_with(body: &str, headline: Option<&str>) -> Analysis {
    let story = Story {
        id: "t".into(),
        source: None,
        headline: headline.map(Into::into),
        dateline: None,
        published_at: Some("2025-06-01T00:00:00Z".into()),
        received_at_ms: None,
        language: None,
        body: body.into(),
        format: PayloadFormat::PlainText,
    };
    engine().analyse(&story)
}

pub(crate) fn events(body: &str, c: Category) -> Vec<Event> {
    analyse(body)
        .events
        .into_iter()
        .filter(|e| e.category() == c)
        .collect()
}

pub(crate) fn labels(body: &str) -> Vec<Category> {
    analyse(body).classification.labels
}

pub(crate) fn one(body: &str, c: Category) -> Event {
    let ev = events(body, c);
    assert_eq!(
        ev.len(),
        1,
        "expected one {c} event in {body:?}, got {ev:#?}"
    );
    ev.into_iter().next().unwrap()
}

pub(crate) fn status(body: &str, c: Category) -> Status {
    one(body, c).status
}

/// Actor, location, place, killed, injured of a strike event.
pub(crate) type StrikeSlots = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<u64>,
    Option<u64>,
);

pub(crate) fn strike_slots(e: &Event) -> StrikeSlots {
    let (actor, location, place, killed, injured) = e.slots.strike_fields().expect("not a strike");
    (
        actor.map(|c| c.to_string()),
        location.map(|c| c.to_string()),
        place.clone(),
        killed,
        injured,
    )
}
