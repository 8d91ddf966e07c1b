//! Running replicas as separate OS processes and talking to them.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use interlace_sandbox::Sandbox;
use serde_json::Value;

pub const AUTHORIZE: (&str, &str) = ("GET", "/open-api/v3/oauth/authorize");
pub const ACCESS_TOKEN: (&str, &str) = ("POST", "/open-api/v3/oauth/access-token");
pub const REFRESH_TOKEN: (&str, &str) = ("POST", "/open-api/v3/oauth/refresh-token");

/// How many requests the emulator got for `(method, path)`.
pub fn count(sandbox: &Sandbox, (method, path): (&str, &str)) -> u64 {
    sandbox.request_count(method, path)
}

/// One JSON answer of a replica.
#[derive(Debug)]
pub struct Report {
    pub ok: u64,
    pub failed: u64,
    pub errors: Vec<String>,
    pub degraded: bool,
    pub outages: u64,
}

impl Report {
    fn parse(line: &str) -> Self {
        let v: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("replica printed `{line}`, not JSON: {e}"));
        Self {
            ok: v["ok"].as_u64().unwrap(),
            failed: v["failed"].as_u64().unwrap(),
            errors: v["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap().to_owned())
                .collect(),
            degraded: v["degraded"].as_bool().unwrap(),
            outages: v["outages"].as_u64().unwrap(),
        }
    }
}

/// A `fleet-replica` process.
pub struct Replica {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
}

impl Replica {
    pub fn spawn(sandbox: &Sandbox, redis: Option<&str>, extra: &[&str]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_fleet-replica"));
        command
            .args(["--api", sandbox.url()])
            .args(["--client-id", sandbox.client_id()])
            .args(["--client-secret", sandbox.client_secret()])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(url) = redis {
            command.args(["--redis", url]);
        }
        let mut child = command.spawn().expect("the fleet-replica binary runs");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let mut replica = Self {
            child,
            stdin,
            lines,
        };
        let first = replica.line(Duration::from_secs(30));
        assert_eq!(first, "ready", "replica did not start");
        replica
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send(&mut self, command: &str) {
        writeln!(self.stdin, "{command}").expect("replica reads its commands");
        self.stdin.flush().unwrap();
    }

    pub fn report(&mut self) -> Report {
        Report::parse(&self.line(Duration::from_secs(120)))
    }

    pub fn ask(&mut self, command: &str) -> Report {
        self.send(command);
        self.report()
    }

    /// SIGKILL: no clean-up runs, as when a machine dies.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn line(&mut self, wait: Duration) -> String {
        match self.lines.recv_timeout(wait) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => {
                panic!("replica {} said nothing in {wait:?}", self.pid())
            }
            Err(RecvTimeoutError::Disconnected) => panic!("replica {} exited", self.pid()),
        }
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "quit");
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.kill();
    }
}

/// Several replicas, started together and driven in step.
pub struct Fleet {
    pub replicas: Vec<Replica>,
}

impl Fleet {
    pub fn start(n: usize, sandbox: &Sandbox, redis: Option<&str>, extra: &[&str]) -> Self {
        let replicas = (0..n)
            .map(|_| Replica::spawn(sandbox, redis, extra))
            .collect();
        Self { replicas }
    }

    /// Sends `command` to every replica, so they run it at once.
    pub fn send_all(&mut self, command: &str) {
        for r in &mut self.replicas {
            r.send(command);
        }
    }

    /// The next answer of every replica.
    pub fn reports(&mut self) -> Vec<Report> {
        self.replicas.iter_mut().map(Replica::report).collect()
    }

    /// [`send_all`](Self::send_all), then [`reports`](Self::reports).
    pub fn all(&mut self, command: &str) -> Vec<Report> {
        self.send_all(command);
        self.reports()
    }
}

/// Asserts every call of every report succeeded and returns how many there were.
pub fn all_succeeded(reports: &[Report]) -> u64 {
    for (i, r) in reports.iter().enumerate() {
        assert_eq!(r.failed, 0, "replica {i} had failures: {:?}", r.errors);
    }
    reports.iter().map(|r| r.ok).sum()
}

/// Polls `condition` every 20 ms for up to `wait`.
pub fn eventually(wait: Duration, what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + wait;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The Redis key the replicas keep the emulator's token under.
pub fn token_key(redis: &interlace_redis::testing::RedisServer, sandbox: &Sandbox) -> String {
    let store = interlace_redis::RedisTokenStore::builder(redis.url())
        .build()
        .unwrap();
    interlace::auth::TokenStore::bind(
        &store,
        &interlace::auth::StoreScope::new(
            sandbox.url(),
            sandbox.client_id(),
            sandbox.client_secret(),
        ),
    )
    .unwrap();
    store.key().unwrap().to_owned()
}

/// A runtime for the emulator; the test thread itself blocks on replicas.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}
