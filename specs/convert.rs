//! CryptoConnect conversion between USD and stablecoins. Only the currency
//! pair lookup has a visible path; the quote and trade calls are listed in
//! `undeclared.md`. The sample answers use the v1-style envelope (`code`
//! 0) even on the v3 path, which the client accepts as success.

use serde::{Deserialize, Serialize};

use crate::types::Amount;
use crate::{interlace_endpoint, interlace_model};

/// A trade currency pair and its minimum amounts. In `USDC-USD`, USDC is the
/// base currency (the one traded) and USD the quote currency.
#[interlace_model("CurrencyPair")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyPair {
    pub symbol: String,
    pub base_currency: String,
    #[serde(default)]
    pub base_min: Option<Amount>,
    pub quote_currency: String,
    #[serde(default)]
    pub quote_min: Option<Amount>,
}

/// Get the trade currency pair of two currencies.
#[interlace_endpoint(GET "/open-api/v3/cryptoconnect/convert/currency-pair", response = CurrencyPair,
    docs = "https://developer.interlace.money/update/docs/cryptoconnect-converting-overview", client_method)]
pub struct GetCurrencyPair {
    pub from_currency: String,
    pub to_currency: String,
}

/// Get the trade currency pair of two currencies (v2).
#[interlace_endpoint(GET "/open-api/v2/cryptoconnect/convert/currency-pair", response = CurrencyPair,
    docs = "https://developer.interlace.money/v1.0/docs/cryptoconnect-converting-overview", client_method)]
pub struct GetCurrencyPairV2 {
    pub from_currency: String,
    pub to_currency: String,
}
