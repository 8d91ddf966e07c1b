//! One judge: the emulator, the validating proxy and `ContractCheck` say
//! the same finding in the same words for the same bad request or answer,
//! because all three ask `interlace-contract`.

// Only its token flow is used here.
#[allow(dead_code)]
#[path = "../examples/conformance/walk.rs"]
mod walk;

use interlace::cards::{ListCards, ListCardsExt};
use interlace::{Client, Config, ContractCheck, Environment, RetryPolicy};
use interlace_sandbox::Sandbox;
use interlace_sandbox::proxy::{Direction, Proxy, ProxyConfig, Verdict};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CARD: &str = "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e";

async fn proxy_to(upstream: &str) -> Proxy {
    Proxy::start("127.0.0.1:0".parse().unwrap(), ProxyConfig::new(upstream))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_bad_request_gets_the_same_words_from_the_emulator_and_the_proxy() {
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = proxy_to(sandbox.url()).await;
    let http = reqwest::Client::new();
    let token = walk::token(&http, proxy.url(), sandbox.client_id())
        .await
        .unwrap();
    let account = sandbox.master_account_id();
    for (verb, at, query, body) in [
        // A required body field left out.
        (
            "POST",
            "/open-api/v3/budgets",
            vec![],
            Some(json!({"accountId": account})),
        ),
        // A required query parameter left out.
        ("GET", "/open-api/v3/card-list", vec![], None),
        // A query parameter of the wrong kind.
        (
            "GET",
            "/open-api/v3/card-list",
            vec![("accountId", account.as_str()), ("limit", "many")],
            None,
        ),
        // A value outside an enum.
        (
            "GET",
            "/open-api/v3/cards/wallets",
            vec![("accountId", account.as_str()), ("objectType", "7")],
            None,
        ),
        // A body field of the wrong kind.
        (
            "POST",
            "/open-api/v3/budgets",
            vec![],
            Some(json!({"accountId": account, "name": 7})),
        ),
    ] {
        let mut request = http
            .request(verb.parse().unwrap(), format!("{}{at}", proxy.url()))
            .header("x-access-token", &token)
            .query(&query);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer: Value = request.send().await.unwrap().json().await.unwrap();
        let emulator_says = answer["message"].as_str().unwrap().to_owned();
        let proxy_says: Vec<String> = proxy
            .drift()
            .findings()
            .into_iter()
            .filter(|f| f.seen.direction == Direction::Request && f.path == at)
            .map(|f| f.seen.message)
            .collect();
        assert!(
            proxy_says.contains(&emulator_says),
            "{verb} {at}: the emulator says {emulator_says:?}, the proxy {proxy_says:?}"
        );
    }
}

/// One answer of each contradicting kind: a null where a string is
/// promised, a value outside an enum, a required field absent, a field of
/// the wrong kind.
#[tokio::test]
async fn a_bad_answer_gets_the_same_words_from_the_proxy_and_contract_check() {
    for (row, pointer) in [
        (
            json!({"id": CARD, "accountId": null}),
            "`data.list.0.accountId`",
        ),
        (
            json!({"id": CARD, "status": "LOST"}),
            "`data.list.0.status`",
        ),
        (json!({"accountId": "a-1"}), "`data.list.0.id`"),
        (
            json!({"id": CARD, "cardLastFour": 4242}),
            "`data.list.0.cardLastFour`",
        ),
    ] {
        let (contract_check_says, proxy_says) = judged(row).await;
        assert_eq!(proxy_says.len(), 1, "{proxy_says:?}");
        assert!(
            contract_check_says.starts_with(&proxy_says[0]),
            "ContractCheck says {contract_check_says:?}, the proxy {:?}",
            proxy_says[0]
        );
        assert!(proxy_says[0].contains(pointer), "{}", proxy_says[0]);
    }
}

/// What ContractCheck (`Fail`) and the proxy say of a card list with `row`.
async fn judged(row: Value) -> (String, Vec<String>) {
    let upstream = MockServer::start().await;
    let ok = |data: Value| {
        ResponseTemplate::new(200)
            .set_body_json(json!({"code": "000000", "message": "success", "data": data}))
    };
    Mock::given(method("GET"))
        .and(path("/open-api/v3/oauth/authorize"))
        .respond_with(ok(json!({"timestamp": 1, "code": "c0dec0de"})))
        .mount(&upstream)
        .await;
    Mock::given(method("POST"))
        .and(path("/open-api/v3/oauth/access-token"))
        .respond_with(ok(json!({
            "accessToken": "0".repeat(40), "refreshToken": "9f".repeat(32), "expiresIn": 86400, "timestamp": 1
        })))
        .mount(&upstream)
        .await;
    Mock::given(method("GET"))
        .and(path("/open-api/v3/card-list"))
        .respond_with(ok(json!({"list": [row], "total": "1"})))
        .mount(&upstream)
        .await;
    let proxy = proxy_to(&upstream.uri()).await;
    let config = Config::builder()
        .client_id("interlace0123456789abcdef")
        .client_secret("f0e1d2c3b4a5968778695a4b3c2d1e0f")
        .environment(Environment::Custom)
        .base_url(proxy.url())
        .retry_policy(RetryPolicy::none())
        .contract_check(ContractCheck::Fail)
        .build()
        .unwrap();
    let error = Client::new(config)
        .unwrap()
        .list_cards(ListCards::new(CARD))
        .await
        .unwrap_err();
    let interlace::Error::Decode(decode) = &error else {
        panic!("{error:?}");
    };
    let proxy_says: Vec<String> = proxy
        .drift()
        .findings()
        .into_iter()
        .filter(|f| f.seen.direction == Direction::Response)
        .filter(|f| f.seen.verdict == Verdict::Contradicts)
        .map(|f| f.seen.message)
        .collect();
    (decode.excerpt.clone(), proxy_says)
}
