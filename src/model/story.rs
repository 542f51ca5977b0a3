//! A parsed wire story, whatever form it arrived in.

use serde::Serialize;

/// Which of the three input forms of the wire-formats spec a payload was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayloadFormat {
    /// Plain text, with an optional `SOURCE, DATELINE:` slug or headline line.
    PlainText,
    /// The `{"id", "body", ...}` JSON envelope.
    Envelope,
    /// IPTC ninjs 1.x or 2.x.
    Ninjs,
}

/// One story, reduced to text and metadata. `body` is what every evidence
/// offset points into, so it is never rewritten after parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// Story id: the envelope `id`, the ninjs `uri`, else the message key,
    /// else a stable hash of the body.
    pub id: String,
    pub source: Option<String>,
    pub headline: Option<String>,
    pub dateline: Option<String>,
    /// RFC 3339 timestamp as given by the feed; not interpreted.
    pub published_at: Option<String>,
    /// When the story reached the feed: the Kafka message's timestamp (ms
    /// since the Unix epoch), set by the pipeline, not the payload. The
    /// reference date of a story without `published_at`.
    pub received_at_ms: Option<i64>,
    pub language: Option<String>,
    /// Normalised body text (HTML reduced, entities decoded, quotes and
    /// dashes folded): paragraphs separated by `\n`.
    pub body: String,
    pub format: PayloadFormat,
}
