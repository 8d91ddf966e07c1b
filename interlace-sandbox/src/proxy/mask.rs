//! What the report shows of a value: masked by the toolkit's one masking
//! module ([`interlace_runtime::secret`]), with the credentials this proxy
//! has seen go by known by value, and cut short.

use std::time::{Duration, SystemTime};

use axum::http::HeaderMap;
use interlace_runtime::secret::{KnownSecrets, MASK, SecretString, is_secret_name};
use serde_json::Value;

/// Longest excerpt kept.
const MAX: usize = 80;

/// How long a credential seen in the traffic stays known: twice the 24
/// hours an Interlace token lives.
const KEPT: Duration = Duration::from_secs(2 * 86_400);

/// A short, masked rendering of `value` found under `name`.
pub fn excerpt(known: &KnownSecrets, name: &str, value: &Value) -> String {
    if is_secret_name(name) {
        return MASK.into();
    }
    bounded(known.mask_json(value).to_string())
}

/// A short, masked excerpt of a body that is not JSON.
pub fn text_excerpt(known: &KnownSecrets, body: &[u8]) -> String {
    bounded(known.excerpt(body))
}

fn bounded(text: String) -> String {
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// Learns the credentials a request's headers carry (`x-access-token`,
/// `Authorization`, …).
pub fn learn_headers(known: &KnownSecrets, headers: &HeaderMap) {
    for (name, value) in headers {
        if is_secret_name(name.as_str())
            && let Ok(value) = value.to_str()
        {
            remember(known, value);
            if let Some(token) = value.strip_prefix("Bearer ") {
                remember(known, token);
            }
        }
    }
}

/// Learns the credentials a JSON body carries: the string value of every
/// credential-named field, and on the OAuth paths the one-time `code`.
pub fn learn_body(known: &KnownSecrets, path: &str, body: &[u8]) {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let oauth = path.contains("/oauth/");
    walk(&value, &mut |name, text| {
        if is_secret_name(name) || (oauth && name == "code" && text.len() > 6) {
            remember(known, text);
        }
    });
}

fn walk(value: &Value, visit: &mut impl FnMut(&str, &str)) {
    match value {
        Value::Object(map) => {
            for (name, v) in map {
                match v {
                    Value::String(text) => visit(name, text),
                    other => walk(other, visit),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, visit)),
        _ => {}
    }
}

fn remember(known: &KnownSecrets, value: &str) {
    let now = SystemTime::now();
    known.insert_until(&SecretString::from(value), now + KEPT, now);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_and_card_numbers_never_show_and_ids_stay() {
        let known = KnownSecrets::new();
        assert_eq!(excerpt(&known, "accessToken", &json!("abc")), "[masked]");
        let e = excerpt(
            &known,
            "data",
            &json!({"cardNumber": "4111111111111111", "note": "pan 4111 1111 1111 1111 ok", "cvv": "123"}),
        );
        assert!(!e.contains("4111 1111") && !e.contains("123\""), "{e}");
        assert!(e.contains("****1111"), "{e}");
        let ids = json!({"id": "0b6b7c1e-8d53-4f5e-9f9a-4c2d8e1f3a5b", "accountId": "1926684703962181634"});
        assert_eq!(excerpt(&known, "data", &ids), ids.to_string());
    }

    #[test]
    fn credentials_seen_in_the_traffic_are_masked_by_value() {
        let known = KnownSecrets::new();
        let token = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
        learn_body(
            &known,
            "/open-api/v3/oauth/access-token",
            json!({"code": "000000", "data": {"accessToken": token, "code": "c0dec0de99"}})
                .to_string()
                .as_bytes(),
        );
        let echoed = json!({"message": format!("bad token {token}"), "c": "c0dec0de99"});
        let e = excerpt(&known, "data", &echoed);
        assert!(!e.contains(&token[..8]) && !e.contains("c0dec0de"), "{e}");
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "Bearer zyxwvutsrqponmlk".parse().unwrap());
        learn_headers(&known, &headers);
        assert!(text_excerpt(&known, b"<p>zyxwvutsrqponmlk</p>").contains("[masked]"));
    }
}
