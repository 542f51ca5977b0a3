//! `wirewatch classify` as a user runs it: the real binary, the project's
//! own fixtures, JSON lines out in input order, bad input reported in-line.

use std::io::Write;
use std::process::{Command, Stdio};

fn wirewatch() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_wirewatch"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

#[test]
fn files_give_one_record_each_in_order() {
    let out = wirewatch()
        .args([
            "classify",
            "tests/fixtures/corpus/seed-ap-kyiv-turkey-talks.txt",
            "tests/fixtures/payloads/bad_envelope_no_body.json",
            "tests/fixtures/corpus/06-negative-labour-strike.txt",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["classification"]["primary"], "diplomacy");
    assert_eq!(
        records[0]["classification"]["labels"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(records[1]["error"]["code"], "missing_field");
    assert_eq!(
        records[2]["classification"]["labels"],
        serde_json::json!([])
    );
    assert_eq!(
        records[2]["classification"]["primary"],
        serde_json::Value::Null
    );
}

#[test]
fn batch_from_stdin_keeps_order_and_reports_bad_lines() {
    let mut child = wirewatch()
        .args(["classify", "--batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let batch = concat!(
        "{\"key\": \"k1\", \"payload\": \"Houthi forces fired two missiles at a tanker in the Red Sea on Tuesday, the U.S. military said.\"}\n",
        "{\"payload\": 42}\n",
        "{\"key\": \"k3\", \"payload\": \"{\\\"id\\\": \\\"env-3\\\", \\\"body\\\": \\\"The national bakery association held its annual meeting.\\\"}\"}\n",
    );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(batch.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["story"]["id"], "k1");
    assert_eq!(
        records[0]["classification"]["labels"],
        serde_json::json!(["strike"])
    );
    assert_eq!(records[1]["error"]["code"], "invalid_batch_line");
    assert_eq!(records[2]["story"]["id"], "env-3");
}

#[test]
fn a_missing_rules_directory_is_a_clear_usage_error() {
    let out = wirewatch()
        .args([
            "classify",
            "--rules-dir",
            "/nonexistent",
            "tests/fixtures/corpus/04-strike-drone.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(64));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent"), "{err}");
    assert!(err.contains("--rules-dir"), "{err}");
}
