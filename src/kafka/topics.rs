//! Start-up check that every topic the worker reads or writes exists, and
//! their creation when `topics.create = true`.

use crate::config::Topics;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use std::time::Duration;

/// Why the topics are not usable.
#[derive(Debug, thiserror::Error)]
pub enum TopicError {
    #[error(
        "cannot reach Kafka at {brokers}: {source}; check kafka_brokers / WIREWATCH_BROKERS and that the broker is up"
    )]
    Unreachable {
        brokers: String,
        source: rdkafka::error::KafkaError,
    },
    #[error(
        "missing Kafka topics: {}; create them (deploy/local/kafka.sh topics) or set topics.create = true",
        .0.join(", ")
    )]
    Missing(Vec<String>),
    #[error("could not create topic {topic}: {message}")]
    Create { topic: String, message: String },
}

/// The names in `wanted` that the cluster metadata does not list.
pub fn missing_topics(existing: &[String], wanted: &[&str]) -> Vec<String> {
    wanted
        .iter()
        .filter(|w| !existing.iter().any(|e| e == *w))
        .map(|w| w.to_string())
        .collect()
}

/// The worker's client settings minus what only the long-lived clients need
/// (statistics would be logged by the default context of this short-lived one).
fn admin_config(client: &ClientConfig) -> ClientConfig {
    let mut c = client.clone();
    c.set("statistics.interval.ms", "0");
    c
}

/// Any client-side failure before the cluster answered means it is unreachable.
fn unreachable(brokers: &str) -> impl Fn(rdkafka::error::KafkaError) -> TopicError + '_ {
    move |source| TopicError::Unreachable {
        brokers: brokers.to_string(),
        source,
    }
}

fn list_topics(client: &ClientConfig, brokers: &str) -> Result<Vec<String>, TopicError> {
    let consumer: BaseConsumer = admin_config(client)
        .create()
        .map_err(unreachable(brokers))?;
    let md = consumer
        .fetch_metadata(None, Duration::from_secs(10))
        .map_err(unreachable(brokers))?;
    Ok(md.topics().iter().map(|t| t.name().to_string()).collect())
}

/// Check (and with `topics.create`, create) every topic. Blocking: call from
/// a blocking context.
pub fn ensure_topics(
    client: &ClientConfig,
    brokers: &str,
    topics: &Topics,
) -> Result<(), TopicError> {
    let existing = list_topics(client, brokers)?;
    let missing = missing_topics(&existing, &topics.all());
    if missing.is_empty() {
        return Ok(());
    }
    if !topics.create {
        return Err(TopicError::Missing(missing));
    }
    let admin: AdminClient<DefaultClientContext> = admin_config(client)
        .create()
        .map_err(unreachable(brokers))?;
    let new: Vec<NewTopic> = missing
        .iter()
        .map(|t| {
            NewTopic::new(
                t,
                topics.partitions,
                TopicReplication::Fixed(topics.replication_factor),
            )
        })
        .collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| TopicError::Create {
            topic: missing.join(", "),
            message: e.to_string(),
        })?;
    let results = rt
        .block_on(admin.create_topics(&new, &AdminOptions::new()))
        .map_err(|e| TopicError::Create {
            topic: missing.join(", "),
            message: e.to_string(),
        })?;
    for r in results {
        match r {
            Ok(name) => tracing::info!(topic = %name, "created topic"),
            Err((name, rdkafka::types::RDKafkaErrorCode::TopicAlreadyExists)) => {
                tracing::debug!(topic = %name, "topic appeared concurrently")
            }
            Err((name, code)) => {
                return Err(TopicError::Create {
                    topic: name,
                    message: code.to_string(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_lists_only_absent_names() {
        let existing = vec!["a".to_string(), "b".to_string()];
        assert_eq!(
            missing_topics(&existing, &["a", "c", "b", "d"]),
            vec!["c", "d"]
        );
    }
}
