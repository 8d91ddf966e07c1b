//! The call path, as named steps each kept in one place:
//!
//! 1. [`build`]: the request's parts become the HTTP request;
//! 2. authenticate: an [`Authenticate`] hands out the access token
//!    ([`crate::auth::TokenCache`] for API calls, [`NoAuth`] for the
//!    OAuth calls that obtain it);
//! 3. [`send`]: one attempt on the wire;
//! 4. [`classify`]: what the attempt means, and then one decision here:
//!    done, replay with a new token, retry ([`crate::retry::decide`]) or fail;
//! 5. [`decode`]: the envelope's `data` into the caller's type.
//!
//! One word for each thing an attempt goes through: an [`classify::Attempt`]
//! has an [`classify::Outcome`] (a [`send::RawResponse`] with its
//! [`classify::Parsed`] envelope, or a [`send::NoResponse`]); the
//! classifiers give it a [`classify::Verdict`]; a retryable verdict's
//! [`crate::retry::Failure`] goes to [`crate::retry::decide`], whose
//! [`crate::retry::Decision`] is to retry or stop; a failing verdict's
//! [`classify::Cause`] says which error reports it.
//!
//! Everything here is non-generic but for the authenticator, which has two
//! implementations, so the code generated per endpoint stays a few lines.

pub(crate) mod build;
pub(crate) mod classify;
pub(crate) mod decode;
mod drift;
pub(crate) mod send;

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use tracing::Instrument;

use crate::auth::TokenStore;
use crate::clock::Clock;
use crate::config::{Config, ContractCheck};
use crate::endpoint::EndpointMeta;
use crate::envelope::{self, ResponseContext};
use crate::error::Error;
use crate::profile::{ResponseFormat, Scheme};
use crate::request::RequestParts;
use crate::retry::{self, CallFacts, Decision};
use crate::secret::{KnownSecrets, SecretString};
use classify::{Attempt, Cause, Outcome, Parsed, Verdict};
use decode::SuccessResponse;

/// What every step needs: the configuration, the connection pool, and the
/// collaborators the client was built with.
#[derive(Debug)]
pub(crate) struct Core {
    pub config: Config,
    pub http: reqwest::Client,
    /// The clock tokens, retries and `Retry-After` are judged by.
    pub clock: Arc<dyn Clock>,
    /// Where the token is kept, bound to this client's scope.
    pub store: Arc<dyn TokenStore>,
    /// Token-error codes, normalised like envelope codes.
    pub token_error_codes: Vec<String>,
    /// Whether an answer opening with the success code may skip the
    /// envelope parse: not when "000000" is configured as a token error,
    /// nor for an API that answers plain JSON.
    pub fast_success: bool,
    /// Where a call's credential comes from, checked once.
    pub scheme: Scheme,
    /// The current access token as a header value, shared by the calls.
    pub token_header: build::TokenHeader,
    /// The secrets masked by value in every error this client returns.
    pub secrets: KnownSecrets,
}

impl Core {
    pub fn new(
        config: Config,
        clock: Arc<dyn Clock>,
        store: Arc<dyn TokenStore>,
    ) -> Result<Self, Error> {
        let http = send::http_client(&config)?;
        let token_error_codes: Vec<String> = config
            .token_error_codes
            .iter()
            .map(|c| envelope::normalize_code(c))
            .collect();
        let fast_success = config.response_format == ResponseFormat::Envelope
            && !token_error_codes
                .iter()
                .any(|c| c == envelope::SUCCESS_CODE);
        let scheme = config
            .authentication
            .scheme()
            .map_err(|m| Error::config("authentication", m))?;
        let secrets = KnownSecrets::new();
        // The client secret is also the key of the card data.
        secrets.insert(&config.client_secret);
        if let Some(credential) = config.authentication.fixed_credential() {
            secrets.insert(credential);
        }
        Ok(Self {
            config,
            http,
            clock,
            store,
            token_error_codes,
            fast_success,
            scheme,
            token_header: build::TokenHeader::default(),
            secrets,
        })
    }
}

/// How long a token seen on the wire is masked by value when its expiry is
/// not known here: twice the 24 hours Interlace's tokens live. A token the
/// client obtains itself is known with its own expiry (`auth::cache`).
const TOKEN_KEPT: std::time::Duration = std::time::Duration::from_secs(2 * 86_400);

/// Step 2: where the access token of an attempt comes from.
pub(crate) trait Authenticate: Sync {
    /// The token to send, acquiring one if needed.
    fn token(&self, core: &Arc<Core>) -> impl Future<Output = Result<SecretString, Error>> + Send;
    /// `token` was rejected by the API: forget it, unless already replaced.
    fn reject(&self, core: &Arc<Core>, token: &SecretString) -> impl Future<Output = ()> + Send;
}

/// For the calls that obtain a token: they send none.
pub(crate) struct NoAuth;

impl Authenticate for NoAuth {
    async fn token(&self, _: &Arc<Core>) -> Result<SecretString, Error> {
        Err(Error::auth(
            "an endpoint that needs a token was sent on the token path",
            None,
        ))
    }

    async fn reject(&self, _: &Arc<Core>, _: &SecretString) {}
}

/// One call, from its parts to a success answer or the error that ends it.
pub(crate) async fn run<A: Authenticate>(
    core: &Arc<Core>,
    auth: &A,
    meta: &'static EndpointMeta,
    parts: RequestParts,
) -> Result<SuccessResponse, Error> {
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
    let success = attempts(core, auth, meta, parts, &span)
        .instrument(span.clone())
        .await
        .map_err(|e| e.masked(&core.secrets))?;
    let mode = core.config.contract_check;
    if mode != ContractCheck::Off {
        let (site, status, body) = success.parts();
        span.in_scope(|| drift::inspect(mode, meta, site, status, body, &core.secrets))
            .map_err(|e| e.masked(&core.secrets))?;
    }
    Ok(success)
}

async fn attempts<A: Authenticate>(
    core: &Arc<Core>,
    auth: &A,
    meta: &'static EndpointMeta,
    parts: RequestParts,
    span: &tracing::Span,
) -> Result<SuccessResponse, Error> {
    let config = &core.config;
    let prepared = build::prepare(config, meta, parts)?;
    let facts = CallFacts {
        replay_safe: prepared.replay_safe,
    };
    let started_wall = core.clock.now();
    let started = Instant::now();
    // Attempts that failed and counted against the retry budget; a replay
    // with a new token is not a retry and does not count.
    let mut failed = 0u32;
    let mut replayed = false;
    loop {
        span.record("attempt", failed + 1);
        // Only a token the client obtains can be rejected and replaced; a
        // fixed credential is sent as it is.
        let (token, credential) = match (&core.scheme, meta.auth) {
            (Scheme::Renewable(header), true) => {
                let token = auth.token(core).await?;
                let value = core
                    .token_header
                    .value(&token, prepared.site.endpoint, || {
                        let now = core.clock.now();
                        core.secrets.insert_until(&token, now + TOKEN_KEPT, now);
                    })?;
                (Some(token), Some((header, value)))
            }
            (Scheme::Fixed(header, value), true) => (None, Some((header, value.clone()))),
            _ => (None, None),
        };
        let request = prepared.attempt(credential);
        let outcome = match send::send(core, request).await {
            Ok(raw) => {
                span.record("status", raw.status);
                let cx = ResponseContext {
                    site: &prepared.site,
                    status: raw.status,
                    sensitive: meta.sensitive_response,
                    secrets: &core.secrets,
                };
                let parsed = Parsed::of(&raw, cx, core.fast_success, config.response_format);
                if let Some(code) = parsed.code() {
                    span.record("code", code);
                }
                Outcome::Responded(raw, parsed)
            }
            Err(failure) => Outcome::Failed(failure),
        };
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        let attempt = Attempt {
            site: &prepared.site,
            sensitive: meta.sensitive_response,
            sent_token: token.is_some(),
            token_error_codes: &core.token_error_codes,
            timeout: config.request_timeout,
            outcome,
        };
        match classify::classify(&attempt) {
            Verdict::Success => {
                let Attempt {
                    outcome, sensitive, ..
                } = attempt;
                return classify::success(
                    prepared.site,
                    outcome,
                    sensitive,
                    config.request_timeout,
                    &core.secrets,
                );
            }
            Verdict::Fail(cause) => return Err(attempt.into_error(cause)),
            Verdict::TokenRejected => match token {
                Some(token) if !replayed => {
                    replayed = true;
                    tracing::debug!("access token rejected; replaying once with a new one");
                    auth.reject(core, &token).await;
                }
                _ => {
                    return Err(Error::auth(
                        "the API rejected a freshly acquired access token",
                        Some(Arc::new(attempt.into_error(Cause::Refused))),
                    ));
                }
            },
            Verdict::Retryable(failure) => {
                failed += 1;
                let elapsed = elapsed_since(core, started_wall);
                match retry::decide(
                    &config.retry,
                    facts,
                    failed,
                    failure,
                    elapsed,
                    fastrand::f64(),
                ) {
                    Decision::Retry(wait) => {
                        tracing::debug!(?failure, ?wait, attempt = failed, "retrying");
                        core.clock.sleep(wait).await;
                    }
                    Decision::Stop => return Err(attempt.into_error(failure.into())),
                }
            }
        }
    }
}

/// Elapsed time on the client's clock since `start`.
fn elapsed_since(core: &Core, start: std::time::SystemTime) -> std::time::Duration {
    core.clock.now().duration_since(start).unwrap_or_default()
}
