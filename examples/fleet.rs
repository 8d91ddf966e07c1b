//! A fleet of processes sharing one token through Redis.
//!
//! ```text
//! cargo run --example fleet [-- --replicas 6 --calls 100]
//! ```
//!
//! It starts the emulator in-process, then runs the fleet twice: each
//! replica is this program started again as a separate OS process, firing
//! its calls at once. The first run keeps tokens in each process, the second
//! shares them through Redis. It prints how many token requests each run
//! made. Redis is `REDIS_URL` when set, otherwise a throwaway `redis-server`
//! from `PATH` on a free port.
//!
//! Replicas get the credentials through the `INTERLACE_*` variables, as a
//! deployed service would, never on the command line.

use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;

use interlace::accounts::ListAccounts;
use interlace::config::env_vars;
use interlace::{Client, Config};
use interlace_redis::RedisTokenStore;
use interlace_redis::testing::RedisServer;
use interlace_sandbox::Sandbox;

const REDIS_URL: &str = "FLEET_REDIS_URL";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("--replica") {
        replica(&args[1..]).await
    } else {
        fleet(&args).await
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fleet: {e}");
            ExitCode::FAILURE
        }
    }
}

fn flag(args: &[String], name: &str, default: usize) -> Result<usize, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(default),
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{name} takes a positive number")),
    }
}

async fn fleet(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let replicas = flag(args, "--replicas", 6)?;
    let calls = flag(args, "--calls", 100)?;
    let sandbox = Sandbox::start().await?;
    // Kept alive until the end when this program started it.
    let (redis_url, _redis) = match std::env::var("REDIS_URL") {
        Ok(url) => (url, None),
        Err(_) => {
            let server = RedisServer::start()
                .map_err(|e| format!("{e}\n(or set REDIS_URL to a Redis you run)"))?;
            (server.url(), Some(server))
        }
    };
    println!("emulator at {}, Redis at {redis_url}", sandbox.url());
    println!("{replicas} replicas, {calls} concurrent calls each\n");

    for (label, redis) in [
        ("each process on its own", None),
        ("sharing one token through Redis", Some(redis_url.as_str())),
    ] {
        let before = token_requests(&sandbox);
        let (ok, failed) = run_fleet(&sandbox, redis, replicas, calls)?;
        println!(
            "{label:<34} token requests: {:>2}   calls ok: {ok}, failed: {failed}",
            token_requests(&sandbox) - before
        );
    }
    Ok(())
}

/// Requests to the three OAuth calls (authorize, access-token, refresh-token).
fn token_requests(sandbox: &Sandbox) -> u64 {
    sandbox.request_count("GET", "/open-api/v3/oauth/authorize")
        + sandbox.request_count("POST", "/open-api/v3/oauth/access-token")
        + sandbox.request_count("POST", "/open-api/v3/oauth/refresh-token")
}

fn run_fleet(
    sandbox: &Sandbox,
    redis: Option<&str>,
    replicas: usize,
    calls: usize,
) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let exe = std::env::current_exe()?;
    let children = (0..replicas)
        .map(|_| {
            let mut command = Command::new(&exe);
            command
                .args(["--replica", "--calls", &calls.to_string()])
                .env(env_vars::CLIENT_ID, sandbox.client_id())
                .env(env_vars::CLIENT_SECRET, sandbox.client_secret())
                .env(env_vars::ENV, "custom")
                .env(env_vars::BASE_URL, sandbox.url())
                .env_remove(REDIS_URL)
                .stdout(Stdio::piped());
            if let Some(url) = redis {
                command.env(REDIS_URL, url);
            }
            command.spawn()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let (mut ok, mut failed) = (0, 0);
    for child in children {
        let out = child.wait_with_output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut numbers = text
            .split_whitespace()
            .filter_map(|w| w.parse::<u64>().ok());
        match (out.status.success(), numbers.next(), numbers.next()) {
            (true, Some(o), Some(f)) => {
                ok += o;
                failed += f;
            }
            _ => return Err(format!("a replica failed ({}): {text}", out.status).into()),
        }
    }
    Ok((ok, failed))
}

async fn replica(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let calls = flag(args, "--calls", 100)?;
    let config = Config::builder_from_lookup(|k| std::env::var(k).ok())?.build()?;
    let mut builder = Client::builder(config);
    if let Ok(url) = std::env::var(REDIS_URL) {
        // The client binds the store to its own id, secret and base URL.
        builder = builder.token_store(Arc::new(RedisTokenStore::builder(url).build()?));
    }
    let client = builder.build()?;
    let results =
        futures_util::future::join_all((0..calls).map(|_| client.send(ListAccounts::new()))).await;
    let ok = results.iter().filter(|r| r.is_ok()).count();
    if let Some(Err(e)) = results.iter().find(|r| r.is_err()) {
        eprintln!("replica {}: {e}", std::process::id());
    }
    println!("{ok} {}", calls - ok);
    Ok(())
}
