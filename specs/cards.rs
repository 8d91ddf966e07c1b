//! Cards: prepaid and budget cards, their state and limits.

use serde::{Deserialize, Serialize};

use crate::types::{
    AccountId, Amount, BalanceId, BinId, BudgetId, CardId, CardMode, CardStatus, CardholderId,
    Page, Timestamp, VelocityPeriod,
};
use crate::{interlace_endpoint, interlace_model};

/// Billing address of a card.
#[interlace_model("BillingAddress")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingAddress {
    #[serde(default)]
    pub address_line1: Option<String>,
    #[serde(default)]
    pub address_line2: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

/// One spending limit of a card.
#[interlace_model("TransactionLimit")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionLimit {
    #[serde(rename = "type")]
    pub period: VelocityPeriod,
    pub value: Amount,
    #[serde(default)]
    pub currency: Option<String>,
}

/// A card as lists and creation return it. Holds no card number or CVV.
#[interlace_model("Card")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: CardId,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub status: Option<CardStatus>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub bin: Option<String>,
    #[serde(default)]
    pub user_name: Option<String>,
    #[serde(default)]
    pub create_time: Option<Timestamp>,
    #[serde(default)]
    pub card_last_four: Option<String>,
    #[serde(default)]
    pub billing_address: Option<BillingAddress>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub balance_id: Option<BalanceId>,
    #[serde(default)]
    pub budget_id: Option<BudgetId>,
    #[serde(default)]
    pub cardholder_id: Option<CardholderId>,
    #[serde(default)]
    pub reference_id: Option<String>,
    #[serde(default)]
    pub card_mode: Option<CardMode>,
    #[serde(default)]
    pub transaction_limits: Vec<TransactionLimit>,
}

/// List all cards.
#[interlace_endpoint(GET "/open-api/v3/card-list", response = Page<Card>, paginated, client_method)]
pub struct ListCards {
    pub account_id: AccountId,
    pub card_id: Option<CardId>,
    pub budget_id: Option<BudgetId>,
    pub cardholder_id: Option<CardholderId>,
    pub label: Option<String>,
    pub reference_id: Option<String>,
}

/// Get card details with private info. Sensitive fields arrive
/// AES-encrypted as hex; decrypt them with [`crate::card_data::decrypt_card_secrets`].
/// Only for PCI-DSS Level 1 clients. The field names of the answer are not
/// confirmed by the public docs, so it is kept as JSON.
#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}", response = serde_json::Value,
    docs = "https://developer.interlace.money/v3.0/reference/getprivateinfo", client_method)]
pub struct GetCardPrivateInfo {
    pub card_id: CardId,
    pub account_id: Option<AccountId>,
}

/// A one-time token for the Interlace iframe / Widget.js, valid 5 minutes.
#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/private-info/access-token", response = serde_json::Value,
    docs = "https://developer.interlace.money/reference/getprivateinfoaccesstoken", client_method)]
pub struct GetCardAccessToken {
    pub card_id: CardId,
    pub account_id: AccountId,
}

/// Delete a card. Name only: the path is probable, not confirmed by the public docs.
#[interlace_endpoint(DELETE "/open-api/v3/cards/{card_id}", response = crate::NoContent, client_method)]
pub struct DeleteCard {
    pub card_id: CardId,
    pub account_id: Option<AccountId>,
}

/// Freeze a card. The body is probably `accountId`; not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/cards/{card_id}/freeze", response = crate::NoContent,
    docs = "https://developer.interlace.money/reference/suspendcard", client_method)]
pub struct FreezeCard {
    pub card_id: CardId,
    pub account_id: AccountId,
}

/// Unfreeze a card. Same fields as [`FreezeCard`].
#[interlace_endpoint(POST "/open-api/v3/cards/{card_id}/unfreeze", response = crate::NoContent,
    docs = "https://developer.interlace.money/reference/enablecard", client_method)]
pub struct UnfreezeCard {
    pub card_id: CardId,
    pub account_id: AccountId,
}

/// Set a card's velocity control. The fields are documented (the amount is
/// `amountLimit`; limits reset at 00:00 GMT+8); the method and path are not
/// visible on the page and come from an unofficial SDK.
#[interlace_endpoint(PUT "/open-api/v3/cards/{card_id}/velocity-control", response = crate::NoContent,
    docs = "https://developer.interlace.money/reference/setcardvelocitycontrol", client_method)]
pub struct SetVelocityControl {
    pub card_id: CardId,
    pub account_id: AccountId,
    pub transaction_limits_type: VelocityPeriod,
    pub amount_limit: Amount,
}

/// Create a prepaid card (synchronous, one card per call). A `CARD.CREATED`
/// webhook follows.
#[interlace_endpoint(POST "/open-api/v3/prepaid-card", response = Card, idempotent,
    docs = "https://developer.interlace.money/reference/createprepaidcard", client_method)]
pub struct CreatePrepaidCard {
    pub account_id: AccountId,
    pub bin_id: BinId,
    pub cardholder_id: CardholderId,
    /// Your own unique id for the card.
    pub reference_id: String,
    pub card_mode: CardMode,
    /// Initial load (the guides call it `cost`).
    pub amount: Option<Amount>,
    /// `"default"` when not needed.
    pub use_type: Option<String>,
    pub label: Option<String>,
}

/// Batch create prepaid cards (probably asynchronous). Name only: path from
/// an unofficial SDK; fields not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/prepaid-cards", response = serde_json::Value, idempotent, client_method)]
pub struct BatchCreatePrepaidCards {
    pub account_id: AccountId,
    #[interlace(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// Create a budget card: like a prepaid card, with `budgetId` and no
/// initial balance. Name only: path from an unofficial SDK; not confirmed by
/// the public docs.
#[interlace_endpoint(POST "/open-api/v3/budget-card", response = Card, idempotent, client_method)]
pub struct CreateBudgetCard {
    pub account_id: AccountId,
    pub bin_id: BinId,
    pub budget_id: BudgetId,
    pub cardholder_id: CardholderId,
    pub reference_id: String,
    pub card_mode: CardMode,
    pub physical_card_design_id: Option<String>,
    pub label: Option<String>,
}

/// Batch create budget cards. Name only: path from an unofficial SDK;
/// fields not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/budget-cards", response = serde_json::Value, idempotent, client_method)]
pub struct BatchCreateBudgetCards {
    pub account_id: AccountId,
    #[interlace(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// The balance part of a [`CardSummary`].
#[interlace_model("SummaryBalance")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryBalance {
    #[serde(default)]
    pub id: Option<BalanceId>,
    pub available: Amount,
    pub currency: String,
}

/// Spending statistics of a card.
#[interlace_model("CardStatistics")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardStatistics {
    pub consumption: Amount,
    pub reversal: Amount,
    pub reversal_fee: Amount,
    pub refund: Amount,
    pub refund_fee: Amount,
    pub net_consumption: Amount,
    pub currency: String,
}

/// The velocity control of a card.
#[interlace_model("VelocityControl")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VelocityControl {
    #[serde(rename = "type")]
    pub period: VelocityPeriod,
    pub limit: Amount,
    pub available: Amount,
}

/// A card's balance, statistics and velocity control.
#[interlace_model("CardSummary")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardSummary {
    pub card_id: CardId,
    pub account_id: AccountId,
    pub balance: SummaryBalance,
    #[serde(default)]
    pub statistics: Option<CardStatistics>,
    #[serde(default)]
    pub velocity_control: Option<VelocityControl>,
}

/// Get a card's summary.
#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary", response = CardSummary, client_method)]
pub struct GetCardSummary {
    pub card_id: CardId,
    pub account_id: AccountId,
}

/// Update the cardholder's phone or email on a card (BINs 414631 and 493728
/// only). Name only: path from an unofficial SDK; fields not confirmed by the public docs.
#[interlace_endpoint(PUT "/open-api/v3/card", response = crate::NoContent, client_method)]
pub struct UpdateCard {
    pub card_id: CardId,
    pub account_id: AccountId,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub phone_country_code: Option<String>,
}

/// Create Infinity Card parameters check (v1): validate before issuing.
#[interlace_endpoint(POST "/open-api/v1/cards/create/check", response = serde_json::Value,
    docs = "https://developer.interlace.money/reference/createcardcheck", client_method)]
pub struct CheckCardCreation {
    #[interlace(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}
