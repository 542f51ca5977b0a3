//! Producing one input message's outputs until the broker acknowledges all
//! of them. A failed produce is retried with back-off, never dropped; a
//! record the broker will never take (too large) is replaced by a dead letter.

use crate::health::Health;
use crate::telemetry::Metrics;
use rdkafka::error::KafkaError;
use rdkafka::message::OwnedHeaders;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::types::RDKafkaErrorCode;
use std::sync::Arc;
use std::time::Duration;

/// One record to produce. Payload bytes are shared across fan-out copies.
#[derive(Debug, Clone)]
pub struct OutRecord {
    pub topic: String,
    pub key: Option<Arc<[u8]>>,
    pub payload: Arc<[u8]>,
    pub headers: Vec<(&'static str, String)>,
    /// `category` label for `records_produced` (`all` for the enriched topic,
    /// `dead_letter` for the DLQ).
    pub category: &'static str,
    /// Reject code when this is a dead letter.
    pub dead_letter_reason: Option<&'static str>,
}

/// Retry timing.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub initial: Duration,
    pub max: Duration,
}

impl Backoff {
    /// The delay before retry number `attempt` (0-based), doubling up to `max`.
    pub fn delay(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX);
        self.initial.saturating_mul(factor).min(self.max)
    }
}

/// How a produce error is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// Broker down, timeout, queue full: retry.
    Transient,
    /// This record can never be written (size): replace it by a dead letter.
    RecordRejected,
    /// Configuration or authorisation: retry, but mark output blocked.
    Permanent,
}

/// Sort a produce error into its handling class.
pub fn classify_error(e: &KafkaError) -> ErrorClass {
    use RDKafkaErrorCode as C;
    match e.rdkafka_error_code() {
        Some(
            C::MessageSizeTooLarge | C::InvalidMessageSize | C::InvalidMessage | C::InvalidRecord,
        ) => ErrorClass::RecordRejected,
        Some(
            C::UnknownTopicOrPartition
            | C::UnknownTopic
            | C::TopicAuthorizationFailed
            | C::ClusterAuthorizationFailed
            | C::UnsupportedForMessageFormat,
        ) => ErrorClass::Permanent,
        _ => ErrorClass::Transient,
    }
}

fn future_record(r: &OutRecord) -> FutureRecord<'_, [u8], [u8]> {
    let mut headers = OwnedHeaders::new_with_capacity(r.headers.len());
    for (k, v) in &r.headers {
        headers = headers.insert(rdkafka::message::Header {
            key: k,
            value: Some(v.as_bytes()),
        });
    }
    let mut fr = FutureRecord::to(&r.topic)
        .payload(&r.payload[..])
        .headers(headers);
    if let Some(k) = &r.key {
        fr = fr.key(&k[..]);
    }
    fr
}

/// What a dead letter looks like when a record is refused for its size.
fn too_large_replacement(
    r: &OutRecord,
    dead_letter_topic: &str,
    original: &Arc<[u8]>,
) -> OutRecord {
    const MAX_KEEP: usize = 64 * 1024;
    let mut headers = r.headers.clone();
    headers.retain(|(k, _)| !k.starts_with("x-error"));
    headers.push(("x-error-class", "output_too_large".into()));
    headers.push((
        "x-error",
        format!(
            "the record for topic {} was refused by the broker as too large; raise the topic's max.message.bytes or lower worker.max_payload_bytes",
            r.topic
        ),
    ));
    let payload: Arc<[u8]> = if r.topic == dead_letter_topic {
        // The dead letter itself is too large: keep a prefix so the story is
        // still traceable, and say so.
        headers.push(("x-truncated", "true".into()));
        Arc::from(&original[..original.len().min(MAX_KEEP)])
    } else {
        original.clone()
    };
    OutRecord {
        topic: dead_letter_topic.to_string(),
        key: r.key.clone(),
        payload,
        headers,
        category: "dead_letter",
        dead_letter_reason: Some("output_too_large"),
    }
}

/// Everything needed to deliver the outputs of one message.
#[derive(Clone)]
pub struct Deliverer {
    pub producer: FutureProducer,
    pub metrics: Metrics,
    pub health: Arc<Health>,
    pub backoff: Backoff,
    pub dead_letter_topic: String,
}

impl Deliverer {
    /// Deliver one record, retrying until acknowledged. `original` is the
    /// input payload, used if the record must be replaced by a dead letter.
    pub async fn deliver(&self, mut record: OutRecord, original: Arc<[u8]>) {
        let mut attempt: u32 = 0;
        loop {
            let result = match self.producer.send_result(future_record(&record)) {
                Ok(delivery) => match delivery.await {
                    Ok(Ok(_)) => Ok(()),
                    Ok(Err((e, _))) => Err(e),
                    Err(_canceled) => Err(KafkaError::Canceled),
                },
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                    self.metrics
                        .produce_errors
                        .with_label_values(&["queue_full"])
                        .inc();
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
                Err((e, _)) => Err(e),
            };
            match result {
                Ok(()) => {
                    if attempt > 0 {
                        self.health.set_output_blocked(false);
                    }
                    self.metrics
                        .records_produced
                        .with_label_values(&[record.topic.as_str(), record.category])
                        .inc();
                    if let Some(reason) = record.dead_letter_reason {
                        self.metrics.dead_letters.with_label_values(&[reason]).inc();
                    }
                    return;
                }
                Err(e) => match classify_error(&e) {
                    ErrorClass::RecordRejected => {
                        self.metrics
                            .produce_errors
                            .with_label_values(&["record_rejected"])
                            .inc();
                        tracing::warn!(topic = %record.topic, error = %e, "record refused; sending a dead letter instead");
                        record = too_large_replacement(&record, &self.dead_letter_topic, &original);
                    }
                    class => {
                        let kind = if class == ErrorClass::Permanent {
                            self.health.set_output_blocked(true);
                            "permanent"
                        } else {
                            "retriable"
                        };
                        self.metrics.produce_errors.with_label_values(&[kind]).inc();
                        let delay = self.backoff.delay(attempt);
                        tracing::warn!(topic = %record.topic, error = %e, kind, retry_in_ms = delay.as_millis() as u64, "produce failed; retrying");
                        tokio::time::sleep(delay).await;
                        attempt = attempt.saturating_add(1);
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let b = Backoff {
            initial: Duration::from_millis(100),
            max: Duration::from_secs(1),
        };
        assert_eq!(b.delay(0), Duration::from_millis(100));
        assert_eq!(b.delay(1), Duration::from_millis(200));
        assert_eq!(b.delay(3), Duration::from_millis(800));
        assert_eq!(b.delay(4), Duration::from_secs(1));
        assert_eq!(b.delay(1000), Duration::from_secs(1));
    }

    #[test]
    fn errors_are_classified_by_what_can_fix_them() {
        let e = KafkaError::MessageProduction(RDKafkaErrorCode::MessageSizeTooLarge);
        assert_eq!(classify_error(&e), ErrorClass::RecordRejected);
        let e = KafkaError::MessageProduction(RDKafkaErrorCode::TopicAuthorizationFailed);
        assert_eq!(classify_error(&e), ErrorClass::Permanent);
        let e = KafkaError::MessageProduction(RDKafkaErrorCode::MessageTimedOut);
        assert_eq!(classify_error(&e), ErrorClass::Transient);
    }

    #[test]
    fn an_oversized_dead_letter_is_truncated_and_marked() {
        let original: Arc<[u8]> = Arc::from(vec![b'x'; 100_000]);
        let r = OutRecord {
            topic: "dlq".into(),
            key: None,
            payload: original.clone(),
            headers: vec![("x-error-class", "not_utf8".into())],
            category: "dead_letter",
            dead_letter_reason: Some("not_utf8"),
        };
        let d = too_large_replacement(&r, "dlq", &original);
        assert_eq!(d.payload.len(), 64 * 1024);
        assert!(
            d.headers
                .iter()
                .any(|(k, v)| *k == "x-truncated" && v == "true")
        );
        assert_eq!(d.dead_letter_reason, Some("output_too_large"));
    }
}
