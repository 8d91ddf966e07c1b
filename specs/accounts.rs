//! Accounts, sub-accounts and KYC/CDD.

use serde::{Deserialize, Serialize};

use crate::types::{AccountId, AccountStatus, CaseId, FileId, KycStatus, Page, Timestamp};
use crate::{interlace_endpoint, interlace_model};

/// An account: the master account or a sub-account.
#[interlace_model("Account")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// UUID.
    pub id: AccountId,
    /// Six-digit display id.
    #[serde(default)]
    pub display_id: Option<String>,
    /// 1 personal, 2 business, 3 child (the meaning comes from an unofficial SDK).
    #[serde(default, rename = "type")]
    pub account_type: Option<i64>,
    /// Status.
    #[serde(default)]
    pub status: Option<AccountStatus>,
    /// Name given at registration.
    #[serde(default)]
    pub name: Option<String>,
    /// Verified legal name.
    #[serde(default)]
    pub verified_name: Option<String>,
    /// Verified legal name in English.
    #[serde(default)]
    pub verified_name_en: Option<String>,
    /// The master account of a sub-account.
    #[serde(default)]
    pub parent_account_id: Option<AccountId>,
    /// Creation time (ISO-8601).
    #[serde(default)]
    pub create_time: Option<Timestamp>,
}

/// List all accounts.
///
/// Path from an unofficial SDK only; not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/accounts", response = Page<Account>, paginated, client_method)]
pub struct ListAccounts {
    /// Narrow the list to one account.
    pub account_id: Option<AccountId>,
}

/// Register an account; with `parentAccountId` it becomes a sub-account.
#[interlace_endpoint(POST "/open-api/v3/accounts/register", response = Account, client_method)]
pub struct RegisterAccount {
    pub email: String,
    pub name: String,
    pub parent_account_id: Option<AccountId>,
    pub phone_number: Option<String>,
    /// Digits without `+`, e.g. `"86"`.
    pub phone_country_code: Option<String>,
}

/// A postal address.
#[interlace_model("Address")]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub address_line1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    pub city: String,
    pub state: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub postal_code: String,
}

/// The result of submitting KYC.
#[interlace_model("KycCase")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KycCase {
    #[serde(default)]
    pub case_id: Option<CaseId>,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    pub status: KycStatus,
}

/// Submit account KYC. The final result arrives as a `KYC.UPDATED` webhook.
#[interlace_endpoint(POST "/open-api/v3/accounts/{account_id}/kyc", response = KycCase, client_method)]
pub struct SubmitKyc {
    pub account_id: AccountId,
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`.
    pub date_of_birth: String,
    /// `"M"` or `"F"`.
    pub gender: String,
    /// ISO 3166-1 alpha-2.
    pub nationality: String,
    pub national_id: String,
    pub id_type: String,
    pub issue_date: String,
    pub expiry_date: String,
    pub address: Address,
    pub id_front_id: FileId,
    pub selfie: FileId,
    pub phone_number: String,
    pub phone_country_code: String,
    /// `"api"`.
    pub source_type: String,
    pub id_back_id: Option<FileId>,
    pub occupation: Option<String>,
    pub annual_salary: Option<String>,
    pub account_purpose: Option<String>,
    pub expected_monthly_volume: Option<String>,
    /// Nine digits; required when the address is in the US.
    pub ssn: Option<String>,
}

/// One verification inside [`CddDetail`].
#[interlace_model("Verification")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    pub status: KycStatus,
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// KYC and KYB verification results.
#[interlace_model("CddDetail")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CddDetail {
    #[serde(default)]
    pub kyc: Option<Verification>,
    #[serde(default)]
    pub kyb: Vec<Verification>,
}

/// Get KYC and KYB verification result.
#[interlace_endpoint(GET "/open-api/v3/accounts/cdd/detail/{account_id}", response = CddDetail, client_method)]
pub struct GetCddDetail {
    pub account_id: AccountId,
}

/// Account initialization (v2): needed before a Gateway sub-account can
/// issue cards, else card creation fails with `010021`.
#[interlace_endpoint(POST "/open-api/v2/accounts/{account_id}/initialization", response = bool, client_method)]
pub struct InitializeAccount {
    pub account_id: AccountId,
}

/// Sandbox only: simulate the KYC review outcome. Answers code `902` unless
/// the feature is enabled for the client. Third-party code only; not
/// confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/vcc/simulate/kyc/review", response = crate::NoContent, client_method)]
pub struct SimulateKycReview {
    pub account_id: AccountId,
    /// `Passed` or `Canceled`.
    pub status: String,
    pub message: Option<String>,
}
