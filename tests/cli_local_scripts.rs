//! The local scripts as a new user meets them, without a real broker:
//! `deploy/local/kafka.sh status` and `bootstrap` report where the running
//! broker listens (from its own server.properties, whatever
//! WIREWATCH_KAFKA_PORT now says), and the quickstart points its worker and
//! its replay at that address.

use std::path::Path;
use std::process::{Child, Command, Output};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A stand-in for a running broker of the state dir `home`: a process whose
/// command line is the one kafka.sh recognises, with its pid file.
struct FakeBroker {
    child: Child,
}

impl FakeBroker {
    fn start(home: &Path, listeners: &str) -> FakeBroker {
        let props = home.join("server.properties");
        std::fs::write(
            &props,
            format!("process.roles=broker,controller\nlisteners={listeners}\n"),
        )
        .unwrap();
        // `; true` keeps bash from exec'ing sleep, so the arguments stay.
        let child = Command::new("bash")
            .arg("-c")
            .arg("sleep 120; true")
            .arg("kafka.Kafka")
            .arg(&props)
            .spawn()
            .unwrap();
        std::fs::write(home.join("kafka.pid"), child.id().to_string()).unwrap();
        FakeBroker { child }
    }
}

impl Drop for FakeBroker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn kafka_sh(home: &Path, port_env: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(format!("{REPO}/deploy/local/kafka.sh"));
    c.args(args)
        .env("WIREWATCH_KAFKA_HOME", home)
        .env_remove("WIREWATCH_KAFKA_SASL_PORT");
    match port_env {
        Some(p) => c.env("WIREWATCH_KAFKA_PORT", p),
        None => c.env_remove("WIREWATCH_KAFKA_PORT"),
    };
    c.output().unwrap()
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn kafka_sh_status_and_bootstrap_report_the_running_brokers_own_ports() {
    let home = tempfile::tempdir().unwrap();
    let not_running = kafka_sh(home.path(), None, &["status"]);
    assert_eq!(not_running.status.code(), Some(3), "{}", out(&not_running));
    assert_eq!(
        kafka_sh(home.path(), None, &["bootstrap"]).status.code(),
        Some(3)
    );

    let _broker = FakeBroker::start(
        home.path(),
        "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093,SASL_SSL://127.0.0.1:19094",
    );
    // Started with WIREWATCH_KAFKA_PORT=19092; asked later without it, or with another.
    for env in [None, Some("9092")] {
        let status = kafka_sh(home.path(), env, &["status"]);
        let text = out(&status);
        assert_eq!(status.status.code(), Some(0), "{text}");
        assert!(
            text.contains("bootstrap 127.0.0.1:19092"),
            "{env:?}: {text}"
        );
        assert!(text.contains("SASL_SSL 127.0.0.1:19094"), "{env:?}: {text}");
        assert!(!text.contains("127.0.0.1:9092"), "{env:?}: {text}");

        let b = kafka_sh(home.path(), env, &["bootstrap"]);
        assert_eq!(String::from_utf8_lossy(&b.stdout), "127.0.0.1:19092\n");
        let s = kafka_sh(home.path(), env, &["bootstrap", "--sasl-ssl"]);
        assert_eq!(String::from_utf8_lossy(&s.stdout), "127.0.0.1:19094\n");
    }
}

#[test]
fn kafka_sh_bootstrap_without_a_sasl_ssl_listener_says_so() {
    let home = tempfile::tempdir().unwrap();
    let _broker = FakeBroker::start(
        home.path(),
        "PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093",
    );
    assert_eq!(
        String::from_utf8_lossy(&kafka_sh(home.path(), None, &["bootstrap"]).stdout),
        "127.0.0.1:29092\n"
    );
    let s = kafka_sh(home.path(), None, &["bootstrap", "--sasl-ssl"]);
    assert_ne!(s.status.code(), Some(0));
    assert!(out(&s).contains("no SASL_SSL listener"), "{}", out(&s));
}

/// The quickstart asks kafka.sh where the broker listens and hands that to
/// both the worker (WIREWATCH_BROKERS) and the replay (--brokers), so
/// WIREWATCH_KAFKA_PORT moves all of them; no port is written into it.
#[test]
fn the_quickstart_follows_the_brokers_port_and_shows_the_build() {
    let script = std::fs::read_to_string(format!("{REPO}/deploy/quickstart.sh")).unwrap();
    let code: Vec<&str> = script
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let pos = |needle: &str| {
        code.iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("quickstart.sh has no `{needle}`"))
    };
    assert!(
        !code.iter().any(|l| l.contains("9092")),
        "a fixed broker port in quickstart.sh"
    );
    let start = pos("deploy/local/kafka.sh start");
    let bootstrap = pos("BROKERS=\"$(deploy/local/kafka.sh bootstrap)\"");
    let export = pos("export WIREWATCH_BROKERS=\"$BROKERS\"");
    let worker = pos("\"$BIN\" run");
    let replay = pos("\"$BIN\" replay");
    assert!(start < bootstrap && bootstrap < export && export < worker);
    assert!(code[replay].contains("--brokers \"$BROKERS\""));
    let build = pos("cargo build --release");
    assert!(
        !code[build].contains("--quiet") && !code[build].contains(" -q"),
        "the release build must show its progress"
    );
    assert!(code[build - 1].contains("minutes the first time"));
}
