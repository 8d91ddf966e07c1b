//! The contract between a declared endpoint and the runtime.
//!
//! An [`Endpoint`] says what it is through a `'static` [`EndpointMeta`] and
//! writes its values into [`RequestParts`]. Everything after that — tokens,
//! retries, the wire, the envelope — runs in non-generic code, so the code
//! generated per endpoint stays a few lines long.

use std::fmt::{self, Write as _};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;

/// The HTTP methods the Interlace Open API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// The method as it appears on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Self::Get => reqwest::Method::GET,
            Self::Post => reqwest::Method::POST,
            Self::Put => reqwest::Method::PUT,
            Self::Delete => reqwest::Method::DELETE,
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Static facts about one endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointMeta {
    /// Name used in spans and errors, e.g. `create_prepaid_card`.
    pub name: &'static str,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template as declared, e.g. `/open-api/v3/cards/{card_id}/freeze`.
    pub path_template: &'static str,
    /// Whether the call carries `x-access-token`.
    pub auth: bool,
    /// Whether every call gets a fresh `Idempotency-Key`, reused on its retries.
    pub idempotent: bool,
    /// Whether the response holds credentials, so no excerpt of it may appear in errors.
    pub sensitive_response: bool,
}

impl EndpointMeta {
    /// Metadata with the defaults: authenticated, not idempotent, ordinary response.
    pub const fn new(name: &'static str, method: HttpMethod, path_template: &'static str) -> Self {
        Self {
            name,
            method,
            path_template,
            auth: true,
            idempotent: false,
            sensitive_response: false,
        }
    }

    /// Sent without `x-access-token` (the OAuth calls).
    pub const fn without_auth(mut self) -> Self {
        self.auth = false;
        self
    }

    /// Sent with a fresh `Idempotency-Key` per call.
    pub const fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// The response carries credentials.
    pub const fn sensitive_response(mut self) -> Self {
        self.sensitive_response = true;
        self
    }
}

/// One Interlace endpoint: a request type that knows how to put itself on the wire.
///
/// `#[interlace_endpoint]` implements it; hand-written implementations are a
/// few lines, as this one shows:
///
/// ```
/// use interlace_runtime::{Endpoint, EndpointMeta, Error, HttpMethod, RequestParts};
///
/// #[derive(serde::Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct FreezeCard {
///     #[serde(skip)]
///     card_id: String,
///     account_id: String,
/// }
///
/// impl Endpoint for FreezeCard {
///     type Response = interlace_runtime::NoContent;
///     const META: &'static EndpointMeta =
///         &EndpointMeta::new("freeze_card", HttpMethod::Post, "/open-api/v3/cards/{card_id}/freeze");
///     fn write_request(&self, req: &mut RequestParts) {
///         req.path("/open-api/v3/cards/");
///         req.path_param(&self.card_id);
///         req.path("/freeze");
///         req.json_body(self);
///     }
/// }
///
/// // A value that can't go on the wire is an error of the call, before anything is sent.
/// let bad = FreezeCard { card_id: String::new(), account_id: "a".into() };
/// assert!(RequestParts::of(&bad).is_err());
/// ```
pub trait Endpoint {
    /// What the envelope's `data` decodes into.
    type Response: FromData;
    /// Static facts about the endpoint.
    const META: &'static EndpointMeta;
    /// Writes path, query, headers and body.
    ///
    /// There is one error channel: the parts. A write that fails (an empty
    /// path parameter, a value that does not serialize, a header with a line
    /// break) is kept in them, and the client refuses to send parts holding
    /// one ([`RequestParts::of`]). Writers return nothing, so generated
    /// implementations are straight-line calls with no `Result` to thread
    /// through, which keeps their compile cost flat.
    fn write_request(&self, req: &mut RequestParts);
}

/// A response type the envelope's `data` can be decoded into.
///
/// Implemented for every `serde::de::DeserializeOwned` type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't be used as an Interlace response: it can't be decoded from JSON",
    label = "this response type does not implement `serde::Deserialize`",
    note = "derive `serde::Deserialize` for it, or use `NoContent` for endpoints that return nothing"
)]
pub trait FromData: Sized {
    /// Decodes `data`; `None` when the envelope had no `data` or `null`.
    fn from_data(data: Option<&str>) -> Result<Self, serde_json::Error>;

    /// Decodes a whole success envelope in one pass. Any error sends the
    /// caller to the careful path, which classifies it. An optimisation of
    /// the client's, not meant to be called.
    #[doc(hidden)]
    fn from_envelope(body: &[u8]) -> Result<Self, serde_json::Error>;
}

/// A success envelope read in one pass: `code` only has to be there once
/// (its value was checked before), `message` is skipped.
#[derive(serde::Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct SuccessEnvelope<T> {
    #[allow(dead_code)]
    code: serde::de::IgnoredAny,
    #[serde(default = "Option::default")]
    data: Option<T>,
}

impl<T: DeserializeOwned> FromData for T {
    fn from_data(data: Option<&str>) -> Result<Self, serde_json::Error> {
        serde_json::from_str(data.unwrap_or("null"))
    }

    fn from_envelope(body: &[u8]) -> Result<Self, serde_json::Error> {
        match serde_json::from_slice::<SuccessEnvelope<T>>(body)?.data {
            Some(data) => Ok(data),
            // `data` absent or null: whatever `T` makes of null.
            None => serde_json::from_str("null"),
        }
    }
}

/// The response of an endpoint that returns nothing useful: any `data` is accepted and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> serde::Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| NoContent)
    }
}

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

/// The parts of one request, written by [`Endpoint::write_request`].
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

/// One file of a `multipart/form-data` body.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    /// Form field name, e.g. `files`.
    pub field: String,
    /// File name sent to the server.
    pub file_name: String,
    /// MIME type, e.g. `image/jpeg`.
    pub content_type: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for FilePart {
    // Identity documents go through here: print their size, not their bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("field", &self.field)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .finish()
    }
}

impl RequestParts {
    /// Empty parts for `endpoint`.
    pub fn new(endpoint: &'static str) -> Self {
        Self {
            endpoint,
            ..Self::default()
        }
    }

    /// The parts of `request`: written by its [`Endpoint::write_request`] and
    /// checked, so a write that failed is an error here even when the
    /// implementation ignored it.
    ///
    /// ```
    /// # use interlace_runtime::{Endpoint, EndpointMeta, Error, HttpMethod, NoContent, RequestParts};
    /// struct Ping;
    /// impl Endpoint for Ping {
    ///     type Response = NoContent;
    ///     const META: &'static EndpointMeta = &EndpointMeta::new("ping", HttpMethod::Get, "/ping");
    ///     fn write_request(&self, req: &mut RequestParts) {
    ///         req.path("/ping");
    ///     }
    /// }
    /// assert_eq!(RequestParts::of(&Ping)?.rendered_path(), "/ping");
    /// # Ok::<(), Error>(())
    /// ```
    pub fn of<E: Endpoint>(request: &E) -> Result<Self, Error> {
        let mut parts = Self::new(E::META.name);
        request.write_request(&mut parts);
        parts.check()?;
        Ok(parts)
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

    /// The body as a JSON object, `{}` if nothing was added yet.
    fn body_object(&mut self) -> &mut Vec<u8> {
        self.body.get_or_insert_with(|| b"{}".to_vec())
    }

    // The body is kept a complete object between fields: an entry replaces
    // the closing brace, and whoever reopens the object puts it back.
    fn reopen_body(&mut self) -> &mut Vec<u8> {
        let body = self.body_object();
        body.pop();
        if body.len() > 1 {
            body.push(b',');
        }
        body
    }

    fn open_body_entry(&mut self, name: &str) -> &mut Vec<u8> {
        let body = self.reopen_body();
        // A `&str` always serializes.
        let _ = serde_json::to_writer(&mut *body, name);
        body.push(b':');
        body
    }

    fn close_body_entry(&mut self, name: &str, written: Result<(), serde_json::Error>) {
        // The object is closed even after a failed write, so later fields
        // still land in a well-formed (if never sent) body.
        self.body_object().push(b'}');
        if let Err(e) = written {
            self.reject(format!("body field `{name}`: {e}"));
        }
    }

    fn splice_object(&mut self, name: &str, bytes: Result<Vec<u8>, serde_json::Error>) {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => return self.reject(format!("body field `{name}`: {e}")),
        };
        let entries = match bytes.as_slice() {
            b"null" => &[][..],
            [b'{', inner @ .., b'}'] => inner,
            _ => {
                return self.reject(format!(
                    "body field `{name}` is spread into the body but is not an object"
                ));
            }
        };
        if entries.is_empty() {
            self.body_object();
        } else {
            let body = self.reopen_body();
            body.extend_from_slice(entries);
            body.push(b'}');
        }
    }

    /// Sets a `multipart/form-data` body of text fields and files.
    pub fn multipart_body(&mut self, fields: &[(&str, &str)], files: &[FilePart]) {
        if let Err(message) = self.try_multipart_body(fields, files) {
            self.reject(message);
        }
    }

    fn try_multipart_body(
        &mut self,
        fields: &[(&str, &str)],
        files: &[FilePart],
    ) -> Result<(), String> {
        let boundary = format!("interlace-{}", uuid::Uuid::new_v4().simple());
        let quoted = |s: &str| -> Result<String, String> {
            if s.contains(['"', '\r', '\n']) {
                return Err(format!("multipart name `{s}` holds a quote or line break"));
            }
            Ok(format!("\"{s}\""))
        };
        let mut body = Vec::new();
        for (name, value) in fields {
            let head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name={}\r\n\r\n",
                quoted(name)?
            );
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(value.as_bytes());
            body.extend_from_slice(b"\r\n");
        }
        for file in files {
            if file.content_type.chars().any(|c| c.is_control()) {
                return Err("a file's content type holds a control character".into());
            }
            let head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name={}; filename={}\r\nContent-Type: {}\r\n\r\n",
                quoted(&file.field)?,
                quoted(&file.file_name)?,
                file.content_type
            );
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(&file.bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.body = Some(body);
        self.content_type = Some(format!("multipart/form-data; boundary={boundary}"));
        Ok(())
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
