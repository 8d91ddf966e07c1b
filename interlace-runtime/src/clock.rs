//! Time as the client sees it, replaceable in tests.
//!
//! Token expiry and retry waits go through a [`Clock`], so a test can move
//! time forward with [`ManualClock`] instead of sleeping.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// A boxed future returned by [`Clock::sleep`].
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The source of "now" and of waiting.
pub trait Clock: Debug + Send + Sync + 'static {
    /// The current wall-clock time.
    fn now(&self) -> SystemTime;
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// The real clock: `SystemTime::now` and `tokio::time::sleep`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
    fn sleep(&self, duration: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock that moves only when told to. Sleeping on it moves it forward at
/// once and records how long was asked for.
///
/// ```
/// use std::time::Duration;
/// use interlace_runtime::{Clock, ManualClock};
///
/// let clock = ManualClock::new();
/// let start = clock.now();
/// clock.advance(Duration::from_secs(90));
/// assert_eq!(clock.now().duration_since(start).unwrap(), Duration::from_secs(90));
/// ```
#[derive(Debug)]
pub struct ManualClock {
    state: Mutex<ManualState>,
}

#[derive(Debug)]
struct ManualState {
    now: SystemTime,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// A clock at a fixed instant (2026-01-01T00:00:00Z).
    pub fn new() -> Self {
        Self::at(SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
    }

    /// A clock at `now`.
    pub fn at(now: SystemTime) -> Self {
        Self {
            state: Mutex::new(ManualState {
                now,
                sleeps: Vec::new(),
            }),
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        self.lock().now += by;
    }

    /// Every duration slept on this clock so far.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ManualState> {
        // A panic while holding this lock leaves plain data behind; keep going.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        self.lock().now
    }
    fn sleep(&self, duration: Duration) -> Sleep {
        let mut state = self.lock();
        state.now += duration;
        state.sleeps.push(duration);
        Box::pin(std::future::ready(()))
    }
}
