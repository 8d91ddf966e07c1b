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

/// Two receivers, standing for two replicas behind one URL, sharing Redis:
/// a delivery and its retry reach different replicas.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_reaching_another_replica_is_not_handled_again() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use interlace::webhooks::Delivery;
    use interlace::webhooks::WebhookVerifier;
    use interlace::webhooks::axum::WebhookReceiver;

    let redis = RedisServer::start().unwrap();
    let handled = Arc::new(AtomicUsize::new(0));
    let mut urls = Vec::new();
    for _ in 0..2 {
        let handled = handled.clone();
        let on_event = move |_: Delivery| {
            let handled = handled.clone();
            async move {
                // Long enough for the copy to arrive while it runs.
                tokio::time::sleep(Duration::from_secs(1)).await;
                handled.fetch_add(1, Ordering::SeqCst);
                Ok::<(), String>(())
            }
        };
        let receiver = WebhookReceiver::new(WebhookVerifier::new("secret"), on_event)
            .delivery_log(RedisDeliveryLog::new(&redis.url()).unwrap());
        let app = axum::Router::new().route("/hooks", receiver.into_route());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        urls.push(format!("http://{}/hooks", listener.local_addr().unwrap()));
        tokio::spawn(async move { axum::serve(listener, app).await });
    }
    let resource = r#"{"cardId":"c1","status":"ACTIVE"}"#;
    let body = serde_json::json!({
        "id": "d-42", "eventType": "CARD.UPDATED", "resource": resource,
        "createTime": "1756879969964"
    })
    .to_string();
    let signature = WebhookVerifier::new("secret").sign(resource);
    let post = |url: String| {
        let (body, signature) = (body.clone(), signature.clone());
        async move {
            reqwest::Client::new()
                .post(url)
                .header("Signature", signature)
                .header(
                    "Timestamp",
                    interlace::webhooks::timestamp_header(std::time::SystemTime::now()),
                )
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };

    // At once to both replicas: one handles it, the other says "later".
    let (a, b) = tokio::join!(post(urls[0].clone()), post(urls[1].clone()));
    let mut statuses = [a, b];
    statuses.sort();
    assert_eq!(statuses, [200, 503]);
    // The retry, to either replica, is acknowledged without running again.
    assert_eq!(post(urls[1].clone()).await, 200);
    assert_eq!(post(urls[0].clone()).await, 200);
    assert_eq!(handled.load(Ordering::SeqCst), 1);
}
