//! The Redis token store in one process: what it keeps in Redis, the lease,
//! and what happens when Redis does not answer.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use interlace::accounts::ListAccounts;
use interlace::auth::{Acquisition, StoreScope, Token, TokenStore};
use interlace::secret::SecretString;
use interlace::{Client, Config, Environment};
use interlace_redis::RedisTokenStore;
use interlace_redis::testing::RedisServer;
use interlace_sandbox::Sandbox;

const SECRET: &str = "the client secret";

fn store(redis_url: &str, secret: &str) -> RedisTokenStore {
    let store = RedisTokenStore::builder(redis_url)
        .lease_ttl(Duration::from_millis(300))
        .poll_interval(Duration::from_millis(10))
        .operation_timeout(Duration::from_millis(300))
        .retry_interval(Duration::from_millis(100))
        .build()
        .unwrap();
    store
        .bind(&StoreScope::new("http://127.0.0.1:1", "client-1", secret))
        .unwrap();
    store
}

fn token(value: &str) -> Token {
    Token::new(
        SecretString::from(value.to_owned()),
        Some(SecretString::from(format!("refresh-{value}"))),
        SystemTime::now(),
        Duration::from_secs(3600),
        Duration::from_secs(300),
    )
}

fn client(sandbox: &Sandbox, store: &RedisTokenStore) -> Client {
    let config = Config::builder()
        .client_id(sandbox.client_id())
        .client_secret(sandbox.client_secret())
        .environment(Environment::Custom)
        .base_url(sandbox.url())
        .build()
        .unwrap();
    Client::builder(config)
        .token_store(Arc::new(store.clone()))
        .build()
        .unwrap()
}

fn sandbox_store(sandbox: &Sandbox, redis_url: &str, timeout: Duration) -> RedisTokenStore {
    let store = RedisTokenStore::builder(redis_url)
        .operation_timeout(timeout)
        .retry_interval(Duration::from_millis(100))
        .build()
        .unwrap();
    // Bound here so that its key is known before a client uses it; the
    // client binds it again to the same scope.
    store
        .bind(&StoreScope::new(
            sandbox.url(),
            sandbox.client_id(),
            sandbox.client_secret(),
        ))
        .unwrap();
    store
}

#[tokio::test]
async fn redis_holds_a_sealed_token_that_only_the_same_secret_opens() {
    let redis = RedisServer::start().unwrap();
    let a = store(&redis.url(), SECRET);
    a.put(token("tok-7f3a9c2e")).await;

    let raw = redis
        .command(&format!("HGET {} token", a.key().unwrap()))
        .unwrap();
    assert!(raw.len() > 60, "{raw}");
    assert!(!raw.contains("tok-7f3a9c2e") && !raw.contains("refresh-"));
    let ttl = redis
        .command(&format!("PTTL {}", a.key().unwrap()))
        .unwrap();
    let ttl: i64 = ttl.trim_start_matches(':').trim().parse().unwrap();
    assert!(
        ttl > 3_500_000 && ttl <= 3_600_000,
        "expires with the token: {ttl}"
    );

    // Another process with the same secret reads it; one with another does not.
    let same = store(&redis.url(), SECRET).get().await.unwrap();
    assert!(same.same_access_token(&SecretString::from("tok-7f3a9c2e")));
    assert!(store(&redis.url(), "another secret").get().await.is_none());
}

#[tokio::test]
async fn a_rejected_token_is_removed_only_while_it_is_still_the_current_one() {
    let redis = RedisServer::start().unwrap();
    let (a, b) = (store(&redis.url(), SECRET), store(&redis.url(), SECRET));
    a.put(token("old")).await;
    b.put(token("new")).await;

    a.remove_if_current(&SecretString::from("old")).await;
    let current = store(&redis.url(), SECRET).get().await.unwrap();
    assert!(current.same_access_token(&SecretString::from("new")));

    b.remove_if_current(&SecretString::from("new")).await;
    assert!(store(&redis.url(), SECRET).get().await.is_none());
}

#[tokio::test]
async fn a_waiting_process_gets_the_token_the_lease_holder_stores() {
    let redis = RedisServer::start().unwrap();
    let (holder, waiter) = (store(&redis.url(), SECRET), store(&redis.url(), SECRET));
    let Acquisition::Proceed(lease) = holder.begin_acquisition(None).await else {
        panic!("the first process gets the lease");
    };
    assert!(lease.id().is_some());

    let waiting = tokio::spawn(async move { waiter.begin_acquisition(None).await });
    // Well past the lease TTL: the holder keeps its lease alive.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(
        !waiting.is_finished(),
        "the waiter waits while the holder works"
    );
    holder.put(token("from-the-holder")).await;
    holder.finish_acquisition(lease).await;

    match waiting.await.unwrap() {
        Acquisition::Stored(t) => {
            assert!(t.same_access_token(&SecretString::from("from-the-holder")))
        }
        other => panic!("expected the stored token, got {other:?}"),
    }
    let lease_left = redis
        .command(&format!("EXISTS {}:lease", holder.key().unwrap()))
        .unwrap();
    assert_eq!(lease_left.trim(), ":0", "the holder let the lease go");
}

#[tokio::test]
async fn a_lease_dropped_without_a_token_expires_and_the_next_process_proceeds() {
    let redis = RedisServer::start().unwrap();
    let (holder, next) = (store(&redis.url(), SECRET), store(&redis.url(), SECRET));
    let Acquisition::Proceed(lease) = holder.begin_acquisition(None).await else {
        panic!("the first process gets the lease");
    };
    let first = lease.id().unwrap().to_owned();
    assert!(first.starts_with(&format!("{}:", std::process::id())));
    // As when the acquisition is cancelled: the keep-alive stops with it.
    drop(lease);

    let outcome = tokio::time::timeout(Duration::from_secs(10), next.begin_acquisition(None))
        .await
        .expect("the lease expires");
    let Acquisition::Proceed(second) = outcome else {
        panic!("no token was stored, so the next process obtains one");
    };
    assert_ne!(second.id().unwrap(), first);
}

#[tokio::test]
async fn nothing_hangs_when_redis_accepts_connections_but_never_answers() {
    let sandbox = Sandbox::start().await.unwrap();
    // Accepts and reads, never writes.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let store = sandbox_store(
        &sandbox,
        &format!("redis://127.0.0.1:{port}/"),
        Duration::from_millis(200),
    );
    let client = client(&sandbox, &store);

    let calls = futures_util::future::join_all((0..20).map(|_| client.send(ListAccounts::new())));
    let results = tokio::time::timeout(Duration::from_secs(30), calls)
        .await
        .expect("calls finish although Redis never answers");
    assert!(results.iter().all(Result::is_ok));
    assert!(store.is_degraded());
    assert_eq!(store.outages(), 1);
    assert_eq!(
        sandbox.request_count("GET", "/open-api/v3/oauth/authorize"),
        1
    );
}

#[tokio::test]
async fn a_store_started_before_redis_works_alone_then_joins_when_redis_comes_up() {
    let sandbox = Sandbox::start().await.unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("redis://127.0.0.1:{port}/");
    let first = sandbox_store(&sandbox, &url, Duration::from_millis(300));
    let client_1 = client(&sandbox, &first);
    client_1.send(ListAccounts::new()).await.unwrap();
    assert!(first.is_degraded());

    let _redis = RedisServer::start_on(port).unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while first.is_degraded() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the store reconnects on its own"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The next acquisition goes through Redis, and another process uses it.
    sandbox.revoke_all_tokens();
    client_1.send(ListAccounts::new()).await.unwrap();
    assert_eq!(
        sandbox.request_count("GET", "/open-api/v3/oauth/authorize"),
        2
    );
    let second = sandbox_store(&sandbox, &url, Duration::from_millis(300));
    client(&sandbox, &second)
        .send(ListAccounts::new())
        .await
        .unwrap();
    assert_eq!(
        sandbox.request_count("GET", "/open-api/v3/oauth/authorize"),
        2
    );
    assert!(!second.is_degraded());
}

#[test]
fn debug_output_holds_no_secret_and_bad_settings_are_refused() {
    let store = RedisTokenStore::builder("redis://127.0.0.1:6379/")
        .build()
        .unwrap();
    assert_eq!(store.key(), None, "not bound yet");
    store
        .bind(&StoreScope::new(interlace::SANDBOX_URL, "client-1", SECRET))
        .unwrap();
    assert!(!format!("{store:?}").contains(SECRET));
    assert_eq!(
        store.key(),
        Some("interlace:token:api-sandbox.interlace.money:client-1")
    );
    // The same scope again is fine; another client id, base URL or secret
    // would split the fleet's token, and is refused.
    let same = StoreScope::new(interlace::SANDBOX_URL, "client-1", SECRET);
    store.bind(&same).unwrap();
    for other in [
        StoreScope::new(interlace::SANDBOX_URL, "client-2", SECRET),
        StoreScope::new("https://api.interlace.money", "client-1", SECRET),
        StoreScope::new(interlace::SANDBOX_URL, "client-1", "s3cond-secret-9f2a"),
    ] {
        let err = store.bind(&other).unwrap_err();
        assert!(err.to_string().contains("store of its own"), "{err}");
        assert!(!err.to_string().contains("s3cond-secret-9f2a"));
    }

    let err = RedisTokenStore::builder("redis://127.0.0.1:6379/")
        .lease_ttl(Duration::from_millis(10))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("lease_ttl"), "{err}");
    let err = RedisTokenStore::builder("not a url").build().unwrap_err();
    assert!(err.to_string().contains("Redis URL"), "{err}");
}
