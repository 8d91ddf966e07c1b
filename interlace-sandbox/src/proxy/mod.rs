//! A validating reverse proxy: every request goes to the real API
//! unchanged and every answer comes back unchanged, while both are compared
//! with the contract and what differs (or confirms a guess) goes into a
//! drift report.
//!
//! ```text
//! cargo run -p interlace-sandbox -- proxy --upstream https://api-sandbox.interlace.money \
//!     --report drift.json --junit drift.xml
//! ```

mod mask;
pub mod ordered;
mod report;
pub mod update;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use interlace_contract::{Confidence, Document, FindingKind, Operation, check};
use interlace_runtime::secret::KnownSecrets;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::sync::oneshot;

pub use report::{Direction, Drift, Entry, OperationStats, Seen, Verdict};

/// Bodies up to this size are validated; larger ones are forwarded only.
pub const DEFAULT_VALIDATION_LIMIT: usize = 1024 * 1024;

/// Largest body forwarded at all.
const FORWARD_LIMIT: usize = 32 * 1024 * 1024;

/// How the proxy runs.
#[derive(Debug, Clone)]
pub struct ProxyConfig {
    /// The real API's base URL: `https://…`, or `http://` on a loopback
    /// address only.
    pub upstream: String,
    /// Also report request fields and parameters the contract does not list.
    pub strict: bool,
    /// Where the JSON report goes, refreshed while the proxy runs.
    pub report: Option<PathBuf>,
    /// Where the JUnit XML goes.
    pub junit: Option<PathBuf>,
    /// How long the upstream gets per call before the client gets 502.
    pub timeout: Duration,
    /// Bodies over this size are forwarded but not validated.
    pub validation_limit: usize,
}

impl ProxyConfig {
    /// Defaults for `upstream`: not strict, no files, 30 s, 1 MiB.
    pub fn new(upstream: impl Into<String>) -> Self {
        Self {
            upstream: upstream.into(),
            strict: false,
            report: None,
            junit: None,
            timeout: Duration::from_secs(30),
            validation_limit: DEFAULT_VALIDATION_LIMIT,
        }
    }
}

/// Why the proxy could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProxyError {
    /// The upstream URL is not one the proxy will use.
    #[error("upstream `{0}`: {1}")]
    Upstream(String, &'static str),
    /// The address could not be bound, or the HTTP client not built.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

#[derive(Clone)]
struct Shared {
    config: Arc<ProxyConfig>,
    upstream: url::Url,
    contract: &'static Document,
    http: reqwest::Client,
    drift: Arc<Drift>,
    /// Credentials seen in the traffic, masked by value in the report.
    secrets: KnownSecrets,
}

/// A running proxy. Dropping it stops it; [`Proxy::stop`] also writes the
/// report one last time.
pub struct Proxy {
    url: String,
    shared: Shared,
    shutdown: Option<oneshot::Sender<()>>,
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Proxy")
            .field("url", &self.url)
            .field("upstream", &self.shared.config.upstream)
            .finish_non_exhaustive()
    }
}

impl Proxy {
    /// Starts a proxy on `addr` in front of `config.upstream`.
    pub async fn start(addr: SocketAddr, config: ProxyConfig) -> Result<Self, ProxyError> {
        let upstream = url::Url::parse(&config.upstream)
            .map_err(|_| ProxyError::Upstream(config.upstream.clone(), "not a URL"))?;
        let loopback = is_loopback_url(&config.upstream);
        match upstream.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(ProxyError::Upstream(
                    config.upstream.clone(),
                    "plain HTTP only for a loopback upstream; use https",
                ));
            }
            _ => return Err(ProxyError::Upstream(config.upstream.clone(), "not http(s)")),
        }
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(std::io::Error::other)?;
        let contract = crate::contract::bundled();
        let text = interlace_contract::BUNDLED_TEXT;
        let version = contract
            .root()
            .pointer("/info/version")
            .and_then(Value::as_str)
            .unwrap_or("?");
        let digest = hex::encode(&Sha256::digest(text.as_bytes())[..8]);
        let drift = Arc::new(Drift::new(
            format!("{version} sha256:{digest}"),
            config.upstream.clone(),
        ));
        let shared = Shared {
            config: Arc::new(config),
            upstream,
            contract,
            http,
            drift,
            secrets: KnownSecrets::new(),
        };
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let url = format!("http://{}", listener.local_addr()?);
        let router = axum::Router::new()
            .fallback(forward)
            .with_state(shared.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::warn!(error = %e, "the proxy stopped");
            }
        });
        // Refresh the files while running, at most once a second, until
        // the proxy and its server are gone.
        let drift = Arc::downgrade(&shared.drift);
        let files = shared.config.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let Some(drift) = drift.upgrade() else { break };
                if let Err(e) = drift.write(files.report.as_deref(), files.junit.as_deref(), false)
                {
                    tracing::warn!(error = %e, "could not write the drift report");
                }
            }
        });
        Ok(Self {
            url,
            shared,
            shutdown: Some(shutdown),
        })
    }

    /// Base URL, e.g. `http://127.0.0.1:8081`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The report gathered so far.
    pub fn drift(&self) -> &Drift {
        &self.shared.drift
    }

    /// Stops taking calls and writes the report and JUnit files.
    pub fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let c = &self.shared.config;
        self.shared
            .drift
            .write(c.report.as_deref(), c.junit.as_deref(), true)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Whether `url`'s host is a loopback address (or `localhost`).
pub fn is_loopback_url(url: &str) -> bool {
    match url::Url::parse(url).ok().as_ref().and_then(url::Url::host) {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    }
}

/// Headers that belong to one connection, not to the message.
fn hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection"
            | "keep-alive"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "host"
            | "content-length"
    )
}

async fn forward(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, FORWARD_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return gateway(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the body is over the proxy's limit",
            );
        }
    };
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    mask::learn_headers(&shared.secrets, &parts.headers);
    mask::learn_body(&shared.secrets, &path, &body);
    let mut target = shared.upstream.clone();
    target.set_path(&format!(
        "{}{}",
        shared.upstream.path().trim_end_matches('/'),
        path
    ));
    target.set_query(query.as_deref());

    let mut headers = reqwest::header::HeaderMap::new();
    for (name, value) in &parts.headers {
        if !hop_by_hop(name) {
            headers.append(name.clone(), value.clone());
        }
    }
    let sent = shared
        .http
        .request(parts.method.clone(), target)
        .headers(headers)
        .body(body.clone())
        .send()
        .await;

    let route = shared.contract.route(parts.method.as_str(), &path);
    let (operation, template) = match &route {
        Some((op, _)) => (Some(op.id.as_str()), op.path.as_str().to_owned()),
        None => (None, path.clone()),
    };
    let method = parts.method.as_str().to_owned();
    let mut seen = Vec::new();
    match route.as_ref() {
        Some((op, values)) => {
            let query_pairs: Vec<(String, String)> = query
                .as_deref()
                .map(|q| {
                    url::form_urlencoded::parse(q.as_bytes())
                        .into_owned()
                        .collect()
                })
                .unwrap_or_default();
            judge_request(
                &shared,
                op,
                values,
                &query_pairs,
                &parts.headers,
                &body,
                &mut seen,
            );
        }
        None => seen.push(Seen::new(
            Direction::Request,
            "undocumented-operation",
            Verdict::Contradicts,
            "an operation of the contract",
            format!("{method} {path}"),
        )),
    }

    let upstream = match sent {
        Ok(r) => r,
        Err(e) => {
            let why = if e.is_timeout() {
                "timed out"
            } else {
                "unreachable"
            };
            seen.push(Seen::new(
                Direction::Response,
                "upstream-unreachable",
                Verdict::Skipped,
                "an answer",
                why,
            ));
            shared.drift.record(operation, &method, &template, seen);
            return gateway(
                StatusCode::BAD_GATEWAY,
                &format!("the proxy's upstream {why}"),
            );
        }
    };
    let status = upstream.status();
    let mut out_headers = HeaderMap::new();
    for (name, value) in upstream.headers() {
        if !hop_by_hop(name) {
            out_headers.append(name.clone(), value.clone());
        }
    }
    let answer = match upstream.bytes().await {
        Ok(b) => b,
        Err(_) => {
            shared.drift.record(operation, &method, &template, seen);
            return gateway(StatusCode::BAD_GATEWAY, "the upstream's answer broke off");
        }
    };
    if let Some((op, _)) = route.as_ref() {
        mask::learn_body(&shared.secrets, &path, &answer);
        judge_response(&shared, op, status.as_u16(), &answer, &mut seen);
    }
    shared.drift.record(operation, &method, &template, seen);

    let mut response = Response::new(Body::from(answer));
    *response.status_mut() = status;
    *response.headers_mut() = out_headers;
    response
}

/// An answer of the proxy itself, in the API's envelope.
fn gateway(status: StatusCode, message: &str) -> Response {
    let body =
        serde_json::json!({"code": status.as_u16().to_string(), "message": message, "data": null});
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn label(c: Option<Confidence>) -> Option<String> {
    c.map(|c| c.to_string())
}

fn seen_of(
    shared: &Shared,
    direction: Direction,
    f: interlace_contract::Finding,
    op: &Operation,
    root: &Value,
) -> Seen {
    let verdict = match f.kind {
        FindingKind::UndocumentedField | FindingKind::GuessConfirmed => Verdict::Confirms,
        _ => Verdict::Contradicts,
    };
    let name = f.pointer.rsplit('/').next().unwrap_or_default().to_owned();
    let example = root
        .pointer(&f.pointer)
        .map(|v| mask::excerpt(&shared.secrets, &name, v))
        .unwrap_or_default();
    // The words, the expected and the actual may quote what was sent or
    // answered (an enum value, a bound): masked like an example.
    let message = shared.secrets.mask(&f.message(&op.id));
    let (expected, actual) = (
        shared.secrets.mask(&f.expected),
        shared.secrets.mask(&f.actual),
    );
    Seen::new(direction, f.kind.as_str(), verdict, expected, actual)
        .message(message)
        .at(f.pointer)
        .confidence(label(f.confidence.or(op.confidence)))
        .example(example)
}

fn judge_request(
    shared: &Shared,
    op: &Operation,
    values: &[(String, String)],
    query: &[(String, String)],
    headers: &HeaderMap,
    body: &Bytes,
    seen: &mut Vec<Seen>,
) {
    if body.len() > shared.config.validation_limit {
        seen.push(too_large(Direction::Request, body.len()));
        return;
    }
    let value: Value = serde_json::from_slice(body).unwrap_or_default();
    let judged =
        crate::contract::validate::findings(shared.contract, op, values, query, headers, body);
    for f in judged {
        // Unlisted parameters and fields are evidence worth a report only
        // when asked for.
        if f.kind == FindingKind::UndocumentedField && !shared.config.strict {
            continue;
        }
        let example = query
            .iter()
            .find(|(name, _)| f.pointer.strip_prefix("/query/") == Some(name))
            .map(|(name, v)| mask::excerpt(&shared.secrets, name, &Value::String(v.clone())));
        let mut entry = seen_of(shared, Direction::Request, f, op, &value);
        if let Some(example) = example {
            entry = entry.example(example);
        }
        seen.push(entry);
    }
}

fn too_large(direction: Direction, size: usize) -> Seen {
    Seen::new(
        direction,
        "not-validated",
        Verdict::Skipped,
        "a body the proxy validates",
        format!("{size} bytes, over the validation limit"),
    )
}

fn judge_response(
    shared: &Shared,
    op: &Operation,
    status: u16,
    body: &Bytes,
    seen: &mut Vec<Seen>,
) {
    if !shared
        .contract
        .statuses(op)
        .contains(&status.to_string().as_str())
    {
        seen.push(
            Seen::new(
                Direction::Response,
                "undocumented-status",
                Verdict::Contradicts,
                "200",
                status.to_string(),
            )
            .confidence(label(op.confidence)),
        );
    }
    if body.len() > shared.config.validation_limit {
        seen.push(too_large(Direction::Response, body.len()));
        return;
    }
    let envelope: Option<Value> = serde_json::from_slice(body).ok();
    let code = envelope.as_ref().and_then(|e| e.get("code"));
    let Some(code) = code else {
        let excerpt = mask::text_excerpt(&shared.secrets, body);
        let actual = if envelope.is_some() {
            "JSON without `code`"
        } else {
            "not JSON"
        };
        seen.push(
            Seen::new(
                Direction::Response,
                "bad-envelope",
                Verdict::Contradicts,
                "a JSON object with `code`",
                actual,
            )
            .confidence(label(op.confidence))
            .example(excerpt),
        );
        return;
    };
    let success = code == "000000" || code == 0 || code == "0";
    if !success {
        return;
    }
    let envelope = envelope.unwrap_or_default();
    if let (Some(schema), Some(data)) = (shared.contract.data(op), envelope.get("data")) {
        for f in check(schema, data, "/data") {
            seen.push(seen_of(shared, Direction::Response, f, op, &envelope));
        }
    }
    let contradicted = seen.iter().any(|s| s.verdict == Verdict::Contradicts);
    if let Some(guess) = op.confidence.filter(|c| c.is_guess())
        && !contradicted
    {
        let shape = "a success in the contract's shape";
        seen.push(
            Seen::new(
                Direction::Response,
                "operation-confirmed",
                Verdict::Confirms,
                shape,
                shape,
            )
            .confidence(Some(guess.to_string())),
        );
    }
}
