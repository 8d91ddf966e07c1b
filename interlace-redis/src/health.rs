//! Whether Redis is answering, and getting back to it when it was not.
//!
//! After a failed or timed-out operation the store is *degraded*: it stops
//! sending anything to Redis (so no call pays a timeout) and works on its
//! process-local token. A background probe pings Redis every retry interval
//! and ends the outage when it answers.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub(crate) struct Health {
    degraded_since: Mutex<Option<Instant>>,
    outages: AtomicU64,
}

impl Health {
    pub(crate) fn is_degraded(&self) -> bool {
        self.since().is_some()
    }

    pub(crate) fn outages(&self) -> u64 {
        self.outages.load(Ordering::Relaxed)
    }

    /// Starts an outage; `true` when this call started it (the caller then
    /// starts the probe).
    pub(crate) fn degrade(&self, operation: &'static str, error: &dyn std::fmt::Display) -> bool {
        let mut since = self.lock();
        if since.is_some() {
            return false;
        }
        *since = Some(Instant::now());
        let outages = self.outages.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::warn!(
            target: "interlace_redis",
            event = "token_store_degraded",
            operation,
            error = %error,
            outages,
            "Redis token store unavailable: calls go on with a process-local token until it is back"
        );
        true
    }

    /// Ends the outage, if any.
    pub(crate) fn recover(&self) {
        if let Some(since) = self.lock().take() {
            tracing::info!(
                target: "interlace_redis",
                event = "token_store_recovered",
                down_ms = u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX),
                "Redis token store available again: the fleet shares one token"
            );
        }
    }

    pub(crate) fn down_for(&self) -> Option<Duration> {
        self.since().map(|s| s.elapsed())
    }

    fn since(&self) -> Option<Instant> {
        *self.lock()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        self.degraded_since
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}
