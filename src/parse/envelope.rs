//! The JSON envelope `{"id", "body", "source", "headline", "dateline",
//! "published_at", "language"}`: `id` and `body` required, the rest optional.

use super::{Draft, RejectReason, json_error};
use crate::model::PayloadFormat;
use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Envelope {
    id: Option<Value>,
    body: Option<String>,
    source: Option<String>,
    headline: Option<String>,
    dateline: Option<String>,
    published_at: Option<String>,
    language: Option<String>,
}

/// Map an envelope object to a draft story.
pub(crate) fn parse(obj: Map<String, Value>) -> Result<Draft, RejectReason> {
    let env: Envelope = serde_json::from_value(Value::Object(obj)).map_err(json_error)?;
    let id = match env.id {
        None | Some(Value::Null) => return Err(RejectReason::MissingField("id")),
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(RejectReason::MissingField("id"));
        }
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(RejectReason::InvalidField(format!(
                "\"id\" is {}, expected a string or number",
                super::json_kind(&other)
            )));
        }
    };
    let body = env.body.ok_or(RejectReason::MissingField("body"))?;
    let mut draft = Draft::new(PayloadFormat::Envelope);
    draft.id = Some(id);
    draft.body = body;
    draft.source = env.source;
    draft.headline = env.headline;
    draft.dateline = env.dateline;
    draft.published_at = env.published_at;
    draft.language = env.language;
    Ok(draft)
}
