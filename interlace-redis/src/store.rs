//! The store itself: one sealed token per base URL and client id in Redis,
//! a lease for the process that obtains it, and a process-local copy that
//! serves the common path and carries calls through a Redis outage.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use interlace_runtime::secret::SecretString;
use interlace_runtime::{
    Acquisition, BindError, Clock, Lease, MemoryTokenStore, StoreScope, Token, TokenStore,
};
use redis::aio::ConnectionManager;
use redis::{AsyncCommands, RedisResult};

use crate::connection::{Connection, millis};
use crate::health::Health;
use crate::scripts;
use crate::sealed::{Sealer, unix_ms};
use crate::settings::{Settings, Timing};

/// A [`TokenStore`] in Redis, for a fleet of processes sharing one client id.
///
/// - One token for the fleet: the first process to need a token takes a
///   lease (`SET NX PX`), obtains it and stores it; the others wait for it.
///   Renewal works the same way, so the fleet renews once per token lifetime.
/// - The token is sealed with AES-256-GCM under a key derived from the client
///   secret: what Redis holds cannot be sent as a token.
/// - Calls read a process-local copy; Redis is asked only when that copy is
///   due for renewal, missing or rejected.
/// - When Redis is unavailable, calls go on with the local copy (each
///   process acquiring its own if it must), a warning is logged with
///   `event = "token_store_degraded"`, and the store reconnects on its own.
///
/// The store is bound to the client it is handed to, which gives it the
/// base URL, client id, secret and clock: the key is
/// `interlace:token:<host of the base URL>:<client id>`. One store serves one
/// client scope; a second client of another scope is refused when it is
/// built.
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::sync::Arc;
/// use interlace_redis::RedisTokenStore;
/// use interlace_runtime::{Client, Config};
///
/// let store = RedisTokenStore::builder("redis://10.0.0.5:6379/").build()?;
/// let config = Config::builder()
///     .client_id("interlace5a4d3c2b1a0f9e8d")
///     .client_secret("client secret")
///     .build()?;
/// let client = Client::builder(config).token_store(Arc::new(store)).build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisTokenStore {
    state: Arc<State>,
}

struct State {
    settings: Settings,
    /// Set once, by the first client the store is handed to.
    bound: OnceLock<Arc<Inner>>,
    /// Serves a store used before any client bound it: this process only.
    unbound: MemoryTokenStore,
}

struct Inner {
    redis: Connection,
    key: String,
    lease_key: String,
    sealer: Sealer,
    timing: Timing,
    clock: Arc<dyn Clock>,
    local: MemoryTokenStore,
    health: Health,
    probing: AtomicBool,
    last_read: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for RedisTokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisTokenStore")
            .field("key", &self.key())
            .field("degraded", &self.is_degraded())
            .finish_non_exhaustive()
    }
}

/// The token's Redis key for a scope.
fn key_for(prefix: &str, base_url: &str, client_id: &str) -> String {
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .trim_end_matches('/');
    format!("{prefix}:{host}:{client_id}")
}

/// What two bindings compare to tell whether they share a secret, without
/// keeping the secret: a fingerprint of a fixed text under the sealing key.
const SECRET_PROBE: &str = "interlace-redis bind check";

impl RedisTokenStore {
    pub(crate) fn unbound(settings: Settings) -> Self {
        Self {
            state: Arc::new(State {
                settings,
                bound: OnceLock::new(),
                unbound: MemoryTokenStore::default(),
            }),
        }
    }

    fn bound(&self) -> Option<&Arc<Inner>> {
        self.state.bound.get()
    }

    /// The Redis key of the token, once a client has bound the store; the
    /// lease is this key with `:lease`.
    pub fn key(&self) -> Option<&str> {
        self.bound().map(|inner| inner.key.as_str())
    }

    /// Whether Redis is unavailable and this process works on its own token.
    pub fn is_degraded(&self) -> bool {
        self.bound().is_some_and(|inner| inner.health.is_degraded())
    }

    /// How long the current outage has lasted, if there is one.
    pub fn down_for(&self) -> Option<Duration> {
        self.bound().and_then(|inner| inner.health.down_for())
    }

    /// How many times Redis became unavailable since the store was bound.
    pub fn outages(&self) -> u64 {
        self.bound().map_or(0, |inner| inner.health.outages())
    }

    fn inner_for(&self, scope: &StoreScope) -> Result<Inner, BindError> {
        let settings = &self.state.settings;
        let key = key_for(&settings.key_prefix, &scope.base_url, &scope.client_id);
        let redis = Connection::new(&settings.redis_url, settings.timing.operation_timeout)
            .map_err(|e| BindError(format!("invalid Redis URL: {e}")))?;
        Ok(Inner {
            redis,
            lease_key: format!("{key}:lease"),
            sealer: Sealer::new(&scope.client_secret, &key),
            key,
            timing: settings.timing.clone(),
            clock: scope.clock.clone(),
            local: MemoryTokenStore::default(),
            health: Health::default(),
            probing: AtomicBool::new(false),
            last_read: Mutex::new(None),
        })
    }
}

impl Inner {
    /// Runs one Redis operation under the timeout; `None` when Redis is
    /// degraded or the operation failed (which starts an outage).
    async fn run<T, F, Fut>(self: &Arc<Self>, operation: &'static str, op: F) -> Option<T>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        if self.health.is_degraded() {
            return None;
        }
        let outcome = match self.redis.run(op).await {
            Ok(value) => return Some(value),
            Err(e) => e,
        };
        if self.health.degrade(operation, &outcome) {
            self.start_probe();
        }
        None
    }

    /// Pings Redis every retry interval until it answers.
    fn start_probe(self: &Arc<Self>) {
        if self.probing.swap(true, Ordering::AcqRel) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            self.probing.store(false, Ordering::Release);
            return;
        };
        let weak: Weak<Self> = Arc::downgrade(self);
        runtime.spawn(async move {
            loop {
                let Some(inner) = weak.upgrade() else { return };
                let interval = inner.timing.retry_interval;
                drop(inner);
                tokio::time::sleep(interval).await;
                let Some(inner) = weak.upgrade() else { return };
                let answered =
                    inner
                        .redis
                        .run(|mut c| async move {
                            redis::cmd("PING").query_async::<String>(&mut c).await
                        })
                        .await;
                if answered.is_ok() {
                    inner.probing.store(false, Ordering::Release);
                    inner.health.recover();
                    return;
                }
            }
        });
    }

    /// The token in Redis: `Some(None)` when there is none (or it does not
    /// open under this secret), `None` when Redis did not answer.
    async fn read(self: &Arc<Self>) -> Option<Option<Token>> {
        let key = self.key.clone();
        let sealed: Option<String> = self
            .run("read token", |mut c| async move {
                c.hget::<_, _, Option<String>>(key, "token").await
            })
            .await?;
        Some(sealed.and_then(|s| self.sealer.open(&s)))
    }

    /// Whether a Redis read is due while the local token is still usable:
    /// at most one per poll interval, so a renewal window costs the fleet a
    /// few reads, not one per call.
    fn read_due(&self) -> bool {
        let mut last = self.last_read.lock().unwrap_or_else(|e| e.into_inner());
        let due = last.is_none_or(|t| t.elapsed() >= self.timing.poll_interval);
        if due {
            *last = Some(Instant::now());
        }
        due
    }

    fn forget_last_read(&self) {
        *self.last_read.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// A token another process stored in place of `stale`, fresh now.
    fn replaces(&self, token: &Token, stale: Option<&Token>) -> bool {
        token.is_fresh(self.clock.now())
            && stale.is_none_or(|s| !token.same_access_token(&s.access_token))
    }

    async fn try_lease(self: &Arc<Self>, id: &str) -> Option<bool> {
        let (key, id, ttl) = (
            self.lease_key.clone(),
            id.to_owned(),
            millis(self.timing.lease_ttl),
        );
        self.run("take lease", |mut c| async move {
            let set: Option<String> = redis::cmd("SET")
                .arg(key)
                .arg(id)
                .arg("NX")
                .arg("PX")
                .arg(ttl)
                .query_async(&mut c)
                .await?;
            Ok(set.is_some())
        })
        .await
    }

    async fn release(self: &Arc<Self>, id: &str) {
        let (key, id) = (self.lease_key.clone(), id.to_owned());
        self.run("release lease", |mut c| async move {
            scripts::RELEASE
                .key(key)
                .arg(id)
                .invoke_async::<i64>(&mut c)
                .await
        })
        .await;
    }

    /// Keeps the lease alive while this process works; stops when the lease
    /// is dropped (the guard aborts it) or lost.
    fn keep_alive(self: &Arc<Self>, id: String) -> AbortOnDrop {
        let weak = Arc::downgrade(self);
        let every = self.timing.lease_ttl / 3;
        AbortOnDrop(tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                let Some(inner) = weak.upgrade() else { return };
                let (key, id, ttl) = (
                    inner.lease_key.clone(),
                    id.clone(),
                    millis(inner.timing.lease_ttl),
                );
                let kept = inner
                    .run("extend lease", |mut c| async move {
                        scripts::EXTEND
                            .key(key)
                            .arg(id)
                            .arg(ttl)
                            .invoke_async::<i64>(&mut c)
                            .await
                    })
                    .await;
                if kept != Some(1) {
                    tracing::warn!(
                        target: "interlace_redis",
                        "token lease lost while obtaining a token; another process may obtain one too"
                    );
                    return;
                }
            }
        }))
    }
}

#[async_trait]
impl TokenStore for RedisTokenStore {
    fn bind(&self, scope: &StoreScope) -> Result<(), BindError> {
        let wanted = self.inner_for(scope)?;
        let probe = SecretString::from(SECRET_PROBE);
        let (key, print) = (wanted.key.clone(), wanted.sealer.fingerprint(&probe));
        // Of two clients binding at once, one sets it and the other compares.
        let _ = self.state.bound.set(Arc::new(wanted));
        match self.bound() {
            Some(bound) if bound.key == key && bound.sealer.fingerprint(&probe) == print => Ok(()),
            Some(bound) => Err(BindError(format!(
                "this Redis store keeps the token of `{}`; a client of `{key}`, or one with \
                 another secret, needs a store of its own",
                bound.key
            ))),
            None => Err(BindError("the store could not be bound".into())),
        }
    }

    async fn get(&self) -> Option<Token> {
        let Some(inner) = self.bound() else {
            return self.state.unbound.get().await;
        };
        let now = inner.clock.now();
        let local = inner.local.get().await;
        if let Some(token) = &local
            && (token.is_fresh(now) || (token.is_usable(now) && !inner.read_due()))
        {
            return local;
        }
        let Some(Some(shared)) = inner.read().await else {
            return local;
        };
        // Keep whichever lives longer: after an outage, this process's own
        // token may be newer than the fleet's.
        if local
            .as_ref()
            .is_some_and(|l| l.expires_at > shared.expires_at)
        {
            return local;
        }
        inner.local.put(shared.clone()).await;
        Some(shared)
    }

    fn access_token_now(&self, now: std::time::SystemTime) -> Option<SecretString> {
        match self.bound() {
            Some(inner) => inner.local.access_token_now(now),
            None => self.state.unbound.access_token_now(now),
        }
    }

    async fn put(&self, token: Token) {
        let Some(inner) = self.bound() else {
            return self.state.unbound.put(token).await;
        };
        inner.local.put(token.clone()).await;
        let expires_ms = unix_ms(token.expires_at);
        if expires_ms <= unix_ms(inner.clock.now()) {
            return;
        }
        let (key, fingerprint, sealed) = (
            inner.key.clone(),
            inner.sealer.fingerprint(&token.access_token),
            inner.sealer.seal(&token),
        );
        inner
            .run("store token", |mut c| async move {
                scripts::PUT
                    .key(key)
                    .arg(fingerprint)
                    .arg(sealed)
                    .arg(expires_ms)
                    .invoke_async::<i64>(&mut c)
                    .await
            })
            .await;
    }

    async fn remove_if_current(&self, access_token: &SecretString) {
        let Some(inner) = self.bound() else {
            return self.state.unbound.remove_if_current(access_token).await;
        };
        inner.local.remove_if_current(access_token).await;
        inner.forget_last_read();
        let (key, fingerprint) = (inner.key.clone(), inner.sealer.fingerprint(access_token));
        inner
            .run("remove rejected token", |mut c| async move {
                scripts::REMOVE_IF_CURRENT
                    .key(key)
                    .arg(fingerprint)
                    .invoke_async::<i64>(&mut c)
                    .await
            })
            .await;
    }

    async fn begin_acquisition(&self, stale: Option<&Token>) -> Acquisition {
        let Some(inner) = self.bound() else {
            return Acquisition::Proceed(Lease::local());
        };
        let id = format!("{}:{}", std::process::id(), uuid::Uuid::new_v4().simple());
        let deadline = Instant::now() + inner.timing.max_wait;
        loop {
            // Degraded: every `run` answers `None` and this process acquires.
            let Some(current) = inner.read().await else {
                return Acquisition::Proceed(Lease::local());
            };
            if let Some(token) = current
                && inner.replaces(&token, stale)
            {
                inner.local.put(token.clone()).await;
                return Acquisition::Stored(token);
            }
            match inner.try_lease(&id).await {
                None => return Acquisition::Proceed(Lease::local()),
                Some(true) => {
                    // Someone may have stored a token and let the lease go
                    // between the read above and taking the lease.
                    if let Some(Some(token)) = inner.read().await
                        && inner.replaces(&token, stale)
                    {
                        inner.release(&id).await;
                        inner.local.put(token.clone()).await;
                        return Acquisition::Stored(token);
                    }
                    let guard = inner.keep_alive(id.clone());
                    return Acquisition::Proceed(Lease::shared(id, guard));
                }
                Some(false) => {}
            }
            if Instant::now() >= deadline {
                tracing::warn!(
                    target: "interlace_redis",
                    waited_ms = millis(inner.timing.max_wait),
                    "no token from the process holding the lease in time; obtaining one here"
                );
                return Acquisition::Proceed(Lease::local());
            }
            let poll = inner.timing.poll_interval;
            tokio::time::sleep(poll + poll.mul_f64(fastrand::f64() * 0.2)).await;
        }
    }

    async fn finish_acquisition(&self, lease: Lease) {
        if let (Some(id), Some(inner)) = (lease.id(), self.bound()) {
            inner.release(id).await;
        }
    }
}

/// Aborts the task when dropped, so a keep-alive never outlives its lease.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
