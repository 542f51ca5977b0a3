//! Story + analysis -> the published record. Pure: the one place where the
//! output shape is assembled, so the worker and `wirewatch classify` agree.

use crate::engine::Analysis;
use crate::model::{EnrichedRecord, SCHEMA_VERSION, Story, StoryMeta};

/// Build the enriched record for `story` from what the engine found.
pub fn enrich(story: &Story, analysis: Analysis, rules_version: &str) -> EnrichedRecord {
    EnrichedRecord {
        schema_version: SCHEMA_VERSION,
        story: StoryMeta::from(story),
        classification: analysis.classification,
        events: analysis.events,
        rules_version: rules_version.to_string(),
    }
}
