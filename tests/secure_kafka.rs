//! Secure Kafka, as managed services run it: SASL_SSL with SCRAM-SHA-512.
//!
//! The test starts a broker of its own with `deploy/local/kafka.sh start
//! --sasl-ssl` (its own state dir and free ports, so the plain broker the
//! other tests use is left alone): openssl makes a CA and the broker's
//! certificate, and a SCRAM user is created. The worker logs in with the
//! password from the environment only (WIREWATCH_KAFKA__SASL_PASSWORD).
//! Checked: stories flow; neither `check-config` nor the worker's log ever
//! shows the password; a wrong password ends the worker within seconds with
//! exit 77, an untrusted certificate with exit 69, each with a clear message
//! instead of a retry loop.

mod common;

use rdkafka::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const USER: &str = "wirewatch";

/// A broker with a plaintext and a SASL_SSL listener, stopped and wiped on drop.
struct SecureBroker {
    home: tempfile::TempDir,
    ports: [u16; 3],
    password: String,
    prefix: String,
}

fn free_ports<const N: usize>() -> [u16; N] {
    // Held together so the ports differ.
    let listeners: Vec<std::net::TcpListener> = (0..N)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    std::array::from_fn(|i| listeners[i].local_addr().unwrap().port())
}

fn nonce() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{:x}{:x}", std::process::id(), nanos % (1 << 40))
}

impl SecureBroker {
    fn kafka_sh(&self, args: &[&str]) -> Output {
        Command::new(format!("{REPO}/deploy/local/kafka.sh"))
            .args(args)
            .env("WIREWATCH_KAFKA_HOME", self.home.path())
            .env("WIREWATCH_KAFKA_PORT", self.ports[0].to_string())
            .env("WIREWATCH_KAFKA_CONTROLLER_PORT", self.ports[1].to_string())
            .env("WIREWATCH_KAFKA_SASL_PORT", self.ports[2].to_string())
            .env("WIREWATCH_KAFKA_SCRAM_USER", USER)
            .env("WIREWATCH_KAFKA_SCRAM_PASSWORD", &self.password)
            .env("WIREWATCH_KAFKA_HEAP", "512m")
            .env("WIREWATCH_TOPIC_PREFIX", &self.prefix)
            .output()
            .expect("run deploy/local/kafka.sh")
    }

    fn start() -> SecureBroker {
        let b = SecureBroker {
            home: tempfile::Builder::new()
                .prefix("wirewatch-kafka-secure-")
                .tempdir()
                .unwrap(),
            ports: free_ports(),
            password: format!("pw-{}", nonce()),
            prefix: format!("sec{}.", nonce()),
        };
        let out = b.kafka_sh(&["start", "--sasl-ssl"]);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "kafka.sh start --sasl-ssl:\n{text}");
        assert!(!text.contains(&b.password), "kafka.sh printed the password");
        b
    }

    fn plain(&self) -> String {
        format!("127.0.0.1:{}", self.ports[0])
    }

    fn secure(&self) -> String {
        format!("127.0.0.1:{}", self.ports[2])
    }

    fn ca(&self) -> PathBuf {
        self.home.path().join("tls/ca.pem")
    }
}

impl Drop for SecureBroker {
    fn drop(&mut self) {
        let _ = self.kafka_sh(&["stop", "--wipe"]);
    }
}

/// A worker config for the SASL_SSL listener; the password is not in it.
fn config(dir: &Path, b: &SecureBroker, ca: &Path, http_port: u16) -> PathBuf {
    let path = dir.join(format!("wirewatch-{http_port}.toml"));
    std::fs::write(
        &path,
        format!(
            "kafka_brokers = \"{}\"\ngroup_id = \"g-{}\"\nrules_dir = \"{REPO}/config\"\n\
             [topics]\nprefix = \"{}\"\n\
             [worker]\ncommit_interval_ms = 200\nshutdown_grace_secs = 10\n\
             [http]\naddr = \"127.0.0.1:{http_port}\"\n\
             [kafka]\n\"security.protocol\" = \"SASL_SSL\"\n\"sasl.mechanism\" = \"SCRAM-SHA-512\"\n\
             \"sasl.username\" = \"{USER}\"\n\"ssl.ca.location\" = \"{}\"\n",
            b.secure(),
            nonce(),
            b.prefix,
            ca.display()
        ),
    )
    .unwrap();
    path
}

fn wirewatch(args: &[&str], config: &Path, password: &str) -> Command {
    let mut c = common::wirewatch_command();
    c.args(args)
        .arg("--config")
        .arg(config)
        .current_dir(REPO)
        .env("RUST_LOG", "info")
        .env("WIREWATCH_KAFKA__SASL_PASSWORD", password);
    c
}

struct Worker {
    child: Child,
    log: PathBuf,
}

impl Worker {
    fn start(config: &Path, password: &str) -> Worker {
        let log = config.with_extension("log");
        let child = wirewatch(&["run"], config, password)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Worker { child, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn wait_exit(&mut self, limit: Duration) -> Option<i32> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    fn terminate(&mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        self.wait_exit(Duration::from_secs(20))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ready(http_port: u16) -> bool {
    ureq::get(&format!("http://127.0.0.1:{http_port}/readyz"))
        .call()
        .is_ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn sasl_ssl_scram_with_the_password_from_the_environment_only() {
    let broker = SecureBroker::start();
    let dir = tempfile::tempdir().unwrap();
    let [http_port] = free_ports();
    let good = config(dir.path(), &broker, &broker.ca(), http_port);
    assert!(
        !std::fs::read_to_string(&good)
            .unwrap()
            .contains(&broker.password)
    );

    // check-config: valid, the password masked, never printed.
    let out = wirewatch(&["check-config"], &good, &broker.password)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(!stdout.contains(&broker.password) && !stderr.contains(&broker.password));
    assert!(
        stdout.contains("\"sasl.password\" = \"********\""),
        "{stdout}"
    );

    // The worker over SASL_SSL: stories flow.
    let mut worker = Worker::start(&good, &broker.password);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready(http_port) {
        assert!(
            worker.child.try_wait().unwrap().is_none(),
            "worker exited:\n{}",
            worker.log()
        );
        assert!(
            Instant::now() < deadline,
            "not ready in 60 s:\n{}",
            worker.log()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", broker.plain())
        .create()
        .unwrap();
    let raw = format!("{}wire.stories.raw", broker.prefix);
    let ids = ["sec-1", "sec-2", "sec-3"];
    for id in ids {
        let payload = serde_json::json!({
            "id": id,
            "body": "Russian missiles struck Kharkiv on Monday, killing two people, officials said."
        })
        .to_string();
        producer
            .send(
                FutureRecord::to(&raw).key(id).payload(&payload),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .unwrap();
    }
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", broker.plain())
        .set("group.id", format!("reader-{}", nonce()))
        .set("auto.offset.reset", "earliest")
        .create()
        .unwrap();
    consumer
        .subscribe(&[&format!("{}wire.stories.enriched", broker.prefix)])
        .unwrap();
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while got.len() < ids.len() && Instant::now() < deadline {
        if let Some(Ok(m)) = consumer.poll(Duration::from_millis(200)) {
            let r: serde_json::Value = serde_json::from_slice(m.payload().unwrap()).unwrap();
            got.push(r["story"]["id"].as_str().unwrap().to_string());
        }
    }
    got.sort();
    assert_eq!(got, ids, "log:\n{}", worker.log());
    assert_eq!(worker.terminate(), Some(0), "{}", worker.log());
    let log = worker.log();
    assert!(log.contains("consuming"), "{log}");
    assert!(
        !log.contains(&broker.password),
        "the password is in the log"
    );

    // A wrong password: a clear message and exit 77 within seconds, no retry loop.
    let wrong = format!("{}-wrong", broker.password);
    let mut worker = Worker::start(&good, &wrong);
    let code = worker.wait_exit(Duration::from_secs(30));
    let log = worker.log();
    assert_eq!(code, Some(77), "{log}");
    assert!(log.contains("refused to authenticate"), "{log}");
    assert!(log.contains("SCRAM-SHA-512"), "{log}");
    assert!(!log.contains("retrying"), "{log}");
    assert!(
        !log.contains(&wrong) && !log.contains(&broker.password),
        "{log}"
    );

    // A CA that did not sign the broker's certificate: exit 69, said so.
    let other_ca = dir.path().join("other-ca.pem");
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args(["-subj", "/CN=not the broker's CA", "-keyout"])
        .arg(dir.path().join("other-ca.key"))
        .arg("-out")
        .arg(&other_ca)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let [http_port] = free_ports();
    let untrusted = config(dir.path(), &broker, &other_ca, http_port);
    let mut worker = Worker::start(&untrusted, &broker.password);
    let code = worker.wait_exit(Duration::from_secs(30));
    let log = worker.log();
    assert_eq!(code, Some(69), "{log}");
    assert!(log.contains("TLS with Kafka"), "{log}");
    assert!(log.contains("certificate verify failed"), "{log}");
    assert!(log.contains("ssl.ca.location"), "{log}");
    assert!(!log.contains("retrying"), "{log}");
    assert!(!log.contains(&broker.password), "{log}");
}
