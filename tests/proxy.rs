//! The validating proxy in front of the emulator: the quickstart flow
//! passes through it and the contract and the emulator agree, so the drift
//! report has no finding that contradicts the contract.

#[path = "../examples/quickstart/flow.rs"]
mod flow;

use interlace::{Client, Config, Environment};
use interlace_sandbox::Sandbox;
use interlace_sandbox::proxy::{Proxy, ProxyConfig, Verdict};

#[tokio::test]
async fn the_quickstart_flow_through_the_proxy_finds_no_drift() {
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = Proxy::start(
        "127.0.0.1:0".parse().unwrap(),
        ProxyConfig::new(sandbox.url()),
    )
    .await
    .unwrap();
    let config = Config::builder()
        .client_id(sandbox.client_id())
        .client_secret(sandbox.client_secret())
        .environment(Environment::Custom)
        .base_url(proxy.url())
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    let mut out = Vec::new();
    flow::run(&client, None, &mut out).await.unwrap();

    let findings = proxy.drift().findings();
    let contradictions: Vec<_> = findings
        .iter()
        .filter(|f| f.seen.verdict == Verdict::Contradicts)
        .collect();
    assert!(contradictions.is_empty(), "{contradictions:#?}");
    let undocumented: Vec<_> = findings
        .iter()
        .filter(|f| f.seen.kind == "undocumented-field")
        .collect();
    assert!(
        undocumented.is_empty(),
        "the emulator answers fields the contract lacks: {undocumented:#?}"
    );
    let report = proxy.drift().to_json();
    let calls: u64 = report["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["calls"].as_u64().unwrap())
        .sum();
    assert!(calls >= 8, "{report}");
}
