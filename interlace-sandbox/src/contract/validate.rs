//! A request judged against its operation by the toolkit's one request
//! validator ([`interlace_contract::check_request`]): the emulator refuses
//! the first contradiction it finds (and, with `strict`, the first
//! parameter or field the contract does not list), with the finding's own
//! words, the ones the validating proxy writes in its report.

use interlace_contract::{Document, Finding, FindingKind, Operation, Sent, check_request};

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
    let refused = findings(doc, op, path_values, query, headers, body)
        .into_iter()
        .find(|f| f.kind.contradicts() || (strict && f.kind == FindingKind::UndocumentedField));
    match refused {
        Some(finding) => Err(ApiError::new(VALIDATION, finding.message(&op.id))),
        None => Ok(()),
    }
}

/// Every finding about a request as it arrived over HTTP: its headers and
/// multipart parts read as [`check_request`] takes them. What the emulator
/// refuses and the proxy reports.
pub fn findings(
    doc: &Document,
    op: &Operation,
    path_values: &[(String, String)],
    query: &[(String, String)],
    headers: &axum::http::HeaderMap,
    body: &[u8],
) -> Vec<Finding> {
    let (headers, multipart) = headers_of(headers);
    let (form, files) = form_of(doc, op, &headers, body).unzip();
    let sent = Sent {
        path: path_values,
        query,
        headers: &headers,
        body,
        multipart,
        form: form.as_ref(),
        files: files.as_deref().unwrap_or_default(),
    };
    check_request(doc, op, &sent)
}

/// The headers as the validator takes them, and whether the body is a
/// multipart upload (not judged as JSON).
fn headers_of(headers: &axum::http::HeaderMap) -> (Vec<(String, String)>, bool) {
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

/// A multipart body's parts, as the validator judges them, and the names
/// of those that carried a file.
fn form_of(
    doc: &Document,
    op: &Operation,
    headers: &[(String, String)],
    body: &[u8],
) -> Option<(serde_json::Value, Vec<String>)> {
    let content_type = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))?;
    let schema = doc.multipart_body(op)?;
    let properties = schema.properties();
    let arrays: Vec<&str> = properties
        .iter()
        .filter(|(_, s)| s.types().contains(&"array"))
        .map(|(name, _)| *name)
        .collect();
    super::form::parts(&content_type.1, body, &arrays)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_without_its_files_is_refused() {
        let doc = interlace_contract::bundled();
        let op = doc.operation("POST", "/open-api/v3/files/upload").unwrap();
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            "content-type",
            "multipart/form-data; boundary=b".parse().unwrap(),
        );
        let text =
            b"--b\r\nContent-Disposition: form-data; name=\"accountId\"\r\n\r\nacc-1\r\n--b--\r\n";
        let error = request(doc, op, &[], &[], &headers, text, false).unwrap_err();
        assert!(
            error.message.contains("`files` is required"),
            "{}",
            error.message
        );
        let file = b"--b\r\nContent-Disposition: form-data; name=\"accountId\"\r\n\r\nacc-1\r\n\
--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"id.png\"\r\n\r\n\x89PNG\r\n--b--\r\n";
        request(doc, op, &[], &[], &headers, file, false).unwrap();
        let as_text = b"--b\r\nContent-Disposition: form-data; name=\"accountId\"\r\n\r\nacc-1\r\n\
--b\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\nnot a file\r\n--b--\r\n";
        let error = request(doc, op, &[], &[], &headers, as_text, false).unwrap_err();
        assert!(
            error.message.contains("must be a file, not text"),
            "{}",
            error.message
        );
    }
}
