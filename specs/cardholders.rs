//! Cardholders. Creating one sends it to the issuing bank for review; the
//! outcome arrives as `CARDHOLDER.UPDATED`.

use serde::{Deserialize, Serialize};

use crate::accounts::Address;
use crate::types::{AccountId, BinId, CardholderId, CardholderStatus, FileId, Page};
use crate::{interlace_endpoint, interlace_model};

/// A cardholder.
#[interlace_model("Cardholder")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cardholder {
    /// A 19-digit numeric string.
    pub id: CardholderId,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub status: Option<CardholderStatus>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub reject_reason: Option<String>,
    #[serde(default)]
    pub card_bin_list: Option<serde_json::Value>,
}

/// Create a cardholder (v3). Covers the Gateway consumer variant
/// (`cardholderTier: "CONSUMER"`) and the MoR B2C variant
/// (`businessModel: "B2C_MOR"`, with `idFrontId` and `selfie`). Third-party
/// code only: the fields are not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/cardholders", response = Cardholder, client_method)]
pub struct CreateCardholder {
    pub account_id: AccountId,
    pub bin_id: BinId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `YYYY-MM-DD`.
    pub dob: String,
    pub gender: String,
    pub nationality: String,
    /// Without the country prefix.
    pub phone_number: String,
    pub phone_country_code: String,
    pub address: Address,
    /// `"CONSUMER"` (Gateway).
    pub cardholder_tier: Option<String>,
    /// `"B2C_MOR"` (MoR).
    pub business_model: Option<String>,
    pub national_id: Option<String>,
    pub id_type: Option<String>,
    pub issue_date: Option<String>,
    pub expiry_date: Option<String>,
    pub occupation: Option<String>,
    pub id_front_id: Option<FileId>,
    pub selfie: Option<FileId>,
}

/// List all cardholders. Third-party code only; not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/cardholders", response = Page<Cardholder>, paginated, client_method)]
pub struct ListCardholders {
    pub account_id: AccountId,
}

/// Get a cardholder. Third-party code only; not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/cardholders/{cardholder_id}", response = Cardholder, client_method)]
pub struct GetCardholder {
    pub cardholder_id: CardholderId,
    pub account_id: AccountId,
}

/// Create a cardholder (v2). Answers the cardholder id.
#[interlace_endpoint(POST "/open-api/v2/cards/{account_id}/cardholder", response = serde_json::Value,
    docs = "https://developer.interlace.money/v2.0/reference/createcardholder-1", client_method)]
pub struct CreateCardholderV2 {
    pub account_id: AccountId,
    pub cardholder_tier: String,
    /// `DEPARTMENT`, `PROJECT` or `AUTHORIZED_REPRESENTATIVE`.
    pub cardholder_role: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone_number: String,
    pub phone_country_code: String,
    pub nationality: String,
    pub dob: String,
    pub address: Address,
    pub cardholder_label: Option<String>,
    /// MoR only.
    pub profile_id: Option<String>,
}
