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

/// What the judge needs: where requests are recorded, and whether query
/// parameters the contract does not list are refused.
#[derive(Clone)]
pub struct JudgeLayer {
    pub recorder: Arc<Recorder>,
    pub strict: bool,
}

pub async fn judge(State(layer): State<JudgeLayer>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return ApiError::new(crate::envelope::VALIDATION, "the body is larger than 1 MiB")
            .into_response();
    };
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().unwrap_or_default().to_string();
    let received = ReceivedRequest {
        method: parts.method.as_str().to_string(),
        path: path.clone(),
        query: query.clone(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                let value = if k == "x-access-token" {
                    // Known by value, so an echo of it anywhere in the
                    // request log is masked too.
                    layer
                        .recorder
                        .know_token(&String::from_utf8_lossy(v.as_bytes()));
                    MASK.to_string()
                } else {
                    String::from_utf8_lossy(v.as_bytes()).into_owned()
                };
                (k.as_str().to_string(), value)
            })
            .collect(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    };
    layer.recorder.record(received);

    let contract = crate::contract::bundled();
    if let Some((op, values)) = contract.route(parts.method.as_str(), &path) {
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
    match contract.route(request.method().as_str(), &path) {
        Some((op, values)) => {
            axum::Json(crate::contract::mock::answer(contract, op, &path, &values)).into_response()
        }
        None if crate::contract::has_path(contract, &path) => {
            let mut e = ApiError::new(
                crate::envelope::NOT_FOUND,
                "this method is not allowed on this path",
            );
            e.status = axum::http::StatusCode::METHOD_NOT_ALLOWED;
            e.into_response()
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
