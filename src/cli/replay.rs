//! `wirewatch replay`: produce a batch file (`{"key","payload"}` lines, the
//! shape `kcat -J` dumps) to a topic, to feed the worker or replay a dump.
//! Progress goes to stderr about once a second, so a large dump is never a
//! silent wait.

use super::BatchLine;
use rdkafka::ClientConfig;
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use std::collections::VecDeque;
use std::io::BufRead;
use std::time::{Duration, Instant};

/// Stories awaiting acknowledgement at once: bounds memory and stays well
/// under librdkafka's own queue limit (100,000 messages) for any dump size.
const WINDOW: usize = 10_000;

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

/// When to print a progress line: at most once per `every`.
#[derive(Debug)]
pub struct Progress {
    started: Instant,
    last: Instant,
    every: Duration,
}

impl Progress {
    pub fn new(now: Instant, every: Duration) -> Progress {
        Progress {
            started: now,
            last: now,
            every,
        }
    }

    /// The progress line due at `now`, if one is.
    pub fn tick(&mut self, now: Instant, sent: usize, acked: usize) -> Option<String> {
        if now.duration_since(self.last) < self.every {
            return None;
        }
        self.last = now;
        Some(self.line(now, sent, acked))
    }

    /// The progress line, due or not (the closing one).
    pub fn line(&self, now: Instant, sent: usize, acked: usize) -> String {
        let secs = now.duration_since(self.started).as_secs_f64();
        let rate = if secs > 0.0 { acked as f64 / secs } else { 0.0 };
        format!(
            "replay: {sent} stories sent, {acked} acknowledged, {secs:.1} s ({rate:.0} stories/s)"
        )
    }
}

/// Produce every line of `input` to `topic`; returns how many were acknowledged.
pub async fn replay(brokers: &str, topic: &str, input: impl BufRead) -> Result<usize, ReplayError> {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .set("message.timeout.ms", "30000")
        .create()?;
    let mut pending = VecDeque::new();
    let mut progress = Progress::new(Instant::now(), Duration::from_secs(1));
    let (mut sent, mut acked) = (0usize, 0usize);
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
        pending.push_back(fut);
        sent += 1;
        while pending.len() >= WINDOW {
            if let Some(f) = pending.pop_front() {
                acknowledged(f.await)?;
                acked += 1;
            }
        }
        if let Some(l) = progress.tick(Instant::now(), sent, acked) {
            eprintln!("{l}");
        }
    }
    while let Some(f) = pending.pop_front() {
        acknowledged(f.await)?;
        acked += 1;
        if let Some(l) = progress.tick(Instant::now(), sent, acked) {
            eprintln!("{l}");
        }
    }
    producer.flush(Duration::from_secs(10))?;
    eprintln!("{}", progress.line(Instant::now(), sent, acked));
    Ok(acked)
}

fn acknowledged(
    r: Result<
        rdkafka::producer::future_producer::OwnedDeliveryResult,
        futures::channel::oneshot::Canceled,
    >,
) -> Result<(), ReplayError> {
    match r {
        Ok(Ok(_)) => Ok(()),
        Ok(Err((e, _))) => Err(ReplayError::Kafka(e)),
        Err(_) => Err(ReplayError::Kafka(rdkafka::error::KafkaError::Canceled)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_printed_about_once_a_second_with_counts_and_rate() {
        let t0 = Instant::now();
        let mut p = Progress::new(t0, Duration::from_secs(1));
        assert_eq!(p.tick(t0 + Duration::from_millis(500), 10, 5), None);
        let l = p
            .tick(t0 + Duration::from_secs(1), 20_000, 10_000)
            .expect("due after a second");
        assert_eq!(
            l,
            "replay: 20000 stories sent, 10000 acknowledged, 1.0 s (10000 stories/s)"
        );
        assert_eq!(
            p.tick(t0 + Duration::from_millis(1500), 30_000, 20_000),
            None
        );
        assert!(
            p.tick(t0 + Duration::from_millis(2100), 40_000, 30_000)
                .is_some()
        );
    }
}
