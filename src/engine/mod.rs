//! STUB (being replaced): the compiled rule engine.

use crate::model::{Classification, Event, Story};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("{0}")]
    Invalid(String),
}

/// What the engine found in one story.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub classification: Classification,
    pub events: Vec<Event>,
}

/// Compiled rules, gazetteer and code crosswalk; immutable, `Send + Sync`.
pub struct Engine {
    version: String,
}

impl Engine {
    pub fn load(_config_dir: &Path) -> Result<Engine, RulesError> {
        Ok(Engine {
            version: "stub".into(),
        })
    }
    pub fn version(&self) -> &str {
        &self.version
    }
    pub fn analyse(&self, _story: &Story) -> Analysis {
        Analysis {
            classification: Classification {
                labels: vec![],
                primary: None,
                scores: Default::default(),
                iptc_media_topics: vec![],
            },
            events: vec![],
        }
    }
}
