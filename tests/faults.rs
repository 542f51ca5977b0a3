//! Fault tests on a real broker with the real binary: crash loops in both
//! delivery modes, a rebalance under exactly-once, and a hostile corpus.
//! Each prints its figures (stories, records, duplicates, losses, restart
//! times) so a CI log carries them.

mod common;

use common::*;
use rdkafka::message::Message;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const READY: Duration = Duration::from_secs(60);

const BODIES: [&str; 4] = [
    "Russian drones struck Kharkiv overnight, killing two people, officials said.",
    "The foreign ministers of France and Germany met in Berlin on Tuesday for talks.",
    "The EU imposed new sanctions on Russian oil exports on Friday.",
    "The city council voted to extend library opening hours.",
];

/// A small deterministic generator for kill moments; the seed is printed.
struct Lcg(u64);
impl Lcg {
    fn from_clock() -> Lcg {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        eprintln!("kill schedule seed {seed}");
        Lcg(seed | 1)
    }
    fn next_ms(&mut self, lo: u64, hi: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + (self.0 >> 33) % (hi - lo)
    }
}

fn enriched_sample(prefix: &str) -> String {
    format!(
        "wirewatch_records_produced_total{{category=\"all\",topic=\"{prefix}wire.stories.enriched\"}}"
    )
}

/// Every enriched record's story id, counted, read until every id in
/// `expected` arrived (duplicates do not count towards it) or 4 minutes.
fn enriched_counts(prefix: &str, expected: &HashSet<String>) -> HashMap<String, usize> {
    use rdkafka::consumer::{BaseConsumer, Consumer};
    let consumer: BaseConsumer = rdkafka::ClientConfig::new()
        .set("bootstrap.servers", brokers())
        .set("group.id", unique("reader"))
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        .set("isolation.level", "read_committed")
        .create()
        .expect("consumer");
    consumer
        .subscribe(&[&format!("{prefix}wire.stories.enriched")])
        .expect("subscribe");
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut seen = 0;
    let deadline = Instant::now() + Duration::from_secs(240);
    let mut settle: Option<Instant> = None;
    while Instant::now() < deadline && settle.is_none_or(|s| Instant::now() < s) {
        if let Some(Ok(m)) = consumer.poll(Duration::from_millis(100)) {
            let id = json(&m.detach())["story"]["id"]
                .as_str()
                .unwrap()
                .to_string();
            if expected.contains(&id) && !counts.contains_key(&id) {
                seen += 1;
            }
            *counts.entry(id).or_insert(0) += 1;
        }
        if seen == expected.len() && settle.is_none() {
            // Read a little longer to catch late duplicates.
            settle = Some(Instant::now() + Duration::from_secs(2));
        }
    }
    counts
}

/// Feed `n` stories, SIGKILL the worker `kills` times at random moments
/// (restarting it and feeding more each time), then read every enriched
/// record back.
/// Returns (stories, records, duplicates, losses).
async fn crash_loop(mode: &str, n: usize, kills: usize) -> (usize, usize, usize, usize) {
    require_broker();
    let prefix = format!("{}.", unique(&format!("crash-{mode}")));
    create_topics(&prefix).await;
    let group = unique("g");
    let delivery = format!("delivery = \"{mode}\"");
    let instance = format!("group_instance_id = \"{}\"", unique("i"));
    let mut worker = WorkerProc::start(
        &prefix,
        &group,
        &[
            ("", delivery.as_str()),
            ("", instance.as_str()),
            ("kafka", "\"session.timeout.ms\" = \"10000\""),
        ],
    );
    worker.wait_ready(READY);
    let stories = numbered_stories(mode, n, &BODIES);
    let input = format!("{prefix}wire.stories.raw");
    // Half the stories up front; the rest in one part per restart, so every
    // restarted process has work it has never seen: a restart that then
    // publishes nothing is a stall, not a worker that had already finished.
    let (first, rest) = stories.split_at(n / 2);
    produce(&input, first).await;
    let mut parts = rest.chunks(rest.len().div_ceil(kills.max(1)));

    let mut rng = Lcg::from_clock();
    let sample = enriched_sample(&prefix);
    let mut restarts = Vec::new();
    for k in 0..kills {
        tokio::time::sleep(Duration::from_millis(rng.next_ms(300, 1500))).await;
        worker.kill_hard();
        let killed = Instant::now();
        worker.restart();
        if let Some(part) = parts.next() {
            produce(&input, part).await;
        }
        // Time from the kill to the restarted process's first acknowledged record.
        let got = worker.wait_metric(&sample, 1.0, Duration::from_secs(60));
        let first_record = killed.elapsed();
        assert!(
            got >= 1.0,
            "no record within 60 s after restart {k}, with new stories waiting; log:\n{}",
            worker.log()
        );
        restarts.push(first_record);
    }
    for part in parts {
        produce(&input, part).await;
    }
    let expected: HashSet<String> = stories.iter().map(|(k, _)| k.clone().unwrap()).collect();
    let counts = enriched_counts(&prefix, &expected);
    let records: usize = counts.values().sum();
    let lost: Vec<&str> = stories
        .iter()
        .map(|(k, _)| k.as_deref().unwrap())
        .filter(|k| !counts.contains_key(*k))
        .collect();
    let duplicates = records - counts.len();
    eprintln!(
        "crash loop {mode}: {n} stories sent, {records} records received, {duplicates} duplicates, {} lost, {kills} SIGKILLs; kill to first record after restart: {:?}",
        lost.len(),
        restarts
    );
    assert!(
        lost.is_empty(),
        "{mode}: {} stories lost, e.g. {:?}; log:\n{}",
        lost.len(),
        &lost[..lost.len().min(5)],
        worker.log()
    );
    assert_eq!(
        worker
            .terminate(Duration::from_secs(30))
            .and_then(|s| s.code()),
        Some(0)
    );
    (n, records, duplicates, lost.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn crash_loop_at_least_once_loses_nothing() {
    let (n, records, _dups, lost) = crash_loop("at_least_once", 20_000, 5).await;
    assert_eq!(lost, 0);
    assert!(records >= n);
}

#[tokio::test(flavor = "multi_thread")]
async fn crash_loop_exactly_once_loses_nothing_and_doubles_nothing() {
    let (n, records, dups, lost) = crash_loop("exactly_once", 20_000, 5).await;
    assert_eq!(lost, 0);
    assert_eq!(dups, 0, "read_committed saw a record twice");
    assert_eq!(records, n);
}

#[tokio::test(flavor = "multi_thread")]
async fn exactly_once_rebalance_loses_nothing_and_doubles_nothing() {
    require_broker();
    let prefix = format!("{}.", unique("eos-rebalance"));
    create_topics(&prefix).await;
    let group = unique("g");
    let a_id = format!("group_instance_id = \"{}\"", unique("a"));
    let b_id = format!("group_instance_id = \"{}\"", unique("b"));
    let eos = ("", "delivery = \"exactly_once\"");
    let mut a = WorkerProc::start(&prefix, &group, &[eos, ("", a_id.as_str())]);
    a.wait_ready(READY);
    const N: usize = 6000;
    let stories = numbered_stories("rb", N, &BODIES);
    let input = format!("{prefix}wire.stories.raw");
    let (first, rest) = stories.split_at(N / 3);
    produce(&input, first).await;
    // The second instance joins mid-stream...
    let mut b = WorkerProc::start(&prefix, &group, &[eos, ("", b_id.as_str())]);
    let (second, third) = rest.split_at(N / 3);
    produce(&input, second).await;
    b.wait_ready(READY);
    // ...and leaves again, cleanly, while stories still flow.
    produce(&input, third).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        b.terminate(Duration::from_secs(30)).and_then(|s| s.code()),
        Some(0)
    );
    let expected: HashSet<String> = stories.iter().map(|(k, _)| k.clone().unwrap()).collect();
    let counts = enriched_counts(&prefix, &expected);
    let records: usize = counts.values().sum();
    let lost = stories
        .iter()
        .filter(|(k, _)| !counts.contains_key(k.as_deref().unwrap()))
        .count();
    eprintln!(
        "exactly-once rebalance: {N} stories, {records} records, {} duplicates, {lost} lost",
        records - counts.len()
    );
    assert_eq!(lost, 0, "log a:\n{}\nlog b:\n{}", a.log(), b.log());
    assert_eq!(records, N, "duplicates under read_committed");
}

/// One hostile payload: its key, bytes, and the dead-letter reason it must
/// get (`None`: a valid story, which must be published).
struct Case {
    key: Option<String>,
    payload: Vec<u8>,
    reason: Option<&'static str>,
}

fn hostile_cases() -> Vec<Case> {
    let bad = |k: &str, p: Vec<u8>, r: &'static str| Case {
        key: Some(k.to_string()),
        payload: p,
        reason: Some(r),
    };
    let good = |k: &str, p: Vec<u8>| Case {
        key: Some(k.to_string()),
        payload: p,
        reason: None,
    };
    let nested = format!("{}1{}", "{\"a\":".repeat(5000), "}".repeat(5000));
    let html_bomb = serde_json::json!({
        "uri": "html-bomb",
        "body_html": format!("{}Rebels shelled the town of Kidal.{}", "<div><b>".repeat(20_000), "</b></div>".repeat(20_000)),
    })
    .to_string();
    vec![
        bad("empty", Vec::new(), "empty"),
        bad("whitespace", b"  \n\t \r\n ".to_vec(), "empty"),
        bad("not-utf8", vec![b'a', 0xff, 0xfe, b'b'], "not_utf8"),
        // Over 1,000,000 bytes: dead-lettered whole, never cut.
        bad("not-utf8-large", vec![0xffu8; 1_040_000], "not_utf8"),
        bad("too-large", vec![b'x'; 1_100_000], "too_large"),
        bad(
            "truncated-json",
            b"{\"id\": \"t1\", \"body\": \"Rebels attack".to_vec(),
            "invalid_json",
        ),
        bad("nested-json", nested.into_bytes(), "invalid_json"),
        bad(
            "wrong-types",
            b"{\"id\": [1], \"body\": 7}".to_vec(),
            "invalid_field",
        ),
        bad(
            "unknown-shape",
            b"{\"hello\": \"world\"}".to_vec(),
            "unknown_shape",
        ),
        good("html-bomb", html_bomb.into_bytes()),
        good(
            "control-chars",
            b"Gunmen\x00 attacked a\x07 hotel in\x1b Mogadishu on Friday, police said.".to_vec(),
        ),
        good(
            "rtl",
            "قصفت طائرات مسيرة مدينة خاركيف ليلا. Russian drones struck Kharkiv overnight."
                .as_bytes()
                .to_vec(),
        ),
        good("numbers", "1234 5678 90 ".repeat(2000).into_bytes()),
        good(
            "megabyte-no-stop",
            "Rebels shelled the town and killed two people "
                .repeat(21_000)
                .into_bytes(),
        ),
        // 20,000 sentences each reporting an attack: the record would be
        // several megabytes, more than any output topic takes, so the story
        // becomes one dead letter saying so.
        bad(
            "megabyte-sentences",
            "Rebels shelled the town and killed two people. "
                .repeat(20_000)
                .into_bytes(),
            "record_too_large",
        ),
        Case {
            key: None,
            payload: envelope(
                "null-key-story",
                "The EU imposed new sanctions on Belarus on Monday.",
            ),
            reason: None,
        },
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_corpus_is_dead_lettered_byte_for_byte_and_good_stories_flow() {
    require_broker();
    let prefix = format!("{}.", unique("hostile"));
    // The input takes up to 2 MB, so a payload over max_payload_bytes
    // (1 MiB) can reach the worker.
    create_topics_sized(&prefix, Some(2_000_000)).await;
    let mut worker = WorkerProc::start(&prefix, &unique("g"), &[]);
    worker.wait_ready(READY);
    let cases = hostile_cases();
    // Interleave every hostile payload with good stories.
    let mut messages = Vec::new();
    let goods = numbered_stories("good", cases.len() * 3, &BODIES);
    for (i, c) in cases.iter().enumerate() {
        messages.extend_from_slice(&goods[i * 3..i * 3 + 3]);
        messages.push((c.key.clone(), c.payload.clone()));
    }
    produce(&format!("{prefix}wire.stories.raw"), &messages).await;

    let expected_dead: Vec<&Case> = cases.iter().filter(|c| c.reason.is_some()).collect();
    let dlq = consume(
        &format!("{prefix}wire.stories.dlq"),
        expected_dead.len(),
        Duration::from_secs(180),
    );
    for c in &expected_dead {
        let key = c.key.as_deref().unwrap();
        let found: Vec<_> = dlq
            .iter()
            .filter(|m| m.key() == Some(key.as_bytes()))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{key}: one dead letter; log:\n{}",
            worker.log()
        );
        let m = found[0];
        assert_eq!(
            m.payload().unwrap_or_default(),
            &c.payload[..],
            "{key}: dead letter not byte-for-byte"
        );
        let h = headers(m);
        assert_eq!(h["x-error-class"], c.reason.unwrap(), "{key}");
        assert!(!h["x-error"].is_empty());
        for name in [
            "x-source-topic",
            "x-source-offset",
            "x-source-timestamp",
            "x-worker-version",
        ] {
            assert!(h.contains_key(name), "{key}: no {name}");
        }
        assert!(!h.contains_key("x-truncated"));
    }
    assert_eq!(
        dlq.len(),
        expected_dead.len(),
        "exactly one dead letter per bad payload"
    );

    let published: HashSet<String> = cases
        .iter()
        .filter(|c| c.reason.is_none())
        .map(|c| {
            c.key
                .clone()
                .unwrap_or_else(|| "null-key-story".to_string())
        })
        .chain(goods.iter().map(|(k, _)| k.clone().unwrap()))
        .collect();
    let counts = enriched_counts(&prefix, &published);
    for id in &published {
        assert!(
            counts.contains_key(id),
            "{id} not published; log:\n{}",
            worker.log()
        );
    }
    let metrics = worker.metrics();
    let mut by_reason: HashMap<&str, f64> = HashMap::new();
    for c in &expected_dead {
        *by_reason.entry(c.reason.unwrap()).or_default() += 1.0;
    }
    for (reason, n) in by_reason {
        assert_eq!(
            metric_value(
                &metrics,
                &format!("wirewatch_dead_letters_total{{reason=\"{reason}\"}}")
            ),
            Some(n),
            "{reason}"
        );
    }
    assert!(worker.running(), "the worker survived the corpus");
    assert_eq!(
        worker
            .terminate(Duration::from_secs(30))
            .and_then(|s| s.code()),
        Some(0)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fenced_exactly_once_instance_stops_with_a_clear_fatal_exit() {
    require_broker();
    let prefix = format!("{}.", unique("fence"));
    create_topics(&prefix).await;
    // Two instances configured with the same transactional.id: the second
    // one's start fences the first, which must stop (exit 70), not retry.
    let txn_id = format!("transactional_id = \"{}\"", unique("t"));
    let eos = ("", "delivery = \"exactly_once\"");
    let mut first = WorkerProc::start(
        &prefix,
        &unique("g1"),
        &[eos, ("exactly_once", txn_id.as_str())],
    );
    first.wait_ready(READY);
    let input = format!("{prefix}wire.stories.raw");
    produce(&input, &numbered_stories("f1", 50, &BODIES)).await;
    first.wait_metric(&enriched_sample(&prefix), 1.0, Duration::from_secs(60));
    let mut second = WorkerProc::start(
        &prefix,
        &unique("g2"),
        &[eos, ("exactly_once", txn_id.as_str())],
    );
    second.wait_ready(READY);
    produce(&input, &numbered_stories("f2", 50, &BODIES)).await;
    let status = first.wait_exit(Duration::from_secs(60));
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(70),
        "the fenced instance must stop with exit 70; log:\n{}",
        first.log()
    );
    assert!(first.log().contains("fatal"), "log:\n{}", first.log());
    assert!(second.running());
}
