//! Eight OS processes, one Redis, one emulator: the fleet shares one token.
//!
//! Every test starts its own `redis-server` and emulator on 127.0.0.1; the
//! replicas are the `fleet-replica` binary of this crate. A missing
//! `redis-server` fails the test (`.ci/run` installs it).

mod support;

use std::time::Duration;

use interlace_redis::testing::RedisServer;
use interlace_sandbox::{Fault, Sandbox, SandboxConfig};
use support::*;

const REPLICAS: usize = 8;

fn sandbox_with_lifetime(rt: &tokio::runtime::Runtime, lifetime: Duration) -> Sandbox {
    rt.block_on(Sandbox::start_with(SandboxConfig {
        token_lifetime: lifetime,
        ..SandboxConfig::default()
    }))
    .unwrap()
}

#[test]
fn eight_processes_with_250_cold_calls_each_make_one_token_request() {
    let rt = runtime();
    let sandbox = rt.block_on(Sandbox::start()).unwrap();
    let redis = RedisServer::start().unwrap();
    let mut fleet = Fleet::start(REPLICAS, &sandbox, Some(&redis.url()), &[]);

    let reports = fleet.all("burst 250");

    assert_eq!(all_succeeded(&reports), 2_000);
    assert_eq!(count(&sandbox, AUTHORIZE), 1, "one authorize for the fleet");
    assert_eq!(
        count(&sandbox, ACCESS_TOKEN),
        1,
        "one access-token call for the fleet"
    );
    assert!(reports.iter().all(|r| !r.degraded && r.outages == 0));
    // What Redis holds is sealed: the token the emulator issued is not in it.
    let key = token_key(&redis, &sandbox);
    let stored = redis.command(&format!("HGET {key} token")).unwrap();
    assert!(
        stored.starts_with('$') && stored.len() > 100,
        "a sealed token is stored: {stored}"
    );
    let issued = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/accounts"))
        .find_map(|r| r.header("x-access-token").map(str::to_owned))
        .unwrap();
    assert!(!stored.contains(&issued));
}

#[test]
fn without_the_store_each_process_gets_its_own_token() {
    let rt = runtime();
    let sandbox = rt.block_on(Sandbox::start()).unwrap();
    let mut fleet = Fleet::start(REPLICAS, &sandbox, None, &[]);

    let reports = fleet.all("burst 250");

    assert_eq!(all_succeeded(&reports), 2_000);
    assert_eq!(count(&sandbox, AUTHORIZE), REPLICAS as u64);
}

#[test]
fn the_fleet_renews_once_and_no_call_waits_or_fails() {
    let rt = runtime();
    // Renewal starts 3 s into a 4 s token; the calls run 4.5 s, past the
    // first token's expiry and short of the second one's renewal (at ~6 s).
    let sandbox = sandbox_with_lifetime(&rt, Duration::from_secs(4));
    let redis = RedisServer::start().unwrap();
    let mut fleet = Fleet::start(
        REPLICAS,
        &sandbox,
        Some(&redis.url()),
        &["--refresh-margin-ms", "1000"],
    );
    all_succeeded(&fleet.all("burst 20"));
    assert_eq!(count(&sandbox, AUTHORIZE), 1);

    let reports = fleet.all("run 4500 4");

    assert!(all_succeeded(&reports) > 0);
    assert_eq!(
        count(&sandbox, REFRESH_TOKEN),
        1,
        "one renewal for the fleet"
    );
    assert_eq!(count(&sandbox, AUTHORIZE), 1);
}

#[test]
fn a_lease_holder_killed_mid_renewal_is_replaced_and_no_call_fails() {
    let rt = runtime();
    let sandbox = sandbox_with_lifetime(&rt, Duration::from_secs(8));
    let redis = RedisServer::start().unwrap();
    let mut fleet = Fleet::start(
        REPLICAS,
        &sandbox,
        Some(&redis.url()),
        &["--refresh-margin-ms", "5000", "--lease-ttl-ms", "600"],
    );
    all_succeeded(&fleet.all("burst 5"));
    // The first renewal hangs, so its process is caught holding the lease.
    sandbox.inject_for(
        "POST",
        REFRESH_TOKEN.1,
        Fault::Delay(Duration::from_secs(60)),
        1,
    );
    fleet.send_all("run 6000 2");

    eventually(Duration::from_secs(10), "the first renewal", || {
        count(&sandbox, REFRESH_TOKEN) >= 1
    });
    let key = token_key(&redis, &sandbox);
    let lease = redis.command(&format!("GET {key}:lease")).unwrap();
    // `$<len>\r\n<pid>:<uuid>\r\n`
    let holder: u32 = lease
        .lines()
        .nth(1)
        .and_then(|v| v.split(':').next())
        .and_then(|pid| pid.parse().ok())
        .unwrap_or_else(|| panic!("the lease names its holder: {lease:?}"));
    let index = fleet
        .replicas
        .iter()
        .position(|r| r.pid() == holder)
        .expect("the lease holder is one of the replicas");
    let mut killed = fleet.replicas.remove(index);
    killed.kill();

    let reports = fleet.reports();
    assert!(all_succeeded(&reports) > 0);
    assert_eq!(
        count(&sandbox, REFRESH_TOKEN),
        2,
        "the killed holder's renewal and one replacement"
    );
    assert_eq!(count(&sandbox, AUTHORIZE), 1);
}

#[test]
fn calls_go_on_while_redis_is_down_and_share_again_once_it_is_back() {
    let rt = runtime();
    let sandbox = rt.block_on(Sandbox::start()).unwrap();
    let mut redis = RedisServer::start().unwrap();
    let port = redis.port();
    let mut fleet = Fleet::start(
        REPLICAS,
        &sandbox,
        Some(&redis.url()),
        &["--retry-ms", "200"],
    );
    all_succeeded(&fleet.all("burst 20"));
    assert_eq!(count(&sandbox, AUTHORIZE), 1);

    // While the replicas call, Redis dies and the shared token is revoked:
    // every replica needs a new token with no Redis to coordinate through.
    fleet.send_all("run 2500 3");
    std::thread::sleep(Duration::from_millis(700));
    redis.stop();
    sandbox.revoke_all_tokens();
    let reports = fleet.reports();
    assert!(all_succeeded(&reports) > 0);
    assert!(
        reports.iter().all(|r| r.degraded && r.outages == 1),
        "{reports:?}"
    );
    assert_eq!(
        count(&sandbox, AUTHORIZE),
        1 + REPLICAS as u64,
        "degraded, each process gets its own token, once"
    );

    let redis = RedisServer::start_on(port).unwrap();
    eventually(
        Duration::from_secs(15),
        "every replica to reconnect",
        || fleet.all("status").iter().all(|r| !r.degraded),
    );
    sandbox.revoke_all_tokens();
    let before = count(&sandbox, AUTHORIZE);
    all_succeeded(&fleet.all("burst 20"));
    assert_eq!(
        count(&sandbox, AUTHORIZE),
        before + 1,
        "shared again: one for the fleet"
    );
    drop(redis);
}

#[test]
fn a_401_makes_one_replacement_for_the_fleet_not_one_per_replica() {
    let rt = runtime();
    let sandbox = rt.block_on(Sandbox::start()).unwrap();
    let redis = RedisServer::start().unwrap();
    let mut fleet = Fleet::start(REPLICAS, &sandbox, Some(&redis.url()), &[]);
    all_succeeded(&fleet.all("burst 10"));
    assert_eq!(count(&sandbox, AUTHORIZE), 1);

    // One replica's call revokes the shared token: it gets the 401.
    sandbox.inject_for("GET", "/open-api/v3/accounts", Fault::RevokeToken, 1);
    let first = fleet.replicas[0].ask("burst 1");
    assert_eq!((first.ok, first.failed), (1, 0), "{:?}", first.errors);
    assert_eq!(count(&sandbox, AUTHORIZE), 2);
    // The others still hold the revoked token; each gets a 401 and picks up
    // the replacement instead of making its own.
    all_succeeded(&fleet.all("burst 10"));
    assert_eq!(count(&sandbox, AUTHORIZE), 2);

    // All at once: every replica's next call is rejected together.
    sandbox.revoke_all_tokens();
    all_succeeded(&fleet.all("burst 25"));
    assert_eq!(count(&sandbox, AUTHORIZE), 3);
    assert_eq!(count(&sandbox, ACCESS_TOKEN), 3);
}
