//! Properties of `Engine::analyse` over arbitrary input: it never panics, is
//! deterministic, its evidence offsets are valid char boundaries into the
//! body with `evidence.sentence` a prefix of `body[start..end]` (the whole
//! of it up to `MAX_EVIDENCE_BYTES`), and its labels and
//! primary agree (primary in labels; no labels iff no primary).

use proptest::prelude::*;
use std::sync::OnceLock;
use wirewatch::engine::Engine;
use wirewatch::model::{PayloadFormat, Story};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        Engine::load(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config")).unwrap()
    })
}

fn story(body: String, headline: Option<String>) -> Story {
    Story {
        id: "p".into(),
        source: None,
        headline,
        dateline: None,
        published_at: None,
        received_at_ms: None,
        language: None,
        body,
        format: PayloadFormat::PlainText,
    }
}

/// Words that reach deep into the rules: triggers, weapons, numbers, places.
fn wire_word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Russian",
        "missile",
        "strike",
        "killed",
        "10",
        "injured",
        "in",
        "Kharkiv",
        "Ukraine",
        "sanctions",
        "on",
        "Russia's",
        "oil",
        "will",
        "visit",
        "Turkey",
        "talks",
        "no",
        "letter of intent",
        "up to",
        "100",
        "Rafale",
        "drones",
        "intercepting",
        "114",
        "the",
        "a",
        "2014",
        "if",
        "cancelled",
        "strike a deal",
        "union",
        ".",
        ",",
        "\n",
        "\n\n",
        "-",
        "\"",
        "Kyiv",
        "U.S.",
        "Israel",
        "struck",
        "Gaza",
        "Houthis",
        "Red Sea",
        "tanker",
        "threatened",
        "tariffs",
        "signed",
        "contract",
        "for",
        "F-16s",
        "two",
        "dozen",
        "ü",
        "’",
        "—",
        "Türkiye",
        "between",
        "and",
        "to",
        "150",
        "summit",
        "phone call",
        "shelling",
        "WASHINGTON -",
    ])
    .prop_map(str::to_string)
}

fn wire_text() -> impl Strategy<Value = String> {
    prop::collection::vec(wire_word(), 0..80).prop_map(|w| w.join(" "))
}

fn check(s: &Story) -> Result<(), TestCaseError> {
    let a = engine().analyse(s);
    let b = engine().analyse(s);
    prop_assert_eq!(&a.events, &b.events);
    prop_assert_eq!(&a.classification, &b.classification);
    let body = s.body.as_str();
    for e in &a.events {
        let ev = &e.evidence;
        prop_assert!(ev.start <= ev.end && ev.end <= body.len());
        prop_assert!(body.is_char_boundary(ev.start) && body.is_char_boundary(ev.end));
        let span = &body[ev.start..ev.end];
        prop_assert!(span.starts_with(ev.sentence.as_str()));
        prop_assert!(
            ev.sentence.len() == span.len()
                || ev.sentence.len() + 4 > wirewatch::model::MAX_EVIDENCE_BYTES
        );
    }
    let c = &a.classification;
    match c.primary {
        Some(p) => prop_assert!(c.labels.contains(&p)),
        None => prop_assert!(c.labels.is_empty()),
    }
    prop_assert_eq!(c.labels.is_empty(), c.primary.is_none());
    prop_assert_eq!(c.iptc_media_topics.len(), c.labels.len());
    for v in c.scores.values() {
        prop_assert!((0.0..=1.0).contains(v));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_are_safe(body in any::<String>(), headline in proptest::option::of(any::<String>())) {
        check(&story(body, headline))?;
    }

    #[test]
    fn wire_like_text_is_safe(body in wire_text(), headline in proptest::option::of(wire_text())) {
        check(&story(body, headline))?;
    }
}
