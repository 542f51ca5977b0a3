//! Which input offsets may be committed, and which partitions must pause:
//! the at-least-once bookkeeping.
//!
//! Pure data structure, no rdkafka. An offset becomes committable only when it
//! and every offset before it on its partition have finished, meaning every
//! record it produced (or its dead letter) was acknowledged. A later success
//! never lets an earlier unfinished story be skipped. Revoking a partition
//! cancels its in-flight work and forgets it, so late completions from the old
//! assignment are ignored rather than stored.
//!
//! Backpressure lives here too because it is a question about the same
//! counts: a partition pauses when it, or the worker as a whole, holds its
//! cap of unfinished stories, and resumes once below half of it (the gap
//! keeps librdkafka from refetching what every pause throws away).

use std::collections::{BTreeSet, HashMap};
use tokio_util::sync::CancellationToken;

/// Handle for one in-flight input message.
#[derive(Debug, Clone)]
pub struct Ticket {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    generation: u64,
    /// Cancelled when the partition is revoked: stop retrying its outputs.
    pub revoked: CancellationToken,
}

#[derive(Debug, Default)]
struct PartitionState {
    generation: u64,
    pending: BTreeSet<i64>,
    /// Highest offset finished so far.
    highest_done: Option<i64>,
    /// Last value handed out for storing (the next offset to consume).
    stored: Option<i64>,
    paused: bool,
    revoked: CancellationToken,
}

/// How many unfinished stories the worker may hold.
#[derive(Debug, Clone, Copy)]
pub struct Caps {
    /// Across all partitions.
    pub total: usize,
    /// On one partition (also bounds the duplicates a crash can cause there).
    pub per_partition: usize,
}

/// What `finish` asks the consume loop to do.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Finished {
    /// Offset to store for the ticket's partition (Kafka's next-offset
    /// convention), when the committable position moved.
    pub store: Option<i64>,
    /// Partitions back under their caps, to resume.
    pub resume: Vec<(String, i32)>,
}

/// Per-partition ordered tracking of in-flight input offsets.
#[derive(Debug)]
pub struct OffsetTracker {
    parts: HashMap<(String, i32), PartitionState>,
    next_generation: u64,
    caps: Caps,
    total: usize,
}

impl OffsetTracker {
    pub fn new(caps: Caps) -> OffsetTracker {
        OffsetTracker {
            parts: HashMap::new(),
            next_generation: 0,
            caps: Caps {
                total: caps.total.max(1),
                per_partition: caps.per_partition.max(1),
            },
            total: 0,
        }
    }

    /// Note that `offset` was read and is now being processed.
    pub fn begin(&mut self, topic: &str, partition: i32, offset: i64) -> Ticket {
        let next_generation = &mut self.next_generation;
        let state = self
            .parts
            .entry((topic.to_string(), partition))
            .or_insert_with(|| {
                *next_generation += 1;
                PartitionState {
                    generation: *next_generation,
                    ..Default::default()
                }
            });
        if state.pending.insert(offset) {
            self.total += 1;
        }
        Ticket {
            topic: topic.to_string(),
            partition,
            offset,
            generation: state.generation,
            revoked: state.revoked.clone(),
        }
    }

    /// Whether the partition of a message just begun must be paused now
    /// (it, or the worker, is at its cap). Answers `true` once per pause.
    pub fn should_pause(&mut self, topic: &str, partition: i32) -> bool {
        let full = self.total >= self.caps.total;
        let Some(state) = self.parts.get_mut(&(topic.to_string(), partition)) else {
            return false;
        };
        if state.paused || !(full || state.pending.len() >= self.caps.per_partition) {
            return false;
        }
        state.paused = true;
        true
    }

    /// Mark a message finished: what to store, and which partitions may
    /// resume. A ticket of a revoked assignment changes nothing.
    pub fn finish(&mut self, ticket: &Ticket) -> Finished {
        let mut out = Finished::default();
        let Some(state) = self
            .parts
            .get_mut(&(ticket.topic.clone(), ticket.partition))
        else {
            return out;
        };
        if state.generation != ticket.generation || !state.pending.remove(&ticket.offset) {
            return out;
        }
        self.total -= 1;
        state.highest_done = Some(
            state
                .highest_done
                .map_or(ticket.offset, |h| h.max(ticket.offset)),
        );
        let position = match state.pending.first() {
            Some(lowest) => Some(*lowest),
            None => state.highest_done.map(|h| h + 1),
        };
        if let Some(position) = position
            && state.stored.is_none_or(|s| s < position)
        {
            state.stored = Some(position);
            out.store = Some(position);
        }
        if self.total <= self.caps.total / 2 {
            let low = self.caps.per_partition / 2;
            for ((topic, partition), s) in self.parts.iter_mut() {
                if s.paused && s.pending.len() <= low {
                    s.paused = false;
                    out.resume.push((topic.clone(), *partition));
                }
            }
        }
        out
    }

    /// Forget a partition (revoked or lost): its in-flight work is cancelled
    /// and its tickets become stale. Its re-read costs duplicates, never loss.
    /// Returns how many unfinished stories were abandoned.
    pub fn revoke(&mut self, topic: &str, partition: i32) -> usize {
        match self.parts.remove(&(topic.to_string(), partition)) {
            Some(state) => {
                state.revoked.cancel();
                self.total -= state.pending.len();
                state.pending.len()
            }
            None => 0,
        }
    }

    /// Whether the worker holds its cap of unfinished stories.
    pub fn full(&self) -> bool {
        self.total >= self.caps.total
    }

    /// Partitions currently paused by backpressure.
    pub fn paused(&self) -> usize {
        self.parts.values().filter(|s| s.paused).count()
    }

    /// Stories in flight across all partitions.
    pub fn in_flight(&self) -> usize {
        self.total
    }

    /// Stories in flight on one partition.
    pub fn in_flight_on(&self, topic: &str, partition: i32) -> usize {
        self.parts
            .get(&(topic.to_string(), partition))
            .map_or(0, |s| s.pending.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tracker() -> OffsetTracker {
        OffsetTracker::new(Caps {
            total: 1000,
            per_partition: 1000,
        })
    }

    #[test]
    fn commit_position_is_next_offset_after_contiguous_done() {
        let mut t = tracker();
        let a = t.begin("in", 0, 10);
        assert_eq!(
            t.finish(&a).store,
            Some(11),
            "store offset+1, Kafka's convention"
        );
    }

    #[test]
    fn a_later_success_never_skips_an_earlier_unfinished_offset() {
        let mut t = tracker();
        let a = t.begin("in", 0, 1);
        let b = t.begin("in", 0, 2);
        let c = t.begin("in", 0, 3);
        assert_eq!(
            t.finish(&c).store,
            Some(1),
            "1 still pending: position stays at 1"
        );
        assert_eq!(t.finish(&b).store, None, "position did not move");
        assert_eq!(t.finish(&a).store, Some(4));
        assert_eq!(t.in_flight(), 0);
    }

    #[test]
    fn partitions_are_independent() {
        let mut t = tracker();
        let a = t.begin("in", 0, 5);
        let b = t.begin("in", 1, 7);
        assert_eq!(t.finish(&b).store, Some(8));
        assert_eq!(t.in_flight_on("in", 0), 1);
        assert_eq!(t.finish(&a).store, Some(6));
    }

    #[test]
    fn completions_from_a_revoked_assignment_are_ignored_and_cancelled() {
        let mut t = tracker();
        let old = t.begin("in", 0, 100);
        assert_eq!(t.revoke("in", 0), 1);
        assert!(old.revoked.is_cancelled(), "in-flight work is told to stop");
        let new = t.begin("in", 0, 50);
        assert!(!new.revoked.is_cancelled());
        assert_eq!(
            t.finish(&old).store,
            None,
            "stale generation must not store"
        );
        assert_eq!(t.finish(&new).store, Some(51));
        assert_eq!(t.in_flight(), 0);
    }

    #[test]
    fn finishing_twice_is_harmless() {
        let mut t = tracker();
        let a = t.begin("in", 0, 1);
        assert_eq!(t.finish(&a).store, Some(2));
        assert_eq!(t.finish(&a), Finished::default());
        assert_eq!(t.in_flight(), 0);
    }

    #[test]
    fn a_partition_at_its_cap_pauses_once_and_resumes_below_half() {
        let mut t = OffsetTracker::new(Caps {
            total: 100,
            per_partition: 4,
        });
        let tickets: Vec<Ticket> = (0..4).map(|o| t.begin("in", 0, o)).collect();
        let other = t.begin("in", 1, 0);
        assert!(!t.should_pause("in", 1));
        assert!(t.should_pause("in", 0));
        assert!(!t.should_pause("in", 0), "already paused");
        assert_eq!(t.paused(), 1);
        assert!(
            t.finish(&tickets[0]).resume.is_empty(),
            "3 left, above half"
        );
        assert!(t.finish(&other).resume.is_empty());
        assert_eq!(t.finish(&tickets[1]).resume, vec![("in".to_string(), 0)]);
        assert_eq!(t.paused(), 0);
    }

    #[test]
    fn the_worker_cap_pauses_every_partition_that_delivers() {
        let mut t = OffsetTracker::new(Caps {
            total: 4,
            per_partition: 100,
        });
        let a: Vec<Ticket> = (0..2).map(|o| t.begin("in", 0, o)).collect();
        let b: Vec<Ticket> = (0..2).map(|o| t.begin("in", 1, o)).collect();
        assert!(t.should_pause("in", 0));
        assert!(t.should_pause("in", 1));
        assert!(t.finish(&a[0]).resume.is_empty(), "3 of 4: above half");
        let mut resumed = t.finish(&b[0]).resume;
        resumed.sort();
        assert_eq!(resumed, vec![("in".to_string(), 0), ("in".to_string(), 1)]);
    }

    #[test]
    fn revoking_a_paused_partition_clears_its_pause_and_counts() {
        let mut t = OffsetTracker::new(Caps {
            total: 100,
            per_partition: 1,
        });
        t.begin("in", 2, 9);
        assert!(t.should_pause("in", 2));
        assert_eq!(t.revoke("in", 2), 1);
        assert_eq!(t.paused(), 0);
        assert_eq!(t.in_flight(), 0);
    }
}
