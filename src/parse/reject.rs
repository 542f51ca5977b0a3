//! Why a payload was refused: the dead-letter reason, its operator message
//! and a closed-set code for metric labels and the `x-error-class` header.

/// Why a payload cannot become a story. Goes to the dead-letter topic.
///
/// The `Display` text says what was wrong and what the worker expects, for an
/// operator reading the dead-letter record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    /// The payload is larger than the configured limit (checked first).
    #[error(
        "payload is {size} bytes, over the {limit}-byte limit; the worker expects one story per message within the configured maximum payload size"
    )]
    TooLarge {
        /// Payload size in bytes.
        size: usize,
        /// Configured limit in bytes.
        limit: usize,
    },
    /// The payload is not valid UTF-8.
    #[error(
        "payload is not valid UTF-8 (invalid byte sequence at byte {valid_up_to}); the worker expects UTF-8 text: plain text, a JSON envelope or IPTC ninjs"
    )]
    NotUtf8 {
        /// Length of the longest valid UTF-8 prefix, i.e. where it broke.
        valid_up_to: usize,
    },
    /// Nothing but whitespace, or a body that reduces to no text.
    #[error(
        "payload has no story text (empty, whitespace only, or a body that is empty once markup is removed); the worker expects a non-empty story body"
    )]
    Empty,
    /// Starts with `{` but does not parse as JSON.
    #[error(
        "payload starts with '{{' but is not valid JSON ({0}); the worker expects a JSON envelope or IPTC ninjs object, or plain text that does not start with '{{'"
    )]
    InvalidJson(String),
    /// Valid JSON, but neither an envelope nor ninjs. Holds what was found.
    #[error(
        "JSON payload is {0}; the worker expects an object that is either an envelope with \"id\" and \"body\" or IPTC ninjs with \"uri\" and \"body_text\", \"body_html\" or \"bodies\""
    )]
    UnknownShape(String),
    /// A required field is absent or null.
    #[error(
        "required field `{0}` is missing or null; an envelope needs \"id\" and \"body\", ninjs needs \"body_text\", \"body_html\" or \"bodies\""
    )]
    MissingField(&'static str),
    /// A known field has the wrong JSON type.
    #[error(
        "a JSON field has the wrong type ({0}); the worker expects text fields as strings and \"id\" as a string or number"
    )]
    InvalidField(String),
}

impl RejectReason {
    /// A short, closed-set code for metric labels and the `x-error-class`
    /// header: `too_large`, `not_utf8`, `empty`, `invalid_json`,
    /// `unknown_shape`, `missing_field`, `invalid_field`.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::TooLarge { .. } => "too_large",
            RejectReason::NotUtf8 { .. } => "not_utf8",
            RejectReason::Empty => "empty",
            RejectReason::InvalidJson(_) => "invalid_json",
            RejectReason::UnknownShape(_) => "unknown_shape",
            RejectReason::MissingField(_) => "missing_field",
            RejectReason::InvalidField(_) => "invalid_field",
        }
    }

    /// Every code [`RejectReason::code`] can return, for pre-registering
    /// metric label values.
    pub const CODES: &'static [&'static str] = &[
        "too_large",
        "not_utf8",
        "empty",
        "invalid_json",
        "unknown_shape",
        "missing_field",
        "invalid_field",
    ];
}
