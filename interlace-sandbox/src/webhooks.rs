//! Deliveries to the registered URL, signed as the reference describes:
//! Base64 of HMAC-SHA256 over the raw `resource` string, keyed with the
//! client secret, plus `Timestamp` in epoch milliseconds.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::state::now_ms;

/// One delivery attempt series, as the emulator recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Delivery id.
    pub id: String,
    /// E.g. `CARD.CREATED`.
    pub event_type: String,
    /// Attempts made.
    pub attempts: u32,
    /// Whether the receiver acknowledged with 2xx.
    pub acknowledged: bool,
}

/// Signs `resource` with `secret`.
pub fn sign(secret: &str, resource: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(resource.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Where deliveries go and what became of them.
#[derive(Debug)]
pub struct Outbox {
    url: Mutex<Option<String>>,
    deliveries: Mutex<Vec<Delivery>>,
    http: reqwest::Client,
    secret: String,
    attempts: u32,
    retry_delay: Duration,
}

impl Outbox {
    pub fn new(
        http: reqwest::Client,
        secret: String,
        attempts: u32,
        retry_delay: Duration,
    ) -> Self {
        Self {
            url: Mutex::default(),
            deliveries: Mutex::default(),
            http,
            secret,
            attempts,
            retry_delay,
        }
    }

    pub fn set_url(&self, url: Option<String>) {
        *self.url.lock().unwrap_or_else(|e| e.into_inner()) = url;
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.deliveries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Sends a delivery in the background, if a URL is registered.
pub fn emit(outbox: &Arc<Outbox>, event_type: &str, resource: Value) {
    let Some(url) = outbox.url.lock().unwrap_or_else(|e| e.into_inner()).clone() else {
        return;
    };
    let resource = resource.to_string();
    let id = uuid::Uuid::new_v4().to_string();
    let body = json!({
        "id": id, "eventType": event_type, "apiVersion": "v3", "code": "000000", "message": "",
        "resource": resource, "createTime": now_ms(),
    })
    .to_string();
    let signature = sign(&outbox.secret, &resource);
    let outbox = outbox.clone();
    let event_type = event_type.to_owned();
    tokio::spawn(async move {
        let mut attempts = 0;
        let mut acknowledged = false;
        while attempts < outbox.attempts && !acknowledged {
            if attempts > 0 {
                tokio::time::sleep(outbox.retry_delay).await;
            }
            attempts += 1;
            let sent = outbox
                .http
                .post(&url)
                .header("content-type", "application/json")
                .header("Signature-Method", "HMAC-SHA256")
                .header("Signature", &signature)
                .header("Timestamp", now_ms())
                .body(body.clone())
                .send()
                .await;
            acknowledged = sent.is_ok_and(|r| r.status().is_success());
        }
        outbox
            .deliveries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Delivery {
                id,
                event_type,
                attempts,
                acknowledged,
            });
    });
}
