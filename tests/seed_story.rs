//! The guide's labelled seed story, end to end: parse the wire text, analyse
//! it, and compare with the labelling in `event-guide.md` slot by slot.
//! Runs on the repository's own copy and, when present, on the shared one.

use std::path::{Path, PathBuf};
use wirewatch::engine::Engine;
use wirewatch::model::{Category, CountryCode, Event, EventSlots, Status};
use wirewatch::parse::parse_payload;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn engine() -> Engine {
    Engine::load(&root().join("config")).expect("shipped config loads")
}

fn dip(ev: &Event) -> (&str, Status, Vec<&str>, Option<&str>) {
    match &ev.slots {
        EventSlots::Diplomacy {
            participants,
            venue_country,
        } => (
            ev.subtype.as_str(),
            ev.status,
            participants.iter().map(CountryCode::as_str).collect(),
            venue_country.as_deref(),
        ),
        _ => panic!("not diplomacy"),
    }
}

/// Subtype, status, actor, location, place, killed, injured.
type StrikeRow<'a> = (
    &'a str,
    Status,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<u64>,
    Option<u64>,
);

fn strike(ev: &Event) -> StrikeRow<'_> {
    let (actor, location, place, killed, injured) = ev.slots.strike_fields().expect("not strike");
    (
        ev.subtype.as_str(),
        ev.status,
        actor.as_deref(),
        location.as_deref(),
        place.as_deref(),
        killed,
        injured,
    )
}

fn check(path: &Path) {
    let payload = std::fs::read(path).expect("seed readable");
    let story = parse_payload(None, &payload, 1 << 20).expect("seed parses");
    let body = story.body.as_str();
    let a = engine().analyse(&story);

    use Category::*;
    assert_eq!(
        a.classification.labels,
        vec![Diplomacy, Sanctions, Procurement, Strike]
    );
    assert_eq!(a.classification.primary, Some(Diplomacy));
    assert_eq!(
        a.classification.iptc_media_topics,
        vec![
            "medtop:20000639",
            "medtop:20000642",
            "medtop:20000602",
            "medtop:20000056"
        ]
    );
    for c in [Diplomacy, Sanctions, Procurement, Strike] {
        let s = a.classification.scores[&c];
        assert!(s > 0.5 && s <= 1.0, "{c} score {s}");
    }

    let of = |c: Category| {
        a.events
            .iter()
            .filter(move |e| e.category() == c)
            .collect::<Vec<_>>()
    };
    assert_eq!(a.events.len(), 8, "{:#?}", a.events);

    // diplomacy
    let d = of(Diplomacy);
    assert_eq!(d.len(), 2, "{d:#?}");
    let mut d0 = dip(d[0]);
    d0.2.sort();
    assert_eq!(
        d0,
        ("visit", Status::Scheduled, vec!["TR", "UA"], Some("TR"))
    );
    let mut d1 = dip(d[1]);
    d1.2.sort();
    assert_eq!(
        d1,
        ("visit", Status::Occurred, vec!["ES", "UA"], Some("ES"))
    );
    assert!(d[0].evidence.sentence.contains("travel to Turkey"));
    assert!(d[1].evidence.sentence.contains("visit to Spain"));

    // sanctions
    let s = of(Sanctions);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].subtype.as_str(), "impose");
    assert_eq!(s[0].status, Status::Scheduled);
    assert_eq!(
        s[0].slots,
        EventSlots::Sanctions {
            imposer: CountryCode::new("US"),
            target: CountryCode::new("RU"),
            sector: Some("oil".into())
        }
    );
    assert!(s[0].evidence.sentence.contains("set to take effect Friday"));
    assert_eq!(s[0].codes.cameo.as_deref(), Some("163"));

    // procurement
    let p = of(Procurement);
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].subtype.as_str(), p[0].status),
        ("intent", Status::Proposed)
    );
    assert_eq!(
        p[0].slots,
        EventSlots::Procurement {
            buyer: CountryCode::new("UA"),
            seller: CountryCode::new("FR"),
            system: Some("Rafale".into()),
            quantity: Some(100)
        }
    );
    assert!(p[0].evidence.sentence.contains("letter of intent"));

    // strikes
    let k = of(Strike);
    assert_eq!(k.len(), 4, "{k:#?}");
    assert_eq!(
        strike(k[0]),
        (
            "airstrike",
            Status::Occurred,
            Some("UA"),
            Some("UA"),
            Some("Donetsk"),
            None,
            None
        )
    );
    assert!(k[0].evidence.sentence.contains("aerial attack"));
    assert_eq!(
        strike(k[1]),
        (
            "missile",
            Status::Occurred,
            Some("RU"),
            Some("UA"),
            Some("Kharkiv"),
            Some(1),
            Some(10)
        )
    );
    assert!(k[1].evidence.sentence.contains("Russian missile strike"));
    assert_eq!(
        strike(k[2]),
        (
            "drone",
            Status::Occurred,
            Some("RU"),
            Some("UA"),
            Some("Dnipro"),
            None,
            None
        )
    );
    assert!(k[2].evidence.sentence.contains("drone attacks in Dnipro"));
    let t = strike(k[3]);
    assert_eq!(
        (t.0, t.1, t.2, t.4, t.5, t.6),
        ("drone", Status::Occurred, Some("RU"), None, None, None)
    );
    assert!(
        k[3].evidence
            .sentence
            .contains("intercepting 114 Russian drones")
    );
    assert_eq!(k[3].codes.plover_mode.as_deref(), Some("drone"));

    // nothing from the domestic meetings or the background
    for e in &a.events {
        let s = &e.evidence.sentence;
        assert!(
            !s.contains("parliament leaders"),
            "event from domestic meetings: {e:?}"
        );
        assert!(
            !s.contains("ongoing Russian strikes"),
            "event from background: {e:?}"
        );
        assert!(!s.contains("heavy losses"), "event from background: {e:?}");
        // evidence is exactly the body span
        assert_eq!(&body[e.evidence.start..e.evidence.end], s.as_str());
        assert_eq!(
            e.evidence.char_end - e.evidence.char_start,
            s.chars().count()
        );
    }
}

#[test]
fn seed_story_fixture_matches_the_guide() {
    check(&root().join("tests/fixtures/corpus/seed-ap-kyiv-turkey-talks.txt"));
}

#[test]
fn shared_seed_story_matches_the_guide() {
    let shared = root().join("../shared/seed/ap-kyiv-turkey-talks.txt");
    if shared.exists() {
        check(&shared);
    } else {
        eprintln!("skipped: {} not present", shared.display());
    }
}

#[test]
fn fixture_is_byte_identical_to_shared_seed() {
    let shared = root().join("../shared/seed/ap-kyiv-turkey-talks.txt");
    if let Ok(s) = std::fs::read(&shared) {
        let ours =
            std::fs::read(root().join("tests/fixtures/corpus/seed-ap-kyiv-turkey-talks.txt"))
                .unwrap();
        assert_eq!(s, ours);
    }
}
