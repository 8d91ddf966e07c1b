//! A request judged against its operation by the toolkit's one request
//! validator ([`interlace_contract::check_request`]): the emulator refuses
//! the first contradiction it finds (and, with `strict`, the first
//! parameter or field the contract does not list), with the finding's own
//! words, the ones the validating proxy writes in its report.

use interlace_contract::{Document, FindingKind, Operation, Sent, check_request};

use crate::envelope::{ApiError, VALIDATION};

/// Judges a request against `op`; the error names the first field at fault.
pub fn request(
    doc: &Document,
    op: &Operation,
    path_values: &[(String, String)],
    query: &[(String, String)],
    headers: &axum::http::HeaderMap,
    body: &[u8],
    strict: bool,
) -> Result<(), ApiError> {
    let (headers, multipart) = headers_of(headers);
    let sent = Sent {
        path: path_values,
        query,
        headers: &headers,
        body,
        multipart,
    };
    let refused = check_request(doc, op, &sent)
        .into_iter()
        .find(|f| f.kind.contradicts() || (strict && f.kind == FindingKind::UndocumentedField));
    match refused {
        Some(finding) => Err(ApiError::new(VALIDATION, finding.message(&op.id))),
        None => Ok(()),
    }
}

/// The headers as the validator takes them, and whether the body is a
/// multipart upload (not judged as JSON).
pub fn headers_of(headers: &axum::http::HeaderMap) -> (Vec<(String, String)>, bool) {
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let multipart = pairs
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v.starts_with("multipart/"));
    (pairs, multipart)
}
