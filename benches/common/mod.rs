//! What both benchmarks share: the local server, the endpoints declared
//! with the attribute, and the hand-written reqwest + serde_json equivalent.
#![allow(dead_code)]

use std::time::Duration;

use axum::routing::{get, post};
use interlace::{Client, Config, Environment, interlace_endpoint};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: String,
    pub account_id: String,
    pub label: String,
    pub amount: String,
    pub currency: String,
    pub status: String,
    pub create_time: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemList {
    pub list: Vec<Item>,
    pub total: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewItem {
    pub reference_id: String,
    pub label: String,
    pub amount: String,
}

#[interlace_endpoint(GET "/bench/items", response = ItemList, unlisted = "a benchmark fixture", client_method)]
pub struct GetItems {
    pub account_id: String,
    pub status: Option<String>,
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

#[interlace_endpoint(POST "/bench/items", response = ItemList, unlisted = "a benchmark fixture", client_method)]
pub struct PostItems {
    pub account_id: String,
    pub items: Vec<NewItem>,
}

pub fn item_list() -> ItemList {
    let list = (0..12)
        .map(|i| Item {
            id: format!("c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d{i:02}"),
            account_id: "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23".into(),
            label: format!("benchmark item {i}"),
            amount: format!("{i}50.00"),
            currency: "USD".into(),
            status: "ACTIVE".into(),
            create_time: "1764028800000".into(),
        })
        .collect();
    ItemList {
        list,
        total: "12".into(),
    }
}

pub fn new_items() -> Vec<NewItem> {
    (0..12)
        .map(|i| NewItem {
            reference_id: format!("ref-2026-11-25-{i:04}-abcdef"),
            label: format!("a label for the item number {i}"),
            amount: format!("{i}.25"),
        })
        .collect()
}

/// Serves the token flow and `/bench/items` from a runtime of its own.
pub fn start_server() -> String {
    let envelope = serde_json::to_vec(
        &serde_json::json!({"code": "000000", "message": "success", "data": item_list()}),
    )
    .expect("serializable");
    assert!(
        (1800..2600).contains(&envelope.len()),
        "envelope is {} bytes",
        envelope.len()
    );
    let body = axum::body::Bytes::from(envelope);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let json = |b: axum::body::Bytes| ([("content-type", "application/json")], b);
            let (get_body, post_body, cards_body) = (body.clone(), body.clone(), body);
            let app = axum::Router::new()
                .route(
                    "/open-api/v3/oauth/authorize",
                    get(|| async { axum::Json(serde_json::json!({"code": "000000", "data": {"code": "c0de", "timestamp": 1}})) }),
                )
                .route(
                    "/open-api/v3/oauth/access-token",
                    post(|| async {
                        // A real server takes a moment; waiters pile up meanwhile.
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        axum::Json(serde_json::json!({"code": "000000", "data": {
                            "accessToken": "0123456789012345678901234567890123456789",
                            "refreshToken": "r", "expiresIn": 86400, "timestamp": 1}}))
                    }),
                )
                .route("/bench/items", get(move || { let b = get_body.clone(); async move { json(b) } }))
                .route("/bench/items", post(move || { let b = post_body.clone(); async move { json(b) } }))
                // The same list as an operation of the contract, for the
                // contract check's cost (its items carry fields `Card` lacks).
                .route("/open-api/v3/card-list", get(move || { let b = cards_body.clone(); async move { json(b) } }));
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}", listener.local_addr().unwrap())).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

pub fn generated_client(base: &str) -> Client {
    checked_client(base, interlace::ContractCheck::Off)
}

/// The generated client with the contract check set to `check`.
pub fn checked_client(base: &str, check: interlace::ContractCheck) -> Client {
    Client::new(
        Config::builder()
            .client_id("interlace0011223344556677")
            .client_secret("00112233445566778899aabbccddeeff")
            .environment(Environment::Custom)
            .base_url(base)
            .contract_check(check)
            .build()
            .unwrap(),
    )
    .unwrap()
}

/// What a careful hand-written integration does: one reqwest client, the
/// token header, one typed decode of the envelope, a code check.
#[derive(Clone)]
pub struct HandWritten {
    http: reqwest::Client,
    base: String,
    token: String,
}

#[derive(Deserialize)]
struct Envelope<T> {
    code: String,
    data: Option<T>,
}

impl HandWritten {
    /// With `HAND_TIMEOUT=1` in the environment, the hand-written client also
    /// sets a per-request timeout, as the generated client always does: it
    /// shows what the timeout itself costs.
    pub fn new(base: &str) -> Self {
        let mut http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        if std::env::var_os("HAND_TIMEOUT").is_some_and(|v| v == "1") {
            http = http.timeout(Duration::from_secs(30));
        }
        let http = http.build().unwrap();
        Self {
            http,
            base: base.to_owned(),
            token: "0123456789012345678901234567890123456789".into(),
        }
    }

    pub async fn get_items(&self) -> ItemList {
        let bytes = self
            .http
            .get(format!("{}/bench/items", self.base))
            .query(&[
                ("accountId", "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23"),
                ("status", "ACTIVE"),
                ("page", "1"),
                ("limit", "20"),
            ])
            .header("x-access-token", &self.token)
            .header("accept", "application/json")
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        Self::decode(&bytes)
    }

    pub async fn post_items(&self, items: &[NewItem]) -> ItemList {
        let body = serde_json::to_vec(&serde_json::json!({"accountId": "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23", "items": items})).unwrap();
        let bytes = self
            .http
            .post(format!("{}/bench/items", self.base))
            .header("x-access-token", &self.token)
            .header("accept", "application/json")
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        Self::decode(&bytes)
    }

    fn decode(bytes: &[u8]) -> ItemList {
        let envelope: Envelope<ItemList> = serde_json::from_slice(bytes).unwrap();
        assert_eq!(envelope.code, "000000");
        envelope.data.unwrap()
    }
}

pub fn get_request() -> GetItems {
    GetItems::new("3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23")
        .status("ACTIVE")
        .page(1u32)
        .limit(20u32)
}

pub fn post_request(items: &[NewItem]) -> PostItems {
    PostItems::new("3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23", items.to_vec())
}
