//! Which webhook deliveries were already handled, so a retried or duplicated
//! delivery is acknowledged without running the handler again.
//!
//! A delivery is *claimed* before its handler runs, *completed* when the
//! handler succeeded, and *released* when it failed (so Interlace's retry
//! runs it again). A claim that is neither completed nor released (the
//! process died mid-handler) lapses after a while, for the same reason.

use std::collections::{HashMap, VecDeque};
use std::fmt::Debug;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;

/// What [`DeliveryLog::claim`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Not seen before, or a failed attempt: this caller runs the handler.
    New,
    /// Already handled successfully: acknowledge without running it.
    Done,
    /// Being handled right now by another request: answer so that Interlace
    /// retries later, by when it is done.
    InProgress,
}

/// The delivery log could not be asked (for example, Redis is down).
#[derive(Debug, Clone, thiserror::Error)]
#[error("the webhook delivery log is unavailable: {0}")]
pub struct DeliveryLogError(pub String);

/// The deliveries a receiver has seen.
///
/// [`MemoryDeliveryLog`] serves one process. Behind a load balancer, where a
/// retry may reach another replica, use a shared one (the `interlace-redis`
/// crate has `RedisDeliveryLog`).
#[async_trait]
pub trait DeliveryLog: Debug + Send + Sync + 'static {
    /// Claims `key` for handling.
    async fn claim(&self, key: &str) -> Result<Claim, DeliveryLogError>;
    /// Records that the handler of `key` succeeded.
    async fn complete(&self, key: &str) -> Result<(), DeliveryLogError>;
    /// Gives up a claim whose handler failed, so the next attempt runs it.
    async fn release(&self, key: &str);
}

/// An in-process [`DeliveryLog`] that remembers the latest `capacity`
/// deliveries.
///
/// ```
/// use std::time::Duration;
/// use interlace_runtime::MemoryDeliveryLog;
///
/// // Interlace retries for about 5 hours; 100,000 deliveries cover that at
/// // 5 a second.
/// let log = MemoryDeliveryLog::new(100_000).claim_ttl(Duration::from_secs(60));
/// # let _ = log;
/// ```
#[derive(Debug)]
pub struct MemoryDeliveryLog {
    state: Mutex<State>,
    capacity: usize,
    claim_ttl: Duration,
}

#[derive(Debug, Default)]
struct State {
    entries: HashMap<String, Entry>,
    /// Keys in the order they were added, with the generation added, so a
    /// key released and claimed again is not evicted by its old place.
    order: VecDeque<(String, u64)>,
    generation: u64,
}

#[derive(Debug)]
struct Entry {
    generation: u64,
    status: Status,
}

#[derive(Debug)]
enum Status {
    Pending { until: Instant },
    Done,
}

impl MemoryDeliveryLog {
    /// Remembers up to `capacity` deliveries (at least 1); a claim lapses
    /// after 60 s unless [`claim_ttl`](Self::claim_ttl) says otherwise.
    pub fn new(capacity: usize) -> Self {
        Self {
            state: Mutex::default(),
            capacity: capacity.max(1),
            claim_ttl: Duration::from_secs(60),
        }
    }

    /// How long a claim holds without completion or release.
    #[must_use]
    pub fn claim_ttl(mut self, ttl: Duration) -> Self {
        self.claim_ttl = ttl;
        self
    }

    /// How many deliveries it remembers now.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether it remembers none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for MemoryDeliveryLog {
    fn default() -> Self {
        Self::new(100_000)
    }
}

#[async_trait]
impl DeliveryLog for MemoryDeliveryLog {
    async fn claim(&self, key: &str) -> Result<Claim, DeliveryLogError> {
        let mut state = self.lock();
        let now = Instant::now();
        match state.entries.get(key).map(|e| &e.status) {
            Some(Status::Done) => return Ok(Claim::Done),
            Some(Status::Pending { until }) if *until > now => return Ok(Claim::InProgress),
            _ => {}
        }
        state.generation += 1;
        let generation = state.generation;
        state.entries.insert(
            key.to_owned(),
            Entry {
                generation,
                status: Status::Pending {
                    until: now + self.claim_ttl,
                },
            },
        );
        state.order.push_back((key.to_owned(), generation));
        while state.entries.len() > self.capacity {
            let Some((old, generation)) = state.order.pop_front() else {
                break;
            };
            if state
                .entries
                .get(&old)
                .is_some_and(|e| e.generation == generation)
            {
                state.entries.remove(&old);
            }
        }
        // Places of keys that were released or claimed again pile up in
        // `order`; drop them once they outnumber the live entries.
        if state.order.len() > 2 * self.capacity {
            let State { entries, order, .. } = &mut *state;
            order.retain(|(k, g)| entries.get(k).is_some_and(|e| e.generation == *g));
        }
        Ok(Claim::New)
    }

    async fn complete(&self, key: &str) -> Result<(), DeliveryLogError> {
        if let Some(entry) = self.lock().entries.get_mut(key) {
            entry.status = Status::Done;
        }
        Ok(())
    }

    async fn release(&self, key: &str) {
        let mut state = self.lock();
        if matches!(
            state.entries.get(key).map(|e| &e.status),
            Some(Status::Pending { .. })
        ) {
            state.entries.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn a_delivery_is_new_then_in_progress_then_done() {
        block(async {
            let log = MemoryDeliveryLog::new(10);
            assert_eq!(log.claim("a").await.unwrap(), Claim::New);
            assert_eq!(log.claim("a").await.unwrap(), Claim::InProgress);
            log.complete("a").await.unwrap();
            assert_eq!(log.claim("a").await.unwrap(), Claim::Done);
            assert_eq!(log.claim("b").await.unwrap(), Claim::New);
        });
    }

    #[test]
    fn a_released_claim_can_be_claimed_again_but_a_completed_one_stays_done() {
        block(async {
            let log = MemoryDeliveryLog::new(10);
            log.claim("a").await.unwrap();
            log.release("a").await;
            assert_eq!(log.claim("a").await.unwrap(), Claim::New);
            log.complete("a").await.unwrap();
            log.release("a").await;
            assert_eq!(log.claim("a").await.unwrap(), Claim::Done);
        });
    }

    #[test]
    fn a_lapsed_claim_is_new_again() {
        block(async {
            let log = MemoryDeliveryLog::new(10).claim_ttl(Duration::ZERO);
            log.claim("a").await.unwrap();
            assert_eq!(log.claim("a").await.unwrap(), Claim::New);
        });
    }

    #[test]
    fn the_oldest_deliveries_are_forgotten_beyond_capacity() {
        block(async {
            let log = MemoryDeliveryLog::new(3);
            for k in ["a", "b", "c", "d"] {
                log.claim(k).await.unwrap();
                log.complete(k).await.unwrap();
            }
            assert_eq!(log.len(), 3);
            assert_eq!(log.claim("a").await.unwrap(), Claim::New);
            assert_eq!(log.claim("d").await.unwrap(), Claim::Done);
            // Released and claimed again many times: the bookkeeping stays bounded.
            for _ in 0..100 {
                log.claim("x").await.unwrap();
                log.release("x").await;
            }
            assert!(log.lock().order.len() <= 2 * 3 + 1);
        });
    }
}
