//! Start-up check of every topic the worker reads or writes: that it exists
//! (or its creation with `topics.create = true`), that the dead-letter topic
//! takes any message the input topic accepts, byte for byte, and that the
//! output topics can be written durably. The record and producer size
//! limits follow from what the topics allow.

use super::records::RECORD_OVERHEAD_BYTES;
use crate::config::Topics;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, ResourceSpecifier, TopicReplication};
use rdkafka::client::{ClientContext, DefaultClientContext};
use rdkafka::config::{ClientConfig, RDKafkaLogLevel};
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext};
use rdkafka::error::KafkaError;
use rdkafka::metadata::Metadata;
use rdkafka::types::RDKafkaErrorCode;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
    /// The brokers refused the credentials: retrying cannot help.
    #[error(
        "Kafka at {brokers} refused to authenticate wirewatch: {reason}; check sasl.mechanism, sasl.username and the password (WIREWATCH_KAFKA__SASL_PASSWORD)"
    )]
    Authentication { brokers: String, reason: String },
    /// The TLS handshake failed (typically the brokers' certificate is not
    /// signed by a trusted CA): retrying cannot help.
    #[error(
        "TLS with Kafka at {brokers} failed: {reason}; set ssl.ca.location to the CA that signed the brokers' certificates, and check that security.protocol matches the brokers' listener"
    )]
    Tls { brokers: String, reason: String },
    /// librdkafka refused to create a client from the settings.
    #[error("cannot create a Kafka client: {0}; check the [kafka] properties")]
    Client(rdkafka::error::KafkaError),
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

/// How long the start-up client waits for the cluster's metadata.
const METADATA_TIMEOUT: Duration = Duration::from_secs(10);

/// Why librdkafka could not talk to the brokers, when retrying cannot help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectFailure {
    Authentication,
    Tls,
}

/// Classify a librdkafka error code; `None` for the transient ones
/// (connection refused, timeouts) that a retry may cure.
pub fn failure_of_code(code: RDKafkaErrorCode) -> Option<ConnectFailure> {
    match code {
        RDKafkaErrorCode::Authentication | RDKafkaErrorCode::SaslAuthenticationFailed => {
            Some(ConnectFailure::Authentication)
        }
        RDKafkaErrorCode::SSL => Some(ConnectFailure::Tls),
        _ => None,
    }
}

/// Classify a librdkafka connection-failure message (its `FAIL` log line).
pub fn failure_of_message(message: &str) -> Option<ConnectFailure> {
    if message.contains("SASL authentication error")
        || message.contains("Authentication failed")
        || message.contains("SASL SCRAM")
    {
        Some(ConnectFailure::Authentication)
    } else if message.contains("SSL handshake failed")
        || message.contains("certificate verify failed")
    {
        Some(ConnectFailure::Tls)
    } else {
        None
    }
}

/// The start-up client's context: it remembers the connection failures
/// librdkafka reports while the client waits for metadata, so a refused
/// login or an untrusted certificate ends the start-up at once, with
/// librdkafka's reason, instead of looking like an unreachable broker.
#[derive(Default)]
struct StartupContext {
    /// Error codes and messages, in the order reported.
    failures: Mutex<Vec<(Option<RDKafkaErrorCode>, String)>>,
}

impl StartupContext {
    fn record(&self, code: Option<RDKafkaErrorCode>, message: &str) {
        // "[thrd:sasl_ssl://host:port/bootstrap]: sasl_ssl://host:port/...": the
        // thread name repeats what follows it.
        let message = match message.strip_prefix("[thrd:") {
            Some(rest) => rest.split_once("]: ").map_or(message, |(_, m)| m),
            None => message,
        };
        if let Ok(mut f) = self.failures.lock()
            && f.len() < 64
        {
            f.push((code, message.to_string()));
        }
    }

    /// The first failure that retrying cannot cure, with the best reason
    /// text librdkafka gave for it.
    fn permanent(&self) -> Option<(ConnectFailure, String)> {
        let f = self.failures.lock().ok()?;
        let kind = f.iter().find_map(|(code, message)| {
            code.and_then(failure_of_code)
                .or_else(|| failure_of_message(message))
        })?;
        let reason = f
            .iter()
            .filter(|(_, m)| failure_of_message(m) == Some(kind))
            .map(|(_, m)| m.clone())
            .next()
            .or_else(|| {
                f.iter()
                    .find(|(c, _)| c.and_then(failure_of_code) == Some(kind))
                    .map(|(c, m)| match c {
                        Some(c) if m.is_empty() => c.to_string(),
                        _ => m.clone(),
                    })
            })
            .unwrap_or_default();
        Some((kind, reason))
    }
}

impl ClientContext for StartupContext {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, log_message: &str) {
        if (level as i32) <= (RDKafkaLogLevel::Warning as i32) {
            self.record(None, log_message);
            tracing::debug!(target: "librdkafka", fac, "{log_message}");
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        self.record(error.rdkafka_error_code(), reason);
    }
}

impl ConsumerContext for StartupContext {}

/// Any other client-side failure before the cluster answered means it is
/// unreachable (for now: the caller retries).
fn unreachable(brokers: &str) -> impl Fn(rdkafka::error::KafkaError) -> TopicError + '_ {
    move |source| TopicError::Unreachable {
        brokers: brokers.to_string(),
        source,
    }
}

/// The cluster's metadata. A refused login or a failed TLS handshake ends
/// the wait as soon as librdkafka reports it (`Authentication`, `Tls`).
fn metadata(client: &ClientConfig, brokers: &str) -> Result<Metadata, TopicError> {
    let mut cfg = admin_config(client);
    // Connection failures are logged at error level; make sure they reach us.
    cfg.set_log_level(RDKafkaLogLevel::Warning);
    let consumer: BaseConsumer<StartupContext> = cfg
        .create_with_context(StartupContext::default())
        .map_err(TopicError::Client)?;
    let deadline = Instant::now() + METADATA_TIMEOUT;
    loop {
        let step = deadline
            .saturating_duration_since(Instant::now())
            .min(Duration::from_secs(1));
        let started = Instant::now();
        let err = match consumer.fetch_metadata(None, step) {
            Ok(md) => return Ok(md),
            Err(e) => e,
        };
        if started.elapsed() < Duration::from_millis(100) {
            std::thread::sleep(Duration::from_millis(100));
        }
        // Error events (with their codes) arrive on the consumer's queue.
        for _ in 0..16 {
            match consumer.poll(Duration::ZERO) {
                Some(Err(e)) => consumer.context().record(e.rdkafka_error_code(), ""),
                Some(Ok(_)) => {}
                None => break,
            }
        }
        if let Some((kind, reason)) = consumer.context().permanent() {
            let brokers = brokers.to_string();
            return Err(match kind {
                ConnectFailure::Authentication => TopicError::Authentication { brokers, reason },
                ConnectFailure::Tls => TopicError::Tls { brokers, reason },
            });
        }
        if Instant::now() >= deadline {
            return Err(unreachable(brokers)(err));
        }
    }
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
    // Metadata first: it tells a refused login or certificate apart.
    let md = metadata(client, brokers)?;
    let admin: AdminClient<DefaultClientContext> =
        admin_config(client).create().map_err(TopicError::Client)?;
    let existing: Vec<String> = md.topics().iter().map(|t| t.name().to_string()).collect();
    let missing = missing_topics(&existing, &topics.all());
    if !missing.is_empty() {
        if !topics.create {
            return Err(TopicError::Missing(missing));
        }
        // The dead-letter topic is made to take any message the input does.
        let dlq_limit = (KAFKA_DEFAULT_MAX_MESSAGE_BYTES + RECORD_OVERHEAD_BYTES).to_string();
        let new: Vec<NewTopic<'_>> = missing
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
    let specs: Vec<ResourceSpecifier<'_>> =
        names.iter().map(|t| ResourceSpecifier::Topic(t)).collect();
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
    fn refused_logins_and_certificates_are_told_apart_from_outages() {
        assert_eq!(
            failure_of_code(RDKafkaErrorCode::Authentication),
            Some(ConnectFailure::Authentication)
        );
        assert_eq!(
            failure_of_code(RDKafkaErrorCode::SSL),
            Some(ConnectFailure::Tls)
        );
        for transient in [
            RDKafkaErrorCode::BrokerTransportFailure,
            RDKafkaErrorCode::AllBrokersDown,
            RDKafkaErrorCode::OperationTimedOut,
        ] {
            assert_eq!(failure_of_code(transient), None, "{transient:?}");
        }
        // librdkafka 2.12's own wording.
        assert_eq!(
            failure_of_message(
                "sasl_ssl://127.0.0.1:19094/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after 12ms in state AUTH_REQ)"
            ),
            Some(ConnectFailure::Authentication)
        );
        assert_eq!(
            failure_of_message(
                "ssl://127.0.0.1:19094/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker certificate could not be verified"
            ),
            Some(ConnectFailure::Tls)
        );
        assert_eq!(
            failure_of_message(
                "127.0.0.1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused"
            ),
            None
        );
        let ctx = StartupContext::default();
        ctx.record(Some(RDKafkaErrorCode::BrokerTransportFailure), "refused");
        assert!(ctx.permanent().is_none());
        ctx.record(Some(RDKafkaErrorCode::SSL), "");
        ctx.record(None, "x: SSL handshake failed: certificate verify failed");
        assert_eq!(
            ctx.permanent(),
            Some((
                ConnectFailure::Tls,
                "x: SSL handshake failed: certificate verify failed".to_string()
            ))
        );
    }

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
