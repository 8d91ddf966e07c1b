// Money is a decimal: text that may not be one is refused at compile time.
use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};

#[interlace_endpoint(POST "/open-api/v3/cards/transfer-in")]
pub struct CardTransferIn {
    pub account_id: AccountId,
    pub card_id: CardId,
    pub client_transaction_id: String,
    pub amount: String,
}

fn main() {}
