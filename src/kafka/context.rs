//! librdkafka callbacks for the consumer: statistics (lag gauges),
//! rebalances (commit what is done for revoked partitions) and errors
//! (broker reachability for `/readyz`).

use super::offsets::OffsetTracker;
use crate::health::Health;
use crate::telemetry::Metrics;
use rdkafka::TopicPartitionList;
use rdkafka::client::ClientContext;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::{KafkaError, KafkaResult};
use rdkafka::statistics::Statistics;
use rdkafka::types::RDKafkaErrorCode;
use std::sync::{Arc, Mutex};

/// Shared by the consume loop and librdkafka's callbacks.
pub struct WorkerContext {
    pub metrics: Metrics,
    pub health: Arc<Health>,
    pub tracker: Arc<Mutex<OffsetTracker>>,
    pub input_topic: String,
}

impl ClientContext for WorkerContext {
    fn stats(&self, stats: Statistics) {
        let up = stats
            .brokers
            .values()
            .any(|b| b.state == "UP" && b.nodeid >= 0);
        self.health.set_broker_reachable(up);
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
        if error.rdkafka_error_code() == Some(RDKafkaErrorCode::AllBrokersDown) {
            self.health.set_broker_reachable(false);
        }
        tracing::error!(error = %error, reason, "kafka client error");
    }
}

impl ConsumerContext for WorkerContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            Rebalance::Revoke(tpl) => {
                self.metrics.rebalances.with_label_values(&["revoke"]).inc();
                let lost = consumer.assignment_lost();
                // Offsets stored so far cover only fully acknowledged stories,
                // so committing them loses nothing; in-flight stories on these
                // partitions will be re-read by the next owner (duplicates,
                // never loss).
                if !lost {
                    match consumer.commit_consumer_state(CommitMode::Sync) {
                        Ok(()) => {}
                        Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
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
                tracing::warn!(error = %e, "offset commit failed");
            }
        }
    }
}

impl WorkerContext {
    fn forget(&self, tpl: &TopicPartitionList) {
        let mut tracker = self.tracker.lock().unwrap_or_else(|p| p.into_inner());
        for e in tpl.elements() {
            tracker.revoke(e.topic(), e.partition());
            let _ = self
                .metrics
                .consumer_lag
                .remove_label_values(&[e.topic(), &e.partition().to_string()]);
        }
    }
}
