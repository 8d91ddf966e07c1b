//! Retries, envelope errors, body limits and redirects against servers on 127.0.0.1.

mod support;

use std::sync::Arc;
use std::time::Duration;

use interlace_runtime::{DecodeErrorKind, Error, ManualClock, RetryPolicy};
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_with_oauth() -> MockServer {
    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    server
}

async fn fail_first(
    server: &MockServer,
    verb: &str,
    p: &str,
    times: u64,
    answer: ResponseTemplate,
) {
    Mock::given(method(verb))
        .and(path(p))
        .respond_with(answer)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_get_answered_503_then_200_is_retried() {
    let server = server_with_oauth().await;
    fail_first(&server, "GET", "/test/items", 1, ResponseTemplate::new(503)).await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(envelope(serde_json::json!({"id": "i"})))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    let client = client_for(&server.uri(), clock.clone());
    assert_eq!(
        client
            .send(GetItem { filter: "f".into() })
            .await
            .unwrap()
            .id,
        "i"
    );
    assert_eq!(count(&server, "GET", "/test/items").await, 2);
    assert_eq!(clock.sleeps().len(), 1, "one backoff wait");
}

#[tokio::test]
async fn a_post_without_a_key_answered_503_is_not_retried() {
    let server = server_with_oauth().await;
    Mock::given(method("POST"))
        .and(path("/test/payments"))
        .respond_with(
            ResponseTemplate::new(503).set_body_string("<html>Service Unavailable</html>"),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let err = client
        .send(CreatePayment {
            amount: "5.00".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
    assert!(
        matches!(&err, Error::Decode(d) if d.kind == DecodeErrorKind::NotJson),
        "{err:?}"
    );
    assert_eq!(count(&server, "POST", "/test/payments").await, 1);
}

#[tokio::test]
async fn a_post_with_a_key_is_retried_with_the_same_key() {
    let server = server_with_oauth().await;
    fail_first(
        &server,
        "POST",
        "/test/cards",
        2,
        ResponseTemplate::new(503),
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/test/cards"))
        .respond_with(envelope(serde_json::json!({"id": "card-1"})))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    client.send(CreateCard).await.unwrap();
    client.send(CreateCard).await.unwrap();
    let sent = requests_to(&server, "/test/cards").await;
    assert_eq!(sent.len(), 4);
    let keys: Vec<_> = sent
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys[0], keys[1]);
    assert_eq!(keys[1], keys[2]);
    assert_ne!(keys[2], keys[3], "a new call gets a new key");
    uuid::Uuid::parse_str(&keys[0]).unwrap();
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = server_with_oauth().await;
    fail_first(
        &server,
        "GET",
        "/test/items",
        1,
        ResponseTemplate::new(429).insert_header("Retry-After", "7"),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(envelope(serde_json::json!({"id": "i"})))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    let client = client_for(&server.uri(), clock.clone());
    client.send(GetItem { filter: "f".into() }).await.unwrap();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(7)]);
}

#[tokio::test]
async fn attempts_are_bounded() {
    let server = server_with_oauth().await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let policy = RetryPolicy {
        max_attempts: 3,
        ..RetryPolicy::default()
    };
    let client = build(config_for(&server.uri()).retry_policy(policy));
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(count(&server, "GET", "/test/items").await, 3);
}

#[tokio::test]
async fn a_timeout_is_a_typed_error_and_a_get_is_retried() {
    let server = server_with_oauth().await;
    fail_first(
        &server,
        "GET",
        "/test/items",
        1,
        envelope(serde_json::json!({"id": "slow"})).set_delay(Duration::from_secs(2)),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(envelope(serde_json::json!({"id": "fast"})))
        .mount(&server)
        .await;
    let client = build(config_for(&server.uri()).request_timeout(Duration::from_millis(300)));
    assert_eq!(
        client
            .send(GetItem { filter: "f".into() })
            .await
            .unwrap()
            .id,
        "fast"
    );

    let config = config_for(&server.uri())
        .request_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    fail_first(
        &server,
        "GET",
        "/test/items",
        1,
        envelope(serde_json::json!({"id": "slow"})).set_delay(Duration::from_secs(2)),
    )
    .await;
    let client = interlace_runtime::Client::new(config).unwrap();
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn a_connection_failure_is_a_transport_error() {
    // Bind and drop a listener to get a port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = build(
        config_for(&format!("http://127.0.0.1:{port}")).retry_policy(RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        }),
    );
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    // The token acquisition is the first call that fails to connect.
    assert!(matches!(auth_cause(&err), Error::Transport(_)), "{err:?}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn api_errors_carry_code_message_status_and_call_site() {
    let server = server_with_oauth().await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(api_error("010787", "No KYC information"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/test/cards"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_string(r#"{"code":10021,"message":"bad","data":null}"#),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (api.code.as_str(), api.message.as_str(), api.status),
        ("010787", "No KYC information", 200)
    );
    assert_eq!(api.site.endpoint, "get_item");
    assert_eq!(api.site.path, "/test/items");
    assert!(!err.is_retryable());
    assert!(err.to_string().contains("010787"), "{err}");

    let err = client.send(CreateCard).await.unwrap_err();
    // Sent as the number 10021: read as the six-digit code the reference writes.
    assert_eq!(err.api_code(), Some("010021"));
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn an_html_page_is_a_decode_error_with_a_bounded_excerpt() {
    let server = server_with_oauth().await;
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(50_000)
    );
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(ResponseTemplate::new(200).set_body_string(page))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.kind, DecodeErrorKind::NotJson);
    assert!(
        d.excerpt.starts_with("<html><head><title>502 Bad Gateway"),
        "{}",
        d.excerpt
    );
    assert!(d.excerpt.len() < 250, "{}", d.excerpt.len());
    assert!(err.to_string().len() < 600);
}

#[tokio::test]
async fn truncated_json_and_mismatched_data_are_decode_errors() {
    let server = server_with_oauth().await;
    fail_first(
        &server,
        "GET",
        "/test/items",
        1,
        ResponseTemplate::new(200).set_body_string(r#"{"code":"000000","data":{"id":"#),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(envelope(serde_json::json!({"id": 42})))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let kind = |e: Error| match e {
        Error::Decode(d) => d.kind,
        other => panic!("{other:?}"),
    };
    let first = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    assert_eq!(kind(first), DecodeErrorKind::Truncated);
    let second = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    assert_eq!(kind(second), DecodeErrorKind::DataMismatch);
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let server = server_with_oauth().await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(envelope(serde_json::json!({"id": "y".repeat(100_000)})))
        .mount(&server)
        .await;
    let client = build(config_for(&server.uri()).max_response_bytes(8 * 1024));
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.kind == DecodeErrorKind::TooLarge),
        "{err:?}"
    );
}

/// A server that answers every connection with a chunked body of `size` bytes and no length.
async fn chunked_server(size: usize) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 16 * 1024];
                let mut sent = 0;
                while sent < size {
                    let frame = format!("{:x}\r\n", chunk.len());
                    if socket.write_all(frame.as_bytes()).await.is_err()
                        || socket.write_all(&chunk).await.is_err()
                        || socket.write_all(b"\r\n").await.is_err()
                    {
                        return;
                    }
                    sent += chunk.len();
                }
                let _ = socket.write_all(b"0\r\n\r\n").await;
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn an_oversized_chunked_body_is_refused_while_reading() {
    let uri = chunked_server(64 * 1024 * 1024).await;
    let client = build(config_for(&uri).max_response_bytes(64 * 1024));
    // The authorize call is the first to read the endless body.
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    assert!(
        matches!(auth_cause(&err), Error::Decode(d) if d.kind == DecodeErrorKind::TooLarge),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_redirect_to_another_host_never_receives_the_token() {
    let other = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(envelope(serde_json::json!({"id": "stolen"})))
        .mount(&other)
        .await;
    let server = server_with_oauth().await;
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/collect?x=1", other.uri()).as_str()),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    let Error::Redirect(r) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(r.status, 302);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{}/collect", other.uri()).as_str())
    );
    assert!(other.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn errors_of_credential_endpoints_quote_nothing_from_the_body() {
    let server = MockServer::start().await;
    // An access-token answer whose data does not match: the body holds a token.
    Mock::given(method("GET"))
        .and(path("/open-api/v3/oauth/authorize"))
        .respond_with(envelope(serde_json::json!({"code": AUTH_CODE})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/open-api/v3/oauth/access-token"))
        .respond_with(envelope(
            serde_json::json!({"token": issued_token(1), "refresh": "refresh-secret-value"}),
        ))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(text.contains("withheld"), "{text}");
    for secret in [
        issued_token(1),
        "refresh-secret-value".to_string(),
        AUTH_CODE.to_string(),
    ] {
        assert!(!text.contains(&secret), "{text}");
    }
}

/// Writes an empty path parameter and a header with a line break, and
/// ignores both errors, as a careless hand-written implementation might.
struct CarelessWrite;

impl interlace_runtime::Endpoint for CarelessWrite {
    type Response = interlace_runtime::NoContent;
    const META: &'static interlace_runtime::EndpointMeta = &interlace_runtime::EndpointMeta::new(
        "careless",
        interlace_runtime::HttpMethod::Post,
        "/test/things/{id}",
    );
    fn write_request(&self, req: &mut interlace_runtime::RequestParts) {
        req.path("/test/things/");
        req.path_param("");
        req.header("X-Note", "a\r\nInjected: yes");
    }
}

#[tokio::test]
async fn parts_whose_writing_failed_are_never_sent() {
    let server = server_with_oauth().await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let err = client.send(CarelessWrite).await.unwrap_err();
    let Error::InvalidRequest(e) = &err else {
        panic!("{err:?}")
    };
    // The first failure is the one reported.
    assert!(e.to_string().contains("path parameter is empty"), "{e}");
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent, not even a token request"
    );
}
