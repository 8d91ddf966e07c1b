//! Step 1, build: [`RequestParts`] become the HTTP request.
//!
//! This is the only place that writes headers. [`prepare`] runs once per
//! call: it checks every value and keeps the request's pieces. Each attempt
//! then gets its request from [`Prepared::attempt`], which adds the access
//! token of that attempt (a replay after a rejected token carries a new
//! one). Headers are assembled per attempt rather than cloned from a
//! finished request: most calls make one attempt, and building a small
//! `HeaderMap` costs less than building one and then copying it.

use bytes::Bytes;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use crate::config::Config;
use crate::endpoint::{EndpointMeta, HttpMethod};
use crate::error::{CallSite, Error};
use crate::request::RequestParts;
use crate::secret::{ExposeSecret, SecretString};

const JSON: HeaderValue = HeaderValue::from_static("application/json");
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// A call's request, ready to be sent as many times as its attempts need.
#[derive(Debug)]
pub(crate) struct Prepared {
    method: reqwest::Method,
    url: url::Url,
    /// Every header but the token, checked.
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Bytes>,
    timeout: std::time::Duration,
    pub site: CallSite,
    /// Whether sending it twice is safe: a GET, or a call with an `Idempotency-Key`.
    pub replay_safe: bool,
}

/// Turns checked parts into the request: method, URL with query, headers
/// (`Accept`, the body's content type, `Idempotency-Key`, the endpoint's own)
/// and body. A value that can't go on the wire is an
/// [`Error::InvalidRequest`] here, before any token is fetched.
pub(crate) fn prepare(
    config: &Config,
    meta: &'static EndpointMeta,
    parts: RequestParts,
) -> Result<Prepared, Error> {
    parts.check()?;
    let name = meta.name;
    let bad_header =
        |what: &str| Error::invalid_request(name, format!("header {what} is not valid"));

    let relative = parts.path.trim_start_matches('/');
    let mut url = config
        .base_url
        .join(relative)
        .map_err(|e| Error::invalid_request(name, format!("path `{}`: {e}", parts.path)))?;
    if !parts.query.is_empty() {
        url.query_pairs_mut().extend_pairs(parts.query.pairs());
    }

    let mut headers = Vec::with_capacity(parts.headers.len() + 3);
    headers.push((ACCEPT, JSON));
    if parts.body.is_some() {
        let content_type = match &parts.content_type {
            Some(ct) => HeaderValue::from_str(ct).map_err(|_| bad_header("Content-Type"))?,
            None => JSON,
        };
        headers.push((CONTENT_TYPE, content_type));
    }
    let key = parts
        .idempotency_key
        .or_else(|| meta.idempotent.then(|| uuid::Uuid::new_v4().to_string()));
    if let Some(key) = &key {
        let value = HeaderValue::from_str(key).map_err(|_| bad_header("Idempotency-Key"))?;
        headers.push((IDEMPOTENCY_KEY, value));
    }
    for (name, value) in &parts.headers {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad_header(name))?;
        let value = HeaderValue::from_str(value).map_err(|_| bad_header(name.as_str()))?;
        headers.push((name, value));
    }

    Ok(Prepared {
        method: meta.method.to_reqwest(),
        url,
        headers,
        body: parts.body.map(Bytes::from),
        timeout: config.request_timeout,
        site: CallSite {
            endpoint: name,
            method: meta.method.as_str(),
            path: parts.path,
        },
        replay_safe: meta.method == HttpMethod::Get || key.is_some(),
    })
}

impl Prepared {
    /// `token` as a header value, marked sensitive so that reqwest and hyper
    /// never print it.
    pub fn token_value(&self, token: &SecretString) -> Result<HeaderValue, Error> {
        let mut value = HeaderValue::from_str(token.expose_secret()).map_err(|_| {
            Error::auth(
                format!(
                    "the access token for {} is not a valid header value",
                    self.site.endpoint
                ),
                None,
            )
        })?;
        value.set_sensitive(true);
        Ok(value)
    }

    /// The request of one attempt, carrying `credential` (a header the
    /// endpoint needs) when there is one.
    pub fn attempt(&self, credential: Option<(&HeaderName, HeaderValue)>) -> reqwest::Request {
        let mut headers = HeaderMap::with_capacity(self.headers.len() + 1);
        for (name, value) in &self.headers {
            headers.append(name.clone(), value.clone());
        }
        if let Some((name, value)) = credential {
            headers.insert(name.clone(), value);
        }
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        *request.headers_mut() = headers;
        *request.timeout_mut() = Some(self.timeout);
        // `Bytes`: each attempt shares the one buffer.
        *request.body_mut() = self.body.clone().map(Into::into);
        request
    }
}
