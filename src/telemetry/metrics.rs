//! Prometheus metrics: names as constants, label values from closed sets.
//!
//! One `Metrics` per process, registered in its own `Registry` (not the
//! global one) so tests can build as many as they like.

use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

pub const STORIES_CONSUMED: &str = "wirewatch_stories_consumed_total";
pub const RECORDS_PRODUCED: &str = "wirewatch_records_produced_total";
pub const DEAD_LETTERS: &str = "wirewatch_dead_letters_total";
pub const PRODUCE_ERRORS: &str = "wirewatch_produce_errors_total";
pub const STORIES_LABELLED: &str = "wirewatch_stories_labelled_total";
pub const EVENTS_EXTRACTED: &str = "wirewatch_events_extracted_total";
pub const PROCESSING_SECONDS: &str = "wirewatch_processing_seconds";
pub const END_TO_END_SECONDS: &str = "wirewatch_end_to_end_seconds";
pub const CONSUMER_LAG: &str = "wirewatch_consumer_lag";
pub const IN_FLIGHT: &str = "wirewatch_stories_in_flight";
pub const ASSIGNED_PARTITIONS: &str = "wirewatch_assigned_partitions";
pub const OFFSET_COMMITS: &str = "wirewatch_offset_commits_total";
pub const REBALANCES: &str = "wirewatch_rebalances_total";
pub const RULES_RELOADS: &str = "wirewatch_rules_reloads_total";
pub const READY: &str = "wirewatch_ready";
pub const BROKER_DOWN_SECONDS: &str = "wirewatch_broker_down_seconds_total";
pub const BROKER_OUTAGES: &str = "wirewatch_broker_outages_total";
pub const FATAL_ERRORS: &str = "wirewatch_fatal_errors_total";
pub const TRANSACTIONS: &str = "wirewatch_transactions_total";
pub const PAUSED_PARTITIONS: &str = "wirewatch_paused_partitions";
pub const ABANDONED: &str = "wirewatch_stories_abandoned_total";
pub const BUILD_INFO: &str = "wirewatch_build_info";
pub const RULES_INFO: &str = "wirewatch_rules_info";

// The process collector's series (the prometheus crate's `process` feature,
// Linux): the worker's own CPU, memory, file descriptors and threads.
pub const PROCESS_CPU_SECONDS: &str = "process_cpu_seconds_total";
pub const PROCESS_OPEN_FDS: &str = "process_open_fds";
pub const PROCESS_MAX_FDS: &str = "process_max_fds";
pub const PROCESS_VIRTUAL_MEMORY: &str = "process_virtual_memory_bytes";
pub const PROCESS_RESIDENT_MEMORY: &str = "process_resident_memory_bytes";
pub const PROCESS_START_TIME: &str = "process_start_time_seconds";
pub const PROCESS_THREADS: &str = "process_threads";
/// Every `process_*` series the collector exports.
pub const PROCESS_METRICS: [&str; 7] = [
    PROCESS_CPU_SECONDS,
    PROCESS_OPEN_FDS,
    PROCESS_MAX_FDS,
    PROCESS_VIRTUAL_MEMORY,
    PROCESS_RESIDENT_MEMORY,
    PROCESS_START_TIME,
    PROCESS_THREADS,
];

/// All wirewatch metrics, registered in `registry`.
#[derive(Clone)]
pub struct Metrics {
    pub registry: Registry,
    /// Messages read from the input topic.
    pub stories_consumed: IntCounter,
    /// Acknowledged records by `topic` and `category` (`all` for the enriched topic).
    pub records_produced: IntCounterVec,
    /// Acknowledged dead letters by `reason` (closed set of reject codes).
    pub dead_letters: IntCounterVec,
    /// Failed produce attempts by `kind` (`retriable`, `permanent`, `queue_full`).
    pub produce_errors: IntCounterVec,
    /// Stories published with a label, by `category`.
    pub stories_labelled: IntCounterVec,
    /// Events extracted, by `category` and `status`.
    pub events_extracted: IntCounterVec,
    /// Parse + classify + enrich time per story.
    pub processing_seconds: Histogram,
    /// Broker timestamp of the input message to the last output acknowledgement.
    pub end_to_end_seconds: Histogram,
    /// Consumer lag per `topic` and `partition`, from librdkafka statistics.
    pub consumer_lag: IntGaugeVec,
    /// Stories read but not yet fully acknowledged.
    pub in_flight: IntGauge,
    /// Input partitions currently assigned to this worker.
    pub assigned_partitions: IntGauge,
    /// Offset commits by `result` (`ok`, `error`).
    pub offset_commits: IntCounterVec,
    /// Rebalance callbacks by `kind` (`assign`, `revoke`, `error`).
    pub rebalances: IntCounterVec,
    /// Rule reloads by `result` (`ok`, `error`).
    pub rules_reloads: IntCounterVec,
    /// 1 when /readyz would answer 200, else 0 (refreshed on every scrape).
    pub ready: IntGauge,
    /// Seconds during which no broker was reachable.
    pub broker_down_seconds: prometheus::Counter,
    /// Times every broker became unreachable.
    pub broker_outages: IntCounter,
    /// Errors that stop the process, by `kind` (`producer`, `consumer`, `transaction`).
    pub fatal_errors: IntCounterVec,
    /// Transactions by `result` (`committed`, `aborted`); exactly-once mode only.
    pub transactions: IntCounterVec,
    /// Input partitions paused by backpressure.
    pub paused_partitions: IntGauge,
    /// Stories left unfinished at a revoke or a timed-out shutdown (re-read later).
    pub abandoned: IntCounter,
    build_info: IntGaugeVec,
    rules_info: IntGaugeVec,
}

impl Metrics {
    /// Create and register every metric.
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let counter = |name: &str, help: &str| {
            let c = IntCounter::new(name, help).expect("valid metric");
            registry
                .register(Box::new(c.clone()))
                .expect("unique metric");
            c
        };
        let counter_vec = |name: &str, help: &str, labels: &[&str]| {
            let c = IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric");
            registry
                .register(Box::new(c.clone()))
                .expect("unique metric");
            c
        };
        let gauge_vec = |name: &str, help: &str, labels: &[&str]| {
            let g = IntGaugeVec::new(Opts::new(name, help), labels).expect("valid metric");
            registry
                .register(Box::new(g.clone()))
                .expect("unique metric");
            g
        };
        let gauge = |name: &str, help: &str| {
            let g = IntGauge::new(name, help).expect("valid metric");
            registry
                .register(Box::new(g.clone()))
                .expect("unique metric");
            g
        };
        let histogram = |name: &str, help: &str, buckets: Vec<f64>| {
            let h = Histogram::with_opts(HistogramOpts::new(name, help).buckets(buckets))
                .expect("valid metric");
            registry
                .register(Box::new(h.clone()))
                .expect("unique metric");
            h
        };
        let m = Metrics {
            stories_consumed: counter(STORIES_CONSUMED, "Messages read from the input topic."),
            records_produced: counter_vec(
                RECORDS_PRODUCED,
                "Records acknowledged by the broker, by topic and category (all = enriched topic).",
                &["topic", "category"],
            ),
            dead_letters: counter_vec(
                DEAD_LETTERS,
                "Payloads written to the dead-letter topic and acknowledged, by reason.",
                &["reason"],
            ),
            produce_errors: counter_vec(
                PRODUCE_ERRORS,
                "Failed produce attempts (each is retried), by kind.",
                &["kind"],
            ),
            stories_labelled: counter_vec(
                STORIES_LABELLED,
                "Stories published with a category label, by category.",
                &["category"],
            ),
            events_extracted: counter_vec(
                EVENTS_EXTRACTED,
                "Events extracted from published stories, by category and status.",
                &["category", "status"],
            ),
            processing_seconds: histogram(
                PROCESSING_SECONDS,
                "Time to parse, classify and enrich one story.",
                prometheus::exponential_buckets(0.00005, 2.0, 14).expect("buckets"),
            ),
            end_to_end_seconds: histogram(
                END_TO_END_SECONDS,
                "Input message broker timestamp to the acknowledgement of its last output.",
                prometheus::exponential_buckets(0.005, 2.0, 14).expect("buckets"),
            ),
            consumer_lag: gauge_vec(
                CONSUMER_LAG,
                "Messages behind the partition's high watermark, from librdkafka statistics.",
                &["topic", "partition"],
            ),
            in_flight: gauge(IN_FLIGHT, "Stories read but not yet fully acknowledged."),
            assigned_partitions: gauge(
                ASSIGNED_PARTITIONS,
                "Input partitions currently assigned to this worker.",
            ),
            offset_commits: counter_vec(
                OFFSET_COMMITS,
                "Offset commits reported by librdkafka, by result.",
                &["result"],
            ),
            rebalances: counter_vec(REBALANCES, "Consumer group rebalances, by kind.", &["kind"]),
            rules_reloads: counter_vec(RULES_RELOADS, "Rule reloads, by result.", &["result"]),
            ready: gauge(READY, "1 when the worker is ready (see /readyz), else 0."),
            broker_down_seconds: {
                let c = prometheus::Counter::new(
                    BROKER_DOWN_SECONDS,
                    "Seconds during which no Kafka broker was reachable.",
                )
                .expect("valid metric");
                registry
                    .register(Box::new(c.clone()))
                    .expect("unique metric");
                c
            },
            broker_outages: counter(
                BROKER_OUTAGES,
                "Times every Kafka broker became unreachable.",
            ),
            fatal_errors: counter_vec(
                FATAL_ERRORS,
                "Errors that stopped the worker, by kind.",
                &["kind"],
            ),
            transactions: counter_vec(
                TRANSACTIONS,
                "Transactions ended, by result (exactly-once mode).",
                &["result"],
            ),
            paused_partitions: gauge(
                PAUSED_PARTITIONS,
                "Input partitions paused because their stories are not yet acknowledged.",
            ),
            abandoned: counter(
                ABANDONED,
                "Stories left unfinished at a revoke or a timed-out shutdown; they are re-read.",
            ),
            build_info: gauge_vec(
                BUILD_INFO,
                "Always 1; labels carry the wirewatch version.",
                &["version"],
            ),
            rules_info: gauge_vec(
                RULES_INFO,
                "Always 1 for the rules version in use.",
                &["version"],
            ),
            registry,
        };
        m.build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);
        // process_* series of this process, read from /proc at each scrape.
        #[cfg(target_os = "linux")]
        m.registry
            .register(Box::new(
                prometheus::process_collector::ProcessCollector::for_self(),
            ))
            .expect("unique metric");
        // Every series of a closed label set exists from the start, at 0, so
        // `rate()` and alerts see its first event.
        for reason in crate::pipeline::rejection_codes().chain(["output_too_large"]) {
            m.dead_letters.with_label_values(&[reason]);
        }
        for kind in [
            "retriable",
            "permanent",
            "queue_full",
            "record_rejected",
            "fatal",
        ] {
            m.produce_errors.with_label_values(&[kind]);
        }
        for result in ["ok", "error"] {
            m.offset_commits.with_label_values(&[result]);
            m.rules_reloads.with_label_values(&[result]);
        }
        for kind in ["assign", "revoke", "error"] {
            m.rebalances.with_label_values(&[kind]);
        }
        for kind in ["producer", "consumer", "transaction"] {
            m.fatal_errors.with_label_values(&[kind]);
        }
        for result in ["committed", "aborted"] {
            m.transactions.with_label_values(&[result]);
        }
        for category in crate::model::Category::ALL {
            m.stories_labelled.with_label_values(&[category.as_str()]);
            for status in crate::model::Status::ALL {
                m.events_extracted
                    .with_label_values(&[category.as_str(), status.as_str()]);
            }
        }
        m
    }

    /// Record the rules version now in use (the previous one is removed).
    pub fn set_rules_version(&self, version: &str) {
        self.rules_info.reset();
        self.rules_info.with_label_values(&[version]).set(1);
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        let encoder = TextEncoder::new();
        // Encoding our own registry into a Vec cannot fail.
        let _ = encoder.encode(&self.registry.gather(), &mut buf);
        String::from_utf8(buf).unwrap_or_default()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_names_with_conventions() {
        let m = Metrics::new();
        m.stories_consumed.inc();
        m.dead_letters.with_label_values(&["not_utf8"]).inc();
        m.set_rules_version("r1");
        m.set_rules_version("r2");
        let text = m.render();
        assert!(text.contains("wirewatch_stories_consumed_total 1"));
        assert!(text.contains("wirewatch_dead_letters_total{reason=\"not_utf8\"} 1"));
        assert!(text.contains("wirewatch_rules_info{version=\"r2\"} 1"));
        assert!(!text.contains("version=\"r1\""));
        assert!(text.contains("wirewatch_build_info{version="));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn process_metrics_are_exported() {
        let text = Metrics::new().render();
        for name in PROCESS_METRICS {
            assert!(
                text.lines().any(|l| l.starts_with(&format!("{name} "))),
                "{name} missing:\n{text}"
            );
        }
        let rss = text
            .lines()
            .find_map(|l| l.strip_prefix("process_resident_memory_bytes "))
            .and_then(|v| v.parse::<f64>().ok())
            .expect("resident memory sample");
        assert!(rss > 0.0);
    }

    #[test]
    fn closed_label_sets_are_present_before_their_first_event() {
        let text = Metrics::new().render();
        assert!(text.contains("wirewatch_dead_letters_total{reason=\"record_too_large\"} 0"));
        assert!(text.contains("wirewatch_produce_errors_total{kind=\"fatal\"} 0"));
        assert!(text.contains("wirewatch_rules_reloads_total{result=\"error\"} 0"));
        assert!(text.contains("wirewatch_broker_down_seconds_total 0"));
        assert!(text.contains("wirewatch_stories_labelled_total{category=\"strike\"} 0"));
        assert!(text.contains(
            "wirewatch_events_extracted_total{category=\"sanctions\",status=\"denied\"} 0"
        ));
    }
}
