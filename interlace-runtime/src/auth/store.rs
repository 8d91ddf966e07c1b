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
    /// Binds the store to the client that uses it, before its first call:
    /// `Client::builder(..).build()` calls it with the client's
    /// [`StoreScope`]. A store shared by several processes keys and seals
    /// the token by it, so that every replica of a fleet agrees without
    /// repeating the settings; a store bound to one scope refuses another.
    /// The default does nothing.
    fn bind(&self, scope: &StoreScope) -> Result<(), BindError> {
        let _ = scope;
        Ok(())
    }
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
    /// Called before the client obtains a token (first token, renewal, or
    /// replacement after a rejection), with the token it found too old, if
    /// any. A store shared by several processes answers
    /// [`Acquisition::Stored`] when another process stored a newer token in
    /// the meantime, so that a fleet makes one acquisition, not one per
    /// process. The default lets every process acquire its own.
    async fn begin_acquisition(&self, stale: Option<&Token>) -> Acquisition {
        let _ = stale;
        Acquisition::Proceed(Lease::local())
    }
    /// Called once the acquisition that [`begin_acquisition`](Self::begin_acquisition)
    /// allowed is over, whether it succeeded (the new token is already
    /// [`put`](Self::put)) or failed.
    async fn finish_acquisition(&self, lease: Lease) {
        let _ = lease;
    }
}

/// What [`TokenStore::begin_acquisition`] answers.
#[derive(Debug)]
#[non_exhaustive]
pub enum Acquisition {
    /// This process obtains the token; the lease goes back to
    /// [`TokenStore::finish_acquisition`] when it is done.
    Proceed(Lease),
    /// Another process stored this token while this one waited; use it.
    Stored(Token),
}

/// The right to obtain the token for everyone sharing a store.
///
/// A store that coordinates processes puts its lease id in it, and anything
/// that must stop when the lease is given up or dropped (a task that keeps
/// the lease alive, say) in its guard.
pub struct Lease {
    id: Option<String>,
    _guard: Option<Box<dyn Send + Sync>>,
}

impl Lease {
    /// A lease that coordinates nothing beyond this process.
    pub fn local() -> Self {
        Self {
            id: None,
            _guard: None,
        }
    }

    /// A lease known to the store as `id`; `guard` is dropped with it.
    pub fn shared(id: String, guard: impl Send + Sync + 'static) -> Self {
        Self {
            id: Some(id),
            _guard: Some(Box::new(guard)),
        }
    }

    /// The store's id of the lease; `None` for a [`local`](Self::local) one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

impl Debug for Lease {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lease").field("id", &self.id).finish()
    }
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

/// Whom a [`TokenStore`] keeps the token for: the client's base URL, client
/// id and secret, and the clock it judges tokens by.
#[derive(Clone)]
#[non_exhaustive]
pub struct StoreScope {
    /// The base URL the client calls, as configured.
    pub base_url: String,
    /// The client id.
    pub client_id: String,
    /// The client secret (never printed).
    pub client_secret: SecretString,
    /// The client's clock.
    pub clock: std::sync::Arc<dyn crate::clock::Clock>,
}

impl StoreScope {
    /// A scope on the system clock; a client passes its own clock.
    pub fn new(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            base_url: base_url.into(),
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            clock: std::sync::Arc::new(crate::clock::SystemClock),
        }
    }

    /// The same scope on `clock`.
    pub fn with_clock(mut self, clock: std::sync::Arc<dyn crate::clock::Clock>) -> Self {
        self.clock = clock;
        self
    }
}

impl Debug for StoreScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreScope")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}

/// Why a [`TokenStore`] refused to serve a client.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BindError(pub String);
