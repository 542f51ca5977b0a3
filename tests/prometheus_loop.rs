//! A real Prometheus in the loop: Debian's `prometheus` server scrapes the
//! real worker binary (every second) with the real alert rules loaded, and
//! the test asks Prometheus' HTTP API what an operator would see: the
//! throughput of a known number of stories, and the dead-letter alert firing
//! under a stream of bad payloads. The same run lints a real scrape with
//! `promtool check metrics` and checks that no label value carries a story id.
//!
//! Needs the Kafka broker (deploy/test.sh starts it) and Debian's
//! `prometheus` package (deploy/local/install-deps.sh installs it).

mod common;

use common::*;
use rdkafka::ClientConfig;
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const PROMETHEUS: &str = "/usr/bin/prometheus";
const PROMTOOL: &str = "/usr/bin/promtool";
/// Every wait of this test is bounded by this.
const BOUND: Duration = Duration::from_secs(90);
const DEAD_LETTER_ALERT: &str = "WirewatchDeadLetterRateHigh";
/// Good stories produced; the throughput query must count exactly these.
const N: usize = 24;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn require_prometheus() {
    for bin in [PROMETHEUS, PROMTOOL] {
        assert!(
            Path::new(bin).exists(),
            "{bin} is missing: install Debian's prometheus package \
             (deploy/local/install-deps.sh or deploy/check.sh do it; or apt-get install prometheus)"
        );
    }
}

/// The alert rule `alert` of `alerts.yml`, as the text of its list item,
/// with its `for:` set to `for_` and every range `[5m]` of its expression set
/// to `window`. Nothing else of the rule changes, so the expression under
/// test is the real one; only its time scale shrinks to fit a test.
fn shortened_rule(alerts_yml: &str, alert: &str, for_: &str, window: &str) -> String {
    let lines: Vec<&str> = alerts_yml.lines().collect();
    let head = format!("- alert: {alert}");
    let start = lines
        .iter()
        .position(|l| l.trim() == head)
        .unwrap_or_else(|| panic!("{alert} not in alerts.yml"));
    let indent = lines[start].len() - lines[start].trim_start().len();
    let end = lines[start + 1..]
        .iter()
        .position(|l| {
            let trimmed = l.trim_start();
            !trimmed.is_empty() && (l.len() - trimmed.len()) <= indent
        })
        .map_or(lines.len(), |i| start + 1 + i);
    let mut fors = 0;
    let mut windows = 0;
    let mut out = String::new();
    for line in &lines[start..end] {
        let trimmed = line.trim_start();
        let line = if let Some(old) = trimmed.strip_prefix("for: ") {
            fors += 1;
            assert!(!old.is_empty());
            format!("{}for: {for_}", &line[..line.len() - trimmed.len()])
        } else if trimmed.starts_with('#') {
            line.to_string()
        } else {
            windows += line.matches("[5m]").count();
            line.replace("[5m]", &format!("[{window}]"))
        };
        out.push_str(&line);
        out.push('\n');
    }
    assert_eq!(fors, 1, "{alert}: one `for:` expected");
    assert!(windows >= 1, "{alert}: no [5m] window to shorten");
    out
}

/// Prometheus server child process; killed when dropped.
struct PrometheusProc {
    child: Child,
    port: u16,
    log_path: PathBuf,
    _dir: tempfile::TempDir,
}

impl PrometheusProc {
    /// Start Prometheus on a free loopback port with a temporary data dir,
    /// scraping `target` every second and evaluating `rule_files` every second.
    fn start(target: &str, rule_files: &[PathBuf], dir: tempfile::TempDir) -> PrometheusProc {
        let port = free_port();
        let rules: String = rule_files
            .iter()
            .map(|p| format!("  - \"{}\"\n", p.display()))
            .collect();
        let config = format!(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n\
             rule_files:\n{rules}\
             scrape_configs:\n  - job_name: wirewatch\n    static_configs:\n      - targets: [\"{target}\"]\n"
        );
        let config_path = dir.path().join("prometheus.yml");
        std::fs::write(&config_path, config).unwrap();
        let data = dir.path().join("data");
        let log_path = dir.path().join("prometheus.log");
        let log = std::fs::File::create(&log_path).unwrap();
        let child = Command::new(PROMETHEUS)
            .arg(format!("--config.file={}", config_path.display()))
            .arg(format!("--storage.tsdb.path={}", data.display()))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .arg("--log.level=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn prometheus");
        PrometheusProc {
            child,
            port,
            log_path,
            _dir: dir,
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    fn get(&self, path: &str, query: Option<&str>) -> Option<(u16, String)> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(5)))
            .build()
            .into();
        let mut req = agent.get(format!("http://127.0.0.1:{}{path}", self.port));
        if let Some(q) = query {
            req = req.query("query", q);
        }
        let mut resp = req.call().ok()?;
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_string().ok()?;
        Some((status, body))
    }

    /// Wait for `/-/ready`.
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + BOUND;
        while Instant::now() < deadline {
            if let Some((200, _)) = self.get("/-/ready", None) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("prometheus exited ({status}); log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!(
            "prometheus not ready within {BOUND:?}; log:\n{}",
            self.log()
        );
    }

    /// `data` of a successful API answer.
    fn api(&self, path: &str, query: Option<&str>) -> Value {
        let (status, body) = self
            .get(path, query)
            .unwrap_or_else(|| panic!("GET {path}: no answer; log:\n{}", self.log()));
        let v: Value = serde_json::from_str(&body).expect("API answer is JSON");
        assert!(
            status == 200 && v["status"] == "success",
            "GET {path} {query:?}: {status} {body}"
        );
        v["data"].clone()
    }

    /// The value of an instant query that returns at most one sample.
    fn scalar(&self, promql: &str) -> Option<f64> {
        let data = self.api("/api/v1/query", Some(promql));
        assert_eq!(data["resultType"], "vector", "{promql}: {data}");
        let result = data["result"].as_array().unwrap();
        assert!(result.len() <= 1, "{promql}: several series: {data}");
        result.first().map(|s| {
            s["value"][1]
                .as_str()
                .expect("sample value")
                .parse()
                .expect("number")
        })
    }

    /// Poll `promql` until `ok` holds of its value; the last value, whatever it is.
    fn wait_for(&self, promql: &str, ok: impl Fn(Option<f64>) -> bool) -> Option<f64> {
        let deadline = Instant::now() + BOUND;
        loop {
            let v = self.scalar(promql);
            if ok(v) || Instant::now() > deadline {
                return v;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    /// Active alerts named `name`, with their state.
    fn alert_states(&self, name: &str) -> Vec<String> {
        self.api("/api/v1/alerts", None)["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["labels"]["alertname"] == name)
            .map(|a| a["state"].as_str().unwrap_or("").to_string())
            .collect()
    }
}

impl Drop for PrometheusProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Pipe a scrape into `promtool check metrics`: (exit code, stdout + stderr).
fn promtool_check_metrics(scrape: &str) -> (Option<i32>, String) {
    let mut child = Command::new(PROMTOOL)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn promtool");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(scrape.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// Every label value of every sample in a text exposition.
fn label_values(scrape: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in scrape.lines().filter(|l| !l.starts_with('#')) {
        let (Some(open), Some(close)) = (line.find('{'), line.rfind('}')) else {
            continue;
        };
        let name = &line[..open];
        let mut rest = &line[open + 1..close];
        while let Some(eq) = rest.find("=\"") {
            let mut value = String::new();
            let mut chars = rest[eq + 2..].char_indices();
            let mut end = rest.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, e)) = chars.next() {
                            value.push(e);
                        }
                    }
                    '"' => {
                        end = eq + 2 + i + 1;
                        break;
                    }
                    c => value.push(c),
                }
            }
            out.push((name.to_string(), value));
            rest = rest[end..].trim_start_matches(',');
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn prometheus_sees_the_throughput_and_fires_the_dead_letter_alert() {
    let t0 = Instant::now();
    require_prometheus();
    require_broker();
    let prefix = format!("{}.", unique("promloop"));
    create_topics(&prefix).await;
    let mut worker = WorkerProc::start(&prefix, &unique("g"), &[]);
    worker.wait_ready(BOUND);

    // The real alert rules, plus the dead-letter alert with its `for:` and
    // rate windows shortened (10m / 5m cannot elapse in a test).
    let dir = tempfile::tempdir().unwrap();
    let real_rules = repo().join("deploy/prometheus/alerts.yml");
    let alerts_yml = std::fs::read_to_string(&real_rules).unwrap();
    let short = dir.path().join("dead-letter-short.yml");
    std::fs::write(
        &short,
        format!(
            "groups:\n  - name: wirewatch.test-shortened\n    rules:\n{}",
            shortened_rule(&alerts_yml, DEAD_LETTER_ALERT, "5s", "20s")
        ),
    )
    .unwrap();
    let mut prom = PrometheusProc::start(
        &format!("127.0.0.1:{}", worker.http_port),
        &[real_rules, short],
        dir,
    );
    prom.wait_ready();

    // Both rule files are loaded: every alert of alerts.yml, and the copy.
    let groups = prom.api("/api/v1/rules", None)["groups"].clone();
    let rule_names: Vec<&str> = groups
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["rules"].as_array().unwrap())
        .filter_map(|r| r["name"].as_str())
        .collect();
    let real_alerts = alerts_yml
        .lines()
        .filter(|l| l.trim_start().starts_with("- alert:"))
        .count();
    assert_eq!(
        rule_names.len(),
        real_alerts + 1,
        "rules loaded: {rule_names:?}; log:\n{}",
        prom.log()
    );

    let up = prom.wait_for("up{job=\"wirewatch\"}", |v| v == Some(1.0));
    assert_eq!(up, Some(1.0), "target not up; log:\n{}", prom.log());
    eprintln!("[{:?}] prometheus scrapes the worker", t0.elapsed());

    // N good stories: the throughput query counts exactly N.
    let story_prefix = unique("pl-story");
    let stories = numbered_stories(
        &story_prefix,
        N,
        &[
            "Ukraine's foreign minister met his Polish counterpart in Warsaw on Monday.",
            "Local council approves new park.",
        ],
    );
    let input = format!("{prefix}wire.stories.raw");
    produce(&input, &stories).await;
    let throughput = "sum(wirewatch_records_produced_total{job=\"wirewatch\", category=\"all\"})";
    let got = prom.wait_for(throughput, |v| v == Some(N as f64));
    assert_eq!(got, Some(N as f64), "{throughput}; log:\n{}", worker.log());
    let consumed = prom.wait_for(
        "sum(wirewatch_stories_consumed_total{job=\"wirewatch\"})",
        |v| v == Some(N as f64),
    );
    assert_eq!(consumed, Some(N as f64));
    let rate = prom.scalar("sum(rate(wirewatch_stories_consumed_total{job=\"wirewatch\"}[1m]))");
    assert!(rate.is_some_and(|r| r > 0.0), "input rate {rate:?}");
    eprintln!(
        "[{:?}] throughput query = {N}, input rate {rate:?}/s",
        t0.elapsed()
    );
    assert!(
        prom.alert_states(DEAD_LETTER_ALERT).is_empty(),
        "dead-letter alert active before any bad payload"
    );

    // A stream of bad payloads (about 5 a second, bounded) until the alert fires.
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicUsize::new(0));
    let bad_prefix = unique("pl-bad");
    let stream = {
        let (stop, sent, input, bad_prefix) = (
            stop.clone(),
            sent.clone(),
            input.clone(),
            bad_prefix.clone(),
        );
        tokio::spawn(async move {
            let producer: FutureProducer = ClientConfig::new()
                .set("bootstrap.servers", brokers())
                .set("enable.idempotence", "true")
                .create()
                .expect("producer");
            let bad: [&[u8]; 3] = [b"{\"id\": \"x\", \"body\": ", b"\xff\xfe not utf-8", b""];
            let max = (BOUND.as_millis() / 200) as usize;
            for i in 0..max {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let key = format!("{bad_prefix}-{i:04}");
                let record = FutureRecord::to(&input).key(&key).payload(bad[i % 3]);
                producer
                    .send(record, Duration::from_secs(10))
                    .await
                    .map_err(|(e, _)| e)
                    .expect("bad payload acknowledged");
                sent.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        })
    };
    let deadline = Instant::now() + BOUND;
    let mut states = Vec::new();
    while Instant::now() < deadline {
        states = prom.alert_states(DEAD_LETTER_ALERT);
        if states.iter().any(|s| s == "firing") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    stop.store(true, Ordering::Relaxed);
    stream.await.expect("bad payload stream");
    assert!(
        states.iter().any(|s| s == "firing"),
        "{DEAD_LETTER_ALERT} not firing within {BOUND:?} (states {states:?}); prometheus log:\n{}",
        prom.log()
    );
    let bad = sent.load(Ordering::SeqCst);
    eprintln!(
        "[{:?}] {DEAD_LETTER_ALERT} firing after {bad} bad payloads",
        t0.elapsed()
    );

    // Every bad payload is a dead letter; the throughput is still N.
    let dead = prom.wait_for(
        "sum(wirewatch_dead_letters_total{job=\"wirewatch\"})",
        |v| v == Some(bad as f64),
    );
    assert_eq!(dead, Some(bad as f64), "log:\n{}", worker.log());
    let consumed = prom.wait_for(
        "sum(wirewatch_stories_consumed_total{job=\"wirewatch\"})",
        |v| v == Some((N + bad) as f64),
    );
    assert_eq!(consumed, Some((N + bad) as f64));
    assert_eq!(prom.scalar(throughput), Some(N as f64));
    // The dashboard's throughput panels use rate()/increase(): they see the
    // records only if the series existed (at 0) before the first one.
    let increase = prom.scalar(
        "sum(increase(wirewatch_records_produced_total{job=\"wirewatch\", category=\"all\"}[5m]))",
    );
    assert!(
        increase.is_some_and(|v| v >= N as f64 - 0.5 && v <= 1.5 * N as f64),
        "increase() over the records_produced series = {increase:?}, expected about {N}"
    );

    // Metrics hygiene on a real scrape, now that the labelled series exist.
    let scrape = worker.metrics();
    assert!(scrape.contains("wirewatch_records_produced_total{"));
    assert!(scrape.contains("wirewatch_dead_letters_total{"));
    let (code, lint) = promtool_check_metrics(&scrape);
    assert!(
        code == Some(0) && lint.trim().is_empty(),
        "promtool check metrics: exit {code:?}\n{lint}"
    );
    let values = label_values(&scrape);
    assert!(values.len() > 20, "labels parsed: {values:?}");
    for (metric, value) in &values {
        assert!(
            !value.contains(&story_prefix) && !value.contains(&bad_prefix),
            "{metric} has a story id as a label value: {value}"
        );
    }
    // Bounded label sets: the worker's series do not grow with the stories.
    let series = prom.scalar("count({job=\"wirewatch\"})").unwrap_or(0.0);
    assert!(
        series < 200.0,
        "{series} series for one worker: unbounded labels?"
    );
    eprintln!(
        "[{:?}] promtool check metrics: clean; {} label values, {series} series, no story id",
        t0.elapsed(),
        values.len()
    );

    assert_eq!(
        worker.terminate(Duration::from_secs(30)).map(|s| s.code()),
        Some(Some(0))
    );
    drop(prom);
}

#[test]
fn the_shortened_rule_changes_only_its_for_and_windows() {
    let alerts_yml = std::fs::read_to_string(repo().join("deploy/prometheus/alerts.yml")).unwrap();
    let original = shortened_rule(&alerts_yml, DEAD_LETTER_ALERT, "10m", "5m");
    let short = shortened_rule(&alerts_yml, DEAD_LETTER_ALERT, "5s", "20s");
    assert!(
        original
            .trim_start()
            .starts_with("- alert: WirewatchDeadLetterRateHigh")
    );
    assert!(
        alerts_yml.contains(&original),
        "the rule is copied verbatim"
    );
    assert!(!short.contains("[5m]") && short.contains("[20s]"));
    assert!(short.contains("for: 5s"));
    // Nothing but those fields differs.
    let strip = |s: &str| {
        s.replace("[20s]", "[W]")
            .replace("[5m]", "[W]")
            .replace("for: 5s", "for: F")
            .replace("for: 10m", "for: F")
    };
    assert_eq!(strip(&original), strip(&short));
    // It stops at the next rule.
    assert_eq!(short.matches("- alert:").count(), 1);
}

#[test]
fn label_values_are_parsed_with_escapes() {
    let text = "# HELP x y\nm{a=\"1\",b=\"q\\\"x,y\"} 1\nplain 2\n";
    assert_eq!(
        label_values(text),
        vec![
            ("m".to_string(), "1".to_string()),
            ("m".to_string(), "q\"x,y".to_string())
        ]
    );
}
