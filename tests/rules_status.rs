//! Modality: each status of the guide, and the mentions that are no event
//! (flat negation, hypothetical, historical).

#[path = "rules_helpers/mod.rs"]
mod common;
use common::*;
use wirewatch::model::Category::*;
use wirewatch::model::Status;

#[test]
fn occurred() {
    assert_eq!(
        status(
            "The Italian and Greek prime ministers held talks in Athens on Monday.",
            Diplomacy
        ),
        Status::Occurred
    );
}

#[test]
fn scheduled() {
    assert_eq!(
        status(
            "The Dutch prime minister will visit Japan next week, his office said on Monday.",
            Diplomacy
        ),
        Status::Scheduled
    );
    assert_eq!(
        status(
            "New EU sanctions on Russian banks are set to take effect on Friday, the bloc said on Tuesday.",
            Sanctions
        ),
        Status::Scheduled
    );
}

#[test]
fn proposed() {
    assert_eq!(
        status(
            "Romania signed a letter of intent on Monday to buy 32 F-35 fighter jets from the United States.",
            Procurement
        ),
        Status::Proposed
    );
    assert_eq!(
        status(
            "Turkish President Recep Tayyip Erdogan proposed a meeting between the leaders of Armenia and Azerbaijan on Friday.",
            Diplomacy
        ),
        Status::Proposed
    );
}

#[test]
fn threatened() {
    let e = one(
        "The United States threatened on Monday to impose sanctions on Serbia's oil industry unless it cuts ties with Russian firms.",
        Sanctions,
    );
    assert_eq!(
        (e.subtype.as_str(), e.status),
        ("threaten", Status::Threatened)
    );
}

#[test]
fn denied_keeps_the_label() {
    let a = analyse(
        "A planned summit in Rome between the Italian and Libyan leaders was called off on Tuesday, officials said.",
    );
    assert!(a.classification.labels.contains(&Diplomacy));
    assert!(a.events.iter().any(|e| e.status == Status::Denied));
}

#[test]
fn flat_negation_gives_no_label() {
    let a = analyse(
        "Kremlin spokesman Dmitry Peskov said on Friday that no date had been set for another round of talks with Ukraine.",
    );
    assert!(a.classification.labels.is_empty(), "{:?}", a.classification);
    assert!(a.events.iter().all(|e| e.status == Status::Denied));
}

/// A denied report says the event never was: a flat negation, not a
/// cancellation (the guide's "no talks are scheduled", not "called off").
#[test]
fn a_denied_report_of_an_event_gives_no_label() {
    for body in [
        "The Chilean foreign ministry denied media reports that its minister would travel to Lima for talks next week.",
        "Hungary's government dismissed a report that it was preparing a summit with Serbia, calling it invented.",
    ] {
        let a = analyse(body);
        assert!(
            a.classification.labels.is_empty(),
            "{body}: {:?}",
            a.classification
        );
    }
    // the verb alone, with no report, is still a cancellation
    let a =
        analyse("Thailand cancelled a planned meeting with Cambodian envoys in Bangkok on Monday.");
    assert!(a.classification.labels.contains(&Diplomacy));
}

#[test]
fn hypothetical_is_no_event() {
    assert!(labels("If talks fail, the two sides could return to the battlefield.").is_empty());
    assert!(!labels("The two governments pledged to defend each other in the event of a missile attack on either country.").contains(&Strike));
}

#[test]
fn historical_is_no_event() {
    assert!(labels("The two countries signed a peace treaty in 1994.").is_empty());
}
