use interlace::interlace_endpoint;
use interlace::types::{AccountId, BinId, CardMode, CardholderId};

// `cardholderId` is required: an `Option` would let the request go without it.
#[interlace_endpoint(POST "/open-api/v3/prepaid-card", idempotent)]
pub struct CreatePrepaidCard {
    pub account_id: AccountId,
    pub bin_id: BinId,
    pub cardholder_id: Option<CardholderId>,
    pub reference_id: String,
    pub card_mode: CardMode,
}

fn main() {}
