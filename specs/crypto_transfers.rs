//! CryptoConnect blockchain transfers and refunds. The create calls are
//! documented by method and path; their body tables are drawn in the
//! browser and not visible in the stored pages, so their fields go in
//! `fields` as the page or your Interlace contact specifies them, and their
//! answers stay JSON.

use crate::interlace_endpoint;
use crate::types::{AccountId, Page};

type Json = serde_json::Value;
type Fields = serde_json::Map<String, serde_json::Value>;

/// Create a blockchain transfer: send crypto from a wallet to an address.
#[interlace_endpoint(POST "/open-api/v3/cryptoconnect/transfers", response = Json,
    docs = "https://developer.interlace.money/reference/cryptoconnect-create-transfer", client_method)]
pub struct CreateBlockchainTransfer {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// The fee and the cross-chain quota of a blockchain transfer, before
/// making it.
#[interlace_endpoint(POST "/open-api/v3/cryptoconnect/transfers/fee-and-quota", response = Json,
    docs = "https://developer.interlace.money/docs/send-cryptocurrency-to-blockchain", client_method)]
pub struct GetBlockchainTransferFeeAndQuota {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// List all blockchain transfers. Path from third-party code only.
#[interlace_endpoint(GET "/open-api/v3/cryptoconnect/transfers", response = Page<Json>, paginated, client_method)]
pub struct ListBlockchainTransfers {
    pub account_id: AccountId,
}

/// Create a refund of a crypto deposit.
#[interlace_endpoint(POST "/open-api/v3/cryptoconnect/refunds", response = Json,
    docs = "https://developer.interlace.money/reference/cryptoconnect-create-refund", client_method)]
pub struct CreateCryptoRefund {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Create a refund of a crypto deposit (v2).
#[interlace_endpoint(POST "/open-api/v2/cryptoconnect/refunds", response = Json,
    docs = "https://developer.interlace.money/v2.0/reference/cryptoconnect-create-refund", client_method)]
pub struct CreateCryptoRefundV2 {
    #[interlace(flatten)]
    pub fields: Fields,
}
