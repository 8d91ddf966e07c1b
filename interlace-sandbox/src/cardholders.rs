//! Cardholders.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::json;

use crate::area::Area;
use crate::envelope::{self, ApiError, ApiResult, ok, page};

const ADDRESS_FIELDS: [&str; 5] = ["addressLine1", "city", "state", "country", "postalCode"];

/// `POST /open-api/v3/cardholders`
pub async fn create(State(area): State<Area>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let account_id = envelope::text(&body, "accountId")?;
    let bin_id = envelope::text(&body, "binId")?;
    for field in [
        "firstName",
        "lastName",
        "email",
        "dob",
        "gender",
        "nationality",
        "phoneNumber",
        "phoneCountryCode",
    ] {
        envelope::text(&body, field)?;
    }
    let dob = envelope::text(&body, "dob")?;
    if !is_date(dob) {
        return Err(ApiError::malformed("dob", "a date as YYYY-MM-DD"));
    }
    if !envelope::text(&body, "email")?.contains('@') {
        return Err(ApiError::malformed("email", "an email address"));
    }
    let address = envelope::object(&body, "address")?;
    for field in ADDRESS_FIELDS {
        envelope::text(address, field)
            .map_err(|_| ApiError::missing(&format!("address.{field}")))?;
    }
    let cardholder = {
        let mut data = area.data();
        data.account(account_id)?;
        if !data.bins.iter().any(|b| b["id"] == bin_id) {
            return Err(ApiError::not_found("card BIN", bin_id));
        }
        let id = data.snowflake();
        let cardholder = json!({
            "id": id, "accountId": account_id, "status": "ACTIVE",
            "firstName": body["firstName"], "lastName": body["lastName"], "email": body["email"],
            "cardBinList": [bin_id],
        });
        data.cardholders.push(cardholder.clone());
        cardholder
    };
    area.emit(
        "CARDHOLDER.CREATED",
        json!({"cardholderId": cardholder["id"], "accountId": account_id, "status": "ACTIVE"}),
    );
    ok(cardholder)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// `GET /open-api/v3/cardholders?accountId=`
pub async fn list(State(area): State<Area>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let data = area.data();
    let items = data
        .cardholders
        .iter()
        .filter(|c| c["accountId"] == account_id)
        .cloned()
        .collect();
    page(items, &q)
}

/// `GET /open-api/v3/cardholders/{id}?accountId=`
pub async fn get(
    State(area): State<Area>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let data = area.data();
    data.cardholders
        .iter()
        .find(|c| c["id"] == id.as_str() && c["accountId"] == account_id)
        .cloned()
        .map_or_else(|| Err(ApiError::not_found("cardholder", &id)), ok)
}
