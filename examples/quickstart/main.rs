//! The quickstart: the card-issuing flow end to end.
//!
//! With no configuration it starts the Interlace emulator in-process and runs
//! against it. With `INTERLACE_CLIENT_ID` set it runs against
//! `INTERLACE_BASE_URL` (or the host of `INTERLACE_ENV`) with
//! `INTERLACE_CLIENT_SECRET`, and starts no emulator. `INTERLACE_ACCOUNT_ID`
//! picks the account; `RUST_LOG` sets the log level. Tokens and the secret
//! are never printed, at any level.

mod flow;

use std::process::ExitCode;

use interlace::types::AccountId;
use interlace::{Client, Config, Environment};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("quickstart failed: {error}");
            let mut source = std::error::Error::source(&*error);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let account = std::env::var("INTERLACE_ACCOUNT_ID")
        .ok()
        .filter(|v| !v.is_empty())
        .map(AccountId::new);
    let live = std::env::var("INTERLACE_CLIENT_ID").is_ok_and(|v| !v.is_empty());
    // Keeps the emulator alive for the whole flow when it is used.
    let (client, _sandbox) = if live {
        let config = Config::from_env()?;
        println!("Interlace quickstart against {}", config.base_url());
        (Client::new(config)?, None)
    } else {
        let sandbox = interlace_sandbox::Sandbox::start().await?;
        println!(
            "Interlace quickstart against the embedded emulator at {}",
            sandbox.url()
        );
        println!("(set INTERLACE_CLIENT_ID and INTERLACE_CLIENT_SECRET to run against Interlace)");
        let config = Config::builder()
            .client_id(sandbox.client_id())
            .client_secret(sandbox.client_secret())
            .environment(Environment::Custom)
            .base_url(sandbox.url())
            .build()?;
        (Client::new(config)?, Some(sandbox))
    };
    println!();
    let mut out = std::io::stdout();
    let outcome = flow::run(&client, account, &mut out).await?;
    println!();
    println!(
        "Done: card {} holds {} {}.",
        outcome.card.id, outcome.summary.balance.available, outcome.summary.balance.currency
    );
    Ok(())
}
