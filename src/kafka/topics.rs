//! Start-up check of every topic the worker reads or writes: that it exists
//! (or its creation with `topics.create = true`), that the dead-letter topic
//! takes any message the input topic accepts, byte for byte, and that the
//! output topics can be written durably. The record and producer size
//! limits follow from what the topics allow.

use super::records::RECORD_OVERHEAD_BYTES;
use crate::config::Topics;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, ResourceSpecifier, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::metadata::Metadata;
use std::collections::HashMap;
use std::time::Duration;

/// Kafka's default `max.message.bytes` for a topic (broker `message.max.bytes`).
pub const KAFKA_DEFAULT_MAX_MESSAGE_BYTES: usize = 1_048_588;

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
    #[error(
        "dead-letter topic {topic} takes messages up to {have} bytes, but input topic {input} accepts {input_limit}-byte messages and a dead letter carries the input unchanged plus up to {overhead} bytes of headers; raise {topic}'s max.message.bytes to at least {need} (kafka-configs.sh --alter --entity-type topics --entity-name {topic} --add-config max.message.bytes={need})"
    )]
    DeadLetterTooSmall {
        topic: String,
        have: usize,
        input: String,
        input_limit: usize,
        need: usize,
        overhead: usize,
    },
    #[error(
        "topic {topic} has min.insync.replicas={min_isr} but only {replicas} replica(s): no write with acks=all can succeed; lower min.insync.replicas or add replicas"
    )]
    Unwritable {
        topic: String,
        min_isr: usize,
        replicas: usize,
    },
}

/// What the topics allow, as the worker must respect it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicLimits {
    /// Largest enriched record every record topic takes (payload only).
    pub max_record_bytes: usize,
    /// The producer's `message.max.bytes`: the largest record of any output.
    pub producer_max_bytes: usize,
    /// Topics written without durability (replication factor below 3 or
    /// `min.insync.replicas` below 2): a broker loss can lose their records.
    pub not_durable: Vec<String>,
}

/// One topic's facts from the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicFacts {
    pub max_message_bytes: usize,
    pub replicas: usize,
    pub min_insync_replicas: usize,
}

/// The names in `wanted` that the cluster metadata does not list.
pub fn missing_topics(existing: &[String], wanted: &[&str]) -> Vec<String> {
    wanted
        .iter()
        .filter(|w| !existing.iter().any(|e| e == *w))
        .map(|w| w.to_string())
        .collect()
}

/// The size and durability rules over the topics' facts. Pure.
pub fn check_limits(
    topics: &Topics,
    facts: &HashMap<String, TopicFacts>,
) -> Result<TopicLimits, TopicError> {
    let fact = |t: &str| {
        facts.get(t).copied().unwrap_or(TopicFacts {
            max_message_bytes: KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
            replicas: 1,
            min_insync_replicas: 1,
        })
    };
    let input_limit = fact(&topics.input).max_message_bytes;
    let dlq = fact(&topics.dead_letter);
    let need = input_limit + RECORD_OVERHEAD_BYTES;
    if dlq.max_message_bytes < need {
        return Err(TopicError::DeadLetterTooSmall {
            topic: topics.dead_letter.clone(),
            have: dlq.max_message_bytes,
            input: topics.input.clone(),
            input_limit,
            need,
            overhead: RECORD_OVERHEAD_BYTES,
        });
    }
    let mut record_topics: Vec<&str> = vec![topics.enriched.as_str()];
    record_topics.extend(topics.categories.iter().map(String::as_str));
    let max_record_bytes = record_topics
        .iter()
        .map(|t| fact(t).max_message_bytes)
        .min()
        .unwrap_or(KAFKA_DEFAULT_MAX_MESSAGE_BYTES)
        .saturating_sub(RECORD_OVERHEAD_BYTES);
    let mut outputs = record_topics.clone();
    outputs.push(topics.dead_letter.as_str());
    let mut not_durable = Vec::new();
    let mut producer_max_bytes = 0;
    for t in outputs {
        let f = fact(t);
        if f.min_insync_replicas > f.replicas {
            return Err(TopicError::Unwritable {
                topic: t.to_string(),
                min_isr: f.min_insync_replicas,
                replicas: f.replicas,
            });
        }
        if f.replicas < 3 || f.min_insync_replicas < 2 {
            not_durable.push(t.to_string());
        }
        producer_max_bytes = producer_max_bytes.max(f.max_message_bytes);
    }
    Ok(TopicLimits {
        max_record_bytes,
        // librdkafka's own ceiling for message.max.bytes.
        producer_max_bytes: (producer_max_bytes + RECORD_OVERHEAD_BYTES).min(1_000_000_000),
        not_durable,
    })
}

/// The worker's client settings minus what only the long-lived clients need
/// (statistics would be logged by the default context of this short-lived one).
fn admin_config(client: &ClientConfig) -> ClientConfig {
    let mut c = client.clone();
    c.set("statistics.interval.ms", "0");
    c.remove("group.instance.id");
    c
}

/// Any client-side failure before the cluster answered means it is unreachable.
fn unreachable(brokers: &str) -> impl Fn(rdkafka::error::KafkaError) -> TopicError + '_ {
    move |source| TopicError::Unreachable {
        brokers: brokers.to_string(),
        source,
    }
}

fn metadata(client: &ClientConfig, brokers: &str) -> Result<Metadata, TopicError> {
    let consumer: BaseConsumer = admin_config(client)
        .create()
        .map_err(unreachable(brokers))?;
    consumer
        .fetch_metadata(None, Duration::from_secs(10))
        .map_err(unreachable(brokers))
}

fn create_error(topic: String) -> impl Fn(String) -> TopicError {
    move |message| TopicError::Create {
        topic: topic.clone(),
        message,
    }
}

/// Check (and with `topics.create`, create) every topic, then the size and
/// durability rules. Blocking: call from a blocking context.
pub fn ensure_topics(
    client: &ClientConfig,
    brokers: &str,
    topics: &Topics,
) -> Result<TopicLimits, TopicError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| create_error("-".into())(e.to_string()))?;
    let admin: AdminClient<DefaultClientContext> = admin_config(client)
        .create()
        .map_err(unreachable(brokers))?;
    let md = metadata(client, brokers)?;
    let existing: Vec<String> = md.topics().iter().map(|t| t.name().to_string()).collect();
    let missing = missing_topics(&existing, &topics.all());
    if !missing.is_empty() {
        if !topics.create {
            return Err(TopicError::Missing(missing));
        }
        // The dead-letter topic is made to take any message the input does.
        let dlq_limit = (KAFKA_DEFAULT_MAX_MESSAGE_BYTES + RECORD_OVERHEAD_BYTES).to_string();
        let new: Vec<NewTopic> = missing
            .iter()
            .map(|t| {
                let n = NewTopic::new(
                    t,
                    topics.partitions,
                    TopicReplication::Fixed(topics.replication_factor),
                );
                if *t == topics.dead_letter {
                    n.set("max.message.bytes", &dlq_limit)
                } else {
                    n
                }
            })
            .collect();
        let results = rt
            .block_on(admin.create_topics(&new, &AdminOptions::new()))
            .map_err(|e| create_error(missing.join(", "))(e.to_string()))?;
        for r in results {
            match r {
                Ok(name) => tracing::info!(topic = %name, "created topic"),
                Err((name, rdkafka::types::RDKafkaErrorCode::TopicAlreadyExists)) => {
                    tracing::debug!(topic = %name, "topic appeared concurrently")
                }
                Err((name, code)) => return Err(create_error(name)(code.to_string())),
            }
        }
    }
    let md = metadata(client, brokers)?;
    let replicas: HashMap<&str, usize> = md
        .topics()
        .iter()
        .map(|t| {
            let r = t.partitions().first().map_or(1, |p| p.replicas().len());
            (t.name(), r)
        })
        .collect();
    let names = topics.all();
    let specs: Vec<ResourceSpecifier> = names.iter().map(|t| ResourceSpecifier::Topic(t)).collect();
    let opts = AdminOptions::new().request_timeout(Some(Duration::from_secs(10)));
    let mut facts = HashMap::new();
    match rt.block_on(admin.describe_configs(&specs, &opts)) {
        Ok(results) => {
            for (name, r) in names.iter().zip(results) {
                let Ok(resource) = r else { continue };
                let num = |key: &str, default: usize| {
                    resource
                        .get(key)
                        .and_then(|e| e.value.as_deref())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(default)
                };
                facts.insert(
                    name.to_string(),
                    TopicFacts {
                        max_message_bytes: num(
                            "max.message.bytes",
                            KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
                        ),
                        replicas: replicas.get(name).copied().unwrap_or(1),
                        min_insync_replicas: num("min.insync.replicas", 1),
                    },
                );
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the topics' configs (DescribeConfigs); assuming Kafka's defaults")
        }
    }
    check_limits(topics, &facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn missing_lists_only_absent_names() {
        let existing = vec!["a".to_string(), "b".to_string()];
        assert_eq!(
            missing_topics(&existing, &["a", "c", "b", "d"]),
            vec!["c", "d"]
        );
    }

    fn facts(topics: &Topics, dlq: usize, rf: usize, isr: usize) -> HashMap<String, TopicFacts> {
        topics
            .all()
            .iter()
            .map(|t| {
                let max = if *t == topics.dead_letter {
                    dlq
                } else {
                    KAFKA_DEFAULT_MAX_MESSAGE_BYTES
                };
                (
                    t.to_string(),
                    TopicFacts {
                        max_message_bytes: max,
                        replicas: rf,
                        min_insync_replicas: isr,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn a_dead_letter_topic_no_larger_than_the_input_is_refused_with_the_fix() {
        let topics = Config::from_layers(None, &[]).unwrap().topics;
        let err = check_limits(
            &topics,
            &facts(&topics, KAFKA_DEFAULT_MAX_MESSAGE_BYTES, 3, 2),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("max.message.bytes=1056780"), "{err}");
        let ok = check_limits(&topics, &facts(&topics, 1_056_780, 3, 2)).unwrap();
        assert_eq!(
            ok.max_record_bytes,
            KAFKA_DEFAULT_MAX_MESSAGE_BYTES - RECORD_OVERHEAD_BYTES
        );
        assert_eq!(ok.producer_max_bytes, 1_056_780 + RECORD_OVERHEAD_BYTES);
        assert!(ok.not_durable.is_empty());
    }

    #[test]
    fn durability_is_reported_and_an_unwritable_topic_refused() {
        let topics = Config::from_layers(None, &[]).unwrap().topics;
        let weak = check_limits(&topics, &facts(&topics, 2_000_000, 1, 1)).unwrap();
        assert_eq!(weak.not_durable.len(), 6, "every output topic");
        let err = check_limits(&topics, &facts(&topics, 2_000_000, 1, 2))
            .unwrap_err()
            .to_string();
        assert!(err.contains("min.insync.replicas=2"), "{err}");
    }
}
