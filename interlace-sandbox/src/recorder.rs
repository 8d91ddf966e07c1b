//! What arrived, kept for tests to read back (the latest
//! `request_history`) and appended to the request log, one JSON line each.

use std::collections::VecDeque;
use std::io::Write as _;
use std::sync::Mutex;

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
    /// Header names (lower case) and values; the access token is masked.
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
}

impl Recorder {
    pub fn new(history: usize, log: Option<std::fs::File>) -> Self {
        Self {
            kept: Mutex::default(),
            history: history.max(1),
            log: log.map(Mutex::new),
        }
    }

    pub fn record(&self, request: ReceivedRequest) {
        if let Some(file) = &self.log {
            log_line(file, &request);
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

/// Appends one JSON line per request to the log file, if there is one.
fn log_line(file: &std::sync::Mutex<std::fs::File>, request: &ReceivedRequest) {
    if let (Ok(mut f), Ok(line)) = (file.lock(), serde_json::to_string(request)) {
        let _ = writeln!(f, "{line}");
    }
}
