//! Diplomacy rules for several events in one sentence, venues named by a
//! capital, meetings of leaders, and triggers that report no event. Every
//! sentence is the project's own, with a positive and a negative case.

#[path = "rules_helpers/mod.rs"]
mod common;
use common::*;
use wirewatch::model::Category::*;
use wirewatch::model::{EventSlots, Status};

fn parts(e: &wirewatch::model::Event) -> (Vec<String>, Option<String>) {
    match &e.slots {
        EventSlots::Diplomacy {
            participants,
            venue_country,
        } => {
            let mut p: Vec<String> = participants.iter().map(|c| c.to_string()).collect();
            p.sort();
            (p, venue_country.map(|c| c.to_string()))
        }
        _ => panic!("not diplomacy"),
    }
}

fn of_subtype(body: &str, subtype: &str) -> Vec<wirewatch::model::Event> {
    events(body, Diplomacy)
        .into_iter()
        .filter(|e| e.subtype.as_str() == subtype)
        .collect()
}

fn pairs(evs: &[wirewatch::model::Event]) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = evs.iter().map(|e| parts(e).0).collect();
    v.sort();
    v
}

fn v(a: &str, b: &str) -> Vec<String> {
    let mut x = vec![a.to_string(), b.to_string()];
    x.sort();
    x
}

#[test]
fn separate_agreements_give_one_per_signer() {
    let evs = of_subtype(
        "Kenya and Ethiopia each signed separate agreements with Japan on port investment on Thursday.",
        "agreement",
    );
    assert_eq!(pairs(&evs), vec![v("ET", "JP"), v("JP", "KE")]);
    // one joint agreement stays one event
    let evs = of_subtype(
        "Kenya, Ethiopia and Japan signed an agreement on port investment on Thursday.",
        "agreement",
    );
    assert_eq!(evs.len(), 1);
}

#[test]
fn calls_with_both_leaders_are_separate_calls() {
    let body = "Chilean President Gabriel Boric and Peru's prime minister met at the border on Sunday. \
                The French President Emmanuel Macron had spoken to both leaders by phone on Saturday.";
    let evs = of_subtype(body, "call");
    assert_eq!(pairs(&evs), vec![v("CL", "FR"), v("FR", "PE")]);
    // a call with one counterpart stays one call
    let evs = of_subtype(
        "French President Emmanuel Macron spoke by phone with Chilean President Gabriel Boric on Saturday.",
        "call",
    );
    assert_eq!(evs.len(), 1);
}

#[test]
fn venue_from_the_demonym_capital() {
    let evs = of_subtype(
        "Indian and Chinese diplomats held talks in the Qatari capital on Wednesday.",
        "talks",
    );
    assert_eq!(evs.len(), 1);
    assert_eq!(parts(&evs[0]).1.as_deref(), Some("QA"));
    // "capital" as money is no venue
    let evs = of_subtype(
        "Indian and Chinese diplomats held talks on Wednesday about Qatari capital flowing into ports.",
        "talks",
    );
    assert!(evs.iter().all(|e| parts(e).1.as_deref() != Some("QA")));
}

#[test]
fn a_meeting_between_leaders_is_a_summit() {
    let evs = of_subtype(
        "A planned meeting in Vienna between French President Emmanuel Macron and Chilean President Gabriel Boric has been called off.",
        "summit",
    );
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].status, Status::Denied);
    assert_eq!(parts(&evs[0]).1.as_deref(), Some("AT"));
    // a meeting between ministers is talks
    let evs = of_subtype(
        "A meeting in Vienna between the French and Chilean foreign ministers took place on Monday.",
        "summit",
    );
    assert!(evs.is_empty());
}

#[test]
fn proposed_summit_is_proposed() {
    let evs = of_subtype(
        "Chile again proposed a meeting between the presidents of Chile and Peru.",
        "summit",
    );
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].status, Status::Proposed);
}

#[test]
fn without_an_agreement_is_no_agreement() {
    let body = "Chilean and Peruvian ministers ended two days of talks in Lima without announcing an agreement on the border.";
    assert!(of_subtype(body, "agreement").is_empty());
    assert_eq!(of_subtype(body, "talks").len(), 1);
    // a signed agreement is one
    let body = "Chilean and Peruvian ministers signed an agreement on the border after two days of talks in Lima.";
    assert_eq!(of_subtype(body, "agreement").len(), 1);
}

#[test]
fn rhetoric_about_negotiations_is_no_meeting() {
    for body in [
        "The Serbian president said Kosovo was choosing confrontation over negotiations.",
        "The Serbian president said Kosovo refuses to negotiate.",
    ] {
        assert!(of_subtype(body, "talks").is_empty(), "{body}");
    }
    assert_eq!(
        of_subtype(
            "Serbian and Kosovar negotiators resumed negotiations in Brussels on Monday.",
            "talks"
        )
        .len(),
        1
    );
}
