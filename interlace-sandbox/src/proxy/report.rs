//! The drift report: what the proxy saw, per operation and per finding,
//! as JSON (refreshed while it runs), as JUnit XML and as a short summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Mutex;

use serde::Serialize;
use serde_json::Value;

/// Which way a finding was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Request,
    Response,
}

/// What a finding says about the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The API differs from the contract.
    Contradicts,
    /// The API shows something the contract only guessed, or lacks.
    Confirms,
    /// Nothing to conclude (a body too large to validate).
    Skipped,
}

/// One finding as the report keeps it: where, its first occurrence, and
/// how many calls showed it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub operation: Option<String>,
    pub method: String,
    pub path: String,
    #[serde(flatten)]
    pub seen: Seen,
    pub count: u64,
}

/// Calls per operation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OperationStats {
    pub operation: Option<String>,
    pub method: String,
    pub path: String,
    pub calls: u64,
    /// Calls without a contradicting finding.
    pub ok: u64,
    pub findings: u64,
}

/// A finding of one call, before it is counted.
#[derive(Debug, Clone, Serialize)]
pub struct Seen {
    pub direction: Direction,
    pub kind: String,
    pub pointer: String,
    pub expected: String,
    pub actual: String,
    pub confidence: Option<String>,
    pub verdict: Verdict,
    pub example: String,
    /// The finding in words, as the emulator and `ContractCheck` say it
    /// ([`interlace_contract::Finding::message`]); empty for findings that
    /// are not about a field.
    pub message: String,
}

impl Seen {
    /// A finding about the call as a whole: no pointer, confidence or
    /// example until [`Seen::at`], [`Seen::confidence`], [`Seen::example`].
    pub fn new(
        direction: Direction,
        kind: &str,
        verdict: Verdict,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> Self {
        Self {
            direction,
            kind: kind.to_owned(),
            pointer: String::new(),
            expected: expected.into(),
            actual: actual.into(),
            confidence: None,
            verdict,
            example: String::new(),
            message: String::new(),
        }
    }

    /// The finding in words.
    #[must_use]
    pub fn message(mut self, message: String) -> Self {
        self.message = message;
        self
    }

    /// Where in the request or answer it is.
    #[must_use]
    pub fn at(mut self, pointer: String) -> Self {
        self.pointer = pointer;
        self
    }

    /// The confidence of the fact it concerns.
    #[must_use]
    pub fn confidence(mut self, confidence: Option<String>) -> Self {
        self.confidence = confidence;
        self
    }

    /// A short, masked excerpt of what was seen.
    #[must_use]
    pub fn example(mut self, example: String) -> Self {
        self.example = example;
        self
    }
}

#[derive(Debug, Default)]
struct State {
    operations: BTreeMap<(String, String), OperationStats>,
    findings: BTreeMap<String, Entry>,
    dirty: bool,
}

/// The report being gathered.
#[derive(Debug)]
pub struct Drift {
    contract: String,
    upstream: String,
    state: Mutex<State>,
}

impl Drift {
    pub fn new(contract: String, upstream: String) -> Self {
        Self {
            contract,
            upstream,
            state: Mutex::default(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts one call of `operation` (`None`: not in the contract) and
    /// what was seen in it.
    pub fn record(&self, operation: Option<&str>, method: &str, path: &str, seen: Vec<Seen>) {
        let mut state = self.state();
        state.dirty = true;
        let stats = state
            .operations
            .entry((method.to_owned(), path.to_owned()))
            .or_insert_with(|| OperationStats {
                operation: operation.map(str::to_owned),
                method: method.to_owned(),
                path: path.to_owned(),
                ..OperationStats::default()
            });
        stats.calls += 1;
        stats.findings += seen.len() as u64;
        if !seen.iter().any(|s| s.verdict == Verdict::Contradicts) {
            stats.ok += 1;
        }
        for s in seen {
            // Array indices collapse: a wrong field in every row is one finding.
            let shape: String = s
                .pointer
                .split('/')
                .map(|seg| {
                    if seg.bytes().all(|b| b.is_ascii_digit()) && !seg.is_empty() {
                        "*"
                    } else {
                        seg
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            let key = format!("{method} {path} {:?} {} {shape}", s.direction, s.kind);
            state
                .findings
                .entry(key)
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Entry {
                    operation: operation.map(str::to_owned),
                    method: method.to_owned(),
                    path: path.to_owned(),
                    seen: s,
                    count: 1,
                });
        }
    }

    /// The findings so far.
    pub fn findings(&self) -> Vec<Entry> {
        self.state().findings.values().cloned().collect()
    }

    /// The report as JSON.
    pub fn to_json(&self) -> Value {
        let state = self.state();
        serde_json::json!({
            "contract": self.contract,
            "upstream": self.upstream,
            "operations": state.operations.values().collect::<Vec<_>>(),
            "findings": state.findings.values().collect::<Vec<_>>(),
        })
    }

    /// The report as JUnit XML: one test case per operation seen, failing
    /// when a finding contradicts the contract.
    pub fn to_junit(&self) -> String {
        let state = self.state();
        let failing = state.operations.values().filter(|o| o.ok < o.calls).count();
        let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        let _ = write!(
            xml,
            "\n<testsuite name=\"interlace contract drift\" tests=\"{}\" failures=\"{failing}\">",
            state.operations.len()
        );
        for op in state.operations.values() {
            let name = op
                .operation
                .clone()
                .unwrap_or_else(|| "(not in the contract)".into());
            let _ = write!(
                xml,
                "\n  <testcase classname=\"{}\" name=\"{}\">",
                escape(&format!("{} {}", op.method, op.path)),
                escape(&name)
            );
            let contradictions: Vec<&Entry> = state
                .findings
                .values()
                .filter(|e| e.method == op.method && e.path == op.path)
                .filter(|e| e.seen.verdict == Verdict::Contradicts)
                .collect();
            if !contradictions.is_empty() {
                let text: Vec<String> = contradictions
                    .iter()
                    .map(|e| {
                        format!(
                            "{:?} {} at {}: expected {}, got {} ({} times)",
                            e.seen.direction,
                            e.seen.kind,
                            e.seen.pointer,
                            e.seen.expected,
                            e.seen.actual,
                            e.count
                        )
                    })
                    .collect();
                let _ = write!(
                    xml,
                    "\n    <failure message=\"{} contradiction(s)\">{}</failure>",
                    contradictions.len(),
                    escape(&text.join("\n"))
                );
            }
            xml.push_str("\n  </testcase>");
        }
        xml.push_str("\n</testsuite>\n");
        xml
    }

    /// A few lines for a person: operations seen, findings by kind.
    pub fn summary(&self) -> String {
        let state = self.state();
        let mut by_kind: BTreeMap<(&str, Verdict), u64> = BTreeMap::new();
        for e in state.findings.values() {
            *by_kind
                .entry((e.seen.kind.as_str(), e.seen.verdict))
                .or_default() += e.count;
        }
        let calls: u64 = state.operations.values().map(|o| o.calls).sum();
        let mut out = format!(
            "{} operation(s) seen in {calls} call(s)\n",
            state.operations.len()
        );
        for ((kind, verdict), n) in by_kind {
            let _ = writeln!(out, "  {kind} ({verdict:?}): {n}");
        }
        out
    }

    /// Writes the JSON report and the JUnit file, when asked for, if
    /// anything changed since the last write (always when `force`).
    pub fn write(
        &self,
        report: Option<&Path>,
        junit: Option<&Path>,
        force: bool,
    ) -> std::io::Result<()> {
        {
            let mut state = self.state();
            if !state.dirty && !force {
                return Ok(());
            }
            state.dirty = false;
        }
        if let Some(path) = report {
            let text =
                serde_json::to_string_pretty(&self.to_json()).map_err(std::io::Error::other)?;
            write_atomically(path, &text)?;
        }
        if let Some(path) = junit {
            write_atomically(path, &self.to_junit())?;
        }
        Ok(())
    }
}

/// Writes through a temporary file, so a reader never sees half a report.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(tmp, path)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
