use interlace::interlace_endpoint;
use interlace::types::{AccountId, BinId, CardMode, CardholderId};

// The contract requires an `Idempotency-Key` on card creation.
#[interlace_endpoint(POST "/open-api/v3/prepaid-card")]
pub struct CreatePrepaidCard {
    pub account_id: AccountId,
    pub bin_id: BinId,
    pub cardholder_id: CardholderId,
    pub reference_id: String,
    pub card_mode: CardMode,
}

// And takes none on a card transfer.
#[interlace_endpoint(POST "/open-api/v3/cards/transfer-in", idempotent)]
pub struct CardTransferIn {
    pub account_id: AccountId,
    pub card_id: String,
    pub client_transaction_id: String,
    pub amount: interlace::types::Amount,
}

fn main() {}
