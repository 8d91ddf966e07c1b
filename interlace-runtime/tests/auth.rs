//! The token lifecycle against a mock Interlace on 127.0.0.1.

mod support;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use interlace_runtime::{Error, ManualClock};
use support::*;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn mount_items(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(envelope(serde_json::json!({"id": "item-1"})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn first_call_authorizes_and_sends_the_token_header() {
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .and(header("x-access-token", issued_token(1).as_str()))
        .and(wiremock::matchers::query_param("filter", "a b&c"))
        .respond_with(envelope(serde_json::json!({"id": "item-1"})))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));

    let item = client
        .send(GetItem {
            filter: "a b&c".into(),
        })
        .await
        .unwrap();
    assert_eq!(item.id, "item-1");
    // The OAuth calls carry no token.
    for r in requests_to(&server, "/open-api/v3/oauth/access-token").await {
        assert!(r.headers.get("x-access-token").is_none());
    }
    // A second call reuses the token.
    client
        .send(GetItem {
            filter: "a b&c".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        count(&server, "GET", "/open-api/v3/oauth/authorize").await,
        1
    );
    assert_eq!(
        count(&server, "POST", "/open-api/v3/oauth/access-token").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_first_calls_acquire_one_token() {
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::from_millis(100)).await;
    mount_items(&server).await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));

    for r in get_concurrently(&client, 1000).await {
        r.unwrap();
    }
    assert_eq!(
        count(&server, "GET", "/open-api/v3/oauth/authorize").await,
        1
    );
    assert_eq!(
        count(&server, "POST", "/open-api/v3/oauth/access-token").await,
        1
    );
    assert_eq!(count(&server, "GET", "/test/items").await, 1000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_in_the_renewal_window_renew_once() {
    let server = MockServer::start().await;
    let oauth = mount_oauth(&server, 86_400, Duration::from_millis(100)).await;
    mount_items(&server).await;
    let clock = Arc::new(ManualClock::new());
    let client = client_for(&server.uri(), clock.clone());
    client
        .send(GetItem {
            filter: "first".into(),
        })
        .await
        .unwrap();

    // Inside the renewal margin (5 min by default) but not yet expired.
    clock.advance(Duration::from_secs(86_400 - 60));
    for r in get_concurrently(&client, 1000).await {
        r.unwrap();
    }
    // Calls that start after the renewal finished carry the new token.
    let mut renewed = false;
    for _ in 0..200 {
        client
            .send(GetItem {
                filter: "after".into(),
            })
            .await
            .unwrap();
        let last = requests_to(&server, "/test/items").await.pop().unwrap();
        if last.headers.get("x-access-token").unwrap() == issued_token(2).as_str() {
            renewed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(renewed, "the background renewal never completed");
    assert_eq!(
        count(&server, "POST", "/open-api/v3/oauth/refresh-token").await,
        1
    );
    assert_eq!(
        count(&server, "GET", "/open-api/v3/oauth/authorize").await,
        1
    );
    let refresh = &requests_to(&server, "/open-api/v3/oauth/refresh-token").await[0];
    let body: serde_json::Value = refresh.body_json().unwrap();
    assert_eq!(body["clientId"], CLIENT_ID);
    assert_eq!(body["refreshToken"], format!("refresh-{:0>58}", 1));
    // Every call carried the old token or the new one, nothing else.
    for r in requests_to(&server, "/test/items").await {
        let sent = r.headers.get("x-access-token").unwrap();
        assert!(sent == issued_token(1).as_str() || sent == issued_token(2).as_str());
    }
    assert_eq!(oauth.issued.load(Ordering::SeqCst), 2);
}

/// The renewal answers only after 30 s; the calls made meanwhile finish on
/// the current token, so none of them waited for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_during_a_slow_renewal_do_not_wait_for_it() {
    let server = MockServer::start().await;
    let oauth = mount_oauth(&server, 86_400, Duration::ZERO).await;
    mount_items(&server).await;
    let clock = Arc::new(ManualClock::new());
    let client = client_for(&server.uri(), clock.clone());
    client
        .send(GetItem {
            filter: "first".into(),
        })
        .await
        .unwrap();
    server.reset().await;
    mount_items(&server).await;
    let slow = mount_oauth(&server, 86_400, Duration::from_secs(30)).await;

    clock.advance(Duration::from_secs(86_400 - 60));
    for r in get_concurrently(&client, 100).await {
        r.unwrap();
    }
    // The renewal was sent once and has not been answered, yet every call is done.
    for _ in 0..200 {
        if count(&server, "POST", "/open-api/v3/oauth/refresh-token").await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        count(&server, "POST", "/open-api/v3/oauth/refresh-token").await,
        1
    );
    // Its answer is 30 s away, so the store still holds the first token, and
    // a call made now still carries it.
    client
        .send(GetItem {
            filter: "meanwhile".into(),
        })
        .await
        .unwrap();
    let _ = (slow, oauth);
    let items = requests_to(&server, "/test/items").await;
    assert_eq!(items.len(), 101);
    assert!(
        items
            .iter()
            .all(|r| r.headers.get("x-access-token").unwrap() == issued_token(1).as_str())
    );
}

/// Past `expires_at` the token is no good: the caller waits for a new one.
#[tokio::test]
async fn a_caller_with_an_expired_token_waits_for_the_new_one() {
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::from_millis(50)).await;
    mount_items(&server).await;
    let clock = Arc::new(ManualClock::new());
    let client = client_for(&server.uri(), clock.clone());
    client
        .send(GetItem {
            filter: "first".into(),
        })
        .await
        .unwrap();
    clock.advance(Duration::from_secs(86_400 + 1));
    client
        .send(GetItem {
            filter: "late".into(),
        })
        .await
        .unwrap();
    let last = requests_to(&server, "/test/items").await.pop().unwrap();
    assert_eq!(
        last.headers.get("x-access-token").unwrap(),
        issued_token(2).as_str()
    );
}

#[tokio::test]
async fn a_failed_refresh_falls_back_to_authorize() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/open-api/v3/oauth/refresh-token"))
        .respond_with(api_error("100401", "refresh token expired"))
        .with_priority(1)
        .mount(&server)
        .await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    mount_items(&server).await;
    let clock = Arc::new(ManualClock::new());
    let client = client_for(&server.uri(), clock.clone());
    client.send(GetItem { filter: "a".into() }).await.unwrap();
    clock.advance(Duration::from_secs(90_000));
    client.send(GetItem { filter: "b".into() }).await.unwrap();

    assert_eq!(
        count(&server, "POST", "/open-api/v3/oauth/refresh-token").await,
        1
    );
    assert_eq!(
        count(&server, "GET", "/open-api/v3/oauth/authorize").await,
        2
    );
    let last = requests_to(&server, "/test/items").await.pop().unwrap();
    assert_eq!(
        last.headers.get("x-access-token").unwrap(),
        issued_token(2).as_str()
    );
}

#[tokio::test]
async fn a_failed_acquisition_reaches_every_waiter_and_the_next_call_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/open-api/v3/oauth/authorize"))
        .respond_with(api_error("100001", "client unknown").set_delay(Duration::from_millis(100)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    mount_items(&server).await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));

    for r in get_concurrently(&client, 50).await {
        assert_eq!(auth_cause(&r.unwrap_err()).api_code(), Some("100001"));
    }
    assert_eq!(
        count(&server, "GET", "/open-api/v3/oauth/authorize").await,
        1
    );
    client
        .send(GetItem {
            filter: "again".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        count(&server, "GET", "/open-api/v3/oauth/authorize").await,
        2
    );
}

/// Answers 401 (or a token-error envelope) to the first token, success to any other.
fn rejects_first_token(rejection: ResponseTemplate) -> impl Fn(&Request) -> ResponseTemplate {
    move |req: &Request| {
        if req.headers.get("x-access-token").unwrap() == issued_token(1).as_str() {
            rejection.clone()
        } else {
            envelope(serde_json::json!({"id": "item-1"}))
        }
    }
}

#[tokio::test]
async fn a_401_mid_run_replays_once_with_a_new_token() {
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    Mock::given(method("POST"))
        .and(path("/test/payments"))
        .respond_with(rejects_first_token(
            ResponseTemplate::new(401).set_body_string("unauthorized"),
        ))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));

    client
        .send(CreatePayment {
            amount: "1.00".into(),
        })
        .await
        .unwrap();
    let sent = requests_to(&server, "/test/payments").await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[1].headers.get("x-access-token").unwrap(),
        issued_token(2).as_str()
    );
    assert_eq!(
        count(&server, "POST", "/open-api/v3/oauth/access-token").await,
        2
    );
}

#[tokio::test]
async fn a_configured_token_error_code_replays_once() {
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(rejects_first_token(api_error("990401", "token expired")))
        .mount(&server)
        .await;
    let config = config_for(&server.uri())
        .token_error_codes(["990401"])
        .build()
        .unwrap();
    let client = interlace_runtime::Client::new(config).unwrap();
    client.send(GetItem { filter: "a".into() }).await.unwrap();
    assert_eq!(count(&server, "GET", "/test/items").await, 2);
    assert_eq!(
        count(&server, "POST", "/open-api/v3/oauth/access-token").await,
        2
    );
}

#[tokio::test]
async fn a_numeric_token_error_code_matches_its_six_digit_form_both_ways() {
    // The wire sends the number 10787; the configuration names "010787".
    // And the other way round: the wire "010787", the configuration "10787".
    for (wire, configured) in [
        (serde_json::json!(10787), "010787"),
        (serde_json::json!("010787"), "10787"),
    ] {
        let server = MockServer::start().await;
        mount_oauth(&server, 86_400, Duration::ZERO).await;
        let answer = ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "code": wire, "message": "token expired", "data": null
        }));
        Mock::given(method("GET"))
            .and(path("/test/items"))
            .respond_with(rejects_first_token(answer))
            .mount(&server)
            .await;
        let config = config_for(&server.uri())
            .token_error_codes([configured])
            .build()
            .unwrap();
        let client = interlace_runtime::Client::new(config).unwrap();
        client.send(GetItem { filter: "a".into() }).await.unwrap();
        assert_eq!(
            count(&server, "POST", "/open-api/v3/oauth/access-token").await,
            2,
            "wire {wire}, configured {configured}: the token was not replaced"
        );
    }
}

#[tokio::test]
async fn a_token_rejected_twice_is_an_auth_error_without_a_loop() {
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let err = client
        .send(GetItem { filter: "a".into() })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert_eq!(count(&server, "GET", "/test/items").await, 2);
}

#[tokio::test]
async fn a_stale_rejection_does_not_drop_a_newer_token() {
    // Two calls hold token 1; both are rejected. Only one new token is needed.
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(rejects_first_token(ResponseTemplate::new(401)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/test/warm-up"))
        .respond_with(envelope(serde_json::Value::Null))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    // Get token 1 in place first.
    client.send(CreatePaymentOk).await.unwrap();
    let (a, b) = tokio::join!(
        client.send(GetItem { filter: "a".into() }),
        client.send(GetItem { filter: "b".into() })
    );
    a.unwrap();
    b.unwrap();
    assert_eq!(
        count(&server, "POST", "/open-api/v3/oauth/access-token").await,
        2
    );
}

/// A call that always succeeds, used to warm the token up.
#[derive(Debug, Clone)]
struct CreatePaymentOk;

impl interlace_runtime::Endpoint for CreatePaymentOk {
    type Response = interlace_runtime::NoContent;
    const META: &'static interlace_runtime::EndpointMeta = &interlace_runtime::EndpointMeta::new(
        "warm_up",
        interlace_runtime::HttpMethod::Get,
        "/test/warm-up",
    );
    fn write_request(&self, req: &mut interlace_runtime::RequestParts) {
        req.path("/test/warm-up");
    }
}

/// A store shared between clients, as a fleet would share a cache. It
/// answers only through the async methods, so the clients take the path
/// every custom store takes.
#[derive(Debug, Default)]
struct SharedStore {
    slot: std::sync::Mutex<Option<interlace_runtime::Token>>,
    gets: std::sync::atomic::AtomicUsize,
    /// The client ids of the scopes it was bound to; it serves only the first.
    bound: std::sync::Mutex<Vec<String>>,
}

#[async_trait::async_trait]
impl interlace_runtime::TokenStore for SharedStore {
    fn bind(
        &self,
        scope: &interlace_runtime::StoreScope,
    ) -> Result<(), interlace_runtime::BindError> {
        let mut bound = self.bound.lock().unwrap();
        bound.push(format!("{} {}", scope.base_url, scope.client_id));
        if bound.iter().all(|b| *b == bound[0]) {
            Ok(())
        } else {
            Err(interlace_runtime::BindError(format!(
                "bound to {}",
                bound[0]
            )))
        }
    }

    async fn get(&self) -> Option<interlace_runtime::Token> {
        self.gets.fetch_add(1, Ordering::SeqCst);
        self.slot.lock().unwrap().clone()
    }
    async fn put(&self, token: interlace_runtime::Token) {
        *self.slot.lock().unwrap() = Some(token);
    }
    async fn remove_if_current(&self, access_token: &interlace_runtime::secret::SecretString) {
        let mut slot = self.slot.lock().unwrap();
        if slot
            .as_ref()
            .is_some_and(|t| t.same_access_token(access_token))
        {
            *slot = None;
        }
    }
}

#[tokio::test]
async fn clients_sharing_a_custom_store_share_one_token() {
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    mount_items(&server).await;
    let store = Arc::new(SharedStore::default());
    let clock = Arc::new(ManualClock::new());
    let with_store = |clock: Arc<ManualClock>| {
        interlace_runtime::Client::builder(config_for(&server.uri()).build().unwrap())
            .clock(clock)
            .token_store(store.clone())
            .build()
            .unwrap()
    };
    let first = with_store(clock.clone());
    let second = with_store(clock);

    for client in [&first, &second, &first] {
        client.send(GetItem { filter: "f".into() }).await.unwrap();
    }
    assert_eq!(
        count(&server, "GET", "/open-api/v3/oauth/authorize").await,
        1,
        "the second client used the token the first one stored"
    );
    assert!(
        store.gets.load(Ordering::SeqCst) >= 3,
        "every call asked the custom store"
    );
    for r in requests_to(&server, "/test/items").await {
        assert_eq!(
            r.headers.get("x-access-token").unwrap(),
            issued_token(1).as_str()
        );
    }
}

/// The builder hands the store the client's scope, and a store that refuses
/// it fails the build, before any call.
#[tokio::test]
async fn a_store_is_bound_to_the_client_scope_and_may_refuse_another() {
    let server = MockServer::start().await;
    let store = Arc::new(SharedStore::default());
    let builder = |id: &str| {
        interlace_runtime::Client::builder(config_for(&server.uri()).client_id(id).build().unwrap())
            .token_store(store.clone())
            .build()
    };
    builder(CLIENT_ID).unwrap();
    builder(CLIENT_ID).unwrap();
    let err = builder("interlace-other").unwrap_err();
    assert!(
        matches!(&err, Error::Config(c) if c.field == "token_store"),
        "{err:?}"
    );
    let bound = store.bound.lock().unwrap().clone();
    assert_eq!(bound[0], format!("{}/ {CLIENT_ID}", server.uri()));
    assert!(server.received_requests().await.unwrap().is_empty());
}
