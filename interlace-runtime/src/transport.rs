//! One HTTP attempt: reqwest with rustls, no redirects, a capped body.

use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::config::Config;
use crate::envelope::AnswerContext;
use crate::error::{CallSite, Error, TimeoutError, TransportError};
use crate::retry::{Failure, parse_retry_after};

/// Builds the one reqwest client (and so the one connection pool) of a [`crate::Client`].
pub(crate) fn http_client(config: &Config) -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .use_rustls_tls()
        .user_agent(&config.user_agent)
        .connect_timeout(config.connect_timeout)
        // `x-access-token` is not a header reqwest strips on a cross-host
        // redirect, so redirects are not followed at all and are reported.
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| {
            Error::config(
                "http_client",
                format!("could not build the HTTP client: {e}"),
            )
        })
}

/// An answer read in full.
#[derive(Debug)]
pub(crate) struct RawAnswer {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub location: Option<String>,
    pub body: Bytes,
}

/// Why an attempt produced no answer.
pub(crate) enum AttemptError {
    /// Might work if tried again, depending on the retry rules.
    Retryable(Failure, Error),
    /// Trying again can't help.
    Final(Error),
}

/// What one attempt sends.
pub(crate) struct Attempt<'a> {
    pub method: reqwest::Method,
    pub url: &'a url::Url,
    pub headers: HeaderMap,
    pub body: Option<Bytes>,
    pub site: &'a CallSite,
    pub sensitive: bool,
}

pub(crate) async fn send_once(
    http: &reqwest::Client,
    config: &Config,
    attempt: Attempt<'_>,
) -> Result<RawAnswer, AttemptError> {
    let site = attempt.site;
    let mut builder = http
        .request(attempt.method, attempt.url.clone())
        .headers(attempt.headers)
        .timeout(config.request_timeout);
    if let Some(body) = attempt.body {
        builder = builder.body(body);
    }
    let mut response = builder
        .send()
        .await
        .map_err(|e| classify(e, site, config.request_timeout))?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, config.clock.now()));
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(strip_query);
    let cx = AnswerContext {
        site,
        status,
        sensitive: attempt.sensitive,
    };
    let limit = config.max_response_bytes;
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(AttemptError::Final(cx.too_large(limit)));
    }
    if response.content_length().is_some() {
        // Within the limit (checked above): read it in one go.
        let body = response
            .bytes()
            .await
            .map_err(|e| classify(e, site, config.request_timeout))?;
        if body.len() > limit {
            return Err(AttemptError::Final(cx.too_large(limit)));
        }
        return Ok(RawAnswer {
            status,
            retry_after,
            location,
            body,
        });
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| classify(e, site, config.request_timeout))?
    {
        if body.len() + chunk.len() > limit {
            return Err(AttemptError::Final(cx.too_large(limit)));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawAnswer {
        status,
        retry_after,
        location,
        body: body.freeze(),
    })
}

fn classify(err: reqwest::Error, site: &CallSite, timeout: Duration) -> AttemptError {
    if err.is_connect() {
        let reason = "connection failed".to_string();
        return AttemptError::Retryable(Failure::Connect, transport_error(site, reason, err));
    }
    if err.is_timeout() {
        let e = Error::Timeout(Box::new(TimeoutError {
            site: site.clone(),
            after: timeout,
        }));
        return AttemptError::Retryable(Failure::Timeout, e);
    }
    if err.is_builder() {
        return AttemptError::Final(transport_error(
            site,
            "request could not be built".into(),
            err,
        ));
    }
    AttemptError::Retryable(
        Failure::Transport,
        transport_error(site, "request failed".into(), err),
    )
}

fn transport_error(site: &CallSite, reason: String, source: reqwest::Error) -> Error {
    // reqwest puts the URL, query included, into its errors; drop it.
    Error::Transport(Box::new(TransportError {
        site: site.clone(),
        reason,
        source: Some(source.without_url()),
    }))
}

/// `Location` without its query string, which may carry anything.
fn strip_query(location: &str) -> String {
    let end = location.find(['?', '#']).unwrap_or(location.len());
    location[..end].chars().take(200).collect()
}

/// The headers of every attempt of one call.
pub(crate) fn base_headers(
    endpoint: &'static str,
    custom: &[(&'static str, String)],
    has_body: bool,
    idempotency_key: Option<&str>,
) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::with_capacity(custom.len() + 4);
    headers.insert(
        reqwest::header::ACCEPT,
        HeaderValue::from_static("application/json"),
    );
    if has_body {
        headers.insert(
            reqwest::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    let bad = |what: &str| Error::invalid_request(endpoint, format!("header {what} is not valid"));
    if let Some(key) = idempotency_key {
        let value = HeaderValue::from_str(key).map_err(|_| bad("Idempotency-Key"))?;
        headers.insert(HeaderName::from_static("idempotency-key"), value);
    }
    for (name, value) in custom {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad(name))?;
        let value = HeaderValue::from_str(value).map_err(|_| bad(name.as_str()))?;
        headers.append(name, value);
    }
    Ok(headers)
}

/// Adds the access token, marked sensitive so that reqwest and hyper never print it.
pub(crate) fn with_token(
    mut headers: HeaderMap,
    token: &str,
    endpoint: &'static str,
) -> Result<HeaderMap, Error> {
    let mut value = HeaderValue::from_str(token).map_err(|_| {
        Error::auth(
            format!("the access token for {endpoint} is not a valid header value"),
            None,
        )
    })?;
    value.set_sensitive(true);
    headers.insert(HeaderName::from_static("x-access-token"), value);
    Ok(headers)
}

/// Elapsed time on the client's clock since `start`.
pub(crate) fn elapsed_since(config: &Config, start: SystemTime) -> Duration {
    config.clock.now().duration_since(start).unwrap_or_default()
}
