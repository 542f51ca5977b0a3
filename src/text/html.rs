//! Reduce HTML bodies (ninjs `body_html`, 2.x `text/html` bodies) to text.

/// Reduce HTML to plain text (placeholder, being implemented).
pub fn html_to_text(html: &str) -> String {
    html.to_string()
}
