//! Paragraph and sentence segmentation over byte offsets into a body.

/// One sentence of a body: `body[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Index of the paragraph (as returned by [`paragraphs`]) it lies in.
    pub paragraph: usize,
}

/// Paragraph spans (placeholder, being implemented).
pub fn paragraphs(_body: &str) -> Vec<(usize, usize)> {
    Vec::new()
}

/// Sentence spans (placeholder, being implemented).
pub fn sentences(_body: &str) -> Vec<Sentence> {
    Vec::new()
}
