//! Is the contract true? Calls every read-only operation of the contract
//! through the validating proxy and prints, per operation, the HTTP status,
//! the envelope's code and the findings that contradict the contract.
//!
//! ```text
//! cargo run --example conformance                 # against the embedded emulator
//! INTERLACE_CLIENT_ID=… INTERLACE_BASE_URL=https://api-sandbox.interlace.money \
//!     cargo run --example conformance -- drift.json   # against Interlace
//! ```
//!
//! Without `INTERLACE_CLIENT_ID` it starts the emulator, which answers in
//! the contract's shapes, so the table shows no finding. With it, it calls
//! `INTERLACE_BASE_URL` (the sandbox by default) and writes the drift
//! report to the path given (default `drift.json`), for
//! `cargo run -p interlace-sandbox -- contract-update drift.json`.

mod walk;

use interlace_sandbox::proxy::{Proxy, ProxyConfig, Verdict};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "drift.json".into());
    let (upstream, client_id, _emulator) = match std::env::var("INTERLACE_CLIENT_ID") {
        Ok(id) => {
            let base = std::env::var("INTERLACE_BASE_URL")
                .unwrap_or_else(|_| interlace::SANDBOX_URL.to_owned());
            (base, id, None)
        }
        Err(_) => {
            let sandbox = interlace_sandbox::Sandbox::start().await?;
            // Something to list and get: a cardholder, a card, a purchase.
            let account = sandbox.master_account_id().to_owned();
            let holder = sandbox.seed_cardholder(&account, "Ada", "Lovelace")?;
            let card = sandbox.seed_card(&account, &holder, "100.00")?;
            sandbox.seed_purchase(&card, "Coffee Bar", "4.50").await?;
            (
                sandbox.url().to_owned(),
                sandbox.client_id().to_owned(),
                Some(sandbox),
            )
        }
    };
    let config = ProxyConfig {
        report: Some(report.clone().into()),
        ..ProxyConfig::new(upstream.clone())
    };
    let proxy = Proxy::start("127.0.0.1:0".parse()?, config).await?;
    let http = reqwest::Client::new();
    let token = walk::token(&http, proxy.url(), &client_id).await?;
    let accounts: serde_json::Value = http
        .get(format!("{}/open-api/v3/accounts", proxy.url()))
        .header("x-access-token", &token)
        .send()
        .await?
        .json()
        .await?;
    let account = accounts["data"]["list"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (rows, skipped) = walk::walk(&http, proxy.url(), &token, &account).await;

    let findings = proxy.drift().findings();
    println!("against {upstream}\n");
    println!(
        "{:<40} {:>6} {:>10} {:>9}",
        "operation", "status", "code", "findings"
    );
    for row in &rows {
        let n = findings
            .iter()
            .filter(|f| f.operation.as_deref() == Some(&row.operation))
            .filter(|f| f.seen.verdict == Verdict::Contradicts)
            .count();
        println!(
            "{:<40} {:>6} {:>10} {:>9}",
            row.operation, row.status, row.code, n
        );
    }
    for (op, why) in &skipped {
        println!("{op:<40} skipped: {why}");
    }
    print!("\n{}", proxy.drift().summary());
    proxy.stop()?;
    println!("report: {report}");
    Ok(())
}
