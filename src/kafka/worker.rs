//! The consume loop shared by both delivery modes: read a story, run the
//! pure pipeline, and hand its output records to the mode's delivery; then
//! a shutdown bounded by the grace period whatever the broker does.
//!
//! - at-least-once (here): each story's records are produced at once and
//!   its offset stored when all of them are acknowledged; at its cap of
//!   unfinished stories the loop stops taking messages, and if that lasts
//!   (a blocked output) it pauses partitions and keeps polling, so
//!   rebalances and statistics are always served.
//! - exactly-once (`transactional`): records and input offsets are
//!   committed together in transactions.

use super::context::WorkerContext;
use super::delivery::{Delivered, Deliverer};
use super::offsets::{OffsetTracker, Ticket};
use super::processing::{Pool, Prepared, Preparer};
use super::records::{self, OutRecord, Source};
use super::transactional::Transactions;
use crate::health::Health;
use crate::telemetry::Metrics;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, Message};
use rdkafka::producer::{FutureProducer, Producer};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio_util::sync::CancellationToken;

/// Everything the loop needs, built by `app`.
pub struct Worker {
    pub consumer: StreamConsumer<WorkerContext>,
    pub deliverer: Deliverer,
    pub preparer: Preparer,
    /// Classification threads (see `processing`).
    pub threads: usize,
    pub tracker: Arc<Mutex<OffsetTracker>>,
    pub metrics: Metrics,
    pub health: Arc<Health>,
    /// `Some` in exactly-once mode.
    pub transactions: Option<Transactions>,
}

/// How the worker stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    /// Every story read was finished and its offset committed.
    Drained,
    /// The grace period ran out; unfinished stories will be re-read
    /// (duplicates in at-least-once mode, nothing in exactly-once mode).
    TimedOut { abandoned: usize },
    /// A Kafka client can no longer work (fenced, unauthorised, ...).
    Fatal(String),
}

/// How the delivery of one story's records ended (at-least-once).
enum StoryEnd {
    Delivered,
    Abandoned,
    Fatal(String),
}

struct Finished {
    ticket: Ticket,
    end: StoryEnd,
    broker_timestamp_ms: Option<i64>,
}

pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub(crate) fn one_partition(topic: &str, partition: i32) -> TopicPartitionList {
    let mut tpl = TopicPartitionList::new();
    tpl.add_partition(topic, partition);
    tpl
}

impl Worker {
    /// Consume until `shutdown` fires or a fatal error, then stop within `grace`.
    pub async fn run(self, shutdown: CancellationToken, grace: Duration) -> Exit {
        match self.transactions.clone() {
            Some(txn) => txn.run(self, shutdown, grace).await,
            None => self.run_at_least_once(shutdown, grace).await,
        }
    }

    /// Count a message read and copy what the pipeline needs out of it.
    pub fn take(&self, msg: &BorrowedMessage<'_>) -> (Source, Arc<[u8]>) {
        self.metrics.stories_consumed.inc();
        let source = Source {
            topic: msg.topic().to_string(),
            partition: msg.partition(),
            offset: msg.offset(),
            timestamp_ms: msg.timestamp().to_millis(),
            key: msg.key().map(Arc::from),
        };
        (source, Arc::from(msg.payload().unwrap_or_default()))
    }

    /// What a consumer error means: `Some(reason)` when it is fatal.
    pub fn consumer_error(&self, e: &KafkaError) -> Option<String> {
        if let KafkaError::MessageConsumptionFatal(code) = e {
            return Some(format!("consumer: {code}"));
        }
        let key = format!("consume {:?}", e.rdkafka_error_code());
        let limiter = &self.consumer.context().limiter;
        if let Some(suppressed) = limiter.allow(&key, Instant::now(), Duration::from_secs(30)) {
            tracing::warn!(error = %e, suppressed, "consumer error");
        }
        None
    }

    async fn run_at_least_once(self, shutdown: CancellationToken, grace: Duration) -> Exit {
        let mut pool: Pool<Ticket> = Pool::new(self.threads, self.preparer.clone());
        let mut in_flight = FuturesUnordered::new();
        let mut tick = tokio::time::interval(Duration::from_millis(250));
        // Backpressure in two steps. At its cap the worker stops taking
        // messages: cheap, and librdkafka keeps what it prefetched. If it is
        // still at its cap after BLOCKED_AFTER, an output is blocked: then it
        // pauses the partitions that deliver more and keeps polling, so
        // rebalances, statistics and lag are served (pausing throws the
        // prefetched messages away, too costly to do on every cap).
        const BLOCKED_AFTER: Duration = Duration::from_secs(1);
        let mut full_since: Option<Instant> = None;
        let fatal = loop {
            let blocked = full_since.is_some_and(|t| t.elapsed() >= BLOCKED_AFTER);
            let take = full_since.is_none() || blocked;
            tokio::select! {
                biased;
                _ = shutdown.cancelled() => break None,
                Some(done) = in_flight.next(), if !in_flight.is_empty() => {
                    if let Some(reason) = self.finish(done) {
                        break Some(reason);
                    }
                }
                Some((prepared, ticket)) = pool.next(), if pool.pending() > 0 => {
                    in_flight.push(self.deliver_story(prepared, ticket));
                }
                msg = self.consumer.recv(), if take => match msg {
                    Ok(msg) => {
                        let (ticket, pause) = {
                            let mut t = self.tracker.lock().unwrap_or_else(|p| p.into_inner());
                            let ticket = t.begin(msg.topic(), msg.partition(), msg.offset());
                            let pause = blocked && t.should_pause(msg.topic(), msg.partition());
                            (ticket, pause)
                        };
                        if pause {
                            self.pause(msg.topic(), msg.partition());
                        }
                        let (source, original) = self.take(&msg);
                        pool.submit(source, original, ticket);
                    }
                    Err(e) => {
                        if let Some(reason) = self.consumer_error(&e) {
                            break Some(reason);
                        }
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                },
                _ = tick.tick() => {
                    if let Some(reason) = self.deliverer.fatal_error() {
                        break Some(reason);
                    }
                    self.metrics.in_flight.set(in_flight.len() as i64 + pool.pending() as i64);
                }
            }
            let full = self
                .tracker
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .full();
            full_since = match (full, full_since) {
                (true, None) => Some(Instant::now()),
                (true, since) => since,
                (false, _) => None,
            };
        };

        self.health.start_draining();
        let deadline = Instant::now() + grace;
        if let Some(reason) = fatal {
            self.fail(&reason, "producer");
            drop(in_flight);
            close_within(self.consumer, self.deliverer.producer, false, deadline);
            return Exit::Fatal(reason);
        }
        if let Ok(assigned) = self.consumer.assignment() {
            let _ = self.consumer.pause(&assigned);
        }
        tracing::info!(in_flight = in_flight.len() + pool.pending(), "draining");
        let drain_until = deadline - close_reserve(grace);
        let _ = tokio::time::timeout_at(drain_until.into(), async {
            while !in_flight.is_empty() || pool.pending() > 0 {
                tokio::select! {
                    Some(done) = in_flight.next(), if !in_flight.is_empty() => {
                        if self.finish(done).is_some() {
                            break;
                        }
                    }
                    Some((prepared, ticket)) = pool.next(), if pool.pending() > 0 => {
                        in_flight.push(self.deliver_story(prepared, ticket));
                    }
                }
            }
        })
        .await;
        let abandoned = in_flight.len() + pool.pending();
        drop(in_flight);
        self.metrics.abandoned.inc_by(abandoned as u64);
        self.metrics.in_flight.set(0);
        let closed = close_within(self.consumer, self.deliverer.producer, true, deadline);
        if abandoned == 0 && closed {
            Exit::Drained
        } else {
            Exit::TimedOut { abandoned }
        }
    }

    /// Produce every record of a story; if the broker refuses one for its
    /// size, the story gets one dead letter instead.
    fn deliver_story(
        &self,
        p: Prepared,
        ticket: Ticket,
    ) -> impl std::future::Future<Output = Finished> + use<> {
        let deliverer = self.deliverer.clone();
        let health = self.health.clone();
        let dead_letter_topic = self.preparer.topics.dead_letter.clone();
        async move {
            let revoked = ticket.revoked.clone();
            let broker_timestamp_ms = p.source.timestamp_ms;
            let results =
                futures::future::join_all(p.records.iter().map(|r| deliverer.deliver(r, &revoked)))
                    .await;
            let mut end = StoryEnd::Delivered;
            let mut refused = None;
            for r in results {
                match r {
                    Delivered::Acked => {}
                    Delivered::Refused(e) => refused = Some(e),
                    Delivered::Abandoned => end = StoryEnd::Abandoned,
                    Delivered::Fatal(reason) => end = StoryEnd::Fatal(reason),
                }
            }
            if let (StoryEnd::Delivered, Some(error)) = (&end, refused) {
                tracing::warn!(%error, "a record was refused; the story becomes one dead letter");
                let letter = refused_dead_letter(&p, &dead_letter_topic, &error);
                end = loop {
                    match deliverer.deliver(&letter, &revoked).await {
                        Delivered::Acked => break StoryEnd::Delivered,
                        Delivered::Abandoned => break StoryEnd::Abandoned,
                        Delivered::Fatal(reason) => break StoryEnd::Fatal(reason),
                        Delivered::Refused(e) => {
                            // The start-up check makes this a configuration
                            // change at run time: hold the story, never drop it.
                            health.set_output_blocked(true);
                            tracing::error!(error = %e, topic = %letter.topic, "the dead-letter topic refused a story; raise its max.message.bytes");
                            tokio::select! {
                                _ = revoked.cancelled() => break StoryEnd::Abandoned,
                                _ = tokio::time::sleep(deliverer.backoff.max) => {}
                            }
                        }
                    }
                };
            }
            Finished {
                ticket,
                end,
                broker_timestamp_ms,
            }
        }
    }

    /// Record a finished story: store its offset if it moved, resume
    /// partitions back under their caps. `Some(reason)` on a fatal error.
    fn finish(&self, done: Finished) -> Option<String> {
        match done.end {
            StoryEnd::Fatal(reason) => return Some(reason),
            StoryEnd::Abandoned => return None,
            StoryEnd::Delivered => {}
        }
        if let Some(ts) = done.broker_timestamp_ms {
            let secs = (now_ms() - ts).max(0) as f64 / 1000.0;
            self.metrics.end_to_end_seconds.observe(secs);
        }
        let (finished, paused) = {
            let mut t = self.tracker.lock().unwrap_or_else(|p| p.into_inner());
            (t.finish(&done.ticket), t.paused())
        };
        if let Some(next) = finished.store {
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
        for (topic, partition) in finished.resume {
            if let Err(e) = self.consumer.resume(&one_partition(&topic, partition)) {
                tracing::debug!(error = %e, partition, "resume failed (partition gone)");
            }
        }
        self.metrics.paused_partitions.set(paused as i64);
        None
    }

    fn pause(&self, topic: &str, partition: i32) {
        if let Err(e) = self.consumer.pause(&one_partition(topic, partition)) {
            tracing::debug!(error = %e, partition, "pause failed (partition gone)");
        }
        let paused = self
            .tracker
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .paused();
        self.metrics.paused_partitions.set(paused as i64);
    }

    /// Log and count a fatal error and fail `/healthz`.
    pub fn fail(&self, reason: &str, kind: &str) {
        self.metrics.fatal_errors.with_label_values(&[kind]).inc();
        self.health.set_fatal(reason.to_string());
        tracing::error!(
            reason,
            kind,
            "fatal Kafka error; stopping (a restart may fix a fenced or restarted producer, an ACL needs an operator)"
        );
    }
}

/// The one dead letter of a story one of whose records the broker refused.
pub(crate) fn refused_dead_letter(
    p: &Prepared,
    dead_letter_topic: &str,
    error: &KafkaError,
) -> OutRecord {
    records::dead_letter(
        &p.source,
        &p.original,
        dead_letter_topic,
        "output_too_large",
        &format!(
            "the broker refused this story's record as too large ({error}); raise the output topics' max.message.bytes"
        ),
    )
}

/// Time kept back from draining for the final commit and closing the clients.
pub(crate) fn close_reserve(grace: Duration) -> Duration {
    (grace / 4).min(Duration::from_secs(5))
}

/// Flush the producer, commit stored offsets (when `commit`) and close the
/// consumer, on a thread of their own: librdkafka's close has no timeout of
/// its own and hangs for the session timeout when no broker answers. Returns
/// whether it finished by `deadline`; if not, the process exits without it
/// (what was not committed is re-read, never lost).
pub(crate) fn close_within(
    consumer: StreamConsumer<WorkerContext>,
    producer: FutureProducer,
    commit: bool,
    deadline: Instant,
) -> bool {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("wirewatch-close".into())
        .spawn(move || {
            let left = deadline.saturating_duration_since(Instant::now());
            if let Err(e) = producer.flush(left) {
                tracing::warn!(error = %e, "producer flush incomplete");
            }
            if commit {
                match consumer.commit_consumer_state(CommitMode::Sync) {
                    Ok(()) => tracing::info!("final offsets committed"),
                    Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {
                        tracing::info!("final commit: nothing new to commit")
                    }
                    Err(e) => tracing::warn!(error = %e, "final commit failed; uncommitted stories will be re-read"),
                }
            }
            drop(consumer);
            drop(producer);
            let _ = tx.send(());
        });
    if spawned.is_err() {
        return false;
    }
    let wait = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_millis(100));
    let closed = rx.recv_timeout(wait).is_ok();
    if !closed {
        tracing::warn!("Kafka clients did not close within the grace period; exiting without them");
    }
    closed
}
