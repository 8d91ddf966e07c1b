//! Receiving deliveries in axum: verify, deduplicate, decode, hand to
//! your code, and acknowledge only when it succeeded.
//!
//! Two ways in. [`WebhookReceiver`] is the whole receiver as a route:
//!
//! ```no_run
//! use interlace::webhooks::axum::WebhookReceiver;
//! use interlace::webhooks::{Delivery, WebhookEvent, WebhookVerifier};
//!
//! async fn on_event(delivery: Delivery) -> Result<(), std::io::Error> {
//!     if let WebhookEvent::CardCreated(card) = &delivery.event {
//!         println!("card {} created", card.card_id);
//!     }
//!     Ok(()) // an `Err` answers 500, and Interlace delivers it again
//! }
//!
//! # async fn serve() -> std::io::Result<()> {
//! let receiver = WebhookReceiver::new(WebhookVerifier::new("client secret"), on_event);
//! let app = axum::Router::new().route("/interlace/webhooks", receiver.into_route());
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
//! axum::serve(listener, app).await
//! # }
//! ```
//!
//! [`VerifiedWebhook`] is an extractor for a handler of your own, which
//! verifies and decodes but leaves deduplication and the answer to you:
//!
//! ```no_run
//! use axum::extract::FromRef;
//! use interlace::webhooks::axum::VerifiedWebhook;
//! use interlace::webhooks::{ACKNOWLEDGEMENT, WebhookVerifier};
//!
//! #[derive(Clone)]
//! struct AppState {
//!     verifier: WebhookVerifier,
//! }
//!
//! impl FromRef<AppState> for WebhookVerifier {
//!     fn from_ref(state: &AppState) -> Self {
//!         state.verifier.clone()
//!     }
//! }
//!
//! async fn webhook(VerifiedWebhook(delivery): VerifiedWebhook) -> &'static str {
//!     println!("{} {}", delivery.id, delivery.event.event_type());
//!     ACKNOWLEDGEMENT
//! }
//!
//! let app: axum::Router = axum::Router::new()
//!     .route("/interlace/webhooks", axum::routing::post(webhook))
//!     .with_state(AppState { verifier: WebhookVerifier::new("client secret") });
//! ```
//!
//! Answers: 200 with [`ACKNOWLEDGEMENT`] when the handler succeeded or the
//! delivery was handled before; 401 for a missing or wrong signature, a
//! stale or missing timestamp, or a refused legacy delivery; 400 for a body
//! that is not a delivery; 413 for a body over the limit (refused
//! before it is read); 408 for a body that did not arrive within the body
//! timeout; 500 when the handler failed; 503 while the same
//! delivery is being handled by another request, or when the delivery log
//! is unavailable. Every status but 200 makes Interlace deliver again.
//!
//! Each delivery is one `interlace.webhook` span with the delivery id,
//! event type and outcome. Neither the resource, which may hold card data,
//! nor the signature is ever logged.

use std::fmt::Display;
use std::future::Future;
use std::sync::Arc;

use ::axum::extract::{FromRef, FromRequest, Request};
use ::axum::http::{StatusCode, header};
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::{MethodRouter, post};
use tracing::Instrument;

use crate::body::{BodyError, read_limited};

use super::{
    ACKNOWLEDGEMENT, Claim, Delivery, DeliveryLog, LegacyPolicy, MemoryDeliveryLog,
    WebhookRejection, WebhookVerifier,
};

/// Default largest body a receiver reads: 256 KiB. Deliveries are a few
/// KiB at most.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

/// Default time a body has to arrive in whole: 10 s. Interlace sends a
/// delivery of a few KiB at once; a body still dripping in after that is
/// refused with 408.
pub const DEFAULT_BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
        refusal(status, &self.to_string())
    }
}

/// What a receiver checks before any handler runs: the body's size here,
/// the rest by [`WebhookVerifier::receive`].
#[derive(Debug, Clone)]
struct Checks {
    verifier: WebhookVerifier,
    body_limit: usize,
    body_timeout: std::time::Duration,
    legacy: LegacyPolicy,
}

impl Checks {
    /// Reads the body within the limit, verifies and decodes it.
    async fn accept(&self, request: Request) -> Result<Delivery, WebhookRejection> {
        let (parts, body) = request.into_parts();
        let (limit, after) = (self.body_limit, self.body_timeout);
        let body = read_limited(&parts.headers, body, limit, after)
            .await
            .map_err(|e| match e {
                BodyError::TooLarge => WebhookRejection::TooLarge { limit },
                BodyError::Unreadable => WebhookRejection::Unreadable,
                BodyError::TimedOut => WebhookRejection::TimedOut { after },
            })?;
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        self.verifier.receive(
            header("Signature"),
            header("Timestamp"),
            &body,
            &self.legacy,
        )
    }
}

fn acknowledgement() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        ACKNOWLEDGEMENT,
    )
        .into_response()
}

fn refusal(status: StatusCode, reason: &str) -> Response {
    let body = serde_json::json!({ "received": false, "error": reason }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The whole receiver: checks, deduplication, your handler, the answer.
///
/// The handler is `async fn(Delivery) -> Result<(), E>`; the delivery
/// is acknowledged only when it returns `Ok`. Deliveries are remembered in a
/// [`MemoryDeliveryLog`] unless [`delivery_log`](Self::delivery_log) gives
/// another: with more than one replica behind the URL, give a shared one
/// (`interlace_redis::RedisDeliveryLog`), since a retry may reach another
/// replica. See the [module docs](self) for the answers.
pub struct WebhookReceiver<F> {
    checks: Checks,
    log: Arc<dyn DeliveryLog>,
    handler: F,
}

impl<F: Clone> Clone for WebhookReceiver<F> {
    fn clone(&self) -> Self {
        Self {
            checks: self.checks.clone(),
            log: self.log.clone(),
            handler: self.handler.clone(),
        }
    }
}

impl<F> std::fmt::Debug for WebhookReceiver<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookReceiver")
            .field("verifier", &self.checks.verifier)
            .field("body_limit", &self.checks.body_limit)
            .field("body_timeout", &self.checks.body_timeout)
            .field("legacy", &self.checks.legacy)
            .field("log", &self.log)
            .finish_non_exhaustive()
    }
}

impl<F, Fut, E> WebhookReceiver<F>
where
    F: Fn(Delivery) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: Display + Send + 'static,
{
    /// A receiver that verifies with `verifier` and hands deliveries to `handler`.
    pub fn new(verifier: WebhookVerifier, handler: F) -> Self {
        Self {
            checks: Checks {
                verifier,
                body_limit: DEFAULT_BODY_LIMIT,
                body_timeout: DEFAULT_BODY_TIMEOUT,
                legacy: LegacyPolicy::default(),
            },
            log: Arc::new(MemoryDeliveryLog::default()),
            handler,
        }
    }

    /// Largest body read, in bytes; default [`DEFAULT_BODY_LIMIT`]. A larger
    /// declared `Content-Length` is refused before anything is read.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.checks.body_limit = bytes;
        self
    }

    /// How long a body has to arrive in whole; default
    /// [`DEFAULT_BODY_TIMEOUT`]. A slower one is refused with 408.
    #[must_use]
    pub fn body_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.checks.body_timeout = timeout;
        self
    }

    /// Where handled deliveries are remembered.
    #[must_use]
    pub fn delivery_log(mut self, log: impl DeliveryLog) -> Self {
        self.log = Arc::new(log);
        self
    }

    /// What to do with legacy-format deliveries; default [`LegacyPolicy::Refuse`].
    #[must_use]
    pub fn legacy(mut self, policy: LegacyPolicy) -> Self {
        self.checks.legacy = policy;
        self
    }

    /// The receiver as a `POST` route, for `Router::route`.
    pub fn into_route<S>(self) -> MethodRouter<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        let receiver = Arc::new(self);
        post(move |request: Request| {
            let receiver = receiver.clone();
            async move { receiver.handle(request).await }
        })
    }

    /// Handles one request: for use from a handler or service of your own.
    pub async fn handle(&self, request: Request) -> Response {
        let span = tracing::info_span!(
            "interlace.webhook",
            id = tracing::field::Empty,
            event_type = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
        let (outcome, response) = self.run(request).instrument(span.clone()).await;
        span.record("outcome", outcome);
        span.in_scope(|| {
            tracing::info!(
                outcome,
                status = response.status().as_u16(),
                "webhook delivery"
            )
        });
        response
    }

    async fn run(&self, request: Request) -> (&'static str, Response) {
        let delivery = match self.checks.accept(request).await {
            Ok(accepted) => accepted,
            Err(rejection) => {
                tracing::warn!(reason = %rejection, "webhook delivery refused");
                return (rejection.outcome(), rejection.into_response());
            }
        };
        let span = tracing::Span::current();
        span.record("id", delivery.id.as_str());
        span.record("event_type", delivery.event.event_type());
        let key = delivery.key.clone();
        match self.log.claim(&key).await {
            Ok(Claim::New) => {}
            Ok(Claim::Done) => return ("duplicate", acknowledgement()),
            Ok(Claim::InProgress) => {
                return (
                    "in_progress",
                    refusal(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "this delivery is being handled; deliver it again later",
                    ),
                );
            }
            Err(e) => {
                tracing::warn!(error = %e, "webhook delivery log unavailable; Interlace will deliver again");
                return (
                    "log_unavailable",
                    refusal(StatusCode::SERVICE_UNAVAILABLE, "try again later"),
                );
            }
        }
        match (self.handler)(delivery).await {
            Ok(()) => {
                if let Err(e) = self.log.complete(&key).await {
                    tracing::warn!(error = %e, "handled, but not recorded: a retry would run the handler again");
                }
                ("handled", acknowledgement())
            }
            Err(e) => {
                self.log.release(&key).await;
                // Your handler's words may quote the delivery: masked as errors are.
                let error = self.checks.verifier.mask(&e.to_string());
                tracing::warn!(%error, "webhook handler failed; Interlace will deliver it again");
                (
                    "handler_failed",
                    refusal(StatusCode::INTERNAL_SERVER_ERROR, "the handler failed"),
                )
            }
        }
    }
}

/// An extractor for a handler of your own: the body read within
/// [`DEFAULT_BODY_LIMIT`], verified with the state's [`WebhookVerifier`],
/// decoded. Legacy deliveries are refused. It neither deduplicates nor
/// answers: answer [`ACKNOWLEDGEMENT`] once your work is done.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedWebhook(pub Delivery);

impl<S> FromRequest<S> for VerifiedWebhook
where
    WebhookVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let checks = Checks {
            verifier: WebhookVerifier::from_ref(state),
            body_limit: DEFAULT_BODY_LIMIT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            legacy: LegacyPolicy::Refuse,
        };
        checks.accept(request).await.map(Self)
    }
}
