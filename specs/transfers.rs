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
#[interlace_endpoint(POST "/open-api/v3/business/transfer/external", response = Transfer, client_method)]
pub struct CreateExternalTransfer {
    /// Your own id for the transfer.
    pub client_transaction_id: String,
    pub amount: Amount,
    pub from: TransferParty,
    pub to: TransferParty,
}

/// One side of an intra-account transfer: which balance, by kind.
#[interlace_model("InternalTransferSide")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InternalTransferSide {
    /// `InfinityAccount` (0) or `CryptoConnectWallet` (2).
    pub business_type: BusinessType,
    pub currency: String,
    /// The balance id for the Infinity Account, the wallet id for a
    /// CryptoConnect wallet.
    pub id: String,
}

impl InternalTransferSide {
    /// The account's Infinity Account balance `balance_id` in `currency`.
    pub fn infinity_account(balance_id: impl Into<String>, currency: impl Into<String>) -> Self {
        Self {
            business_type: BusinessType::InfinityAccount,
            currency: currency.into(),
            id: balance_id.into(),
        }
    }

    /// The CryptoConnect wallet `wallet_id`, in `currency`.
    pub fn crypto_connect_wallet(
        wallet_id: impl Into<String>,
        currency: impl Into<String>,
    ) -> Self {
        Self {
            business_type: BusinessType::CryptoConnectWallet,
            currency: currency.into(),
            id: wallet_id.into(),
        }
    }
}

/// A fee taken from one side of a transfer.
#[interlace_model("TransferFee")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferFee {
    #[serde(default)]
    pub fee_type: Option<i64>,
    #[serde(default)]
    pub amount: Option<Amount>,
    #[serde(default)]
    pub currency: Option<String>,
}

/// One side of an intra-account transfer as answered.
#[interlace_model("InternalTransferLeg")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InternalTransferLeg {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub transfer_id: Option<String>,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub amount: Option<Amount>,
    /// A number in the doc sample; kept as JSON because its precision is
    /// not stated.
    #[serde(default)]
    pub rate: Option<serde_json::Value>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub business_type: Option<BusinessType>,
    #[serde(default)]
    pub fees: Vec<TransferFee>,
}

/// The answer of an intra-account transfer.
#[interlace_model("InternalTransfer")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InternalTransfer {
    #[serde(default)]
    pub client_transaction_id: Option<String>,
    #[serde(default)]
    pub id: Option<TransactionId>,
    #[serde(default)]
    pub status: Option<TransactionStatus>,
    /// `SAME_ACCOUNT` in the doc sample.
    #[serde(default)]
    pub account_transfer_type: Option<String>,
    #[serde(default)]
    pub from: Option<InternalTransferLeg>,
    #[serde(default)]
    pub to: Option<InternalTransferLeg>,
}

/// Intra-account business transfer: between the Infinity Account and the
/// account's CryptoConnect wallets (USD only towards a wallet).
#[interlace_endpoint(POST "/open-api/v3/business/transfer/internal", response = InternalTransfer,
    docs = "https://developer.interlace.money/docs/convert-and-withdraw-cryptocurrency", client_method)]
pub struct CreateInternalTransfer {
    /// Your own id for the transfer; it also makes a retry safe.
    pub client_transaction_id: String,
    pub account_id: AccountId,
    /// Including fees.
    pub amount: Amount,
    pub from: InternalTransferSide,
    pub to: InternalTransferSide,
}

/// List all business transfers. Path from an unofficial SDK only; not
/// confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/business/transfers", response = Page<Transfer>, paginated, client_method)]
pub struct ListBusinessTransfers {
    pub account_id: Option<AccountId>,
}

/// Business account transactions. Third-party code only; fields and answer
/// not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/business/accounts/transactions", response = Page<serde_json::Value>, paginated, client_method)]
pub struct ListBusinessAccountTransactions {
    pub account_id: Option<AccountId>,
}

/// Create a virtual bank account. Third-party code only; body and answer
/// not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/business/account/{account_id}/bank-account", response = serde_json::Value, client_method)]
pub struct CreateVirtualBankAccount {
    pub account_id: AccountId,
    /// Fields the call needs, as your Interlace contact specifies them.
    #[interlace(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}
