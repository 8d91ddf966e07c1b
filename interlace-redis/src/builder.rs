//! Settings of a [`RedisTokenStore`] and their checks. The client id,
//! secret, base URL and clock are not among them: the client binds the store
//! to its own when it is built (`TokenStore::bind`).

use std::time::Duration;

use crate::connection::Connection;
use crate::settings::{Settings, Timing};
use crate::store::RedisTokenStore;

/// Why a [`RedisTokenStore`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The Redis URL does not parse.
    #[error("invalid Redis URL")]
    InvalidUrl(#[source] redis::RedisError),
    /// A setting is out of range.
    #[error("invalid setting `{name}`: {reason}")]
    InvalidSetting {
        /// The setting.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Builds a [`RedisTokenStore`]. Start with [`RedisTokenStore::builder`].
#[derive(Debug, Clone)]
pub struct RedisTokenStoreBuilder {
    settings: Settings,
}

impl RedisTokenStore {
    /// A store on `redis_url`. Give every process of the fleet the same
    /// Redis; the client id, secret, base URL and clock come from the client
    /// the store is handed to (`Client::builder(config).token_store(..)`),
    /// so the replicas cannot disagree on them.
    pub fn builder(redis_url: impl Into<String>) -> RedisTokenStoreBuilder {
        RedisTokenStoreBuilder::new(redis_url)
    }
}

impl RedisTokenStoreBuilder {
    fn new(redis_url: impl Into<String>) -> Self {
        Self {
            settings: Settings {
                redis_url: redis_url.into(),
                key_prefix: "interlace:token".to_owned(),
                timing: Timing {
                    operation_timeout: Duration::from_secs(1),
                    lease_ttl: Duration::from_secs(5),
                    poll_interval: Duration::from_millis(50),
                    retry_interval: Duration::from_secs(1),
                    max_wait: Duration::from_secs(60),
                },
            },
        }
    }

    /// First part of the Redis keys; default `interlace:token`.
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.settings.key_prefix = prefix.into();
        self
    }

    /// Longest wait for any one Redis operation; default 1 s. A slower
    /// answer counts as Redis being unavailable.
    pub fn operation_timeout(mut self, t: Duration) -> Self {
        self.settings.timing.operation_timeout = t;
        self
    }

    /// How long the lease of a process obtaining the token lasts without
    /// being kept alive; default 5 s. The holder extends it every third of
    /// that while it works, so this is how long the fleet waits for a holder
    /// that died before another process takes over.
    pub fn lease_ttl(mut self, t: Duration) -> Self {
        self.settings.timing.lease_ttl = t;
        self
    }

    /// How often a waiting process looks for the new token; default 50 ms.
    pub fn poll_interval(mut self, t: Duration) -> Self {
        self.settings.timing.poll_interval = t;
        self
    }

    /// How often an unavailable Redis is tried again; default 1 s.
    pub fn retry_interval(mut self, t: Duration) -> Self {
        self.settings.timing.retry_interval = t;
        self
    }

    /// Longest a process waits for another one's acquisition before it
    /// acquires on its own; default 60 s.
    pub fn max_wait(mut self, t: Duration) -> Self {
        self.settings.timing.max_wait = t;
        self
    }

    /// Checks the settings. Nothing connects yet: the store connects on
    /// first use and works on a process-local token while Redis is down.
    pub fn build(self) -> Result<RedisTokenStore, BuildError> {
        let t = &self.settings.timing;
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
        // Only parsed here; nothing connects before the first operation.
        Connection::new(&self.settings.redis_url, t.operation_timeout)
            .map_err(BuildError::InvalidUrl)?;
        Ok(RedisTokenStore::unbound(self.settings))
    }
}
