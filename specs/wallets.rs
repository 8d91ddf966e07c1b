//! CryptoConnect wallets and their addresses, in v3 and in v2. The v3
//! wallet calls are documented by the MoR and Gateway integration guides;
//! v2 answers with the v1-style envelope (`code` 0, `message` "ok").

use serde::{Deserialize, Serialize};

use crate::types::{AccountId, Amount, BalanceId, Page, WalletId};
use crate::{interlace_endpoint, interlace_model};

type Json = serde_json::Value;
type Fields = serde_json::Map<String, serde_json::Value>;

/// One currency held in a wallet.
#[interlace_model("WalletBalance")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletBalance {
    #[serde(default)]
    pub id: Option<BalanceId>,
    pub currency: String,
    pub available: Amount,
    #[serde(default)]
    pub frozen: Option<Amount>,
}

/// A CryptoConnect wallet.
#[interlace_model("Wallet")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wallet {
    pub id: WalletId,
    /// Your unique id for the wallet (v3).
    #[serde(default)]
    pub reference_id: Option<String>,
    /// v2's name for the same id.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub nickname: Option<String>,
    /// A master wallet, provisioned in Gateway mode once KYC passes.
    #[serde(default)]
    pub master: Option<bool>,
    #[serde(default)]
    pub balances: Vec<WalletBalance>,
    /// Deposit addresses; their fields are not documented.
    #[serde(default)]
    pub addresses: Vec<Json>,
}

/// A v2 wallet list: `data.data`, like the v1 pages.
#[interlace_model("Page_WalletV2")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletPageV2 {
    pub data: Vec<Wallet>,
    #[serde(default)]
    pub page_total: Option<u64>,
    #[serde(default)]
    pub total: Option<u64>,
}

/// Create a wallet for an account.
#[interlace_endpoint(POST "/open-api/v3/cryptoconnect/wallets", response = Wallet,
    docs = "https://developer.interlace.money/docs/cryptoconnect-integration-for-mor-mode", client_method)]
pub struct CreateWallet {
    /// Your unique id for the wallet (UUID v4).
    pub reference_id: String,
    pub account_id: AccountId,
    pub nickname: Option<String>,
}

/// List an account's wallets; `master(true)` lists the master wallets only.
#[interlace_endpoint(GET "/open-api/v3/cryptoconnect/wallets", response = Page<Wallet>, paginated,
    docs = "https://developer.interlace.money/docs/cryptoconnect-integration-for-gateway-mode", client_method)]
pub struct ListWallets {
    pub account_id: AccountId,
    pub master: Option<bool>,
}

/// Get a wallet, with its balances and addresses.
#[interlace_endpoint(GET "/open-api/v3/cryptoconnect/wallets/{wallet_id}", response = Wallet,
    docs = "https://developer.interlace.money/docs/generate-a-wallet-address", client_method)]
pub struct GetWallet {
    pub wallet_id: WalletId,
    pub account_id: Option<AccountId>,
}

/// Update a wallet. Path from an unofficial SDK only, and the v2 menu says
/// PUT where the SDK says PATCH; not confirmed by the public docs.
#[interlace_endpoint(PUT "/open-api/v3/cryptoconnect/wallets/{wallet_id}", response = Json, client_method)]
pub struct UpdateWallet {
    pub wallet_id: WalletId,
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Create a wallet (v2).
#[interlace_endpoint(POST "/open-api/v2/cryptoconnect/wallets", response = Wallet,
    docs = "https://developer.interlace.money/v1.0/docs/crypto-connect-mor-integration", client_method)]
pub struct CreateWalletV2 {
    /// Your unique id for the wallet (UUID v4).
    pub idempotency_key: String,
    pub nickname: Option<String>,
}

/// List an account's wallets (v2).
#[interlace_endpoint(GET "/open-api/v2/cryptoconnect/wallets", response = WalletPageV2,
    docs = "https://developer.interlace.money/v1.0/docs/crypto-connect-gateway-integration", client_method)]
pub struct ListWalletsV2 {
    pub account_id: AccountId,
}

/// Get a wallet (v2).
#[interlace_endpoint(GET "/open-api/v2/cryptoconnect/wallets/{wallet_id}", response = Wallet,
    docs = "https://developer.interlace.money/v1.0/docs/crypto-connect-mor-integration", client_method)]
pub struct GetWalletV2 {
    pub wallet_id: WalletId,
}

/// Create a blockchain address (v2, documented).
#[interlace_endpoint(POST "/open-api/v2/cryptoconnect/wallets/{wallet_id}/addresses", response = Json,
    docs = "https://developer.interlace.money/v2.0/reference/cryptoconnect-create-wallet-address", client_method)]
pub struct CreateBlockchainAddress {
    pub wallet_id: WalletId,
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Sweeping. **Very likely wrong**: the path comes from an unofficial SDK,
/// every official v3 crypto path is under `/cryptoconnect/`, and no
/// official page names sweeping. Kept so a team can confirm or refute it.
#[interlace_endpoint(POST "/open-api/v3/crypto/sweeping", response = Json, client_method)]
pub struct Sweep {
    pub account_id: AccountId,
    #[interlace(flatten)]
    pub fields: Fields,
}
