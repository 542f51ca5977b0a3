//! librdkafka settings for the consumer and producer. The keys that the
//! delivery guarantee rests on are set here and cannot be overridden.

use crate::config::Config;
use rdkafka::ClientConfig;

/// Pass-through properties first, then the ones wirewatch manages.
fn base(config: &Config) -> ClientConfig {
    let mut c = ClientConfig::new();
    for (k, v) in &config.kafka {
        c.set(k, v);
    }
    c.set("bootstrap.servers", &config.brokers);
    c
}

/// Consumer: offsets are stored by the worker only after every output of a
/// message is acknowledged (auto-store off), then committed in the background.
pub fn consumer(config: &Config) -> ClientConfig {
    let mut c = base(config);
    c.set("group.id", &config.group_id)
        .set("enable.auto.commit", "true")
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
    set_default(
        &mut c,
        config,
        "partition.assignment.strategy",
        "cooperative-sticky",
    );
    set_default(&mut c, config, "queued.max.messages.kbytes", "16384");
    set_default(&mut c, config, "queued.min.messages", "10000");
    set_default(&mut c, config, "client.id", "wirewatch-consumer");
    c
}

/// Producer: idempotent, acks from all in-sync replicas, so a retry never
/// duplicates or reorders within a partition.
pub fn producer(config: &Config) -> ClientConfig {
    let mut c = base(config);
    c.set("enable.idempotence", "true")
        .set("acks", "all")
        .set("linger.ms", config.linger_ms.to_string())
        .set("compression.type", &config.compression);
    set_default(&mut c, config, "message.timeout.ms", "120000");
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
        let p = producer(&config);
        assert_eq!(p.get("enable.idempotence"), Some("true"));
        assert_eq!(p.get("acks"), Some("all"));
    }
}
