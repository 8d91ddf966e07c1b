//! The one-line set-ups tests use: seeded accounts, cardholders, cards and
//! purchases show through the API, and the clock expires tokens on demand.

mod support;

use std::time::Duration;

use interlace_sandbox::{Sandbox, codes};
use serde_json::Value;

async fn get(
    sandbox: &Sandbox,
    http: &reqwest::Client,
    token: &str,
    path: &str,
    q: &[(&str, &str)],
) -> (u16, Value) {
    let r = http
        .get(format!("{}{path}", sandbox.url()))
        .header("x-access-token", token)
        .query(q)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn seeded_data_shows_through_the_api() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let token = support::login(&sandbox, &http).await;

    let account = sandbox.seed_account("Shop", "500.00").unwrap();
    let holder = sandbox
        .seed_cardholder(&account, "Ada", "Lovelace")
        .unwrap();
    let card = sandbox.seed_card(&account, &holder, "120.00").unwrap();
    let purchase = sandbox
        .seed_purchase(&card, "Coffee Bar", "4.50")
        .await
        .unwrap()
        .transaction_id;

    let (_, balances) = get(
        &sandbox,
        &http,
        &token,
        "/open-api/v3/cards/wallets",
        &[("accountId", &account)],
    )
    .await;
    assert_eq!(
        balances["data"]["list"][0]["available"], "500.00",
        "{balances}"
    );
    let (_, holders) = get(
        &sandbox,
        &http,
        &token,
        "/open-api/v3/cardholders",
        &[("accountId", &account)],
    )
    .await;
    assert_eq!(holders["data"]["list"][0]["id"], holder.as_str());
    let (_, summary) = get(
        &sandbox,
        &http,
        &token,
        &format!("/open-api/v3/cards/{card}/card-summary"),
        &[("accountId", &account)],
    )
    .await;
    assert_eq!(
        summary["data"]["balance"]["available"], "115.50",
        "{summary}"
    );
    let (_, spent) = get(
        &sandbox,
        &http,
        &token,
        "/open-api/v3/cards/transaction-list",
        &[("accountId", &account), ("cardId", &card)],
    )
    .await;
    let first = &spent["data"]["list"][0];
    assert_eq!(first["id"], purchase.as_str());
    assert_eq!(
        (first["merchantName"].as_str(), first["type"].as_i64()),
        (Some("Coffee Bar"), Some(1))
    );

    // Set-ups that can't hold are errors, not panics.
    assert!(sandbox.seed_account("x", "-1").is_err());
    assert!(sandbox.seed_card(&account, "nobody", "1.00").is_err());
    let overspend = sandbox
        .seed_purchase(&card, "Yacht", "1000.00")
        .await
        .unwrap_err();
    assert!(
        overspend.to_string().contains("holds 115.50"),
        "{overspend}"
    );
}

#[tokio::test]
async fn advancing_the_clock_expires_tokens() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let token = support::login(&sandbox, &http).await;
    let account = sandbox.master_account_id();
    let (status, _) = get(
        &sandbox,
        &http,
        &token,
        "/open-api/v3/card-list",
        &[("accountId", &account)],
    )
    .await;
    assert_eq!(status, 200);
    sandbox.advance_clock(Duration::from_secs(86_401));
    let (status, r) = get(
        &sandbox,
        &http,
        &token,
        "/open-api/v3/card-list",
        &[("accountId", &account)],
    )
    .await;
    assert_eq!(
        (status, r["code"].as_str()),
        (401, Some(codes::INVALID_TOKEN))
    );
}
