//! The enriched record published for every story.

use super::{Category, Event, Story};
use serde::Serialize;
use std::collections::BTreeMap;

/// Version of the output record's shape; bumped on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Story metadata as published (the body itself is not republished).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryMeta {
    pub id: String,
    pub source: Option<String>,
    pub headline: Option<String>,
    pub dateline: Option<String>,
    pub published_at: Option<String>,
    pub language: Option<String>,
    pub format: super::PayloadFormat,
}

impl From<&Story> for StoryMeta {
    fn from(s: &Story) -> Self {
        StoryMeta {
            id: s.id.clone(),
            source: s.source.clone(),
            headline: s.headline.clone(),
            dateline: s.dateline.clone(),
            published_at: s.published_at.clone(),
            language: s.language.clone(),
            format: s.format,
        }
    }
}

/// Story-level labels. `labels` is empty and `primary` is `None` when the
/// story reports no event; `primary` is always one of `labels` otherwise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub labels: Vec<Category>,
    pub primary: Option<Category>,
    /// A score in [0, 1] for each of the four categories.
    pub scores: BTreeMap<Category, f64>,
    /// IPTC Media Topic codes of the labels (e.g. `medtop:20000642`).
    pub iptc_media_topics: Vec<String>,
}

/// One record per story, in the shape of the wire-formats spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnrichedRecord {
    pub schema_version: u32,
    pub story: StoryMeta,
    pub classification: Classification,
    pub events: Vec<Event>,
    /// Version of the rule set that produced this record.
    pub rules_version: String,
}
