//! `wirewatch replay`: produce a batch file (`{"key","payload"}` lines, the
//! shape `kcat -J` dumps) to a topic, to feed the worker or replay a dump.

use super::BatchLine;
use rdkafka::ClientConfig;
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use std::io::BufRead;
use std::time::Duration;

/// Why a replay failed.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("batch line {line} is not a {{\"key\", \"payload\"}} object: {message}")]
    BadLine { line: usize, message: String },
    #[error("reading the batch failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("kafka: {0}; check --brokers and that the topic exists")]
    Kafka(#[from] rdkafka::error::KafkaError),
}

/// Produce every line of `input` to `topic`; returns how many were acknowledged.
pub async fn replay(brokers: &str, topic: &str, input: impl BufRead) -> Result<usize, ReplayError> {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .set("message.timeout.ms", "30000")
        .create()?;
    let mut pending = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let b: BatchLine = serde_json::from_str(&line).map_err(|e| ReplayError::BadLine {
            line: i + 1,
            message: e.to_string(),
        })?;
        let Some(payload) = b.payload.as_deref() else {
            return Err(ReplayError::BadLine {
                line: i + 1,
                message: "no \"payload\" field".into(),
            });
        };
        let mut record = FutureRecord::to(topic).payload(payload.as_bytes());
        if let Some(k) = b.key.as_deref() {
            record = record.key(k);
        }
        let fut = producer
            .send_result(record)
            .map_err(|(e, _)| ReplayError::Kafka(e))?;
        pending.push(fut);
    }
    let n = pending.len();
    for f in pending {
        match f.await {
            Ok(Ok(_)) => {}
            Ok(Err((e, _))) => return Err(ReplayError::Kafka(e)),
            Err(_) => return Err(ReplayError::Kafka(rdkafka::error::KafkaError::Canceled)),
        }
    }
    producer.flush(Duration::from_secs(10))?;
    Ok(n)
}
