//! wirewatch: classify and enrich news-wire stories from Kafka.
//!
//! ```text
//!  payload bytes ──parse──▶ Story ──engine──▶ Analysis ──enrich──▶ EnrichedRecord ──route──▶ topics
//!   (parse/)               (model/)  (engine/: classify/, extract/,   (enrich.rs)     (pipeline/)
//!                                     gazetteer/, rules/, codes/)
//! ```
//!
//! The pure core (`text`, `parse`, `gazetteer`, `engine`, `enrich`,
//! `pipeline`) does no I/O beyond loading rule files at start: no tokio, no
//! rdkafka, no clock. The edges (`kafka`, `http`, `telemetry`, `config`,
//! `app`, `cli`) wrap it.

pub mod allocator;
pub mod app;
pub mod classify;
pub mod cli;
pub mod codes;
pub mod config;
pub mod engine;
pub mod enrich;
pub mod extract;
pub mod fingerprint;
pub mod gazetteer;
pub mod health;
pub mod http;
pub mod kafka;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod rules;
pub mod telemetry;
pub mod text;
