//! What a [`crate::RedisTokenStore`] is built with, checked by its builder.

use std::time::Duration;

/// The store's own settings; the client's scope comes at bind time.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) redis_url: String,
    pub(crate) key_prefix: String,
    pub(crate) timing: Timing,
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
