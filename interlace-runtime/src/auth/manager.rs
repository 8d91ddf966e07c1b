//! One token acquisition at a time, shared by every caller that needs it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::{BoxFuture, FutureExt, Shared};

use super::Token;
use super::oauth::{AccessToken, Authorize, RefreshToken};
use crate::client::Client;
use crate::error::Error;
use crate::secret::SecretString;

type Acquisition = Shared<BoxFuture<'static, Result<Token, Arc<Error>>>>;

/// Hands out the current token, starting at most one acquisition at a time.
#[derive(Debug, Default)]
pub(crate) struct TokenManager {
    in_flight: Mutex<Option<Acquisition>>,
}

impl TokenManager {
    /// The access token to send: the store's, without a boxed future, when
    /// the store can answer at once and the token is fresh; otherwise
    /// [`token`](Self::token)'s.
    pub(crate) async fn access_token(&self, client: &Client) -> Result<SecretString, Error> {
        let config = client.config();
        match config.token_store.access_token_now(config.clock.now()) {
            Some(token) => Ok(token),
            None => Ok(self.token(client).await?.access_token),
        }
    }

    /// A token that is fresh now, acquiring or renewing it if needed.
    ///
    /// The future is boxed with an explicit `Send` because acquisition sends
    /// requests through the client, whose call path awaits this future: the
    /// compiler can't infer `Send` through that loop.
    pub(crate) fn token<'a>(&'a self, client: &'a Client) -> BoxFuture<'a, Result<Token, Error>> {
        Box::pin(self.token_inner(client))
    }

    async fn token_inner(&self, client: &Client) -> Result<Token, Error> {
        let config = client.config();
        if let Some(token) = config.token_store.get().await
            && token.is_fresh(config.clock.now())
        {
            return Ok(token);
        }
        let acquisition = {
            let mut slot = self.lock();
            match slot.as_ref() {
                Some(running) => running.clone(),
                None => {
                    let started = acquire(client.clone()).boxed().shared();
                    *slot = Some(started.clone());
                    started
                }
            }
        };
        let result = acquisition.clone().await;
        {
            // The first waiter to finish clears the slot, so the next caller
            // after a failure starts a new acquisition.
            let mut slot = self.lock();
            if slot.as_ref().is_some_and(|s| s.ptr_eq(&acquisition)) {
                *slot = None;
            }
        }
        result.map_err(|e| Error::auth("could not obtain an access token", Some(e)))
    }

    /// Forgets `rejected`, unless another caller already replaced it.
    pub(crate) async fn reject(&self, client: &Client, rejected: &SecretString) {
        client
            .config()
            .token_store
            .remove_if_current(rejected)
            .await;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Acquisition>> {
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Renews the stored token with its refresh token, falling back to the full
/// authorize flow, and stores the result.
async fn acquire(client: Client) -> Result<Token, Arc<Error>> {
    let config = client.config();
    let current = config.token_store.get().await;
    // A caller that saw no fresh token may start an acquisition just after
    // another one finished; the stored token is then good as it is.
    if let Some(token) = &current
        && token.is_fresh(config.clock.now())
    {
        return Ok(token.clone());
    }
    let refreshed = match current.as_ref().and_then(|t| t.refresh_token.clone()) {
        Some(refresh_token) => match refresh(&client, refresh_token).await {
            Ok(token) => Some(token),
            Err(err) => {
                tracing::warn!(error = %err, "token refresh failed; authorizing again");
                None
            }
        },
        None => None,
    };
    let token = match refreshed {
        Some(token) => token,
        None => authorize(&client).await.map_err(Arc::new)?,
    };
    config.token_store.put(token.clone()).await;
    Ok(token)
}

async fn authorize(client: &Client) -> Result<Token, Error> {
    let config = client.config();
    tracing::debug!("authorizing for a new access token");
    let code = client
        .send(Authorize {
            client_id: config.client_id.clone(),
        })
        .await?
        .code;
    let data = client
        .send(AccessToken {
            client_id: config.client_id.clone(),
            code,
        })
        .await?;
    Ok(new_token(
        client,
        data.access_token,
        data.refresh_token,
        data.expires_in,
    ))
}

async fn refresh(client: &Client, refresh_token: SecretString) -> Result<Token, Error> {
    let config = client.config();
    tracing::debug!("refreshing the access token");
    let data = client
        .send(RefreshToken {
            client_id: config.client_id.clone(),
            refresh_token: refresh_token.clone(),
        })
        .await?;
    let refresh_token = data.refresh_token.or(Some(refresh_token));
    Ok(new_token(
        client,
        data.access_token,
        refresh_token,
        data.expires_in,
    ))
}

fn new_token(
    client: &Client,
    access_token: SecretString,
    refresh_token: Option<SecretString>,
    expires_in: u64,
) -> Token {
    let config = client.config();
    let jitter = config.refresh_jitter.mul_f64(fastrand::f64());
    Token::new(
        access_token,
        refresh_token,
        config.clock.now(),
        Duration::from_secs(expires_in),
        config.refresh_margin + jitter,
    )
}
