//! Exactly-once delivery: the records of a batch of stories (enriched,
//! fan-out copies and dead letters) and the input offsets they came from are
//! committed in one Kafka transaction, so a reader with
//! `isolation.level=read_committed` sees every story's records once.
//!
//! A transaction that cannot commit (a revoked partition, a broker error, a
//! refused record) is aborted and the consumer rewound to the transaction's
//! first offsets: the work is redone, nothing is lost or doubled. A fenced
//! producer (another instance with the same `transactional.id`, or a stale
//! group generation) is fatal: the process stops and its successor resumes
//! from the committed offsets.

use super::delivery::{ErrorClass, classify_error, future_record};
use super::processing::{Pool, Prepared};
use super::records::{OutRecord, Output};
use super::worker::{Exit, Worker, close_reserve, close_within, now_ms, refused_dead_letter};
use rdkafka::consumer::Consumer;
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::producer::{DeliveryFuture, Producer};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// Exactly-once settings.
#[derive(Debug, Clone)]
pub struct Transactions {
    /// A transaction is committed at least this often...
    pub interval: Duration,
    /// ...or when it holds this many stories.
    pub max_stories: usize,
    /// Bound on each blocking transactional call.
    pub call_timeout: Duration,
}

/// (topic, partition, offset) of a story.
type StoryAt = (String, i32, i64);

/// The open transaction.
#[derive(Default)]
struct Txn {
    /// Tells this transaction's jobs in the pool from an aborted one's.
    generation: u64,
    /// Stories of this transaction still in the pool.
    jobs: usize,
    open: bool,
    started: Option<Instant>,
    /// Per input partition: the first offset read in this transaction and
    /// the next offset to read.
    positions: HashMap<(String, i32), (i64, i64)>,
    stories: usize,
    deliveries: Vec<(StoryAt, DeliveryFuture)>,
    /// A record refused before it was sent: the transaction must abort.
    failed: Option<KafkaError>,
    /// What to count once committed: (topic, category, dead-letter reason).
    produced: Vec<(Output, Option<&'static str>)>,
    timestamps: Vec<i64>,
}

impl Txn {
    /// Forget this transaction; results of its jobs still in the pool are dropped.
    fn reset(&mut self) {
        *self = Txn {
            generation: self.generation + 1,
            ..Txn::default()
        };
    }

    fn touches(&self, partitions: &[(String, i32)]) -> bool {
        partitions.iter().any(|p| self.positions.contains_key(p))
    }
}

/// Whether a transactional call failed for good (the producer is unusable).
/// Anything else is answered by aborting and redoing the transaction.
fn is_fatal(e: &KafkaError) -> bool {
    matches!(e, KafkaError::Transaction(t) if t.is_fatal())
}

impl Transactions {
    pub async fn run(self, w: Worker, shutdown: CancellationToken, grace: Duration) -> Exit {
        let mut txn = Txn::default();
        let mut pool: Pool<(StoryAt, u64)> = Pool::new(w.threads, w.preparer.clone());
        // Stories whose record the broker refused in an aborted transaction:
        // on their second reading they become one dead letter.
        let mut dead_letter_only: HashSet<StoryAt> = HashSet::new();
        let mut tick = tokio::time::interval((self.interval / 2).max(Duration::from_millis(10)));
        let fatal = loop {
            tokio::select! {
                biased;
                _ = shutdown.cancelled() => break None,
                _ = tick.tick() => {
                    if txn.started.is_some_and(|s| s.elapsed() >= self.interval)
                        && let Err(reason) = self.commit(&w, &mut txn, &mut pool, &mut dead_letter_only).await
                    {
                        break Some(reason);
                    }
                    if let Some(reason) = w.deliverer.fatal_error() {
                        break Some(reason);
                    }
                }
                Some((prepared, (at, generation))) = pool.next(), if pool.pending() > 0 => {
                    if generation == txn.generation
                        && let Err(reason) = self.produce(&w, &mut txn, prepared, at, &mut dead_letter_only).await
                    {
                        break Some(reason);
                    }
                }
                msg = w.consumer.recv() => match msg {
                    Ok(msg) => {
                        let revoked = std::mem::take(
                            &mut *w.consumer.context().revoked.lock().unwrap_or_else(|p| p.into_inner()),
                        );
                        if txn.open && txn.touches(&revoked) {
                            tracing::info!("partitions revoked during a transaction; aborting it, the new owners redo it");
                            match self.abort(&w, &mut txn, &revoked) {
                                Ok(rewound) if rewound.contains(&(msg.topic().to_string(), msg.partition())) => {
                                    // Its partition was rewound: it comes again.
                                    continue;
                                }
                                Ok(_) => {}
                                Err(reason) => break Some(reason),
                            }
                        }
                        if let Err(reason) = self.begin(&w, &mut txn) {
                            break Some(reason);
                        }
                        let at: StoryAt = (msg.topic().to_string(), msg.partition(), msg.offset());
                        let entry = txn
                            .positions
                            .entry((at.0.clone(), at.1))
                            .or_insert((at.2, at.2 + 1));
                        entry.1 = at.2 + 1;
                        txn.stories += 1;
                        txn.jobs += 1;
                        let (source, original) = w.take(&msg);
                        pool.submit(source, original, (at, txn.generation));
                        if txn.stories >= self.max_stories
                            && let Err(reason) = self.commit(&w, &mut txn, &mut pool, &mut dead_letter_only).await
                        {
                            break Some(reason);
                        }
                    }
                    Err(e) => {
                        if let Some(reason) = w.consumer_error(&e) {
                            break Some(reason);
                        }
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                },
            }
            w.metrics.in_flight.set(txn.stories as i64);
        };

        w.health.start_draining();
        let deadline = Instant::now() + grace;
        if let Some(reason) = fatal {
            w.fail(&reason, "transaction");
            close_within(w.consumer, w.deliverer.producer, false, deadline);
            return Exit::Fatal(reason);
        }
        let mut exit = Exit::Drained;
        if txn.open {
            let until = deadline - close_reserve(grace);
            let committed = tokio::time::timeout_at(
                until.into(),
                self.commit(&w, &mut txn, &mut pool, &mut dead_letter_only),
            )
            .await;
            if !matches!(committed, Ok(Ok(()))) || txn.open {
                exit = Exit::TimedOut {
                    abandoned: txn.stories,
                };
                // An open transaction is aborted by the broker when this
                // producer's successor starts, or at its timeout.
                let _ = w
                    .deliverer
                    .producer
                    .abort_transaction(Duration::from_millis(
                        deadline
                            .saturating_duration_since(Instant::now())
                            .as_millis()
                            .min(1000) as u64,
                    ));
            }
        }
        w.metrics.in_flight.set(0);
        if !close_within(w.consumer, w.deliverer.producer, false, deadline) && exit == Exit::Drained
        {
            exit = Exit::TimedOut { abandoned: 0 };
        }
        exit
    }

    /// Open a transaction if none is.
    fn begin(&self, w: &Worker, txn: &mut Txn) -> Result<(), String> {
        if !txn.open {
            w.deliverer
                .producer
                .begin_transaction()
                .map_err(|e| format!("cannot begin a transaction: {e}"))?;
            txn.open = true;
            txn.started = Some(Instant::now());
        }
        Ok(())
    }

    /// Produce a processed story's records inside the open transaction.
    async fn produce(
        &self,
        w: &Worker,
        txn: &mut Txn,
        prepared: Prepared,
        at: StoryAt,
        dead_letter_only: &mut HashSet<StoryAt>,
    ) -> Result<(), String> {
        txn.jobs -= 1;
        let records: Vec<OutRecord> = if dead_letter_only.remove(&at) {
            vec![refused_dead_letter(
                &prepared,
                &w.preparer.topics.dead_letter,
                &KafkaError::MessageProduction(RDKafkaErrorCode::MessageSizeTooLarge),
            )]
        } else {
            prepared.records
        };
        for r in &records {
            let delivery = loop {
                match w.deliverer.producer.send_result(future_record(r)) {
                    Ok(d) => break Some(d),
                    Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                        w.metrics
                            .produce_errors
                            .with_label_values(&["queue_full"])
                            .inc();
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                    Err((e, _)) => match classify_error(&e) {
                        ErrorClass::Fatal => return Err(format!("producer: {e}")),
                        ErrorClass::RecordRejected => {
                            // Refused before sending: on its second reading
                            // the story becomes its dead letter.
                            dead_letter_only.insert(at.clone());
                            txn.failed = Some(e);
                            break None;
                        }
                        _ => {
                            w.metrics
                                .produce_errors
                                .with_label_values(&["retriable"])
                                .inc();
                            tokio::time::sleep(w.deliverer.backoff.initial).await;
                        }
                    },
                }
            };
            if let Some(delivery) = delivery {
                txn.deliveries.push((at.clone(), delivery));
                txn.produced.push((r.output, r.dead_letter_reason));
            }
        }
        if let Some(ts) = prepared.source.timestamp_ms {
            txn.timestamps.push(ts);
        }
        Ok(())
    }

    /// Commit the open transaction with its input offsets. A transaction
    /// that cannot commit is aborted and its partitions rewound (`Ok`);
    /// `Err` only when the producer is fenced or otherwise unusable.
    async fn commit(
        &self,
        w: &Worker,
        txn: &mut Txn,
        pool: &mut Pool<(StoryAt, u64)>,
        dead_letter_only: &mut HashSet<StoryAt>,
    ) -> Result<(), String> {
        if !txn.open {
            return Ok(());
        }
        // Every story of the transaction must be produced before it commits.
        while txn.jobs > 0 {
            match pool.next().await {
                Some((prepared, (at, generation))) if generation == txn.generation => {
                    self.produce(w, txn, prepared, at, dead_letter_only).await?
                }
                Some(_) => {}
                None => return Err("the classification pool stopped".into()),
            }
        }
        let deliveries = std::mem::take(&mut txn.deliveries);
        let mut failed = txn.failed.take();
        for (at, delivery) in deliveries {
            match delivery.await {
                Ok(Ok(_)) => {}
                Ok(Err((e, _))) => {
                    match classify_error(&e) {
                        ErrorClass::Fatal => return Err(format!("producer: {e}")),
                        ErrorClass::RecordRejected => {
                            w.metrics
                                .produce_errors
                                .with_label_values(&["record_rejected"])
                                .inc();
                            dead_letter_only.insert(at);
                        }
                        _ => {
                            w.metrics
                                .produce_errors
                                .with_label_values(&["retriable"])
                                .inc();
                        }
                    }
                    failed.get_or_insert(e);
                }
                Err(_) => {
                    failed.get_or_insert(KafkaError::Canceled);
                }
            }
        }
        if let Some(e) = failed {
            tracing::warn!(error = %e, stories = txn.stories, "a record of the transaction failed; aborting and redoing it");
            return self.abort(w, txn, &[]).map(|_| ());
        }
        let mut offsets = TopicPartitionList::new();
        for ((topic, partition), (_, next)) in &txn.positions {
            offsets
                .add_partition_offset(topic, *partition, Offset::Offset(*next))
                .map_err(|e| format!("offsets: {e}"))?;
        }
        let Some(group) = w.consumer.group_metadata() else {
            return Err("the consumer has no group metadata; is group_id set?".into());
        };
        let producer = &w.deliverer.producer;
        let timeout = self.call_timeout;
        let result = tokio::task::block_in_place(|| {
            producer.send_offsets_to_transaction(&offsets, &group, timeout)?;
            producer.commit_transaction(timeout)
        });
        match result {
            Ok(()) => {
                w.metrics
                    .transactions
                    .with_label_values(&["committed"])
                    .inc();
                for (output, reason) in txn.produced.drain(..) {
                    w.deliverer.produced.of(output).inc();
                    if let Some(reason) = reason {
                        w.metrics.dead_letters.with_label_values(&[reason]).inc();
                    }
                }
                let now = now_ms();
                for ts in txn.timestamps.drain(..) {
                    w.metrics
                        .end_to_end_seconds
                        .observe((now - ts).max(0) as f64 / 1000.0);
                }
                txn.reset();
                Ok(())
            }
            Err(e) => {
                if is_fatal(&e) {
                    return Err(format!("transaction commit: {e}"));
                }
                tracing::warn!(error = %e, stories = txn.stories, "transaction did not commit; aborting and redoing it");
                self.abort(w, txn, &[]).map(|_| ())
            }
        }
    }

    /// Abort the open transaction and rewind every partition it read that
    /// is still assigned (not in `revoked`) to the transaction's first
    /// offset. Returns the partitions rewound. Retries while the broker is
    /// unreachable; `Err` when the producer is unusable.
    fn abort(
        &self,
        w: &Worker,
        txn: &mut Txn,
        revoked: &[(String, i32)],
    ) -> Result<HashSet<(String, i32)>, String> {
        let producer = &w.deliverer.producer;
        let mut attempt = 0;
        loop {
            match tokio::task::block_in_place(|| producer.abort_transaction(self.call_timeout)) {
                Ok(()) => break,
                Err(e) => {
                    if is_fatal(&e) {
                        return Err(format!("transaction abort: {e}"));
                    }
                    tracing::warn!(error = %e, attempt, "transaction abort failed; retrying");
                    let delay = w.deliverer.backoff.delay(attempt);
                    tokio::task::block_in_place(|| std::thread::sleep(delay));
                    attempt += 1;
                }
            }
        }
        w.metrics.transactions.with_label_values(&["aborted"]).inc();
        let mut rewound = HashSet::new();
        for ((topic, partition), (first, _)) in txn.positions.drain() {
            if revoked.contains(&(topic.clone(), partition)) {
                continue;
            }
            // Without the rewind the next commit would skip these stories:
            // if it fails, stop and let the successor start from the
            // committed offsets.
            let seek = tokio::task::block_in_place(|| {
                w.consumer
                    .seek(&topic, partition, Offset::Offset(first), self.call_timeout)
            });
            if let Err(e) = seek {
                let still_ours = w.consumer.assignment().is_ok_and(|a| {
                    a.elements()
                        .iter()
                        .any(|el| el.topic() == topic && el.partition() == partition)
                });
                if still_ours {
                    return Err(format!(
                        "cannot rewind {topic}[{partition}] to {first} after an aborted transaction: {e}"
                    ));
                }
                continue;
            }
            rewound.insert((topic, partition));
        }
        txn.reset();
        Ok(rewound)
    }
}
