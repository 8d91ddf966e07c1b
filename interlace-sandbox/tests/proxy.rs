//! The validating proxy in front of a test upstream that drifts on purpose,
//! over real HTTP on 127.0.0.1: each drift is reported once, with its kind
//! and pointer, and nothing else is; answers pass through byte for byte.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use interlace_sandbox::proxy::{Proxy, ProxyConfig, Verdict};
use serde_json::{Value, json};

const CARD: &str = "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e";
const TOKEN: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

/// An upstream on 127.0.0.1 answering a few operations, some wrongly.
async fn drifting_upstream(hits: Arc<AtomicUsize>) -> String {
    let ok =
        |data: Value| json!({"code": "000000", "message": "success", "data": data}).to_string();
    let summary = ok(json!({
        "cardId": 7,                                  // wrong type
        "balance": {"available": "1.00", "currency": "USD"},
        "riskTier": "low"                             // undocumented
        // accountId missing: required
    }));
    let list = ok(json!({"list": [
        {"id": CARD, "status": "LOST"},               // unknown enum value
        {"id": "c-2", "status": "ACTIVE", "accountId": null, "label": null} // null where a string is promised; label may be null
    ], "total": "2"}));
    let app = axum::Router::new()
        .route(
            "/open-api/v3/cards/{id}/card-summary",
            get(move || async move { summary }),
        )
        .route(
            "/open-api/v3/card-list",
            get(move |headers: HeaderMap| {
                let hits = hits.clone();
                async move {
                    hits.fetch_add(1, Ordering::SeqCst);
                    let seen = headers
                        .get("x-test")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    (StatusCode::OK, [("x-upstream-saw", seen)], list)
                }
            }),
        )
        .route(
            "/open-api/v3/card/bins",
            // A gateway page that echoes the caller's token and a card number.
            get(|| async {
                format!("<html>ref {CARD}; token {TOKEN}; card 4111 1111 1111 1111</html>")
            }),
        )
        .route(
            "/open-api/v3/oauth/access-token",
            post(|| async {
                json!({"code": "000000", "message": "success", "data": {
                    "accessToken": TOKEN, "refreshToken": "9f".repeat(32), "expiresIn": 86400, "timestamp": 1
                }})
                .to_string()
            }),
        )
        .fallback(|| async { (StatusCode::NOT_FOUND, "no") });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

async fn proxy_for(upstream: &str, dir: &std::path::Path) -> Proxy {
    let config = ProxyConfig {
        report: Some(dir.join("drift.json")),
        junit: Some(dir.join("drift.xml")),
        ..ProxyConfig::new(upstream)
    };
    Proxy::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .unwrap()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("interlace-proxy-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn each_drift_is_reported_once_with_its_kind_and_pointer() {
    let upstream = drifting_upstream(Arc::default()).await;
    let dir = temp_dir("drift");
    let proxy = proxy_for(&upstream, &dir).await;
    let http = reqwest::Client::new();
    let base = proxy.url().to_owned();
    let get = |path: String| {
        let http = http.clone();
        async move {
            http.get(path)
                .header("x-access-token", TOKEN)
                .send()
                .await
                .unwrap()
        }
    };
    for _ in 0..2 {
        get(format!(
            "{base}/open-api/v3/cards/{CARD}/card-summary?accountId=a-1"
        ))
        .await;
    }
    get(format!("{base}/open-api/v3/card-list?accountId=a-1")).await;
    get(format!("{base}/open-api/v3/card/bins?accountId=a-1")).await;
    get(format!("{base}/open-api/v3/not-an-operation")).await;
    // A required query parameter left out.
    get(format!("{base}/open-api/v3/card-list")).await;
    http.post(format!("{base}/open-api/v3/oauth/access-token"))
        .json(&json!({"clientId": "interlace0123456789abcdef", "code": "a388b2c1d0e9f8a7b6c5d4e3f2a1a965"}))
        .send()
        .await
        .unwrap();

    let mut found: Vec<(String, String, String, u64)> = proxy
        .drift()
        .findings()
        .into_iter()
        .filter(|f| f.seen.verdict != Verdict::Confirms || f.seen.kind == "undocumented-field")
        .map(|f| (f.seen.kind, f.path, f.seen.pointer, f.count))
        .collect();
    found.sort();
    let summary = "/open-api/v3/cards/{cardId}/card-summary";
    let expected: Vec<(String, String, String, u64)> = [
        ("bad-envelope", "/open-api/v3/card/bins", "", 1),
        (
            "missing-required",
            "/open-api/v3/card-list",
            "/query/accountId",
            1,
        ),
        ("missing-required", summary, "/data/accountId", 2),
        ("undocumented-field", summary, "/data/riskTier", 2),
        (
            "undocumented-operation",
            "/open-api/v3/not-an-operation",
            "",
            1,
        ),
        // Both card-list calls answered the unknown status.
        (
            "unknown-enum-value",
            "/open-api/v3/card-list",
            "/data/list/0/status",
            2,
        ),
        (
            "wrong-type",
            "/open-api/v3/card-list",
            "/data/list/1/accountId",
            2,
        ),
        ("wrong-type", summary, "/data/cardId", 2),
    ]
    .into_iter()
    .map(|(k, p, ptr, n)| (k.to_string(), p.to_string(), ptr.to_string(), n))
    .collect();
    assert_eq!(found, expected);
    let wrong = proxy
        .drift()
        .findings()
        .into_iter()
        .find(|f| f.seen.kind == "wrong-type" && f.seen.pointer == "/data/cardId")
        .unwrap();
    assert_eq!(
        (wrong.seen.expected.as_str(), wrong.seen.actual.as_str()),
        ("string", "integer")
    );
    assert_eq!(wrong.seen.confidence.as_deref(), Some("seen-working"));
    assert_eq!(wrong.operation.as_deref(), Some("getCardSummary"));
    let null = proxy
        .drift()
        .findings()
        .into_iter()
        .find(|f| f.seen.pointer == "/data/list/1/accountId")
        .unwrap();
    assert_eq!(
        (null.seen.expected.as_str(), null.seen.actual.as_str()),
        ("string", "null")
    );

    // Files on stop: the report, with no token in it, and JUnit.
    proxy.stop().unwrap();
    let report = std::fs::read_to_string(dir.join("drift.json")).unwrap();
    let parsed: Value = serde_json::from_str(&report).unwrap();
    assert!(parsed["contract"].as_str().unwrap().contains("sha256:"));
    assert_eq!(parsed["upstream"], upstream.as_str());
    assert!(!report.contains(TOKEN), "{report}");
    assert!(!report.contains(&TOKEN[..8]), "{report}");
    assert!(!report.contains("4111 1111"), "{report}");
    assert!(report.contains(CARD), "ids stay: {report}");
    assert!(!report.contains(&"9f".repeat(32)), "{report}");
    assert!(!report.contains("a388b2c1d0e9"), "{report}");
    let junit = std::fs::read_to_string(dir.join("drift.xml")).unwrap();
    assert!(
        junit.contains("<testsuite") && junit.contains("getCardSummary"),
        "{junit}"
    );
    assert!(junit.contains("<failure"), "{junit}");
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn answers_pass_through_byte_for_byte_with_their_headers() {
    let hits = Arc::new(AtomicUsize::new(0));
    let upstream = drifting_upstream(hits.clone()).await;
    let dir = temp_dir("bytes");
    let proxy = proxy_for(&upstream, &dir).await;
    let http = reqwest::Client::new();
    let path = "/open-api/v3/card-list?accountId=a-1";
    let direct = http
        .get(format!("{upstream}{path}"))
        .header("x-test", "1")
        .send()
        .await
        .unwrap();
    let direct_body = direct.bytes().await.unwrap();
    let via = http
        .get(format!("{}{path}", proxy.url()))
        .header("x-test", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(via.status(), 200);
    assert_eq!(
        via.headers()["x-upstream-saw"],
        "1",
        "the request's headers reach the upstream"
    );
    assert_eq!(via.bytes().await.unwrap(), direct_body);
    // A 404 of the upstream comes back as it was.
    let lost = http
        .get(format!("{}/elsewhere", proxy.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(lost.status(), 404);
    assert_eq!(lost.text().await.unwrap(), "no");
    assert_eq!(hits.load(Ordering::SeqCst), 2, "one upstream call per call");
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502_and_a_finding() {
    // A port that was free a moment ago: nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let dir = temp_dir("down");
    let proxy = proxy_for(&dead, &dir).await;
    let answer = reqwest::get(format!("{}/open-api/v3/card-list?accountId=a", proxy.url()))
        .await
        .unwrap();
    assert_eq!(answer.status(), 502);
    let body: Value = answer.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("unreachable"),
        "{body}"
    );
    let findings = proxy.drift().findings();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].seen.kind, "upstream-unreachable");
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn a_plain_http_upstream_must_be_loopback() {
    let refused = Proxy::start(
        "127.0.0.1:0".parse().unwrap(),
        ProxyConfig::new("http://api-sandbox.interlace.money"),
    )
    .await
    .unwrap_err();
    assert!(refused.to_string().contains("https"), "{refused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_calls_at_once_are_all_answered_and_counted() {
    let hits = Arc::new(AtomicUsize::new(0));
    let upstream = drifting_upstream(hits.clone()).await;
    let dir = temp_dir("many");
    let proxy = proxy_for(&upstream, &dir).await;
    let http = reqwest::Client::new();
    let url = format!("{}/open-api/v3/card-list?accountId=a-1", proxy.url());
    let calls = (0..200).map(|_| {
        let http = http.clone();
        let url = url.clone();
        tokio::spawn(async move { http.get(url).send().await.map(|r| r.status().as_u16()) })
    });
    let mut statuses = Vec::new();
    for call in calls.collect::<Vec<_>>() {
        statuses.push(call.await.unwrap().unwrap());
    }
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(hits.load(Ordering::SeqCst), 200);
    let report = proxy.drift().to_json();
    assert_eq!(report["operations"][0]["calls"], 200, "{report}");
    let enum_finding = proxy
        .drift()
        .findings()
        .into_iter()
        .find(|f| f.seen.kind == "unknown-enum-value")
        .unwrap();
    assert_eq!(enum_finding.count, 200);
    std::fs::remove_dir_all(dir).ok();
}
