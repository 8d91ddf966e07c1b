//! The webhook and authorization receivers under a flood of 1,000
//! concurrent hostile requests on 127.0.0.1: wrong and missing signatures,
//! bodies declared huge or sent past the limit, bodies dripping in, deep
//! JSON, forged copies of a real delivery's id, 10,000 headers. Every one
//! is refused with its documented status, the handler never runs for them,
//! memory stays bounded, and the one legitimate request sent in the middle
//! is handled exactly once.

#[path = "support/memory.rs"]
mod memory;

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use interlace::authorization::axum::AuthorizationReceiver;
use interlace::authorization::{Authorization, Decision, SignaturePolicy, sign_data};
use interlace::webhooks::axum::WebhookReceiver;
use interlace::webhooks::{Delivery, WebhookVerifier, timestamp_header};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SECRET: &str = "5f4dcc3b5aa765d61d8327deb882cf99";
const FLOOD: usize = 1_000;
/// How long a body may take to arrive, in these tests.
const BODY_TIMEOUT: Duration = Duration::from_secs(2);
/// What the flood may hold at its peak beyond what was held before: the
/// receivers' body limits times the bodies sent past them, hyper's header
/// buffers for the header floods, and 1,000 connections' worth of tasks;
/// nowhere near the 100 MB bodies the flood declares.
const MEMORY_BOUND: usize = 128 << 20;

/// Cases run one at a time, so that one's peak is not another's.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// One request, as bytes on the wire.
struct Raw {
    head: String,
    body: Vec<u8>,
    /// Sent a byte at a time, 300 ms apart.
    drip: bool,
    expected: u16,
    what: &'static str,
}

impl Raw {
    fn post(authority: &str, path: &str, headers: &[(String, String)], body: Vec<u8>) -> Self {
        let mut head = format!(
            "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\nConnection: close\r\n"
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        Self {
            head,
            body,
            drip: false,
            expected: 0,
            what: "",
        }
    }

    fn expect(mut self, what: &'static str, status: u16) -> Self {
        self.what = what;
        self.expected = status;
        self
    }
}

/// Sends `raw` on a connection of its own; the status answered (0 when
/// the connection closed without an answer).
async fn send(authority: String, raw: Raw) -> u16 {
    let Ok(mut stream) = TcpStream::connect(&authority).await else {
        return 0;
    };
    if stream.write_all(raw.head.as_bytes()).await.is_err() {
        return read_status(&mut stream).await;
    }
    if raw.drip {
        for byte in &raw.body {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if stream.write_all(std::slice::from_ref(byte)).await.is_err() {
                break;
            }
        }
    } else {
        for chunk in raw.body.chunks(16 * 1024) {
            // The receiver may refuse and close before all of it is sent.
            if stream.write_all(chunk).await.is_err() {
                break;
            }
        }
    }
    read_status(&mut stream).await
}

async fn read_status(stream: &mut TcpStream) -> u16 {
    let mut answer = [0u8; 64];
    let mut n = 0;
    while n < 12 {
        match stream.read(&mut answer[n..]).await {
            Ok(0) | Err(_) => break,
            Ok(read) => n += read,
        }
    }
    String::from_utf8_lossy(&answer[..n])
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// A request with 10,000 headers.
fn header_flood(authority: &str, path: &str) -> Raw {
    let headers: Vec<(String, String)> = (0..10_000)
        .map(|i| (format!("X-Flood-{i}"), i.to_string()))
        .collect();
    Raw::post(authority, path, &headers, b"{}".to_vec())
}

/// A body declared as 100 MB, of which nothing more than its head is sent.
fn declared_huge(authority: &str, path: &str, headers: &[(String, String)]) -> Raw {
    let mut raw = Raw::post(authority, path, headers, Vec::new());
    raw.head = raw
        .head
        .replace("Content-Length: 0", "Content-Length: 104857600");
    raw
}

/// `{"id":` and then `depth` nested arrays.
fn deep_json(depth: usize) -> Vec<u8> {
    format!(r#"{{"id":{}{}}}"#, "[".repeat(depth), "]".repeat(depth)).into_bytes()
}

fn dripping(authority: &str, path: &str, headers: &[(String, String)]) -> Raw {
    let mut raw = Raw::post(authority, path, headers, vec![b' '; 1_000]);
    raw.drip = true;
    raw
}

/// Sends the flood, with `legitimate` in the middle, all at once; checks
/// every status, the memory bound, and returns the legitimate request's
/// status.
async fn flood(authority: &str, hostile: impl Fn(usize) -> Raw, legitimate: Raw) -> u16 {
    let mark = memory::mark();
    let mut tasks = Vec::with_capacity(FLOOD + 1);
    let mut legitimate = Some(legitimate);
    for i in 0..FLOOD {
        if i == FLOOD / 2
            && let Some(raw) = legitimate.take()
        {
            tasks.push((
                "legitimate",
                0,
                tokio::spawn(send(authority.to_owned(), raw)),
            ));
        }
        let raw = hostile(i);
        tasks.push((
            raw.what,
            raw.expected,
            tokio::spawn(send(authority.to_owned(), raw)),
        ));
    }
    let mut legitimate_status = 0;
    let mut wrong = Vec::new();
    // Bounded in time: the slowest hostile request ends at the body timeout.
    let all = async {
        for (what, expected, task) in tasks {
            let status = task.await.expect("a sender panicked");
            if what == "legitimate" {
                legitimate_status = status;
            } else if status != expected {
                wrong.push(format!("{what}: {status}, expected {expected}"));
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(60), all)
        .await
        .expect("the flood did not end within a minute");
    assert!(
        wrong.is_empty(),
        "{} refused wrongly: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(10)]
    );
    let peak = mark.peak();
    assert!(
        peak < MEMORY_BOUND,
        "the flood held {peak} bytes at its peak"
    );
    eprintln!(
        "flood of {FLOOD}: peak {} KiB beyond the start",
        peak / 1024
    );
    legitimate_status
}

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let authority = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move { axum::serve(listener, router).await });
    authority
}

fn delivery(id: &str) -> (String, Vec<(String, String)>) {
    let resource = serde_json::json!({
        "cardId": "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e", "accountId": "3f2b8c1e",
        "status": "ACTIVE", "reasonCode": "7002", "operationTime": "1756879969964"
    })
    .to_string();
    let body = serde_json::json!({
        "id": id, "eventType": "CARD.CREATED", "apiVersion": "v3", "code": "000000",
        "message": "", "resource": resource, "createTime": "1756879969964"
    })
    .to_string();
    let headers = vec![
        (
            "Signature".to_owned(),
            WebhookVerifier::new(SECRET).sign(&resource),
        ),
        ("Timestamp".to_owned(), timestamp_header(SystemTime::now())),
    ];
    (body, headers)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_receiver_refuses_a_flood_and_handles_the_real_delivery_once() {
    let _one_at_a_time = SERIAL.lock().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let handled = calls.clone();
    let receiver = WebhookReceiver::new(WebhookVerifier::new(SECRET), move |d: Delivery| {
        let handled = handled.clone();
        async move {
            assert_eq!(
                d.id, "evt-real",
                "only the real delivery reaches the handler"
            );
            handled.fetch_add(1, Ordering::SeqCst);
            Ok::<(), String>(())
        }
    })
    .body_timeout(BODY_TIMEOUT);
    let authority = serve(axum::Router::new().route("/hooks", receiver.into_route())).await;

    let (real_body, real_headers) = delivery("evt-real");
    let forged: Vec<(String, String)> = vec![
        (
            "Signature".to_owned(),
            WebhookVerifier::new("another secret").sign("{}"),
        ),
        ("Timestamp".to_owned(), timestamp_header(SystemTime::now())),
    ];
    let a = authority.as_str();
    let hostile = |i: usize| match i % 8 {
        0 => Raw::post(
            a,
            "/hooks",
            &forged,
            delivery(&format!("evt-{i}")).0.into_bytes(),
        )
        .expect("wrong signature", 401),
        1 => Raw::post(a, "/hooks", &[], real_body.clone().into_bytes())
            .expect("missing signature", 401),
        2 => declared_huge(a, "/hooks", &real_headers).expect("declared huge", 413),
        3 => Raw::post(a, "/hooks", &real_headers, vec![b' '; 300 * 1024])
            .expect("past the limit", 413),
        4 => dripping(a, "/hooks", &real_headers).expect("dripping", 408),
        5 => Raw::post(a, "/hooks", &real_headers, deep_json(100_000)).expect("deep JSON", 400),
        6 => Raw::post(a, "/hooks", &forged, real_body.clone().into_bytes())
            .expect("the real id, forged", 401),
        _ => header_flood(a, "/hooks").expect("10,000 headers", 431),
    };
    let legitimate = Raw::post(a, "/hooks", &real_headers, real_body.clone().into_bytes());
    let status = flood(a, hostile, legitimate).await;
    assert_eq!(status, 200, "the real delivery is acknowledged");
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    // Interlace delivering it again afterwards: acknowledged, not handled.
    let again = Raw::post(a, "/hooks", &real_headers, real_body.into_bytes());
    assert_eq!(send(authority.clone(), again).await, 200);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

const DATA: &str = r#"{"id":"a-1","cardId":"c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e","createTime":"1756879969964","accountId":"acc-1","sourceId":"bank-1","transactionType":"authorization","transactionId":"t-1","transactionAmount":"12.34","transactionCurrency":"USD","merchantName":"Example Store","mcc":"5812"}"#;

fn authorization_body(id: &str, sign: &str) -> Vec<u8> {
    format!(r#"{{"id":"{id}","businessType":"authorization","data":{DATA},"sign":"{sign}"}}"#)
        .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_authorization_receiver_refuses_a_flood_and_decides_the_real_request_once() {
    let _one_at_a_time = SERIAL.lock().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let decided = calls.clone();
    let receiver = AuthorizationReceiver::new(
        SignaturePolicy::hmac_sha256_hex_of_data(SECRET),
        move |_: Authorization| {
            decided.fetch_add(1, Ordering::SeqCst);
            async { Decision::Approve }
        },
    )
    .body_timeout(BODY_TIMEOUT);
    let authority = serve(axum::Router::new().route("/auth", receiver.into_route())).await;
    let a = authority.as_str();
    let good = sign_data(SECRET, DATA);
    let forged = sign_data("another secret", DATA);
    let hostile = |i: usize| match i % 7 {
        0 => Raw::post(
            a,
            "/auth",
            &[],
            authorization_body(&format!("r-{i}"), &forged),
        )
        .expect("wrong signature", 401),
        1 => {
            Raw::post(a, "/auth", &[], authorization_body("r-real", "")).expect("no signature", 401)
        }
        2 => declared_huge(a, "/auth", &[]).expect("declared huge", 413),
        3 => Raw::post(a, "/auth", &[], vec![b' '; 100 * 1024]).expect("past the limit", 413),
        4 => dripping(a, "/auth", &[]).expect("dripping", 408),
        // Under the 64 KiB limit, so that it is parsed.
        5 => Raw::post(a, "/auth", &[], deep_json(30_000)).expect("deep JSON", 400),
        _ => header_flood(a, "/auth").expect("10,000 headers", 431),
    };
    let legitimate = Raw::post(a, "/auth", &[], authorization_body("r-real", &good));
    let status = flood(a, hostile, legitimate).await;
    assert_eq!(status, 200, "the real request is decided");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}
