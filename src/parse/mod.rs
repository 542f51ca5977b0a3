//! Payload bytes -> [`Story`], or a [`RejectReason`] for the dead-letter topic.
//!
//! The input form is told apart by content, no configuration: after the size
//! and UTF-8 checks, text whose first non-blank character is `{` must be a
//! JSON envelope or IPTC ninjs object; anything else is plain text (a
//! top-level JSON array is refused as an unknown shape). Each form maps to a
//! [`Draft`]; [`finish`] then fixes the body once and for all (normalised,
//! inline dateline lifted out), fills the id fallbacks and cleans metadata.
//! The body is final after this: every evidence offset points into it.

mod dateline;
mod envelope;
mod ninjs;
mod plain;
mod reject;

pub use plain::MAX_HEADLINE_WORDS;
pub use reject::RejectReason;

use crate::fingerprint::fnv1a64;
use crate::model::{PayloadFormat, Story};
use crate::text::normalize;
use serde_json::{Map, Value};

/// Keys that mark an object as ninjs rather than an envelope.
const NINJS_KEYS: &[&str] = &[
    "uri",
    "version",
    "versioncreated",
    "firstcreated",
    "standard",
    "body_text",
    "body_html",
    "bodies",
    "headlines",
    "located",
];

/// Keys that mark an object as an envelope.
const ENVELOPE_KEYS: &[&str] = &["id", "body"];

/// A story as read from one input form, before the common clean-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Draft {
    id: Option<String>,
    source: Option<String>,
    headline: Option<String>,
    dateline: Option<String>,
    published_at: Option<String>,
    language: Option<String>,
    body: String,
    /// The body is already in normal form (the plain reader normalises the
    /// whole payload first), so `finish` need not do it again.
    body_normalized: bool,
    format: PayloadFormat,
}

impl Draft {
    fn new(format: PayloadFormat) -> Self {
        Draft {
            id: None,
            source: None,
            headline: None,
            dateline: None,
            published_at: None,
            language: None,
            body: String::new(),
            body_normalized: false,
            format,
        }
    }
}

/// Parse one message value (and its key, if any) into a story.
///
/// Checks, in order: size (`payload.len() > max_bytes` is
/// [`RejectReason::TooLarge`]), UTF-8, a leading BOM is stripped, blank
/// input is [`RejectReason::Empty`]; then the form is detected and parsed.
/// The story id is the envelope `id` / ninjs `uri`, else the trimmed
/// non-empty `key`, else `story-<FNV-1a 64 of the body, 16 hex>`.
/// Total: never panics, whatever the bytes.
pub fn parse_payload(
    key: Option<&str>,
    payload: &[u8],
    max_bytes: usize,
) -> Result<Story, RejectReason> {
    if payload.len() > max_bytes {
        return Err(RejectReason::TooLarge {
            size: payload.len(),
            limit: max_bytes,
        });
    }
    let text = std::str::from_utf8(payload).map_err(|e| RejectReason::NotUtf8 {
        valid_up_to: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(RejectReason::Empty);
    }
    let draft = if trimmed.starts_with('{') {
        let value: Value = serde_json::from_str(trimmed)
            .map_err(|e| RejectReason::InvalidJson(capped(e.to_string())))?;
        parse_json(value)?
    } else if trimmed.starts_with('[')
        && let Ok(value) = serde_json::from_str::<Value>(trimmed)
    {
        return Err(RejectReason::UnknownShape(describe(&value)));
    } else {
        plain::parse(text)
    };
    finish(key, draft)
}

/// Route a parsed JSON value to the envelope or ninjs reader.
fn parse_json(value: Value) -> Result<Draft, RejectReason> {
    let Value::Object(obj) = value else {
        return Err(RejectReason::UnknownShape(describe(&value)));
    };
    if NINJS_KEYS.iter().any(|k| obj.contains_key(*k)) {
        ninjs::parse(obj)
    } else if ENVELOPE_KEYS.iter().any(|k| obj.contains_key(*k)) {
        envelope::parse(obj)
    } else {
        Err(RejectReason::UnknownShape(describe_object(&obj)))
    }
}

/// The common clean-up: final body, inline dateline, id fallback, metadata.
fn finish(key: Option<&str>, draft: Draft) -> Result<Story, RejectReason> {
    let mut body = if draft.body_normalized {
        debug_assert_eq!(draft.body, normalize(&draft.body));
        draft.body
    } else {
        normalize(&draft.body)
    };
    let mut source = clean_line(draft.source);
    let mut dateline = clean_line(draft.dateline);
    if let Some(inline) = dateline::inline_dateline(&body) {
        let rest = body.get(inline.len..).unwrap_or_default();
        if !rest.trim().is_empty() {
            dateline = dateline.or(Some(inline.dateline));
            source = source.or(inline.source);
            // the rest of a normal body is normal but for leading space
            let rest = rest.trim_start_matches([' ', '\n']);
            debug_assert_eq!(rest, normalize(rest));
            body = rest.to_string();
        }
    }
    if body.is_empty() {
        return Err(RejectReason::Empty);
    }
    let id = clean_id(draft.id)
        .or_else(|| clean_id(key.map(str::to_string)))
        .unwrap_or_else(|| format!("story-{:016x}", fnv1a64(body.as_bytes())));
    Ok(Story {
        id,
        source,
        headline: clean_line(draft.headline),
        dateline,
        published_at: clean_id(draft.published_at),
        received_at_ms: None,
        language: clean_id(draft.language),
        body,
        format: draft.format,
    })
}

/// Normalise a one-line metadata field; blank becomes `None`.
fn clean_line(s: Option<String>) -> Option<String> {
    let s = normalize(&s?).replace('\n', " ");
    (!s.is_empty()).then_some(s)
}

/// Trim an identifier-like field (id, timestamp, language); blank becomes `None`.
fn clean_id(s: Option<String>) -> Option<String> {
    let s = s?;
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Map a serde error on a known field to a reject reason.
fn json_error(e: serde_json::Error) -> RejectReason {
    RejectReason::InvalidField(capped(e.to_string()))
}

/// Longest error detail kept in a reject reason, in chars.
const MAX_DETAIL_CHARS: usize = 200;

/// Cap an error detail (serde quotes offending string values verbatim), so a
/// hostile payload cannot blow up the dead-letter record or header.
fn capped(detail: String) -> String {
    match detail.char_indices().nth(MAX_DETAIL_CHARS) {
        Some((cut, _)) => format!("{}...", &detail[..cut]),
        None => detail,
    }
}

/// "an array", "a string", ... for messages.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What a non-story JSON value is, for [`RejectReason::UnknownShape`].
fn describe(v: &Value) -> String {
    match v {
        Value::Object(o) => describe_object(o),
        other => format!("{} at top level", json_kind(other)),
    }
}

/// "an object with keys [\"a\", \"b\"]", capped so a hostile payload cannot
/// blow up the dead-letter header.
fn describe_object(o: &Map<String, Value>) -> String {
    const MAX_KEYS: usize = 12;
    const MAX_KEY_CHARS: usize = 40;
    if o.is_empty() {
        return "an empty object".to_string();
    }
    let mut keys: Vec<String> = o
        .keys()
        .take(MAX_KEYS)
        .map(|k| format!("{:?}", k.chars().take(MAX_KEY_CHARS).collect::<String>()))
        .collect();
    if o.len() > MAX_KEYS {
        keys.push(format!("... {} more", o.len() - MAX_KEYS));
    }
    format!("an object with keys [{}]", keys.join(", "))
}

#[cfg(test)]
mod tests;
