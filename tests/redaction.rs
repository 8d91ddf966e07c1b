//! Every public type that holds a secret prints it redacted in `Debug`.

use std::time::{Duration, SystemTime};

use interlace::auth::Token;
use interlace::card_data::CardSecrets;
use interlace::endpoint::FilePart;
use interlace::oauth::{AccessToken, AccessTokenData, AuthorizeData, RefreshToken};
use interlace::secret::SecretString;
use interlace::webhooks::WebhookVerifier;
use interlace::{Client, Config, Environment};
use interlace_sandbox::SandboxConfig;

const CLIENT_SECRET: &str = "c11e47-5ecre7-0000-aaaa-0123456789ab";
const ACCESS: &str = "acce55acce55acce55acce55acce55acce55acce";
const REFRESH: &str = "7ef7e5487ef7e5487ef7e5487ef7e5487ef7e5487ef7e5487ef7e5487ef7e548";
const CODE: &str = "c0dec0dec0dec0dec0dec0dec0dec0de";
const PAN: &str = "4111111111111111";
const CVV: &str = "987";

fn assert_redacted(what: &str, debug: String) {
    for secret in [CLIENT_SECRET, ACCESS, REFRESH, CODE, PAN, CVV] {
        assert!(!debug.contains(secret), "{what} shows a secret: {debug}");
    }
}

#[test]
fn every_type_holding_a_secret_is_redacted() {
    let builder = Config::builder()
        .client_id("interlace0011223344556677")
        .client_secret(CLIENT_SECRET)
        .environment(Environment::Custom)
        .base_url("http://127.0.0.1:9");
    assert_redacted("ConfigBuilder", format!("{builder:?}"));
    let config = builder.build().unwrap();
    assert_redacted("Config", format!("{config:?}"));
    assert_redacted(
        "Config::client_secret",
        format!("{:?}", config.client_secret()),
    );
    let client = Client::new(config.clone()).unwrap();
    assert_redacted("Client", format!("{client:?}"));
    let token = Token::new(
        SecretString::from(ACCESS),
        Some(SecretString::from(REFRESH)),
        // A fixed instant: with `now()`, the nanoseconds in `Debug` once contained the
        // three digits of `CVV` and the test failed on a secret that was not there.
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000),
        Duration::from_secs(86_400),
        Duration::from_secs(300),
    );
    assert_redacted("Token", format!("{token:?}"));
    let data: AccessTokenData = serde_json::from_value(
        serde_json::json!({"accessToken": ACCESS, "refreshToken": REFRESH, "expiresIn": 1}),
    )
    .unwrap();
    assert_redacted("AccessTokenData", format!("{data:?}"));
    let code: AuthorizeData = serde_json::from_value(serde_json::json!({"code": CODE})).unwrap();
    assert_redacted("AuthorizeData", format!("{code:?}"));
    assert_redacted(
        "AccessToken",
        format!(
            "{:?}",
            AccessToken {
                client_id: "id".into(),
                code: CODE.into()
            }
        ),
    );
    assert_redacted(
        "RefreshToken",
        format!(
            "{:?}",
            RefreshToken {
                client_id: "id".into(),
                refresh_token: REFRESH.into()
            }
        ),
    );
    assert_redacted(
        "WebhookVerifier",
        format!("{:?}", WebhookVerifier::from_config(&config)),
    );
    let card = CardSecrets {
        number: PAN.into(),
        cvv: CVV.into(),
    };
    assert_redacted("CardSecrets", format!("{card:?}"));
    let file = FilePart {
        field: "files".into(),
        file_name: "id.jpg".into(),
        content_type: "image/jpeg".into(),
        bytes: PAN.as_bytes().to_vec(),
    };
    assert_redacted("FilePart", format!("{file:?}"));
    let sandbox = SandboxConfig {
        client_secret: CLIENT_SECRET.into(),
        ..SandboxConfig::default()
    };
    assert_redacted("SandboxConfig", format!("{sandbox:?}"));
}
