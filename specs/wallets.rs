//! CryptoConnect wallets and blockchain transfers. Only the v2 address path
//! is documented; the v3 paths come from an unofficial SDK or third-party
//! code and are not confirmed by the public docs.

use crate::interlace_endpoint;
use crate::types::{AccountId, Page, WalletId};

type Json = serde_json::Value;
type Fields = serde_json::Map<String, serde_json::Value>;

/// Create a wallet. Path from an unofficial SDK only.
#[interlace_endpoint(POST "/open-api/v3/cryptoconnect/wallets", response = Json)]
pub struct CreateWallet {
    pub account_id: AccountId,
    #[interlace(flatten)]
    pub fields: Fields,
}

/// List all wallets. Path from an unofficial SDK only.
#[interlace_endpoint(GET "/open-api/v3/cryptoconnect/wallets", response = Page<Json>, paginated)]
pub struct ListWallets {
    pub account_id: AccountId,
}

/// Get a wallet. Path from an unofficial SDK only.
#[interlace_endpoint(GET "/open-api/v3/cryptoconnect/wallets/{wallet_id}", response = Json)]
pub struct GetWallet {
    pub wallet_id: WalletId,
    pub account_id: Option<AccountId>,
}

/// Update a wallet. Path from an unofficial SDK only.
#[interlace_endpoint(PUT "/open-api/v3/cryptoconnect/wallets/{wallet_id}", response = Json)]
pub struct UpdateWallet {
    pub wallet_id: WalletId,
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Create a blockchain address (v2, documented).
#[interlace_endpoint(POST "/open-api/v2/cryptoconnect/wallets/{wallet_id}/addresses", response = Json,
    docs = "https://developer.interlace.money/v2.0/reference/cryptoconnect-create-wallet-address")]
pub struct CreateBlockchainAddress {
    pub wallet_id: WalletId,
    #[interlace(flatten)]
    pub fields: Fields,
}

/// List all blockchain transfers. Path from third-party code only.
#[interlace_endpoint(GET "/open-api/v3/cryptoconnect/transfers", response = Page<Json>, paginated)]
pub struct ListBlockchainTransfers {
    pub account_id: AccountId,
}

/// Sweeping. Path from an unofficial SDK only.
#[interlace_endpoint(POST "/open-api/v3/crypto/sweeping", response = Json)]
pub struct Sweep {
    pub account_id: AccountId,
    #[interlace(flatten)]
    pub fields: Fields,
}
