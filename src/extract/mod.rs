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
