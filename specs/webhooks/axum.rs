//! Receiving notifications in axum: verify, deduplicate, decode, hand to
//! your code, and acknowledge only when it succeeded.
//!
//! Two ways in. [`WebhookReceiver`] is the whole receiver as a route:
//!
//! ```no_run
//! use interlace::webhooks::axum::{ReceivedWebhook, WebhookReceiver};
//! use interlace::webhooks::{WebhookEvent, WebhookVerifier};
//!
//! async fn on_event(delivery: ReceivedWebhook) -> Result<(), std::io::Error> {
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
//! that is not a notification; 413 for a body over the limit (refused
//! before it is read); 500 when the handler failed; 503 while the same
//! delivery is being handled by another request, or when the delivery log
//! is unavailable. Every status but 200 makes Interlace deliver again.
//!
//! Each delivery is one `interlace.webhook` span with the notification id,
//! event type and outcome. Neither the resource, which may hold card data,
//! nor the signature is ever logged.

use std::fmt::Display;
use std::future::Future;
use std::sync::Arc;

use ::axum::body::{Body, Bytes};
use ::axum::extract::{FromRef, FromRequest, Request};
use ::axum::http::{HeaderMap, StatusCode, header};
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::{MethodRouter, post};
use tracing::Instrument;

use super::{
    ACKNOWLEDGEMENT, Claim, ClassifyName, DeliveryLog, LegacyNotification, LegacyPolicy,
    MemoryDeliveryLog, Notification, WebhookError, WebhookEvent, WebhookVerifier,
};
use crate::types::Timestamp;

/// Default largest body a receiver reads: 256 KiB. Notifications are a few
/// KiB at most.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

/// A verified notification, as the handler gets it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ReceivedWebhook {
    /// The notification id; the same across Interlace's retries.
    pub id: String,
    /// The typed event; [`WebhookEvent::Unknown`] for types this toolkit
    /// does not know, [`WebhookEvent::Legacy`] for the v1/v2 format.
    pub event: WebhookEvent,
    /// `createTime` of a v3 notification.
    pub created_at: Option<Timestamp>,
    /// Whether it came in the legacy format (whose `sign` this toolkit
    /// cannot check; see [`LegacyPolicy`]).
    pub legacy: bool,
}

/// Why a request is not a notification this receiver accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The `Signature` header is missing.
    #[error("the Signature header is missing")]
    MissingSignature,
    /// Signature, timestamp or body did not pass the verifier.
    #[error("{0}")]
    Invalid(WebhookError),
    /// A legacy-format delivery, refused by the [`LegacyPolicy`].
    #[error("a legacy-format notification, refused: its `sign` cannot be verified")]
    LegacyRefused,
    /// The body is larger than the limit.
    #[error("the body is larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// The body could not be read.
    #[error("the body could not be read")]
    Unreadable,
}

impl WebhookRejection {
    /// The HTTP status the receiver answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Invalid(WebhookError::MalformedBody(_)) | Self::Unreadable => {
                StatusCode::BAD_REQUEST
            }
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::MissingSignature | Self::Invalid(_) | Self::LegacyRefused => {
                StatusCode::UNAUTHORIZED
            }
        }
    }

    fn outcome(&self) -> &'static str {
        match self.status() {
            StatusCode::BAD_REQUEST => "malformed",
            StatusCode::PAYLOAD_TOO_LARGE => "too_large",
            _ => "unauthenticated",
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        refusal(self.status(), &self.to_string())
    }
}

/// What a receiver checks before any handler runs.
#[derive(Debug, Clone)]
struct Checks {
    verifier: WebhookVerifier,
    body_limit: usize,
    legacy: LegacyPolicy,
}

impl Checks {
    /// Reads the body within the limit, verifies and decodes it; also the
    /// delivery's deduplication key.
    async fn accept_keyed(
        &self,
        request: Request,
    ) -> Result<(ReceivedWebhook, String), WebhookRejection> {
        let (parts, body) = request.into_parts();
        let limit = self.body_limit;
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(WebhookRejection::TooLarge { limit });
        }
        let body = read_limited(body, limit).await?;
        self.verify(&parts.headers, &body)
    }

    fn verify(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(ReceivedWebhook, String), WebhookRejection> {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        if is_legacy(body) {
            return self.accept_legacy(body);
        }
        let signature = header("Signature").ok_or(WebhookRejection::MissingSignature)?;
        let notification: Notification = self
            .verifier
            .verify(signature, header("Timestamp"), body)
            .map_err(WebhookRejection::Invalid)?;
        let key = dedup_key(
            &notification.id,
            signature,
            notification.resource.as_bytes(),
        );
        let delivery = ReceivedWebhook {
            event: notification.event(),
            id: notification.id,
            created_at: notification.create_time,
            legacy: false,
        };
        Ok((delivery, key))
    }

    fn accept_legacy(&self, body: &[u8]) -> Result<(ReceivedWebhook, String), WebhookRejection> {
        let notification: LegacyNotification = serde_json::from_slice(body).map_err(|e| {
            WebhookRejection::Invalid(WebhookError::MalformedBody(format!(
                "a legacy notification without its fields ({})",
                e.classify_name()
            )))
        })?;
        let accepted = match &self.legacy {
            LegacyPolicy::Refuse => false,
            LegacyPolicy::Verify(check) => check(&notification, body),
            LegacyPolicy::AcceptUnverified => true,
        };
        if !accepted {
            return Err(WebhookRejection::LegacyRefused);
        }
        let key = dedup_key(&notification.id, &notification.sign, body);
        let delivery = ReceivedWebhook {
            id: notification.id,
            event: WebhookEvent::Legacy {
                business_type: notification.business_type,
                data: notification.data,
            },
            created_at: None,
            legacy: true,
        };
        Ok((delivery, key))
    }
}

/// A legacy body has `businessType` and `sign` and no `eventType`.
fn is_legacy(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Shape {
        event_type: Option<serde::de::IgnoredAny>,
        business_type: Option<serde::de::IgnoredAny>,
        sign: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Shape>(body)
        .is_ok_and(|s| s.event_type.is_none() && s.business_type.is_some() && s.sign.is_some())
}

/// Reads the body, giving up as soon as it passes `limit`.
async fn read_limited(body: Body, limit: usize) -> Result<Bytes, WebhookRejection> {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut buffer = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| WebhookRejection::Unreadable)?;
        if buffer.len() + chunk.len() > limit {
            return Err(WebhookRejection::TooLarge { limit });
        }
        buffer.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(buffer))
}

/// The name a delivery is remembered by: its id, or, without one, a hash of
/// what identifies it.
fn dedup_key(id: &str, signature: &str, signed: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    if !id.trim().is_empty() {
        return format!("id:{id}");
    }
    let mut hash = Sha256::new();
    hash.update(signature.as_bytes());
    hash.update(b"\n");
    hash.update(signed);
    format!("sig:{}", hex::encode(hash.finalize()))
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
/// The handler is `async fn(ReceivedWebhook) -> Result<(), E>`; the delivery
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
            .field("legacy", &self.checks.legacy)
            .field("log", &self.log)
            .finish_non_exhaustive()
    }
}

impl<F, Fut, E> WebhookReceiver<F>
where
    F: Fn(ReceivedWebhook) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: Display + Send + 'static,
{
    /// A receiver that verifies with `verifier` and hands deliveries to `handler`.
    pub fn new(verifier: WebhookVerifier, handler: F) -> Self {
        Self {
            checks: Checks {
                verifier,
                body_limit: DEFAULT_BODY_LIMIT,
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
        let (delivery, key) = match self.checks.accept_keyed(request).await {
            Ok(accepted) => accepted,
            Err(rejection) => {
                tracing::warn!(reason = %rejection, "webhook delivery refused");
                return (rejection.outcome(), rejection.into_response());
            }
        };
        let span = tracing::Span::current();
        span.record("id", delivery.id.as_str());
        span.record("event_type", delivery.event.event_type());
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
                tracing::warn!(error = %e, "webhook handler failed; Interlace will deliver it again");
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
pub struct VerifiedWebhook(pub ReceivedWebhook);

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
            legacy: LegacyPolicy::Refuse,
        };
        checks.accept_keyed(request).await.map(|(d, _)| Self(d))
    }
}
