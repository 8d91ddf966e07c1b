//! The emulator's own rules, checked over raw HTTP (not through the client),
//! so that the client and the emulator can't hide each other's mistakes.

use std::time::Duration;

use interlace_sandbox::{Fault, Sandbox, SandboxConfig, codes};
use serde_json::{Value, json};

struct Raw {
    sandbox: Sandbox,
    http: reqwest::Client,
    token: String,
}

impl Raw {
    async fn start_with(config: SandboxConfig) -> Self {
        let sandbox = Sandbox::start_with(config).await.unwrap();
        let http = reqwest::Client::new();
        let mut raw = Self {
            sandbox,
            http,
            token: String::new(),
        };
        raw.token = raw.login().await;
        raw
    }

    async fn start() -> Self {
        Self::start_with(SandboxConfig::default()).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.url())
    }

    async fn code(&self) -> String {
        let r: Value = self
            .http
            .get(self.url("/open-api/v3/oauth/authorize"))
            .query(&[("clientId", self.sandbox.client_id())])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(r["code"], "000000");
        r["data"]["code"].as_str().unwrap().to_owned()
    }

    async fn login(&self) -> String {
        let code = self.code().await;
        let r = self
            .post_raw(
                "/open-api/v3/oauth/access-token",
                json!({"clientId": self.sandbox.client_id(), "code": code}),
                None,
            )
            .await
            .1;
        assert_eq!(r["code"], "000000", "{r}");
        r["data"]["accessToken"].as_str().unwrap().to_owned()
    }

    async fn post_raw(&self, path: &str, body: Value, key: Option<&str>) -> (u16, Value) {
        let mut req = self
            .http
            .post(self.url(path))
            .header("x-access-token", &self.token)
            .json(&body);
        if let Some(key) = key {
            req = req.header("Idempotency-Key", key);
        }
        let resp = req.send().await.unwrap();
        (resp.status().as_u16(), resp.json().await.unwrap())
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.post_raw(path, body, None).await.1
    }

    /// The raw answer to an authenticated GET, for checking faults.
    async fn get_response(&self, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .header("x-access-token", &self.token)
            .send()
            .await
            .unwrap()
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> (u16, Value) {
        let resp = self
            .http
            .get(self.url(path))
            .header("x-access-token", &self.token)
            .query(query)
            .send()
            .await
            .unwrap();
        (resp.status().as_u16(), resp.json().await.unwrap())
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<Value>,
    ) -> Value {
        let mut req = self
            .http
            .request(method.parse().unwrap(), self.url(path))
            .header("x-access-token", &self.token)
            .query(query);
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.unwrap().json().await.unwrap()
    }

    /// A cardholder and the first BIN, for card tests.
    async fn holder(&self) -> (String, String, String) {
        let account = self.sandbox.master_account_id();
        let bins = self
            .get("/open-api/v3/card/bins", &[("accountId", &account)])
            .await
            .1;
        let bin = bins["data"]["list"][0]["id"].as_str().unwrap().to_owned();
        let r = self
            .post("/open-api/v3/cardholders", cardholder(&account, &bin))
            .await;
        assert_eq!(r["code"], "000000", "{r}");
        (account, bin, r["data"]["id"].as_str().unwrap().to_owned())
    }

    async fn card(&self, reference: &str) -> (String, String) {
        let (account, bin, holder) = self.holder().await;
        let (_, r) = self
            .post_raw(
                "/open-api/v3/prepaid-card",
                json!({"accountId": account, "binId": bin, "cardholderId": holder,
                "referenceId": reference, "cardMode": "VIRTUAL_CARD"}),
                Some(&format!("key-{reference}")),
            )
            .await;
        assert_eq!(r["code"], "000000", "{r}");
        (account, r["data"]["id"].as_str().unwrap().to_owned())
    }
}

fn cardholder(account: &str, bin: &str) -> Value {
    json!({"accountId": account, "binId": bin, "firstName": "Ada", "lastName": "Lovelace",
        "email": "ada@example.com", "dob": "1990-12-10", "gender": "F", "nationality": "US",
        "phoneNumber": "4155550100", "phoneCountryCode": "1",
        "address": {"addressLine1": "1 Market St", "city": "SF", "state": "CA", "country": "US", "postalCode": "94105"}})
}

#[tokio::test]
async fn codes_are_single_use_and_calls_need_a_live_token() {
    let raw = Raw::start().await;
    let code = raw.code().await;
    let body = json!({"clientId": raw.sandbox.client_id(), "code": code});
    let first = raw
        .post_raw("/open-api/v3/oauth/access-token", body.clone(), None)
        .await
        .1;
    assert_eq!(first["code"], "000000");
    assert_eq!(first["data"]["expiresIn"], 86400);
    assert_eq!(
        raw.post_raw("/open-api/v3/oauth/access-token", body, None)
            .await
            .1["code"],
        codes::INVALID_CODE
    );

    let resp = raw
        .http
        .get(raw.url("/open-api/v3/accounts"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["code"], codes::INVALID_TOKEN);
    let resp = raw
        .http
        .get(raw.url("/open-api/v3/accounts"))
        .header("x-access-token", "0".repeat(40))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    assert_eq!(raw.get("/open-api/v3/accounts", &[]).await.0, 200);

    let bad: Value = raw
        .http
        .get(raw.url("/open-api/v3/oauth/authorize"))
        .query(&[("clientId", "someone-else")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bad["code"], codes::INVALID_CLIENT);
}

#[tokio::test]
async fn tokens_expire_and_refresh_gives_a_new_one() {
    let raw = Raw::start_with(SandboxConfig {
        token_lifetime: Duration::from_millis(300),
        ..SandboxConfig::default()
    })
    .await;
    let code = raw.code().await;
    let r = raw
        .post_raw(
            "/open-api/v3/oauth/access-token",
            json!({"clientId": raw.sandbox.client_id(), "code": code}),
            None,
        )
        .await
        .1;
    let refresh = r["data"]["refreshToken"].as_str().unwrap().to_owned();
    assert_eq!(refresh.len(), 64);
    assert_eq!(r["data"]["expiresIn"], 1, "rounded up to whole seconds");
    assert_eq!(r["data"]["accessToken"].as_str().unwrap().len(), 40);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(raw.get("/open-api/v3/accounts", &[]).await.0, 401);
    let r = raw
        .post_raw(
            "/open-api/v3/oauth/refresh-token",
            json!({"clientId": raw.sandbox.client_id(), "refreshToken": refresh}),
            None,
        )
        .await
        .1;
    assert_eq!(r["code"], "000000");
    assert!(r["data"]["refreshToken"].is_null());
    let r = raw
        .post_raw(
            "/open-api/v3/oauth/refresh-token",
            json!({"clientId": raw.sandbox.client_id(), "refreshToken": "nope"}),
            None,
        )
        .await
        .1;
    assert_eq!(r["code"], codes::INVALID_REFRESH_TOKEN);
}

#[tokio::test]
async fn validation_errors_name_the_field() {
    let raw = Raw::start().await;
    let account = raw.sandbox.master_account_id();
    let mut body = cardholder(&account, "x");
    body.as_object_mut().unwrap().remove("email");
    let r = raw.post("/open-api/v3/cardholders", body).await;
    assert_eq!(r["code"], codes::VALIDATION);
    assert!(r["message"].as_str().unwrap().contains("`email`"), "{r}");
    let mut body = cardholder(&account, "x");
    body["address"]
        .as_object_mut()
        .unwrap()
        .remove("postalCode");
    let r = raw.post("/open-api/v3/cardholders", body).await;
    assert!(
        r["message"]
            .as_str()
            .unwrap()
            .contains("address.postalCode"),
        "{r}"
    );
    let (_, card) = raw.card("r-1").await;
    // Money must be a decimal string, as the reference has it.
    let r = raw
        .post("/open-api/v3/cards/transfer-in", json!({"accountId": account, "cardId": card, "clientTransactionId": "t", "amount": 10.5}))
        .await;
    assert_eq!(r["code"], codes::VALIDATION);
    assert!(r["message"].as_str().unwrap().contains("`amount`"), "{r}");
    let (status, r) = raw.get("/open-api/v3/card-list", &[]).await;
    assert_eq!((status, r["code"].as_str()), (200, Some(codes::VALIDATION)));
    let r = raw
        .get(
            "/open-api/v3/card-list",
            &[("accountId", &account), ("limit", "500")],
        )
        .await
        .1;
    assert!(r["message"].as_str().unwrap().contains("`limit`"), "{r}");
    let resp = raw
        .http
        .post(raw.url("/open-api/v3/budgets"))
        .header("x-access-token", &raw.token)
        .body("{not json")
        .send()
        .await
        .unwrap();
    let r: Value = resp.json().await.unwrap();
    assert_eq!(r["code"], codes::VALIDATION);
}

#[tokio::test]
async fn funds_move_and_balances_never_go_negative() {
    let raw = Raw::start().await;
    let (account, card) = raw.card("r-1").await;
    let fund = |amount: &str, path: &str| {
        json!({"accountId": account, "cardId": card, "clientTransactionId": format!("{path}-{amount}"), "amount": amount})
            .to_string()
    };
    let r = raw
        .post(
            "/open-api/v3/cards/transfer-in",
            serde_json::from_str(&fund("150.00", "in")).unwrap(),
        )
        .await;
    assert_eq!(r["data"]["status"], "CLOSED");
    assert_eq!(r["data"]["type"], 2);
    assert_eq!(raw.sandbox.master_available(), "9850.00");
    let r = raw
        .post(
            "/open-api/v3/cards/transfer-out",
            serde_json::from_str(&fund("200.00", "out")).unwrap(),
        )
        .await;
    assert_eq!(r["code"], codes::INSUFFICIENT_BALANCE);
    let r = raw
        .post(
            "/open-api/v3/cards/transfer-in",
            serde_json::from_str(&fund("99999.00", "in")).unwrap(),
        )
        .await;
    assert_eq!(r["code"], codes::INSUFFICIENT_BALANCE);
    assert_eq!(raw.sandbox.master_available(), "9850.00");
    let summary = raw
        .get(
            &format!("/open-api/v3/cards/{card}/card-summary"),
            &[("accountId", &account)],
        )
        .await
        .1;
    assert_eq!(summary["data"]["balance"]["available"], "150.00");
    let r = raw
        .post(
            "/open-api/v3/cards/transfer-out",
            serde_json::from_str(&fund("50.00", "out")).unwrap(),
        )
        .await;
    assert_eq!(r["data"]["type"], 3);
    assert_eq!(raw.sandbox.master_available(), "9900.00");

    // Budgets: funded with `cost`, never below zero.
    let budget = raw
        .post(
            "/open-api/v3/budgets",
            json!({"accountId": account, "name": "Ops"}),
        )
        .await;
    // `data` is the new budget's UUID, as the reference says.
    let budget_id = budget["data"].as_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&budget_id).is_ok(), "{budget}");
    let r = raw
        .post(
            &format!("/open-api/v3/budgets/{budget_id}/transfer-in"),
            json!({"cost": "100.00", "accountId": account}),
        )
        .await;
    assert_eq!(r["code"], "000000", "{r}");
    let r = raw
        .post(
            &format!("/open-api/v3/budgets/{budget_id}/transfer-out"),
            json!({"cost": "100.01"}),
        )
        .await;
    assert_eq!(r["code"], codes::INSUFFICIENT_BALANCE);
    let r = raw
        .post(
            "/open-api/v3/budgets",
            json!({"accountId": account, "name": "Ops"}),
        )
        .await;
    assert_eq!(r["code"], codes::INVALID_STATE, "budget names are unique");
}

#[tokio::test]
async fn the_same_idempotency_key_returns_the_same_card() {
    let raw = Raw::start().await;
    let (account, bin, holder) = raw.holder().await;
    let body = json!({"accountId": account, "binId": bin, "cardholderId": holder, "referenceId": "r-9",
        "cardMode": "VIRTUAL_CARD", "amount": "10.00"});
    let (_, first) = raw
        .post_raw("/open-api/v3/prepaid-card", body.clone(), Some("key-1"))
        .await;
    let (_, second) = raw
        .post_raw("/open-api/v3/prepaid-card", body.clone(), Some("key-1"))
        .await;
    assert_eq!(first["data"]["id"], second["data"]["id"]);
    assert_eq!(raw.sandbox.card_count(), 1);
    assert_eq!(
        raw.sandbox.master_available(),
        "9990.00",
        "the initial load was taken once"
    );
    let mut other = body.clone();
    other["referenceId"] = json!("r-10");
    let (_, conflict) = raw
        .post_raw("/open-api/v3/prepaid-card", other, Some("key-1"))
        .await;
    assert_eq!(conflict["code"], codes::IDEMPOTENCY_CONFLICT);
    // A new key with the same reference id is refused rather than issuing a second card.
    let (_, again) = raw
        .post_raw("/open-api/v3/prepaid-card", body.clone(), Some("key-2"))
        .await;
    assert_eq!(again["code"], codes::INVALID_STATE);
    // And the contract makes the key required on card creation.
    let (_, unkeyed) = raw.post_raw("/open-api/v3/prepaid-card", body, None).await;
    assert_eq!(unkeyed["code"], codes::VALIDATION);
    assert!(
        unkeyed["message"]
            .as_str()
            .unwrap()
            .contains("Idempotency-Key")
    );
    assert_eq!(raw.sandbox.card_count(), 1);
}

#[tokio::test]
async fn a_frozen_card_shows_frozen_and_lists_filter_and_page() {
    let raw = Raw::start().await;
    let (account, card) = raw.card("r-1").await;
    let r = raw
        .post(
            &format!("/open-api/v3/cards/{card}/freeze"),
            json!({"accountId": account}),
        )
        .await;
    assert_eq!(r["code"], "000000");
    let list = raw
        .get(
            "/open-api/v3/card-list",
            &[("accountId", &account), ("cardId", &card)],
        )
        .await
        .1;
    assert_eq!(list["data"]["list"][0]["status"], "FROZEN");
    assert_eq!(list["data"]["total"], "1");
    let r = raw
        .post(
            &format!("/open-api/v3/cards/{card}/freeze"),
            json!({"accountId": account}),
        )
        .await;
    assert_eq!(r["code"], codes::INVALID_STATE);
    let r = raw
        .post(
            &format!("/open-api/v3/cards/{card}/unfreeze"),
            json!({"accountId": account}),
        )
        .await;
    assert_eq!(r["code"], "000000");
    let (_, bin, holder) = raw.holder().await;
    for i in 0..4 {
        let (_, r) = raw
            .post_raw(
                "/open-api/v3/prepaid-card",
                json!({"accountId": account, "binId": bin, "cardholderId": holder,
                "referenceId": format!("p-{i}"), "cardMode": "VIRTUAL_CARD", "label": "team"}),
                Some(&format!("page-{i}")),
            )
            .await;
        assert_eq!(r["code"], "000000", "{r}");
    }
    let page = raw
        .get(
            "/open-api/v3/card-list",
            &[
                ("accountId", &account),
                ("label", "team"),
                ("page", "2"),
                ("limit", "3"),
            ],
        )
        .await
        .1;
    assert_eq!(page["data"]["total"], "4");
    assert_eq!(page["data"]["list"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn business_transfers_move_between_infinity_accounts() {
    let raw = Raw::start().await;
    let account = raw.sandbox.master_account_id();
    let balances = raw
        .get("/open-api/v3/cards/wallets", &[("accountId", &account)])
        .await
        .1;
    let balance = balances["data"]["list"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(balances["data"]["list"][0]["objectType"], 0);
    // `objectType` filters the rows by kind.
    let cards_only = raw
        .get(
            "/open-api/v3/cards/wallets",
            &[("accountId", &account), ("objectType", "2")],
        )
        .await
        .1;
    let rows = cards_only["data"]["list"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["objectType"] == 2), "{cards_only}");
    let infinity = raw
        .get(
            "/open-api/v3/cards/wallets",
            &[("accountId", &account), ("objectType", "0")],
        )
        .await
        .1;
    let rows = infinity["data"]["list"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{infinity}");
    assert_eq!(rows[0]["id"], balance.as_str());
    let party = json!({"id": balance, "accountId": account, "currency": "USD", "businessType": 0});
    let r = raw
        .post(
            "/open-api/v3/business/transfer/external",
            json!({"clientTransactionId": "t-1", "amount": "5.00", "from": party, "to": party}),
        )
        .await;
    assert_eq!(r["data"]["status"], "CLOSED");
    let r = raw
        .post(
            "/open-api/v3/business/transfer/external",
            json!({"clientTransactionId": "t-2", "amount": "5.00", "from": party}),
        )
        .await;
    assert!(r["message"].as_str().unwrap().contains("`to`"), "{r}");
}

#[tokio::test]
async fn faults_fire_for_the_next_n_calls_only() {
    let raw = Raw::start().await;
    raw.sandbox
        .inject("/open-api/v3/accounts", Fault::Status(503), 1);
    raw.sandbox.inject(
        "/open-api/v3/card-list",
        Fault::RateLimited {
            retry_after_secs: 3,
        },
        1,
    );
    let resp = raw.get_response("/open-api/v3/accounts").await;
    assert_eq!(resp.status().as_u16(), 503);
    assert!(resp.text().await.unwrap().starts_with("<html>"));
    assert_eq!(raw.get("/open-api/v3/accounts", &[]).await.0, 200);
    let resp = raw.get_response("/open-api/v3/card-list").await;
    assert_eq!(resp.status().as_u16(), 429);
    assert_eq!(resp.headers()["retry-after"], "3");
    raw.sandbox
        .inject("/open-api/v3/accounts", Fault::TruncatedJson, 1);
    let text = raw
        .get_response("/open-api/v3/accounts")
        .await
        .text()
        .await
        .unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err());
    raw.sandbox
        .inject("/open-api/v3/accounts", Fault::RevokeToken, 1);
    assert_eq!(raw.get("/open-api/v3/accounts", &[]).await.0, 401);
    assert_eq!(
        raw.get("/open-api/v3/accounts", &[]).await.0,
        401,
        "the token stays revoked"
    );
    assert_eq!(raw.sandbox.request_count("GET", "/open-api/v3/accounts"), 5);
}

#[tokio::test]
async fn webhooks_are_signed_over_the_resource() {
    use axum::routing::post;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, String, Value)>();
    let app = axum::Router::new().route(
        "/hook",
        post(move |headers: axum::http::HeaderMap, body: String| {
            let tx = tx.clone();
            async move {
                let h = |n: &str| {
                    headers
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                let _ = tx.send((
                    h("signature"),
                    h("timestamp"),
                    serde_json::from_str(&body).unwrap(),
                ));
                r#"{"received":true}"#
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let raw = Raw::start().await;
    raw.sandbox.set_webhook_url(Some(hook));
    let (_, card) = raw.card("r-1").await;
    let mut seen = Vec::new();
    while seen.len() < 2 {
        let (signature, timestamp, body) = tokio::time::timeout(Duration::from_secs(5), rx.recv())
            .await
            .unwrap()
            .unwrap();
        let resource = body["resource"].as_str().unwrap();
        assert_eq!(
            signature,
            interlace_sandbox::sign_webhook(raw.sandbox.client_secret(), resource)
        );
        assert!(timestamp.parse::<u64>().unwrap() > 1_700_000_000_000);
        seen.push((
            body["eventType"].as_str().unwrap().to_owned(),
            serde_json::from_str::<Value>(resource).unwrap(),
        ));
    }
    assert_eq!(seen[0].0, "CARDHOLDER.CREATED");
    assert_eq!(seen[1].0, "CARD.CREATED");
    assert_eq!(seen[1].1["cardId"], card.as_str());
}

#[tokio::test]
async fn an_oversized_body_is_refused_not_truncated() {
    let raw = Raw::start().await;
    let big = "x".repeat(2 << 20);
    let resp = raw
        .http
        .post(raw.url("/open-api/v3/budgets"))
        .header("x-access-token", &raw.token)
        .body(format!(r#"{{"accountId":"a","name":"{big}"}}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 413);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["code"], codes::VALIDATION);
}

#[tokio::test]
async fn a_budget_card_spends_from_its_budget() {
    let raw = Raw::start().await;
    let (account, bin, holder) = raw.holder().await;
    let budget = raw
        .post(
            "/open-api/v3/budgets",
            json!({"accountId": account, "name": "Travel"}),
        )
        .await;
    // `data` is the new budget's UUID, as the reference says.
    let budget_id = budget["data"].as_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&budget_id).is_ok(), "{budget}");
    raw.post(
        &format!("/open-api/v3/budgets/{budget_id}/transfer-in"),
        json!({"cost": "40.00"}),
    )
    .await;
    let body = json!({"accountId": account, "binId": bin, "cardholderId": holder, "budgetId": budget_id,
        "referenceId": "b-1", "cardMode": "VIRTUAL_CARD"});
    let (_, first) = raw
        .post_raw("/open-api/v3/budget-card", body.clone(), Some("k-b"))
        .await;
    let (_, again) = raw
        .post_raw("/open-api/v3/budget-card", body, Some("k-b"))
        .await;
    assert_eq!(first["data"]["id"], again["data"]["id"]);
    assert_eq!(first["data"]["budgetId"], budget_id.as_str());
    let card = first["data"]["id"].as_str().unwrap().to_owned();
    let summary = raw
        .get(
            &format!("/open-api/v3/cards/{card}/card-summary"),
            &[("accountId", &account)],
        )
        .await
        .1;
    assert_eq!(summary["data"]["balance"]["available"], "40.00");
    let r = raw
        .post("/open-api/v3/cards/transfer-in", json!({"accountId": account, "cardId": card, "clientTransactionId": "t", "amount": "1.00"}))
        .await;
    assert_eq!(
        r["code"],
        codes::INVALID_STATE,
        "budget cards are not funded directly"
    );
    let missing = json!({"accountId": account, "binId": bin, "cardholderId": holder, "budgetId": "nope",
        "referenceId": "b-2", "cardMode": "VIRTUAL_CARD"});
    assert_eq!(
        raw.post("/open-api/v3/budget-card", missing).await["code"],
        codes::NOT_FOUND
    );
    assert_eq!(raw.sandbox.card_count(), 1);
}

#[tokio::test]
async fn card_transactions_velocity_control_and_deletion_hold_together() {
    let raw = Raw::start().await;
    let (account, card) = raw.card("r-1").await;
    for (path, amount, id) in [
        ("transfer-in", "40.00", "t-1"),
        ("transfer-out", "15.00", "t-2"),
    ] {
        let r = raw
            .post(
                &format!("/open-api/v3/cards/{path}"),
                json!({"accountId": account, "cardId": card, "clientTransactionId": id, "amount": amount}),
            )
            .await;
        assert_eq!(r["code"], "000000", "{r}");
    }
    // The funding shows in the card's transactions, in order.
    let (_, list) = raw
        .get(
            "/open-api/v3/cards/transaction-list",
            &[("accountId", &account), ("cardId", &card)],
        )
        .await;
    let list = list["data"]["list"].as_array().unwrap().clone();
    let seen: Vec<(&str, i64)> = list
        .iter()
        .map(|t| {
            (
                t["clientTransactionId"].as_str().unwrap(),
                t["type"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(seen, [("t-1", 2), ("t-2", 3)]);

    // A velocity limit shows in the summary.
    let r = raw
        .send(
            "PUT",
            &format!("/open-api/v3/cards/{card}/velocity-control"),
            &[],
            Some(json!({"accountId": account, "transactionLimitsType": "DAY", "amountLimit": "500.00"})),
        )
        .await;
    assert_eq!(r["code"], "000000", "{r}");
    // The name the unofficial SDK used is refused: the page says `amountLimit`.
    let old = raw
        .send(
            "PUT",
            &format!("/open-api/v3/cards/{card}/velocity-control"),
            &[],
            Some(json!({"accountId": account, "transactionLimitsType": "DAY", "limit": "500.00"})),
        )
        .await;
    assert_ne!(old["code"], "000000", "{old}");
    let (_, summary) = raw
        .get(
            &format!("/open-api/v3/cards/{card}/card-summary"),
            &[("accountId", &account)],
        )
        .await;
    assert_eq!(summary["data"]["velocityControl"]["type"], "DAY");
    assert_eq!(summary["data"]["velocityControl"]["limit"], "500.00");
    let r = raw
        .send(
            "PUT",
            &format!("/open-api/v3/cards/{card}/velocity-control"),
            &[],
            Some(json!({"accountId": account, "transactionLimitsType": "HOURLY", "limit": "1.00"})),
        )
        .await;
    assert_eq!(r["code"], codes::VALIDATION, "{r}");

    // A card with money on it is not deleted; emptied, it is.
    let card_path = format!("/open-api/v3/cards/{card}");
    let query = [("accountId", account.as_str())];
    let delete = || raw.send("DELETE", &card_path, &query, None);
    let r = delete().await;
    assert_eq!(r["code"], codes::INVALID_STATE, "{r}");
    raw.post(
        "/open-api/v3/cards/transfer-out",
        json!({"accountId": account, "cardId": card, "clientTransactionId": "t-3", "amount": "25.00"}),
    )
    .await;
    assert_eq!(delete().await["code"], "000000");
    assert_eq!(raw.sandbox.card_count(), 0);
    assert_eq!(delete().await["code"], codes::NOT_FOUND);
}

#[tokio::test]
async fn budgets_are_renamed_looked_up_and_deleted_when_empty() {
    let raw = Raw::start().await;
    let account = raw.sandbox.master_account_id();
    let create = |name: &str| {
        raw.post(
            "/open-api/v3/budgets",
            json!({"accountId": account, "name": name}),
        )
    };
    let travel = create("Travel").await["data"].as_str().unwrap().to_owned();
    create("Meals").await;
    let travel_path = format!("/open-api/v3/budgets/{travel}");
    let rename =
        |name: &'static str| raw.send("PUT", &travel_path, &[], Some(json!({"name": name})));
    assert_eq!(
        rename("Meals").await["code"],
        codes::INVALID_STATE,
        "names stay unique"
    );
    assert_eq!(rename("Trips").await["code"], "000000");
    let (_, list) = raw
        .get(
            "/open-api/v3/budgets",
            &[("accountId", &account), ("budgetId", &travel)],
        )
        .await;
    assert_eq!(list["data"]["list"][0]["name"], "Trips");

    let tx = raw
        .post(
            &format!("/open-api/v3/budgets/{travel}/transfer-in"),
            json!({"cost": "5.00", "clientTransactionId": "b-1"}),
        )
        .await;
    let tx_id = tx["data"]["id"].as_str().unwrap().to_owned();
    let (_, found) = raw
        .get(&format!("/open-api/v3/budgets/transactions/{tx_id}"), &[])
        .await;
    assert_eq!(found["data"]["clientTransactionId"], "b-1", "{found}");
    let (_, missing) = raw.get("/open-api/v3/budgets/transactions/404", &[]).await;
    assert_eq!(missing["code"], codes::NOT_FOUND);
    // Budget transfers are not card transactions.
    let (_, cards) = raw
        .get(
            "/open-api/v3/cards/transaction-list",
            &[("accountId", &account)],
        )
        .await;
    assert_eq!(
        cards["data"]["list"].as_array().unwrap().len(),
        0,
        "{cards}"
    );

    let path = format!("/open-api/v3/budgets/{travel}");
    assert_eq!(
        raw.send("DELETE", &path, &[], None).await["code"],
        codes::INVALID_STATE,
        "it holds money"
    );
    raw.post(
        &format!("/open-api/v3/budgets/{travel}/transfer-out"),
        json!({"cost": "5.00"}),
    )
    .await;
    assert_eq!(raw.send("DELETE", &path, &[], None).await["code"], "000000");
    let (_, list) = raw
        .get(
            "/open-api/v3/budgets",
            &[("accountId", &account), ("budgetId", &travel)],
        )
        .await;
    assert_eq!(list["data"]["list"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn card_updates_change_the_cardholder_on_the_bins_that_allow_it() {
    let raw = Raw::start().await;
    let account = raw.sandbox.master_account_id();
    let (_, bins) = raw
        .get("/open-api/v3/card/bins", &[("accountId", &account)])
        .await;
    let mut cards = Vec::new();
    for (i, bin) in bins["data"]["list"].as_array().unwrap().iter().enumerate() {
        let bin_id = bin["id"].as_str().unwrap();
        let holder = raw
            .post("/open-api/v3/cardholders", cardholder(&account, bin_id))
            .await;
        let holder_id = holder["data"]["id"].as_str().unwrap().to_owned();
        let (_, card) = raw
            .post_raw(
                "/open-api/v3/prepaid-card",
                json!({"accountId": account, "binId": bin_id, "cardholderId": holder_id,
                    "referenceId": format!("u-{i}"), "cardMode": "VIRTUAL_CARD"}),
                Some(&format!("u-{i}")),
            )
            .await;
        cards.push((
            bin["bin"].as_str().unwrap().to_owned(),
            card["data"]["id"].as_str().unwrap().to_owned(),
            holder_id,
        ));
    }
    for (bin, card, holder) in cards {
        let r = raw
            .send(
                "PUT",
                "/open-api/v3/card",
                &[],
                Some(json!({"accountId": account, "cardId": card, "email": "new@example.com"})),
            )
            .await;
        let (_, read) = raw
            .get(
                &format!("/open-api/v3/cardholders/{holder}"),
                &[("accountId", &account)],
            )
            .await;
        if bin == "493728" {
            assert_eq!(r["code"], "000000", "{r}");
            assert_eq!(read["data"]["email"], "new@example.com");
        } else {
            assert_eq!(r["code"], codes::INVALID_STATE, "{bin}: {r}");
            assert_eq!(read["data"]["email"], "ada@example.com");
        }
    }
}

#[tokio::test]
async fn money_moves_between_the_infinity_account_and_wallets_in_the_documented_shapes() {
    let raw = Raw::start().await;
    let account = raw.sandbox.master_account_id();
    let infinity = raw
        .get(
            "/open-api/v3/cards/wallets",
            &[("accountId", &account), ("objectType", "0")],
        )
        .await
        .1["data"]["list"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Wallet creation takes `referenceId` and `accountId`; the reference id
    // makes a repeat return the same wallet.
    let create = json!({"referenceId": "92a86ee7", "accountId": account, "nickname": "Developer"});
    let wallet = raw
        .post("/open-api/v3/cryptoconnect/wallets", create.clone())
        .await;
    assert_eq!(wallet["code"], "000000", "{wallet}");
    assert_eq!(wallet["data"]["master"], false, "{wallet}");
    let wallet_id = wallet["data"]["id"].as_str().unwrap().to_owned();
    let again = raw.post("/open-api/v3/cryptoconnect/wallets", create).await;
    assert_eq!(again["data"]["id"], wallet_id.as_str());
    let r = raw
        .post(
            "/open-api/v3/cryptoconnect/wallets",
            json!({"accountId": account}),
        )
        .await;
    assert!(
        r["message"].as_str().unwrap().contains("referenceId"),
        "{r}"
    );
    let (_, masters) = raw
        .get(
            "/open-api/v3/cryptoconnect/wallets",
            &[("accountId", &account), ("master", "true")],
        )
        .await;
    assert_eq!(masters["data"]["list"], json!([]), "{masters}");

    // /docs/convert-and-withdraw-cryptocurrency: `accountId` at the top,
    // each side `{businessType, currency, id}`.
    let side = |kind: u8, id: &str| json!({"businessType": kind, "currency": "USD", "id": id});
    let transfer = |amount: &str, from: Value, to: Value| {
        json!({"clientTransactionId": format!("t-{amount}"), "accountId": account,
               "amount": amount, "from": from, "to": to})
    };
    let r = raw
        .post(
            "/open-api/v3/business/transfer/internal",
            transfer("10", side(0, &infinity), side(2, &wallet_id)),
        )
        .await;
    assert_eq!(r["code"], "000000", "{r}");
    assert_eq!(r["data"]["accountTransferType"], "SAME_ACCOUNT", "{r}");
    assert_eq!(r["data"]["to"]["businessType"], 2, "{r}");
    let (_, held) = raw
        .get(
            &format!("/open-api/v3/cryptoconnect/wallets/{wallet_id}"),
            &[],
        )
        .await;
    let usd = held["data"]["balances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["currency"] == "USD")
        .unwrap()
        .clone();
    assert_eq!(usd["available"], "10.00", "{held}");
    assert_eq!(raw.sandbox.master_available(), "9990.00");

    // Back, and more than the wallet holds is refused without moving money.
    let r = raw
        .post(
            "/open-api/v3/business/transfer/internal",
            transfer("4", side(2, &wallet_id), side(0, &infinity)),
        )
        .await;
    assert_eq!(r["code"], "000000", "{r}");
    assert_eq!(raw.sandbox.master_available(), "9994.00");
    let r = raw
        .post(
            "/open-api/v3/business/transfer/internal",
            transfer("7", side(2, &wallet_id), side(0, &infinity)),
        )
        .await;
    assert_eq!(
        r["code"],
        interlace_sandbox::codes::INSUFFICIENT_BALANCE,
        "{r}"
    );
    assert_eq!(raw.sandbox.master_available(), "9994.00");

    // The third-party guess (no top-level `accountId`) is refused.
    let r = raw
        .post(
            "/open-api/v3/business/transfer/internal",
            json!({"clientTransactionId": "t-x", "amount": "1",
                   "from": side(0, &infinity), "to": side(2, &wallet_id)}),
        )
        .await;
    assert_eq!(r["code"], interlace_sandbox::codes::VALIDATION, "{r}");
    assert!(r["message"].as_str().unwrap().contains("accountId"), "{r}");
}
