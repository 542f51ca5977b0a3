//! Every record the pipeline publishes for the repository's fixtures validates
//! against the published JSON Schema, `deploy/schema/enriched-record.v1.schema.json`
//! (draft 2020-12), and the validator does reject broken records.
//!
//! The evaluation sets (including the blind split) are only run through the
//! pipeline to check the shape of what comes out: their content and gold
//! labels are never read beyond `key` and `payload`, and a failure names the
//! file, the line and the schema path, never the story.

mod common;

use common::{assert_schema, schema_errors};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use wirewatch::engine::Engine;
use wirewatch::pipeline::{Limits, Outcome, process};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn engine() -> Engine {
    Engine::load(&root().join("config")).expect("shipped config loads")
}

/// Files of `dir` whose name ends with `suffix` (any file for ""), sorted.
fn files(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no {suffix} files in {dir}");
    v
}

/// Tally of one fixture set: records validated and payloads rejected.
#[derive(Default)]
struct Tally {
    published: usize,
    rejected: usize,
    failures: Vec<String>,
}

impl Tally {
    /// Run one payload through the pipeline and validate the bytes it would publish.
    fn check(&mut self, engine: &Engine, origin: &str, key: Option<&str>, payload: &[u8]) {
        match process(engine, key, payload, &Limits::default()) {
            Outcome::Publish(p) => {
                self.published += 1;
                let record: Value = match serde_json::from_slice(&p.json) {
                    Ok(v) => v,
                    Err(e) => {
                        self.failures
                            .push(format!("{origin}: record is not JSON ({e})"));
                        return;
                    }
                };
                for err in schema_errors(&record) {
                    self.failures.push(format!("{origin}: {err}"));
                }
            }
            Outcome::Reject(_) => self.rejected += 1,
        }
    }

    fn finish(self, what: &str, min_published: usize) {
        eprintln!(
            "{what}: {} records valid, {} payloads rejected",
            self.published, self.rejected
        );
        assert!(
            self.failures.is_empty(),
            "{what}: {} schema errors:\n  {}",
            self.failures.len(),
            self.failures.join("\n  ")
        );
        assert!(
            self.published >= min_published,
            "{what}: only {} records published",
            self.published
        );
    }
}

/// `{"key", "payload"}` lines of every `.jsonl` file in `dir`; nothing else is read.
fn check_batch_dir(engine: &Engine, dir: &str) -> Tally {
    let mut tally = Tally::default();
    for path in files(dir, ".jsonl") {
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let origin = format!("{name}:{}", i + 1);
            let v: Value =
                serde_json::from_str(line).unwrap_or_else(|_| panic!("{origin}: not a JSON line"));
            let key = v.get("key").and_then(Value::as_str);
            let payload = v
                .get("payload")
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("{origin}: no string \"payload\""));
            tally.check(engine, &origin, key, payload.as_bytes());
        }
    }
    tally
}

#[test]
fn every_record_of_the_evaluation_sets_matches_the_schema() {
    let engine = engine();
    check_batch_dir(&engine, "tests/fixtures/eval").finish("tests/fixtures/eval", 300);
}

#[test]
fn every_record_of_the_blind_evaluation_split_matches_the_schema() {
    let engine = engine();
    check_batch_dir(&engine, "tests/fixtures/eval/blind").finish("tests/fixtures/eval/blind", 100);
}

#[test]
fn every_record_of_the_corpus_and_payload_fixtures_matches_the_schema() {
    let engine = engine();
    let mut tally = Tally::default();
    let mut paths = files("tests/fixtures/corpus", ".txt");
    paths.extend(files("tests/fixtures/payloads", ""));
    for path in &paths {
        let origin = path.strip_prefix(root()).unwrap().display().to_string();
        let key = path.file_stem().and_then(|s| s.to_str());
        let payload = std::fs::read(path).unwrap();
        tally.check(&engine, &origin, key, &payload);
        // Without a key too: the story id then comes from the payload or a fingerprint.
        tally.check(&engine, &origin, None, &payload);
    }
    tally.finish("corpus and payloads", 2 * paths.len() - 2);
}

fn seed_record() -> Value {
    let payload = std::fs::read(root().join("tests/fixtures/corpus/seed-ap-kyiv-turkey-talks.txt"))
        .expect("seed fixture");
    match process(
        &engine(),
        Some("ap-kyiv-turkey-talks"),
        &payload,
        &Limits::default(),
    ) {
        Outcome::Publish(p) => serde_json::from_slice(&p.json).unwrap(),
        Outcome::Reject(r) => panic!("seed story rejected: {}", r.message()),
    }
}

#[test]
fn the_schema_rejects_broken_records() {
    let good = seed_record();
    assert_schema(&good);
    assert!(!good["events"].as_array().unwrap().is_empty());

    type Break = fn(&mut Value);
    let cases: [(&str, Break); 8] = [
        ("schema_version 2", |r| r["schema_version"] = json!(2)),
        ("story.id missing", |r| {
            r["story"].as_object_mut().unwrap().remove("id");
        }),
        ("unknown top-level field", |r| {
            r["extra"] = json!(true);
        }),
        ("unknown category label", |r| {
            r["classification"]["labels"] = json!(["cyber"]);
        }),
        ("primary not one of the labels", |r| {
            r["classification"]["labels"] = json!([]);
            r["classification"]["primary"] = json!("strike");
        }),
        ("unknown event status", |r| {
            r["events"][0]["status"] = json!("rumoured");
        }),
        ("evidence offsets as strings", |r| {
            r["events"][0]["evidence"]["start"] = json!("12");
        }),
        ("country not an ISO code", |r| {
            let strike = r["events"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|e| e["type"] == "strike")
                .unwrap();
            strike["location_country"] = json!("Ukraine");
        }),
    ];
    for (what, break_it) in cases {
        let mut bad = good.clone();
        break_it(&mut bad);
        assert_ne!(bad, good, "{what}: the change did nothing");
        let errors = schema_errors(&bad);
        assert!(!errors.is_empty(), "{what}: the schema accepted it");
        eprintln!("{what}: rejected ({})", errors.join("; "));
    }
    assert!(!common::record_schema().is_valid(&json!({})));
    assert!(!common::record_schema().is_valid(&json!(null)));
}

#[test]
fn the_schema_file_declares_draft_2020_12_and_version_1() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/schema/enriched-record.v1.schema.json"),
    )
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        schema["properties"]["schema_version"]["const"],
        json!(wirewatch::model::SCHEMA_VERSION)
    );
}
