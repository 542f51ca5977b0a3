//! `wirewatch classify`: the pipeline's pure core over files or a batch file,
//! so an analyst can check a rule change without a broker.

use super::BatchLine;
use crate::engine::Engine;
use crate::pipeline::{Limits, Outcome, process_at};
use serde_json::json;
use std::io::{BufRead, Write};

/// The JSON line printed for one input: the enriched record, or an error record.
pub fn classify_one(engine: &Engine, key: Option<&str>, payload: &[u8], limits: &Limits) -> String {
    classify_at(engine, key, payload, None, limits)
}

/// `classify_one` for a message with a timestamp (ms since the Unix epoch).
pub fn classify_at(
    engine: &Engine,
    key: Option<&str>,
    payload: &[u8],
    timestamp_ms: Option<i64>,
    limits: &Limits,
) -> String {
    match process_at(engine, key, payload, timestamp_ms, limits) {
        Outcome::Publish(p) => String::from_utf8(p.json).unwrap_or_default(),
        Outcome::Reject(r) => error_line(key, r.code(), &r.message()),
    }
}

fn error_line(key: Option<&str>, code: &str, message: &str) -> String {
    json!({
        "schema_version": crate::model::SCHEMA_VERSION,
        "key": key,
        "error": {"code": code, "message": message},
        "classification": {"labels": [], "primary": null},
        "events": [],
    })
    .to_string()
}

/// Classify every line of a batch reader, writing one JSON line per input line.
/// A line that is not a batch object yields an error record; the run goes on.
pub fn classify_batch(
    engine: &Engine,
    input: impl BufRead,
    out: &mut impl Write,
    limits: &Limits,
    pretty: bool,
) -> std::io::Result<usize> {
    let mut n = 0;
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let text = match serde_json::from_str::<BatchLine>(&line) {
            Ok(BatchLine {
                key,
                payload: Some(payload),
                ts,
            }) => classify_at(engine, key.as_deref(), payload.as_bytes(), ts, limits),
            Ok(BatchLine {
                key, payload: None, ..
            }) => error_line(
                key.as_deref(),
                "invalid_batch_line",
                &format!("batch line {}: no \"payload\" field", i + 1),
            ),
            Err(e) => error_line(
                None,
                "invalid_batch_line",
                &format!(
                    "batch line {} is not a {{\"key\", \"payload\"}} JSON object: {e}",
                    i + 1
                ),
            ),
        };
        write_line(out, &text, pretty)?;
        n += 1;
    }
    Ok(n)
}

/// Pretty-print a JSON line when asked; otherwise write it as is.
pub fn write_line(out: &mut impl Write, text: &str, pretty: bool) -> std::io::Result<()> {
    if let (true, Ok(v)) = (pretty, serde_json::from_str::<serde_json::Value>(text)) {
        return writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
    }
    writeln!(out, "{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/config"
        )))
        .expect("shipped rules load")
    }

    #[test]
    fn batch_keeps_order_and_reports_bad_lines_without_stopping() {
        let input = concat!(
            "{\"key\": \"a\", \"payload\": \"AP, KYIV, Ukraine: Talks were held.\"}\n",
            "not json\n",
            "{\"key\": \"c\", \"payload\": \"\"}\n",
            "{\"key\": \"d\", \"payload\": \"Another story.\", \"extra\": 1}\n",
        );
        let mut out = Vec::new();
        let n = classify_batch(
            &engine(),
            input.as_bytes(),
            &mut out,
            &Limits::default(),
            false,
        )
        .unwrap();
        assert_eq!(n, 4);
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["story"]["id"], "a");
        assert_eq!(lines[1]["error"]["code"], "invalid_batch_line");
        assert_eq!(lines[2]["error"]["code"], "empty");
        assert_eq!(lines[2]["key"], "c");
        assert_eq!(lines[3]["story"]["id"], "d");
    }
}
