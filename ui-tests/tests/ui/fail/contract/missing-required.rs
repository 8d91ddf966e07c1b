use interlace::interlace_endpoint;
use interlace::types::{AccountId, BinId, CardMode};

// No `cardholderId`, which the contract requires.
#[interlace_endpoint(POST "/open-api/v3/prepaid-card", idempotent)]
pub struct CreatePrepaidCard {
    pub account_id: AccountId,
    pub bin_id: BinId,
    pub reference_id: String,
    pub card_mode: CardMode,
}

// No `accountId` query parameter, which the contract requires.
#[interlace_endpoint(GET "/open-api/v3/cardholders/{cardholder_id}")]
pub struct GetCardholder {
    pub cardholder_id: String,
}

fn main() {}
