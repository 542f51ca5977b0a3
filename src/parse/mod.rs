//! Payload bytes -> [`Story`], or a reason to reject (placeholder, being implemented).

use crate::model::Story;

/// Why a payload cannot become a story. Goes to the dead-letter topic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    /// The payload is larger than the configured limit.
    #[error("payload is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: usize, limit: usize },
    /// The payload is not valid UTF-8.
    #[error("payload is not valid UTF-8 (valid up to byte {valid_up_to})")]
    NotUtf8 { valid_up_to: usize },
    /// Nothing but whitespace.
    #[error("payload is empty")]
    Empty,
    /// Starts with `{` but does not parse as JSON.
    #[error("payload looks like JSON but does not parse: {0}")]
    InvalidJson(String),
    /// JSON but neither an envelope nor ninjs.
    #[error("JSON payload has an unknown shape: {0}")]
    UnknownShape(String),
    /// A required field is missing.
    #[error("required field `{0}` is missing")]
    MissingField(&'static str),
}

impl RejectReason {
    /// A short, closed-set code for metric labels and the `x-error-class` header.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::TooLarge { .. } => "too_large",
            RejectReason::NotUtf8 { .. } => "not_utf8",
            RejectReason::Empty => "empty",
            RejectReason::InvalidJson(_) => "invalid_json",
            RejectReason::UnknownShape(_) => "unknown_shape",
            RejectReason::MissingField(_) => "missing_field",
        }
    }
}

/// Parse one message value (and its key, if any) into a story.
pub fn parse_payload(
    _key: Option<&str>,
    _payload: &[u8],
    _max_bytes: usize,
) -> Result<Story, RejectReason> {
    Err(RejectReason::Empty)
}
