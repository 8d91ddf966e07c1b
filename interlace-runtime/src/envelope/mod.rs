//! The `{code, message, data}` envelope around every answer.
//!
//! Everything the toolkit knows of it is here: the code and its
//! normalisation, the fast path for a plain success, the checked parse, an
//! answer of an API without an envelope, and (in `decode.rs`) `data` into
//! the caller's type.
//!
//! Decoding happens in two steps. [`parse`] is non-generic: it checks the
//! envelope and finds where `data` sits in the body without building it.
//! [`decode_data`] then decodes only that slice into the caller's type.

use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Visitor};
use serde_json::value::RawValue;

use crate::error::{ApiError, CallSite, DecodeError, DecodeErrorKind, Error};
use crate::secret::KnownSecrets;

mod decode;

pub use decode::{FromData, NoContent, decode_data};

/// The envelope code meaning success in the v3 API.
pub const SUCCESS_CODE: &str = "000000";

/// An envelope code as the toolkit compares it: a code of digits only has
/// at least six of them, zero-padded on the left.
///
/// The reference documents six-digit string codes (`"010787"`), but some
/// answers carry the code as a JSON number (`10787`), which loses the
/// leading zero. Both forms become `"010787"`, on the wire and in
/// configured token-error codes alike. Other codes are kept as they are.
pub(crate) fn normalize_code(code: &str) -> String {
    if !code.is_empty() && code.len() < 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        format!("{code:0>6}")
    } else {
        code.to_owned()
    }
}

/// An envelope that has been checked: where its `data` is, and what code it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The code as a string, whether it arrived as a string or a number,
    /// normalised by [`normalize_code`].
    pub code: String,
    /// The message, empty when absent.
    pub message: String,
    /// Byte range of `data` inside the body; `None` when absent or `null`.
    pub data: Option<Range<usize>>,
}

impl Envelope {
    /// Whether the code means success: `"000000"` (v3) or the number `0`
    /// (v1), which normalises to it.
    pub fn is_success(&self) -> bool {
        self.code == SUCCESS_CODE
    }
}

#[derive(Deserialize)]
struct Wire<'a> {
    #[serde(deserialize_with = "code_as_string")]
    code: String,
    #[serde(default)]
    message: Option<String>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

fn code_as_string<'de, D: de::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct CodeVisitor;
    impl Visitor<'_> for CodeVisitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(normalize_code(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(normalize_code(&v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(normalize_code(&v.to_string()))
        }
    }
    d.deserialize_any(CodeVisitor)
}

/// Who asked, and how the answer looked: what an error needs to say.
#[derive(Debug, Clone, Copy)]
pub struct ResponseContext<'a> {
    /// Where the call was going.
    pub site: &'a CallSite,
    /// HTTP status of the answer.
    pub status: u16,
    /// Whether the body may hold credentials and must not be quoted.
    pub sensitive: bool,
    /// The secrets to mask by value in what is quoted.
    pub secrets: &'a KnownSecrets,
}

impl ResponseContext<'_> {
    /// What an error may show of `body`: a masked excerpt, or nothing when
    /// the response holds credentials.
    fn quote(&self, body: &[u8]) -> String {
        if self.sensitive {
            format!(
                "[{} bytes withheld: the answer holds credentials]",
                body.len()
            )
        } else {
            self.secrets.excerpt(body)
        }
    }

    fn decode_error(
        &self,
        kind: DecodeErrorKind,
        body: &[u8],
        source: Option<serde_json::Error>,
    ) -> Error {
        let excerpt = self.quote(body);
        Error::Decode(Box::new(DecodeError {
            site: self.site.clone(),
            status: self.status,
            kind,
            excerpt,
            source,
        }))
    }
}

/// A decode error for an answer (with `status`) larger than the configured
/// cap of `limit` bytes: nothing of it was kept to quote.
pub fn too_large(site: &CallSite, status: u16, limit: usize) -> Error {
    Error::Decode(Box::new(DecodeError {
        site: site.clone(),
        status,
        kind: DecodeErrorKind::TooLarge,
        excerpt: format!("[refused after {limit} bytes]"),
        source: None,
    }))
}

/// Parses the envelope without decoding `data`.
pub fn parse(body: &[u8], cx: ResponseContext<'_>) -> Result<Envelope, Error> {
    let wire: Wire<'_> = serde_json::from_slice(body).map_err(|e| {
        let kind = match e.classify() {
            // An empty body says nothing was sent, not that it was cut short.
            serde_json::error::Category::Eof if body.trim_ascii().is_empty() => {
                DecodeErrorKind::NotJson
            }
            serde_json::error::Category::Eof => DecodeErrorKind::Truncated,
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                DecodeErrorKind::NotJson
            }
            serde_json::error::Category::Data => DecodeErrorKind::NotAnEnvelope,
        };
        cx.decode_error(kind, body, Some(e))
    })?;
    let data = wire.data.filter(|raw| raw.get() != "null").map(|raw| {
        // `raw` borrows from `body`, so its address gives its place in it.
        let start = raw.get().as_ptr() as usize - body.as_ptr() as usize;
        start..start + raw.get().len()
    });
    Ok(Envelope {
        code: wire.code,
        message: wire.message.unwrap_or_default(),
        data,
    })
}

/// The envelope of a 2xx answer with an empty body (a 204, say): a success
/// without `data`, which [`crate::NoContent`] accepts.
pub fn empty_success(body: &[u8], status: u16) -> Option<Envelope> {
    ((200..300).contains(&status) && body.trim_ascii().is_empty()).then(|| Envelope {
        code: SUCCESS_CODE.to_string(),
        message: String::new(),
        data: None,
    })
}

/// An answer of an API that answers plain JSON, read as an envelope: a 2xx
/// is a success whose `data` is the whole body (none when it is empty);
/// any other status is a failure whose code is the status and whose message
/// is the body's `message` or `error` field, or an excerpt of it.
pub fn plain(body: &[u8], cx: ResponseContext<'_>) -> Result<Envelope, Error> {
    if (200..300).contains(&cx.status) {
        if let Some(empty) = empty_success(body, cx.status) {
            return Ok(empty);
        }
        // Checked once here, so that decoding can slice it as text.
        let text = std::str::from_utf8(body)
            .map_err(|_| cx.decode_error(DecodeErrorKind::NotJson, body, None))?;
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len();
        return Ok(Envelope {
            code: SUCCESS_CODE.to_string(),
            message: String::new(),
            data: Some(start..end),
        });
    }
    #[derive(Deserialize)]
    struct Complaint {
        message: Option<String>,
        error: Option<String>,
    }
    let said = serde_json::from_slice::<Complaint>(body)
        .ok()
        .and_then(|c| c.message.or(c.error));
    let message = match said {
        Some(m) if !cx.sensitive => m,
        _ => cx.quote(body),
    };
    Ok(Envelope {
        code: cx.status.to_string(),
        message,
        data: None,
    })
}

/// Whether the body starts `{"code":"000000"` (whitespace allowed between
/// tokens): the common shape of a success, which can then be decoded in one
/// pass by [`FromData::from_envelope`].
pub fn opens_with_success(body: &[u8]) -> bool {
    let mut rest = body;
    for token in [&b"{"[..], b"\"code\"", b":", b"\"000000\""] {
        rest = rest.trim_ascii_start();
        match rest.strip_prefix(token) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    true
}

/// Checks the envelope: `Ok` for success, an [`Error::Api`] otherwise.
pub fn check(envelope: Envelope, cx: ResponseContext<'_>) -> Result<Envelope, Error> {
    if envelope.is_success() && (200..300).contains(&cx.status) {
        return Ok(envelope);
    }
    Err(Error::Api(Box::new(ApiError {
        code: envelope.code,
        message: envelope.message,
        status: cx.status,
        site: cx.site.clone(),
    })))
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> CallSite {
        CallSite::for_tests()
    }

    fn cx(site: &CallSite) -> ResponseContext<'_> {
        static NONE: std::sync::LazyLock<KnownSecrets> =
            std::sync::LazyLock::new(KnownSecrets::new);
        ResponseContext {
            site,
            status: 200,
            sensitive: false,
            secrets: &NONE,
        }
    }

    #[test]
    fn string_and_numeric_codes() {
        let s = site();
        let e = parse(
            br#"{"code":"000000","message":"success","data":{"a":1}}"#,
            cx(&s),
        )
        .unwrap();
        assert!(e.is_success());
        let e = parse(br#"{"code":10787,"message":"x","data":null}"#, cx(&s)).unwrap();
        assert_eq!(e.code, "010787");
        assert_eq!(e.data, None);
        let err = check(e, cx(&s)).unwrap_err();
        assert_eq!(err.api_code(), Some("010787"));
        let e = parse(br#"{"code":"010787","message":"x"}"#, cx(&s)).unwrap();
        assert_eq!(e.code, "010787");
        assert!(
            parse(br#"{"code":0,"data":1}"#, cx(&s))
                .unwrap()
                .is_success()
        );
    }

    #[test]
    fn numeric_codes_are_padded_to_six_digits_and_others_kept() {
        assert_eq!(normalize_code("10787"), "010787");
        assert_eq!(normalize_code("0"), "000000");
        assert_eq!(normalize_code("010787"), "010787");
        assert_eq!(normalize_code("1234567"), "1234567");
        assert_eq!(normalize_code("UNAUTHORIZED"), "UNAUTHORIZED");
        assert_eq!(normalize_code("-1"), "-1");
        assert_eq!(normalize_code(""), "");
    }

    #[test]
    fn data_may_be_array_bool_or_absent() {
        let s = site();
        let body = br#"{"code":"000000","message":"","data":[1,2]}"#;
        let e = parse(body, cx(&s)).unwrap();
        let v: Vec<u8> = decode_data(body, &e, cx(&s)).unwrap();
        assert_eq!(v, vec![1, 2]);
        let body = br#"{"code":"000000","data":true}"#;
        let e = parse(body, cx(&s)).unwrap();
        assert!(decode_data::<bool>(body, &e, cx(&s)).unwrap());
        let body = br#"{"code":"000000"}"#;
        let e = parse(body, cx(&s)).unwrap();
        decode_data::<crate::NoContent>(body, &e, cx(&s)).unwrap();
    }

    #[test]
    fn html_truncated_and_mismatched_bodies_are_decode_errors() {
        let s = site();
        let kind = |body: &[u8]| match parse(body, cx(&s)).unwrap_err() {
            Error::Decode(d) => d.kind,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            kind(b"<html><body>502 Bad Gateway</body></html>"),
            DecodeErrorKind::NotJson
        );
        assert_eq!(
            kind(br#"{"code":"000000","data":{"a":"#),
            DecodeErrorKind::Truncated
        );
        assert_eq!(
            kind(br#"{"message":"no code"}"#),
            DecodeErrorKind::NotAnEnvelope
        );
        assert_eq!(kind(b""), DecodeErrorKind::NotJson);
        let body = br#"{"code":"000000","data":{"a":"x"}}"#;
        let e = parse(body, cx(&s)).unwrap();
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct A {
            a: u32,
        }
        match decode_data::<A>(body, &e, cx(&s)).unwrap_err() {
            Error::Decode(d) => assert_eq!(d.kind, DecodeErrorKind::DataMismatch),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_success_prefix_is_recognised_exactly() {
        assert!(opens_with_success(br#"{"code":"000000","data":1}"#));
        assert!(opens_with_success(
            b" {\n \"code\" : \"000000\", \"data\": 1}"
        ));
        for other in [
            &br#"{"code":"000001"}"#[..],
            br#"{"message":"x","code":"000000"}"#,
            br#"{"code":0}"#,
            b"",
            b"{",
        ] {
            assert!(
                !opens_with_success(other),
                "{}",
                String::from_utf8_lossy(other)
            );
        }
    }

    #[test]
    fn success_code_on_an_error_status_is_an_api_error() {
        let s = site();
        let e = parse(br#"{"code":"000000","data":null}"#, cx(&s)).unwrap();
        let mut c = cx(&s);
        c.status = 500;
        assert_eq!(check(e, c).unwrap_err().status(), Some(500));
    }
}
