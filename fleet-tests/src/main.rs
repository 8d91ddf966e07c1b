//! One replica of a fleet: a client, with or without the Redis token store,
//! driven by commands on stdin so a test can run eight of them in step.
//!
//! ```text
//! fleet-replica --api URL --client-id ID --client-secret S [--redis URL]
//!               [--lease-ttl-ms N] [--retry-ms N] [--refresh-margin-ms N]
//! ```
//!
//! It prints `ready`, then answers each command with one JSON line:
//! - `burst N`: N calls at once;
//! - `run MS N`: N callers calling in a loop for MS milliseconds;
//! - `status`: whether the store is degraded;
//! - `quit`.
//!
//! Each answer has `ok`, `failed`, the first few `errors`, `degraded` and
//! `outages`.

use std::io::BufRead;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use interlace::accounts::ListAccounts;
use interlace::{Client, Config, Environment};
use interlace_redis::RedisTokenStore;
use serde_json::json;

struct Args {
    api: String,
    client_id: String,
    client_secret: String,
    redis: Option<String>,
    lease_ttl: Duration,
    retry: Duration,
    refresh_margin: Duration,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        api: String::new(),
        client_id: String::new(),
        client_secret: String::new(),
        redis: None,
        lease_ttl: Duration::from_secs(5),
        retry: Duration::from_secs(1),
        refresh_margin: Duration::from_secs(300),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let ms = || {
            value
                .parse::<u64>()
                .map(Duration::from_millis)
                .map_err(|e| format!("{flag}: {e}"))
        };
        match flag.as_str() {
            "--api" => args.api = value.clone(),
            "--client-id" => args.client_id = value.clone(),
            "--client-secret" => args.client_secret = value.clone(),
            "--redis" => args.redis = Some(value.clone()),
            "--lease-ttl-ms" => args.lease_ttl = ms()?,
            "--retry-ms" => args.retry = ms()?,
            "--refresh-margin-ms" => args.refresh_margin = ms()?,
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fleet-replica: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let config = Config::builder()
        .client_id(&args.client_id)
        .client_secret(&args.client_secret)
        .environment(Environment::Custom)
        .base_url(&args.api)
        .renew_margin(args.refresh_margin)
        .renew_jitter(Duration::ZERO);
    let store = match &args.redis {
        Some(url) => {
            let store = RedisTokenStore::builder(url)
                .lease_ttl(args.lease_ttl)
                .retry_interval(args.retry)
                .operation_timeout(Duration::from_millis(500))
                .build()?;
            Some(store)
        }
        None => None,
    };
    let mut client = Client::builder(config.build()?);
    if let Some(store) = &store {
        client = client.token_store(Arc::new(store.clone()));
    }
    let client = client.build()?;
    println!("ready");

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    while let Some(line) = rx.recv().await {
        let words: Vec<&str> = line.split_whitespace().collect();
        let report = match words.as_slice() {
            ["burst", n] => calls(&client, n.parse()?, None).await,
            ["run", ms, n] => {
                let until = Instant::now() + Duration::from_millis(ms.parse()?);
                calls(&client, n.parse()?, Some(until)).await
            }
            ["status"] => Tally::default(),
            ["quit"] | [] => return Ok(()),
            _ => return Err(format!("unknown command `{line}`").into()),
        };
        let answer = json!({
            "ok": report.ok,
            "failed": report.failed,
            "errors": report.errors,
            "degraded": store.as_ref().is_some_and(|s| s.is_degraded()),
            "outages": store.as_ref().map_or(0, |s| s.outages()),
        });
        println!("{answer}");
    }
    Ok(())
}

#[derive(Default)]
struct Tally {
    ok: u64,
    failed: u64,
    errors: Vec<String>,
}

/// `callers` concurrent callers, each calling once, or in a loop until `until`.
async fn calls(client: &Client, callers: usize, until: Option<Instant>) -> Tally {
    let one_caller = |client: Client| async move {
        let mut tally = Tally::default();
        loop {
            match client.send(ListAccounts::new()).await {
                Ok(_) => tally.ok += 1,
                Err(e) => {
                    tally.failed += 1;
                    if tally.errors.len() < 3 {
                        tally.errors.push(e.to_string());
                    }
                }
            }
            match until {
                Some(t) if Instant::now() < t => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                _ => return tally,
            }
        }
    };
    let all = futures_util::future::join_all(
        (0..callers).map(|_| tokio::spawn(one_caller(client.clone()))),
    )
    .await;
    let mut total = Tally::default();
    for t in all {
        match t {
            Ok(t) => {
                total.ok += t.ok;
                total.failed += t.failed;
                total.errors.extend(t.errors.into_iter().take(3));
            }
            Err(e) => {
                total.failed += 1;
                total.errors.push(format!("caller panicked: {e}"));
            }
        }
    }
    total.errors.truncate(5);
    total
}
