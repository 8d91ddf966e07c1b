//! The three v3 OAuth calls the token manager makes.
//!
//! They live in the runtime, written by hand, because the runtime needs them
//! and the facade crate (which declares every other endpoint with the
//! attribute) depends on the runtime, not the other way round. The facade
//! re-exports them in its `oauth` module.

use serde::Deserialize;

use crate::endpoint::{Endpoint, EndpointMeta, HttpMethod};
use crate::request::RequestParts;
use crate::secret::{ExposeSecret, SecretString};

/// `GET /open-api/v3/oauth/authorize?clientId=…`: a single-use code.
#[derive(Debug, Clone)]
pub struct Authorize {
    /// The client id.
    pub client_id: String,
}

/// `data` of [`Authorize`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizeData {
    /// Code to exchange for an access token.
    pub code: SecretString,
    /// Server time, epoch seconds.
    #[serde(default)]
    pub timestamp: Option<i64>,
}

impl Endpoint for Authorize {
    type Response = AuthorizeData;
    const META: &'static EndpointMeta = &EndpointMeta::new(
        "oauth_authorize",
        HttpMethod::Get,
        "/open-api/v3/oauth/authorize",
    )
    .without_auth()
    .sensitive_response();
    fn write_request(&self, req: &mut RequestParts) {
        req.path(Self::META.path_template);
        req.query("clientId", &self.client_id);
    }
}

/// `POST /open-api/v3/oauth/access-token {clientId, code}`.
#[derive(Debug, Clone)]
pub struct AccessToken {
    /// The client id.
    pub client_id: String,
    /// The code from [`Authorize`].
    pub code: SecretString,
}

/// `data` of [`AccessToken`] and [`RefreshToken`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessTokenData {
    /// Value for the `x-access-token` header.
    pub access_token: SecretString,
    /// Token for [`RefreshToken`]; the refresh call may leave it out.
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    /// Lifetime in seconds (86400 in every sample).
    pub expires_in: u64,
    /// Server time, epoch seconds.
    #[serde(default)]
    pub timestamp: Option<i64>,
}

impl Endpoint for AccessToken {
    type Response = AccessTokenData;
    const META: &'static EndpointMeta = &EndpointMeta::new(
        "oauth_access_token",
        HttpMethod::Post,
        "/open-api/v3/oauth/access-token",
    )
    .without_auth()
    .sensitive_response();
    fn write_request(&self, req: &mut RequestParts) {
        req.path(Self::META.path_template);
        req.body_field("clientId", &self.client_id);
        req.body_field("code", self.code.expose_secret());
    }
}

/// `POST /open-api/v3/oauth/refresh-token {clientId, refreshToken}`.
///
/// The response shape is **not confirmed by the public docs** (it comes from
/// an unofficial SDK); a missing `refreshToken` keeps the previous one.
#[derive(Debug, Clone)]
pub struct RefreshToken {
    /// The client id.
    pub client_id: String,
    /// The refresh token.
    pub refresh_token: SecretString,
}

impl Endpoint for RefreshToken {
    type Response = AccessTokenData;
    const META: &'static EndpointMeta = &EndpointMeta::new(
        "oauth_refresh_token",
        HttpMethod::Post,
        "/open-api/v3/oauth/refresh-token",
    )
    .without_auth()
    .sensitive_response();
    fn write_request(&self, req: &mut RequestParts) {
        req.path(Self::META.path_template);
        req.body_field("clientId", &self.client_id);
        req.body_field("refreshToken", self.refresh_token.expose_secret());
    }
}
