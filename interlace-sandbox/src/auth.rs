//! The v3 token flow and the token check on every other call.
//!
//! Codes are single use and live `code_lifetime`; access tokens (40 hex)
//! live `token_lifetime`; several may be live at once; refresh tokens
//! (64 hex) do not expire and give a new access token, without a new
//! refresh token. A call without a live token gets HTTP 401 and code
//! `100401`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::SandboxConfig;
use crate::clock::Clock;
use crate::envelope::{
    self, ApiError, ApiResult, INVALID_CLIENT, INVALID_CODE, INVALID_REFRESH_TOKEN, ok,
};
use crate::state::{Data, Domain, random_hex};

/// What the token endpoints and the token check work with.
#[derive(Clone)]
pub struct Tokens {
    pub config: Arc<SandboxConfig>,
    pub clock: Arc<Clock>,
    pub domain: Arc<Domain>,
}

impl Tokens {
    fn data(&self) -> std::sync::MutexGuard<'_, Data> {
        self.domain.lock()
    }
}

fn check_client(tokens: &Tokens, client_id: &str) -> Result<(), ApiError> {
    if client_id == tokens.config.client_id {
        Ok(())
    } else {
        Err(ApiError::new(INVALID_CLIENT, "unknown clientId"))
    }
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

/// `GET /open-api/v3/oauth/authorize?clientId=…`
pub async fn authorize(
    State(tokens): State<Tokens>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let client_id = envelope::query(&q, "clientId")?;
    check_client(&tokens, client_id)?;
    let code = random_hex(32);
    tokens.data().codes.insert(
        code.clone(),
        tokens.clock.now() + tokens.config.code_lifetime,
    );
    ok(json!({"timestamp": unix_seconds(), "code": code}))
}

fn issue(tokens: &Tokens, with_refresh: bool) -> serde_json::Value {
    let access = random_hex(40);
    let mut data = tokens.data();
    data.access_tokens.insert(
        access.clone(),
        tokens.clock.now() + tokens.config.token_lifetime,
    );
    let mut answer = json!({
        "accessToken": access,
        // Whole seconds, rounded up so that a short test lifetime is not 0.
        "expiresIn": tokens.config.token_lifetime.as_secs_f64().ceil() as u64,
        "timestamp": unix_seconds(),
    });
    if with_refresh {
        let refresh = random_hex(64);
        data.refresh_tokens.insert(refresh.clone(), ());
        answer["refreshToken"] = json!(refresh);
    }
    answer
}

/// `POST /open-api/v3/oauth/access-token {clientId, code}`
pub async fn access_token(State(tokens): State<Tokens>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    check_client(&tokens, envelope::text(&body, "clientId")?)?;
    let code = envelope::text(&body, "code")?;
    let valid = tokens
        .data()
        .codes
        .remove(code)
        .is_some_and(|expires| tokens.clock.now() < expires);
    if !valid {
        return Err(ApiError::new(
            INVALID_CODE,
            "the code is unknown, used or expired",
        ));
    }
    ok(issue(&tokens, true))
}

/// `POST /open-api/v3/oauth/refresh-token {clientId, refreshToken}`
pub async fn refresh_token(State(tokens): State<Tokens>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    check_client(&tokens, envelope::text(&body, "clientId")?)?;
    let refresh = envelope::text(&body, "refreshToken")?;
    if !tokens.data().refresh_tokens.contains_key(refresh) {
        return Err(ApiError::new(
            INVALID_REFRESH_TOKEN,
            "the refresh token is unknown",
        ));
    }
    ok(issue(&tokens, false))
}

/// Rejects calls outside `/oauth/` without a live `x-access-token`.
pub async fn require_token(State(tokens): State<Tokens>, request: Request, next: Next) -> Response {
    if request.uri().path().contains("/oauth/") {
        return next.run(request).await;
    }
    let live = request
        .headers()
        .get("x-access-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|token| {
            let mut data = tokens.data();
            match data.access_tokens.get(token) {
                Some(expires) if tokens.clock.now() < *expires => true,
                Some(_) => {
                    data.access_tokens.remove(token);
                    false
                }
                None => false,
            }
        });
    if live {
        next.run(request).await
    } else {
        ApiError::invalid_token().into_response()
    }
}
