//! The envelope, error codes, and reading raw JSON by wire names.
//!
//! Error codes of the emulator (its own choice; the public docs name none
//! but `010021` and `010787`). Business and validation errors answer HTTP
//! 200, as the reference suggests the real API does; a missing or invalid
//! access token answers HTTP 401.

use std::collections::HashMap;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

/// Success.
pub const SUCCESS: &str = "000000";
/// The access token is missing, unknown, revoked or expired (HTTP 401).
pub const INVALID_TOKEN: &str = "100401";
/// The client id is unknown.
pub const INVALID_CLIENT: &str = "100001";
/// The authorization code is unknown, used or expired.
pub const INVALID_CODE: &str = "100002";
/// The refresh token is unknown.
pub const INVALID_REFRESH_TOKEN: &str = "100003";
/// A required field is missing or malformed; the message names it.
pub const VALIDATION: &str = "100400";
/// The addressed resource does not exist.
pub const NOT_FOUND: &str = "100404";
/// The balance is too low for the amount.
pub const INSUFFICIENT_BALANCE: &str = "100405";
/// The operation does not fit the resource's state (e.g. a frozen card).
pub const INVALID_STATE: &str = "100409";
/// An `Idempotency-Key` was reused with a different body.
pub const IDEMPOTENCY_CONFLICT: &str = "100422";
/// `account balance does not exist` (documented).
pub const NO_BALANCE: &str = "010021";

pub type ApiResult = Result<Response, ApiError>;

/// A non-success envelope.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::OK,
            code,
            message: message.into(),
        }
    }

    pub fn invalid_token() -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            code: INVALID_TOKEN,
            message: "invalid or expired access token".into(),
        }
    }

    pub fn missing(field: &str) -> Self {
        Self::new(VALIDATION, format!("field `{field}` is required"))
    }

    pub fn malformed(field: &str, expected: &str) -> Self {
        Self::new(VALIDATION, format!("field `{field}` must be {expected}"))
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(NOT_FOUND, format!("{what} `{id}` does not exist"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"code": self.code, "message": self.message, "data": null})),
        )
            .into_response()
    }
}

/// A success envelope around `data`.
pub fn ok(data: Value) -> ApiResult {
    Ok(Json(json!({"code": SUCCESS, "message": "success", "data": data})).into_response())
}

/// The JSON object of a request body.
pub fn body_object(bytes: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::new(VALIDATION, "the body must be a JSON object")),
        Err(_) => Err(ApiError::new(VALIDATION, "the body is not valid JSON")),
    }
}

/// A required, non-empty string field.
pub fn text<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Err(ApiError::missing(field)),
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(_) => Err(ApiError::malformed(field, "a non-empty string")),
    }
}

/// An optional string field.
pub fn opt_text<'a>(
    body: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a str>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::malformed(field, "a string")),
    }
}

/// A positive decimal amount sent as a string, as the API sends money.
pub fn amount(body: &Map<String, Value>, field: &str) -> Result<Decimal, ApiError> {
    let raw = match body.get(field) {
        None | Some(Value::Null) => return Err(ApiError::missing(field)),
        Some(Value::String(s)) => s,
        Some(_) => {
            return Err(ApiError::malformed(
                field,
                "a decimal string such as \"10.00\"",
            ));
        }
    };
    let value: Decimal = raw
        .parse()
        .map_err(|_| ApiError::malformed(field, "a decimal string such as \"10.00\""))?;
    if value <= Decimal::ZERO {
        return Err(ApiError::malformed(field, "greater than 0"));
    }
    if value.scale() > 2 {
        return Err(ApiError::malformed(
            field,
            "an amount with at most 2 decimals",
        ));
    }
    Ok(value)
}

/// An optional amount.
pub fn opt_amount(body: &Map<String, Value>, field: &str) -> Result<Option<Decimal>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => amount(body, field).map(Some),
    }
}

/// A required object field.
pub fn object<'a>(
    body: &'a Map<String, Value>,
    field: &str,
) -> Result<&'a Map<String, Value>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Err(ApiError::missing(field)),
        Some(Value::Object(o)) => Ok(o),
        Some(_) => Err(ApiError::malformed(field, "an object")),
    }
}

/// A required query parameter.
pub fn query<'a>(q: &'a HashMap<String, String>, name: &str) -> Result<&'a str, ApiError> {
    q.get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::missing(name))
}

/// Money as the API writes it: a string with two decimals.
pub fn money(v: Decimal) -> Value {
    let mut v = v;
    v.rescale(2);
    Value::String(v.to_string())
}

/// One page of `items` per `page` and `limit` (1-based, 1–100, default 10),
/// with `total` as a string like the live API.
pub fn page(items: Vec<Value>, q: &HashMap<String, String>) -> ApiResult {
    let number = |name: &str, default: usize| -> Result<usize, ApiError> {
        match q.get(name) {
            None => Ok(default),
            // Digits past `usize` are a page far beyond the last: empty.
            Some(v) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(v.parse().unwrap_or(usize::MAX))
            }
            Some(_) => Err(ApiError::malformed(name, "a positive integer")),
        }
    };
    let page = number("page", 1)?;
    let limit = number("limit", 10)?;
    if page < 1 {
        return Err(ApiError::malformed("page", "at least 1"));
    }
    if !(1..=100).contains(&limit) {
        return Err(ApiError::malformed("limit", "between 1 and 100"));
    }
    let total = items.len();
    let list: Vec<Value> = items
        .into_iter()
        .skip((page - 1).saturating_mul(limit))
        .take(limit)
        .collect();
    ok(json!({"list": list, "total": total.to_string()}))
}
