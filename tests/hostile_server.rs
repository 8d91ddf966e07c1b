//! The client against a server that misbehaves, one hostile behaviour per
//! test: each call ends in its documented typed error, within the
//! configured timeouts, with bounded memory, and with no secret in the
//! error's `Display`, `Debug`, source chain or the tracing output.
//!
//! The server is a raw TCP listener on 127.0.0.1, so it can break HTTP in
//! ways no mock server allows (a garbage status line, a reset mid-body).
//! The OAuth calls are answered properly unless the case is about them.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use interlace_runtime::{
    Client, Config, DecodeErrorKind, Endpoint, EndpointMeta, Environment, Error, HttpMethod,
    ManualClock, RequestParts, RetryPolicy,
};
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[path = "support/logs.rs"]
mod logs;
#[path = "support/memory.rs"]
mod memory;

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// The largest answer the client accepts in these tests.
const LIMIT: usize = 1 << 20;

/// How much more than before a case may hold at its peak: the body limit,
/// a copy or two of it, and the connection's buffers.
const MEMORY_BOUND: usize = 8 * LIMIT;

/// Cases run one at a time, so that one's peak is not another's.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

// ---- the secrets, each of a distinctive value ----

const CLIENT_ID: &str = "interlace00112233aabbccdd";
const CLIENT_SECRET: &str = "5ec2e7c1e47d0a9b8c7d6e5f4a3b2c1d";
const ACCESS_TOKEN: &str = "7c0ffee57c0ffee57c0ffee57c0ffee57c0ffee5";
const REFRESH_TOKEN: &str = "9e7e5e9e7e5e9e7e5e9e7e5e9e7e5e9e7e5e9e7e5e9e7e5e9e7e5e9e7e5e9e7e";
const AUTH_CODE: &str = "c0dec0de1111222233334444c0dec0de";
const PAN: &str = "4111111111111111";
const UUID: &str = "0b6b7c1e-8d53-4f5e-9f9a-4c2d8e1f3a5b";

/// What must never show: each secret, and its first twelve characters (a
/// server that truncates what it echoes).
fn forbidden() -> Vec<&'static str> {
    let mut all = Vec::new();
    for secret in [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, AUTH_CODE, PAN] {
        all.push(secret);
        all.push(&secret[..12]);
    }
    all.push("4111 1111 1111");
    all
}

// ---- the hostile server ----

/// One way of misbehaving.
#[derive(Clone, Copy, Debug)]
enum Hostile {
    /// `Content-Length` of 50 MB, and bytes until the client hangs up.
    Oversized,
    /// A chunked body that never ends.
    Endless,
    /// 200,000 nested arrays as `data`.
    Deep,
    /// A byte every 200 ms.
    Drip,
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A redirect to itself.
    RedirectLoop,
    /// A connection reset after 100 of 1,000 promised bytes.
    ResetMidBody,
    /// 20,000 headers.
    HeaderFlood,
    /// A status line that is not HTTP.
    InvalidStatusLine,
    /// An HTML page quoting the whole request, headers and body.
    EchoHtml,
    /// An error envelope whose `message` quotes the whole request.
    EchoEnvelope,
    /// The access-token call answered with a page quoting its request and
    /// the client secret.
    EchoOnTokenCall,
    /// An error envelope whose `message` carries a card number.
    CardInMessage,
    /// 503 with a `Retry-After` of a year.
    RetryAfterAYear,
}

struct Server {
    url: String,
    /// Requests to the API path (not the OAuth calls).
    hits: Arc<AtomicUsize>,
}

async fn start(hostile: Hostile) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(connection(socket, hostile, counted.clone()));
        }
    });
    Server { url, hits }
}

/// Serves requests on one connection until it closes or misbehaves.
async fn connection(mut socket: TcpStream, hostile: Hostile, hits: Arc<AtomicUsize>) {
    while let Some(request) = read_request(&mut socket).await {
        let head = String::from_utf8_lossy(&request).into_owned();
        let path = head
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        let keep_going = if path.starts_with("/open-api/v3/oauth/authorize") {
            ok_envelope(
                &mut socket,
                &format!(r#"{{"code":"{AUTH_CODE}","timestamp":1}}"#),
            )
            .await
        } else if path.starts_with("/open-api/v3/oauth/") {
            if matches!(hostile, Hostile::EchoOnTokenCall) {
                let page =
                    format!("<pre>{head}</pre><p>client secret on file: {CLIENT_SECRET}</p>");
                respond(&mut socket, "200 OK", "text/html", page.as_bytes()).await
            } else {
                ok_envelope(
                    &mut socket,
                    &format!(
                        r#"{{"accessToken":"{ACCESS_TOKEN}","refreshToken":"{REFRESH_TOKEN}","expiresIn":86400,"timestamp":1}}"#
                    ),
                )
                .await
            }
        } else {
            hits.fetch_add(1, Ordering::SeqCst);
            misbehave(&mut socket, hostile, &head).await
        };
        if !keep_going {
            return;
        }
    }
}

/// Reads one request (head and `Content-Length` body); `None` when the
/// connection closed or sent something that is not a request.
async fn read_request(socket: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if buffer.len() > 64 * 1024 {
            return None;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    Some(buffer)
}

async fn respond(socket: &mut TcpStream, status: &str, content_type: &str, body: &[u8]) -> bool {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    socket.write_all(head.as_bytes()).await.is_ok() && socket.write_all(body).await.is_ok()
}

async fn ok_envelope(socket: &mut TcpStream, data: &str) -> bool {
    let body = format!(r#"{{"code":"000000","message":"success","data":{data}}}"#);
    respond(socket, "200 OK", "application/json", body.as_bytes()).await
}

/// Answers an API call with `hostile`; `false` when the connection is done.
async fn misbehave(socket: &mut TcpStream, hostile: Hostile, request: &str) -> bool {
    match hostile {
        Hostile::Oversized => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n";
            if socket.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            let block = vec![b' '; 64 * 1024];
            for _ in 0..800 {
                if socket.write_all(&block).await.is_err() {
                    break;
                }
            }
            false
        }
        Hostile::Endless => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            if socket.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            let mut chunk = format!("{:x}\r\n", 64 * 1024).into_bytes();
            chunk.extend(std::iter::repeat_n(b'[', 64 * 1024));
            chunk.extend_from_slice(b"\r\n");
            // Forever, as far as the client can tell: it must hang up first.
            while socket.write_all(&chunk).await.is_ok() {}
            false
        }
        Hostile::Deep => {
            let body = format!(
                r#"{{"code":"000000","message":"","data":{}{}}}"#,
                "[".repeat(200_000),
                "]".repeat(200_000)
            );
            respond(socket, "200 OK", "application/json", body.as_bytes()).await
        }
        Hostile::Drip => {
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
            if socket.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            for _ in 0..100 {
                tokio::time::sleep(Duration::from_millis(200)).await;
                if socket.write_all(b" ").await.is_err() {
                    break;
                }
            }
            false
        }
        Hostile::InvalidUtf8 => {
            respond(
                socket,
                "200 OK",
                "application/json",
                b"\xff\xfe{\"code\":\xc3\x28}",
            )
            .await
        }
        Hostile::RedirectLoop => {
            let head = "HTTP/1.1 302 Found\r\nLocation: /test/items?filter=again\r\nContent-Length: 0\r\n\r\n";
            socket.write_all(head.as_bytes()).await.is_ok()
        }
        Hostile::ResetMidBody => {
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(&[b' '; 100]).await;
            let _ = socket.flush().await;
            // A linger of zero makes the close a reset.
            let _ = socket.set_zero_linger();
            false
        }
        Hostile::HeaderFlood => {
            let mut head = String::from("HTTP/1.1 200 OK\r\n");
            for i in 0..20_000 {
                head.push_str(&format!("X-Flood-{i}: {i}\r\n"));
            }
            head.push_str("Content-Length: 2\r\n\r\n{}");
            let _ = socket.write_all(head.as_bytes()).await;
            false
        }
        Hostile::InvalidStatusLine => {
            let _ = socket
                .write_all(b"HTTP/1.1 abc DEF\r\nGARBAGE\r\n\r\n")
                .await;
            false
        }
        Hostile::EchoHtml => {
            // As a gateway that names the token first, then quotes the rest.
            let token = request
                .lines()
                .find_map(|l| l.strip_prefix("x-access-token: "))
                .unwrap_or_default();
            let body = request.split("\r\n\r\n").nth(1).unwrap_or_default();
            let page = format!(
                "<html><body>bad gateway; your token was {token}; you sent {body}<pre>{request}</pre></body></html>"
            );
            respond(socket, "200 OK", "text/html", page.as_bytes()).await
        }
        Hostile::EchoEnvelope => {
            let body = serde_json::json!({"code": "100400", "message": request, "data": null});
            respond(
                socket,
                "200 OK",
                "application/json",
                body.to_string().as_bytes(),
            )
            .await
        }
        Hostile::CardInMessage => {
            let body = serde_json::json!({
                "code": "100500",
                "message": format!("card 4111 1111 1111 1111 declined for {UUID}, amount 12.50"),
                "data": null,
            });
            respond(
                socket,
                "200 OK",
                "application/json",
                body.to_string().as_bytes(),
            )
            .await
        }
        Hostile::RetryAfterAYear => {
            let body = br#"{"code":"100503","message":"busy","data":null}"#;
            let head = format!(
                "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 31536000\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            socket.write_all(head.as_bytes()).await.is_ok() && socket.write_all(body).await.is_ok()
        }
        Hostile::EchoOnTokenCall => respond(socket, "200 OK", "application/json", b"{}").await,
    }
}

// ---- the client side ----

/// `GET /test/items`, authenticated.
struct GetItem;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    id: String,
}

impl Endpoint for GetItem {
    type Response = Item;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("get_item", HttpMethod::Get, "/test/items");
    fn write_request(&self, req: &mut RequestParts) {
        req.path("/test/items");
        req.query("filter", "recent");
    }
}

/// `POST /test/reflect`: a body that carries the client secret outside
/// any credential-named field, and a card number, so an echo of it would
/// show both.
struct Reflect;

impl Endpoint for Reflect {
    type Response = Item;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("reflect", HttpMethod::Post, "/test/reflect").idempotent();
    fn write_request(&self, req: &mut RequestParts) {
        req.path("/test/reflect");
        req.json_body(&serde_json::json!({
            "note": format!("configured with {CLIENT_SECRET}"),
            "cardNumber": PAN,
            "holder": format!("{PAN} {UUID}"),
        }));
    }
}

fn client(url: &str) -> (Client, Arc<ManualClock>) {
    let config = Config::builder()
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .environment(Environment::Custom)
        .base_url(url)
        .connect_timeout(Duration::from_secs(1))
        .request_timeout(Duration::from_secs(1))
        .max_response_bytes(LIMIT)
        .retry_policy(RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(config)
        .clock(clock.clone())
        .build()
        .unwrap();
    (client, clock)
}

/// What a case leaves behind for inspection.
struct Outcome {
    error: Error,
    hits: usize,
    clock: Arc<ManualClock>,
}

/// Runs one call against a server behaving as `hostile`, and checks what
/// holds for every case: an error within the time the timeouts allow, in
/// bounded memory, with no secret in any of its renderings or the logs.
async fn run(hostile: Hostile, post: bool) -> Outcome {
    let _one_at_a_time = SERIAL.lock().await;
    let captured = logs::Captured::default();
    let _guard = tracing::subscriber::set_default(captured.subscriber(tracing::Level::TRACE));

    let server = start(hostile).await;
    let (client, clock) = client(&server.url);
    let mark = memory::mark();
    // Two attempts of at most a second and a connect each: ten seconds is
    // a hang, not a slow case.
    let call = async {
        if post {
            client.send(Reflect).await.map(drop)
        } else {
            client.send(GetItem).await.map(drop)
        }
    };
    let result = tokio::time::timeout(Duration::from_secs(10), call)
        .await
        .unwrap_or_else(|_| panic!("{hostile:?}: the call did not end within its timeouts"));
    let peak = mark.peak();
    assert!(
        peak < MEMORY_BOUND,
        "{hostile:?}: the call held {peak} bytes at its peak"
    );
    let error = match result {
        Ok(()) => panic!("{hostile:?}: the call succeeded"),
        Err(e) => e,
    };

    let mut shown = vec![error.to_string(), format!("{error:?}")];
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        shown.push(cause.to_string());
        shown.push(format!("{cause:?}"));
        source = cause.source();
    }
    shown.push(captured.text());
    for text in &shown {
        for secret in forbidden() {
            assert!(
                !text.contains(secret),
                "{hostile:?}: `{secret}` shows in:\n{text}"
            );
        }
    }
    Outcome {
        error,
        hits: server.hits.load(Ordering::SeqCst),
        clock,
    }
}

fn api_error(error: &Error) -> &interlace_runtime::ApiError {
    match error {
        Error::Api(api) => api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn decode_kind(error: &Error) -> DecodeErrorKind {
    match error {
        Error::Decode(d) => d.kind,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_oversized_body_is_refused_by_its_length() {
    let out = run(Hostile::Oversized, false).await;
    assert_eq!(decode_kind(&out.error), DecodeErrorKind::TooLarge);
}

#[tokio::test]
async fn an_endless_body_is_refused_while_reading() {
    let out = run(Hostile::Endless, false).await;
    assert_eq!(decode_kind(&out.error), DecodeErrorKind::TooLarge);
    assert_eq!(out.hits, 1, "a refused body is not retried");
}

#[tokio::test]
async fn deep_nesting_is_a_decode_error_not_a_stack_overflow() {
    let out = run(Hostile::Deep, false).await;
    // The envelope is read without building `data`; `data` then is not an
    // item (and serde's recursion limit stops any type that would nest).
    assert_eq!(decode_kind(&out.error), DecodeErrorKind::DataMismatch);
}

#[tokio::test]
async fn a_slow_drip_times_out_on_every_attempt() {
    let out = run(Hostile::Drip, false).await;
    assert!(matches!(out.error, Error::Timeout(_)), "{:?}", out.error);
    assert_eq!(
        out.hits, 2,
        "a GET is tried again, up to the policy's attempts"
    );
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error() {
    let out = run(Hostile::InvalidUtf8, false).await;
    assert_eq!(decode_kind(&out.error), DecodeErrorKind::NotJson);
}

#[tokio::test]
async fn a_redirect_loop_is_never_followed() {
    let out = run(Hostile::RedirectLoop, false).await;
    match &out.error {
        Error::Redirect(r) => assert_eq!(r.location.as_deref(), Some("/test/items")),
        other => panic!("{other:?}"),
    }
    assert_eq!(out.hits, 1);
}

#[tokio::test]
async fn a_reset_mid_body_is_a_transport_error() {
    let out = run(Hostile::ResetMidBody, false).await;
    assert!(matches!(out.error, Error::Transport(_)), "{:?}", out.error);
    assert!(out.error.is_retryable());
}

#[tokio::test]
async fn a_header_flood_is_a_transport_error() {
    let out = run(Hostile::HeaderFlood, false).await;
    assert!(matches!(out.error, Error::Transport(_)), "{:?}", out.error);
}

#[tokio::test]
async fn an_invalid_status_line_is_a_transport_error() {
    let out = run(Hostile::InvalidStatusLine, false).await;
    assert!(matches!(out.error, Error::Transport(_)), "{:?}", out.error);
}

#[tokio::test]
async fn a_page_echoing_the_request_shows_no_token_secret_or_card_number() {
    let out = run(Hostile::EchoHtml, true).await;
    assert_eq!(decode_kind(&out.error), DecodeErrorKind::NotJson);
    let text = out.error.to_string();
    assert!(text.contains("[masked]"), "{text}");
    assert!(
        text.contains("bad gateway"),
        "the rest of the page stays: {text}"
    );
}

#[tokio::test]
async fn an_envelope_echoing_the_request_shows_no_secret_and_keeps_ids() {
    let out = run(Hostile::EchoEnvelope, true).await;
    let api = api_error(&out.error);
    assert_eq!(api.code, "100400");
    assert!(api.message.contains("****1111"), "{}", api.message);
    assert!(api.message.contains(UUID), "UUIDs stay: {}", api.message);
    assert!(api.message.contains("/test/reflect"), "{}", api.message);
}

#[tokio::test]
async fn a_token_call_echoing_the_client_secret_and_code_shows_neither() {
    let out = run(Hostile::EchoOnTokenCall, false).await;
    assert!(matches!(out.error, Error::Auth(_)), "{:?}", out.error);
    assert_eq!(out.hits, 0, "no API call without a token");
}

#[tokio::test]
async fn a_card_number_in_a_message_keeps_its_last_four_and_the_rest_stays() {
    let out = run(Hostile::CardInMessage, false).await;
    let api = api_error(&out.error);
    assert_eq!(
        api.message,
        format!("card ****1111 declined for {UUID}, amount 12.50")
    );
}

#[tokio::test]
async fn a_retry_after_of_a_year_ends_the_call_without_waiting() {
    let out = run(Hostile::RetryAfterAYear, false).await;
    assert_eq!(out.error.status(), Some(503));
    assert_eq!(out.hits, 1);
    assert!(out.clock.sleeps().is_empty(), "{:?}", out.clock.sleeps());
}
