//! Accounts, balances (`/cards/wallets`) and card BINs.

use std::collections::HashMap;

use axum::extract::{Query, State};

use crate::area::Area;
use crate::envelope::{self, ApiError, ApiResult, ok, page};

/// `GET /open-api/v3/accounts`
pub async fn list(State(area): State<Area>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    let data = area.data();
    let items = data
        .accounts
        .iter()
        .filter(|a| q.get("accountId").is_none_or(|id| a["id"] == id.as_str()))
        .cloned()
        .collect();
    page(items, &q)
}

/// `GET /open-api/v3/cards/wallets?accountId=[&objectType=]`
pub async fn balances(
    State(area): State<Area>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let object_type = match q.get("objectType") {
        None => None,
        Some(v) => Some(
            v.parse::<u8>()
                .map_err(|_| ApiError::malformed("objectType", "0, 1 or 2"))?,
        ),
    };
    let data = area.data();
    data.account(account_id)?;
    let list: Vec<_> = data
        .balances
        .iter()
        .filter(|b| b.account_id == account_id)
        .filter(|b| object_type.is_none_or(|t| b.owner as u8 == t))
        .map(|b| b.json())
        .collect();
    ok(serde_json::json!({ "list": list }))
}

/// `GET /open-api/v3/card/bins?accountId=`
pub async fn bins(State(area): State<Area>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let data = area.data();
    data.account(account_id)?;
    page(data.bins.clone(), &q)
}
