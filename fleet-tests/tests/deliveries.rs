//! The Redis webhook delivery log against a real redis-server.

use std::time::Duration;

use interlace::webhooks::{Claim, DeliveryLog};
use interlace_redis::RedisDeliveryLog;
use interlace_redis::testing::RedisServer;

#[tokio::test]
async fn replicas_sharing_the_log_handle_a_delivery_once() {
    let redis = RedisServer::start().unwrap();
    let (a, b) = (
        RedisDeliveryLog::new(&redis.url()).unwrap(),
        RedisDeliveryLog::new(&redis.url()).unwrap(),
    );
    assert_eq!(a.claim("id:1").await.unwrap(), Claim::New);
    assert_eq!(b.claim("id:1").await.unwrap(), Claim::InProgress);
    a.complete("id:1").await.unwrap();
    assert_eq!(b.claim("id:1").await.unwrap(), Claim::Done);
    // Releasing a handled delivery does not forget it.
    b.release("id:1").await;
    assert_eq!(a.claim("id:1").await.unwrap(), Claim::Done);
    let ttl = redis.command("PTTL interlace:webhook:id:1").unwrap();
    let ttl: i64 = ttl.trim_start_matches(':').trim().parse().unwrap();
    assert!(ttl > 23 * 3600 * 1000, "kept a day: {ttl}");
}

#[tokio::test]
async fn a_failed_handler_releases_and_a_dead_one_lapses() {
    let redis = RedisServer::start().unwrap();
    let log = RedisDeliveryLog::new(&redis.url())
        .unwrap()
        .claim_ttl(Duration::from_millis(200));
    assert_eq!(log.claim("id:2").await.unwrap(), Claim::New);
    log.release("id:2").await;
    assert_eq!(log.claim("id:2").await.unwrap(), Claim::New);
    // Never completed nor released: the claim lapses.
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(log.claim("id:2").await.unwrap(), Claim::New);
}

#[tokio::test]
async fn an_unavailable_redis_is_an_error_not_a_new_delivery() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let log = RedisDeliveryLog::new(&format!("redis://127.0.0.1:{port}/")).unwrap();
    let err = tokio::time::timeout(Duration::from_secs(10), log.claim("id:3"))
        .await
        .expect("the claim times out on its own")
        .unwrap_err();
    assert!(err.to_string().contains("unavailable"), "{err}");
}
