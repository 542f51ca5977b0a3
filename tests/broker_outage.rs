//! The broker itself goes away: stopped for more than 10 seconds mid-stream,
//! then started again; and stopped under a worker asked to shut down. Uses
//! `deploy/local/kafka.sh` on the suite's own broker, so it lives in a test
//! binary of its own (cargo runs test binaries one after another) and runs
//! its steps in one test, in order, leaving the broker up.

mod common;

use common::*;
use std::process::Command;
use std::time::{Duration, Instant};

const READY: Duration = Duration::from_secs(60);

fn kafka(cmd: &str) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/local/kafka.sh");
    let status = Command::new(script)
        .arg(cmd)
        .status()
        .expect("run kafka.sh");
    assert!(status.success(), "kafka.sh {cmd} failed");
}

/// Starts the broker again even if an assertion fails mid-test.
struct BrokerBack;
impl Drop for BrokerBack {
    fn drop(&mut self) {
        kafka("start");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn broker_outages_lose_nothing_and_shutdown_stays_bounded() {
    require_broker();
    let _back = BrokerBack;
    let prefix = format!("{}.", unique("outage"));
    create_topics(&prefix).await;
    let mut worker = WorkerProc::start(&prefix, &unique("g"), &[]);
    worker.wait_ready(READY);
    let input = format!("{prefix}wire.stories.raw");
    let bodies = [
        "Rebels shelled the town of Kidal on Monday, killing three soldiers, the army said.",
        "The EU imposed new sanctions on Russian oil exports on Friday.",
    ];
    const N: usize = 3000;
    let stories = numbered_stories("outage", N, &bodies);
    let (before, after) = stories.split_at(N / 2);
    produce(&input, before).await;
    let sample = format!(
        "wirewatch_records_produced_total{{category=\"all\",topic=\"{prefix}wire.stories.enriched\"}}"
    );
    worker.wait_metric(&sample, 100.0, Duration::from_secs(60));

    // 1. The broker is down for over 10 s while stories are in flight.
    kafka("stop");
    let down = Instant::now();
    tokio::time::sleep(Duration::from_secs(12)).await;
    assert!(worker.running(), "the worker rode out the outage");
    let during = worker.metrics();
    kafka("start");
    eprintln!("broker down for {:?}", down.elapsed());
    produce(&input, after).await;
    let ids = story_ids_on(
        &format!("{prefix}wire.stories.enriched"),
        N,
        "broker outage",
    );
    let lost = stories
        .iter()
        .filter(|(k, _)| !ids.contains(k.as_deref().unwrap()))
        .count();
    assert_eq!(
        lost,
        0,
        "stories lost across the outage; log:\n{}",
        worker.log()
    );
    assert!(worker.running(), "recovered without a restart");
    let outages = metric_value(&during, "wirewatch_broker_outages_total").unwrap_or(0.0);
    let down_secs = metric_value(&during, "wirewatch_broker_down_seconds_total").unwrap_or(0.0);
    eprintln!(
        "during the outage: broker_outages_total {outages}, broker_down_seconds_total {down_secs}"
    );
    assert!(outages >= 1.0, "the outage shows in metrics:\n{during}");
    assert!(down_secs > 0.0, "outage time counted:\n{during}");
    worker.wait_ready(READY);

    // 2. SIGTERM with the broker down ends within the grace period (15 s here).
    kafka("stop");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let asked = Instant::now();
    let status = worker.terminate(Duration::from_secs(40));
    let took = asked.elapsed();
    eprintln!("SIGTERM with the broker down: exited in {took:?} ({status:?})");
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(0),
        "log:\n{}",
        worker.log()
    );
    assert!(
        took < Duration::from_secs(17),
        "shutdown took {took:?} against a 15 s grace"
    );
}
