//! The Kafka edge: the only module that imports rdkafka.
//!
//! - `client_config`: librdkafka settings for the delivery guarantee
//! - `topics`: start-up topic check and creation
//! - `context`: librdkafka callbacks (lag, rebalance, commit, errors)
//! - `offsets`: which input offsets may be committed (pure)
//! - `delivery`: producing outputs with retry until acknowledged
//! - `worker`: the consume loop and shutdown drain

pub mod client_config;
pub mod context;
pub mod delivery;
pub mod offsets;
pub mod topics;
pub mod worker;
