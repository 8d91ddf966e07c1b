//! What arrived, kept for tests to read back (the latest
//! `request_history`) and appended to the request log, one JSON line each.

use std::collections::VecDeque;
use std::io::Write as _;
use std::sync::Mutex;

use std::time::{Duration, SystemTime};

use interlace_runtime::secret::{KnownSecrets, MASK, SecretString, is_secret_name};
use serde::Serialize;

/// A request the emulator received, as it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceivedRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string (empty when there is none).
    pub query: String,
    /// Header names (lower case) and values; the access token is masked
    /// (as [`interlace_runtime::secret::MASK`]).
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy UTF-8; a multipart body is kept as sent).
    pub body: String,
}

impl ReceivedRequest {
    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// The recorded requests and the log file.
#[derive(Debug)]
pub struct Recorder {
    kept: Mutex<VecDeque<ReceivedRequest>>,
    history: usize,
    log: Option<Mutex<std::fs::File>>,
    /// The client secret and the tokens seen, masked by value in the log.
    secrets: KnownSecrets,
}

impl Recorder {
    pub fn new(history: usize, log: Option<std::fs::File>, client_secret: &str) -> Self {
        let secrets = KnownSecrets::new();
        secrets.insert(&SecretString::from(client_secret));
        Self {
            kept: Mutex::default(),
            history: history.max(1),
            log: log.map(Mutex::new),
            secrets,
        }
    }

    /// An access token a request carried: masked by value in the log for
    /// as long as a token lives, twice over.
    pub fn know_token(&self, token: &str) {
        if self.log.is_some() {
            let now = SystemTime::now();
            self.secrets.insert_until(
                &SecretString::from(token),
                now + Duration::from_secs(2 * 86_400),
                now,
            );
        }
    }

    pub fn record(&self, request: ReceivedRequest) {
        if let Some(file) = &self.log {
            log_line(file, &masked(&request, &self.secrets));
        }
        // Bounded, so a long-running server does not grow without end.
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= self.history {
            kept.pop_front();
        }
        kept.push_back(request);
    }

    pub fn requests(&self) -> Vec<ReceivedRequest> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.iter().cloned().collect()
    }

    pub fn clear(&self) {
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// What the request log shows of `request`: credential headers and
/// query parameters masked by name, everything masked by value (the client
/// secret, the tokens seen), by shape (card numbers) and by name (JSON
/// fields such as `cvv`).
fn masked(request: &ReceivedRequest, secrets: &KnownSecrets) -> ReceivedRequest {
    let by_name = |name: &str, value: &str| {
        if is_secret_name(name) {
            MASK.to_string()
        } else {
            secrets.mask(value)
        }
    };
    let query: String = url::form_urlencoded::parse(request.query.as_bytes())
        .map(|(name, value)| {
            let value = by_name(&name, &value);
            let name = secrets.mask(&name);
            format!("{name}={value}")
        })
        .collect::<Vec<_>>()
        .join("&");
    let body = match serde_json::from_str::<serde_json::Value>(&request.body) {
        Ok(json) => secrets.mask_json(&json).to_string(),
        Err(_) => secrets.mask(&request.body),
    };
    ReceivedRequest {
        method: request.method.clone(),
        path: secrets.mask(&request.path),
        query,
        headers: request
            .headers
            .iter()
            .map(|(name, value)| (name.clone(), by_name(name, value)))
            .collect(),
        body,
    }
}

/// Appends one JSON line per request to the log file, if there is one.
fn log_line(file: &std::sync::Mutex<std::fs::File>, request: &ReceivedRequest) {
    if let (Ok(mut f), Ok(line)) = (file.lock(), serde_json::to_string(request)) {
        let _ = writeln!(f, "{line}");
    }
}
