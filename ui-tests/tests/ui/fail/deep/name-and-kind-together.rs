// A misspelt name and a float for money: both reported in one run.
use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};

#[interlace_endpoint(POST "/open-api/v3/cards/transfer-in")]
pub struct CardTransferIn {
    pub acount_id: AccountId,
    pub card_id: CardId,
    pub client_transaction_id: String,
    pub amount: f64,
}

fn main() {}
