//! `wirewatch check-config` and the start of `wirewatch run` as an operator
//! meets them: no broker needed. A config mistake is exit 64 naming the key,
//! found before any connection is tried; the printed config is the file's
//! own schema and loads back; secrets never show.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

fn wirewatch() -> Command {
    let mut c = common::wirewatch_command();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn config_file(dir: &Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("wirewatch.toml");
    std::fs::write(&p, text).unwrap();
    p
}

fn check_config(file: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = wirewatch();
    c.args(["check-config", "--config"]).arg(file);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `wirewatch run` with `file`, expected to exit by itself within `limit`.
fn run_until_exit(file: &Path, limit: Duration) -> (Option<i32>, String) {
    let mut child = wirewatch()
        .args(["run", "--config"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.and_then(|s| s.code()), err)
}

#[test]
fn an_unknown_librdkafka_key_is_a_config_error_in_check_config_and_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(
        dir.path(),
        "kafka_brokers = \"127.0.0.1:1\"\n[kafka]\n\"fetch.mx.bytes\" = 1000\n",
    );
    let out = check_config(&file, &[]);
    assert_eq!(out.status.code(), Some(64), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("kafka.fetch.mx.bytes"),
        "{}",
        text(&out.stderr)
    );
    // `run` refuses it at once (no broker at 127.0.0.1:1, and no retries).
    let (code, log) = run_until_exit(&file, Duration::from_secs(10));
    assert_eq!(code, Some(64), "{log}");
    assert!(log.contains("kafka.fetch.mx.bytes"), "{log}");
    assert!(!log.contains("not reachable"), "{log}");
}

#[test]
fn brokers_that_are_not_host_port_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(dir.path(), "kafka_brokers = \"not a broker::xx\"\n");
    let out = check_config(&file, &[]);
    assert_eq!(out.status.code(), Some(64), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("kafka_brokers") && err.contains("host:port"),
        "{err}"
    );
}

#[test]
fn the_printed_config_is_toml_in_the_files_schema_without_the_secret_and_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(
        dir.path(),
        "group_id = \"ops\"\n[http]\naddr = \"localhost:9898\"\n[topics]\nprefix = \"stg.\"\n\
         [kafka]\n\"security.protocol\" = \"SASL_SSL\"\n\"sasl.mechanism\" = \"SCRAM-SHA-512\"\n\
         \"sasl.username\" = \"wirewatch\"\n",
    );
    let secret = "pw-Zq81-never-shown";
    let env = [
        ("WIREWATCH_KAFKA__SASL_PASSWORD", secret),
        ("WIREWATCH_BROKERS", "k1.example:9093,k2.example:9093"),
    ];
    let out = check_config(&file, &env);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stdout.contains(secret) && !stderr.contains(secret));
    assert!(
        stdout.contains("\"sasl.password\" = \"********\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("kafka_brokers = \"k1.example:9093,k2.example:9093\""),
        "{stdout}"
    );
    assert!(stdout.contains("addr = \"localhost:9898\""), "{stdout}");
    // Paste it back as a config file, the password again from the
    // environment only: the same effective config comes out.
    let printed = dir.path().join("printed.toml");
    let pasted: String = stdout
        .lines()
        .filter(|l| !l.contains("********"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&printed, pasted).unwrap();
    let again = check_config(&printed, &[("WIREWATCH_KAFKA__SASL_PASSWORD", secret)]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(text(&again.stdout), stdout);
}

#[test]
fn http_addr_may_be_a_host_name_and_is_resolved_when_bound() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // No broker at 127.0.0.1:1: the worker listens, then waits for Kafka.
    let file = config_file(
        dir.path(),
        &format!("kafka_brokers = \"127.0.0.1:1\"\n[http]\naddr = \"localhost:{port}\"\n"),
    );
    assert_eq!(check_config(&file, &[]).status.code(), Some(0));
    let log = dir.path().join("run.log");
    let mut child = wirewatch()
        .args(["run", "--config"])
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut answered = false;
    while Instant::now() < deadline && !answered {
        answered = ureq::get(&format!("http://127.0.0.1:{port}/healthz"))
            .call()
            .is_ok();
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let status = child.wait().unwrap();
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(answered, "no /healthz on localhost:{port}; log:\n{log}");
    assert_eq!(status.code(), Some(0), "{log}");
}

#[test]
fn an_unresolvable_http_host_is_a_clear_start_up_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(
        dir.path(),
        "kafka_brokers = \"127.0.0.1:1\"\n[http]\naddr = \"no-such-host.invalid:9898\"\n",
    );
    let (code, log) = run_until_exit(&file, Duration::from_secs(20));
    assert_eq!(code, Some(69), "{log}");
    assert!(
        log.contains("cannot listen") && log.contains("no-such-host.invalid:9898"),
        "{log}"
    );
}
