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
#[interlace_endpoint(GET "/open-api/v1/cards", response = V1Page<Json>, client_method)]
pub struct ListCardsV1 {
    /// Unconfirmed query parameter (a guess).
    pub account_id: Option<AccountId>,
    /// Unconfirmed query parameter (a guess).
    pub page: Option<u32>,
    /// Unconfirmed query parameter (a guess).
    pub limit: Option<u32>,
}

/// Create a card (v1).
#[interlace_endpoint(POST "/open-api/v1/cards", response = Json, idempotent, client_method)]
pub struct CreateCardV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Suspend a card (v1: the card goes in the body).
#[interlace_endpoint(PUT "/open-api/v1/cards/suspend", response = crate::NoContent, client_method)]
pub struct SuspendCardV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Enable a card (v1: the card goes in the body).
#[interlace_endpoint(PUT "/open-api/v1/cards/enable", response = crate::NoContent, client_method)]
pub struct EnableCardV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Add to a budget (v1).
#[interlace_endpoint(POST "/open-api/v1/budget/add", response = Json, client_method)]
pub struct AddBudgetV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Subtract from a budget (v1).
#[interlace_endpoint(POST "/open-api/v1/budget/sub", response = Json, client_method)]
pub struct SubtractBudgetV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// List accounts (v1).
///
/// **Unconfirmed parameters:** the reference gives the path only; the query
/// parameters `page` and `limit` are this toolkit's guess.
#[interlace_endpoint(GET "/open-api/v1/accounts", response = V1Page<Json>, client_method)]
pub struct ListAccountsV1 {
    /// Unconfirmed query parameter (a guess).
    pub page: Option<u32>,
    /// Unconfirmed query parameter (a guess).
    pub limit: Option<u32>,
}

/// Register an account (v1).
#[interlace_endpoint(POST "/open-api/v1/accounts/register", response = Json, client_method)]
pub struct RegisterAccountV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// An account's fees (v1). The page shows the path only; `accountId` is
/// this toolkit's guess, like the other account calls.
#[interlace_endpoint(GET "/open-api/v1/accounts/fees", response = Json,
    docs = "https://developer.interlace.money/reference/accounts", client_method)]
pub struct ListAccountFeesV1 {
    /// Unconfirmed query parameter (a guess).
    pub account_id: Option<AccountId>,
}

/// Get a KYC record (v1).
#[interlace_endpoint(GET "/open-api/v1/kyc/{kyc_id}", response = Json,
    docs = "https://developer.interlace.money/v1.0/reference/getkyc", client_method)]
pub struct GetKycV1 {
    pub kyc_id: String,
}

/// Update a crypto-asset wallet (v2, the crypto-asset product that preceded
/// CryptoConnect).
#[interlace_endpoint(PUT "/open-api/v2/crypto-asset/wallets/{wallet_id}", response = Json,
    docs = "https://developer.interlace.money/v2.0/reference/cryptoassetupdatewallet", client_method)]
pub struct UpdateCryptoAssetWallet {
    pub wallet_id: crate::types::WalletId,
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Generate a blockchain address for an account (v1 crypto-asset).
#[interlace_endpoint(POST "/open-api/v1/asset/wallets/addresses", response = Json,
    docs = "https://developer.interlace.money/reference/generatoraddress", client_method)]
pub struct CreateAssetAddressV1 {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// A legacy account withdrawal to a blockchain address.
#[interlace_model("AssetWithdrawal")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetWithdrawal {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub balance_id: Option<crate::types::BalanceId>,
    #[serde(default)]
    pub chain: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub amount: Option<crate::types::Amount>,
    #[serde(default)]
    pub fee: Option<crate::types::Amount>,
    /// `Pending` in the doc sample.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub create_time: Option<crate::types::Timestamp>,
    #[serde(default)]
    pub update_time: Option<crate::types::Timestamp>,
}

/// Send account funds to a blockchain address (v1 crypto-asset). The
/// page's sample answer has no envelope; the client reads the v1
/// envelope's `data`, which is not confirmed.
#[interlace_endpoint(POST "/open-api/v1/asset/wallets/withdrawals", response = AssetWithdrawal,
    docs = "https://developer.interlace.money/v2.0/docs/crypto-asset-send-account-funds-externally", client_method)]
pub struct CreateAssetWithdrawalV1 {
    pub currency: String,
    /// `ETH`, for example.
    pub chain: String,
    pub amount: crate::types::Amount,
    pub address: String,
}
