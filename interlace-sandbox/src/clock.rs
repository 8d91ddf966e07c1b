//! The emulator's clock: real time plus however far a test moved it.

use std::time::{Duration, Instant};

/// The emulator's clock: real time moved forward by what tests asked for,
/// so tokens and codes can be made to expire without waiting.
#[derive(Debug, Default)]
pub struct Clock {
    ahead: std::sync::Mutex<Duration>,
}

impl Clock {
    pub fn now(&self) -> Instant {
        Instant::now() + *self.ahead.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn advance(&self, by: Duration) {
        *self.ahead.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }
}
