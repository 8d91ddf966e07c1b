//! The quickstart flow as an integration test against the emulator, with
//! its output and a TRACE-level log checked for secrets.
//!
//! The only test in this binary: tracing caches per-callsite interest
//! process-wide, so a test running beside it without the subscriber could
//! switch callsites off.

#[path = "../examples/quickstart/flow.rs"]
mod flow;

mod support;

use interlace::types::CardStatus;
use interlace::{Client, Config, Environment};
use interlace_sandbox::Sandbox;
use support::logs::Captured;

#[tokio::test(flavor = "current_thread")]
async fn the_quickstart_flow_runs_end_to_end_and_shows_no_secret() {
    let log = Captured::default();
    let _guard = tracing::subscriber::set_default(log.subscriber(tracing::Level::TRACE));

    let sandbox = Sandbox::start().await.unwrap();
    let config = Config::builder()
        .client_id(sandbox.client_id())
        .client_secret(sandbox.client_secret())
        .environment(Environment::Custom)
        .base_url(sandbox.url())
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    let mut out = Captured::default();
    let outcome = flow::run(&client, None, &mut out).await.unwrap();

    assert_eq!(outcome.account_id.as_str(), sandbox.master_account_id());
    assert_eq!(outcome.summary.balance.available.to_string(), "150.00");
    assert_eq!(outcome.listed_cards, 1);
    assert_eq!(outcome.status_after_freeze, Some(CardStatus::Frozen));
    assert_eq!(outcome.status_after_unfreeze, Some(CardStatus::Active));
    assert_eq!(sandbox.master_available(), "9850.00");
    assert_eq!(
        sandbox.request_count("POST", "/open-api/v3/oauth/access-token"),
        1
    );
    assert_eq!(
        sandbox.request_count("POST", "/open-api/v3/prepaid-card"),
        1
    );

    let printed = out.text();
    for step in ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9a.", "9b."] {
        assert!(
            printed.lines().any(|l| l.trim_start().starts_with(step)),
            "step {step} missing:\n{printed}"
        );
    }
    assert!(printed.contains(" ms "), "{printed}");
    assert!(
        printed.contains("status FROZEN") && printed.contains("status ACTIVE"),
        "{printed}"
    );

    let trace = log.text();
    assert!(trace.contains("interlace.call"), "the calls were traced");
    assert!(!trace.contains(sandbox.client_secret()) && !printed.contains(sandbox.client_secret()));
    // Every token the emulator issued must be absent: grab them from its answers.
    let token_like = |s: &str| s.len() >= 40 && s.chars().all(|c| c.is_ascii_hexdigit());
    for word in trace
        .split(|c: char| !c.is_ascii_alphanumeric())
        .chain(printed.split(|c: char| !c.is_ascii_alphanumeric()))
    {
        assert!(
            !token_like(word),
            "a token-like value appears in the output: {word}"
        );
    }
}
