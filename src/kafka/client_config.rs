//! librdkafka settings for the consumer and producer. The keys that the
//! delivery guarantee rests on are set here and cannot be overridden.

use crate::config::{Config, ConfigError, Delivery, MASK, is_secret_key};
use rdkafka::ClientConfig;
use rdkafka::error::KafkaError;

/// Check every librdkafka property of both clients as librdkafka itself
/// does when it builds a client configuration: an unknown key (`[kafka]
/// "fetch.mx.bytes"`) or a value it refuses is a config error naming the
/// key, found before any connection is tried. Secret values are masked in
/// the message.
pub fn validate(config: &Config) -> Result<(), ConfigError> {
    // message.max.bytes follows the topics at start; any valid value serves here.
    for c in [consumer(config), producer(config, 1_000_000)] {
        if let Err(e) = c.create_native_config() {
            return Err(describe(config, e));
        }
    }
    Ok(())
}

fn describe(config: &Config, e: KafkaError) -> ConfigError {
    match e {
        KafkaError::ClientConfig(_, description, key, value) => {
            let mut description = description;
            if is_secret_key(&key) && !value.is_empty() {
                description = description.replace(&value, MASK);
            }
            let (key, hint) = if config.kafka.contains_key(&key) {
                (
                    format!("kafka.{key}"),
                    "librdkafka's properties are listed in https://github.com/confluentinc/librdkafka/blob/master/CONFIGURATION.md",
                )
            } else {
                (key, "it is derived from the settings above; check them")
            };
            ConfigError::Invalid {
                key,
                message: format!("librdkafka refuses it ({description}); {hint}"),
            }
        }
        other => ConfigError::Invalid {
            key: "kafka".into(),
            message: format!("librdkafka refuses the client settings: {other}"),
        },
    }
}

/// Pass-through properties first, then the ones wirewatch manages.
fn base(config: &Config) -> ClientConfig {
    let mut c = ClientConfig::new();
    for (k, v) in &config.kafka {
        c.set(k, v);
    }
    c.set("bootstrap.servers", &config.brokers);
    c
}

/// Consumer. At-least-once: offsets are stored by the worker only after
/// every output of a message is acknowledged (auto-store off), then
/// committed in the background. Exactly-once: offsets are committed only
/// inside transactions.
pub fn consumer(config: &Config) -> ClientConfig {
    let mut c = base(config);
    let auto_commit = config.delivery == Delivery::AtLeastOnce;
    c.set("group.id", &config.group_id)
        .set("enable.auto.commit", auto_commit.to_string())
        .set("enable.auto.offset.store", "false")
        .set(
            "auto.commit.interval.ms",
            config.commit_interval_ms.to_string(),
        )
        .set("auto.offset.reset", &config.auto_offset_reset)
        .set("enable.partition.eof", "false")
        .set("isolation.level", "read_committed")
        // Statistics feed the lag gauges; only the consumer's context reads them.
        .set(
            "statistics.interval.ms",
            config.statistics_interval_ms.to_string(),
        );
    if let Some(id) = &config.group_instance_id {
        c.set("group.instance.id", id);
    }
    set_default(
        &mut c,
        config,
        "partition.assignment.strategy",
        "cooperative-sticky",
    );
    // The prefetch queue: what librdkafka holds for the worker to take.
    // librdkafka's defaults (64 MiB, 100,000 messages) would be most of the
    // worker's memory; 4 MiB is some 4,000 stories, two seconds of work.
    set_default(&mut c, config, "queued.max.messages.kbytes", "4096");
    set_default(&mut c, config, "queued.min.messages", "1000");
    // When that queue is full librdkafka waits this long before the next
    // fetch. Its default, 1 s, idled a worker that empties the queue faster
    // (a bare relay ran at 15,000 stories/s instead of 100,000).
    set_default(&mut c, config, "fetch.queue.backoff.ms", "10");
    set_default(&mut c, config, "client.id", "wirewatch-consumer");
    c
}

/// Producer: idempotent, acks from all in-sync replicas, so a retry never
/// duplicates or reorders within a partition; transactional in exactly-once
/// mode. `message_max_bytes` comes from the output topics' limits, so a dead
/// letter as large as any input is never refused by the client itself.
pub fn producer(config: &Config, message_max_bytes: usize) -> ClientConfig {
    let mut c = base(config);
    c.set("enable.idempotence", "true")
        .set("acks", "all")
        .set("linger.ms", config.linger_ms.to_string())
        .set("compression.type", &config.compression)
        .set("message.max.bytes", message_max_bytes.to_string());
    match &config.delivery {
        Delivery::AtLeastOnce => {
            set_default(&mut c, config, "message.timeout.ms", "120000");
        }
        Delivery::ExactlyOnce {
            transactional_id,
            transaction_timeout_ms,
            ..
        } => {
            c.set("transactional.id", transactional_id)
                .set("transaction.timeout.ms", transaction_timeout_ms.to_string());
            // librdkafka requires message.timeout.ms <= transaction.timeout.ms.
            c.set(
                "message.timeout.ms",
                transaction_timeout_ms.saturating_sub(5000).to_string(),
            );
        }
    }
    set_default(&mut c, config, "client.id", "wirewatch-producer");
    c
}

/// Set `key` unless the operator's `[kafka]` table already did.
fn set_default(c: &mut ClientConfig, config: &Config, key: &str, value: &str) {
    if !config.kafka.contains_key(key) {
        c.set(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managed_keys_are_fixed_and_passthrough_applies() {
        let mut config = Config::from_layers(None, &[]).unwrap();
        config
            .kafka
            .insert("security.protocol".into(), "SASL_SSL".into());
        config.kafka.insert("linger.ms".into(), "50".into());
        let c = consumer(&config);
        assert_eq!(c.get("enable.auto.offset.store"), Some("false"));
        assert_eq!(c.get("security.protocol"), Some("SASL_SSL"));
        assert_eq!(
            c.get("partition.assignment.strategy"),
            Some("cooperative-sticky")
        );
        let p = producer(&config, 2_000_000);
        assert_eq!(p.get("enable.idempotence"), Some("true"));
        assert_eq!(p.get("acks"), Some("all"));
        assert_eq!(p.get("message.max.bytes"), Some("2000000"));
        assert_eq!(p.get("transactional.id"), None);
        assert_eq!(c.get("enable.auto.commit"), Some("true"));
    }

    #[test]
    fn unknown_or_refused_librdkafka_properties_are_config_errors_naming_the_key() {
        let config =
            Config::from_layers(Some(("f.toml", "[kafka]\n\"fetch.mx.bytes\" = 5\n")), &[])
                .unwrap();
        let err = validate(&config).unwrap_err().to_string();
        assert!(err.contains("kafka.fetch.mx.bytes"), "{err}");
        assert!(err.contains("No such configuration property"), "{err}");

        let config = Config::from_layers(
            None,
            &[(
                "WIREWATCH_KAFKA__SECURITY_PROTOCOL".to_string(),
                "SASL_TLS".to_string(),
            )],
        )
        .unwrap();
        let err = validate(&config).unwrap_err().to_string();
        assert!(err.contains("kafka.security.protocol"), "{err}");

        let mut ok = Config::from_layers(None, &[]).unwrap();
        for (k, v) in [
            ("security.protocol", "SASL_SSL"),
            ("sasl.mechanism", "SCRAM-SHA-512"),
            ("sasl.username", "wirewatch"),
            ("sasl.password", "secret"),
            ("ssl.ca.location", "/nonexistent/ca.pem"),
            ("fetch.wait.max.ms", "200"),
        ] {
            ok.kafka.insert(k.into(), v.into());
        }
        validate(&ok).unwrap();
    }

    #[test]
    fn exactly_once_is_transactional_without_auto_commit() {
        let config = Config::from_layers(
            Some((
                "f.toml",
                "delivery = \"exactly_once\"\ngroup_instance_id = \"w1\"\n",
            )),
            &[],
        )
        .unwrap();
        let c = consumer(&config);
        assert_eq!(c.get("enable.auto.commit"), Some("false"));
        assert_eq!(c.get("isolation.level"), Some("read_committed"));
        assert_eq!(c.get("group.instance.id"), Some("w1"));
        let p = producer(&config, 1_000_000);
        assert_eq!(p.get("transactional.id"), Some("wirewatch-w1"));
        let txn: u64 = p.get("transaction.timeout.ms").unwrap().parse().unwrap();
        let msg: u64 = p.get("message.timeout.ms").unwrap().parse().unwrap();
        assert!(msg <= txn);
    }
}
