//! Text utilities shared by parsing and classification: normalisation (one
//! canonical form for every body, so evidence offsets are stable), HTML
//! reduction, and paragraph/sentence segmentation over byte offsets.

pub mod dates;
pub mod html;
pub mod normalize;
pub mod segment;
pub mod words;

pub use html::html_to_text;
pub use normalize::normalize;
pub use segment::{Sentence, paragraphs, sentences};
