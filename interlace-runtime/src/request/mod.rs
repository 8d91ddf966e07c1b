//! The parts of one request, as an endpoint writes them: path (with its
//! placeholders encoded as one segment each), query, headers and body. A
//! write that fails is kept as the parts' one error, and parts holding one
//! are never sent.
//!
//! The JSON body is built field by field in `json.rs`, a multipart body in
//! `multipart.rs`.

mod json;
mod multipart;
mod query;

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
    pub(crate) query: query::Query,
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
    /// An empty value, `.` or `..` is refused: it would address a
    /// different resource. URLs resolve `.` and `..` segments even written
    /// as `%2E` (the WHATWG URL rules, which the `url` crate follows), so
    /// no encoding keeps them in place.
    pub fn path_param(&mut self, value: &(impl PathParam + ?Sized)) {
        let mut raw = String::new();
        value.write_path_param(&mut raw);
        if raw.is_empty() {
            return self.reject("a path parameter is empty");
        }
        if raw == "." || raw == ".." {
            return self.reject(format!(
                "a path parameter is `{raw}`, which a URL resolves away"
            ));
        }
        let _ = write!(
            self.path,
            "{}",
            percent_encoding::utf8_percent_encode(&raw, SEGMENT)
        );
    }

    /// Sets the JSON body.
    pub fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(bytes),
            Err(e) => self.reject(format!("body: {e}")),
        }
    }

    /// Adds `"name": value` to the JSON object body, starting the object if
    /// needed. Fields keep the order they are added in.
    ///
    /// ```
    /// # use interlace_runtime::RequestParts;
    /// let mut req = RequestParts::new("create_card");
    /// req.body_field("accountId", "acc-1");
    /// req.body_opt("amount", &Some(25));
    /// req.body_opt::<u32>("label", &None);
    /// assert_eq!(req.body_bytes(), Some(&br#"{"accountId":"acc-1","amount":25}"#[..]));
    /// ```
    pub fn body_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let body = self.open_body_entry(name);
        let written = serde_json::to_writer(&mut *body, value);
        self.close_body_entry(name, written)
    }

    /// Like [`body_field`](Self::body_field) for an optional field: `None`
    /// leaves the field out, though the body is still an object.
    pub fn body_opt<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        match value {
            Some(value) => self.body_field(name, value),
            None => {
                self.body_object();
            }
        }
    }

    /// Spreads the entries of `value`, which must serialize to a JSON object
    /// (or to `null`, which adds nothing), into the body. `name` is the
    /// field's name, for the error.
    pub fn body_flatten<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let bytes = serde_json::to_vec(value);
        self.splice_object(name, bytes)
    }

    /// Adds `name=value` to the query: scalars as their text, enums as their
    /// wire name, lists as one pair per item, `None` not at all.
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if let Err(e) = query::append(&mut self.query, name, value) {
            self.reject(format!("query parameter `{name}`: {e}"));
        }
    }

    /// The query pairs written so far, not yet encoded.
    pub fn query_pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.query.pairs()
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
mod props;

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
    fn dot_segments_and_empty_values_are_refused() {
        for refused in ["..", ".", ""] {
            let mut p = RequestParts::new("t");
            p.path("/cards/");
            p.path_param(refused);
            assert!(p.check().is_err(), "{refused:?}");
        }
        let mut p = RequestParts::new("t");
        p.path("/cards/");
        p.path_param("...");
        assert_eq!(p.rendered_path(), "/cards/...");
        p.check().unwrap();
    }

    #[test]
    fn query_skips_none_and_repeats_lists() {
        let mut p = RequestParts::new("t");
        p.query("a", &None::<String>);
        p.query("b", &vec!["x", "y"]);
        p.query("c", &3);
        p.check().unwrap();
        assert_eq!(
            p.query_pairs().collect::<Vec<_>>(),
            [("b", "x"), ("b", "y"), ("c", "3")]
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
