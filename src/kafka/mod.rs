//! The Kafka edge: the only module that imports rdkafka.
//!
//! - `client_config`: librdkafka settings for each delivery mode
//! - `topics`: start-up check of topics, their size limits and durability
//! - `context`: librdkafka callbacks (lag, outages, rebalance, commit, errors)
//! - `offsets`: which input offsets may be committed, which partitions pause (pure)
//! - `records`: what a story becomes on the output topics (pure)
//! - `processing`: the pure pipeline on a pool of threads, per-partition order kept
//! - `delivery`: producing a record with retry until acknowledged
//! - `worker`: the consume loop, at-least-once delivery and bounded shutdown
//! - `transactional`: exactly-once delivery in Kafka transactions

pub mod client_config;
pub mod context;
pub mod delivery;
pub mod offsets;
pub mod processing;
pub mod records;
pub mod topics;
pub mod transactional;
pub mod worker;
