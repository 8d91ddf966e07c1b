//! The parts of one request, as an endpoint writes them: path (with its
//! placeholders encoded as one segment each), query, headers and body. A
//! write that fails is kept as the parts' one error, and parts holding one
//! are never sent.
//!
//! The JSON body is built field by field in `json.rs`, a multipart body in
//! `multipart.rs`.

mod json;
mod multipart;

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::error::Error;

pub use multipart::FilePart;

/// A value that can fill a path placeholder.
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't be rendered into a request path",
    label = "this field fills a path placeholder",
    note = "path fields must be ids, strings or integers; implement `PathParam` for other types"
)]
pub trait PathParam {
    /// Writes the raw (not yet percent-encoded) value.
    fn write_path_param(&self, out: &mut String);
}

impl PathParam for str {
    fn write_path_param(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl PathParam for String {
    fn write_path_param(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: PathParam + ?Sized> PathParam for &T {
    fn write_path_param(&self, out: &mut String) {
        (**self).write_path_param(out);
    }
}

macro_rules! int_path_param {
    ($($t:ty),*) => {$(
        impl PathParam for $t {
            fn write_path_param(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
int_path_param!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);

/// Characters escaped in a path segment: everything but RFC 3986 unreserved characters.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The parts of one request, written by [`crate::Endpoint::write_request`].
#[derive(Debug, Default)]
pub struct RequestParts {
    pub(crate) endpoint: &'static str,
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Vec<u8>>,
    pub(crate) content_type: Option<String>,
    pub(crate) idempotency_key: Option<String>,
    /// The first write that failed; parts holding one are never sent.
    pub(crate) error: Option<String>,
}

impl RequestParts {
    /// Empty parts for `endpoint`.
    pub fn new(endpoint: &'static str) -> Self {
        Self {
            endpoint,
            ..Self::default()
        }
    }

    /// The first write into these parts that failed, as an error. The client
    /// checks it before anything is sent, a token request included.
    pub fn check(&self) -> Result<(), Error> {
        match &self.error {
            Some(message) => Err(Error::invalid_request(self.endpoint, message.clone())),
            None => Ok(()),
        }
    }

    /// Keeps the first failed write; later ones are usually its consequences.
    fn reject(&mut self, message: impl Into<String>) {
        self.error.get_or_insert_with(|| message.into());
    }

    /// Appends a literal piece of the path template.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a placeholder's value, percent-encoded as one path segment.
    ///
    /// An empty value is refused: it would address a different resource.
    pub fn path_param(&mut self, value: &(impl PathParam + ?Sized)) {
        let mut raw = String::new();
        value.write_path_param(&mut raw);
        if raw.is_empty() {
            return self.reject("a path parameter is empty");
        }
        if raw.chars().all(|c| c == '.') {
            // `.` and `..` would be resolved away by servers and proxies.
            self.path.extend(std::iter::repeat_n("%2E", raw.len()));
        } else {
            let _ = write!(
                self.path,
                "{}",
                percent_encoding::utf8_percent_encode(&raw, SEGMENT)
            );
        }
    }

    /// Adds a query parameter. `None` and JSON `null` are left out; a list adds
    /// the parameter once per item; enums and ids use their wire form.
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_value(value) {
            Ok(value) => self.push_query_value(name, value),
            Err(e) => self.reject(format!("query parameter `{name}`: {e}")),
        }
    }

    fn push_query_value(&mut self, name: &'static str, value: serde_json::Value) {
        use serde_json::Value;
        match value {
            Value::Null => {}
            Value::Bool(b) => self.query.push((name, b.to_string())),
            Value::Number(n) => self.query.push((name, n.to_string())),
            Value::String(s) => self.query.push((name, s)),
            Value::Array(items) => {
                for item in items {
                    self.push_query_value(name, item);
                }
            }
            Value::Object(_) => self.reject(format!(
                "query parameter `{name}` is an object; only scalars and lists fit in a query"
            )),
        }
    }

    /// Adds a header. Values with line breaks or other control characters are refused.
    pub fn header(&mut self, name: &'static str, value: &(impl fmt::Display + ?Sized)) {
        let value = value.to_string();
        if value.chars().any(|c| c.is_control()) {
            return self.reject(format!("header `{name}` holds a control character"));
        }
        self.headers.push((name, value));
    }

    /// Uses this `Idempotency-Key` instead of a generated one, for example to
    /// make a call safe to repeat after a process restart.
    pub fn idempotency_key(&mut self, key: impl Into<String>) {
        self.idempotency_key = Some(key.into());
    }

    /// The path written so far.
    pub fn rendered_path(&self) -> &str {
        &self.path
    }

    /// The query pairs written so far.
    pub fn query_pairs(&self) -> &[(&'static str, String)] {
        &self.query
    }

    /// The headers written so far.
    pub fn header_pairs(&self) -> &[(&'static str, String)] {
        &self.headers
    }

    /// The body written so far.
    pub fn body_bytes(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The body's content type: JSON unless a multipart body was set.
    pub fn content_type(&self) -> Option<&str> {
        match (&self.body, &self.content_type) {
            (None, _) => None,
            (Some(_), Some(ct)) => Some(ct),
            (Some(_), None) => Some("application/json"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(p: &RequestParts) -> &str {
        std::str::from_utf8(p.body_bytes().expect("a body")).unwrap()
    }

    #[test]
    fn body_fields_build_one_object_in_order() {
        let mut p = RequestParts::new("t");
        p.body_field("a\"b", &1);
        p.body_opt::<u8>("skipped", &None);
        p.body_opt("list", &Some(vec!["x", "y"]));
        p.body_flatten("extra", &serde_json::json!({"k": {"n": null}}));
        p.body_field("last", "z");
        p.check().unwrap();
        assert_eq!(
            body(&p),
            r#"{"a\"b":1,"list":["x","y"],"k":{"n":null},"last":"z"}"#
        );
    }

    #[test]
    fn a_body_of_absent_fields_is_an_empty_object() {
        let mut p = RequestParts::new("t");
        p.body_opt::<u8>("a", &None);
        p.body_flatten("b", &None::<u8>);
        p.body_flatten("c", &serde_json::json!({}));
        assert_eq!(body(&p), "{}");
        let mut p = RequestParts::new("t");
        p.body_flatten("c", &serde_json::json!({"x": 1}));
        p.body_flatten("d", &serde_json::json!({}));
        p.check().unwrap();
        assert_eq!(body(&p), r#"{"x":1}"#);
    }

    #[test]
    fn spreading_a_non_object_is_a_typed_error() {
        for value in [
            serde_json::json!([1]),
            serde_json::json!("s"),
            serde_json::json!(3),
        ] {
            let mut p = RequestParts::new("t");
            p.body_flatten("extra", &value);
            let err = p.check().unwrap_err();
            assert!(err.to_string().contains("`extra`"), "{err}");
        }
    }

    #[test]
    fn a_field_that_fails_to_serialize_is_a_typed_error() {
        let mut map = std::collections::HashMap::new();
        map.insert(vec![1u8], 1);
        let mut p = RequestParts::new("t");
        p.body_field("weird", &map);
        p.body_field("fine", &1);
        let err = p.check().unwrap_err();
        assert!(err.to_string().contains("body field `weird`"), "{err}");
    }

    #[test]
    fn path_params_are_encoded_as_one_segment() {
        let mut p = RequestParts::new("t");
        p.path("/cards/");
        p.path_param("a/b?c d");
        p.check().unwrap();
        assert_eq!(p.rendered_path(), "/cards/a%2Fb%3Fc%20d");
    }

    #[test]
    fn dot_segments_are_escaped() {
        let mut p = RequestParts::new("t");
        p.path("/cards/");
        p.path_param("..");
        assert_eq!(p.rendered_path(), "/cards/%2E%2E");
        p.check().unwrap();
        p.path_param("");
        assert!(p.check().is_err());
    }

    #[test]
    fn query_skips_none_and_repeats_lists() {
        let mut p = RequestParts::new("t");
        p.query("a", &None::<String>);
        p.query("b", &vec!["x", "y"]);
        p.query("c", &3);
        p.check().unwrap();
        assert_eq!(
            p.query_pairs(),
            &[
                ("b", "x".to_string()),
                ("b", "y".to_string()),
                ("c", "3".to_string())
            ]
        );
    }

    #[test]
    fn query_refuses_objects_and_headers_refuse_newlines() {
        let mut p = RequestParts::new("t");
        p.query("o", &serde_json::json!({"k": 1}));
        let err = p.check().unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err}");
        let mut p = RequestParts::new("t");
        p.header("X-A", "a\r\nb");
        let err = p.check().unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err}");
    }
}
