//! Real-time authorization decisions end to end over HTTP on 127.0.0.1:
//! the emulator asks a receiver of ours before each purchase and honours
//! the answer; the receiver checks the signature and answers by its
//! deadline whatever the handler does.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use interlace::authorization::axum::AuthorizationReceiver;
use interlace::authorization::{
    Authorization, AuthorizationRequest, Decision, SignaturePolicy, sign_data,
};
use interlace_sandbox::{Sandbox, SandboxConfig, Verdict};
use support::logs::Captured;

mod support;

/// Serves `receiver` on 127.0.0.1; returns its URL.
async fn serve<F, Fut>(receiver: AuthorizationReceiver<F>) -> String
where
    F: Fn(Authorization) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Decision> + Send + 'static,
{
    let app = axum::Router::new().route("/authorizations", receiver.into_route());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/authorizations", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// An emulator with a card holding 100.00, asking `url` before purchases.
async fn emulator(url: &str) -> (Sandbox, String) {
    let sandbox = Sandbox::start_with(SandboxConfig::default()).await.unwrap();
    sandbox.set_authorization_url(Some(url.to_owned()));
    let account = sandbox.seed_account("Shop", "500.00").unwrap();
    let holder = sandbox
        .seed_cardholder(&account, "Ada", "Lovelace")
        .unwrap();
    let card = sandbox.seed_card(&account, &holder, "100.00").unwrap();
    (sandbox, card)
}

fn policy(sandbox: &Sandbox) -> SignaturePolicy {
    SignaturePolicy::hmac_sha256_hex_of_data(sandbox.client_secret())
}

#[tokio::test]
async fn an_approved_purchase_moves_money_and_a_declined_one_does_not() {
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = asked.clone();
    let sandbox_secret = SandboxConfig::default().client_secret;
    let url = serve(AuthorizationReceiver::new(
        SignaturePolicy::hmac_sha256_hex_of_data(sandbox_secret),
        move |authorization: Authorization| {
            counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if authorization.merchant_name == "Casino" {
                    Decision::decline("no gambling")
                } else {
                    Decision::Approve
                }
            }
        },
    ))
    .await;
    let (sandbox, card) = emulator(&url).await;

    let coffee = sandbox
        .seed_purchase(&card, "Coffee Bar", "4.50")
        .await
        .unwrap();
    assert_eq!(coffee.verdict, Verdict::Approved);
    let casino = sandbox
        .seed_purchase(&card, "Casino", "50.00")
        .await
        .unwrap();
    assert_eq!(casino.verdict, Verdict::Declined);

    assert_eq!(asked.load(Ordering::SeqCst), 2, "one request per purchase");
    assert_eq!(sandbox.authorization_requests(), 2);
    let card_balance = sandbox.card_available(&card).unwrap();
    assert_eq!(
        card_balance, "95.50",
        "only the approved purchase moved money"
    );
    let statuses = sandbox.transaction_statuses(&card);
    assert_eq!(
        statuses,
        [
            (coffee.transaction_id.clone(), "CLOSED".to_string()),
            (casino.transaction_id.clone(), "FAIL".to_string())
        ]
    );
}

/// A card transaction notified: its id and status.
type Notified = (String, Option<interlace::types::TransactionStatus>);

#[tokio::test]
async fn each_purchase_is_notified_with_its_outcome() {
    use interlace::types::TransactionStatus;
    use interlace::webhooks::axum::WebhookReceiver;
    use interlace::webhooks::{Delivery, WebhookEvent, WebhookVerifier};

    let secret = SandboxConfig::default().client_secret;
    let url = serve(AuthorizationReceiver::new(
        SignaturePolicy::hmac_sha256_hex_of_data(secret.clone()),
        |a: Authorization| async move {
            if a.merchant_name == "Casino" {
                Decision::decline("no gambling")
            } else {
                Decision::Approve
            }
        },
    ))
    .await;
    let (sandbox, card) = emulator(&url).await;
    let seen: Arc<Mutex<Vec<Notified>>> = Arc::default();
    let log = seen.clone();
    let receiver = WebhookReceiver::new(WebhookVerifier::new(secret), move |d: Delivery| {
        let log = log.clone();
        async move {
            match d.event {
                WebhookEvent::CardTransactionCreated(tx) => {
                    log.lock()
                        .unwrap()
                        .push((tx.id.unwrap_or_default(), tx.status));
                }
                other => panic!("not a typed card transaction: {other:?}"),
            }
            Ok::<(), std::io::Error>(())
        }
    });
    let app = axum::Router::new().route("/hooks", receiver.into_route());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hooks = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    sandbox.set_webhook_url(Some(hooks));

    let coffee = sandbox
        .seed_purchase(&card, "Coffee Bar", "4.50")
        .await
        .unwrap();
    let casino = sandbox
        .seed_purchase(&card, "Casino", "5.00")
        .await
        .unwrap();
    // Deliveries go out in the background: wait for both, within bounds.
    for _ in 0..500 {
        if seen.lock().unwrap().len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut seen = seen.lock().unwrap().clone();
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    let mut expected = vec![
        (coffee.transaction_id, Some(TransactionStatus::Closed)),
        (casino.transaction_id, Some(TransactionStatus::Fail)),
    ];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn a_slow_or_panicking_handler_gets_the_fallback_by_the_deadline() {
    let secret = SandboxConfig::default().client_secret;
    // The fallback approves here, so an approval proves it was answered
    // (the emulator declines when no answer comes).
    let slow = serve(
        AuthorizationReceiver::new(
            SignaturePolicy::hmac_sha256_hex_of_data(secret.clone()),
            |_: Authorization| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                Decision::decline("too late to matter")
            },
        )
        .deadline(Duration::from_millis(100))
        .fallback(Decision::Approve),
    )
    .await;
    let (sandbox, card) = emulator(&slow).await;
    let purchase = sandbox
        .seed_purchase(&card, "Books", "10.00")
        .await
        .unwrap();
    assert_eq!(purchase.verdict, Verdict::Approved);

    let panicking = serve(
        AuthorizationReceiver::new(
            SignaturePolicy::hmac_sha256_hex_of_data(secret),
            |_: Authorization| async { panic!("a bug in the handler") },
        )
        .fallback(Decision::Approve),
    )
    .await;
    sandbox.set_authorization_url(Some(panicking));
    let purchase = sandbox
        .seed_purchase(&card, "Books", "10.00")
        .await
        .unwrap();
    assert_eq!(purchase.verdict, Verdict::Approved);

    // The default fallback declines, as Interlace does.
    let default = serve(
        AuthorizationReceiver::new(policy(&sandbox), |_: Authorization| async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            Decision::Approve
        })
        .deadline(Duration::from_millis(50)),
    )
    .await;
    sandbox.set_authorization_url(Some(default));
    let purchase = sandbox
        .seed_purchase(&card, "Books", "10.00")
        .await
        .unwrap();
    assert_eq!(purchase.verdict, Verdict::Declined);
    assert_eq!(sandbox.card_available(&card).unwrap(), "80.00");
}

#[tokio::test]
async fn an_emulator_without_an_answer_in_time_declines() {
    // Nothing listens behind this URL's route: a 404 is no answer.
    let url = serve(AuthorizationReceiver::new(
        SignaturePolicy::AcceptUnverified,
        |_: Authorization| async { Decision::Approve },
    ))
    .await
    .replace("/authorizations", "/elsewhere");
    let (sandbox, card) = emulator(&url).await;
    let purchase = sandbox
        .seed_purchase(&card, "Books", "10.00")
        .await
        .unwrap();
    assert_eq!(purchase.verdict, Verdict::NoAnswer);
    assert_eq!(sandbox.card_available(&card).unwrap(), "100.00");
}

fn request_body(data: &str, sign: &str) -> String {
    format!(r#"{{"id":"r-1","businessType":"authorization","data":{data},"sign":"{sign}"}}"#)
}

const DATA: &str = r#"{"id":"a-1","cardId":"c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e","createTime":"1756879969964","accountId":"acc-1","sourceId":"bank-1","transactionType":"authorization","transactionId":"t-1","transactionAmount":"12.34","transactionCurrency":"USD","merchantName":"Example Store","mcc":"5812"}"#;

#[tokio::test]
async fn a_bad_signature_or_body_is_refused_before_the_handler_runs() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let url = serve(AuthorizationReceiver::new(
        SignaturePolicy::hmac_sha256_hex_of_data("the secret"),
        move |_: Authorization| {
            counter.fetch_add(1, Ordering::SeqCst);
            async { Decision::Approve }
        },
    ))
    .await;
    let http = reqwest::Client::new();
    let post = |body: String| {
        let http = http.clone();
        let url = url.clone();
        async move {
            let r = http.post(url).body(body).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let forged = request_body(DATA, &sign_data("another secret", DATA));
    assert_eq!(post(forged).await.0, 401);
    assert_eq!(post("not json".into()).await.0, 400);
    let webhook_shaped = DATA.replace("authorization", "AccountRegistered");
    assert_eq!(post(webhook_shaped).await.0, 400);
    assert_eq!(post("x".repeat(100_000)).await.0, 413);
    assert_eq!(calls.load(Ordering::SeqCst), 0);

    let (status, answer) = post(request_body(DATA, &sign_data("the secret", DATA))).await;
    assert_eq!(status, 200);
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["data"]["decision"], "APPROVED");
    assert_eq!(answer["data"]["id"], "r-1");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn a_request_reads_its_fields_and_its_debug_shows_no_card_data() {
    let body = request_body(DATA, &sign_data("s", DATA));
    let request = AuthorizationRequest::parse(body.as_bytes()).unwrap();
    let a = &request.authorization;
    assert_eq!(a.transaction_amount, "12.34".parse().unwrap());
    assert_eq!(a.merchant_name, "Example Store");
    assert!(request.raw_data().contains("\"sourceId\":\"bank-1\""));
    let debug = format!("{request:?}");
    assert!(!debug.contains("c9e41f7a-2b6d"), "{debug}");
    assert!(debug.contains("7d6e"), "{debug}");
    assert!(!debug.contains(request.sign()), "{debug}");
}

#[tokio::test]
async fn one_span_per_decision_and_nothing_secret_in_the_logs() {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(captured.subscriber(tracing::Level::TRACE));
    let secret = SandboxConfig::default().client_secret;
    let url = serve(AuthorizationReceiver::new(
        SignaturePolicy::hmac_sha256_hex_of_data(secret.clone()),
        |a: Authorization| async move {
            tracing::info!(merchant = %a.merchant_name, "deciding");
            Decision::Approve
        },
    ))
    .await;
    let (sandbox, card) = emulator(&url).await;
    sandbox
        .seed_purchase(&card, "Coffee Bar", "4.50")
        .await
        .unwrap();
    let forged = request_body(DATA, &sign_data("wrong", DATA));
    let status = reqwest::Client::new()
        .post(&url)
        .body(forged.clone())
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 401);

    let logs = captured.text();
    assert!(logs.contains("interlace.authorization"), "{logs}");
    assert!(
        logs.contains("decision=\"approve\"") || logs.contains("decision=approve"),
        "{logs}"
    );
    assert!(
        logs.contains("source=\"handler\"") || logs.contains("source=handler"),
        "{logs}"
    );
    for secret in [
        card.as_str(),
        "4.50",
        &secret,
        &sign_data("wrong", DATA),
        "c9e41f7a",
    ] {
        assert!(!logs.contains(secret), "`{secret}` is in the logs:\n{logs}");
    }
}
