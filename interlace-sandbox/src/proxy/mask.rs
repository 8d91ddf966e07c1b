//! Excerpts for the report with secrets masked: values under the names
//! that carry tokens, secrets or card data, and anything that looks like a
//! card number.

use serde_json::Value;

/// Field and header names whose values are never shown (compared without
/// regard to case).
const SECRET_NAMES: [&str; 14] = [
    "accesstoken",
    "refreshtoken",
    "x-access-token",
    "clientsecret",
    "code",
    "token",
    "password",
    "cvv",
    "cvc",
    "cardnumber",
    "pan",
    "pin",
    "signature",
    "sign",
];

/// Longest excerpt kept.
const MAX: usize = 80;

/// Whether `name` carries a secret.
pub fn is_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAMES.contains(&lower.as_str()) || lower.ends_with("token") || lower.ends_with("secret")
}

/// A short, masked rendering of `value` found under `name`.
pub fn excerpt(name: &str, value: &Value) -> String {
    if is_secret(name) {
        return "[masked]".into();
    }
    let masked = mask(value);
    let text = masked.to_string();
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn mask(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if is_secret(k) {
                        Value::String("[masked]".into())
                    } else {
                        mask(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(mask).collect()),
        Value::String(s) => Value::String(mask_pans(s)),
        Value::Number(n) => {
            let text = n.to_string();
            if looks_like_pan(&text) {
                Value::String(mask_pans(&text))
            } else {
                value.clone()
            }
        }
        other => other.clone(),
    }
}

fn looks_like_pan(digits: &str) -> bool {
    (13..=19).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Every run of 13 to 19 digits (spaces and dashes between them allowed)
/// is shown as its last four.
pub fn mask_pans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        if looks_like_pan(&digits) {
            out.push_str("****");
            out.push_str(&digits[digits.len() - 4..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() || (!run.is_empty() && (c == ' ' || c == '-')) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_and_card_numbers_never_show() {
        assert_eq!(excerpt("accessToken", &json!("abc")), "[masked]");
        let e = excerpt(
            "data",
            &json!({"cardNumber": "4111111111111111", "note": "pan 4111 1111 1111 1111 ok", "cvv": "123"}),
        );
        assert!(
            !e.contains("4111111111111111") && !e.contains("123\""),
            "{e}"
        );
        assert!(e.contains("****1111"), "{e}");
        assert_eq!(mask_pans("id 1926684703962181634"), "id ****1634");
        assert_eq!(mask_pans("amount 12.50"), "amount 12.50");
    }
}
