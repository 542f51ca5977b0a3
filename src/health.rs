//! Liveness and readiness state shared by the Kafka edge and the HTTP server.
//! Plain atomics: written by the worker, read by `/readyz`.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

/// What `/readyz` reports on.
#[derive(Debug, Default)]
pub struct Health {
    assigned_partitions: AtomicI64,
    broker_reachable: AtomicBool,
    draining: AtomicBool,
    /// Set while output is blocked by a permanent error (missing topic, ACL).
    output_blocked: AtomicBool,
    /// Why the Kafka clients can no longer work, once they cannot.
    fatal: OnceLock<String>,
}

/// Why the worker is not ready, for the `/readyz` body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReady {
    Draining,
    BrokerUnreachable,
    NoPartitions,
    OutputBlocked,
}

impl NotReady {
    pub fn as_str(self) -> &'static str {
        match self {
            NotReady::Draining => "draining: shutting down",
            NotReady::BrokerUnreachable => "broker unreachable",
            NotReady::NoPartitions => "no input partitions assigned",
            NotReady::OutputBlocked => "output blocked by a permanent produce error",
        }
    }
}

impl Health {
    pub fn new() -> Health {
        Health::default()
    }
    pub fn set_assigned_partitions(&self, n: i64) {
        self.assigned_partitions.store(n, Ordering::Relaxed);
    }
    pub fn add_assigned_partitions(&self, delta: i64) -> i64 {
        self.assigned_partitions.fetch_add(delta, Ordering::Relaxed) + delta
    }
    /// Returns whether the broker was reachable before this call.
    pub fn set_broker_reachable(&self, up: bool) -> bool {
        self.broker_reachable.swap(up, Ordering::Relaxed)
    }
    /// Record that the worker cannot go on (the first reason wins).
    pub fn set_fatal(&self, reason: String) {
        let _ = self.fatal.set(reason);
    }
    /// `Err` with the reason once a fatal error was recorded: `/healthz` fails.
    pub fn liveness(&self) -> Result<(), &str> {
        match self.fatal.get() {
            Some(reason) => Err(reason),
            None => Ok(()),
        }
    }
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::Relaxed);
    }
    pub fn set_output_blocked(&self, blocked: bool) {
        self.output_blocked.store(blocked, Ordering::Relaxed);
    }

    /// `Ok` when the worker should receive traffic, else the first reason not to.
    pub fn readiness(&self) -> Result<(), NotReady> {
        if self.draining.load(Ordering::Relaxed) {
            Err(NotReady::Draining)
        } else if !self.broker_reachable.load(Ordering::Relaxed) {
            Err(NotReady::BrokerUnreachable)
        } else if self.output_blocked.load(Ordering::Relaxed) {
            Err(NotReady::OutputBlocked)
        } else if self.assigned_partitions.load(Ordering::Relaxed) <= 0 {
            Err(NotReady::NoPartitions)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_with_broker_and_partitions_and_not_draining() {
        let h = Health::new();
        assert_eq!(h.readiness(), Err(NotReady::BrokerUnreachable));
        h.set_broker_reachable(true);
        assert_eq!(h.readiness(), Err(NotReady::NoPartitions));
        h.add_assigned_partitions(3);
        assert_eq!(h.readiness(), Ok(()));
        h.start_draining();
        assert_eq!(h.readiness(), Err(NotReady::Draining));
    }

    #[test]
    fn a_fatal_error_fails_liveness_with_its_first_reason() {
        let h = Health::new();
        assert_eq!(h.liveness(), Ok(()));
        h.set_fatal("fenced".into());
        h.set_fatal("later".into());
        assert_eq!(h.liveness(), Err("fenced"));
    }
}
