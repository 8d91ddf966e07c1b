//! What several test files share: the v3 token flow over raw HTTP.

use interlace_sandbox::Sandbox;
use serde_json::{Value, json};

/// An access token from the emulator, by authorize → access-token.
pub async fn login(sandbox: &Sandbox, http: &reqwest::Client) -> String {
    let code: Value = http
        .get(format!("{}/open-api/v3/oauth/authorize", sandbox.url()))
        .query(&[("clientId", sandbox.client_id())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token: Value = http
        .post(format!("{}/open-api/v3/oauth/access-token", sandbox.url()))
        .json(&json!({"clientId": sandbox.client_id(), "code": code["data"]["code"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    token["data"]["accessToken"].as_str().unwrap().to_string()
}
