//! The conformance walk against the emulator through the validating proxy:
//! every read-only operation it can call answers in the contract's shape.

#[path = "../examples/conformance/walk.rs"]
mod walk;

use interlace_sandbox::Sandbox;
use interlace_sandbox::proxy::{Proxy, ProxyConfig, Verdict};

#[tokio::test]
async fn every_read_only_operation_of_the_emulator_agrees_with_the_contract() {
    let sandbox = Sandbox::start().await.unwrap();
    let account = sandbox.master_account_id();
    let holder = sandbox
        .seed_cardholder(&account, "Ada", "Lovelace")
        .unwrap();
    let card = sandbox.seed_card(&account, &holder, "100.00").unwrap();
    sandbox
        .seed_purchase(&card, "Coffee Bar", "4.50")
        .await
        .unwrap();
    let proxy = Proxy::start(
        "127.0.0.1:0".parse().unwrap(),
        ProxyConfig::new(sandbox.url()),
    )
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let token = walk::token(&http, proxy.url(), sandbox.client_id())
        .await
        .unwrap();
    let (rows, skipped) = walk::walk(&http, proxy.url(), &token, &account).await;

    let called: Vec<&str> = rows.iter().map(|r| r.operation.as_str()).collect();
    for op in [
        "listCards",
        "getCardSummary",
        "listCardholders",
        "getCardholder",
        "listBalances",
    ] {
        assert!(
            called.contains(&op),
            "{op} was not called: {called:?} (skipped {skipped:?})"
        );
    }
    assert!(rows.len() >= 30, "{called:?}");
    assert!(
        rows.iter()
            .all(|r| r.status == "200" && (r.code == "\"000000\"" || r.code == "0")),
        "{rows:?}"
    );
    let contradictions: Vec<_> = proxy
        .drift()
        .findings()
        .into_iter()
        .filter(|f| f.seen.verdict == Verdict::Contradicts)
        .collect();
    assert!(contradictions.is_empty(), "{contradictions:#?}");
}
