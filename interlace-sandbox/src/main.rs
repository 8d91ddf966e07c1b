//! `interlace-sandbox`: the emulator as a standalone server, for manual use
//! with curl and for teams writing their integration in another language.
//!
//! ```text
//! cargo run -p interlace-sandbox -- --port 8080 --fault 503:/open-api/v3/card-list:2
//! ```

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use interlace_sandbox::{FaultSpec, Sandbox, SandboxConfig};
use rust_decimal::Decimal;

/// An in-memory emulator of the Interlace Open API: the v3 token flow and
/// every operation of the API contract, with requests validated against it.
#[derive(Debug, Parser)]
#[command(name = "interlace-sandbox", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The client id the emulator accepts.
    #[arg(long)]
    client_id: Option<String>,
    /// The client secret it signs webhooks with.
    #[arg(long)]
    client_secret: Option<String>,
    /// Starting balance of the master Infinity Account.
    #[arg(long, default_value = "10000.00")]
    master_balance: Decimal,
    /// Lifetime of access tokens, in seconds.
    #[arg(long, default_value_t = 86_400)]
    token_lifetime: u64,
    /// Seed this many sub-accounts, each with a cardholder and a card holding 100.00.
    #[arg(long, default_value_t = 0)]
    seed_cards: usize,
    /// Make calls misbehave: FAULT:PATH[:TIMES], where FAULT is an HTTP status
    /// (e.g. 503; 429 adds Retry-After), delay=MS, html, truncated or revoke.
    /// Repeatable.
    #[arg(long = "fault", value_name = "FAULT:PATH[:TIMES]")]
    faults: Vec<FaultSpec>,
    /// Send signed webhooks to this URL.
    #[arg(long)]
    webhook_url: Option<String>,
    /// Append every request received, as a JSON line, to this file.
    #[arg(long)]
    request_log: Option<PathBuf>,
    /// Also refuse query parameters the contract does not list.
    #[arg(long)]
    strict: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("interlace-sandbox: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let defaults = SandboxConfig::default();
    let config = SandboxConfig {
        client_id: args.client_id.unwrap_or(defaults.client_id.clone()),
        client_secret: args.client_secret.unwrap_or(defaults.client_secret.clone()),
        master_balance: args.master_balance,
        token_lifetime: Duration::from_secs(args.token_lifetime),
        strict: args.strict,
        request_log: args.request_log,
        ..defaults
    };
    let sandbox = Sandbox::start_on(SocketAddr::new(args.host, args.port), config).await?;
    for spec in args.faults {
        sandbox.inject(&spec.path, spec.fault, spec.times);
    }
    sandbox.set_webhook_url(args.webhook_url);
    let mut seeded = Vec::new();
    for i in 0..args.seed_cards {
        let account = sandbox.seed_account(&format!("Seeded {}", i + 1), "1000.00")?;
        let holder = sandbox.seed_cardholder(&account, "Ada", "Lovelace")?;
        let card = sandbox.seed_card(&account, &holder, "100.00")?;
        seeded.push((account, card));
    }
    println!("interlace-sandbox listening on {}", sandbox.url());
    println!("client id:      {}", sandbox.client_id());
    println!("client secret:  {}", sandbox.client_secret());
    println!("master account: {}", sandbox.master_account_id());
    for (account, card) in &seeded {
        println!("seeded card:    {card} (account {account})");
    }
    // Listening for the signals before saying so: a signal sent as soon as
    // the banner is read must stop the server cleanly, not kill it.
    let stop = shutdown_signal()?;
    println!("stop with Ctrl-C");
    stop.await;
    drop(sandbox);
    println!("interlace-sandbox stopped");
    Ok(())
}

/// Ctrl-C, or SIGTERM where there is one (containers and process managers
/// stop servers with it). The handlers are in place when this returns.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
