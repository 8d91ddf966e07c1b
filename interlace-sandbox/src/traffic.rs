//! What arrived, for tests that count.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// What arrived, for tests that count: calls per route, the most running at
/// once, and POST bodies sent without an `Idempotency-Key`.
#[derive(Debug, Default)]
pub struct Traffic {
    inner: Mutex<TrafficData>,
}

#[derive(Debug, Default)]
struct TrafficData {
    counts: HashMap<String, u64>,
    in_flight: HashMap<String, u64>,
    max_in_flight: HashMap<String, u64>,
    unkeyed_posts: HashMap<(String, Vec<u8>), u64>,
}

impl Traffic {
    fn lock(&self) -> MutexGuard<'_, TrafficData> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn enter(&self, route: &str) {
        let mut t = self.lock();
        *t.counts.entry(route.to_owned()).or_default() += 1;
        let now = {
            let n = t.in_flight.entry(route.to_owned()).or_default();
            *n += 1;
            *n
        };
        let max = t.max_in_flight.entry(route.to_owned()).or_default();
        *max = (*max).max(now);
    }

    pub fn leave(&self, route: &str) {
        if let Some(n) = self.lock().in_flight.get_mut(route) {
            *n = n.saturating_sub(1);
        }
    }

    pub fn unkeyed_post(&self, route: &str, body: &[u8]) {
        *self
            .lock()
            .unkeyed_posts
            .entry((route.to_owned(), body.to_vec()))
            .or_default() += 1;
    }

    pub fn count(&self, route: &str) -> u64 {
        self.lock().counts.get(route).copied().unwrap_or(0)
    }

    pub fn max_in_flight(&self, route: &str) -> u64 {
        self.lock().max_in_flight.get(route).copied().unwrap_or(0)
    }

    /// How many unkeyed POSTs arrived with a body already seen on the same route.
    pub fn repeated_unkeyed_posts(&self) -> u64 {
        self.lock().unkeyed_posts.values().map(|n| n - 1).sum()
    }
}
