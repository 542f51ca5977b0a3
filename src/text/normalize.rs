//! Canonical text form for story bodies, headlines and datelines.

/// Normalise text (placeholder, being implemented).
pub fn normalize(s: &str) -> String {
    s.trim().to_string()
}
