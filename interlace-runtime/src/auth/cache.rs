//! Step 2 of the call path for API calls: the token cache, which decides
//! when a token is obtained and hands out the current one.
//!
//! One acquisition at a time, shared by every caller that needs it. Once a
//! token passes `renew_at` it is still good until `expires_at`: callers go
//! on using it while one renewal runs in the background, and only a caller
//! with no usable token at all waits for an acquisition. A shared store can
//! make that one acquisition per fleet instead of per process. How a token
//! is obtained (the OAuth calls) is `flow.rs`'s business.

use std::sync::{Arc, Mutex};

use futures_util::future::{BoxFuture, FutureExt, Shared};

use super::flow;
use super::{Acquisition, Token};
use crate::error::Error;
use crate::pipeline::{Authenticate, Core};
use crate::secret::SecretString;

type InFlight = Shared<BoxFuture<'static, Result<Token, Arc<Error>>>>;

/// Hands out the current token, starting at most one acquisition at a time.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    // Shared with the background renewal task, which clears it when done.
    in_flight: Arc<Mutex<Option<InFlight>>>,
}

impl Authenticate for TokenCache {
    /// The store's token when it can answer at once and the token is fresh
    /// (no boxed future on the common path); otherwise [`TokenCache::token`]'s.
    async fn token(&self, core: &Arc<Core>) -> Result<SecretString, Error> {
        let now = core.clock.now();
        if let Some(token) = core.store.access_token_now(now) {
            return Ok(token);
        }
        if let Some(token) = core.store.get().await {
            know(core, &token);
            if token.is_fresh(now) {
                return Ok(token.access_token);
            }
            if token.is_usable(now) && self.renew_in_background(core) {
                return Ok(token.access_token);
            }
        }
        Ok(self.current_token(core).await?.access_token)
    }

    async fn reject(&self, core: &Arc<Core>, rejected: &SecretString) {
        core.store.remove_if_current(rejected).await;
    }
}

impl TokenCache {
    /// A token that is fresh now, acquiring or renewing it if needed.
    pub(crate) async fn current_token(&self, core: &Arc<Core>) -> Result<Token, Error> {
        if let Some(token) = core.store.get().await
            && token.is_fresh(core.clock.now())
        {
            return Ok(token);
        }
        let (acquisition, _) = self.join_or_start(core);
        let result = acquisition.clone().await;
        // The first waiter to finish clears the slot, so the next caller
        // after a failure starts a new acquisition.
        clear(&self.in_flight, &acquisition);
        result.map_err(|e| Error::auth("could not obtain an access token", Some(e)))
    }

    /// Starts a renewal that callers do not wait for, unless one is running.
    /// `false` when there is no runtime to run it on: the caller then waits.
    fn renew_in_background(&self, core: &Arc<Core>) -> bool {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return false;
        };
        let (acquisition, started) = self.join_or_start(core);
        if started {
            let slot = self.in_flight.clone();
            runtime.spawn(async move {
                if let Err(e) = acquisition.clone().await {
                    tracing::warn!(
                        error = %e,
                        "background token renewal failed; the current token is used until it expires"
                    );
                }
                clear(&slot, &acquisition);
            });
        }
        true
    }

    /// The running acquisition, or a new one; `true` when it is new.
    fn join_or_start(&self, core: &Arc<Core>) -> (InFlight, bool) {
        let mut slot = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        match slot.as_ref() {
            Some(running) => (running.clone(), false),
            None => {
                let started = acquire(core.clone()).boxed().shared();
                *slot = Some(started.clone());
                (started, true)
            }
        }
    }
}

fn clear(slot: &Mutex<Option<InFlight>>, done: &InFlight) {
    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
    if slot.as_ref().is_some_and(|s| s.ptr_eq(done)) {
        *slot = None;
    }
}

/// Obtains a new token unless the store has one, coordinating with other
/// processes through the store, and stores it.
async fn acquire(core: Arc<Core>) -> Result<Token, Arc<Error>> {
    let store = &core.store;
    let current = store.get().await;
    // A caller that saw no fresh token may start an acquisition just after
    // another one finished; the stored token is then good as it is.
    if let Some(token) = &current
        && token.is_fresh(core.clock.now())
    {
        return Ok(token.clone());
    }
    let lease = match store.begin_acquisition(current.as_ref()).await {
        Acquisition::Stored(token) => return Ok(token),
        Acquisition::Proceed(lease) => lease,
    };
    let result = flow::obtain(&core, current).await;
    if let Ok(token) = &result {
        know(&core, token);
        store.put(token.clone()).await;
    }
    store.finish_acquisition(lease).await;
    result.map_err(Arc::new)
}

/// Masks `token`'s access and refresh tokens in errors until it expires.
fn know(core: &Core, token: &Token) {
    let now = core.clock.now();
    core.secrets
        .insert_until(&token.access_token, token.expires_at, now);
    if let Some(refresh) = &token.refresh_token {
        // A refresh token's lifetime is not documented: it is kept as long
        // as the access token it came with, and renewed with the next one.
        core.secrets.insert_until(refresh, token.expires_at, now);
    }
}
