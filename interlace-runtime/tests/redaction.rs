//! Secrets never show in `Debug` output, errors or traces.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use interlace_runtime::auth::oauth::{AccessToken, AccessTokenData, AuthorizeData, RefreshToken};
use interlace_runtime::secret::SecretString;
use interlace_runtime::{Error, ManualClock, Token};
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const REFRESH: &str = "refresh-0000000000000000000000000000000000000000000000000001";

fn secrets() -> Vec<String> {
    vec![
        CLIENT_SECRET.to_string(),
        issued_token(1),
        REFRESH.to_string(),
        AUTH_CODE.to_string(),
    ]
}

fn assert_clean(what: &str, text: &str) {
    for secret in secrets() {
        assert!(!text.contains(&secret), "{what} shows a secret: {text}");
    }
}

#[test]
fn debug_of_every_type_holding_a_secret_is_redacted() {
    let config = config_for("http://127.0.0.1:1");
    assert_clean("ConfigBuilder", &format!("{config:?}"));
    let config = config.build().unwrap();
    assert_clean("Config", &format!("{config:?}"));
    let client = interlace_runtime::Client::new(config).unwrap();
    assert_clean("Client", &format!("{client:?}"));
    let token = Token::new(
        SecretString::from(issued_token(1)),
        Some(SecretString::from(REFRESH)),
        SystemTime::now(),
        Duration::from_secs(60),
        Duration::from_secs(5),
    );
    assert_clean("Token", &format!("{token:?}"));
    let data: AccessTokenData = serde_json::from_value(serde_json::json!({
        "accessToken": issued_token(1), "refreshToken": REFRESH, "expiresIn": 86400
    }))
    .unwrap();
    assert_clean("AccessTokenData", &format!("{data:?}"));
    let code: AuthorizeData =
        serde_json::from_value(serde_json::json!({"code": AUTH_CODE, "timestamp": 1})).unwrap();
    assert_clean("AuthorizeData", &format!("{code:?}"));
    let req = AccessToken {
        client_id: CLIENT_ID.into(),
        code: SecretString::from(AUTH_CODE),
    };
    assert_clean("AccessToken", &format!("{req:?}"));
    let req = RefreshToken {
        client_id: CLIENT_ID.into(),
        refresh_token: SecretString::from(REFRESH),
    };
    assert_clean("RefreshToken", &format!("{req:?}"));
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_traced_call_at_trace_level_shows_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    mount_oauth(&server, 86_400, Duration::ZERO).await;
    // The first answer quotes the token back in an error body, to check excerpts too.
    Mock::given(method("GET"))
        .and(path("/test/items"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"code":"000000","data":{{"id":1,"accessToken":"{}"}}}}"#,
            issued_token(1)
        )))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Arc::new(ManualClock::new()));
    let err = client
        .send(GetItem { filter: "f".into() })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)));
    assert_clean("the error", &format!("{err} {err:?}"));

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("interlace.call"),
        "the span was recorded: {text}"
    );
    assert!(text.contains("get_item"), "{text}");
    assert_clean("the trace", &text);
}
