//! Card BINs.

use serde::{Deserialize, Serialize};

use crate::types::{AccountId, Amount, BinId, Page};
use crate::{interlace_endpoint, interlace_model};

/// AVS and 3-D Secure support of a BIN.
#[interlace_model("BinVerification")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BinVerification {
    pub avs: bool,
    pub three_ds: bool,
}

/// Spending limits of a BIN.
#[interlace_model("PurchaseLimit")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseLimit {
    pub day: Option<Amount>,
    pub single: Option<Amount>,
    pub lifetime: Option<Amount>,
}

/// A card BIN available to an account.
#[interlace_model("CardBin")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardBin {
    /// Used as `binId` when creating cardholders and cards.
    pub id: BinId,
    /// The six leading digits, e.g. `"559666"`.
    pub bin: String,
    /// `0` or `1`; the reference does not say what they mean (probably prepaid and budget).
    #[serde(rename = "type")]
    pub bin_type: i64,
    #[serde(default)]
    pub currencies: Vec<String>,
    /// `"Master"` or `"Visa"`.
    pub network: String,
    #[serde(default)]
    pub verification: Option<BinVerification>,
    #[serde(default)]
    pub purchase_limit: Option<PurchaseLimit>,
    #[serde(default)]
    pub support_physical_card: bool,
}

/// List all available card BINs. Sync it before issuing: BINs change.
#[interlace_endpoint(GET "/open-api/v3/card/bins", response = Page<CardBin>, paginated,
    docs = "https://developer.interlace.money/reference", client_method)]
pub struct ListCardBins {
    pub account_id: AccountId,
}

/// List all card BINs under maintenance. Path from an unofficial SDK only;
/// not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/card/bins/maintain", response = Page<CardBin>, client_method)]
pub struct ListCardBinsUnderMaintenance {
    pub account_id: AccountId,
}

/// A platform's success rate with a BIN.
#[interlace_model("PlatformRecommendation")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformRecommendation {
    /// Between 0 and 1.
    pub success_rate: f64,
    pub platform_label: String,
}

/// BIN recommendation by transaction scenario (v1).
///
/// **Unconfirmed parameter:** the reference says the recommendation is "by
/// BIN" but does not name the query parameter; `bin` is this toolkit's guess.
#[interlace_endpoint(GET "/open-api/v1/cards/recommendation", response = Vec<PlatformRecommendation>, client_method)]
pub struct GetBinRecommendation {
    /// Unconfirmed query parameter name (a guess).
    pub bin: Option<String>,
}
