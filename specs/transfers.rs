//! Business transfers: moving money between balances and accounts.

use serde::{Deserialize, Serialize};

use crate::types::{
    AccountId, Amount, BalanceId, BusinessType, Page, Timestamp, TransactionId, TransactionStatus,
};
use crate::{interlace_endpoint, interlace_model};

/// One side of a business transfer.
#[interlace_model("TransferParty")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferParty {
    /// The balance id.
    pub id: BalanceId,
    pub account_id: AccountId,
    pub currency: String,
    /// `0` is the Infinity Account.
    pub business_type: BusinessType,
}

/// A business transfer record.
#[interlace_model("Transfer")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    #[serde(default)]
    pub id: Option<TransactionId>,
    #[serde(default)]
    pub client_transaction_id: Option<String>,
    #[serde(default)]
    pub amount: Option<Amount>,
    #[serde(default)]
    pub fee: Option<Amount>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub status: Option<TransactionStatus>,
    #[serde(default)]
    pub from: Option<TransferParty>,
    #[serde(default)]
    pub to: Option<TransferParty>,
    #[serde(default)]
    pub create_time: Option<Timestamp>,
}

/// Different-account business transfer, e.g. master Infinity Account → a
/// sub-account's Infinity Account.
#[interlace_endpoint(POST "/open-api/v3/business/transfer/external", response = Transfer)]
pub struct CreateExternalTransfer {
    /// Your own id for the transfer.
    pub client_transaction_id: String,
    pub amount: Amount,
    pub from: TransferParty,
    pub to: TransferParty,
}

/// Intra-account business transfer. Third-party code only: the body is
/// assumed to match the external transfer; not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/business/transfer/internal", response = Transfer)]
pub struct CreateInternalTransfer {
    pub client_transaction_id: String,
    pub amount: Amount,
    pub from: TransferParty,
    pub to: TransferParty,
}

/// List all business transfers. Path from an unofficial SDK only; not
/// confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/business/transfers", response = Page<Transfer>, paginated)]
pub struct ListBusinessTransfers {
    pub account_id: Option<AccountId>,
}

/// Business account transactions. Third-party code only; fields and answer
/// not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/business/accounts/transactions", response = Page<serde_json::Value>, paginated)]
pub struct ListBusinessAccountTransactions {
    pub account_id: Option<AccountId>,
}

/// Create a virtual bank account. Third-party code only; body and answer
/// not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/business/account/{account_id}/bank-account", response = serde_json::Value)]
pub struct CreateVirtualBankAccount {
    pub account_id: AccountId,
    /// Fields the call needs, as your Interlace contact specifies them.
    #[interlace(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}
