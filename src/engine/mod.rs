//! The engine: compiled rules + gazetteer + code crosswalk, and the one call
//! the pipeline makes per story, [`Engine::analyse`].
//!
//! Role: wiring only. `rules` compiles the analysts' rule files, `gazetteer`
//! resolves names to countries, `classify` finds and labels the events,
//! `codes` attaches CAMEO/PLOVER/IPTC codes. Everything is loaded once by
//! [`Engine::load`] (the only I/O) into an immutable, `Send + Sync` value that
//! is shared behind an `Arc` and swapped whole on reload.

use crate::classify;
use crate::codes::Codes;
use crate::gazetteer::Gazetteer;
use crate::model::{Category, Classification, Event, Evidence, Story};
use crate::rules::RuleSet;
use std::collections::BTreeMap;
use std::path::Path;

pub use crate::rules::RulesError;

/// What the engine found in one story.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Labels, scores, primary and IPTC topics.
    pub classification: Classification,
    /// Events, each with its evidence sentence and codes.
    pub events: Vec<Event>,
}

/// Compiled rules, gazetteer and code crosswalk; immutable, `Send + Sync`.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
    gazetteer: Gazetteer,
    codes: Codes,
    version: String,
}

impl Engine {
    /// Loads `config_dir/rules/*.toml`, `config_dir/gazetteer/` and
    /// `config_dir/codes.toml`. A bad rule is an error naming its file, rule
    /// and line.
    pub fn load(config_dir: &Path) -> Result<Engine, RulesError> {
        let rules = RuleSet::load(&config_dir.join("rules"))?;
        let gazetteer = Gazetteer::load(&config_dir.join("gazetteer"))?;
        let codes = Codes::load(&config_dir.join("codes.toml"))?;
        let version = format!(
            "rules-{}+gazetteer-{}+codes-{}",
            rules.version(),
            gazetteer.version(),
            codes.version()
        );
        Ok(Engine {
            rules,
            gazetteer,
            codes,
            version,
        })
    }

    /// The combined version of rules, gazetteer and codes, stamped on every
    /// record so a result can be traced to the configuration that made it.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The compiled rules (for tools and tests).
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The loaded gazetteer (for tools, tests and benchmarks).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Classifies one story and extracts its events. Pure and deterministic;
    /// never panics on any body.
    pub fn analyse(&self, story: &Story) -> Analysis {
        let found = classify::classify(&self.rules, &self.gazetteer, story);
        let body = story.body.as_str();
        let codes = &self.codes;
        let events = found
            .events
            .into_iter()
            .map(|c| Event {
                evidence: Evidence::from_span(body, c.sentence.0, c.sentence.1),
                codes: codes.event_codes(c.subtype, c.status),
                slots: c.slots,
                subtype: c.subtype,
                status: c.status,
            })
            .collect();
        let scores: BTreeMap<Category, f64> = Category::ALL
            .into_iter()
            .map(|c| (c, (found.scores[c as usize] * 1000.0).round() / 1000.0))
            .collect();
        let iptc_media_topics = found
            .labels
            .iter()
            .map(|c| self.codes.iptc(*c).to_string())
            .collect();
        Analysis {
            classification: Classification {
                labels: found.labels,
                primary: found.primary,
                scores,
                iptc_media_topics,
            },
            events,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Engine>();
    }
}
