//! Step 1, build: [`RequestParts`] become the HTTP request.
//!
//! This is the only place that writes headers. [`prepare`] runs once per
//! call: it checks every value and keeps the request's pieces. Each attempt
//! then gets its request from [`Prepared::attempt`], which adds the access
//! token of that attempt (a replay after a rejected token carries a new
//! one). Headers are assembled per attempt rather than cloned from a
//! finished request: most calls make one attempt, and building a small
//! `HeaderMap` costs less than building one and then copying it. The
//! headers every call has are kept as fields, not in a list, so a call
//! without headers of its own allocates nothing for them until the attempt.

use bytes::Bytes;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use crate::config::Config;
use crate::endpoint::{EndpointMeta, HttpMethod};
use crate::error::{CallSite, Error};
use crate::request::RequestParts;
use crate::secret::{ExposeSecret, SecretString};

/// The current access token as a header value, marked sensitive so that
/// reqwest and hyper never print it, built once per token: its bytes are
/// shared by every call instead of copied into each.
#[derive(Default)]
pub(crate) struct TokenHeader(std::sync::Mutex<Option<(SecretString, HeaderValue)>>);

impl std::fmt::Debug for TokenHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenHeader(..)")
    }
}

impl TokenHeader {
    /// `token`'s header value; an error names `endpoint` when the token
    /// can't be a header value. `on_new` runs once for each new token.
    pub fn value(
        &self,
        token: &SecretString,
        endpoint: &str,
        on_new: impl FnOnce(),
    ) -> Result<HeaderValue, Error> {
        let mut last = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((known, value)) = last.as_ref()
            && known.expose_secret() == token.expose_secret()
        {
            return Ok(value.clone());
        }
        on_new();
        let bytes = Bytes::copy_from_slice(token.expose_secret().as_bytes());
        let mut value = HeaderValue::from_maybe_shared(bytes).map_err(|_| {
            Error::auth(
                format!("the access token for {endpoint} is not a valid header value"),
                None,
            )
        })?;
        value.set_sensitive(true);
        *last = Some((token.clone(), value.clone()));
        Ok(value)
    }
}

const JSON: HeaderValue = HeaderValue::from_static("application/json");
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// A call's request, ready to be sent as many times as its attempts need.
#[derive(Debug)]
pub(crate) struct Prepared {
    method: reqwest::Method,
    url: url::Url,
    /// Present when there is a body.
    content_type: Option<HeaderValue>,
    idempotency_key: Option<HeaderValue>,
    /// The endpoint's own headers, checked (empty for most endpoints).
    own: Vec<(HeaderName, HeaderValue)>,
    body: Option<Bytes>,
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

    let content_type = match (&parts.body, &parts.content_type) {
        (None, _) => None,
        (Some(_), None) => Some(JSON),
        (Some(_), Some(ct)) => {
            Some(HeaderValue::from_str(ct).map_err(|_| bad_header("Content-Type"))?)
        }
    };
    let key = parts
        .idempotency_key
        .or_else(|| meta.idempotent.then(|| uuid::Uuid::new_v4().to_string()));
    let idempotency_key = match &key {
        Some(key) => Some(HeaderValue::from_str(key).map_err(|_| bad_header("Idempotency-Key"))?),
        None => None,
    };
    let mut own = Vec::with_capacity(parts.headers.len());
    for (name, value) in &parts.headers {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad_header(name))?;
        let value = HeaderValue::from_str(value).map_err(|_| bad_header(name.as_str()))?;
        own.push((name, value));
    }

    Ok(Prepared {
        method: meta.method.to_reqwest(),
        url,
        content_type,
        idempotency_key,
        own,
        body: parts.body.map(Bytes::from),
        site: CallSite {
            endpoint: name,
            method: meta.method.as_str(),
            path: parts.path,
        },
        replay_safe: meta.method == HttpMethod::Get || key.is_some(),
    })
}

impl Prepared {
    /// The request of one attempt, carrying `credential` (a header the
    /// endpoint needs) when there is one.
    pub fn attempt(&self, credential: Option<(&HeaderName, HeaderValue)>) -> reqwest::Request {
        // The default capacity, not an exact one: hyper adds `host` and
        // reqwest `user-agent`, and a map sized to ours would grow again.
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, JSON);
        if let Some(value) = &self.content_type {
            headers.insert(CONTENT_TYPE, value.clone());
        }
        if let Some(value) = &self.idempotency_key {
            headers.insert(IDEMPOTENCY_KEY, value.clone());
        }
        for (name, value) in &self.own {
            headers.append(name.clone(), value.clone());
        }
        if let Some((name, value)) = credential {
            headers.insert(name.clone(), value);
        }
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        *request.headers_mut() = headers;
        // `Bytes`: each attempt shares the one buffer.
        *request.body_mut() = self.body.clone().map(Into::into);
        request
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_header_follows_the_token_and_is_sensitive() {
        let header = TokenHeader::default();
        let first = header
            .value(&SecretString::from("tok-1"), "e", || {})
            .unwrap();
        assert_eq!(first, "tok-1");
        assert!(first.is_sensitive());
        assert_eq!(
            header
                .value(&SecretString::from("tok-1"), "e", || {})
                .unwrap(),
            "tok-1"
        );
        let second = header
            .value(&SecretString::from("tok-2"), "e", || {})
            .unwrap();
        assert_eq!(second, "tok-2");
        assert!(second.is_sensitive());
        assert!(!format!("{header:?}").contains("tok"));
    }

    #[test]
    fn a_token_that_cannot_be_a_header_is_an_auth_error_naming_the_endpoint() {
        let header = TokenHeader::default();
        let error = header
            .value(&SecretString::from("bad\ntoken"), "listCards", || {})
            .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("listCards"), "{text}");
        assert!(!text.contains("bad\ntoken"), "{text}");
    }
}
