//! One lazily made, self-reconnecting Redis connection, and running an
//! operation on it under a timeout.

use std::future::Future;
use std::sync::OnceLock;
use std::time::Duration;

use redis::RedisResult;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

pub(crate) struct Connection {
    client: redis::Client,
    manager: OnceLock<ConnectionManager>,
    timeout: Duration,
}

impl Connection {
    pub(crate) fn new(url: &str, timeout: Duration) -> Result<Self, redis::RedisError> {
        Ok(Self {
            client: redis::Client::open(url)?,
            manager: OnceLock::new(),
            timeout,
        })
    }

    /// Made on first use, inside the runtime: the manager spawns a task.
    fn manager(&self) -> RedisResult<ConnectionManager> {
        if let Some(c) = self.manager.get() {
            return Ok(c.clone());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(self.timeout))
            .set_response_timeout(Some(self.timeout))
            .set_number_of_retries(1);
        let made = ConnectionManager::new_lazy_with_config(self.client.clone(), config)?;
        Ok(self.manager.get_or_init(|| made).clone())
    }

    /// Runs `op` with the timeout; the error says what went wrong.
    pub(crate) async fn run<T, F, Fut>(&self, op: F) -> Result<T, String>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        let connection = self.manager().map_err(|e| e.to_string())?;
        match tokio::time::timeout(self.timeout, op(connection)).await {
            Ok(result) => result.map_err(|e| e.to_string()),
            Err(_) => Err(format!("no answer within {:?}", self.timeout)),
        }
    }
}

/// A duration as the whole milliseconds Redis's `PX` and `PEXPIRE` take.
pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
