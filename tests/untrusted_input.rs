//! Property tests of the parsers that read what anyone on the network can
//! send: a webhook delivery and its verification, and an authorization
//! request. Any bytes give a delivery or a typed refusal, never a panic;
//! only the right signature over the exact `resource` is accepted; and no
//! refusal's text quotes a card number or grows with the input.

use std::time::SystemTime;

use interlace::authorization::{
    AuthorizationRejection, AuthorizationRequest, SignaturePolicy, sign_data,
};
use interlace::webhooks::{LegacyPolicy, WebhookRejection, WebhookVerifier, timestamp_header};
use proptest::prelude::*;
use serde_json::{Value, json};

const SECRET: &str = "5f4dcc3b5aa765d61d8327deb882cf99";
const PAN: &str = "4111111111111111";

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,24}".prop_map(Value::String),
        Just(Value::String(PAN.into())),
        Just(Value::from(4_111_111_111_111_111u64)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(
                    &[
                        "id",
                        "eventType",
                        "resource",
                        "apiVersion",
                        "createTime",
                        "code",
                        "businessType",
                        "data",
                        "sign",
                        "cardNumber",
                        "transactionAmount",
                        "x",
                    ][..]
                ),
                inner,
                0..8,
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// A delivery whose fields are each taken as generated or as they should
/// be: the `resource` as text (as Interlace sends it) or as any JSON, and
/// the text the signature is over.
fn delivery() -> impl Strategy<Value = (String, Value, bool)> {
    (json_value(), json_value(), prop::bool::ANY, prop::bool::ANY).prop_map(
        |(resource, extra, typed_resource, known_type)| {
            let resource_text = resource.to_string();
            let body = json!({
                "id": "evt-1",
                "eventType": if known_type { "CARD.CREATED" } else { "SOMETHING.NEW" },
                "apiVersion": "v3",
                "code": "000000",
                "message": "",
                "resource": if typed_resource { Value::String(resource_text.clone()) } else { resource },
                "createTime": "1756879969964",
                "extra": extra,
            });
            (resource_text, body, typed_resource)
        },
    )
}

fn no_card_number(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(!text.contains(PAN), "a card number in a refusal: {text}");
    prop_assert!(text.len() < 600, "a refusal of {} bytes", text.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_a_delivery_or_a_typed_refusal(
        body in prop::collection::vec(any::<u8>(), 0..2048),
        signature in prop::option::of(".{0,64}"),
        timestamp in prop::option::of("[0-9]{0,14}"),
    ) {
        let verifier = WebhookVerifier::new(SECRET);
        for legacy in [LegacyPolicy::Refuse, LegacyPolicy::AcceptUnverified] {
            if let Err(refusal) = verifier.receive(signature.as_deref(), timestamp.as_deref(), &body, &legacy) {
                prop_assert!(matches!(refusal.http_status(), 400 | 401));
                no_card_number(&refusal.to_string())?;
                no_card_number(&format!("{refusal:?}"))?;
            }
        }
    }

    #[test]
    fn only_the_right_signature_over_the_exact_resource_is_accepted(
        (resource, body, typed) in delivery(),
        flip in any::<prop::sample::Index>(),
    ) {
        let verifier = WebhookVerifier::new(SECRET);
        let bytes = body.to_string().into_bytes();
        let now = timestamp_header(SystemTime::now());
        let right = verifier.sign(&resource);
        let outcome = verifier.receive(Some(&right), Some(&now), &bytes, &LegacyPolicy::Refuse);
        if typed {
            // Decoding the event may fail for a resource that is not the
            // event's shape, but never the signature.
            if let Err(refusal) = &outcome {
                prop_assert!(
                    matches!(refusal, WebhookRejection::Invalid(_)) && refusal.http_status() == 400,
                    "{refusal}"
                );
            }
        } else if body["resource"].as_str() != Some(resource.as_str()) {
            prop_assert!(outcome.is_err());
        }
        // Another secret's signature, or the right one over another resource.
        let forged = WebhookVerifier::new("another secret").sign(&resource);
        prop_assert!(verifier.receive(Some(&forged), Some(&now), &bytes, &LegacyPolicy::Refuse).is_err());
        let mut other = resource.clone().into_bytes();
        let at = flip.index(other.len().max(1));
        if let Some(byte) = other.get_mut(at) {
            *byte ^= 0x01;
        }
        if let Ok(other) = String::from_utf8(other) && other != resource {
            let mut tampered = body.clone();
            tampered["resource"] = Value::String(other);
            let tampered = tampered.to_string().into_bytes();
            let outcome = verifier.receive(Some(&right), Some(&now), &tampered, &LegacyPolicy::Refuse);
            prop_assert!(outcome.is_err(), "a tampered resource was accepted");
        }
    }

    #[test]
    fn any_authorization_body_is_a_request_or_a_bounded_masked_refusal(
        value in json_value(),
        bytes in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let policy = SignaturePolicy::hmac_sha256_hex_of_data(SECRET);
        for body in [value.to_string().into_bytes(), bytes] {
            match AuthorizationRequest::parse(&body) {
                Ok(request) => {
                    // Parsed, but signed by nobody who knows the secret.
                    prop_assert!(!policy.accepts(&request));
                    let shown = format!("{request:?}");
                    prop_assert!(!shown.contains(PAN), "{}", shown);
                }
                Err(refusal) => {
                    prop_assert!(matches!(refusal, AuthorizationRejection::Malformed(_)));
                    prop_assert_eq!(refusal.http_status(), 400);
                    no_card_number(&refusal.to_string())?;
                }
            }
        }
    }

    #[test]
    fn a_signed_authorization_is_accepted_and_any_change_refused(
        amount in "[0-9]{1,6}\\.[0-9]{2}",
        merchant in ".{0,30}",
        flip in any::<prop::sample::Index>(),
    ) {
        let data = json!({
            "id": "a-1", "cardId": "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e",
            "createTime": "1756879969964", "accountId": "acc-1", "sourceId": "bank-1",
            "transactionType": "authorization", "transactionId": "t-1",
            "transactionAmount": amount, "transactionCurrency": "USD",
            "merchantName": merchant, "mcc": "5812"
        })
        .to_string();
        let policy = SignaturePolicy::hmac_sha256_hex_of_data(SECRET);
        let signed = format!(
            r#"{{"id":"r-1","businessType":"authorization","data":{data},"sign":"{}"}}"#,
            sign_data(SECRET, &data)
        );
        let request = AuthorizationRequest::parse(signed.as_bytes()).unwrap();
        prop_assert!(policy.accepts(&request));
        // The same signature over changed data.
        let mut changed = data.clone().into_bytes();
        let at = flip.index(changed.len());
        changed[at] = if changed[at] == b'1' { b'2' } else { b'1' };
        if let Ok(changed) = String::from_utf8(changed) {
            let forged = format!(
                r#"{{"id":"r-1","businessType":"authorization","data":{changed},"sign":"{}"}}"#,
                sign_data(SECRET, &data)
            );
            if let Ok(request) = AuthorizationRequest::parse(forged.as_bytes()) {
                prop_assert!(!policy.accepts(&request), "changed data was accepted");
            }
        }
    }
}
