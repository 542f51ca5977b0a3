//! The data that flows through wirewatch: `Story` in, `Event`s found in it,
//! `EnrichedRecord` out. Data types only: no parsing, no I/O, no rules.

mod country;
mod event;
mod record;
mod story;
mod subtype;

pub use country::CountryCode;
pub use event::{
    Category, Event, EventCodes, EventSlots, Evidence, MAX_EVIDENCE_BYTES, Status, StrikeFields,
};
pub use record::{Classification, EnrichedRecord, SCHEMA_VERSION, StoryMeta};
pub use story::{PayloadFormat, Story};
pub use subtype::Subtype;
