//! IPTC ninjs 1.x and 2.x items.
//!
//! 1.x: `uri`, `versioncreated`, `headline`, `body_text` / `body_html`,
//! `located`, `language`. 2.x: `headlines[]` and `bodies[]` of
//! `{role, contenttype, value}`. The headline is the `main` one (else the
//! first non-empty); the body is `body_text`, else `body_html` reduced to
//! text, else a `text/plain` entry of `bodies` (`main` first), else any other
//! entry reduced as HTML. `source` comes from `provider` (string or
//! `{name}`), then `copyrightholder`, then a non-standard `source`; `by` is a
//! byline (a person), not a source, and is ignored.

use super::{Draft, RejectReason, json_error};
use crate::model::PayloadFormat;
use crate::text::html_to_text;
use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Ninjs {
    uri: Option<String>,
    versioncreated: Option<String>,
    firstcreated: Option<String>,
    headline: Option<String>,
    headlines: Option<Vec<Block>>,
    body_text: Option<String>,
    body_html: Option<String>,
    bodies: Option<Vec<Block>>,
    located: Option<Value>,
    language: Option<String>,
    provider: Option<Value>,
    copyrightholder: Option<String>,
    source: Option<String>,
}

/// One entry of 2.x `headlines[]` or `bodies[]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Block {
    role: Option<String>,
    contenttype: Option<String>,
    value: Option<String>,
}

impl Block {
    fn text(&self) -> Option<&str> {
        self.value.as_deref().filter(|v| !v.trim().is_empty())
    }
    fn is_main(&self) -> bool {
        self.role.as_deref() == Some("main")
    }
    fn is_plain(&self) -> bool {
        self.contenttype
            .as_deref()
            .is_none_or(|c| c.trim().to_ascii_lowercase().starts_with("text/plain"))
    }
}

/// Map a ninjs object to a draft story.
pub(crate) fn parse(obj: Map<String, Value>) -> Result<Draft, RejectReason> {
    let item: Ninjs = serde_json::from_value(Value::Object(obj)).map_err(json_error)?;
    let (body, from_html) =
        select_body(&item).ok_or(RejectReason::MissingField("body_text|body_html|bodies"))?;
    let headlines = item.headlines.as_deref().unwrap_or_default();
    let headline = headlines
        .iter()
        .filter(|b| b.is_main())
        .chain(headlines.iter())
        .find_map(Block::text)
        .map(str::to_string)
        .or(item.headline);
    let mut draft = Draft::new(PayloadFormat::Ninjs);
    draft.id = item.uri;
    draft.body = body;
    // html_to_text already normalises
    draft.body_normalized = from_html;
    draft.headline = headline;
    draft.dateline = item.located.as_ref().and_then(name_of);
    draft.published_at = item.versioncreated.or(item.firstcreated);
    draft.language = item.language;
    draft.source = item
        .provider
        .as_ref()
        .and_then(name_of)
        .or(item.copyrightholder)
        .or(item.source);
    Ok(draft)
}

/// The body text, reduced from HTML when needed (then `true`); `None` if no
/// body field exists.
fn select_body(item: &Ninjs) -> Option<(String, bool)> {
    if let Some(text) = nonblank(&item.body_text) {
        return Some((text.to_string(), false));
    }
    if let Some(html) = nonblank(&item.body_html) {
        return Some((html_to_text(html), true));
    }
    if let Some(bodies) = item.bodies.as_deref() {
        let plain = bodies
            .iter()
            .filter(|b| b.is_plain() && b.is_main())
            .chain(bodies.iter().filter(|b| b.is_plain()))
            .find_map(Block::text);
        if let Some(text) = plain {
            return Some((text.to_string(), false));
        }
        let marked_up = bodies
            .iter()
            .filter(|b| b.is_main())
            .chain(bodies.iter())
            .find_map(Block::text);
        if let Some(html) = marked_up {
            return Some((html_to_text(html), true));
        }
    }
    // Present but blank counts as an empty body, absent as a missing field.
    (item.body_text.is_some() || item.body_html.is_some() || item.bodies.is_some())
        .then(|| (String::new(), false))
}

/// The field's text unless it is absent or blank.
fn nonblank(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|v| !v.trim().is_empty())
}

/// A string, or the `name` of an object (`located`, `provider`).
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}
