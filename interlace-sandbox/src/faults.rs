//! Fault injection: make the next N calls to a path misbehave.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::Domain;
use crate::traffic::Traffic;

/// What the fault layer works with: the faults to apply, the traffic it
/// counts, and the domain (a revoked token is removed there).
#[derive(Clone)]
pub struct FaultLayer {
    pub faults: Arc<FaultTable>,
    pub traffic: Arc<Traffic>,
    pub domain: Arc<Domain>,
}

/// A way to misbehave.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer this HTTP status with an HTML error page.
    Status(u16),
    /// Answer 429 with `Retry-After` in seconds.
    RateLimited {
        /// Seconds in `Retry-After`.
        retry_after_secs: u64,
    },
    /// Wait this long, then answer normally.
    Delay(Duration),
    /// Answer 200 with an HTML page instead of JSON.
    Html,
    /// Answer 200 with JSON cut off in the middle.
    TruncatedJson,
    /// Revoke the access token the call carries, so it is rejected (HTTP 401).
    RevokeToken,
}

#[derive(Debug)]
struct Rule {
    method: Option<String>,
    path: String,
    fault: Fault,
    remaining: usize,
    /// Chance that a matching call gets the fault; 1.0 for counted rules.
    probability: f64,
}

/// The faults waiting to happen.
#[derive(Debug, Default, Clone)]
pub struct FaultTable {
    rules: Arc<Mutex<Vec<Rule>>>,
}

impl FaultTable {
    pub fn inject(&self, method: Option<&str>, path: &str, fault: Fault, times: usize) {
        self.lock().push(Rule {
            method: method.map(str::to_ascii_uppercase),
            path: path.to_owned(),
            fault,
            remaining: times,
            probability: 1.0,
        });
    }

    /// Every call to `path` gets `fault` with `probability`, until cleared.
    pub fn inject_random(&self, path: &str, fault: Fault, probability: f64) {
        self.lock().push(Rule {
            method: None,
            path: path.to_owned(),
            fault,
            remaining: usize::MAX,
            probability,
        });
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Takes one use of the first rule matching the call.
    fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut rules = self.lock();
        let index = rules.iter().position(|r| {
            r.remaining > 0
                && r.path == path
                && r.method.as_deref().is_none_or(|m| m == method)
                && (r.probability >= 1.0 || fastrand::f64() < r.probability)
        })?;
        let rule = &mut rules[index];
        rule.remaining -= 1;
        let fault = rule.fault.clone();
        if rule.remaining == 0 {
            rules.remove(index);
        }
        Some(fault)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Rule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Largest request body the emulator reads.
const MAX_BODY: usize = 1 << 20;

const HTML: &str = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";

/// Counts every call and how many run at once, records unkeyed POST
/// bodies, then applies a matching fault, if any.
pub async fn apply(State(layer): State<FaultLayer>, request: Request, next: Next) -> Response {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let key = format!("{method} {path}");
    layer.traffic.enter(&key);
    let (request, unkeyed_body) =
        if method == "POST" && !request.headers().contains_key("idempotency-key") {
            let (parts, body) = request.into_parts();
            let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
                layer.traffic.leave(&key);
                return crate::envelope::ApiError {
                    status: StatusCode::PAYLOAD_TOO_LARGE,
                    code: crate::envelope::VALIDATION,
                    message: format!("the body is larger than {MAX_BODY} bytes or was cut off"),
                }
                .into_response();
            };
            (
                Request::from_parts(parts, Body::from(bytes.clone())),
                Some(bytes),
            )
        } else {
            (request, None)
        };
    let response = respond(&layer, &method, &path, request, next).await;
    // A call refused for its token was not processed; replaying it is safe,
    // so only calls that got past the token check count as sent.
    if let Some(bytes) = unkeyed_body
        && response.status() != StatusCode::UNAUTHORIZED
    {
        layer.traffic.unkeyed_post(&key, &bytes);
    }
    layer.traffic.leave(&key);
    response
}

async fn respond(
    layer: &FaultLayer,
    method: &str,
    path: &str,
    request: Request,
    next: Next,
) -> Response {
    match layer.faults.take(method, path) {
        None => next.run(request).await,
        Some(Fault::Status(status)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            (status, [("content-type", "text/html")], HTML).into_response()
        }
        Some(Fault::RateLimited { retry_after_secs }) => {
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                [("content-type", "text/html")],
                HTML,
            )
                .into_response();
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert("retry-after", v);
            }
            response
        }
        Some(Fault::Delay(d)) => {
            tokio::time::sleep(d).await;
            next.run(request).await
        }
        Some(Fault::Html) => {
            (StatusCode::OK, [("content-type", "text/html")], HTML).into_response()
        }
        Some(Fault::TruncatedJson) => Response::builder()
            .status(StatusCode::OK)
            .header("content-type", "application/json")
            .body(Body::from(
                r#"{"code":"000000","message":"success","data":{"id":"#,
            ))
            .unwrap_or_default(),
        Some(Fault::RevokeToken) => {
            if let Some(token) = request
                .headers()
                .get("x-access-token")
                .and_then(|v| v.to_str().ok())
            {
                layer.domain.lock().access_tokens.remove(token);
            }
            next.run(request).await
        }
    }
}

/// A fault given on the command line: `FAULT:PATH[:TIMES]`, where FAULT is
/// an HTTP status (`503`; `429` answers with `Retry-After: 1`), `delay=MS`,
/// `html`, `truncated` or `revoke`, and TIMES (default 1) how many calls to
/// PATH get it.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    /// What the calls get.
    pub fault: Fault,
    /// Which path.
    pub path: String,
    /// How many calls.
    pub times: usize,
}

impl std::str::FromStr for FaultSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let usage =
            || format!("`{s}`: expected FAULT:PATH[:TIMES], e.g. 503:/open-api/v3/card-list:2");
        let (kind, rest) = s.split_once(':').ok_or_else(usage)?;
        let (path, times) = match rest.rsplit_once(':') {
            Some((path, n)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => {
                (path, n.parse().map_err(|_| usage())?)
            }
            _ => (rest, 1),
        };
        if !path.starts_with('/') {
            return Err(format!("`{s}`: the path must start with `/`"));
        }
        let fault = match kind {
            "html" => Fault::Html,
            "truncated" => Fault::TruncatedJson,
            "revoke" => Fault::RevokeToken,
            "429" => Fault::RateLimited {
                retry_after_secs: 1,
            },
            k if k.starts_with("delay=") => Fault::Delay(Duration::from_millis(
                k["delay=".len()..]
                    .parse()
                    .map_err(|_| format!("`{k}`: expected delay=MILLISECONDS"))?,
            )),
            k => match k.parse::<u16>() {
                Ok(status) if (400..600).contains(&status) => Fault::Status(status),
                _ => {
                    return Err(format!(
                        "`{k}`: expected an HTTP status 400-599, delay=MS, html, truncated or revoke"
                    ));
                }
            },
        };
        Ok(Self {
            fault,
            path: path.to_string(),
            times,
        })
    }
}

#[cfg(test)]
mod spec_tests {
    use super::*;

    #[test]
    fn fault_specs_parse_and_bad_ones_say_why() {
        let spec: FaultSpec = "503:/open-api/v3/card-list:2".parse().unwrap();
        assert_eq!(
            (spec.fault, spec.path.as_str(), spec.times),
            (Fault::Status(503), "/open-api/v3/card-list", 2)
        );
        let spec: FaultSpec = "delay=250:/open-api/v3/cards/wallets".parse().unwrap();
        assert_eq!(
            (spec.fault, spec.times),
            (Fault::Delay(Duration::from_millis(250)), 1)
        );
        assert!(
            "200:/x"
                .parse::<FaultSpec>()
                .unwrap_err()
                .contains("400-599")
        );
        assert!(
            "503"
                .parse::<FaultSpec>()
                .unwrap_err()
                .contains("FAULT:PATH")
        );
        assert!(
            "html:card-list"
                .parse::<FaultSpec>()
                .unwrap_err()
                .contains("start with `/`")
        );
    }
}
