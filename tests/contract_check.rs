//! `ContractCheck`: a success answer compared with the bundled contract.
//! Warn logs each finding (kinds and pointers, never values) and lets the
//! call succeed; Fail turns a contradiction into a decode error; Off does
//! nothing. One test in this binary: it installs a process-wide subscriber.

use interlace::cards::{ListCards, ListCardsExt};
use interlace::error::DecodeErrorKind;
use interlace::{Client, Config, ContractCheck, Environment, RetryPolicy};
use support::logs::Captured;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;

const CARD: &str = "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e";

async fn server() -> MockServer {
    let server = MockServer::start().await;
    let ok = |data: serde_json::Value| {
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "code": "000000", "message": "success", "data": data
        }))
    };
    Mock::given(method("GET"))
        .and(path("/open-api/v3/oauth/authorize"))
        .respond_with(ok(serde_json::json!({"timestamp": 1, "code": "c0de"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/open-api/v3/oauth/access-token"))
        .respond_with(ok(serde_json::json!({
            "accessToken": "0".repeat(40), "refreshToken": "9f".repeat(32), "expiresIn": 86400, "timestamp": 1
        })))
        .mount(&server)
        .await;
    // A status the contract does not list, and a field it lacks.
    Mock::given(method("GET"))
        .and(path("/open-api/v3/card-list"))
        .respond_with(ok(serde_json::json!({"list": [
            {"id": CARD, "status": "LOST", "riskTier": "low", "cardLastFour": "4242", "accountId": null}
        ], "total": "1"})))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, check: ContractCheck) -> Client {
    let config = Config::builder()
        .client_id("interlace0123456789abcdef")
        .client_secret("f0e1d2c3b4a5968778695a4b3c2d1e0f")
        .environment(Environment::Custom)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .contract_check(check)
        .build()
        .unwrap();
    Client::new(config).unwrap()
}

#[tokio::test]
async fn warn_logs_each_finding_fail_fails_and_off_does_nothing() {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(captured.subscriber(tracing::Level::WARN));
    let server = server().await;
    let logs = || captured.text();

    let page = client(&server, ContractCheck::Off)
        .list_cards(ListCards::new(CARD))
        .await
        .unwrap();
    assert_eq!(page.list.len(), 1);
    assert!(!logs().contains("contract_drift"), "{}", logs());

    let page = client(&server, ContractCheck::Warn)
        .list_cards(ListCards::new(CARD))
        .await
        .unwrap();
    assert_eq!(page.list.len(), 1, "Warn lets the call succeed");
    let warned = logs();
    assert!(warned.contains("contract_drift"), "{warned}");
    assert!(
        warned.contains("unknown-enum-value") && warned.contains("/data/list/0/status"),
        "{warned}"
    );
    assert!(
        warned.contains("undocumented-field") && warned.contains("/data/list/0/riskTier"),
        "{warned}"
    );
    assert!(
        warned.contains("wrong-type") && warned.contains("/data/list/0/accountId"),
        "a null where the contract promises a string: {warned}"
    );
    assert!(warned.contains("listCards"), "{warned}");
    assert!(
        !warned.contains("4242") && !warned.contains("\"low\""),
        "values stay out: {warned}"
    );

    let error = client(&server, ContractCheck::Fail)
        .list_cards(ListCards::new(CARD))
        .await
        .unwrap_err();
    let interlace::Error::Decode(decode) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(decode.kind, DecodeErrorKind::ContractDrift);
    // The first contradiction, in the answer's order: the null.
    assert!(
        decode.excerpt.contains("/data/list/0/accountId") && decode.excerpt.contains("null"),
        "{}",
        decode.excerpt
    );
}
