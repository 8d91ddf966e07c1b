//! Real-time authorization decisions: before a purchase, the emulator asks
//! the endpoint it was given, as Interlace asks yours, and honours the
//! answer.
//!
//! Emulator choices where the page is silent (each configurable in the
//! toolkit's receiver): `sign` is the lower-case hex HMAC-SHA256 of the raw
//! `data` JSON keyed with the client secret, and the answer is read as
//! `{"data": {"decision": "APPROVED" | "DECLINED"}}`. Anything else, an
//! error status or no answer within the timeout is a decline, as the page
//! says Interlace does.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

/// What the endpoint decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No endpoint is set: purchases go through, as without the feature.
    NotAsked,
    /// The endpoint approved.
    Approved,
    /// The endpoint declined.
    Declined,
    /// No usable answer in time: declined by default.
    NoAnswer,
}

impl Verdict {
    /// Whether money moves.
    pub fn approves(&self) -> bool {
        matches!(self, Self::NotAsked | Self::Approved)
    }
}

/// Where authorization requests go, and how many were sent.
#[derive(Debug)]
pub struct Authorizer {
    url: Mutex<Option<String>>,
    http: reqwest::Client,
    secret: String,
    timeout: Duration,
    asked: AtomicU64,
}

impl Authorizer {
    pub fn new(http: reqwest::Client, secret: String, timeout: Duration) -> Self {
        Self {
            url: Mutex::default(),
            http,
            secret,
            timeout,
            asked: AtomicU64::new(0),
        }
    }

    pub fn set_url(&self, url: Option<String>) {
        *self.url.lock().unwrap_or_else(|e| e.into_inner()) = url;
    }

    /// How many requests were sent.
    pub fn asked(&self) -> u64 {
        self.asked.load(Ordering::Relaxed)
    }

    /// Asks the endpoint about `data` (the authorization's fields).
    pub async fn ask(&self, data: &Value) -> Verdict {
        let Some(url) = self.url.lock().unwrap_or_else(|e| e.into_inner()).clone() else {
            return Verdict::NotAsked;
        };
        let data = data.to_string();
        let body = format!(
            r#"{{"id":"{}","businessType":"authorization","data":{data},"sign":"{}"}}"#,
            uuid::Uuid::new_v4(),
            sign(&self.secret, &data)
        );
        self.asked.fetch_add(1, Ordering::Relaxed);
        let sent = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .timeout(self.timeout)
            .send()
            .await;
        let Ok(response) = sent else {
            return Verdict::NoAnswer;
        };
        if !response.status().is_success() {
            return Verdict::NoAnswer;
        }
        let Ok(bytes) = response.bytes().await else {
            return Verdict::NoAnswer;
        };
        let Ok(answer) = serde_json::from_slice::<Value>(&bytes) else {
            return Verdict::NoAnswer;
        };
        match answer.pointer("/data/decision").and_then(Value::as_str) {
            Some("APPROVED") => Verdict::Approved,
            Some("DECLINED") => Verdict::Declined,
            _ => Verdict::NoAnswer,
        }
    }
}

/// The emulator's `sign`: hex HMAC-SHA256 of the raw `data` JSON.
pub fn sign(secret: &str, data: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(data.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}
