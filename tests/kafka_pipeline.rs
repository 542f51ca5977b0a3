//! End-to-end tests on a real Apache Kafka broker (started by deploy/test.sh)
//! with the real `wirewatch run` binary and its real HTTP endpoint.

mod common;

use common::*;
use rdkafka::message::Message;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

const READY: Duration = Duration::from_secs(60);
const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn seed_story_fans_out_to_all_four_category_topics_and_enriched() {
    require_broker();
    let prefix = format!("{}.", unique("seed"));
    create_topics(&prefix).await;
    let mut worker = WorkerProc::start(&prefix, &unique("g"), &[]);
    worker.wait_ready(READY);

    produce(
        &format!("{prefix}wire.stories.raw"),
        &[(Some("ap-kyiv-turkey-talks".into()), seed_story())],
    )
    .await;

    let enriched = consume(&format!("{prefix}wire.stories.enriched"), 1, WAIT);
    assert_eq!(enriched.len(), 1, "log:\n{}", worker.log());
    let record = json(&enriched[0]);
    assert_schema(&record);
    assert_eq!(enriched[0].key(), Some(&b"ap-kyiv-turkey-talks"[..]));
    assert_eq!(record["schema_version"], 1);
    assert_eq!(record["story"]["source"], "AP");
    assert_eq!(record["story"]["dateline"], "KYIV, Ukraine");
    assert_eq!(
        record["classification"]["labels"],
        serde_json::json!(["diplomacy", "sanctions", "procurement", "strike"])
    );
    assert_eq!(record["classification"]["primary"], "diplomacy");
    let mut by_type: HashMap<String, usize> = HashMap::new();
    for e in record["events"].as_array().unwrap() {
        *by_type
            .entry(e["type"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(by_type.get("diplomacy"), Some(&2));
    assert_eq!(by_type.get("sanctions"), Some(&1));
    assert_eq!(by_type.get("procurement"), Some(&1));
    assert_eq!(by_type.get("strike"), Some(&4));
    let missile = record["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["subtype"] == "missile")
        .expect("missile strike");
    assert_eq!(missile["place"], "Kharkiv");
    assert_eq!(missile["killed"], 1);
    assert_eq!(missile["injured"], 10);
    let h = headers(&enriched[0]);
    assert_eq!(h["x-source-topic"], format!("{prefix}wire.stories.raw"));
    assert!(h.contains_key("x-rules-version"));

    for category in CATEGORIES {
        let got = consume(&format!("{prefix}wire.events.{category}"), 1, WAIT);
        assert_eq!(got.len(), 1, "{category} topic");
        assert_eq!(json(&got[0]), record, "same record on every topic");
    }

    let text = worker.metrics();
    assert_eq!(
        metric_value(&text, "wirewatch_stories_consumed_total"),
        Some(1.0)
    );
    for category in CATEGORIES {
        let sample = format!(
            "wirewatch_records_produced_total{{category=\"{category}\",topic=\"{prefix}wire.events.{category}\"}}"
        );
        assert_eq!(metric_value(&text, &sample), Some(1.0), "{sample}\n{text}");
    }
    assert_eq!(
        worker.terminate(Duration::from_secs(30)).map(|s| s.code()),
        Some(Some(0))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_payloads_go_to_the_dead_letter_topic_and_the_stream_goes_on() {
    require_broker();
    let prefix = format!("{}.", unique("dlq"));
    create_topics(&prefix).await;
    let mut worker = WorkerProc::start(
        &prefix,
        &unique("g"),
        &[("worker", "max_payload_bytes = 4096")],
    );
    worker.wait_ready(READY);

    let input = format!("{prefix}wire.stories.raw");
    // One partition order is not guaranteed across keys, so every message
    // gets a key and the test checks by key.
    let messages = vec![
        (
            Some("good-1".to_string()),
            envelope(
                "good-1",
                "Ukraine's foreign minister met his Polish counterpart in Warsaw on Monday.",
            ),
        ),
        (
            Some("bad-json".to_string()),
            b"{\"id\": \"x\", \"body\": ".to_vec(),
        ),
        (
            Some("bad-utf8".to_string()),
            vec![b'A', b'P', b' ', 0xff, 0xfe, b'x'],
        ),
        (
            Some("bad-shape".to_string()),
            b"{\"title\": \"no body here\"}".to_vec(),
        ),
        (Some("too-large".to_string()), vec![b'a'; 5000]),
        (Some("empty".to_string()), Vec::new()),
        (
            Some("good-2".to_string()),
            envelope("good-2", "Local council approves new park."),
        ),
    ];
    produce(&input, &messages).await;

    let dlq = consume(&format!("{prefix}wire.stories.dlq"), 5, WAIT);
    let by_key: HashMap<String, _> = dlq
        .iter()
        .map(|m| (String::from_utf8_lossy(m.key().unwrap()).into_owned(), m))
        .collect();
    assert_eq!(by_key.len(), 5, "five dead letters; log:\n{}", worker.log());
    for (key, class) in [
        ("bad-json", "invalid_json"),
        ("bad-utf8", "not_utf8"),
        ("bad-shape", "unknown_shape"),
        ("too-large", "too_large"),
        ("empty", "empty"),
    ] {
        let m = by_key.get(key).unwrap_or_else(|| panic!("{key} in DLQ"));
        let h = headers(m);
        assert_eq!(h["x-error-class"], class, "{key}");
        assert!(!h["x-error"].is_empty());
        assert_eq!(h["x-source-topic"], input);
        assert!(h["x-source-offset"].parse::<i64>().is_ok());
        assert!(h["x-source-partition"].parse::<i32>().is_ok());
        let original = &messages
            .iter()
            .find(|(k, _)| k.as_deref() == Some(key))
            .unwrap()
            .1;
        assert_eq!(
            m.payload().unwrap_or_default(),
            &original[..],
            "payload unchanged"
        );
    }

    let enriched = consume(&format!("{prefix}wire.stories.enriched"), 2, WAIT);
    let ids: HashSet<String> = enriched
        .iter()
        .map(|m| json(m)["story"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        HashSet::from(["good-1".to_string(), "good-2".to_string()])
    );

    let text = worker.metrics();
    assert_eq!(
        metric_value(&text, "wirewatch_stories_consumed_total"),
        Some(7.0),
        "{text}"
    );
    for reason in [
        "invalid_json",
        "not_utf8",
        "unknown_shape",
        "too_large",
        "empty",
    ] {
        let sample = format!("wirewatch_dead_letters_total{{reason=\"{reason}\"}}");
        assert_eq!(metric_value(&text, &sample), Some(1.0), "{sample}");
    }
    let enriched_sample = format!(
        "wirewatch_records_produced_total{{category=\"all\",topic=\"{prefix}wire.stories.enriched\"}}"
    );
    assert_eq!(metric_value(&text, &enriched_sample), Some(2.0));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hard_kill_mid_stream_loses_no_story() {
    require_broker();
    let prefix = format!("{}.", unique("kill"));
    create_topics(&prefix).await;
    let group = unique("g");
    // A short session timeout lets the restarted worker take over quickly.
    let mut worker = WorkerProc::start(
        &prefix,
        &group,
        &[
            ("kafka", "\"session.timeout.ms\" = \"6000\""),
            ("kafka", "\"heartbeat.interval.ms\" = \"500\""),
        ],
    );
    worker.wait_ready(READY);

    const N: usize = 2000;
    let input = format!("{prefix}wire.stories.raw");
    let bodies = [
        "Russian drones struck Kharkiv overnight, killing two people, officials said.",
        "The foreign ministers of France and Germany met in Berlin on Tuesday for talks.",
        "The EU imposed new sanctions on Russian oil exports on Friday.",
        "The city council voted to extend library opening hours.",
    ];
    let stories = numbered_stories("story", N, &bodies);

    // Feed the stream in slices while the worker runs, and kill it hard in the middle.
    let produced_sample = format!(
        "wirewatch_records_produced_total{{category=\"all\",topic=\"{prefix}wire.stories.enriched\"}}"
    );
    for (i, chunk) in stories.chunks(100).enumerate() {
        produce(&input, chunk).await;
        if i == 9 {
            let done = worker.wait_metric(&produced_sample, 300.0, WAIT);
            assert!(done >= 300.0, "worker made progress before the kill");
            worker.kill_hard();
        }
        if i == 12 {
            worker.restart();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    worker.wait_ready(READY);

    let ids = story_ids_on(&format!("{prefix}wire.stories.enriched"), N, "kill test");
    let missing: Vec<String> = stories
        .iter()
        .map(|(k, _)| k.clone().unwrap())
        .filter(|k| !ids.contains(k))
        .collect();
    assert!(
        missing.is_empty(),
        "{} stories lost, e.g. {:?}; log:\n{}",
        missing.len(),
        &missing[..missing.len().min(5)],
        worker.log()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn clean_shutdown_commits_everything_so_a_restart_rereads_nothing() {
    require_broker();
    let prefix = format!("{}.", unique("term"));
    create_topics(&prefix).await;
    let group = unique("g");
    let mut worker = WorkerProc::start(&prefix, &group, &[]);
    worker.wait_ready(READY);
    let input = format!("{prefix}wire.stories.raw");
    let stories = numbered_stories(
        "t",
        50,
        &["Talks between Egypt and Qatar were held in Cairo."],
    );
    produce(&input, &stories).await;
    let sample = "wirewatch_stories_consumed_total";
    assert_eq!(worker.wait_metric(sample, 50.0, WAIT), 50.0);
    let status = worker
        .terminate(Duration::from_secs(30))
        .expect("exits within the grace period");
    assert_eq!(status.code(), Some(0), "log:\n{}", worker.log());
    assert!(worker.log().contains("final offsets committed") || worker.log().contains("drained"));

    worker.restart();
    worker.wait_ready(READY);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let text = worker.metrics();
    assert_eq!(
        metric_value(&text, sample),
        Some(0.0),
        "nothing re-read after a clean stop"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_topics_stop_the_worker_with_their_names() {
    require_broker();
    let prefix = format!("{}.", unique("missing"));
    let mut worker = WorkerProc::start(&prefix, &unique("g"), &[]);
    let status = worker
        .wait_exit(Duration::from_secs(60))
        .expect("worker exits");
    assert_ne!(status.code(), Some(0));
    let log = worker.log();
    assert!(log.contains("missing Kafka topics"), "{log}");
    assert!(log.contains(&format!("{prefix}wire.stories.raw")), "{log}");
}

#[tokio::test(flavor = "multi_thread")]
async fn create_topics_true_creates_the_missing_topics() {
    require_broker();
    let prefix = format!("{}.", unique("create"));
    let mut worker = WorkerProc::start(&prefix, &unique("g"), &[("topics", "create = true")]);
    worker.wait_ready(READY);
    produce(
        &format!("{prefix}wire.stories.raw"),
        &[(Some("c1".into()), envelope("c1", "Quiet day."))],
    )
    .await;
    let got = consume(&format!("{prefix}wire.stories.enriched"), 1, WAIT);
    assert_eq!(got.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn rebalances_between_two_workers_lose_nothing() {
    require_broker();
    let prefix = format!("{}.", unique("rebal"));
    create_topics(&prefix).await;
    let group = unique("g");
    let fast_group: &[(&str, &str)] = &[
        ("kafka", "\"session.timeout.ms\" = \"6000\""),
        ("kafka", "\"heartbeat.interval.ms\" = \"500\""),
    ];
    let mut a = WorkerProc::start(&prefix, &group, fast_group);
    a.wait_ready(READY);

    const N: usize = 1200;
    let input = format!("{prefix}wire.stories.raw");
    let stories = numbered_stories(
        "r",
        N,
        &["Israeli aircraft struck targets in southern Lebanon on Sunday."],
    );
    let mut b: Option<WorkerProc> = None;
    for (i, chunk) in stories.chunks(100).enumerate() {
        produce(&input, chunk).await;
        if i == 3 {
            // A second member joins: partitions move from A to B.
            b = Some(WorkerProc::start(&prefix, &group, fast_group));
        }
        if i == 7 {
            // A leaves cleanly: its partitions move to B.
            let status = a.terminate(Duration::from_secs(30));
            assert_eq!(status.and_then(|s| s.code()), Some(0), "log:\n{}", a.log());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let b = b.unwrap();
    let ids = story_ids_on(
        &format!("{prefix}wire.stories.enriched"),
        N,
        "rebalance test",
    );
    assert_eq!(
        ids.len(),
        N,
        "stories lost across rebalances; B log:\n{}",
        b.log()
    );
    let revokes =
        metric_value(&b.metrics(), "wirewatch_rebalances_total{kind=\"assign\"}").unwrap_or(0.0);
    assert!(revokes >= 1.0, "B was assigned partitions");
}

#[tokio::test(flavor = "multi_thread")]
async fn sighup_reloads_rules_and_keeps_the_old_ones_when_the_new_do_not_load() {
    require_broker();
    let prefix = format!("{}.", unique("reload"));
    create_topics(&prefix).await;
    let rules = tempfile::tempdir().unwrap();
    copy_dir(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/config")),
        rules.path(),
    );
    let rules_line = format!("rules_dir = \"{}\"", rules.path().display());
    let mut worker = WorkerProc::start(&prefix, &unique("g"), &[("", &rules_line)]);
    worker.wait_ready(READY);
    let version_of = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("wirewatch_rules_info{"))
            .map(|l| l.to_string())
            .unwrap()
    };
    let before = version_of(&worker.metrics());

    // An analyst bumps the rules: the new version is in use after SIGHUP.
    let version_file = rules.path().join("rules/VERSION");
    std::fs::write(&version_file, "reload-test-2\n").unwrap();
    worker.hangup();
    assert_eq!(
        worker.wait_metric("wirewatch_rules_reloads_total{result=\"ok\"}", 1.0, WAIT),
        1.0
    );
    let after = version_of(&worker.metrics());
    assert_ne!(before, after);
    assert!(after.contains("reload-test-2"), "{after}");
    produce(
        &format!("{prefix}wire.stories.raw"),
        &[(Some("v1".into()), envelope("v1", "A quiet day."))],
    )
    .await;
    let got = consume(&format!("{prefix}wire.stories.enriched"), 1, WAIT);
    assert!(
        json(&got[0])["rules_version"]
            .as_str()
            .unwrap()
            .contains("reload-test-2")
    );

    // A broken rule file: the reload fails, is counted, and the old rules stay.
    std::fs::write(rules.path().join("rules/strike.toml"), "[[rule]]\nid = \n").unwrap();
    worker.hangup();
    assert_eq!(
        worker.wait_metric("wirewatch_rules_reloads_total{result=\"error\"}", 1.0, WAIT),
        1.0
    );
    assert_eq!(version_of(&worker.metrics()), after);
    assert!(worker.log().contains("keeping the previous rules"));
}
