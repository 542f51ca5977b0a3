//! Worker configuration: built-in defaults < file < environment, one schema,
//! unknown keys rejected, validated once into a typed `Config`.
//!
//! The defaults are `config/wirewatch.toml` itself, embedded at build time, so
//! the documented file and the binary's behaviour cannot drift apart.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The documented defaults, embedded.
pub const DEFAULTS_TOML: &str = include_str!("../../config/wirewatch.toml");

/// librdkafka keys that wirewatch sets itself because its delivery guarantee
/// depends on them; a `[kafka]` entry for one of these is a config error.
pub const MANAGED_KAFKA_KEYS: &[&str] = &[
    "bootstrap.servers",
    "group.id",
    "enable.auto.offset.store",
    "enable.auto.commit",
    "enable.idempotence",
    "acks",
    "request.required.acks",
    "transactional.id",
    "isolation.level",
    "group.instance.id",
    "message.max.bytes",
];

/// A configuration problem, phrased so the operator knows what to fix.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}; pass an existing file with --config")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid: {message}")]
    Parse { path: String, message: String },
    #[error("config key `{key}` is invalid: {message}")]
    Invalid { key: String, message: String },
    #[error("environment variable {var} is invalid: {message}")]
    Env { var: String, message: String },
}

/// The file schema. Every field is documented in `config/wirewatch.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub kafka_brokers: String,
    pub group_id: String,
    pub rules_dir: PathBuf,
    pub delivery: String,
    pub group_instance_id: String,
    pub topics: RawTopics,
    pub worker: RawWorker,
    pub http: RawHttp,
    pub log: RawLog,
    pub exactly_once: RawExactlyOnce,
    #[serde(default)]
    pub kafka: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawExactlyOnce {
    pub transactional_id: String,
    pub max_stories_per_transaction: usize,
    pub transaction_timeout_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopics {
    pub prefix: String,
    pub input: String,
    pub enriched: String,
    pub dead_letter: String,
    pub category_prefix: String,
    pub create: bool,
    pub partitions: i32,
    pub replication_factor: i32,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorker {
    pub max_payload_bytes: usize,
    pub max_in_flight: usize,
    pub max_in_flight_per_partition: usize,
    pub classify_threads: usize,
    pub shutdown_grace_secs: u64,
    pub auto_offset_reset: String,
    pub commit_interval_ms: u64,
    pub statistics_interval_ms: u64,
    pub retry_backoff_initial_ms: u64,
    pub retry_backoff_max_ms: u64,
    pub linger_ms: u64,
    pub compression: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawHttp {
    pub addr: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLog {
    pub format: String,
}

/// Resolved topic names, prefix applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topics {
    pub input: String,
    pub enriched: String,
    pub dead_letter: String,
    /// `[diplomacy, sanctions, procurement, strike]` topic names, in `Category::ALL` order.
    pub categories: [String; 4],
    pub create: bool,
    pub partitions: i32,
    pub replication_factor: i32,
}

impl Topics {
    /// Topic for a category.
    pub fn category(&self, c: crate::model::Category) -> &str {
        &self.categories[c.index()]
    }

    /// Every topic the worker reads or writes.
    pub fn all(&self) -> Vec<&str> {
        let mut v = vec![
            self.input.as_str(),
            self.enriched.as_str(),
            self.dead_letter.as_str(),
        ];
        v.extend(self.categories.iter().map(String::as_str));
        v
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// How outputs and input offsets are committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "mode")]
pub enum Delivery {
    /// Offsets committed after every output is acknowledged; a crash can
    /// repeat records, never lose them.
    AtLeastOnce,
    /// Outputs and offsets committed in Kafka transactions; readers with
    /// `isolation.level=read_committed` see each record once.
    ExactlyOnce {
        transactional_id: String,
        max_stories_per_transaction: usize,
        transaction_timeout_ms: u64,
    },
}

/// Validated configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    pub brokers: String,
    pub group_id: String,
    /// Static group membership (`group.instance.id`), or `None` for dynamic.
    pub group_instance_id: Option<String>,
    pub delivery: Delivery,
    pub rules_dir: PathBuf,
    pub topics: Topics,
    pub max_payload_bytes: usize,
    pub max_in_flight: usize,
    pub max_in_flight_per_partition: usize,
    /// Classification threads; 0 means one per CPU.
    pub classify_threads: usize,
    pub shutdown_grace: Duration,
    pub auto_offset_reset: String,
    pub commit_interval_ms: u64,
    pub statistics_interval_ms: u64,
    pub retry_backoff_initial: Duration,
    pub retry_backoff_max: Duration,
    pub linger_ms: u64,
    pub compression: String,
    /// `host:port` of the HTTP listener; a host name is resolved when the
    /// listener is bound.
    pub http_addr: String,
    pub log_format: LogFormat,
    /// librdkafka pass-through properties (never logged unmasked).
    pub kafka: BTreeMap<String, String>,
    /// The merged file-schema values this config was validated from, for
    /// printing it back as TOML (`effective_toml`).
    #[serde(skip)]
    raw: RawConfig,
}

impl Config {
    /// Load defaults, then `file` (if any), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        let file_text = match file {
            Some(path) => Some((
                path.display().to_string(),
                std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                })?,
            )),
            None => None,
        };
        Config::from_layers(
            file_text.as_ref().map(|(p, t)| (p.as_str(), t.as_str())),
            &env,
        )
    }

    /// The pure core of `load`: defaults, an optional `(name, text)` file and
    /// environment pairs.
    pub fn from_layers(
        file: Option<(&str, &str)>,
        env: &[(String, String)],
    ) -> Result<Config, ConfigError> {
        let mut table = parse_table("<built-in defaults>", DEFAULTS_TOML)?;
        if let Some((name, text)) = file {
            let overlay = parse_table(name, text)?;
            merge(&mut table, overlay);
        }
        apply_env(&mut table, env)?;
        let raw: RawConfig =
            toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Parse {
                    path: file.map(|f| f.0).unwrap_or("<merged config>").to_string(),
                    message: format!("{e}; see config/wirewatch.toml for every key"),
                })?;
        raw.validate()
    }

    /// The effective config as TOML in the file's own schema (the keys of
    /// `config/wirewatch.toml`), every layer applied, secret values replaced
    /// by [`MASK`]. With the secrets put back it loads as this same config.
    pub fn effective_toml(&self) -> String {
        let mut raw = self.raw.clone();
        for (key, val) in raw.kafka.iter_mut() {
            if is_secret_key(key) {
                *val = toml::Value::String(MASK.into());
            }
        }
        let body = toml::to_string(&raw).unwrap_or_default();
        let mut out = String::from(
            "# Effective wirewatch configuration (defaults < --config file < environment).\n\
             # Secret values are shown as \"********\"; pass them via WIREWATCH_KAFKA__<KEY>.\n",
        );
        if let Delivery::ExactlyOnce {
            transactional_id, ..
        } = &self.delivery
            && raw.exactly_once.transactional_id.trim().is_empty()
        {
            out.push_str(&format!(
                "# exactly_once.transactional_id in effect: {transactional_id}\n"
            ));
        }
        out.push('\n');
        out.push_str(&body);
        out
    }
}

/// What a secret value is printed as.
pub const MASK: &str = "********";

/// This machine's name (a container's or pod's), for default instance ids.
fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "wirewatch".to_string())
}

/// Whether a librdkafka property holds a secret that must never be printed.
pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["password", "secret", "token", "key"]
        .iter()
        .any(|s| k.contains(s))
        && !k.ends_with(".location")
}

fn parse_table(name: &str, text: &str) -> Result<toml::Table, ConfigError> {
    text.parse::<toml::Table>().map_err(|e| ConfigError::Parse {
        path: name.to_string(),
        message: e.to_string(),
    })
}

/// Deep-merge `overlay` into `base`; tables merge, everything else replaces.
fn merge(base: &mut toml::Table, overlay: toml::Table) {
    for (k, v) in overlay {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

fn set_path(table: &mut toml::Table, path: &[&str], value: toml::Value) {
    let (last, parents) = path.split_last().expect("non-empty path");
    let mut t = table;
    for p in parents {
        t = t
            .entry(p.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .expect("config sections are tables");
    }
    t.insert(last.to_string(), value);
}

fn apply_env(table: &mut toml::Table, env: &[(String, String)]) -> Result<(), ConfigError> {
    const SIMPLE: &[(&str, &[&str])] = &[
        ("WIREWATCH_BROKERS", &["kafka_brokers"]),
        ("WIREWATCH_GROUP_ID", &["group_id"]),
        ("WIREWATCH_GROUP_INSTANCE_ID", &["group_instance_id"]),
        ("WIREWATCH_DELIVERY", &["delivery"]),
        (
            "WIREWATCH_TRANSACTIONAL_ID",
            &["exactly_once", "transactional_id"],
        ),
        ("WIREWATCH_INPUT_TOPIC", &["topics", "input"]),
        ("WIREWATCH_TOPIC_PREFIX", &["topics", "prefix"]),
        ("WIREWATCH_HTTP_ADDR", &["http", "addr"]),
        ("WIREWATCH_RULES_DIR", &["rules_dir"]),
        ("WIREWATCH_LOG_FORMAT", &["log", "format"]),
    ];
    for (var, value) in env {
        if let Some((_, path)) = SIMPLE.iter().find(|(name, _)| name == var) {
            set_path(table, path, toml::Value::String(value.clone()));
        } else if let Some(rest) = var.strip_prefix("WIREWATCH_KAFKA__") {
            if rest.is_empty() {
                return Err(ConfigError::Env {
                    var: var.clone(),
                    message: "name the librdkafka property after WIREWATCH_KAFKA__, e.g. WIREWATCH_KAFKA__SASL_PASSWORD".into(),
                });
            }
            let key = rest.to_ascii_lowercase().replace('_', ".");
            set_path(table, &["kafka", &key], toml::Value::String(value.clone()));
        }
    }
    Ok(())
}

/// `host:port` with a non-empty host (a name, an IPv4 address or a bracketed
/// IPv6 address) and a port in 1-65535; the reason when not.
pub fn check_host_port(s: &str) -> Result<(), String> {
    let Some((host, port)) = s.rsplit_once(':') else {
        return Err("has no :port".into());
    };
    match port.parse::<u16>() {
        Ok(p) if p > 0 => {}
        _ => return Err(format!("has port `{port}`, not a number in 1-65535")),
    }
    if let Some(inner) = host.strip_prefix('[') {
        return match inner
            .strip_suffix(']')
            .map(str::parse::<std::net::Ipv6Addr>)
        {
            Some(Ok(_)) => Ok(()),
            _ => Err(format!("has host `{host}`, not a bracketed IPv6 address")),
        };
    }
    let name_ok = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if name_ok {
        Ok(())
    } else {
        Err(format!("has host `{host}`, not a host name or IP address"))
    }
}

fn invalid(key: &str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.to_string(),
        message: message.into(),
    }
}

impl RawConfig {
    /// Check every value once and resolve names; the worker never re-checks.
    pub fn validate(self) -> Result<Config, ConfigError> {
        let raw = self.clone();
        if self.kafka_brokers.trim().is_empty() {
            return Err(invalid(
                "kafka_brokers",
                "is empty; set it or WIREWATCH_BROKERS to host:port[,host:port]",
            ));
        }
        for broker in self.kafka_brokers.split(',') {
            check_host_port(broker.trim()).map_err(|why| {
                invalid(
                    "kafka_brokers",
                    format!(
                        "`{}` is not host:port[,host:port]: `{}` {why}; e.g. 127.0.0.1:9092 or kafka-0.kafka:9092,kafka-1.kafka:9092",
                        self.kafka_brokers,
                        broker.trim()
                    ),
                )
            })?;
        }
        if self.group_id.trim().is_empty() {
            return Err(invalid("group_id", "is empty; set a consumer group name"));
        }
        let group_instance_id =
            Some(self.group_instance_id.trim().to_string()).filter(|s| !s.is_empty());
        let delivery = match self.delivery.as_str() {
            "at_least_once" => Delivery::AtLeastOnce,
            "exactly_once" => {
                let e = &self.exactly_once;
                if e.max_stories_per_transaction == 0 {
                    return Err(invalid(
                        "exactly_once.max_stories_per_transaction",
                        "must be greater than 0",
                    ));
                }
                if e.transaction_timeout_ms < 10_000
                    || e.transaction_timeout_ms < 2 * self.worker.commit_interval_ms
                {
                    return Err(invalid(
                        "exactly_once.transaction_timeout_ms",
                        "must be at least 10000 and at least twice worker.commit_interval_ms",
                    ));
                }
                let transactional_id = match e.transactional_id.trim() {
                    "" => format!(
                        "{}-{}",
                        self.group_id,
                        group_instance_id.clone().unwrap_or_else(host_name)
                    ),
                    id => id.to_string(),
                };
                Delivery::ExactlyOnce {
                    transactional_id,
                    max_stories_per_transaction: e.max_stories_per_transaction,
                    transaction_timeout_ms: e.transaction_timeout_ms,
                }
            }
            other => {
                return Err(invalid(
                    "delivery",
                    format!("`{other}` is not \"at_least_once\" or \"exactly_once\""),
                ));
            }
        };
        let t = &self.topics;
        let name = |key: &str, n: &str| -> Result<String, ConfigError> {
            let full = format!("{}{}", t.prefix, n);
            let ok = !full.is_empty()
                && full.len() <= 249
                && full
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
            if ok {
                Ok(full)
            } else {
                Err(invalid(
                    key,
                    format!(
                        "topic name `{full}` is not a valid Kafka topic name (use 1-249 of a-z A-Z 0-9 . _ -)"
                    ),
                ))
            }
        };
        let categories =
            crate::model::Category::ALL.map(|c| format!("{}{}", t.category_prefix, c.as_str()));
        let mut cats: Vec<String> = Vec::with_capacity(4);
        for c in &categories {
            cats.push(name("topics.category_prefix", c)?);
        }
        let topics = Topics {
            input: name("topics.input", &t.input)?,
            enriched: name("topics.enriched", &t.enriched)?,
            dead_letter: name("topics.dead_letter", &t.dead_letter)?,
            categories: cats.try_into().expect("four categories"),
            create: t.create,
            partitions: t.partitions,
            replication_factor: t.replication_factor,
        };
        if topics.input == topics.enriched
            || topics.input == topics.dead_letter
            || topics.categories.contains(&topics.input)
        {
            return Err(invalid(
                "topics.input",
                "the input topic must differ from every output topic, or the worker would consume its own output",
            ));
        }
        if t.partitions < 1 || t.replication_factor < 1 {
            return Err(invalid(
                "topics.partitions",
                "partitions and replication_factor must be at least 1",
            ));
        }
        let w = &self.worker;
        if w.max_payload_bytes == 0 {
            return Err(invalid(
                "worker.max_payload_bytes",
                "must be greater than 0",
            ));
        }
        if w.max_in_flight == 0 || w.max_in_flight_per_partition == 0 {
            return Err(invalid(
                "worker.max_in_flight",
                "max_in_flight and max_in_flight_per_partition must be greater than 0",
            ));
        }
        if !matches!(w.auto_offset_reset.as_str(), "earliest" | "latest") {
            return Err(invalid(
                "worker.auto_offset_reset",
                "must be \"earliest\" or \"latest\"",
            ));
        }
        if !matches!(
            w.compression.as_str(),
            "none" | "gzip" | "snappy" | "lz4" | "zstd"
        ) {
            return Err(invalid(
                "worker.compression",
                "must be one of none, gzip, snappy, lz4, zstd",
            ));
        }
        if w.retry_backoff_initial_ms == 0 || w.retry_backoff_max_ms < w.retry_backoff_initial_ms {
            return Err(invalid(
                "worker.retry_backoff_max_ms",
                "retry_backoff_initial_ms must be > 0 and <= retry_backoff_max_ms",
            ));
        }
        check_host_port(self.http.addr.trim()).map_err(|why| {
            invalid(
                "http.addr",
                format!(
                    "`{}` is not host:port: `{}` {why}; e.g. 127.0.0.1:9898, localhost:9898 or 0.0.0.0:9898",
                    self.http.addr,
                    self.http.addr.trim()
                ),
            )
        })?;
        let http_addr = self.http.addr.trim().to_string();
        let log_format = match self.log.format.as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(invalid(
                    "log.format",
                    format!("`{other}` is not \"text\" or \"json\""),
                ));
            }
        };
        let mut kafka = BTreeMap::new();
        for (k, v) in self.kafka {
            if MANAGED_KAFKA_KEYS.contains(&k.as_str()) {
                return Err(invalid(
                    &format!("kafka.{k}"),
                    "is managed by wirewatch for its delivery guarantee; remove it (use kafka_brokers / group_id for those)",
                ));
            }
            let s = match v {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                toml::Value::Float(f) => f.to_string(),
                _ => {
                    return Err(invalid(
                        &format!("kafka.{k}"),
                        "librdkafka properties must be strings, numbers or booleans",
                    ));
                }
            };
            kafka.insert(k, s);
        }
        Ok(Config {
            brokers: self.kafka_brokers,
            group_id: self.group_id,
            group_instance_id,
            delivery,
            rules_dir: self.rules_dir,
            topics,
            max_payload_bytes: w.max_payload_bytes,
            max_in_flight: w.max_in_flight,
            max_in_flight_per_partition: w.max_in_flight_per_partition,
            classify_threads: w.classify_threads,
            shutdown_grace: Duration::from_secs(w.shutdown_grace_secs),
            auto_offset_reset: w.auto_offset_reset.clone(),
            commit_interval_ms: w.commit_interval_ms,
            statistics_interval_ms: w.statistics_interval_ms,
            retry_backoff_initial: Duration::from_millis(w.retry_backoff_initial_ms),
            retry_backoff_max: Duration::from_millis(w.retry_backoff_max_ms),
            linger_ms: w.linger_ms,
            compression: w.compression.clone(),
            http_addr,
            log_format,
            kafka,
            raw,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_valid_and_documented_values() {
        let c = Config::from_layers(None, &[]).unwrap();
        assert_eq!(c.brokers, "127.0.0.1:9092");
        assert_eq!(c.topics.input, "wire.stories.raw");
        assert_eq!(c.topics.categories[3], "wire.events.strike");
        assert_eq!(c.topics.dead_letter, "wire.stories.dlq");
        assert!(!c.topics.create);
    }

    #[test]
    fn file_then_env_override_in_order() {
        let file = "group_id = \"from-file\"\n[topics]\ninput = \"file.in\"\n";
        let c = Config::from_layers(
            Some(("f.toml", file)),
            &env(&[
                ("WIREWATCH_INPUT_TOPIC", "env.in"),
                ("WIREWATCH_TOPIC_PREFIX", "stg."),
                ("WIREWATCH_BROKERS", "k1:9092,k2:9092"),
                ("WIREWATCH_HTTP_ADDR", "0.0.0.0:9100"),
            ]),
        )
        .unwrap();
        assert_eq!(c.group_id, "from-file");
        assert_eq!(c.topics.input, "stg.env.in");
        assert_eq!(c.topics.enriched, "stg.wire.stories.enriched");
        assert_eq!(c.brokers, "k1:9092,k2:9092");
        assert_eq!(c.http_addr, "0.0.0.0:9100");
    }

    #[test]
    fn unknown_keys_are_rejected_with_the_key_named() {
        let err = Config::from_layers(Some(("f.toml", "[topics]\ninptu = \"x\"\n")), &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("inptu"), "{err}");
    }

    #[test]
    fn managed_kafka_keys_cannot_be_overridden() {
        let err = Config::from_layers(
            Some(("f.toml", "[kafka]\n\"enable.auto.offset.store\" = true\n")),
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("managed by wirewatch"), "{err}");
    }

    #[test]
    fn secrets_are_masked_and_env_passthrough_maps_names() {
        let c = Config::from_layers(
            None,
            &env(&[
                ("WIREWATCH_KAFKA__SASL_PASSWORD", "hunter2"),
                ("WIREWATCH_KAFKA__SECURITY_PROTOCOL", "SASL_SSL"),
            ]),
        )
        .unwrap();
        assert_eq!(c.kafka["sasl.password"], "hunter2");
        let shown = c.effective_toml();
        assert!(!shown.contains("hunter2"));
        assert!(shown.contains("SASL_SSL"));
    }

    #[test]
    fn the_printed_config_is_the_file_schema_and_loads_back_equal() {
        let file = "group_id = \"g1\"\ndelivery = \"exactly_once\"\n\
                    [topics]\nprefix = \"stg.\"\ncreate = true\n\
                    [http]\naddr = \"localhost:9100\"\n\
                    [kafka]\n\"security.protocol\" = \"SASL_SSL\"\n\"socket.keepalive.enable\" = true\n\"fetch.wait.max.ms\" = 200\n";
        let c = Config::from_layers(
            Some(("f.toml", file)),
            &env(&[
                ("WIREWATCH_KAFKA__SASL_PASSWORD", "s3cr3t-pw"),
                ("WIREWATCH_KAFKA__SASL_USERNAME", "wirewatch"),
                ("WIREWATCH_BROKERS", "k1:9092,k2:9092"),
            ]),
        )
        .unwrap();
        let shown = c.effective_toml();
        assert!(!shown.contains("s3cr3t-pw"), "{shown}");
        // The file's own keys, not internal names.
        for key in [
            "kafka_brokers = ",
            "[topics]",
            "prefix = \"stg.\"",
            "shutdown_grace_secs = ",
            "[exactly_once]",
        ] {
            assert!(shown.contains(key), "{key} missing in:\n{shown}");
        }
        for internal in ["http_addr", "shutdown_grace ", "brokers ", "categories"] {
            assert!(
                !shown.lines().any(|l| l.starts_with(internal)),
                "{internal} in:\n{shown}"
            );
        }
        // Put the secret back: the same config, with no environment at all.
        let pasted = shown.replace(MASK, "s3cr3t-pw");
        let again = Config::from_layers(Some(("printed.toml", &pasted)), &[]).unwrap();
        assert_eq!(again, c);
        // And the printed defaults are the defaults.
        let d = Config::from_layers(None, &[]).unwrap();
        let d2 = Config::from_layers(Some(("printed.toml", &d.effective_toml())), &[]).unwrap();
        assert_eq!(d2, d);
    }

    #[test]
    fn brokers_must_be_host_port_lists() {
        for bad in [
            "not a broker::xx",
            "k1",
            "k1:0",
            "k1:65536",
            "k1:9092,",
            ":9092",
            "k1:9092;k2:9092",
            "http://k1:9092",
            "[::1:9092",
        ] {
            let err = Config::from_layers(None, &env(&[("WIREWATCH_BROKERS", bad)]))
                .err()
                .unwrap_or_else(|| panic!("{bad} accepted"))
                .to_string();
            assert!(err.contains("kafka_brokers"), "{bad}: {err}");
            assert!(err.contains("host:port"), "{bad}: {err}");
        }
        for good in [
            "127.0.0.1:9092",
            "k1:9092, k2.example.com:9093",
            "kafka-0.kafka.svc.cluster.local:9092",
            "[::1]:9092",
            "b-1.msk_cluster.kafka.eu-west-1.amazonaws.com:9096",
        ] {
            let c = Config::from_layers(None, &env(&[("WIREWATCH_BROKERS", good)]));
            assert!(c.is_ok(), "{good}: {:?}", c.err());
        }
    }

    #[test]
    fn http_addr_takes_host_names() {
        let c = Config::from_layers(Some(("f.toml", "[http]\naddr = \"localhost:9898\"\n")), &[])
            .unwrap();
        assert_eq!(c.http_addr, "localhost:9898");
        for bad in ["localhost", "localhost:http", "local host:9898", ":9898"] {
            let err = Config::from_layers(None, &env(&[("WIREWATCH_HTTP_ADDR", bad)]))
                .err()
                .unwrap_or_else(|| panic!("{bad} accepted"))
                .to_string();
            assert!(
                err.contains("http.addr") && err.contains("host:port"),
                "{err}"
            );
        }
    }

    #[test]
    fn input_topic_may_not_be_an_output_topic() {
        let err = Config::from_layers(
            Some(("f.toml", "[topics]\ninput = \"wire.events.strike\"\n")),
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("consume its own output"), "{err}");
    }

    #[test]
    fn bad_values_name_the_key() {
        for (file, key) in [
            ("[http]\naddr = \"nope\"\n", "http.addr"),
            ("[log]\nformat = \"xml\"\n", "log.format"),
            (
                "[worker]\nauto_offset_reset = \"middle\"\n",
                "auto_offset_reset",
            ),
            ("delivery = \"twice\"\n", "delivery"),
            (
                "delivery = \"exactly_once\"\n[exactly_once]\ntransaction_timeout_ms = 5\n",
                "transaction_timeout_ms",
            ),
            ("[topics]\nprefix = \"bad prefix \"\n", "topics"),
        ] {
            let err = Config::from_layers(Some(("f.toml", file)), &[])
                .unwrap_err()
                .to_string();
            assert!(err.contains(key), "{file}: {err}");
        }
    }

    #[test]
    fn exactly_once_gets_a_stable_transactional_id_per_instance() {
        let c = Config::from_layers(
            Some(("f.toml", "delivery = \"exactly_once\"\ngroup_id = \"g\"\n")),
            &env(&[("WIREWATCH_GROUP_INSTANCE_ID", "pod-0")]),
        )
        .unwrap();
        assert_eq!(c.group_instance_id.as_deref(), Some("pod-0"));
        match c.delivery {
            Delivery::ExactlyOnce {
                transactional_id, ..
            } => assert_eq!(transactional_id, "g-pod-0"),
            other => panic!("{other:?}"),
        }
        let d = Config::from_layers(None, &[]).unwrap();
        assert_eq!(d.delivery, Delivery::AtLeastOnce);
        assert_eq!(d.group_instance_id, None);
    }
}
