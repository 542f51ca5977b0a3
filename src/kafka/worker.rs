//! The consume loop: read a story, run the pure pipeline, produce its
//! outputs, and store its offset only when all of them are acknowledged.
//!
//! Shape: one `StreamConsumer`, one idempotent `FutureProducer`, a bounded
//! set of in-flight deliveries, and an `OffsetTracker` per partition. Offsets
//! are stored by hand (auto-store off) and committed by librdkafka's
//! auto-commit, on revoke and at shutdown. Each message is processed in its
//! own unit keyed by (partition, offset), so a transactional mode can later
//! wrap the same units without reshaping the loop.

use super::delivery::{Deliverer, OutRecord};
use super::offsets::{OffsetTracker, Ticket};
use crate::config::Topics;
use crate::engine::Engine;
use crate::health::Health;
use crate::pipeline::{Limits, Outcome, Route, process};
use crate::telemetry::Metrics;
use arc_swap::ArcSwap;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::message::{BorrowedMessage, Message};
use rdkafka::producer::Producer;
use rdkafka::{Offset, TopicPartitionList};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio_util::sync::CancellationToken;

use super::context::WorkerContext;

/// Everything the loop needs, built by `app`.
pub struct Worker {
    pub consumer: StreamConsumer<WorkerContext>,
    pub deliverer: Deliverer,
    pub engine: Arc<ArcSwap<Engine>>,
    pub tracker: Arc<Mutex<OffsetTracker>>,
    pub topics: Topics,
    pub limits: Limits,
    pub max_in_flight: usize,
    pub metrics: Metrics,
    pub health: Arc<Health>,
}

/// A message whose outputs are all acknowledged.
struct Finished {
    ticket: Ticket,
    broker_timestamp_ms: Option<i64>,
}

/// How the loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Drain {
    /// Every in-flight story was acknowledged and its offset committed.
    Complete,
    /// The grace period ran out; unfinished stories will be re-read (duplicates, not loss).
    TimedOut { abandoned: usize },
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Worker {
    /// Consume until `shutdown` fires, then drain within `grace`.
    pub async fn run(self, shutdown: CancellationToken, grace: Duration) -> Drain {
        let mut in_flight = FuturesUnordered::new();
        loop {
            tokio::select! {
                biased;
                _ = shutdown.cancelled() => break,
                Some(done) = in_flight.next(), if !in_flight.is_empty() => self.finish(done),
                msg = self.consumer.recv(), if in_flight.len() < self.max_in_flight => match msg {
                    Ok(msg) => {
                        let fut = self.start(&msg);
                        in_flight.push(fut);
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "consumer error");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                },
            }
            self.metrics.in_flight.set(in_flight.len() as i64);
        }

        self.health.start_draining();
        tracing::info!(in_flight = in_flight.len(), "draining");
        let deadline = Instant::now() + grace;
        let drained = tokio::time::timeout(grace, async {
            while let Some(done) = in_flight.next().await {
                self.finish(done);
            }
        })
        .await;
        let outcome = match drained {
            Ok(()) => Drain::Complete,
            Err(_) => Drain::TimedOut {
                abandoned: in_flight.len(),
            },
        };
        drop(in_flight);
        self.metrics.in_flight.set(0);
        let left = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_secs(1));
        if let Err(e) = self.deliverer.producer.flush(left) {
            tracing::warn!(error = %e, "producer flush incomplete");
        }
        match self.consumer.commit_consumer_state(CommitMode::Sync) {
            Ok(()) => tracing::info!("final offsets committed"),
            Err(e) => tracing::warn!(error = %e, "final commit: nothing new or failed"),
        }
        outcome
    }

    /// Run the pipeline on one message and return the future of its delivery.
    fn start(
        &self,
        msg: &BorrowedMessage<'_>,
    ) -> impl std::future::Future<Output = Finished> + use<> {
        self.metrics.stories_consumed.inc();
        let ticket = self
            .tracker
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .begin(msg.topic(), msg.partition(), msg.offset());
        let original: Arc<[u8]> = Arc::from(msg.payload().unwrap_or_default());
        let key_bytes: Option<Arc<[u8]>> = msg.key().map(Arc::from);
        let key = msg.key().and_then(|k| std::str::from_utf8(k).ok());
        let source_headers = vec![
            ("x-source-topic", msg.topic().to_string()),
            ("x-source-partition", msg.partition().to_string()),
            ("x-source-offset", msg.offset().to_string()),
        ];
        let broker_timestamp_ms = msg.timestamp().to_millis();

        let started = Instant::now();
        let engine = self.engine.load();
        let outcome = process(&engine, key, &original, &self.limits);
        self.metrics
            .processing_seconds
            .observe(started.elapsed().as_secs_f64());

        let records = match outcome {
            Outcome::Publish(p) => {
                for c in &p.record.classification.labels {
                    self.metrics
                        .stories_labelled
                        .with_label_values(&[c.as_str()])
                        .inc();
                }
                for e in &p.record.events {
                    self.metrics
                        .events_extracted
                        .with_label_values(&[e.category().as_str(), e.status.as_str()])
                        .inc();
                }
                let payload: Arc<[u8]> = Arc::from(p.json);
                let story_key: Arc<[u8]> = Arc::from(p.record.story.id.as_bytes());
                let mut headers = source_headers;
                headers.push(("x-schema-version", crate::model::SCHEMA_VERSION.to_string()));
                headers.push(("x-rules-version", engine.version().to_string()));
                headers.push(("content-type", "application/json".to_string()));
                p.routes
                    .iter()
                    .map(|route| {
                        let (topic, category) = match route {
                            Route::Enriched => (self.topics.enriched.clone(), "all"),
                            Route::Category(c) => {
                                (self.topics.category(*c).to_string(), c.as_str())
                            }
                        };
                        OutRecord {
                            topic,
                            key: Some(story_key.clone()),
                            payload: payload.clone(),
                            headers: headers.clone(),
                            category,
                            dead_letter_reason: None,
                        }
                    })
                    .collect::<Vec<_>>()
            }
            Outcome::Reject(rejection) => {
                let code = rejection.code();
                let message = rejection.message();
                tracing::warn!(
                    topic = msg.topic(),
                    partition = msg.partition(),
                    offset = msg.offset(),
                    reason = code,
                    error = %message,
                    "story rejected; sending to dead-letter topic"
                );
                let mut headers = source_headers;
                headers.push(("x-error-class", code.to_string()));
                headers.push(("x-error", truncate(&message, 1024)));
                if let Some(ts) = broker_timestamp_ms {
                    headers.push(("x-source-timestamp", ts.to_string()));
                }
                headers.push(("x-worker-version", env!("CARGO_PKG_VERSION").to_string()));
                vec![OutRecord {
                    topic: self.topics.dead_letter.clone(),
                    key: key_bytes,
                    payload: original.clone(),
                    headers,
                    category: "dead_letter",
                    dead_letter_reason: Some(code),
                }]
            }
        };

        let deliverer = self.deliverer.clone();
        async move {
            futures::future::join_all(
                records
                    .into_iter()
                    .map(|r| deliverer.deliver(r, original.clone())),
            )
            .await;
            Finished {
                ticket,
                broker_timestamp_ms,
            }
        }
    }

    /// Record a fully acknowledged message and store its offset if it moved.
    fn finish(&self, done: Finished) {
        if let Some(ts) = done.broker_timestamp_ms {
            let secs = (now_ms() - ts).max(0) as f64 / 1000.0;
            self.metrics.end_to_end_seconds.observe(secs);
        }
        let position = self
            .tracker
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .finish(&done.ticket);
        if let Some(next) = position {
            let mut tpl = TopicPartitionList::new();
            let stored = tpl
                .add_partition_offset(
                    &done.ticket.topic,
                    done.ticket.partition,
                    Offset::Offset(next),
                )
                .and_then(|()| self.consumer.store_offsets(&tpl));
            if let Err(e) = stored {
                // After a revoke this is `Local: Erroneous state`: the
                // partition moved on; the new owner re-reads (duplicates only).
                tracing::debug!(error = %e, partition = done.ticket.partition, "offset not stored");
            }
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}
