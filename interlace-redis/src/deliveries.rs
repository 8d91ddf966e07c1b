//! Handled webhook deliveries in Redis, for receivers behind a load
//! balancer: a retry that reaches another replica is still recognised.

use std::time::Duration;

use async_trait::async_trait;
use interlace_runtime::{Claim, DeliveryLog, DeliveryLogError};

use crate::builder::BuildError;
use crate::connection::{Connection, millis};
use crate::scripts;

/// A [`DeliveryLog`] in Redis.
///
/// A claim is `SET <prefix>:<key> pending NX PX <claim ttl>`; completion
/// overwrites it with `done` for the retention time. When Redis does not
/// answer, the receiver answers 503 and Interlace delivers again later: a
/// delivery is never handled without the log knowing of it.
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use interlace_redis::RedisDeliveryLog;
///
/// let log = RedisDeliveryLog::new("redis://10.0.0.5:6379/")?
///     .retention(Duration::from_secs(48 * 3600));
/// # let _ = log; Ok(()) }
/// ```
pub struct RedisDeliveryLog {
    redis: Connection,
    prefix: String,
    claim_ttl: Duration,
    retention: Duration,
}

impl std::fmt::Debug for RedisDeliveryLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisDeliveryLog")
            .field("prefix", &self.prefix)
            .field("claim_ttl", &self.claim_ttl)
            .field("retention", &self.retention)
            .finish_non_exhaustive()
    }
}

impl RedisDeliveryLog {
    /// A log on `redis_url`: keys `interlace:webhook:<id>`, claims lapsing
    /// after 60 s, handled deliveries kept 24 h (Interlace's retries span
    /// about 5 h), operations timing out after 1 s.
    pub fn new(redis_url: &str) -> Result<Self, BuildError> {
        Ok(Self {
            redis: Connection::new(redis_url, Duration::from_secs(1))
                .map_err(BuildError::InvalidUrl)?,
            prefix: "interlace:webhook".into(),
            claim_ttl: Duration::from_secs(60),
            retention: Duration::from_secs(24 * 3600),
        })
    }

    /// First part of the keys.
    #[must_use]
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// How long a claim holds when its handler neither succeeds nor fails
    /// (the process died).
    #[must_use]
    pub fn claim_ttl(mut self, ttl: Duration) -> Self {
        self.claim_ttl = ttl.max(Duration::from_millis(1));
        self
    }

    /// How long a handled delivery is remembered.
    #[must_use]
    pub fn retention(mut self, retention: Duration) -> Self {
        self.retention = retention.max(Duration::from_millis(1));
        self
    }

    fn key(&self, key: &str) -> String {
        format!("{}:{key}", self.prefix)
    }
}

#[async_trait]
impl DeliveryLog for RedisDeliveryLog {
    async fn claim(&self, key: &str) -> Result<Claim, DeliveryLogError> {
        let (key, ttl) = (self.key(key), millis(self.claim_ttl));
        let state: Option<String> = self
            .redis
            .run(|mut c| async move {
                scripts::CLAIM
                    .key(key)
                    .arg(ttl)
                    .invoke_async::<Option<String>>(&mut c)
                    .await
            })
            .await
            .map_err(DeliveryLogError)?;
        Ok(match state.as_deref() {
            None => Claim::New,
            Some("done") => Claim::Done,
            Some(_) => Claim::InProgress,
        })
    }

    async fn complete(&self, key: &str) -> Result<(), DeliveryLogError> {
        let (key, keep) = (self.key(key), millis(self.retention));
        self.redis
            .run(|mut c| async move {
                redis::cmd("SET")
                    .arg(key)
                    .arg("done")
                    .arg("PX")
                    .arg(keep)
                    .query_async::<()>(&mut c)
                    .await
            })
            .await
            .map_err(DeliveryLogError)
    }

    async fn release(&self, key: &str) {
        let key = self.key(key);
        let released = self
            .redis
            .run(|mut c| async move {
                scripts::RELEASE
                    .key(key)
                    .arg("pending")
                    .invoke_async::<i64>(&mut c)
                    .await
            })
            .await;
        if let Err(e) = released {
            tracing::warn!(
                target: "interlace_redis",
                error = %e,
                "could not release a webhook claim; it lapses after the claim TTL"
            );
        }
    }
}
