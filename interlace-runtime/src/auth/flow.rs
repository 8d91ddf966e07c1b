//! How a token is obtained: Interlace's OAuth flow (`authorize`, then
//! `access-token`), or a refresh with the refresh token, falling back to the
//! full flow. The calls go through the same pipeline with [`NoAuth`], so
//! nothing here goes back through the client or the cache.

use std::sync::Arc;
use std::time::Duration;

use super::Token;
use super::oauth::{AccessToken, Authorize, RefreshToken};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::pipeline::{self, Core, NoAuth};
use crate::request::RequestParts;
use crate::secret::SecretString;

/// The flow's own sender for the three OAuth calls.
async fn send<E: Endpoint>(core: &Arc<Core>, request: E) -> Result<E::Response, Error> {
    let parts = RequestParts::of(&request)?;
    pipeline::run(core, &NoAuth, E::META, parts).await?.decode()
}

/// Renews `current` with its refresh token, falling back to the full
/// authorize flow.
pub(super) async fn obtain(core: &Arc<Core>, current: Option<Token>) -> Result<Token, Error> {
    if let Some(refresh_token) = current.and_then(|t| t.refresh_token) {
        match refresh(core, refresh_token).await {
            Ok(token) => return Ok(token),
            Err(err) => tracing::warn!(error = %err, "token refresh failed; authorizing again"),
        }
    }
    authorize(core).await
}

async fn authorize(core: &Arc<Core>) -> Result<Token, Error> {
    let client_id = &core.config.client_id;
    tracing::debug!("authorizing for a new access token");
    let code = send(
        core,
        Authorize {
            client_id: client_id.clone(),
        },
    )
    .await?
    .code;
    // A one-time code, but echoed in the access-token call's error it
    // would still be worth something to whoever reads it in time.
    let now = core.clock.now();
    core.secrets
        .insert_until(&code, now + Duration::from_secs(600), now);
    let data = send(
        core,
        AccessToken {
            client_id: client_id.clone(),
            code,
        },
    )
    .await?;
    Ok(new_token(
        core,
        data.access_token,
        data.refresh_token,
        data.expires_in,
    ))
}

async fn refresh(core: &Arc<Core>, refresh_token: SecretString) -> Result<Token, Error> {
    tracing::debug!("refreshing the access token");
    let data = send(
        core,
        RefreshToken {
            client_id: core.config.client_id.clone(),
            refresh_token: refresh_token.clone(),
        },
    )
    .await?;
    let refresh_token = data.refresh_token.or(Some(refresh_token));
    Ok(new_token(
        core,
        data.access_token,
        refresh_token,
        data.expires_in,
    ))
}

fn new_token(
    core: &Core,
    access_token: SecretString,
    refresh_token: Option<SecretString>,
    expires_in: u64,
) -> Token {
    let config = &core.config;
    let jitter = config.renew_jitter.mul_f64(fastrand::f64());
    Token::new(
        access_token,
        refresh_token,
        core.clock.now(),
        Duration::from_secs(expires_in),
        config.renew_margin + jitter,
    )
}
