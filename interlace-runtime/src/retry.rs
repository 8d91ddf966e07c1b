//! When to try a call again, as a pure function.
//!
//! [`decide`] sees only numbers and facts about the failed attempt, so every
//! rule is unit-tested without a server or a clock.

use std::time::Duration;

/// Bounds on retrying one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included. `1` turns retries off.
    pub max_attempts: u32,
    /// Backoff ceiling before the first retry; it doubles per retry.
    pub initial_backoff: Duration,
    /// Largest backoff between two attempts.
    pub max_backoff: Duration,
    /// No retry starts once this much time has passed since the first attempt.
    pub max_elapsed: Duration,
    /// The longest `Retry-After` the client is willing to wait; a longer one ends the call.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }
}

/// How an attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The connection could not be made; nothing was sent.
    Connect,
    /// The attempt timed out, possibly after the server got the request.
    Timeout,
    /// Another transport failure after the request may have been sent.
    Transport,
    /// An answer with this status, and its `Retry-After` if any.
    Status {
        /// HTTP status.
        status: u16,
        /// Parsed `Retry-After`.
        retry_after: Option<Duration>,
    },
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then try again.
    Retry(Duration),
    /// Give up and report the failure.
    Stop,
}

/// Facts about the call, fixed across its attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallFacts {
    /// `true` for GET; for anything else only when an `Idempotency-Key` is sent.
    pub replay_safe: bool,
}

/// Whether a status is worth retrying: 429, 502, 503 and 504.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// Decides after attempt number `attempt` (1-based) failed with `failure`.
///
/// `elapsed` is the time since the first attempt started and `jitter` a
/// sample from `[0, 1)`; the backoff is "full jitter": a uniform share of an
/// exponentially growing ceiling. A `Retry-After` from the server replaces
/// the backoff.
pub fn decide(
    policy: &RetryPolicy,
    facts: CallFacts,
    attempt: u32,
    failure: Failure,
    elapsed: Duration,
    jitter: f64,
) -> Decision {
    if attempt >= policy.max_attempts {
        return Decision::Stop;
    }
    let (retryable, retry_after) = match failure {
        // Nothing reached the server, so even a POST without a key is safe.
        Failure::Connect => (true, None),
        Failure::Timeout | Failure::Transport => (facts.replay_safe, None),
        Failure::Status {
            status,
            retry_after,
        } => (
            facts.replay_safe && is_retryable_status(status),
            retry_after,
        ),
    };
    if !retryable {
        return Decision::Stop;
    }
    let wait = match retry_after {
        Some(after) if after > policy.max_retry_after => return Decision::Stop,
        Some(after) => after,
        None => backoff(policy, attempt, jitter),
    };
    if elapsed + wait > policy.max_elapsed {
        return Decision::Stop;
    }
    Decision::Retry(wait)
}

fn backoff(policy: &RetryPolicy, attempt: u32, jitter: f64) -> Duration {
    let doublings = attempt.saturating_sub(1).min(20);
    let ceiling = policy
        .initial_backoff
        .saturating_mul(1 << doublings)
        .min(policy.max_backoff);
    ceiling.mul_f64(jitter.clamp(0.0, 1.0))
}

/// Parses a `Retry-After` value: delay seconds or an HTTP date, relative to `now`.
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFE: CallFacts = CallFacts { replay_safe: true };
    const UNSAFE: CallFacts = CallFacts { replay_safe: false };

    fn status(s: u16) -> Failure {
        Failure::Status {
            status: s,
            retry_after: None,
        }
    }

    #[test]
    fn retries_the_retryable_statuses_of_a_safe_call() {
        let p = RetryPolicy::default();
        for s in [429, 502, 503, 504] {
            assert!(
                matches!(
                    decide(&p, SAFE, 1, status(s), Duration::ZERO, 0.5),
                    Decision::Retry(_)
                ),
                "{s}"
            );
        }
        for s in [400, 401, 404, 500, 501] {
            assert_eq!(
                decide(&p, SAFE, 1, status(s), Duration::ZERO, 0.5),
                Decision::Stop,
                "{s}"
            );
        }
    }

    #[test]
    fn an_unsafe_call_is_retried_only_when_nothing_was_sent() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, UNSAFE, 1, status(503), Duration::ZERO, 0.5),
            Decision::Stop
        );
        assert_eq!(
            decide(&p, UNSAFE, 1, Failure::Timeout, Duration::ZERO, 0.5),
            Decision::Stop
        );
        assert_eq!(
            decide(&p, UNSAFE, 1, Failure::Transport, Duration::ZERO, 0.5),
            Decision::Stop
        );
        assert!(matches!(
            decide(&p, UNSAFE, 1, Failure::Connect, Duration::ZERO, 0.5),
            Decision::Retry(_)
        ));
    }

    #[test]
    fn attempts_and_elapsed_time_are_bounded() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, SAFE, p.max_attempts, status(503), Duration::ZERO, 0.5),
            Decision::Stop
        );
        assert_eq!(
            decide(&p, SAFE, 1, status(503), p.max_elapsed, 0.5),
            Decision::Stop
        );
        assert_eq!(
            decide(
                &RetryPolicy::none(),
                SAFE,
                1,
                status(503),
                Duration::ZERO,
                0.5
            ),
            Decision::Stop
        );
    }

    #[test]
    fn backoff_is_full_jitter_under_a_doubling_ceiling() {
        let p = RetryPolicy::default();
        let wait = |attempt, jitter| match decide(
            &p,
            SAFE,
            attempt,
            status(503),
            Duration::ZERO,
            jitter,
        ) {
            Decision::Retry(d) => d,
            Decision::Stop => panic!("stopped"),
        };
        assert_eq!(wait(1, 0.0), Duration::ZERO);
        assert_eq!(wait(1, 1.0), Duration::from_millis(200));
        assert_eq!(wait(2, 1.0), Duration::from_millis(400));
        assert_eq!(wait(3, 0.5), Duration::from_millis(400));
        let big = RetryPolicy {
            max_attempts: 100,
            ..p.clone()
        };
        let d = decide(&big, SAFE, 60, status(503), Duration::ZERO, 1.0);
        assert_eq!(d, Decision::Retry(big.max_backoff));
    }

    #[test]
    fn retry_after_replaces_the_backoff_and_is_capped() {
        let p = RetryPolicy::default();
        let f = |secs| Failure::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(secs)),
        };
        assert_eq!(
            decide(&p, SAFE, 1, f(7), Duration::ZERO, 0.0),
            Decision::Retry(Duration::from_secs(7))
        );
        assert_eq!(
            decide(&p, SAFE, 1, f(31), Duration::ZERO, 0.0),
            Decision::Stop
        );
        assert_eq!(
            decide(&p, SAFE, 1, f(20), Duration::from_secs(15), 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        let now = httpdate::parse_http_date("Wed, 25 Nov 2026 10:00:00 GMT").unwrap();
        assert_eq!(parse_retry_after(" 3 ", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 25 Nov 2026 10:00:05 GMT", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Wed, 25 Nov 2026 09:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
