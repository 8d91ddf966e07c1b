//! A request judged against its operation: path, query, headers and body.
//! The one request validator of the toolkit: the emulator refuses what it
//! finds, the validating proxy reports it, and both say it in the words of
//! [`Finding::message`].

use serde_json::Value;

use crate::conformance::{decimal, describe, length_rule};
use crate::{Document, Finding, FindingKind, Kind, Location, Operation, check};

/// What a request carried.
#[derive(Debug, Clone, Copy)]
pub struct Sent<'a> {
    /// Path placeholders and their values, decoded.
    pub path: &'a [(String, String)],
    /// Query pairs, decoded, in order.
    pub query: &'a [(String, String)],
    /// Headers: names (any case) and values.
    pub headers: &'a [(String, String)],
    /// The raw body; empty when there is none.
    pub body: &'a [u8],
    /// Whether the body is a multipart upload, which is not judged as JSON.
    pub multipart: bool,
    /// A multipart body's parts as a JSON object (each text part its text,
    /// each file part its file name; a part sent several times an array),
    /// judged against the operation's `multipart/form-data` schema. `None`
    /// when the caller did not read the parts: they are then not judged.
    pub form: Option<&'a Value>,
    /// The names of the multipart parts that carried a file.
    pub files: &'a [String],
}

/// Every finding about `sent` as a request of `op`: required parameters,
/// headers and body that are absent, values of the wrong kind or outside
/// an `enum` or bounds, and (as evidence, not contradictions) parameters and
/// body fields the contract does not list. Pointers: `/path/{name}`,
/// `/query/{name}`, `/header/{name}`, and the body's own (`""` for the
/// body itself, `/amount`, `/from/businessType`).
///
/// ```
/// use interlace_contract::{FindingKind, Sent, bundled, check_request};
///
/// let contract = bundled();
/// let op = contract.operation("GET", "/open-api/v3/card-list").unwrap();
/// let query = [("limit".to_string(), "ten".to_string())];
/// let sent = Sent { path: &[], query: &query, headers: &[], body: b"", multipart: false, form: None, files: &[] };
/// let findings = check_request(contract, op, &sent);
/// assert!(findings.iter().any(|f| f.kind == FindingKind::MissingRequired && f.pointer == "/query/accountId"));
/// assert_eq!(findings[1].message("listCards"), "query parameter `limit` must be an integer, not string");
/// ```
pub fn check_request(doc: &Document, op: &Operation, sent: &Sent<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for field in &op.fields {
        let confidence = field.confidence.or(op.confidence);
        let (place, value) = match field.location {
            Location::Path => ("path", lookup(sent.path, &field.name, false)),
            Location::Query => ("query", lookup(sent.query, &field.name, false)),
            Location::Header => ("header", lookup(sent.headers, &field.name, true)),
            Location::Body => continue,
        };
        let pointer = format!("/{place}/{}", field.name);
        let schema = doc.schema(&field.schema);
        match value {
            None if field.required => out.push(Finding {
                kind: FindingKind::MissingRequired,
                pointer,
                expected: describe(&schema),
                actual: "absent".into(),
                confidence,
            }),
            None => {}
            Some(text) => {
                if let Some((kind, expected, actual)) = parameter(schema, text) {
                    out.push(Finding {
                        kind,
                        pointer,
                        expected,
                        actual,
                        confidence,
                    });
                }
            }
        }
    }
    for (name, _) in sent.query {
        if op.field(name, Location::Query).is_none() {
            out.push(Finding {
                kind: FindingKind::UndocumentedField,
                pointer: format!("/query/{name}"),
                expected: "not listed".into(),
                actual: "string".into(),
                confidence: op.confidence,
            });
        }
    }
    let empty = sent.body.iter().all(u8::is_ascii_whitespace);
    if empty {
        if doc.body_required(op) {
            out.push(Finding {
                kind: FindingKind::MissingRequired,
                pointer: String::new(),
                expected: "a body".into(),
                actual: "absent".into(),
                confidence: op.confidence,
            });
        }
        return out;
    }
    if sent.multipart {
        if let (Some(schema), Some(form)) = (doc.multipart_body(op), sent.form) {
            out.extend(check(schema, form, ""));
            // A file field sent as text.
            for (name, property) in schema.properties() {
                let wants_file = [Some(property), property.items()]
                    .into_iter()
                    .flatten()
                    .any(|s| s.get("contentMediaType").is_some() || s.format() == Some("binary"));
                let sent_any = form
                    .get(name)
                    .is_some_and(|v| v.as_array().is_none_or(|items| !items.is_empty()));
                if wants_file && sent_any && !sent.files.iter().any(|f| f == name) {
                    out.push(Finding {
                        kind: FindingKind::WrongType,
                        pointer: format!("/{}", crate::pointer::escape(name)),
                        expected: "file".into(),
                        actual: "text".into(),
                        confidence: property.confidence().or(op.confidence),
                    });
                }
            }
        } else if doc.multipart_body(op).is_none() && doc.body(op).is_some() {
            // A form sent to an operation that takes JSON.
            out.push(Finding {
                kind: FindingKind::WrongType,
                pointer: String::new(),
                expected: "JSON".into(),
                actual: "a multipart form".into(),
                confidence: op.confidence,
            });
        }
        return out;
    }
    let Some(schema) = doc.body(op) else {
        return out;
    };
    match serde_json::from_slice::<Value>(sent.body) {
        Ok(value) => out.extend(check(schema, &value, "")),
        Err(_) => out.push(Finding {
            kind: FindingKind::WrongType,
            pointer: String::new(),
            expected: "JSON".into(),
            actual: "not JSON".into(),
            confidence: op.confidence,
        }),
    }
    out
}

/// The value of `name` among `pairs`; header names compare without case.
fn lookup<'a>(pairs: &'a [(String, String)], name: &str, any_case: bool) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| {
            if any_case {
                k.eq_ignore_ascii_case(name)
            } else {
                k == name
            }
        })
        .map(|(_, v)| v.as_str())
}

/// What is wrong with a parameter's text, by its schema's kind, bounds and
/// `enum`: the finding's kind, expected and actual.
fn parameter(schema: crate::Schema<'_>, text: &str) -> Option<(FindingKind, String, String)> {
    let wrong = |expected: &str, actual: &str| {
        Some((
            FindingKind::WrongType,
            expected.to_owned(),
            actual.to_owned(),
        ))
    };
    if let Some(expected) = length_rule(schema, text) {
        return wrong(&expected, &format!("{} characters", text.chars().count()));
    }
    match schema.kind() {
        Some(Kind::Integer) => {
            // Any number of digits is an integer; bounds compare its value.
            let digits = text.strip_prefix('-').unwrap_or(text);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return wrong("integer", "string");
            }
            let n: f64 = text.parse().unwrap_or(f64::MAX);
            let (min, max) = schema.bounds();
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                let bound =
                    |b: Option<f64>, none: &str| b.map_or(none.to_owned(), |b| b.to_string());
                return wrong(
                    &format!("integer from {} to {}", bound(min, "-∞"), bound(max, "∞")),
                    text,
                );
            }
        }
        Some(Kind::Number) if text.parse::<f64>().is_err() => return wrong("number", "string"),
        Some(Kind::Boolean) if text != "true" && text != "false" => {
            return wrong("boolean", "string");
        }
        Some(Kind::Decimal) if !decimal(text) => return wrong("decimal string", text),
        _ => {}
    }
    let allowed = schema.enum_values()?;
    let matches = allowed.iter().any(|v| match v {
        Value::String(s) => s == text,
        // A number or boolean in the enum: the text read as JSON.
        other => serde_json::from_str::<Value>(text).is_ok_and(|read| read == **other),
    });
    (!matches).then(|| {
        let listed: Vec<String> = allowed.iter().map(|v| v.to_string()).collect();
        (
            FindingKind::UnknownEnumValue,
            format!("one of {}", listed.join(", ")),
            format!("\"{text}\""),
        )
    })
}

impl Finding {
    /// The finding in a sentence, naming the place it concerns: what the
    /// emulator answers and the proxy's report says.
    ///
    /// ```
    /// use interlace_contract::{Finding, FindingKind};
    ///
    /// let f = Finding {
    ///     kind: FindingKind::WrongType,
    ///     pointer: "/from/businessType".into(),
    ///     expected: "integer".into(),
    ///     actual: "string".into(),
    ///     confidence: None,
    /// };
    /// assert_eq!(f.message("createTransfer"), "field `from.businessType` must be an integer, not string");
    /// ```
    pub fn message(&self, operation: &str) -> String {
        let place = place(&self.pointer);
        match self.kind {
            FindingKind::MissingRequired => format!("{place} is required"),
            FindingKind::WrongType if self.expected == "JSON" => format!("{place} is not JSON"),
            FindingKind::WrongType => format!(
                "{place} must be {}{}, not {}",
                article(&self.expected),
                self.expected,
                self.actual
            ),
            FindingKind::UnknownEnumValue => {
                format!("{place} must be {}, not {}", self.expected, self.actual)
            }
            FindingKind::UndocumentedField if self.pointer.starts_with("/query/") => {
                format!("{place} is not a parameter of `{operation}`")
            }
            FindingKind::UndocumentedField => {
                format!("{place} is not a field of `{operation}`")
            }
            FindingKind::GuessConfirmed => format!("{place} is as the contract guesses"),
        }
    }
}

/// The place a pointer names, in words.
fn place(pointer: &str) -> String {
    let parameter = |kind: &str, rest: &str| format!("{kind} `{rest}`");
    if let Some(rest) = pointer.strip_prefix("/query/") {
        return parameter("query parameter", rest);
    }
    if let Some(rest) = pointer.strip_prefix("/header/") {
        return parameter("header", rest);
    }
    if let Some(rest) = pointer.strip_prefix("/path/") {
        return parameter("path parameter", rest);
    }
    if pointer.is_empty() {
        return "the body".into();
    }
    let dotted: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(crate::pointer::unescape)
        .collect();
    format!("field `{}`", dotted.join("."))
}

fn article(expected: &str) -> &'static str {
    if expected.starts_with("one of") || expected == "JSON" || expected == "present" {
        ""
    } else if expected.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an "
    } else {
        "a "
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent<'a>(body: &'a [u8], multipart: bool, form: Option<&'a Value>) -> Sent<'a> {
        Sent {
            path: &[],
            query: &[],
            headers: &[],
            body,
            multipart,
            form,
            files: &[],
        }
    }

    #[test]
    fn a_body_is_judged_as_the_operation_takes_it() {
        let doc = crate::bundled();
        let budgets = doc.operation("POST", "/open-api/v3/budgets").unwrap();
        let kinds = |s: &Sent<'_>| -> Vec<(FindingKind, String)> {
            check_request(doc, budgets, s)
                .into_iter()
                .filter(|f| f.kind.contradicts())
                .map(|f| (f.kind, f.message("createBudget")))
                .collect()
        };
        assert_eq!(
            kinds(&sent(b"", false, None)),
            [(
                FindingKind::MissingRequired,
                "the body is required".to_owned()
            )]
        );
        assert_eq!(
            kinds(&sent(b"{not json", false, None)),
            [(FindingKind::WrongType, "the body is not JSON".to_owned())]
        );
        assert_eq!(
            kinds(&sent(b"--b\r\n", true, None)),
            [(FindingKind::WrongType, "the body is not JSON".to_owned())]
        );
        let upload = doc.operation("POST", "/open-api/v3/files/upload").unwrap();
        let form = serde_json::json!({"accountId": "acc-1"});
        let findings = check_request(doc, upload, &sent(b"--b\r\n", true, Some(&form)));
        assert_eq!(
            findings[0].message("uploadFiles"),
            "field `files` is required"
        );
    }
}
