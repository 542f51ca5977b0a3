//! Running the pure pipeline for the consume loop, on every core.
//!
//! Classification is the worker's main CPU cost, so it runs on a pool of
//! threads instead of the consume loop's task. Each input partition always
//! goes to the same thread, and each thread answers in the order it was
//! asked, so per-partition order holds from input to produce. The pool is
//! unbounded by itself: the consume loop bounds it by pausing partitions
//! (at-least-once) or by the transaction size (exactly-once).

use super::records::{self, OutRecord, Source};
use crate::config::Topics;
use crate::engine::Engine;
use crate::model::{Category, Status};
use crate::pipeline::{Limits, Outcome, process_at};
use crate::telemetry::Metrics;
use arc_swap::ArcSwap;
use prometheus::IntCounter;
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Instant;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// One input message, processed: where it came from and what it became.
pub struct Prepared {
    pub source: Source,
    pub original: Arc<[u8]>,
    pub records: Vec<OutRecord>,
}

/// Metric handles resolved once, not per story.
struct Counters {
    labelled: [IntCounter; 4],
    /// By category, then status (`Status` order).
    events: [[IntCounter; 5]; 4],
}

const STATUSES: [Status; 5] = [
    Status::Occurred,
    Status::Scheduled,
    Status::Proposed,
    Status::Threatened,
    Status::Denied,
];

/// The per-message step: payload -> output records, with its metrics.
#[derive(Clone)]
pub struct Preparer {
    pub engine: Arc<ArcSwap<Engine>>,
    pub topics: Topics,
    pub limits: Limits,
    pub metrics: Metrics,
    counters: Arc<Counters>,
}

impl Preparer {
    pub fn new(
        engine: Arc<ArcSwap<Engine>>,
        topics: Topics,
        limits: Limits,
        metrics: Metrics,
    ) -> Preparer {
        let counters = Counters {
            labelled: Category::ALL
                .map(|c| metrics.stories_labelled.with_label_values(&[c.as_str()])),
            events: Category::ALL.map(|c| {
                STATUSES.map(|s| {
                    metrics
                        .events_extracted
                        .with_label_values(&[c.as_str(), s.as_str()])
                })
            }),
        };
        Preparer {
            engine,
            topics,
            limits,
            metrics,
            counters: Arc::new(counters),
        }
    }

    /// Run the pure pipeline on one message: its output records (the
    /// publication on its routes, or its one dead letter).
    pub fn prepare(&self, source: Source, original: Arc<[u8]>) -> Prepared {
        let key = source
            .key
            .as_deref()
            .and_then(|k| std::str::from_utf8(k).ok());
        let started = Instant::now();
        let engine = self.engine.load();
        let outcome = process_at(&engine, key, &original, source.timestamp_ms, &self.limits);
        self.metrics
            .processing_seconds
            .observe(started.elapsed().as_secs_f64());
        let records = match outcome {
            Outcome::Publish(p) => {
                for c in &p.record.classification.labels {
                    self.counters.labelled[c.index()].inc();
                }
                for e in &p.record.events {
                    let s = STATUSES.iter().position(|x| *x == e.status).unwrap_or(0);
                    self.counters.events[e.category().index()][s].inc();
                }
                records::publication(&p, &source, &self.topics, engine.version())
            }
            Outcome::Reject(rejection) => {
                let message = rejection.message();
                tracing::warn!(
                    topic = %source.topic,
                    partition = source.partition,
                    offset = source.offset,
                    reason = rejection.code(),
                    error = %message,
                    "story rejected; sending to dead-letter topic"
                );
                vec![records::dead_letter(
                    &source,
                    &original,
                    &self.topics.dead_letter,
                    rejection.code(),
                    &message,
                )]
            }
        };
        Prepared {
            source,
            original,
            records,
        }
    }
}

/// A message for a classification thread, with its tag.
type Job<T> = (Source, Arc<[u8]>, T);

/// Threads running `Preparer::prepare`; `T` travels with each job (the
/// at-least-once ticket, or the transaction it belongs to).
pub struct Pool<T> {
    inputs: Vec<mpsc::Sender<Job<T>>>,
    outputs: UnboundedReceiver<Vec<(Prepared, T)>>,
    /// Received and not yet handed out by `next`.
    ready: VecDeque<(Prepared, T)>,
    /// Jobs submitted and not yet taken back with `next`.
    pending: usize,
}

/// Most results a thread holds back while it has more jobs queued. A
/// thread hands its results over when its queue runs dry or at this many:
/// one wake-up of the consume loop per batch instead of per story (the
/// wake-ups were some 8% of a classification thread's time), and a result
/// waits at most this many stories' classification.
const MAX_BATCH: usize = 32;

impl<T: Send + 'static> Pool<T> {
    /// Start `threads` threads (at least one).
    pub fn new(threads: usize, preparer: Preparer) -> Pool<T> {
        let (tx, outputs) = unbounded_channel();
        let inputs = (0..threads.max(1))
            .map(|i| {
                let (input, jobs) = mpsc::channel::<Job<T>>();
                let tx: UnboundedSender<Vec<(Prepared, T)>> = tx.clone();
                let preparer = preparer.clone();
                std::thread::Builder::new()
                    .name(format!("wirewatch-classify-{i}"))
                    .spawn(move || classify_jobs(&preparer, &jobs, &tx))
                    .expect("spawn a classification thread");
                input
            })
            .collect();
        Pool {
            inputs,
            outputs,
            ready: VecDeque::new(),
            pending: 0,
        }
    }

    /// Hand a message to the thread of its partition.
    pub fn submit(&mut self, source: Source, original: Arc<[u8]>, tag: T) {
        let i = source.partition.unsigned_abs() as usize % self.inputs.len();
        if self.inputs[i].send((source, original, tag)).is_ok() {
            self.pending += 1;
        }
    }

    /// The next processed message, in submission order per partition.
    /// Pending forever while nothing is submitted: use it in a `select!`
    /// guarded by `pending() > 0`.
    pub async fn next(&mut self) -> Option<(Prepared, T)> {
        if self.ready.is_empty() {
            self.ready.extend(self.outputs.recv().await?);
        }
        let out = self.ready.pop_front();
        if out.is_some() {
            self.pending -= 1;
        }
        out
    }

    /// Jobs submitted and not yet returned by `next`.
    pub fn pending(&self) -> usize {
        self.pending
    }
}

/// A classification thread: prepare each job in order and hand the results
/// over in batches (see `MAX_BATCH`). Ends when the pool is dropped.
fn classify_jobs<T>(
    preparer: &Preparer,
    jobs: &mpsc::Receiver<Job<T>>,
    results: &UnboundedSender<Vec<(Prepared, T)>>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    loop {
        let job = if batch.is_empty() {
            jobs.recv().ok()
        } else {
            match jobs.try_recv() {
                Ok(job) => Some(job),
                Err(mpsc::TryRecvError::Empty) => {
                    if results.send(std::mem::take(&mut batch)).is_err() {
                        return;
                    }
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => None,
            }
        };
        let Some((source, original, tag)) = job else {
            if !batch.is_empty() {
                let _ = results.send(batch);
            }
            return;
        };
        batch.push((preparer.prepare(source, original), tag));
        if batch.len() >= MAX_BATCH && results.send(std::mem::take(&mut batch)).is_err() {
            return;
        }
    }
}

/// The number of classification threads for `configured` (0 = one per CPU).
pub fn thread_count(configured: usize) -> usize {
    if configured > 0 {
        configured
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn preparer() -> Preparer {
        let engine = Engine::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/config"
        )))
        .unwrap();
        Preparer::new(
            Arc::new(ArcSwap::from_pointee(engine)),
            Config::from_layers(None, &[]).unwrap().topics,
            Limits::default(),
            Metrics::new(),
        )
    }

    fn source(partition: i32, offset: i64) -> Source {
        Source {
            topic: "in".into(),
            partition,
            offset,
            timestamp_ms: None,
            key: None,
        }
    }

    #[tokio::test]
    async fn per_partition_order_is_kept_across_threads() {
        let mut pool: Pool<(i32, i64)> = Pool::new(3, preparer());
        let body: Arc<[u8]> = Arc::from(&b"Russian drones struck Kharkiv overnight."[..]);
        for offset in 0..50 {
            for partition in 0..4 {
                pool.submit(source(partition, offset), body.clone(), (partition, offset));
            }
        }
        assert_eq!(pool.pending(), 200);
        let mut last: [i64; 4] = [-1; 4];
        for _ in 0..200 {
            let (prepared, (p, o)) = pool.next().await.unwrap();
            assert_eq!(prepared.source.offset, o);
            assert!(o > last[p as usize], "partition {p} out of order");
            last[p as usize] = o;
            assert!(!prepared.records.is_empty());
        }
        assert_eq!(pool.pending(), 0);
    }

    #[test]
    fn a_bad_payload_becomes_one_dead_letter() {
        let p = preparer().prepare(source(0, 7), Arc::from(&[0xffu8, 0xfe][..]));
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].dead_letter_reason, Some("not_utf8"));
        assert_eq!(thread_count(3), 3);
        assert!(thread_count(0) >= 1);
    }
}
