//! The Infinity Account and balances.

use serde::{Deserialize, Serialize};

use crate::types::{AccountId, Amount, BalanceId, Page, WalletObjectType};
use crate::{interlace_endpoint, interlace_model};

/// One balance: the Infinity Account, a budget or a prepaid card.
#[interlace_model("Balance")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Balance {
    /// The balance id (`balanceId` elsewhere).
    pub id: BalanceId,
    pub available: Amount,
    pub currency: String,
    /// What the balance belongs to; some rows send `walletType` instead.
    #[serde(default, alias = "walletType")]
    pub object_type: Option<WalletObjectType>,
}

/// List an account's balances (`GET /open-api/v3/cards/wallets`): the
/// "List balance objects" call of the deposit guide.
#[interlace_endpoint(GET "/open-api/v3/cards/wallets", response = Page<Balance>,
    docs = "https://developer.interlace.money/docs/deposit-crypto-to-infinity-account", client_method)]
pub struct ListBalances {
    pub account_id: AccountId,
    /// Only rows of this kind (`objectType=0` is the Infinity Account).
    pub object_type: Option<WalletObjectType>,
}

/// List all Infinity Account transactions.
///
/// Path from an unofficial SDK only; fields and answer not confirmed by the
/// public docs.
#[interlace_endpoint(GET "/open-api/v3/infinity-account/transactions", response = Page<serde_json::Value>, paginated, client_method)]
pub struct ListInfinityAccountTransactions {
    pub account_id: AccountId,
}
