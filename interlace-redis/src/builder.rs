//! Settings of a [`RedisTokenStore`] and their checks.

use std::sync::Arc;
use std::time::Duration;

use interlace_runtime::secret::SecretString;
use interlace_runtime::{Clock, SANDBOX_URL, SystemClock};

use crate::store::RedisTokenStore;

/// Why a [`RedisTokenStore`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The Redis URL does not parse.
    #[error("invalid Redis URL: {0}")]
    InvalidUrl(String),
    /// A setting is out of range.
    #[error("invalid setting `{name}`: {reason}")]
    InvalidSetting {
        /// The setting.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Timing of a [`RedisTokenStore`]; see [`RedisTokenStoreBuilder`] for each.
#[derive(Debug, Clone)]
pub(crate) struct Timing {
    pub(crate) operation_timeout: Duration,
    pub(crate) lease_ttl: Duration,
    pub(crate) poll_interval: Duration,
    pub(crate) retry_interval: Duration,
    pub(crate) max_wait: Duration,
}

/// Builds a [`RedisTokenStore`]. Start with [`RedisTokenStore::builder`].
pub struct RedisTokenStoreBuilder {
    pub(crate) redis_url: String,
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
    pub(crate) base_url: String,
    pub(crate) key_prefix: String,
    pub(crate) timing: Timing,
    pub(crate) clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for RedisTokenStoreBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisTokenStoreBuilder")
            .field("client_id", &self.client_id)
            .field("base_url", &self.base_url)
            .field("key_prefix", &self.key_prefix)
            .field("timing", &self.timing)
            .finish_non_exhaustive()
    }
}

impl RedisTokenStoreBuilder {
    pub(crate) fn new(
        redis_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            redis_url: redis_url.into(),
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            base_url: SANDBOX_URL.to_owned(),
            key_prefix: "interlace:token".to_owned(),
            timing: Timing {
                operation_timeout: Duration::from_secs(1),
                lease_ttl: Duration::from_secs(5),
                poll_interval: Duration::from_millis(50),
                retry_interval: Duration::from_secs(1),
                max_wait: Duration::from_secs(60),
            },
            clock: Arc::new(SystemClock),
        }
    }

    /// The base URL the clients call; default the sandbox. Tokens of
    /// different base URLs never mix: it is part of the Redis key.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// First part of the Redis keys; default `interlace:token`.
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.key_prefix = prefix.into();
        self
    }

    /// Longest wait for any one Redis operation; default 1 s. A slower
    /// answer counts as Redis being unavailable.
    pub fn operation_timeout(mut self, t: Duration) -> Self {
        self.timing.operation_timeout = t;
        self
    }

    /// How long the lease of a process obtaining the token lasts without
    /// being kept alive; default 5 s. The holder extends it every third of
    /// that while it works, so this is how long the fleet waits for a holder
    /// that died before another process takes over.
    pub fn lease_ttl(mut self, t: Duration) -> Self {
        self.timing.lease_ttl = t;
        self
    }

    /// How often a waiting process looks for the new token; default 50 ms.
    pub fn poll_interval(mut self, t: Duration) -> Self {
        self.timing.poll_interval = t;
        self
    }

    /// How often an unavailable Redis is tried again; default 1 s.
    pub fn retry_interval(mut self, t: Duration) -> Self {
        self.timing.retry_interval = t;
        self
    }

    /// Longest a process waits for another one's acquisition before it
    /// acquires on its own; default 60 s.
    pub fn max_wait(mut self, t: Duration) -> Self {
        self.timing.max_wait = t;
        self
    }

    /// The clock tokens are judged by; give the client's when it has one.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Checks the settings. Nothing connects yet: the store connects on
    /// first use and works on a process-local token while Redis is down.
    pub fn build(self) -> Result<RedisTokenStore, BuildError> {
        let t = &self.timing;
        for (name, value, min) in [
            (
                "operation_timeout",
                t.operation_timeout,
                Duration::from_millis(1),
            ),
            ("lease_ttl", t.lease_ttl, Duration::from_millis(100)),
            ("poll_interval", t.poll_interval, Duration::from_millis(1)),
            ("retry_interval", t.retry_interval, Duration::from_millis(1)),
            ("max_wait", t.max_wait, Duration::from_millis(1)),
        ] {
            if value < min {
                return Err(BuildError::InvalidSetting {
                    name,
                    reason: if min.as_millis() > 1 {
                        "must be at least 100 ms"
                    } else {
                        "must be at least 1 ms"
                    },
                });
            }
        }
        if self.client_id.trim().is_empty() {
            return Err(BuildError::InvalidSetting {
                name: "client_id",
                reason: "must not be empty",
            });
        }
        RedisTokenStore::from_builder(self)
    }
}
