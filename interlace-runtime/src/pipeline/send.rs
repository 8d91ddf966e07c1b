//! Step 3, send: one attempt on the wire with reqwest (rustls), no
//! redirects followed, the body read up to the configured cap. What the
//! outcome means is [`super::classify`]'s business.

use std::time::Duration;

use bytes::{Bytes, BytesMut};

use super::Core;
use crate::config::Config;
use crate::error::Error;
use crate::retry::parse_retry_after;

/// Builds the one reqwest client (and so the one connection pool) of a [`crate::Client`].
pub(crate) fn http_client(config: &Config) -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .use_rustls_tls()
        .user_agent(&config.user_agent)
        .connect_timeout(config.connect_timeout)
        // On the client rather than on each request: a per-request timeout
        // costs reqwest three allocations a call (its request extensions).
        .timeout(config.request_timeout)
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
pub(crate) struct RawResponse {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub location: Option<String>,
    pub body: Bytes,
}

/// Why an attempt produced no answer to judge.
#[derive(Debug)]
pub(crate) enum NoResponse {
    /// reqwest could not connect, send, or read.
    Http(reqwest::Error),
    /// The answer (with this status) was larger than the cap of `limit` bytes.
    TooLarge { status: u16, limit: usize },
}

pub(crate) async fn send(
    core: &Core,
    request: reqwest::Request,
) -> Result<RawResponse, NoResponse> {
    let config = &core.config;
    let mut response = core.http.execute(request).await.map_err(NoResponse::Http)?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, core.clock.now()));
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(strip_query);
    let limit = config.max_response_bytes;
    let too_large = NoResponse::TooLarge { status, limit };
    let body = match response.content_length() {
        Some(n) if n > limit as u64 => return Err(too_large),
        // Within the limit: read it in one go.
        Some(_) => response.bytes().await.map_err(NoResponse::Http)?,
        None => {
            let mut body = BytesMut::new();
            while let Some(chunk) = response.chunk().await.map_err(NoResponse::Http)? {
                if body.len() + chunk.len() > limit {
                    return Err(too_large);
                }
                body.extend_from_slice(&chunk);
            }
            body.freeze()
        }
    };
    if body.len() > limit {
        return Err(too_large);
    }
    Ok(RawResponse {
        status,
        retry_after,
        location,
        body,
    })
}

/// `Location` without its query string, which may carry anything.
fn strip_query(location: &str) -> String {
    let end = location.find(['?', '#']).unwrap_or(location.len());
    location[..end].chars().take(200).collect()
}
