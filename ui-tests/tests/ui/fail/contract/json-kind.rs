use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};

// Money is a decimal string in the contract, not a float.
#[interlace_endpoint(POST "/open-api/v3/cards/transfer-in")]
pub struct CardTransferIn {
    pub account_id: AccountId,
    pub card_id: CardId,
    pub client_transaction_id: String,
    pub amount: f64,
}

// `page` is an integer, `label` a string.
#[interlace_endpoint(GET "/open-api/v3/card-list")]
pub struct ListCards {
    pub account_id: AccountId,
    pub page: Option<String>,
    pub label: Option<bool>,
}

fn main() {}
