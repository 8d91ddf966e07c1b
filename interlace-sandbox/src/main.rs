//! `interlace-sandbox`: the emulator as a standalone server, for manual use
//! with curl and for teams writing their integration in another language.
//!
//! ```text
//! cargo run -p interlace-sandbox -- --port 8080 --fault 503:/open-api/v3/card-list:2
//! cargo run -p interlace-sandbox -- proxy --upstream https://api-sandbox.interlace.money \
//!     --report drift.json --junit drift.xml
//! ```

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};
use interlace_sandbox::proxy::{Proxy, ProxyConfig};
use interlace_sandbox::{FaultSpec, Sandbox, SandboxConfig};
use rust_decimal::Decimal;

/// An in-memory emulator of the Interlace Open API: the v3 token flow and
/// every operation of the API contract, with requests validated against it.
/// `proxy` puts a validating proxy in front of the real API instead.
#[derive(Debug, Parser)]
#[command(
    name = "interlace-sandbox",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: Args,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Forward every call to the real API unchanged, compare requests and
    /// answers with the contract, and write what differs to a drift report.
    Proxy(ProxyArgs),
    /// Print (or, with --write, apply to the contract file) the changes a
    /// drift report supports; contradictions are listed, never applied.
    ContractUpdate(UpdateArgs),
}

#[derive(Debug, clap::Args)]
struct UpdateArgs {
    /// A drift report written by `proxy --report`.
    report: PathBuf,
    /// The contract file to change.
    #[arg(long, default_value = "interlace-contract/interlace.openapi.json")]
    contract: PathBuf,
    /// Write the changes to the contract file instead of only printing them.
    #[arg(long)]
    write: bool,
    /// Accept a report whose upstream is a loopback address. Off by
    /// default: such an upstream is usually this emulator, whose answers
    /// are no evidence about Interlace.
    #[arg(long)]
    allow_loopback: bool,
}

#[derive(Debug, clap::Args)]
struct ProxyArgs {
    /// The real API: https://…, or http:// on a loopback address.
    #[arg(long)]
    upstream: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8081)]
    port: u16,
    /// Write the JSON drift report here (refreshed while running).
    #[arg(long)]
    report: Option<PathBuf>,
    /// Write a JUnit XML file here (one test case per operation seen).
    #[arg(long)]
    junit: Option<PathBuf>,
    /// Also report request fields and parameters the contract does not list.
    #[arg(long)]
    strict: bool,
    /// Seconds the upstream gets per call before the client gets 502.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

#[derive(Debug, clap::Args)]
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
    let cli = Cli::parse();
    let done = match cli.command {
        Some(Command::Proxy(args)) => proxy(args).await,
        Some(Command::ContractUpdate(args)) => contract_update(args),
        None => run(cli.serve).await,
    };
    match done {
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

async fn proxy(args: ProxyArgs) -> Result<(), Box<dyn std::error::Error>> {
    let config = ProxyConfig {
        strict: args.strict,
        report: args.report,
        junit: args.junit,
        timeout: Duration::from_secs(args.timeout),
        ..ProxyConfig::new(args.upstream)
    };
    let proxy = Proxy::start(SocketAddr::new(args.host, args.port), config).await?;
    let stop = shutdown_signal()?;
    println!("listening on {}", proxy.url());
    println!("stop with Ctrl-C; the report is written on exit");
    stop.await;
    let summary = proxy.drift().summary();
    proxy.stop()?;
    print!("{summary}");
    Ok(())
}

fn contract_update(args: UpdateArgs) -> Result<(), Box<dyn std::error::Error>> {
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&args.report)?)?;
    let upstream = report["upstream"].as_str().unwrap_or_default();
    if !args.allow_loopback && interlace_sandbox::proxy::is_loopback_url(upstream) {
        return Err(format!(
            "the report's upstream `{upstream}` is a loopback address (the emulator?): \
             its answers are no evidence about Interlace; pass --allow-loopback if it is"
        )
        .into());
    }
    let text = std::fs::read_to_string(&args.contract)?;
    let mut contract: serde_json::Value = serde_json::from_str(&text)?;
    let update = interlace_sandbox::proxy::update::apply(&mut contract, &report);
    let verb = if args.write { "applied" } else { "would apply" };
    println!("{verb} {} change(s):", update.applied.len());
    for line in &update.applied {
        println!("  {line}");
    }
    println!("{} contradiction(s) to decide:", update.to_decide.len());
    for line in &update.to_decide {
        println!("  {line}");
    }
    if args.write && !update.applied.is_empty() {
        let problems = interlace_contract::Document::from_value(contract.clone())
            .map(|d| d.problems())
            .unwrap_or_else(|e| vec![e]);
        if !problems.is_empty() {
            return Err(format!("the updated contract would be unfit: {problems:?}").into());
        }
        let order: interlace_sandbox::proxy::ordered::Order = serde_json::from_str(&text)?;
        std::fs::write(
            &args.contract,
            interlace_sandbox::proxy::ordered::render(&contract, &order),
        )?;
        println!("wrote {}", args.contract.display());
    }
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
