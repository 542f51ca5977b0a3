//! librdkafka callbacks for the consumer: statistics (lag gauges, broker
//! outages), rebalances (commit what is done, cancel what is not) and errors
//! (broker reachability for `/readyz`, logged at a bounded rate).

use super::offsets::OffsetTracker;
use crate::health::Health;
use crate::telemetry::Metrics;
use rdkafka::TopicPartitionList;
use rdkafka::client::ClientContext;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::{KafkaError, KafkaResult};
use rdkafka::statistics::Statistics;
use rdkafka::types::RDKafkaErrorCode;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often one kind of client error is logged while it repeats. During an
/// outage librdkafka reports the same error many times a second.
const ERROR_LOG_PERIOD: Duration = Duration::from_secs(30);

/// Lets one log line through per key and period, counting the rest.
#[derive(Debug, Default)]
pub struct LogLimiter {
    seen: Mutex<HashMap<String, (Instant, u64)>>,
}

impl LogLimiter {
    /// `Some(suppressed since the last line)` when a line for `key` may be
    /// logged at `now`, else `None`.
    pub fn allow(&self, key: &str, now: Instant, period: Duration) -> Option<u64> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        match seen.get_mut(key) {
            Some((last, suppressed)) if now.duration_since(*last) < period => {
                *suppressed += 1;
                None
            }
            Some((last, suppressed)) => {
                *last = now;
                Some(std::mem::take(suppressed))
            }
            None => {
                seen.insert(key.to_string(), (now, 0));
                Some(0)
            }
        }
    }
}

/// Shared by the consume loop and librdkafka's callbacks.
pub struct WorkerContext {
    pub metrics: Metrics,
    pub health: Arc<Health>,
    pub tracker: Arc<Mutex<OffsetTracker>>,
    pub input_topic: String,
    /// At-least-once commits what is stored when partitions are revoked;
    /// exactly-once commits only inside transactions.
    pub commit_on_revoke: bool,
    /// Partitions revoked since the consume loop last looked (exactly-once
    /// aborts an open transaction that read from one of them).
    pub revoked: Mutex<Vec<(String, i32)>>,
    pub statistics_interval: Duration,
    pub limiter: LogLimiter,
}

impl WorkerContext {
    fn broker_reachable(&self, up: bool) {
        let was = self.health.set_broker_reachable(up);
        if was && !up {
            self.metrics.broker_outages.inc();
            tracing::error!("no Kafka broker is reachable; stories wait, none are lost");
        } else if !was && up {
            tracing::info!("a Kafka broker is reachable again");
        }
    }

    fn forget(&self, tpl: &TopicPartitionList) {
        let mut tracker = self.tracker.lock().unwrap_or_else(|p| p.into_inner());
        let mut revoked = self.revoked.lock().unwrap_or_else(|p| p.into_inner());
        for e in tpl.elements() {
            let abandoned = tracker.revoke(e.topic(), e.partition());
            self.metrics.abandoned.inc_by(abandoned as u64);
            revoked.push((e.topic().to_string(), e.partition()));
            let _ = self
                .metrics
                .consumer_lag
                .remove_label_values(&[e.topic(), &e.partition().to_string()]);
        }
        self.metrics.paused_partitions.set(tracker.paused() as i64);
    }
}

impl ClientContext for WorkerContext {
    fn stats(&self, stats: Statistics) {
        let up = stats
            .brokers
            .values()
            .any(|b| b.state == "UP" && b.nodeid >= 0);
        self.broker_reachable(up);
        if !up {
            self.metrics
                .broker_down_seconds
                .inc_by(self.statistics_interval.as_secs_f64());
        }
        if let Some(topic) = stats.topics.get(&self.input_topic) {
            for (partition, p) in &topic.partitions {
                // Partition -1 is librdkafka's internal unassigned queue; lag
                // -1 means not known yet.
                if *partition < 0 || p.consumer_lag < 0 {
                    continue;
                }
                self.metrics
                    .consumer_lag
                    .with_label_values(&[topic.topic.as_str(), &partition.to_string()])
                    .set(p.consumer_lag);
            }
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        let code = error.rdkafka_error_code();
        if code == Some(RDKafkaErrorCode::AllBrokersDown) {
            self.broker_reachable(false);
        }
        let key = code.map_or_else(|| error.to_string(), |c| format!("{c:?}"));
        if let Some(suppressed) = self.limiter.allow(&key, Instant::now(), ERROR_LOG_PERIOD) {
            tracing::error!(error = %error, reason, suppressed, "kafka client error");
        }
    }
}

impl ConsumerContext for WorkerContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            Rebalance::Revoke(tpl) => {
                self.metrics.rebalances.with_label_values(&["revoke"]).inc();
                let lost = consumer.assignment_lost();
                // Offsets stored so far cover only fully acknowledged stories,
                // so committing them loses nothing. Asynchronously: a commit
                // that cannot reach the broker must not hold up the rebalance;
                // if it is late, the next owner re-reads (duplicates only).
                if self.commit_on_revoke && !lost {
                    match consumer.commit_consumer_state(CommitMode::Async) {
                        Ok(()) | Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
                        Err(e) => tracing::warn!(error = %e, "commit on revoke failed"),
                    }
                }
                self.forget(tpl);
                tracing::info!(partitions = tpl.count(), lost, "partitions revoked");
            }
            Rebalance::Assign(tpl) => {
                self.metrics.rebalances.with_label_values(&["assign"]).inc();
                tracing::info!(partitions = tpl.count(), "partitions assigned");
            }
            Rebalance::Error(e) => {
                self.metrics.rebalances.with_label_values(&["error"]).inc();
                tracing::error!(error = %e, "rebalance error");
            }
        }
    }

    fn post_rebalance(&self, consumer: &BaseConsumer<Self>, _rebalance: &Rebalance<'_>) {
        let n = consumer.assignment().map(|a| a.count()).unwrap_or(0) as i64;
        self.health.set_assigned_partitions(n);
        self.metrics.assigned_partitions.set(n);
    }

    fn commit_callback(&self, result: KafkaResult<()>, _offsets: &TopicPartitionList) {
        match result {
            Ok(()) => self.metrics.offset_commits.with_label_values(&["ok"]).inc(),
            // Nothing new was stored since the last commit.
            Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
            Err(e) => {
                self.metrics
                    .offset_commits
                    .with_label_values(&["error"])
                    .inc();
                if let Some(suppressed) =
                    self.limiter
                        .allow("offset commit", Instant::now(), ERROR_LOG_PERIOD)
                {
                    tracing::warn!(error = %e, suppressed, "offset commit failed; retried at the next interval");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeating_error_is_logged_once_per_period_with_a_count() {
        let l = LogLimiter::default();
        let t0 = Instant::now();
        let p = Duration::from_secs(30);
        assert_eq!(l.allow("AllBrokersDown", t0, p), Some(0));
        for i in 1..=12 {
            assert_eq!(
                l.allow("AllBrokersDown", t0 + Duration::from_secs(i), p),
                None
            );
        }
        assert_eq!(
            l.allow("Other", t0, p),
            Some(0),
            "each kind has its own budget"
        );
        assert_eq!(
            l.allow("AllBrokersDown", t0 + Duration::from_secs(31), p),
            Some(12)
        );
    }
}
