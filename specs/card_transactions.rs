//! Card funding and card transactions.

use serde::{Deserialize, Serialize};

use crate::types::{
    AccountId, Amount, CardId, CardTransactionType, CardholderId, Page, Timestamp, TransactionId,
    TransactionStatus,
};
use crate::{interlace_endpoint, interlace_model};

/// One fee of a card transaction.
#[interlace_model("FeeDetail")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeeDetail {
    pub amount: Amount,
    pub currency: String,
    /// 0 platform settlement fee, 1 Apple Pay fee, …
    pub fee_type: i64,
}

/// A card transaction, including transfers in and out of a card.
#[interlace_model("CardTransaction")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardTransaction {
    pub id: TransactionId,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub card_id: Option<CardId>,
    #[serde(default)]
    pub cardholder_id: Option<CardholderId>,
    #[serde(default)]
    pub card_transaction_id: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub amount: Option<Amount>,
    #[serde(default)]
    pub fee: Option<Amount>,
    #[serde(default)]
    pub fee_details: Vec<FeeDetail>,
    #[serde(default)]
    pub client_transaction_id: Option<String>,
    #[serde(default)]
    pub related_card_transaction_id: Option<String>,
    #[serde(default)]
    pub transaction_display_id: Option<String>,
    #[serde(default, rename = "type")]
    pub transaction_type: Option<CardTransactionType>,
    #[serde(default)]
    pub status: Option<TransactionStatus>,
    #[serde(default)]
    pub merchant_name: Option<String>,
    #[serde(default)]
    pub mcc: Option<String>,
    #[serde(default)]
    pub mcc_category: Option<String>,
    #[serde(default)]
    pub merchant_city: Option<String>,
    #[serde(default)]
    pub merchant_country: Option<String>,
    #[serde(default)]
    pub merchant_state: Option<String>,
    #[serde(default)]
    pub merchant_zipcode: Option<String>,
    #[serde(default)]
    pub merchant_mid: Option<String>,
    #[serde(default)]
    pub transaction_time: Option<Timestamp>,
    #[serde(default)]
    pub transaction_currency: Option<String>,
    #[serde(default)]
    pub transaction_amount: Option<Amount>,
    #[serde(default)]
    pub create_time: Option<Timestamp>,
    #[serde(default)]
    pub remark: Option<String>,
    #[serde(default)]
    pub detail: Option<serde_json::Value>,
}

/// Prepaid card transfer in: Infinity Account → card.
#[interlace_endpoint(POST "/open-api/v3/cards/transfer-in", response = CardTransaction, client_method)]
pub struct CardTransferIn {
    pub account_id: AccountId,
    pub card_id: CardId,
    /// Your own id, echoed back in callbacks.
    pub client_transaction_id: String,
    pub amount: Amount,
}

/// Prepaid card transfer out: card → Infinity Account.
#[interlace_endpoint(POST "/open-api/v3/cards/transfer-out", response = CardTransaction, client_method)]
pub struct CardTransferOut {
    pub account_id: AccountId,
    pub card_id: CardId,
    pub client_transaction_id: String,
    pub amount: Amount,
}

/// List card transactions. Path from an unofficial SDK only; the time-range
/// parameter names are not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/cards/transaction-list", response = Page<CardTransaction>, paginated, client_method)]
pub struct ListCardTransactions {
    pub account_id: AccountId,
    pub card_id: Option<CardId>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

/// Get one card transaction (v1).
///
/// **Unconfirmed answer:** the reference gives the path only; reading the
/// answer as the v3 [`CardTransaction`] is this toolkit's assumption.
#[interlace_endpoint(GET "/open-api/v1/cards/transactions/{transaction_id}", response = CardTransaction,
    docs = "https://developer.interlace.money/reference/getcardtransaction", client_method)]
pub struct GetCardTransaction {
    pub transaction_id: TransactionId,
}
