use std::fmt::Debug;
use std::sync::Mutex;
use std::time::SystemTime;

use async_trait::async_trait;

use super::Token;
use crate::secret::SecretString;

/// Where the current token is kept.
///
/// The default, [`MemoryTokenStore`], keeps it in the client. Implement this
/// trait over a shared cache to let a fleet of processes use one token. A
/// store that fails to read should answer `None`: the client then acquires a
/// new token, which is always safe.
#[async_trait]
pub trait TokenStore: Debug + Send + Sync + 'static {
    /// The current token, if any.
    async fn get(&self) -> Option<Token>;
    /// The current access token if the store can answer without waiting, as
    /// an in-memory store can; `None` (the default) sends the client to
    /// [`get`](Self::get). The client calls it on every request, so that the
    /// common case costs neither a boxed future nor a copy of the refresh
    /// token. An optimisation hook: stores over a network keep the default.
    #[doc(hidden)]
    fn access_token_now(&self, now: SystemTime) -> Option<SecretString> {
        let _ = now;
        None
    }
    /// Replaces the current token.
    async fn put(&self, token: Token);
    /// Drops the current token, but only if it is still `access_token`: a
    /// token another caller already replaced stays.
    async fn remove_if_current(&self, access_token: &SecretString);
}

/// A token store inside the client.
#[derive(Debug, Default)]
pub struct MemoryTokenStore {
    slot: Mutex<Option<Token>>,
}

impl MemoryTokenStore {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Token>> {
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[async_trait]
impl TokenStore for MemoryTokenStore {
    async fn get(&self) -> Option<Token> {
        self.slot().clone()
    }

    fn access_token_now(&self, now: SystemTime) -> Option<SecretString> {
        self.slot()
            .as_ref()
            .filter(|t| t.is_fresh(now))
            .map(|t| t.access_token.clone())
    }

    async fn put(&self, token: Token) {
        *self.slot() = Some(token);
    }

    async fn remove_if_current(&self, access_token: &SecretString) {
        let mut slot = self.slot();
        if slot
            .as_ref()
            .is_some_and(|t| t.same_access_token(access_token))
        {
            *slot = None;
        }
    }
}
