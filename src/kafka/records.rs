//! What one input message becomes on the output topics: the enriched record
//! on its routes, or exactly one dead letter. Pure: no rdkafka, so the header
//! set of a dead letter is defined (and tested) in one place, whatever the
//! reason it is sent.

use crate::config::Topics;
use crate::model::Category;
use crate::pipeline::{Publication, Route};
use std::sync::Arc;

/// Longest `x-error` header value; longer reasons are cut at a char boundary.
pub const MAX_ERROR_HEADER: usize = 1024;

/// Room the worker's own headers, key and framing may take in a record on
/// top of its payload. The start-up check asks each output topic for this
/// much above what it must carry.
pub const RECORD_OVERHEAD_BYTES: usize = 8 * 1024;

/// Where an input message came from; copied into every output's headers.
#[derive(Debug, Clone)]
pub struct Source {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    pub timestamp_ms: Option<i64>,
    pub key: Option<Arc<[u8]>>,
}

/// Which output a record is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Enriched,
    Category(Category),
    DeadLetter,
}

impl Output {
    /// The `category` label of `records_produced`.
    pub fn label(self) -> &'static str {
        match self {
            Output::Enriched => "all",
            Output::Category(c) => c.as_str(),
            Output::DeadLetter => "dead_letter",
        }
    }
}

/// One record to produce. Payload and header bytes are shared across
/// fan-out copies.
#[derive(Debug, Clone)]
pub struct OutRecord {
    pub topic: String,
    pub key: Option<Arc<[u8]>>,
    pub payload: Arc<[u8]>,
    pub headers: Arc<[(&'static str, String)]>,
    pub output: Output,
    /// Reject code when this is a dead letter.
    pub dead_letter_reason: Option<&'static str>,
}

fn source_headers(source: &Source) -> Vec<(&'static str, String)> {
    let mut h = vec![
        ("x-source-topic", source.topic.clone()),
        ("x-source-partition", source.partition.to_string()),
        ("x-source-offset", source.offset.to_string()),
    ];
    if let Some(ts) = source.timestamp_ms {
        h.push(("x-source-timestamp", ts.to_string()));
    }
    h
}

/// The enriched record on every route of a publication, one shared payload.
pub fn publication(
    p: &Publication,
    source: &Source,
    topics: &Topics,
    rules_version: &str,
) -> Vec<OutRecord> {
    let payload: Arc<[u8]> = Arc::from(&p.json[..]);
    let key: Arc<[u8]> = Arc::from(p.record.story.id.as_bytes());
    let mut headers = source_headers(source);
    headers.push(("x-schema-version", crate::model::SCHEMA_VERSION.to_string()));
    headers.push(("x-rules-version", rules_version.to_string()));
    headers.push(("content-type", "application/json".to_string()));
    let headers: Arc<[(&'static str, String)]> = headers.into();
    p.routes
        .iter()
        .map(|route| {
            let (topic, output) = match route {
                Route::Enriched => (topics.enriched.clone(), Output::Enriched),
                Route::Category(c) => (topics.category(*c).to_string(), Output::Category(*c)),
            };
            OutRecord {
                topic,
                key: Some(key.clone()),
                payload: payload.clone(),
                headers: headers.clone(),
                output,
                dead_letter_reason: None,
            }
        })
        .collect()
}

/// The one dead letter of a story: the input bytes unchanged, the input key,
/// and headers saying where it came from and why it is here.
pub fn dead_letter(
    source: &Source,
    original: &Arc<[u8]>,
    dead_letter_topic: &str,
    code: &'static str,
    message: &str,
) -> OutRecord {
    let mut headers = source_headers(source);
    headers.push(("x-error-class", code.to_string()));
    headers.push(("x-error", truncate(message, MAX_ERROR_HEADER)));
    headers.push(("x-worker-version", env!("CARGO_PKG_VERSION").to_string()));
    OutRecord {
        topic: dead_letter_topic.to_string(),
        key: source.key.clone(),
        payload: original.clone(),
        headers: headers.into(),
        output: Output::DeadLetter,
        dead_letter_reason: Some(code),
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn source() -> Source {
        Source {
            topic: "in".into(),
            partition: 2,
            offset: 41,
            timestamp_ms: Some(1_700_000_000_000),
            key: Some(Arc::from(&b"k"[..])),
        }
    }

    fn header<'a>(r: &'a OutRecord, name: &str) -> Option<&'a str> {
        r.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn a_dead_letter_keeps_the_bytes_and_says_where_from_and_why() {
        let original: Arc<[u8]> = Arc::from(vec![0xffu8; 2_000_000]);
        let d = dead_letter(&source(), &original, "dlq", "not_utf8", &"é".repeat(2000));
        assert_eq!(d.payload.len(), 2_000_000, "never cut");
        assert_eq!(d.key.as_deref(), Some(&b"k"[..]));
        assert_eq!(header(&d, "x-error-class"), Some("not_utf8"));
        assert_eq!(header(&d, "x-source-offset"), Some("41"));
        assert_eq!(header(&d, "x-source-timestamp"), Some("1700000000000"));
        assert!(header(&d, "x-worker-version").is_some());
        assert!(
            header(&d, "content-type").is_none(),
            "the payload is not ours to type"
        );
        assert!(header(&d, "x-error").unwrap().len() <= MAX_ERROR_HEADER + 3);
        let all: usize = d.headers.iter().map(|(k, v)| k.len() + v.len()).sum();
        assert!(all < RECORD_OVERHEAD_BYTES);
    }

    #[test]
    fn a_publication_goes_once_to_each_route_with_one_payload() {
        let engine = crate::engine::Engine::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/config"
        )))
        .unwrap();
        let crate::pipeline::Outcome::Publish(p) = crate::pipeline::process(
            &engine,
            Some("s1"),
            b"A Russian missile strike on Kharkiv killed two people on Monday, officials said.",
            &crate::pipeline::Limits::default(),
        ) else {
            panic!("publishes");
        };
        let topics = Config::from_layers(None, &[]).unwrap().topics;
        let out = publication(&p, &source(), &topics, "r1");
        assert_eq!(out.len(), p.routes.len());
        assert_eq!(out[0].topic, topics.enriched);
        assert!(out.iter().all(|r| Arc::ptr_eq(&r.payload, &out[0].payload)));
        assert_eq!(header(&out[0], "content-type"), Some("application/json"));
        assert_eq!(header(&out[0], "x-rules-version"), Some("r1"));
    }
}
