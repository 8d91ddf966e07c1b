//! Webhook verification and card-data decryption, checked against values
//! computed independently inside the tests.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use aes::cipher::{BlockEncryptMut, KeyInit, block_padding::Pkcs7};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use interlace::card_data::{CardDataError, decrypt_card_secrets, decrypt_field};
use interlace::secret::{ExposeSecret, SecretString};
use interlace::testing::ManualClock;
use interlace::webhooks::*;
use sha2::Sha256;

const SECRET: &str = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
const SENT_MS: u64 = 1_756_879_969_964;

fn independent_signature(secret: &str, resource: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(resource.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn resource() -> String {
    serde_json::json!({
        "id": "9d3f", "cardId": "c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e", "createTime": "1756879969964",
        "processingCode": "00", "accountId": "3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23", "transactionAmount": "150.00",
        "transactionCurrency": "USD", "billingAmount": "150.00", "billingCurrency": "USD",
        "merchantName": "Cafe", "merchantCity": "NYC", "merchantCountry": "USA",
        "transactionType": "authorization", "mcc": "5812"
    })
    .to_string()
}

fn body(event_type: &str, resource: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "id": "0b7e2f5c-1d3a-4e6b-9c8d-7f6e5d4c3b2a", "eventType": event_type, "apiVersion": "v3",
        "code": "000000", "message": "", "resource": resource, "createTime": SENT_MS.to_string()
    }))
    .unwrap()
}

fn verifier() -> WebhookVerifier {
    let clock = ManualClock::at(UNIX_EPOCH + Duration::from_millis(SENT_MS + 2_000));
    WebhookVerifier::new(SECRET).clock(Arc::new(clock))
}

#[test]
fn a_good_signature_verifies_and_the_event_decodes() {
    let resource = resource();
    let signature = independent_signature(SECRET, &resource);
    assert_eq!(signature.len(), 44);
    let n = verifier()
        .verify(
            &signature,
            Some(&SENT_MS.to_string()),
            &body("CARD_TRANSACTION.CREATED", &resource),
        )
        .unwrap();
    assert_eq!(n.event_type, "CARD_TRANSACTION.CREATED");
    assert_eq!(n.create_time.unwrap().unix_millis() as u64, SENT_MS);
    let WebhookEvent::CardTransactionCreated(tx) = n.event() else {
        panic!()
    };
    assert_eq!(tx.transaction_amount.unwrap().to_string(), "150.00");
    assert_eq!(tx.mcc.as_deref(), Some("5812"));
    assert_eq!(verifier().sign(&resource), signature);
}

#[test]
fn a_tampered_resource_or_a_wrong_key_is_refused() {
    let resource = resource();
    let signature = independent_signature(SECRET, &resource);
    let tampered = resource.replace("150.00", "950.00");
    let err = verifier()
        .verify(
            &signature,
            Some(&SENT_MS.to_string()),
            &body("CARD_TRANSACTION.CREATED", &tampered),
        )
        .unwrap_err();
    assert_eq!(err, WebhookError::SignatureMismatch);
    let other_key = independent_signature("00000000000000000000000000000000", &resource);
    let err = verifier()
        .verify(
            &other_key,
            Some(&SENT_MS.to_string()),
            &body("CARD_TRANSACTION.CREATED", &resource),
        )
        .unwrap_err();
    assert_eq!(err, WebhookError::SignatureMismatch);
    let err = verifier()
        .verify(
            "not base64!",
            Some(&SENT_MS.to_string()),
            &body("CARD_TRANSACTION.CREATED", &resource),
        )
        .unwrap_err();
    assert_eq!(err, WebhookError::SignatureNotBase64);
    let err = verifier()
        .verify(&signature, Some(&SENT_MS.to_string()), b"<html>")
        .unwrap_err();
    assert!(matches!(err, WebhookError::MalformedBody(_)));
}

#[test]
fn a_stale_or_missing_timestamp_is_refused_unless_the_check_is_off() {
    let body = body(
        "CARD.CREATED",
        &serde_json::json!({"cardId": "c-1", "status": "ACTIVE", "reasonCode": "7002"}).to_string(),
    );
    let signature_card = independent_signature(
        SECRET,
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["resource"]
            .as_str()
            .unwrap(),
    );
    let old = (SENT_MS - 10 * 60 * 1000).to_string();
    let err = verifier()
        .verify(&signature_card, Some(&old), &body)
        .unwrap_err();
    assert!(matches!(err, WebhookError::Stale { .. }), "{err}");
    assert_eq!(
        verifier().verify(&signature_card, None, &body).unwrap_err(),
        WebhookError::MissingTimestamp
    );
    assert_eq!(
        verifier()
            .verify(&signature_card, Some("soon"), &body)
            .unwrap_err(),
        WebhookError::BadTimestamp
    );
    let lenient = verifier().tolerance(Some(Duration::from_secs(3600)));
    lenient.verify(&signature_card, Some(&old), &body).unwrap();
    verifier()
        .tolerance(None)
        .verify(&signature_card, None, &body)
        .unwrap();
}

#[test]
fn unknown_event_types_are_kept() {
    let resource = r#"{"scanId":"s-1","amount":"3.00"}"#;
    let signature = independent_signature(SECRET, resource);
    let n = verifier()
        .verify(
            &signature,
            Some(&SENT_MS.to_string()),
            &body("SCAN_TO_PAY.CREATED", resource),
        )
        .unwrap();
    match n.event() {
        WebhookEvent::Unknown {
            event_type,
            resource,
            decode_error,
            ..
        } => {
            assert_eq!(event_type, "SCAN_TO_PAY.CREATED");
            assert_eq!(resource["scanId"], "s-1");
            assert_eq!(decode_error, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_known_event_whose_resource_does_not_fit_is_kept_as_unknown_with_the_error() {
    // CARD.CREATED without the `cardId` its struct requires, and one whose
    // resource is not JSON at all: both verified, neither refused.
    for resource in [r#"{"accountId":"a-1","status":"ACTIVE"}"#, "not json"] {
        let signature = independent_signature(SECRET, resource);
        let n = verifier()
            .verify(
                &signature,
                Some(&SENT_MS.to_string()),
                &body("CARD.CREATED", resource),
            )
            .unwrap();
        match n.event() {
            WebhookEvent::Unknown {
                event_type,
                raw,
                decode_error,
                ..
            } => {
                assert_eq!(event_type, "CARD.CREATED");
                assert_eq!(raw, resource);
                let error = decode_error.expect("the reason the known type did not decode");
                assert!(!error.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_freshness_window_is_a_configurable_policy_and_can_be_off() {
    let resource = r#"{"cardId":"c-1"}"#;
    let signature = independent_signature(SECRET, resource);
    let body = body("CARD.CREATED", resource);
    let a_day_old = (SENT_MS - 86_400_000).to_string();
    assert!(matches!(
        verifier().verify(&signature, Some(&a_day_old), &body),
        Err(WebhookError::Stale { .. })
    ));
    let off = verifier().tolerance(None);
    off.verify(&signature, Some(&a_day_old), &body).unwrap();
    off.verify(&signature, None, &body).unwrap();
    off.verify(&signature, Some("not a time"), &body).unwrap();
    // Off turns off freshness, never the signature.
    assert!(off.verify("AAAA", None, &body).is_err());
}

#[test]
fn the_acknowledgement_is_received_true() {
    let ack: serde_json::Value = serde_json::from_str(ACKNOWLEDGEMENT).unwrap();
    assert_eq!(ack, serde_json::json!({"received": true}));
    assert_eq!(
        serde_json::to_value(Acknowledgement::default()).unwrap(),
        ack
    );
}

#[test]
fn the_verifier_debug_hides_the_secret() {
    assert!(!format!("{:?}", verifier()).contains(SECRET));
}

fn encrypt(secret: &str, plain: &str) -> String {
    let ct = ecb::Encryptor::<aes::Aes256>::new_from_slice(secret.as_bytes())
        .unwrap()
        .encrypt_padded_vec_mut::<Pkcs7>(plain.as_bytes());
    hex::encode(ct)
}

#[test]
fn card_secrets_decrypt_from_values_encrypted_here() {
    let secret = SecretString::from(SECRET);
    let number = encrypt(SECRET, "4111111111111111");
    let cvv = encrypt(SECRET, "123");
    let secrets = decrypt_card_secrets(&secret, &number, &cvv.to_uppercase()).unwrap();
    assert_eq!(secrets.number.expose_secret(), "4111111111111111");
    assert_eq!(secrets.cvv.expose_secret(), "123");
    let debug = format!("{secrets:?}");
    assert!(
        !debug.contains("4111111111111111") && !debug.contains("123\""),
        "{debug}"
    );
    assert!(debug.contains("1111"));
}

#[test]
fn bad_card_data_is_a_typed_error() {
    let secret = SecretString::from(SECRET);
    assert_eq!(
        decrypt_field(&secret, "zz").unwrap_err(),
        CardDataError::NotHex
    );
    assert_eq!(
        decrypt_field(&secret, "00ff").unwrap_err(),
        CardDataError::Decrypt
    );
    let other = encrypt("00000000000000000000000000000000", "4111111111111111");
    assert!(decrypt_field(&secret, &other).is_err());
    assert_eq!(
        decrypt_field(&SecretString::from("short"), &encrypt(SECRET, "1")).unwrap_err(),
        CardDataError::KeyLength(5)
    );
}

/// Without a web framework: one call verifies, decodes, applies the legacy
/// policy and names the delivery for a `DeliveryLog`.
#[test]
fn a_delivery_is_received_without_a_framework() {
    let resource = resource();
    let signature = independent_signature(SECRET, &resource);
    let body = body("CARD_TRANSACTION.CREATED", &resource);
    let timestamp = SENT_MS.to_string();
    let received = verifier()
        .receive(
            Some(&signature),
            Some(&timestamp),
            &body,
            &LegacyPolicy::Refuse,
        )
        .unwrap();
    assert_eq!(received.key, "id:0b7e2f5c-1d3a-4e6b-9c8d-7f6e5d4c3b2a");
    assert!(!received.legacy);
    assert!(matches!(
        received.event,
        WebhookEvent::CardTransactionCreated(_)
    ));

    let forged = verifier().receive(Some("AAAA"), Some(&timestamp), &body, &LegacyPolicy::Refuse);
    assert_eq!(forged.unwrap_err().http_status(), 401);

    let legacy = br#"{"id":"77","businessType":"card","data":{"cardId":"c-1"},"sign":"abc"}"#;
    let refused = verifier().receive(None, None, legacy, &LegacyPolicy::Refuse);
    assert_eq!(refused.unwrap_err(), WebhookRejection::LegacyRefused);
    let accepted = verifier()
        .receive(None, None, legacy, &LegacyPolicy::AcceptUnverified)
        .unwrap();
    assert!(accepted.legacy);
    assert_eq!(accepted.key, "id:77");
}
