//! Every request, before its handler: recorded (for tests to read back and
//! for the request log), then judged against the contract. A request the
//! contract refuses gets HTTP 200 and code `100400` naming the field, as
//! the real API answers business errors.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::envelope::ApiError;
use crate::recorder::{ReceivedRequest, Recorder};
use interlace_runtime::secret::MASK;

const MAX_BODY: usize = 1 << 20;

/// What the judge needs: whether query parameters the contract does not
/// list are refused.
#[derive(Clone)]
pub struct JudgeLayer {
    pub strict: bool,
}

/// Records every request as it arrived, before the token check, so that
/// requests refused with 401 are in the history and the log too. The body
/// is read once here and handed on.
pub async fn record(
    State(recorder): State<Arc<Recorder>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return ApiError::new(crate::envelope::VALIDATION, "the body is larger than 1 MiB")
            .into_response();
    };
    let received = ReceivedRequest {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or_default().to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                let value = if k == "x-access-token" {
                    // Known by value, so an echo of it anywhere in the
                    // request log is masked too.
                    recorder.know_token(&String::from_utf8_lossy(v.as_bytes()));
                    MASK.to_string()
                } else {
                    String::from_utf8_lossy(v.as_bytes()).into_owned()
                };
                (k.as_str().to_string(), value)
            })
            .collect(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    };
    recorder.record(received);
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// Judges a request against the contract before its handler runs.
pub async fn judge(State(layer): State<JudgeLayer>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    // Read whole by `record` already: this takes its bytes back.
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return ApiError::new(crate::envelope::VALIDATION, "the body is larger than 1 MiB")
            .into_response();
    };
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().unwrap_or_default().to_string();
    let contract = crate::contract::bundled();
    if let Some((op, values)) = crate::contract::operation(contract, parts.method.as_str(), &path) {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        if let Err(e) = crate::contract::validate::request(
            contract,
            op,
            &values,
            &pairs,
            &parts.headers,
            &bytes,
            layer.strict,
        ) {
            return e.into_response();
        }
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// The answer to an operation the emulator keeps no state for: built from
/// the contract's schema; a path the contract lacks is a 404.
pub async fn fallback(request: Request) -> Response {
    let contract = crate::contract::bundled();
    let path = request.uri().path().to_string();
    match crate::contract::operation(contract, request.method().as_str(), &path) {
        Some((op, values)) => {
            axum::Json(crate::contract::mock::answer(contract, op, &path, &values)).into_response()
        }
        None if crate::contract::has_path(contract, &path) => {
            let allowed = crate::contract::methods_at(contract, &path).join(", ");
            let mut e = ApiError::new(
                crate::envelope::NOT_FOUND,
                format!("this path takes {allowed}"),
            );
            e.status = axum::http::StatusCode::METHOD_NOT_ALLOWED;
            let mut response = e.into_response();
            if let Ok(value) = axum::http::HeaderValue::from_str(&allowed) {
                response
                    .headers_mut()
                    .insert(axum::http::header::ALLOW, value);
            }
            response
        }
        None => {
            let mut e = ApiError::new(
                crate::envelope::NOT_FOUND,
                "no such endpoint in the API contract",
            );
            e.status = axum::http::StatusCode::NOT_FOUND;
            e.into_response()
        }
    }
}
