//! Producing one record until the broker acknowledges it. A failed produce
//! is retried with back-off, never dropped; what retrying cannot fix is
//! reported instead: a record the broker refuses (its size), a partition
//! revoked meanwhile, or a producer that librdkafka has declared unusable.

use super::records::{OutRecord, Output};
use crate::config::Topics;
use crate::health::Health;
use crate::model::Category;
use crate::telemetry::Metrics;
use prometheus::IntCounter;
use rdkafka::error::KafkaError;
use rdkafka::message::OwnedHeaders;
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::types::RDKafkaErrorCode;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

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
    /// This record can never be written (size): the story becomes a dead letter.
    RecordRejected,
    /// Configuration or authorisation: retry, but report the output blocked.
    Permanent,
    /// The producer is unusable (fenced, idempotence broken): stop the process.
    Fatal,
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
            | C::UnsupportedForMessageFormat,
        ) => ErrorClass::Permanent,
        Some(
            C::Fatal
            | C::Fenced
            | C::ProducerFenced
            | C::InvalidProducerEpoch
            | C::ClusterAuthorizationFailed
            | C::TransactionalIdAuthorizationFailed,
        ) => ErrorClass::Fatal,
        _ => ErrorClass::Transient,
    }
}

/// How delivering one record ended.
#[derive(Debug)]
pub enum Delivered {
    Acked,
    /// The broker will never take this record.
    Refused(KafkaError),
    /// The input partition was revoked; the new owner re-reads the story.
    Abandoned,
    /// The producer cannot go on; the process must stop.
    Fatal(String),
}

pub(crate) fn future_record(r: &OutRecord) -> FutureRecord<'_, [u8], [u8]> {
    let mut headers = OwnedHeaders::new_with_capacity(r.headers.len());
    for (k, v) in r.headers.iter() {
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

/// `records_produced` of every output topic, resolved once: a labelled
/// lookup per record (hashing and a lock) was a measurable share of the
/// consume loop's time.
#[derive(Clone)]
pub struct ProducedCounters {
    enriched: IntCounter,
    dead_letter: IntCounter,
    /// In `Category::ALL` order.
    categories: [IntCounter; 4],
}

impl ProducedCounters {
    /// The series of every output topic, created at 0 (so that `rate()`
    /// counts the first records too).
    pub fn new(metrics: &Metrics, topics: &Topics) -> ProducedCounters {
        let series = |topic: &str, output: Output| {
            metrics
                .records_produced
                .with_label_values(&[topic, output.label()])
        };
        ProducedCounters {
            enriched: series(&topics.enriched, Output::Enriched),
            dead_letter: series(&topics.dead_letter, Output::DeadLetter),
            categories: Category::ALL.map(|c| series(topics.category(c), Output::Category(c))),
        }
    }

    pub fn of(&self, output: Output) -> &IntCounter {
        match output {
            Output::Enriched => &self.enriched,
            Output::DeadLetter => &self.dead_letter,
            Output::Category(c) => &self.categories[c.index()],
        }
    }
}

/// Everything needed to deliver records.
#[derive(Clone)]
pub struct Deliverer {
    pub producer: FutureProducer,
    pub metrics: Metrics,
    /// `records_produced` of each output, resolved once.
    pub produced: ProducedCounters,
    pub health: Arc<Health>,
    pub backoff: Backoff,
}

impl Deliverer {
    /// The producer's fatal error, if librdkafka has raised one.
    pub fn fatal_error(&self) -> Option<String> {
        self.producer
            .client()
            .fatal_error()
            .map(|(code, reason)| format!("{reason} ({code:?})"))
    }

    /// Deliver one record, retrying until it is acknowledged, refused for
    /// good, abandoned because `revoked` fired, or the producer died.
    pub async fn deliver(&self, record: &OutRecord, revoked: &CancellationToken) -> Delivered {
        if revoked.is_cancelled() {
            return Delivered::Abandoned;
        }
        let mut attempt: u32 = 0;
        loop {
            let result = match self.producer.send_result(future_record(record)) {
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
                    tokio::select! {
                        _ = revoked.cancelled() => return Delivered::Abandoned,
                        _ = tokio::time::sleep(Duration::from_millis(10)) => continue,
                    }
                }
                Err((e, _)) => Err(e),
            };
            let e = match result {
                Ok(()) => {
                    if attempt > 0 {
                        self.health.set_output_blocked(false);
                    }
                    self.produced.of(record.output).inc();
                    if let Some(reason) = record.dead_letter_reason {
                        self.metrics.dead_letters.with_label_values(&[reason]).inc();
                    }
                    return Delivered::Acked;
                }
                Err(e) => e,
            };
            // After a fatal error every later produce fails with a generic
            // code (`__STATE`, `__FATAL`); ask librdkafka for the cause.
            let class = match self.fatal_error() {
                Some(_) => ErrorClass::Fatal,
                None => classify_error(&e),
            };
            match class {
                ErrorClass::RecordRejected => {
                    self.metrics
                        .produce_errors
                        .with_label_values(&["record_rejected"])
                        .inc();
                    return Delivered::Refused(e);
                }
                ErrorClass::Fatal => {
                    self.metrics
                        .produce_errors
                        .with_label_values(&["fatal"])
                        .inc();
                    let reason = self.fatal_error().unwrap_or_else(|| e.to_string());
                    return Delivered::Fatal(reason);
                }
                ErrorClass::Permanent | ErrorClass::Transient => {
                    let kind = if class == ErrorClass::Permanent {
                        self.health.set_output_blocked(true);
                        "permanent"
                    } else {
                        "retriable"
                    };
                    self.metrics.produce_errors.with_label_values(&[kind]).inc();
                    let delay = self.backoff.delay(attempt);
                    if attempt == 0 || delay == self.backoff.max {
                        tracing::warn!(topic = %record.topic, error = %e, kind, attempt, retry_in_ms = delay.as_millis() as u64, "produce failed; retrying");
                    }
                    tokio::select! {
                        _ = revoked.cancelled() => return Delivered::Abandoned,
                        _ = tokio::time::sleep(delay) => {}
                    }
                    attempt = attempt.saturating_add(1);
                }
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
        for code in [
            RDKafkaErrorCode::Fatal,
            RDKafkaErrorCode::Fenced,
            RDKafkaErrorCode::ClusterAuthorizationFailed,
        ] {
            let e = KafkaError::MessageProduction(code);
            assert_eq!(classify_error(&e), ErrorClass::Fatal, "{code:?}");
        }
    }
}
