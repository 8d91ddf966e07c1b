// `#[interlace(query)]` on a body field is one mistake: the field is not
// also reported missing from the body.
use interlace::interlace_endpoint;
use interlace::types::{AccountId, Amount, CardId};

#[interlace_endpoint(POST "/open-api/v3/cards/transfer-in")]
pub struct CardTransferIn {
    pub account_id: AccountId,
    pub card_id: CardId,
    #[interlace(query)]
    pub client_transaction_id: String,
    pub amount: Amount,
}

fn main() {}
