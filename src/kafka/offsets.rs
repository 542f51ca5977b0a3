//! Which input offsets may be committed: the at-least-once bookkeeping.
//!
//! Pure data structure, no rdkafka. An offset becomes committable only when it
//! and every offset before it on its partition have finished, meaning every
//! record it produced (or its dead letter) was acknowledged. A later success
//! never lets an earlier unfinished story be skipped. Revoking a partition
//! bumps its generation so late completions from the old assignment are
//! ignored rather than stored.

use std::collections::{BTreeSet, HashMap};

/// Handle for one in-flight input message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    generation: u64,
}

#[derive(Debug, Default)]
struct PartitionState {
    generation: u64,
    pending: BTreeSet<i64>,
    /// Highest offset finished so far.
    highest_done: Option<i64>,
    /// Last value handed out for storing (the next offset to consume).
    stored: Option<i64>,
}

/// Per-partition ordered tracking of in-flight input offsets.
#[derive(Debug, Default)]
pub struct OffsetTracker {
    parts: HashMap<(String, i32), PartitionState>,
    next_generation: u64,
}

impl OffsetTracker {
    pub fn new() -> OffsetTracker {
        OffsetTracker::default()
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
        state.pending.insert(offset);
        Ticket {
            topic: topic.to_string(),
            partition,
            offset,
            generation: state.generation,
        }
    }

    /// Mark a message finished. Returns the offset to store (the next offset
    /// to consume, i.e. Kafka's commit convention) when the committable
    /// position moved forward, `None` otherwise or when the ticket belongs to
    /// a revoked assignment.
    pub fn finish(&mut self, ticket: &Ticket) -> Option<i64> {
        let state = self
            .parts
            .get_mut(&(ticket.topic.clone(), ticket.partition))?;
        if state.generation != ticket.generation || !state.pending.remove(&ticket.offset) {
            return None;
        }
        state.highest_done = Some(
            state
                .highest_done
                .map_or(ticket.offset, |h| h.max(ticket.offset)),
        );
        let position = match state.pending.first() {
            Some(lowest) => *lowest,
            None => state.highest_done? + 1,
        };
        if state.stored.is_some_and(|s| s >= position) {
            return None;
        }
        state.stored = Some(position);
        Some(position)
    }

    /// Forget a partition (revoked or lost). In-flight tickets for it become stale.
    pub fn revoke(&mut self, topic: &str, partition: i32) {
        self.parts.remove(&(topic.to_string(), partition));
    }

    /// Stories in flight across all partitions.
    pub fn in_flight(&self) -> usize {
        self.parts.values().map(|s| s.pending.len()).sum()
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

    #[test]
    fn commit_position_is_next_offset_after_contiguous_done() {
        let mut t = OffsetTracker::new();
        let a = t.begin("in", 0, 10);
        assert_eq!(t.finish(&a), Some(11), "store offset+1, Kafka's convention");
    }

    #[test]
    fn a_later_success_never_skips_an_earlier_unfinished_offset() {
        let mut t = OffsetTracker::new();
        let a = t.begin("in", 0, 1);
        let b = t.begin("in", 0, 2);
        let c = t.begin("in", 0, 3);
        assert_eq!(
            t.finish(&c),
            Some(1),
            "1 still pending: position stays at 1"
        );
        assert_eq!(t.finish(&b), None, "position did not move");
        assert_eq!(t.finish(&a), Some(4));
        assert_eq!(t.in_flight(), 0);
    }

    #[test]
    fn partitions_are_independent() {
        let mut t = OffsetTracker::new();
        let a = t.begin("in", 0, 5);
        let b = t.begin("in", 1, 7);
        assert_eq!(t.finish(&b), Some(8));
        assert_eq!(t.in_flight_on("in", 0), 1);
        assert_eq!(t.finish(&a), Some(6));
    }

    #[test]
    fn completions_from_a_revoked_assignment_are_ignored() {
        let mut t = OffsetTracker::new();
        let old = t.begin("in", 0, 100);
        t.revoke("in", 0);
        let new = t.begin("in", 0, 50);
        assert_eq!(t.finish(&old), None, "stale generation must not store");
        assert_eq!(t.finish(&new), Some(51));
    }

    #[test]
    fn finishing_twice_is_harmless() {
        let mut t = OffsetTracker::new();
        let a = t.begin("in", 0, 1);
        assert_eq!(t.finish(&a), Some(2));
        assert_eq!(t.finish(&a), None);
    }
}
