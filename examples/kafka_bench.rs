//! The worker's side-by-side benchmark tools, driven by `deploy/bench-compare.sh`:
//!
//! - `topics`: fresh input/output topics whose timestamps are the broker's
//!   append times (`LogAppendTime`), so rates and latencies are the broker's
//!   view, start-up excluded;
//! - `load`: N stories (the development set, else the project's own
//!   evaluation payloads, cycled, with fresh keys) onto the input topic, at once or at a fixed rate;
//! - `relay`: a bare relay, consume -> produce the payload unchanged, with the
//!   worker's offset discipline (an offset is stored only once its output is
//!   acknowledged, `wirewatch::kafka::offsets`), the worker's in-flight caps
//!   and the worker's consumer and producer settings
//!   (`wirewatch::kafka::client_config`): the ceiling a worker that
//!   classifies is compared with;
//! - `rate`: stories/s on an output topic, from its first to last append time;
//! - `latency`: p50/p99/max from input append to output append, per key.

use clap::{Parser, Subcommand};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer, StreamConsumer};
use rdkafka::message::{Header, Headers, Message, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use wirewatch::config::Config;
use wirewatch::kafka::client_config;
use wirewatch::kafka::offsets::{Caps, OffsetTracker};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value = "127.0.0.1:9092")]
    brokers: String,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(clap::Args)]
struct RelayArgs {
    input: String,
    output: String,
    count: usize,
    #[arg(long, default_value = "relay")]
    group: String,
    /// Producer compression (default: the worker's).
    #[arg(long)]
    compression: Option<String>,
    /// Records awaiting acknowledgement at once (default: the worker's `max_in_flight`).
    #[arg(long)]
    max_in_flight: Option<usize>,
    /// Created once the relay has its partitions (for the latency mode).
    #[arg(long)]
    ready_file: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Create topics (3 partitions, LogAppendTime; a dead-letter topic sized for any input).
    Topics { names: Vec<String> },
    /// Delete topics: the ones named, and every topic whose name starts with
    /// a `--prefix` (a bench run's topics, so the broker does not keep
    /// thousands of partitions that slow every later run).
    Drop {
        names: Vec<String>,
        #[arg(long)]
        prefix: Vec<String>,
    },
    /// Produce COUNT stories to TOPIC, all at once or at RATE stories/s.
    Load {
        topic: String,
        count: usize,
        #[arg(long)]
        rate: Option<u64>,
    },
    /// Relay COUNT messages from INPUT to OUTPUT unchanged, then exit.
    Relay(RelayArgs),
    /// Print stories/s between the first and last append time of COUNT records.
    Rate { topic: String, count: usize },
    /// Print p50/p99/max latency from INPUT append to OUTPUT append per key,
    /// leaving out the stories appended in the first WARMUP_MS (connections
    /// and first fetches, the same for every contender).
    Latency {
        input: String,
        output: String,
        count: usize,
        #[arg(long, default_value_t = 1000)]
        warmup_ms: i64,
        /// Also print p50/p99/max of each second of input to stderr, to see
        /// whether a tail is steady or a few stalls.
        #[arg(long)]
        series: bool,
    },
}

/// The stories to load: the development set when `../shared` is beside
/// the repository (the corpus `cargo bench --bench core` times, so CPU per
/// story compares with it), else the project's own holdout and breadth
/// stories (never the blind split).
fn payloads() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev = root.join("../shared/data/dev-stories.jsonl");
    let eval = root.join("tests/fixtures/eval");
    let files = if dev.exists() {
        vec![dev]
    } else {
        ["holdout.jsonl", "stories-a.jsonl", "stories-b.jsonl"]
            .map(|name| eval.join(name))
            .to_vec()
    };
    let mut out = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("story line");
            if let Some(p) = v["payload"].as_str() {
                out.push(p.to_string());
            }
        }
    }
    assert!(!out.is_empty(), "no payloads in {files:?}");
    out
}

fn client(brokers: &str) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", brokers);
    c
}

fn reader(brokers: &str, topic: &str) -> BaseConsumer {
    let c: BaseConsumer = client(brokers)
        .set("group.id", format!("bench-reader-{}", std::process::id()))
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "earliest")
        .set("isolation.level", "read_committed")
        .create()
        .expect("consumer");
    c.subscribe(&[topic]).expect("subscribe");
    c
}

/// (input position, append time ms) of the first `count` records of
/// `topic`. The input position ("partition:offset") is the record's own on
/// the input topic, and its `x-source-*` headers on an output topic.
fn timestamps(brokers: &str, topic: &str, count: usize) -> Vec<(String, i64)> {
    let c = reader(brokers, topic);
    let mut out = Vec::with_capacity(count);
    let deadline = Instant::now() + Duration::from_secs(600);
    while out.len() < count && Instant::now() < deadline {
        if let Some(Ok(m)) = c.poll(Duration::from_millis(200)) {
            let ts = m.timestamp().to_millis().unwrap_or(0);
            let mut src = HashMap::new();
            if let Some(h) = m.headers() {
                for i in 0..h.count() {
                    let hd = h.get(i);
                    if let Some(v) = hd.value {
                        src.insert(hd.key, String::from_utf8_lossy(v).into_owned());
                    }
                }
            }
            let id = match (src.get("x-source-partition"), src.get("x-source-offset")) {
                (Some(p), Some(o)) => format!("{p}:{o}"),
                _ => format!("{}:{}", m.partition(), m.offset()),
            };
            out.push((id, ts));
        }
    }
    out
}

/// Count, p50, p99 and max of some latencies.
fn summary(mut lat: Vec<i64>) -> (usize, i64, i64, i64) {
    lat.sort_unstable();
    let max = lat.last().copied().unwrap_or(0);
    (
        lat.len(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        max,
    )
}

fn percentile(sorted: &[i64], p: f64) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

async fn relay(brokers: &str, args: &RelayArgs) {
    let (input, output, count) = (args.input.as_str(), args.output.as_str(), args.count);
    // The worker's own client settings (built-in defaults, WIREWATCH_*
    // environment), so that the two differ only in what they do per story.
    let mut config = Config::load(None).expect("wirewatch config");
    config.brokers = brokers.to_string();
    config.group_id = args.group.clone();
    if let Some(c) = &args.compression {
        config.compression = c.clone();
    }
    let consumer: StreamConsumer = client_config::consumer(&config).create().expect("consumer");
    let producer: FutureProducer = client_config::producer(&config, 1_048_576)
        .create()
        .expect("producer");
    consumer.subscribe(&[input]).expect("subscribe");
    let max_in_flight = args.max_in_flight.unwrap_or(config.max_in_flight);
    let mut tracker = OffsetTracker::new(Caps {
        total: max_in_flight,
        per_partition: config.max_in_flight_per_partition.min(max_in_flight),
    });
    type Acked = std::pin::Pin<
        Box<dyn std::future::Future<Output = (wirewatch::kafka::offsets::Ticket, bool)> + Send>,
    >;
    let mut in_flight: FuturesUnordered<Acked> = FuturesUnordered::new();
    let mut done = 0;
    let mut ready = args.ready_file.as_deref();
    let mut tick = tokio::time::interval(Duration::from_millis(20));
    while done < count {
        tokio::select! {
            biased;
            _ = tick.tick(), if ready.is_some() => {
                if consumer.assignment().is_ok_and(|a| a.count() > 0) {
                    std::fs::write(ready.take().expect("checked"), b"").expect("ready file");
                }
            }
            Some((ticket, ok)) = in_flight.next(), if !in_flight.is_empty() => {
                assert!(ok, "relay delivery failed");
                done += 1;
                let finished = tracker.finish(&ticket);
                if let Some(next) = finished.store {
                    let mut tpl = TopicPartitionList::new();
                    let _ = tpl.add_partition_offset(input, ticket.partition, Offset::Offset(next));
                    let _ = consumer.store_offsets(&tpl);
                }
            }
            m = consumer.recv(), if tracker.in_flight() < max_in_flight => {
                let m = m.expect("consume");
                let ticket = tracker.begin(m.topic(), m.partition(), m.offset());
                // The same source headers the worker writes, so both pay for them
                // and latency can pair each output with its input.
                let headers = OwnedHeaders::new_with_capacity(2)
                    .insert(Header { key: "x-source-partition", value: Some(&m.partition().to_string()) })
                    .insert(Header { key: "x-source-offset", value: Some(&m.offset().to_string()) });
                let mut r = FutureRecord::to(output)
                    .payload(m.payload().unwrap_or_default())
                    .headers(headers);
                if let Some(k) = m.key() {
                    r = r.key(k);
                }
                let delivery = loop {
                    match producer.send_result(r) {
                        Ok(d) => break d,
                        Err((_, back)) => {
                            r = back;
                            tokio::time::sleep(Duration::from_millis(5)).await;
                        }
                    }
                };
                in_flight.push(Box::pin(async move { (ticket, matches!(delivery.await, Ok(Ok(_)))) }));
            }
        }
    }
    let _ = producer.flush(Duration::from_secs(10));
    let _ = consumer.commit_consumer_state(rdkafka::consumer::CommitMode::Sync);
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let brokers = args.brokers.as_str();
    match args.command {
        Cmd::Topics { names } => {
            let admin: AdminClient<DefaultClientContext> = client(brokers).create().expect("admin");
            let new: Vec<NewTopic<'_>> = names
                .iter()
                .map(|n| {
                    let t = NewTopic::new(n, 3, TopicReplication::Fixed(1))
                        .set("message.timestamp.type", "LogAppendTime");
                    if n.ends_with(".dlq") {
                        t.set("max.message.bytes", "1056780")
                    } else {
                        t
                    }
                })
                .collect();
            for r in admin
                .create_topics(&new, &AdminOptions::new())
                .await
                .expect("create topics")
            {
                r.expect("topic created");
            }
        }
        Cmd::Drop { mut names, prefix } => {
            let admin: AdminClient<DefaultClientContext> = client(brokers).create().expect("admin");
            if !prefix.is_empty() {
                let metadata = admin
                    .inner()
                    .fetch_metadata(None, Duration::from_secs(10))
                    .expect("metadata");
                names.extend(
                    metadata
                        .topics()
                        .iter()
                        .map(|t| t.name().to_string())
                        .filter(|n| prefix.iter().any(|p| n.starts_with(p.as_str()))),
                );
            }
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            for chunk in names.chunks(200) {
                for r in admin
                    .delete_topics(chunk, &AdminOptions::new())
                    .await
                    .expect("delete topics")
                {
                    if let Err((name, e)) = r {
                        eprintln!("kafka_bench: {name} not deleted: {e}");
                    }
                }
            }
            println!("{} topics deleted", names.len());
        }
        Cmd::Load { topic, count, rate } => {
            let producer: FutureProducer = client(brokers)
                .set("enable.idempotence", "true")
                .set("linger.ms", "5")
                .set("queue.buffering.max.messages", "1000000")
                .create()
                .expect("producer");
            let bodies = payloads();
            let run = std::process::id();
            let started = Instant::now();
            let mut pending = FuturesUnordered::new();
            for i in 0..count {
                if let Some(r) = rate {
                    let due = started + Duration::from_micros(i as u64 * 1_000_000 / r.max(1));
                    tokio::time::sleep_until(due.into()).await;
                }
                let key = format!("bench-{run}-{i}");
                let body = &bodies[i % bodies.len()];
                let d = producer
                    .send_result(FutureRecord::to(&topic).key(&key).payload(body.as_str()))
                    .map_err(|(e, _)| e)
                    .expect("enqueue");
                pending.push(d);
                while pending.len() > 50_000 {
                    pending.next().await;
                }
            }
            while let Some(d) = pending.next().await {
                d.expect("delivery").map_err(|(e, _)| e).expect("ack");
            }
        }
        Cmd::Relay(args) => relay(brokers, &args).await,
        Cmd::Rate { topic, count } => {
            let ts = timestamps(brokers, &topic, count);
            let (lo, hi) = ts.iter().fold((i64::MAX, i64::MIN), |(lo, hi), (_, t)| {
                (lo.min(*t), hi.max(*t))
            });
            let secs = ((hi - lo).max(1)) as f64 / 1000.0;
            println!("{} {:.0}", ts.len(), ts.len() as f64 / secs);
        }
        Cmd::Latency {
            input,
            output,
            count,
            warmup_ms,
            series,
        } => {
            let appended: HashMap<String, i64> =
                timestamps(brokers, &input, count).into_iter().collect();
            let first = appended.values().min().copied().unwrap_or(0);
            let pairs: Vec<(i64, i64)> = timestamps(brokers, &output, count)
                .into_iter()
                .filter_map(|(k, t)| appended.get(&k).map(|a| (*a, t - a)))
                .filter(|(a, _)| *a >= first + warmup_ms)
                .collect();
            if series {
                let mut by_second: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
                for (a, l) in &pairs {
                    by_second.entry((a - first) / 1000).or_default().push(*l);
                }
                for (second, l) in by_second {
                    let (n, p50, p99, max) = summary(l);
                    eprintln!("second {second}: n {n} p50 {p50} p99 {p99} max {max}");
                }
            }
            let (n, p50, p99, max) = summary(pairs.into_iter().map(|(_, l)| l).collect());
            println!("{n} {p50} {p99} {max}");
        }
    }
}
