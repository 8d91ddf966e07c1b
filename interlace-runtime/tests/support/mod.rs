//! Shared pieces of the runtime's tests: a mock Interlace on 127.0.0.1 and
//! test endpoints written by hand.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use interlace_runtime::{
    Client, Config, Endpoint, EndpointMeta, Environment, Error, HttpMethod, ManualClock, NoContent,
    RequestParts, RetryPolicy,
};
use serde::Deserialize;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const CLIENT_ID: &str = "interlace00112233aabbccdd";
pub const CLIENT_SECRET: &str = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
pub const AUTH_CODE: &str = "a388b2c1d0e9f8a7b6c5d4e3f2a1a965";

pub fn envelope(data: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "code": "000000", "message": "success", "data": data
    }))
}

pub fn api_error(code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "code": code, "message": message, "data": null
    }))
}

/// The access token issued by the `n`-th (1-based) token request.
pub fn issued_token(n: usize) -> String {
    format!("{n:0>40}")
}

/// Issues `issued_token(1)`, `issued_token(2)`, … with the refresh token `refresh-<n>`.
pub struct TokenIssuer {
    pub issued: Arc<AtomicUsize>,
    pub expires_in: u64,
    pub delay: Duration,
}

impl Respond for TokenIssuer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        envelope(serde_json::json!({
            "accessToken": issued_token(n),
            "refreshToken": format!("refresh-{n:0>58}"),
            "expiresIn": self.expires_in,
            "timestamp": 1_678_775_835,
        }))
        .set_delay(self.delay)
    }
}

/// Counts of the OAuth calls a mock server received.
pub struct OAuthMock {
    pub issued: Arc<AtomicUsize>,
}

/// Mounts authorize, access-token and refresh-token; tokens live `expires_in` seconds.
pub async fn mount_oauth(server: &MockServer, expires_in: u64, delay: Duration) -> OAuthMock {
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("GET"))
        .and(path("/open-api/v3/oauth/authorize"))
        .and(wiremock::matchers::query_param("clientId", CLIENT_ID))
        .respond_with(envelope(
            serde_json::json!({"timestamp": 1_678_775_522, "code": AUTH_CODE}),
        ))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/open-api/v3/oauth/access-token"))
        .and(wiremock::matchers::body_json(
            serde_json::json!({"clientId": CLIENT_ID, "code": AUTH_CODE}),
        ))
        .respond_with(TokenIssuer {
            issued: issued.clone(),
            expires_in,
            delay,
        })
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/open-api/v3/oauth/refresh-token"))
        .respond_with(TokenIssuer {
            issued: issued.clone(),
            expires_in,
            delay,
        })
        .mount(server)
        .await;
    OAuthMock { issued }
}

pub async fn count(server: &MockServer, method_name: &str, p: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.method.as_str() == method_name && r.url.path() == p)
        .count()
}

pub async fn requests_to(server: &MockServer, p: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path() == p)
        .collect()
}

pub fn config_for(uri: &str) -> interlace_runtime::ConfigBuilder {
    Config::builder()
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .environment(Environment::Custom)
        .base_url(uri)
        .retry_policy(RetryPolicy::default())
}

pub fn client_for(uri: &str, clock: Arc<ManualClock>) -> Client {
    Client::builder(config_for(uri).build().unwrap())
        .clock(clock)
        .build()
        .unwrap()
}

/// A client from a finished builder, on a clock of its own (whose sleeps
/// end at once).
pub fn build(builder: interlace_runtime::ConfigBuilder) -> Client {
    Client::builder(builder.build().unwrap())
        .clock(Arc::new(ManualClock::new()))
        .build()
        .unwrap()
}

/// Sends `n` `GetItem` calls at once, each from its own task, and returns
/// their results in order.
pub async fn get_concurrently(client: &Client, n: usize) -> Vec<Result<Item, Error>> {
    let calls = (0..n).map(|i| {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .send(GetItem {
                    filter: i.to_string(),
                })
                .await
        })
    });
    futures_util::future::join_all(calls)
        .await
        .into_iter()
        .map(|joined| joined.expect("the call task panicked"))
        .collect()
}

/// The failure behind an `Error::Auth`, e.g. why the token acquisition failed.
pub fn auth_cause(err: &Error) -> &Error {
    match err {
        Error::Auth(auth) => auth.source.as_deref().expect("an auth error with a cause"),
        other => panic!("expected an auth error, got {other:?}"),
    }
}

/// `GET /test/items?filter=…`, authenticated.
#[derive(Debug, Clone)]
pub struct GetItem {
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Item {
    pub id: String,
}

impl Endpoint for GetItem {
    type Response = Item;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("get_item", HttpMethod::Get, "/test/items");
    fn write_request(&self, req: &mut RequestParts) {
        req.path("/test/items");
        req.query("filter", &self.filter);
    }
}

/// `POST /test/payments`, authenticated, without an idempotency key.
#[derive(Debug, Clone)]
pub struct CreatePayment {
    pub amount: String,
}

impl Endpoint for CreatePayment {
    type Response = NoContent;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("create_payment", HttpMethod::Post, "/test/payments");
    fn write_request(&self, req: &mut RequestParts) {
        req.path("/test/payments");
        req.json_body(&serde_json::json!({ "amount": self.amount }));
    }
}

/// `POST /test/cards`, authenticated and idempotent.
#[derive(Debug, Clone)]
pub struct CreateCard;

impl Endpoint for CreateCard {
    type Response = Item;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("create_card", HttpMethod::Post, "/test/cards").idempotent();
    fn write_request(&self, req: &mut RequestParts) {
        req.path("/test/cards");
        req.json_body(&serde_json::json!({ "referenceId": "r-1" }));
    }
}
