//! The whole development set parses, and the fixtures under
//! `tests/fixtures/payloads/` give the expected stories.

use std::collections::BTreeMap;
use wirewatch::model::PayloadFormat;
use wirewatch::parse::{RejectReason, parse_payload};
use wirewatch::text::sentences;

const MAX: usize = 1 << 20;
const DEV_SET: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/dev-stories.jsonl"
);
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/payloads/");

struct Record {
    id: String,
    key: Option<String>,
    payload: String,
}

fn dev_records() -> Option<Vec<Record>> {
    let Ok(text) = std::fs::read_to_string(DEV_SET) else {
        eprintln!("note: {DEV_SET} not found, skipping the dev-set test");
        return None;
    };
    let records = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("dev-set line is JSON");
            Record {
                id: v["id"].as_str().expect("id").to_string(),
                key: v["key"].as_str().map(str::to_string),
                payload: v["payload"].as_str().expect("payload").to_string(),
            }
        })
        .collect();
    Some(records)
}

#[test]
fn every_dev_payload_parses() {
    let Some(records) = dev_records() else { return };
    assert_eq!(records.len(), 91);
    let mut formats: BTreeMap<String, usize> = BTreeMap::new();
    for r in &records {
        let story = parse_payload(r.key.as_deref(), r.payload.as_bytes(), MAX)
            .unwrap_or_else(|e| panic!("{}: rejected: {e}", r.id));
        assert!(!story.body.trim().is_empty(), "{}: empty body", r.id);
        assert!(!story.id.is_empty(), "{}: empty id", r.id);
        assert!(
            !story.body.contains("\n\n") && !story.body.contains('\r'),
            "{}: body not normalised",
            r.id
        );
        for bad in ['\u{2019}', '\u{201C}', '\u{2014}', '\u{00A0}'] {
            assert!(!story.body.contains(bad), "{}: {bad:?} left in body", r.id);
        }
        assert!(
            !story.body.contains("&rsquo;") && !story.body.contains("<p>"),
            "{}: markup left in body",
            r.id
        );
        let ss = sentences(&story.body);
        assert!(ss.len() >= 2, "{}: {} sentences", r.id, ss.len());
        for s in &ss {
            let text = &story.body[s.start..s.end];
            assert_eq!(text, text.trim(), "{}: untrimmed sentence", r.id);
        }
        if story.format != PayloadFormat::PlainText {
            // Every JSON payload with a headline field keeps it.
            let has_headline = r.payload.contains("\"headline");
            assert_eq!(story.headline.is_some(), has_headline, "{}", r.id);
        }
        *formats.entry(format!("{:?}", story.format)).or_default() += 1;
    }
    // Counts from the data README: plain 32, envelope 32, ninjs 14 + 13.
    assert_eq!(formats.get("PlainText"), Some(&32), "{formats:?}");
    assert_eq!(formats.get("Envelope"), Some(&32), "{formats:?}");
    assert_eq!(formats.get("Ninjs"), Some(&27), "{formats:?}");
}

#[test]
fn seed_story_d000() {
    let Some(records) = dev_records() else { return };
    let r = records.iter().find(|r| r.id == "d000").expect("d000");
    let s = parse_payload(r.key.as_deref(), r.payload.as_bytes(), MAX).expect("d000 parses");
    assert_eq!(s.source.as_deref(), Some("AP"));
    assert_eq!(s.dateline.as_deref(), Some("KYIV, Ukraine"));
    assert!(
        s.body
            .starts_with("Ukrainian President Volodymyr Zelenskyy"),
        "{}",
        &s.body[..80]
    );
    assert_eq!(s.format, PayloadFormat::PlainText);
    assert_eq!(s.id, "ap-kyiv-turkey-talks");
    // Curly apostrophes and quotes are folded.
    assert!(s.body.contains("Russia's nearly four-year invasion"));
    assert!(s.body.contains("\"unprecedented.\""));
    // "U.S. President" and "new U.S. sanctions" do not split sentences.
    let ss = sentences(&s.body);
    assert!(ss.iter().any(|x| {
        s.body[x.start..x.end]
            .starts_with("U.S. President Donald Trump has also expressed frustration")
            && s.body[x.start..x.end].ends_with("into negotiations.")
    }));
}

#[test]
fn plain_dev_stories_split_headline_and_dateline() {
    let Some(records) = dev_records() else { return };
    let mut with_headline = 0;
    for r in &records {
        let s = parse_payload(r.key.as_deref(), r.payload.as_bytes(), MAX).expect("parses");
        if s.format != PayloadFormat::PlainText {
            continue;
        }
        if let Some(h) = &s.headline {
            with_headline += 1;
            assert!(!h.ends_with('.'), "{}: headline {h:?}", r.id);
            assert!(!s.body.starts_with(h.as_str()), "{}", r.id);
        }
        // No plain body keeps a leading dateline or slug.
        if let Some(dl) = &s.dateline {
            assert!(!s.body.starts_with(dl.as_str()), "{}: {dl}", r.id);
        }
    }
    assert!(with_headline >= 5, "only {with_headline} headlines found");
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{name}")).expect("fixture exists")
}

#[test]
fn fixture_plain_headline() {
    let s = parse_payload(Some("fx-plain"), &fixture("plain_headline.txt"), MAX).expect("parses");
    assert_eq!(s.id, "fx-plain");
    assert_eq!(
        s.headline.as_deref(),
        Some("Ministers agree to meet again in Geneva")
    );
    assert_eq!(s.dateline.as_deref(), Some("GENEVA, Switzerland"));
    assert_eq!(s.source.as_deref(), Some("AFP"));
    assert_eq!(
        s.body,
        "Foreign ministers agreed on Thursday to meet again next month, the U.S. delegation said. \
         The talks ran for 6.5 hours.\nNo date was set."
    );
    let texts: Vec<&str> = sentences(&s.body)
        .iter()
        .map(|x| &s.body[x.start..x.end])
        .collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert_eq!(texts[1], "The talks ran for 6.5 hours.");
}

#[test]
fn fixture_envelope() {
    let s = parse_payload(None, &fixture("envelope.json"), MAX).expect("parses");
    assert_eq!(s.id, "fixture-env-001");
    assert_eq!(s.format, PayloadFormat::Envelope);
    assert_eq!(s.source.as_deref(), Some("Reuters"));
    assert_eq!(s.dateline.as_deref(), Some("BRUSSELS"));
    assert_eq!(s.language.as_deref(), Some("en"));
    assert_eq!(sentences(&s.body).len(), 2);
}

#[test]
fn fixture_ninjs2_html() {
    let s = parse_payload(None, &fixture("ninjs2_html.json"), MAX).expect("parses");
    assert_eq!(s.id, "urn:newsml:fixture:20250910:drones");
    assert_eq!(s.format, PayloadFormat::Ninjs);
    assert_eq!(
        s.headline.as_deref(),
        Some("Poland shoots down drones over its territory")
    );
    assert_eq!(s.dateline.as_deref(), Some("WARSAW"));
    assert_eq!(s.published_at.as_deref(), Some("2025-09-10T15:20:00Z"));
    assert_eq!(
        s.body,
        "Poland's military shot down drones that entered its airspace overnight, Prime Minister \
         Donald Tusk said.\n\"This is a large-scale provocation,\" Tusk told parliament - and NATO \
         allies met."
    );
}

#[test]
fn fixture_bad_envelope() {
    let e = parse_payload(None, &fixture("bad_envelope_no_body.json"), MAX).unwrap_err();
    assert_eq!(e, RejectReason::MissingField("body"));
    assert_eq!(e.code(), "missing_field");
}
