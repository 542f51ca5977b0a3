//! Slot extraction: numbers, casualties, countries, places and systems.
//!
//! Role: small pure functions that read one sentence or clause (byte spans
//! into the body, plus the rule hits and gazetteer mentions inside it) and
//! return slot values. They know nothing about categories or statuses; the
//! `classify` modules decide which slot a value fills. Split by concept so a
//! newcomer finds "how is 'a dozen' read" in `numbers.rs`, "who attacked" in
//! `actors.rs` and so on.

pub mod actors;
pub mod casualties;
pub mod numbers;
pub mod places;
pub mod systems;

/// `text[start..end]`, with both ends moved back to char boundaries and
/// clamped to the text: byte windows ("the 60 bytes after a name") never
/// split a character.
pub fn window(text: &str, start: usize, end: usize) -> &str {
    let clamp = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (s, e) = (clamp(start), clamp(end));
    &text[s..e.max(s)]
}

/// Whether `w` is one of `list` (lower-case words), ignoring ASCII case:
/// `list.contains(&w.to_ascii_lowercase().as_str())` without the copy.
pub fn one_of(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}
