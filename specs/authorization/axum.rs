//! Answering authorization requests in axum.
//!
//! ```no_run
//! use interlace::authorization::axum::AuthorizationReceiver;
//! use interlace::authorization::{Authorization, Decision, SignaturePolicy};
//!
//! async fn decide(authorization: Authorization) -> Decision {
//!     if authorization.mcc == "7995" {
//!         Decision::decline("no gambling")
//!     } else {
//!         Decision::Approve
//!     }
//! }
//!
//! # async fn serve() -> std::io::Result<()> {
//! let receiver = AuthorizationReceiver::new(
//!     SignaturePolicy::hmac_sha256_hex_of_data("client secret"),
//!     decide,
//! );
//! let app = axum::Router::new().route("/interlace/authorizations", receiver.into_route());
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
//! axum::serve(listener, app).await
//! # }
//! ```
//!
//! Interlace waits about 2 seconds and then declines. The receiver answers
//! by its deadline (default [`DEFAULT_DEADLINE`], 1.5 s, to leave time for
//! the network) whatever the handler does: a handler that is slower, or
//! panics, gets the fallback decision (default: decline, like Interlace).
//!
//! Answers: 200 with the decision ([`DecisionFormat`]); 401 for a `sign`
//! the policy refuses; 400 for a body that is not an authorization
//! request; 413 for a body over the limit; 408 for a body that did not
//! arrive within the body timeout. Each request is one
//! `interlace.authorization` span with the request id, the decision and
//! whether it came from the handler or the fallback; card data, amounts and
//! the signature are never logged.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use ::axum::extract::Request;
use ::axum::http::{StatusCode, header};
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::{MethodRouter, post};
use tracing::Instrument;

use crate::body::{BodyError, read_limited};

use super::{
    Authorization, AuthorizationRejection, AuthorizationRequest, Decision, DecisionFormat,
    SignaturePolicy,
};

/// Default time the handler gets: 1.5 s, under Interlace's 2 s.
pub const DEFAULT_DEADLINE: Duration = Duration::from_millis(1500);

/// Default largest body: 64 KiB; a request is well under 2 KiB.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// Default time a body has to arrive in whole: 1 s. Interlace declines
/// after about 2 s, so a body that takes longer is not worth waiting for;
/// it is refused with 408.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(1);

/// The receiver: checks, your handler under a deadline, the answer.
pub struct AuthorizationReceiver<F> {
    policy: SignaturePolicy,
    handler: F,
    deadline: Duration,
    fallback: Decision,
    format: DecisionFormat,
    body_limit: usize,
    body_timeout: Duration,
}

impl<F: Clone> Clone for AuthorizationReceiver<F> {
    fn clone(&self) -> Self {
        Self {
            policy: self.policy.clone(),
            handler: self.handler.clone(),
            deadline: self.deadline,
            fallback: self.fallback.clone(),
            format: self.format.clone(),
            body_limit: self.body_limit,
            body_timeout: self.body_timeout,
        }
    }
}

impl<F> std::fmt::Debug for AuthorizationReceiver<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthorizationReceiver")
            .field("policy", &self.policy)
            .field("deadline", &self.deadline)
            .field("fallback", &self.fallback)
            .field("body_limit", &self.body_limit)
            .field("body_timeout", &self.body_timeout)
            .finish_non_exhaustive()
    }
}

impl<F, Fut> AuthorizationReceiver<F>
where
    F: Fn(Authorization) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Decision> + Send + 'static,
{
    /// A receiver that checks requests with `policy` and asks `handler`.
    pub fn new(policy: SignaturePolicy, handler: F) -> Self {
        Self {
            policy,
            handler,
            deadline: DEFAULT_DEADLINE,
            fallback: Decision::Decline {
                reason: Some("no decision in time".into()),
            },
            format: DecisionFormat::default(),
            body_limit: DEFAULT_BODY_LIMIT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
        }
    }

    /// How long the handler gets before the fallback is answered.
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The decision answered when the handler is late or panics.
    #[must_use]
    pub fn fallback(mut self, decision: Decision) -> Self {
        self.fallback = decision;
        self
    }

    /// How decisions go on the wire.
    #[must_use]
    pub fn format(mut self, format: DecisionFormat) -> Self {
        self.format = format;
        self
    }

    /// The largest body read.
    #[must_use]
    pub fn body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }

    /// How long a body has to arrive in whole; default
    /// [`DEFAULT_BODY_TIMEOUT`]. A slower one is refused with 408.
    #[must_use]
    pub fn body_timeout(mut self, timeout: Duration) -> Self {
        self.body_timeout = timeout;
        self
    }

    /// The receiver as a POST route.
    pub fn into_route<S: Clone + Send + Sync + 'static>(self) -> MethodRouter<S> {
        let receiver = Arc::new(self);
        post(move |request: Request| {
            let receiver = receiver.clone();
            async move { receiver.answer(request).await }
        })
    }

    async fn answer(&self, request: Request) -> Response {
        let span = tracing::info_span!(
            "interlace.authorization",
            id = tracing::field::Empty,
            decision = tracing::field::Empty,
            source = tracing::field::Empty,
        );
        async {
            let request = match self.accept(request).await {
                Ok(r) => r,
                Err(rejection) => {
                    tracing::warn!(reason = %rejection, "authorization request refused");
                    return refusal(&rejection);
                }
            };
            tracing::Span::current().record("id", request.id.as_str());
            let (decision, source) = self.decide(&request).await;
            let current = tracing::Span::current();
            current.record(
                "decision",
                if decision.is_approve() {
                    "approve"
                } else {
                    "decline"
                },
            );
            current.record("source", source);
            tracing::info!("authorization decided");
            let body = self.format.render(&request, &decision).to_string();
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response()
        }
        .instrument(span)
        .await
    }

    async fn accept(
        &self,
        request: Request,
    ) -> Result<AuthorizationRequest, AuthorizationRejection> {
        let (parts, body) = request.into_parts();
        let (limit, after) = (self.body_limit, self.body_timeout);
        let body = read_limited(&parts.headers, body, limit, after)
            .await
            .map_err(|e| match e {
                BodyError::TooLarge => AuthorizationRejection::TooLarge { limit },
                BodyError::Unreadable => {
                    AuthorizationRejection::Malformed("unreadable body".into())
                }
                BodyError::TimedOut => AuthorizationRejection::TimedOut { after },
            })?;
        let request = AuthorizationRequest::parse(&body)?;
        if !self.policy.accepts(&request) {
            return Err(AuthorizationRejection::BadSignature);
        }
        Ok(request)
    }

    /// The handler's decision, or the fallback when it is late or panics;
    /// with where the decision came from.
    async fn decide(&self, request: &AuthorizationRequest) -> (Decision, &'static str) {
        // On its own task, so a panic is a fallback, not a dropped answer.
        let decision = (self.handler)(request.authorization.clone());
        let task = tokio::spawn(decision.instrument(tracing::Span::current()));
        match tokio::time::timeout(self.deadline, task).await {
            Ok(Ok(decision)) => (decision, "handler"),
            Ok(Err(_panicked)) => (self.fallback.clone(), "fallback: the handler panicked"),
            Err(_late) => (self.fallback.clone(), "fallback: past the deadline"),
        }
    }
}

fn refusal(rejection: &AuthorizationRejection) -> Response {
    let status = StatusCode::from_u16(rejection.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = serde_json::json!({ "error": rejection.to_string() }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
