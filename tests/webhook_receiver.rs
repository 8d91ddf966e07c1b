//! The axum webhook receiver over real HTTP on 127.0.0.1: the emulator (or
//! the test itself) posts signed deliveries to it.

#[path = "support/logs.rs"]
mod logs;
#[path = "../examples/support/mod.rs"]
mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use interlace::accounts::ListAccounts;
use interlace::prelude::*;
use interlace::webhooks::Delivery;
use interlace::webhooks::axum::{VerifiedWebhook, WebhookReceiver};
use interlace::webhooks::{
    ACKNOWLEDGEMENT, LegacyPolicy, WebhookEvent, WebhookVerifier, timestamp_header,
};
use interlace_sandbox::Sandbox;

const SECRET: &str = "5f4dcc3b5aa765d61d8327deb882cf99";
const PAN: &str = "4111111111111111";

/// What the handler saw, and how many of its first calls fail.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<Delivery>>>,
    calls: Arc<AtomicUsize>,
    fail_first: Arc<AtomicUsize>,
    delay: Duration,
}

impl Recorder {
    fn handled(&self) -> Vec<Delivery> {
        self.seen.lock().unwrap().clone()
    }

    fn receiver(
        &self,
        secret: &str,
    ) -> WebhookReceiver<
        impl Fn(Delivery) -> futures_util::future::BoxFuture<'static, Result<(), String>>
        + Clone
        + Send
        + Sync
        + 'static,
    > {
        let me = self.clone();
        WebhookReceiver::new(WebhookVerifier::new(secret), move |delivery| {
            let me = me.clone();
            Box::pin(async move {
                me.calls.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(me.delay).await;
                if me
                    .fail_first
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok()
                {
                    // A handler's error that quotes what it was given.
                    return Err(format!(
                        "the database is down; card {PAN} not saved (signed with {SECRET})"
                    ));
                }
                me.seen.lock().unwrap().push(delivery);
                Ok(())
            }) as futures_util::future::BoxFuture<'static, Result<(), String>>
        })
    }
}

/// Serves `router` on a free port; the URL of `/hooks`.
async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    url
}

async fn serve_receiver<F, Fut, E>(receiver: WebhookReceiver<F>) -> String
where
    F: Fn(Delivery) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), E>> + Send + 'static,
    E: std::fmt::Display + Send + 'static,
{
    serve(axum::Router::new().route("/hooks", receiver.into_route())).await
}

fn resource() -> String {
    serde_json::json!({
        "cardId": "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e", "accountId": "3f2b8c1e",
        "status": "ACTIVE", "reasonCode": "7002", "operationTime": "1756879969964",
        "cardNumber": PAN
    })
    .to_string()
}

fn delivery(id: &str, resource: &str) -> String {
    serde_json::json!({
        "id": id, "eventType": "CARD.CREATED", "apiVersion": "v3", "code": "000000",
        "message": "", "resource": resource, "createTime": "1756879969964"
    })
    .to_string()
}

/// What Interlace sends for one delivery: body, `Signature`, `Timestamp`.
struct Sent {
    body: String,
    signature: String,
    timestamp: String,
}

fn signed(id: &str) -> Sent {
    let resource = resource();
    Sent {
        body: delivery(id, &resource),
        signature: WebhookVerifier::new(SECRET).sign(&resource),
        timestamp: timestamp_header(SystemTime::now()),
    }
}

async fn post(url: &str, d: &Sent) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header("Signature-Method", "HMAC-SHA256")
        .header("Signature", &d.signature)
        .header("Timestamp", &d.timestamp)
        .body(d.body.clone())
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

/// Posts `chunks` chunks of `size` spaces with `Transfer-Encoding: chunked`
/// (no `Content-Length`), headers from `d`; the status answered.
async fn post_chunked(url: &str, d: &Sent, chunks: usize, size: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let authority = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = tokio::net::TcpStream::connect(authority).await.unwrap();
    let head = format!(
        "POST /hooks HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\n\
         Signature: {}\r\nTimestamp: {}\r\nTransfer-Encoding: chunked\r\n\r\n",
        d.signature, d.timestamp
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    for _ in 0..chunks {
        let chunk = format!("{size:x}\r\n{}\r\n", " ".repeat(size));
        // The server may answer and close before every chunk is sent.
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = vec![0u8; 64];
    let n = stream.read(&mut answer).await.unwrap();
    let status_line = String::from_utf8_lossy(&answer[..n]).into_owned();
    status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {status_line:?}"))
}

async fn eventually(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !condition() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn create_card(client: &Client) {
    let account = client
        .list_accounts(ListAccounts::new())
        .await
        .unwrap()
        .list
        .remove(0)
        .id;
    let (bin, holder) = support::demo_cardholder(client, &account).await.unwrap();
    client
        .create_prepaid_card(CreatePrepaidCard::new(
            account,
            bin,
            holder.id,
            "hook-card",
            CardMode::Virtual,
        ))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_card_created_in_the_emulator_reaches_the_handler_typed_and_is_acknowledged() {
    let sandbox = Sandbox::start().await.unwrap();
    let recorder = Recorder::default();
    sandbox.set_webhook_url(Some(
        serve_receiver(recorder.receiver(sandbox.client_secret())).await,
    ));
    let client = support::sandbox_client(&sandbox).unwrap();

    create_card(&client).await;

    eventually("the CARD.CREATED delivery", || {
        recorder
            .handled()
            .iter()
            .any(|d| matches!(d.event, WebhookEvent::CardCreated(_)))
    })
    .await;
    let card = recorder
        .handled()
        .into_iter()
        .find(|d| matches!(d.event, WebhookEvent::CardCreated(_)))
        .unwrap();
    assert!(!card.legacy && !card.id.is_empty());
    eventually("the emulator to record the acknowledgements", || {
        sandbox.deliveries().len() >= 2
    })
    .await;
    for delivery in sandbox.deliveries() {
        assert!(delivery.acknowledged, "{delivery:?}");
        assert_eq!(delivery.attempts, 1, "{delivery:?}");
    }
    assert!(
        sandbox
            .deliveries()
            .iter()
            .any(|d| d.event_type == "CARD.CREATED")
    );
}

#[tokio::test]
async fn a_failing_handler_gets_5xx_and_the_emulators_retry_is_handled_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let recorder = Recorder::default();
    recorder.fail_first.store(1, Ordering::SeqCst);
    sandbox.set_webhook_url(Some(
        serve_receiver(recorder.receiver(sandbox.client_secret())).await,
    ));
    let client = support::sandbox_client(&sandbox).unwrap();
    let account = client
        .list_accounts(ListAccounts::new())
        .await
        .unwrap()
        .list
        .remove(0)
        .id;

    // One delivery: CARDHOLDER.CREATED.
    support::demo_cardholder(&client, &account).await.unwrap();

    eventually("the delivery series to end", || {
        !sandbox.deliveries().is_empty()
    })
    .await;
    let delivery = sandbox.deliveries().remove(0);
    assert_eq!(delivery.event_type, "CARDHOLDER.CREATED");
    assert_eq!(
        delivery.attempts, 2,
        "refused once, acknowledged on the retry"
    );
    assert!(delivery.acknowledged);
    assert_eq!(recorder.calls.load(Ordering::SeqCst), 2);
    assert_eq!(recorder.handled().len(), 1);
    assert_eq!(recorder.handled()[0].id, delivery.id);

    // The status of the failed attempt, seen directly.
    recorder.fail_first.store(1, Ordering::SeqCst);
    let url = serve_receiver(recorder.receiver(SECRET)).await;
    let (status, body) = post(&url, &signed("fails-once")).await;
    assert_eq!(status, 500);
    assert!(body.contains(r#""received":false"#), "{body}");
    assert_eq!(post(&url, &signed("fails-once")).await.0, 200);
}

#[tokio::test]
async fn the_same_delivery_twice_runs_the_handler_once() {
    let recorder = Recorder::default();
    let url = serve_receiver(recorder.receiver(SECRET)).await;
    let delivery = signed("dup-1");

    let first = post(&url, &delivery).await;
    let second = post(&url, &delivery).await;

    assert_eq!(first, (200, ACKNOWLEDGEMENT.to_owned()));
    assert_eq!(second, (200, ACKNOWLEDGEMENT.to_owned()));
    assert_eq!(recorder.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_arriving_together_run_the_handler_once() {
    let recorder = Recorder {
        delay: Duration::from_millis(300),
        ..Recorder::default()
    };
    let url = serve_receiver(recorder.receiver(SECRET)).await;
    let delivery = Arc::new(signed("dup-2"));

    let copies = (0..8).map(|_| {
        let (url, delivery) = (url.clone(), delivery.clone());
        tokio::spawn(async move { post(&url, &delivery).await.0 })
    });
    let statuses: Vec<u16> = futures_util::future::join_all(copies)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();

    assert_eq!(recorder.calls.load(Ordering::SeqCst), 1);
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "{statuses:?}"
    );
    assert!(statuses.contains(&200));
    // Once handled, a copy is acknowledged.
    assert_eq!(post(&url, &delivery).await.0, 200);
    assert_eq!(recorder.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn bad_deliveries_are_refused_and_the_handler_never_runs() {
    let recorder = Recorder::default();
    let url = serve_receiver(recorder.receiver(SECRET).body_limit(4096)).await;
    let good = signed("bad-1");

    let tampered = Sent {
        body: good.body.replace("7002", "7003"),
        ..signed("bad-1")
    };
    let wrong_secret = Sent {
        signature: WebhookVerifier::new("another secret").sign(&resource()),
        ..signed("bad-1")
    };
    let stale = Sent {
        timestamp: timestamp_header(SystemTime::now() - Duration::from_secs(3600)),
        ..signed("bad-1")
    };
    let no_signature = Sent {
        signature: String::new(),
        ..signed("bad-1")
    };
    let not_json = Sent {
        body: "{\"id\": \"x\", ".into(),
        ..signed("bad-1")
    };
    let legacy = Sent {
        body: serde_json::json!({
            "id": "bad-1", "businessType": "AccountRegistered", "data": {"id": "a"},
            "sign": "ab".repeat(32)
        })
        .to_string(),
        ..signed("bad-1")
    };
    let oversized = Sent {
        body: delivery("bad-1", &"x".repeat(5000)),
        ..signed("bad-1")
    };
    for (name, delivery, status) in [
        ("tampered body", &tampered, 401),
        ("wrong secret", &wrong_secret, 401),
        ("stale timestamp", &stale, 401),
        ("not JSON", &not_json, 400),
        ("legacy format", &legacy, 401),
        ("oversized", &oversized, 413),
    ] {
        assert_eq!(post(&url, delivery).await.0, status, "{name}");
    }
    // Headers left out entirely.
    let bare = reqwest::Client::new()
        .post(&url)
        .body(no_signature.body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status().as_u16(), 401, "no Signature header");
    let no_timestamp = reqwest::Client::new()
        .post(&url)
        .header("Signature", &good.signature)
        .body(good.body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(no_timestamp.status().as_u16(), 401, "no Timestamp header");
    // A body over the limit without Content-Length is cut off while read.
    assert_eq!(
        post_chunked(&url, &good, 10, 1000).await,
        413,
        "chunked oversized body"
    );

    assert_eq!(recorder.calls.load(Ordering::SeqCst), 0);
    // The same delivery, intact, is then handled: refusals did not mark it seen.
    assert_eq!(post(&url, &good).await.0, 200);
    assert_eq!(recorder.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn legacy_deliveries_are_accepted_only_by_an_explicit_policy() {
    let legacy = |sign: &str| Sent {
        body: serde_json::json!({
            "id": "legacy-1", "businessType": "AccountRegistered", "data": {"id": "acc-1"},
            "sign": sign
        })
        .to_string(),
        signature: String::new(),
        timestamp: String::new(),
    };
    let recorder = Recorder::default();
    let checked = serve_receiver(
        recorder
            .receiver(SECRET)
            .legacy(LegacyPolicy::Verify(Arc::new(|n, _body| {
                n.sign == "c0ffee".repeat(10) + "c0ff"
            }))),
    )
    .await;
    assert_eq!(post(&checked, &legacy(&"ab".repeat(32))).await.0, 401);
    assert_eq!(
        post(&checked, &legacy(&("c0ffee".repeat(10) + "c0ff")))
            .await
            .0,
        200
    );
    let handled = recorder.handled();
    assert_eq!(handled.len(), 1);
    assert!(handled[0].legacy);
    match &handled[0].event {
        WebhookEvent::Legacy {
            business_type,
            data,
        } => {
            assert_eq!(business_type, "AccountRegistered");
            assert_eq!(data["id"], "acc-1");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_extractor_verifies_for_a_handler_of_ones_own() {
    #[derive(Clone)]
    struct State {
        verifier: WebhookVerifier,
    }
    impl axum::extract::FromRef<State> for WebhookVerifier {
        fn from_ref(state: &State) -> Self {
            state.verifier.clone()
        }
    }
    async fn handler(VerifiedWebhook(delivery): VerifiedWebhook) -> String {
        format!("{} {}", delivery.id, delivery.event.event_type())
    }
    let router = axum::Router::new()
        .route("/hooks", axum::routing::post(handler))
        .with_state(State {
            verifier: WebhookVerifier::new(SECRET),
        });
    let url = serve(router).await;

    assert_eq!(
        post(&url, &signed("ext-1")).await,
        (200, "ext-1 CARD.CREATED".to_owned())
    );
    let forged = Sent {
        signature: WebhookVerifier::new("nope").sign(&resource()),
        ..signed("ext-2")
    };
    assert_eq!(post(&url, &forged).await.0, 401);
}

#[tokio::test]
async fn nothing_secret_is_logged_at_trace() {
    let captured = logs::Captured::default();
    let subscriber = captured.subscriber(tracing::Level::TRACE);
    // This test's runtime has one thread, so the server's tasks log here too.
    let _guard = tracing::subscriber::set_default(subscriber);
    let recorder = Recorder::default();
    recorder.fail_first.store(1, Ordering::SeqCst);
    let url = serve_receiver(recorder.receiver(SECRET)).await;
    let good = signed("log-1");
    let forged = Sent {
        signature: WebhookVerifier::new("nope").sign(&resource()),
        ..signed("log-2")
    };

    assert_eq!(post(&url, &good).await.0, 500);
    assert_eq!(post(&url, &good).await.0, 200);
    assert_eq!(post(&url, &good).await.0, 200);
    assert_eq!(post(&url, &forged).await.0, 401);

    let logs = captured.text();
    for outcome in ["handler_failed", "handled", "duplicate", "unauthenticated"] {
        assert!(
            logs.contains(outcome),
            "no `{outcome}` in the logs:\n{logs}"
        );
    }
    assert!(logs.contains("interlace.webhook") && logs.contains("CARD.CREATED"));
    for secret in [
        PAN,
        "reasonCode",
        &good.signature,
        &forged.signature,
        SECRET,
    ] {
        assert!(!logs.contains(secret), "`{secret}` is in the logs:\n{logs}");
    }
}
