//! Shared helpers for the integration tests: a real Kafka broker (started by
//! `deploy/test.sh` via `deploy/local/kafka.sh`), the real `wirewatch`
//! binary as a child process, and its real HTTP endpoint.
#![allow(dead_code)]

use rdkafka::ClientConfig;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Headers, Message, OwnedMessage};
use rdkafka::producer::{FutureProducer, FutureRecord};
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub(crate) const CATEGORIES: [&str; 4] = ["diplomacy", "sanctions", "procurement", "strike"];

/// The real `wirewatch` binary with none of the caller's `WIREWATCH_*`
/// settings (those a developer's shell may carry would override the
/// test's config); `WIREWATCH_TEST_*` are the tests' own and stay.
pub(crate) fn wirewatch_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_wirewatch"));
    for (var, _) in std::env::vars_os() {
        let name = var.to_string_lossy();
        if name.starts_with("WIREWATCH_") && !name.starts_with("WIREWATCH_TEST_") {
            c.env_remove(&var);
        }
    }
    c
}

/// Bootstrap servers of the test broker.
pub(crate) fn brokers() -> String {
    std::env::var("WIREWATCH_TEST_BROKERS").unwrap_or_else(|_| "127.0.0.1:9092".to_string())
}

/// Fail loudly (never skip) when no broker answers.
pub(crate) fn require_broker() {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers())
        .create()
        .expect("client");
    if let Err(e) = consumer.fetch_metadata(None, Duration::from_secs(10)) {
        panic!(
            "no Kafka broker at {} ({e}). Run the tests with deploy/test.sh, which starts one, \
             or start it yourself: deploy/local/kafka.sh start",
            brokers()
        );
    }
}

/// A name unique to this test run.
pub(crate) fn unique(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{prefix}-{}-{}-{}",
        std::process::id(),
        nanos % 1_000_000_000,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// The seven topics of the worker under `prefix`.
pub(crate) fn topic_names(prefix: &str) -> Vec<String> {
    let mut v = vec![
        format!("{prefix}wire.stories.raw"),
        format!("{prefix}wire.stories.enriched"),
        format!("{prefix}wire.stories.dlq"),
    ];
    v.extend(
        CATEGORIES
            .iter()
            .map(|c| format!("{prefix}wire.events.{c}")),
    );
    v
}

/// Create the worker's topics under `prefix`, 3 partitions each.
pub(crate) async fn create_topics(prefix: &str) {
    create_topics_sized(prefix, None).await
}

/// As `create_topics`, with the input topic taking messages up to
/// `input_max_bytes` (and the dead-letter topic that plus 8 KiB).
pub(crate) async fn create_topics_sized(prefix: &str, input_max_bytes: Option<usize>) {
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new()
        .set("bootstrap.servers", brokers())
        .create()
        .expect("admin client");
    let names = topic_names(prefix);
    let input_max = input_max_bytes.unwrap_or(1_048_588);
    let input_limit = input_max.to_string();
    let dlq_limit = (input_max + 8192).to_string();
    let new: Vec<NewTopic<'_>> = names
        .iter()
        .map(|n| {
            let t = NewTopic::new(n, 3, TopicReplication::Fixed(1));
            // The worker refuses a dead-letter topic that cannot carry every
            // input message unchanged plus its headers.
            if n.ends_with(".dlq") {
                t.set("max.message.bytes", &dlq_limit)
            } else if n.ends_with(".raw") && input_max_bytes.is_some() {
                t.set("max.message.bytes", &input_limit)
            } else {
                t
            }
        })
        .collect();
    let results = admin
        .create_topics(&new, &AdminOptions::new())
        .await
        .expect("create topics");
    for r in results {
        r.expect("topic created");
    }
}

/// Produce `(key, value)` messages and wait for every acknowledgement.
pub(crate) async fn produce(topic: &str, messages: &[(Option<String>, Vec<u8>)]) {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers())
        .set("enable.idempotence", "true")
        .set("message.max.bytes", "3000000")
        .create()
        .expect("producer");
    let mut futures = Vec::new();
    for (key, value) in messages {
        let mut r = FutureRecord::to(topic).payload(value.as_slice());
        if let Some(k) = key {
            r = r.key(k.as_str());
        }
        futures.push(
            producer
                .send_result(r)
                .map_err(|(e, _)| e)
                .expect("enqueue"),
        );
    }
    for f in futures {
        f.await.expect("delivery").map_err(|(e, _)| e).expect("ack");
    }
}

/// Read `topic` from the beginning until `min` messages arrived or `timeout`.
pub(crate) fn consume(topic: &str, min: usize, timeout: Duration) -> Vec<OwnedMessage> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers())
        .set("group.id", unique("reader"))
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        // Exactly-once output is meant to be read this way.
        .set("isolation.level", "read_committed")
        .set("fetch.max.bytes", "10000000")
        .create()
        .expect("consumer");
    consumer.subscribe(&[topic]).expect("subscribe");
    let deadline = Instant::now() + timeout;
    let mut out = Vec::new();
    while out.len() < min && Instant::now() < deadline {
        if let Some(m) = consumer.poll(Duration::from_millis(200)) {
            out.push(m.expect("message").detach());
        }
    }
    // Drain briefly to catch anything beyond `min` (duplicates, strays).
    let settle = Instant::now() + Duration::from_millis(500);
    while Instant::now() < settle {
        if let Some(Ok(m)) = consumer.poll(Duration::from_millis(100)) {
            out.push(m.detach());
        }
    }
    out
}

/// A message's headers as a map.
pub(crate) fn headers(m: &OwnedMessage) -> HashMap<String, String> {
    let mut map = HashMap::new();
    if let Some(h) = m.headers() {
        for header in h.iter() {
            map.insert(
                header.key.to_string(),
                String::from_utf8_lossy(header.value.unwrap_or_default()).into_owned(),
            );
        }
    }
    map
}

/// A message's value as JSON.
pub(crate) fn json(m: &OwnedMessage) -> serde_json::Value {
    serde_json::from_slice(m.payload().expect("payload")).expect("JSON record")
}

/// The published record schema, `deploy/schema/enriched-record.v1.schema.json`
/// (draft 2020-12), compiled once.
pub(crate) fn record_schema() -> &'static jsonschema::Validator {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/deploy/schema/enriched-record.v1.schema.json"
        );
        let text = std::fs::read_to_string(path).expect("record schema file");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::draft202012::new(&schema).expect("valid draft 2020-12 schema")
    })
}

/// Where `record` breaks the record schema: one line per error with the
/// record's JSON pointer and the schema keyword's path. The record's own
/// values are left out, so a failure never prints a story's text.
pub(crate) fn schema_errors(record: &serde_json::Value) -> Vec<String> {
    record_schema()
        .iter_errors(record)
        .map(|e| {
            format!(
                "at '{}': fails schema '{}'",
                e.instance_path(),
                e.schema_path()
            )
        })
        .collect()
}

/// Fail unless `record` validates against the record schema.
pub(crate) fn assert_schema(record: &serde_json::Value) {
    let errors = schema_errors(record);
    assert!(
        errors.is_empty(),
        "record does not match deploy/schema/enriched-record.v1.schema.json:\n  {}",
        errors.join("\n  ")
    );
}

/// A free loopback port for the worker's HTTP listener.
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The real `wirewatch run` binary, configured for one test.
pub(crate) struct WorkerProc {
    child: Option<Child>,
    pub http_port: u16,
    pub log_path: PathBuf,
    config_path: PathBuf,
    _dir: tempfile::TempDir,
}

impl WorkerProc {
    /// Start a worker on `prefix` topics in consumer group `group`.
    /// `extra` adds `(section, "key = value")` lines to the generated config.
    pub(crate) fn start(prefix: &str, group: &str, extra: &[(&str, &str)]) -> WorkerProc {
        let dir = tempfile::tempdir().unwrap();
        let config_path = dir.path().join("wirewatch.toml");
        let http_port = free_port();
        let rules_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/config");
        let mut sections: Vec<(&str, Vec<String>)> = vec![
            (
                "",
                vec![
                    format!("kafka_brokers = \"{}\"", brokers()),
                    format!("group_id = \"{group}\""),
                ],
            ),
            ("topics", vec![format!("prefix = \"{prefix}\"")]),
            (
                "worker",
                vec![
                    "commit_interval_ms = 200".into(),
                    "shutdown_grace_secs = 15".into(),
                    "statistics_interval_ms = 1000".into(),
                ],
            ),
            ("http", vec![format!("addr = \"127.0.0.1:{http_port}\"")]),
            ("exactly_once", vec![]),
            ("kafka", vec![]),
        ];
        if !extra
            .iter()
            .any(|(s, l)| s.is_empty() && l.starts_with("rules_dir"))
        {
            sections[0].1.push(format!("rules_dir = \"{rules_dir}\""));
        }
        for (section, line) in extra {
            let s = sections
                .iter_mut()
                .find(|(name, _)| name == section)
                .expect("known section");
            s.1.push(line.to_string());
        }
        let mut text = String::new();
        for (name, lines) in &sections {
            if !name.is_empty() {
                text.push_str(&format!("[{name}]\n"));
            }
            for l in lines {
                text.push_str(l);
                text.push('\n');
            }
        }
        std::fs::write(&config_path, text).unwrap();
        let log_path = dir.path().join("worker.log");
        let mut w = WorkerProc {
            child: None,
            http_port,
            log_path,
            config_path,
            _dir: dir,
        };
        w.spawn();
        w
    }

    fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log_path)
            .unwrap();
        let child = wirewatch_command()
            .arg("run")
            .arg("--config")
            .arg(&self.config_path)
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn wirewatch");
        self.child = Some(child);
    }

    /// Start the same worker again (same config and port) after a stop.
    pub(crate) fn restart(&mut self) {
        assert!(self.child.is_none(), "stop the worker first");
        self.spawn();
    }

    /// The worker's log so far (for failure messages).
    pub(crate) fn log(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.log_path) {
            let _ = f.read_to_string(&mut s);
        }
        s
    }

    fn get(&self, path: &str) -> Option<(u16, String)> {
        let url = format!("http://127.0.0.1:{}{path}", self.http_port);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(5)))
            .build()
            .into();
        let mut resp = agent.get(&url).call().ok()?;
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_string().ok()?;
        Some((status, body))
    }

    /// Wait until `/readyz` answers 200.
    pub(crate) fn wait_ready(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some((200, _)) = self.get("/readyz") {
                return;
            }
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("worker exited early ({status}); log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("worker not ready within {timeout:?}; log:\n{}", self.log());
    }

    /// Scrape `/metrics` over HTTP.
    pub(crate) fn metrics(&self) -> String {
        let (status, body) = self.get("/metrics").expect("scrape /metrics");
        assert_eq!(status, 200);
        body
    }

    /// Wait until the metric sample `line_prefix` (name and labels) reaches `min`.
    pub(crate) fn wait_metric(&self, line_prefix: &str, min: f64, timeout: Duration) -> f64 {
        let deadline = Instant::now() + timeout;
        loop {
            // Not listening yet (just restarted) counts as 0.
            let text = match self.get("/metrics") {
                Some((200, body)) => body,
                _ => String::new(),
            };
            let v = metric_value(&text, line_prefix).unwrap_or(0.0);
            if v >= min || Instant::now() > deadline {
                return v;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Send SIGHUP (rule reload).
    pub(crate) fn hangup(&self) {
        if let Some(c) = &self.child {
            let _ = Command::new("kill")
                .arg("-HUP")
                .arg(c.id().to_string())
                .status();
        }
    }

    /// SIGKILL: no clean shutdown at all.
    pub(crate) fn kill_hard(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM and wait for exit, up to `timeout`.
    pub(crate) fn terminate(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let mut c = self.child.take()?;
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(c.id().to_string())
            .status();
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = c.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = c.kill();
        let _ = c.wait();
        None
    }

    /// Whether the worker process is running.
    pub(crate) fn running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| c.try_wait().ok().flatten().is_none())
    }

    /// Wait for the process to exit on its own.
    pub(crate) fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                self.child = None;
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }
}

impl Drop for WorkerProc {
    fn drop(&mut self) {
        self.kill_hard();
    }
}

/// The value of the first sample whose line starts with `line_prefix`.
pub(crate) fn metric_value(text: &str, line_prefix: &str) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| l.starts_with(line_prefix))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

/// A short JSON-envelope story with a given id.
pub(crate) fn envelope(id: &str, body: &str) -> Vec<u8> {
    serde_json::json!({"id": id, "body": body})
        .to_string()
        .into_bytes()
}

/// The seed story, from the project's own fixtures.
pub(crate) fn seed_story() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpus/seed-ap-kyiv-turkey-talks.txt"
    ))
    .expect("seed fixture")
}

/// `n` keyed envelope stories `<prefix>-00000`..., cycling through `bodies`.
pub(crate) fn numbered_stories(
    prefix: &str,
    n: usize,
    bodies: &[&str],
) -> Vec<(Option<String>, Vec<u8>)> {
    (0..n)
        .map(|i| {
            let id = format!("{prefix}-{i:05}");
            let body = bodies[i % bodies.len()];
            (Some(id.clone()), envelope(&id, body))
        })
        .collect()
}

/// Story ids of the records on `topic` (at least `min` records awaited);
/// prints how many duplicates there were, under `label`.
pub(crate) fn story_ids_on(
    topic: &str,
    min: usize,
    label: &str,
) -> std::collections::HashSet<String> {
    let records = consume(topic, min, Duration::from_secs(120));
    let ids: std::collections::HashSet<String> = records
        .iter()
        .map(|m| json(m)["story"]["id"].as_str().unwrap().to_string())
        .collect();
    eprintln!(
        "{label}: {} records for {} stories ({} duplicates)",
        records.len(),
        ids.len(),
        records.len() - ids.len()
    );
    ids
}

/// Copy a directory tree (the rules directory, for reload tests).
pub(crate) fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
