//! The client: a generic shell around one non-generic call path.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use tracing::Instrument;

use crate::auth::TokenManager;
use crate::config::Config;
use crate::endpoint::{Endpoint, EndpointMeta, FromData, HttpMethod, RequestParts};
use crate::envelope::{self, AnswerContext, Envelope};
use crate::error::{CallSite, Error, RedirectError};
use crate::retry::{self, CallFacts, Decision, Failure};
use crate::secret::{ExposeSecret, SecretString};
use crate::transport::{self, Attempt, AttemptError, RawAnswer};

/// A client of the Interlace Open API. Cheap to clone: clones share the
/// connection pool and the token.
///
/// ```no_run
/// # async fn run() -> Result<(), interlace_runtime::Error> {
/// let client = interlace_runtime::Client::from_env()?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    http: reqwest::Client,
    tokens: TokenManager,
    /// Whether an answer opening with the success code may skip the
    /// envelope check: not when "000000" is configured as a token error.
    fast_success: bool,
}

/// A success answer whose `data` is not decoded yet.
#[derive(Debug)]
pub struct Answer {
    site: CallSite,
    status: u16,
    sensitive: bool,
    body: Bytes,
    /// The checked envelope; `None` when the body opened with the success
    /// code, which leaves the whole parse to [`Answer::decode`].
    envelope: Option<Envelope>,
}

impl Answer {
    fn context(&self) -> AnswerContext<'_> {
        AnswerContext {
            site: &self.site,
            status: self.status,
            sensitive: self.sensitive,
        }
    }

    /// Decodes `data` into `T`.
    pub fn decode<T: FromData>(&self) -> Result<T, Error> {
        let cx = self.context();
        match &self.envelope {
            Some(envelope) => envelope::decode_data(&self.body, envelope, cx),
            // One pass over the body; only a failure pays for the careful
            // parse that classifies it.
            None => T::from_envelope(&self.body).or_else(|_| {
                let envelope =
                    envelope::parse(&self.body, cx).and_then(|e| envelope::check(e, cx))?;
                envelope::decode_data(&self.body, &envelope, cx)
            }),
        }
    }

    /// The raw `data` JSON, if any.
    pub fn raw_data(&self) -> Option<&[u8]> {
        let range = match &self.envelope {
            Some(envelope) => envelope.data.clone(),
            None => envelope::parse(&self.body, self.context()).ok()?.data,
        };
        range.map(|r| &self.body[r])
    }
}

impl Client {
    /// A client for `config`.
    pub fn new(config: Config) -> Result<Self, Error> {
        let http = transport::http_client(&config)?;
        let fast_success = !config
            .token_error_codes
            .iter()
            .any(|c| c == envelope::SUCCESS_CODE);
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                http,
                tokens: TokenManager::default(),
                fast_success,
            }),
        })
    }

    /// A client configured from `INTERLACE_*` environment variables; see [`Config::from_env`].
    pub fn from_env() -> Result<Self, Error> {
        Self::new(Config::from_env()?)
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Makes sure the client holds a fresh access token, acquiring one if
    /// needed. Calls do this on their own; use it to check credentials early.
    pub async fn authenticate(&self) -> Result<(), Error> {
        self.inner.tokens.token(self).await.map(drop)
    }

    /// Sends any endpoint, including ones declared outside this crate.
    ///
    /// Returns a [`Call`], a future to `.await`; nothing is sent before it is
    /// first polled.
    pub fn send<E: Endpoint>(&self, request: E) -> Call<E> {
        Call {
            state: CallState::Ready {
                client: self.clone(),
                request,
            },
        }
    }

    /// The non-generic core: sends prepared parts and checks the envelope.
    ///
    /// Gets a token when the endpoint needs one, retries what is safe to
    /// retry, and replays once with a new token when the token is rejected.
    pub async fn execute(
        &self,
        meta: &'static EndpointMeta,
        parts: RequestParts,
    ) -> Result<Answer, Error> {
        let span = tracing::info_span!(
            "interlace.call",
            endpoint = meta.name,
            method = meta.method.as_str(),
            path = meta.path_template,
            status = tracing::field::Empty,
            code = tracing::field::Empty,
            attempt = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        self.execute_in_span(meta, parts, &span)
            .instrument(span.clone())
            .await
    }

    async fn execute_in_span(
        &self,
        meta: &'static EndpointMeta,
        parts: RequestParts,
        span: &tracing::Span,
    ) -> Result<Answer, Error> {
        parts.check()?;
        let config = &self.inner.config;
        let site = CallSite {
            endpoint: meta.name,
            method: meta.method.as_str(),
            path: parts.path.clone(),
        };
        let url = build_url(config, &parts, meta)?;
        let idempotency_key = parts
            .idempotency_key
            .clone()
            .or_else(|| meta.idempotent.then(|| uuid::Uuid::new_v4().to_string()));
        let body = parts.body.map(Bytes::from);
        let facts = CallFacts {
            replay_safe: meta.method == HttpMethod::Get || idempotency_key.is_some(),
        };

        let started_wall = config.clock.now();
        let started = Instant::now();
        let mut attempt = 0u32;
        let mut replayed = false;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let token = if meta.auth {
                Some(self.inner.tokens.access_token(self).await?)
            } else {
                None
            };
            // Built per attempt rather than cloned: most calls make one.
            let headers = transport::base_headers(
                meta.name,
                &parts.headers,
                body.is_some(),
                idempotency_key.as_deref(),
            )?;
            let headers = match &token {
                Some(t) => transport::with_token(headers, t.expose_secret(), meta.name)?,
                None => headers,
            };
            let sent = transport::send_once(
                &self.inner.http,
                config,
                Attempt {
                    method: meta.method.to_reqwest(),
                    url: &url,
                    headers,
                    body: body.clone(),
                    site: &site,
                    sensitive: meta.sensitive_response,
                },
            )
            .await;
            span.record("latency_ms", started.elapsed().as_millis() as u64);
            let (failure, error) = match sent {
                Ok(raw) => {
                    span.record("status", raw.status);
                    match self
                        .judge(meta, &site, raw, token.as_ref(), &mut replayed)
                        .await
                    {
                        Verdict::Done(result) => return result,
                        Verdict::Replay => {
                            // A replay with a new token is not a retry: it
                            // does not use up an attempt.
                            attempt -= 1;
                            continue;
                        }
                        Verdict::Retryable(failure, error) => (failure, error),
                    }
                }
                Err(AttemptError::Final(error)) => return Err(error),
                Err(AttemptError::Retryable(failure, error)) => (failure, error),
            };
            let elapsed = transport::elapsed_since(config, started_wall);
            match retry::decide(
                &config.retry,
                facts,
                attempt,
                failure,
                elapsed,
                fastrand::f64(),
            ) {
                Decision::Retry(wait) => {
                    tracing::debug!(?failure, ?wait, attempt, "retrying");
                    config.clock.sleep(wait).await;
                }
                Decision::Stop => return Err(error),
            }
        }
    }

    /// What an answer means for the call.
    async fn judge(
        &self,
        meta: &'static EndpointMeta,
        site: &CallSite,
        raw: RawAnswer,
        token: Option<&SecretString>,
        replayed: &mut bool,
    ) -> Verdict {
        let cx = AnswerContext {
            site,
            status: raw.status,
            sensitive: meta.sensitive_response,
        };
        if (300..400).contains(&raw.status) {
            return Verdict::Done(Err(Error::Redirect(Box::new(RedirectError {
                site: site.clone(),
                status: raw.status,
                location: raw.location,
            }))));
        }
        let success = (200..300).contains(&raw.status);
        if success && self.inner.fast_success && envelope::opens_with_success(&raw.body) {
            tracing::Span::current().record("code", envelope::SUCCESS_CODE);
            return Verdict::Done(Ok(Answer {
                site: site.clone(),
                status: raw.status,
                sensitive: meta.sensitive_response,
                body: raw.body,
                envelope: None,
            }));
        }
        let parsed = envelope::parse(&raw.body, cx);
        if let Ok(env) = &parsed {
            tracing::Span::current().record("code", env.code.as_str());
        }
        let token_rejected = raw.status == 401
            || parsed
                .as_ref()
                .is_ok_and(|env| self.inner.config.token_error_codes.contains(&env.code));
        if let Some(token) = token.filter(|_| token_rejected) {
            if !*replayed {
                *replayed = true;
                tracing::debug!("access token rejected; replaying once with a new one");
                self.inner.tokens.reject(self, token).await;
                return Verdict::Replay;
            }
            let cause = parsed.and_then(|env| envelope::check(env, cx)).err();
            return Verdict::Done(Err(Error::auth(
                "the API rejected a freshly acquired access token",
                cause.map(Arc::new),
            )));
        }
        let outcome = parsed.and_then(|env| envelope::check(env, cx));
        if retry::is_retryable_status(raw.status) {
            let failure = Failure::Status {
                status: raw.status,
                retry_after: raw.retry_after,
            };
            let error = match outcome {
                Err(e) => e,
                // A retryable status with a success envelope is still a failure.
                Ok(env) => Error::Api(Box::new(crate::error::ApiError {
                    code: env.code,
                    message: env.message,
                    status: raw.status,
                    site: site.clone(),
                })),
            };
            return Verdict::Retryable(failure, error);
        }
        Verdict::Done(outcome.map(|envelope| Answer {
            site: site.clone(),
            status: raw.status,
            sensitive: meta.sensitive_response,
            body: raw.body,
            envelope: Some(envelope),
        }))
    }
}

/// A call in progress: the future [`Client::send`] and the generated client
/// methods return. Resolves to the endpoint's response.
///
/// It is a named type rather than an `async fn`'s opaque future so that the
/// code generated per endpoint stays a one-line method: the request is
/// written into parts on the first poll, and everything after that runs in
/// one boxed, non-generic future shared by all endpoints.
#[must_use = "a call does nothing unless awaited"]
pub struct Call<E: Endpoint> {
    state: CallState<E>,
}

enum CallState<E> {
    Ready { client: Client, request: E },
    Running(Pin<Box<dyn Future<Output = Result<Answer, Error>> + Send>>),
    Done,
}

// Nothing in a `Call` relies on being pinned: the request is moved out on the
// first poll and the running future is boxed.
impl<E: Endpoint> Unpin for Call<E> {}

impl<E: Endpoint> fmt::Debug for Call<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            CallState::Ready { .. } => "ready",
            CallState::Running(_) => "running",
            CallState::Done => "done",
        };
        f.debug_struct("Call")
            .field("endpoint", &E::META.name)
            .field("state", &state)
            .finish()
    }
}

impl<E: Endpoint> Future for Call<E> {
    type Output = Result<E::Response, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                CallState::Ready { .. } => {
                    let CallState::Ready { client, request } =
                        std::mem::replace(&mut this.state, CallState::Done)
                    else {
                        unreachable!("matched Ready above");
                    };
                    let parts = match RequestParts::of(&request) {
                        Ok(parts) => parts,
                        Err(e) => return Poll::Ready(Err(e)),
                    };
                    drop(request);
                    this.state = CallState::Running(Box::pin(async move {
                        client.execute(E::META, parts).await
                    }));
                }
                CallState::Running(future) => {
                    let answer = std::task::ready!(future.as_mut().poll(cx));
                    this.state = CallState::Done;
                    return Poll::Ready(answer.and_then(|a| a.decode()));
                }
                CallState::Done => panic!("`Call` polled after it completed"),
            }
        }
    }
}

enum Verdict {
    Done(Result<Answer, Error>),
    Replay,
    Retryable(Failure, Error),
}

fn build_url(
    config: &Config,
    parts: &RequestParts,
    meta: &EndpointMeta,
) -> Result<url::Url, Error> {
    let relative = parts.path.trim_start_matches('/');
    let mut url = config
        .base_url
        .join(relative)
        .map_err(|e| Error::invalid_request(meta.name, format!("path `{}`: {e}", parts.path)))?;
    if !parts.query.is_empty() {
        url.query_pairs_mut()
            .extend_pairs(parts.query.iter().map(|(k, v)| (*k, v.as_str())));
    }
    Ok(url)
}
