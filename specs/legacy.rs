//! Legacy v1 endpoints that the reference lists by method and path (from
//! the v1 reference page titles). Their fields are not given, so requests
//! carry `fields` spread into the body and answers stay JSON. v1 lists use
//! their own envelope, `{"data": [...], "pageTotal": n, "total": n}`, read by
//! [`V1Page`]; the v1 success code is the number `0`, which the client
//! accepts as success.
//!
//! The legacy token flow (`/open-api/oauth/*`) is not declared: its answers
//! have no envelope, and the client uses the v3 flow.

use serde::{Deserialize, Serialize};

use crate::types::AccountId;
use crate::{interlace_endpoint, interlace_model};

type Json = serde_json::Value;
type Fields = serde_json::Map<String, serde_json::Value>;

/// A v1 list: `{"data": [...], "pageTotal": 1, "total": 1}`.
#[interlace_model("V1Page")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V1Page<T> {
    /// Items of this page.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Number of pages.
    #[serde(default)]
    pub page_total: u64,
    /// Number of items.
    #[serde(default)]
    pub total: u64,
}

/// List cards (v1).
///
/// **Unconfirmed parameters:** the reference gives the path only; the query
/// parameters `accountId`, `page` and `limit` are this toolkit's guess.
#[interlace_endpoint(GET "/open-api/v1/cards", response = V1Page<Json>)]
pub struct ListCardsV1 {
    /// Unconfirmed query parameter (a guess).
    pub account_id: Option<AccountId>,
    /// Unconfirmed query parameter (a guess).
    pub page: Option<u32>,
    /// Unconfirmed query parameter (a guess).
    pub limit: Option<u32>,
}

/// Create a card (v1).
#[interlace_endpoint(POST "/open-api/v1/cards", response = Json, idempotent)]
pub struct CreateCardV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Suspend a card (v1: the card goes in the body).
#[interlace_endpoint(PUT "/open-api/v1/cards/suspend", response = crate::NoContent)]
pub struct SuspendCardV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Enable a card (v1: the card goes in the body).
#[interlace_endpoint(PUT "/open-api/v1/cards/enable", response = crate::NoContent)]
pub struct EnableCardV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Add to a budget (v1).
#[interlace_endpoint(POST "/open-api/v1/budget/add", response = Json)]
pub struct AddBudgetV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Subtract from a budget (v1).
#[interlace_endpoint(POST "/open-api/v1/budget/sub", response = Json)]
pub struct SubtractBudgetV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// List accounts (v1).
///
/// **Unconfirmed parameters:** the reference gives the path only; the query
/// parameters `page` and `limit` are this toolkit's guess.
#[interlace_endpoint(GET "/open-api/v1/accounts", response = V1Page<Json>)]
pub struct ListAccountsV1 {
    /// Unconfirmed query parameter (a guess).
    pub page: Option<u32>,
    /// Unconfirmed query parameter (a guess).
    pub limit: Option<u32>,
}

/// Register an account (v1).
#[interlace_endpoint(POST "/open-api/v1/accounts/register", response = Json)]
pub struct RegisterAccountV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}
