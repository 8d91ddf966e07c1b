//! Latency of calls made while the token is being renewed.
//!
//! `cargo bench --bench renewal`. The emulator answers `refresh-token` after
//! 300 ms. A client whose token has reached its renewal time fires 200
//! calls at once; the table gives their latency. A client that waits for the
//! renewal shows ~300 ms; one that renews in the background shows the cost
//! of an ordinary call.

use std::time::{Duration, Instant};

use interlace::accounts::ListAccounts;
use interlace::{Client, Config, Environment};
use interlace_sandbox::{Fault, Sandbox, SandboxConfig};

const CALLS: usize = 200;
const ROUNDS: usize = 5;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut latencies = Vec::new();
    let mut control = Vec::new();
    for _ in 0..ROUNDS {
        let sandbox = Sandbox::start_with(SandboxConfig {
            token_lifetime: Duration::from_secs(4),
            ..SandboxConfig::default()
        })
        .await?;
        let config = Config::builder()
            .client_id(sandbox.client_id())
            .client_secret(sandbox.client_secret())
            .environment(Environment::Custom)
            .base_url(sandbox.url())
            .renew_margin(Duration::from_secs(3))
            .renew_jitter(Duration::ZERO)
            .build()?;
        let client = Client::new(config)?;
        client.send(ListAccounts::new()).await?;
        // Into the renewal window: renewal at half the life (the margin is
        // capped there), 2 s, expiry at 4 s.
        tokio::time::sleep(Duration::from_millis(2200)).await;
        sandbox.inject_for(
            "POST",
            "/open-api/v3/oauth/refresh-token",
            Fault::Delay(Duration::from_millis(300)),
            1,
        );
        latencies.extend(at_once(&client).await?);
        // Let a background renewal finish before counting it.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(
            sandbox.request_count("POST", "/open-api/v3/oauth/refresh-token"),
            1
        );
        // The same burst with a fresh token, for comparison.
        control.extend(at_once(&client).await?);
    }
    report(
        "in the renewal window, refresh answered after 300 ms",
        latencies,
    );
    report("with a fresh token (control)", control);
    Ok(())
}

/// `CALLS` calls at once; the latency of each.
async fn at_once(client: &Client) -> Result<Vec<Duration>, Box<dyn std::error::Error>> {
    let calls = (0..CALLS).map(|_| {
        let client = client.clone();
        tokio::spawn(async move {
            let start = Instant::now();
            client
                .send(ListAccounts::new())
                .await
                .map(|_| start.elapsed())
        })
    });
    let mut out = Vec::new();
    for call in futures_util::future::join_all(calls).await {
        out.push(call??);
    }
    Ok(out)
}

fn report(what: &str, mut latencies: Vec<Duration>) {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
    println!("{} calls {what}", latencies.len());
    println!(
        "p50 {:?}   p90 {:?}   p99 {:?}   max {:?}",
        at(0.5),
        at(0.9),
        at(0.99),
        latencies[latencies.len() - 1]
    );
}
