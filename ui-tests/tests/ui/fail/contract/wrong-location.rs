use interlace::interlace_endpoint;
use interlace::types::{AccountId, Amount, CardId};

// The contract takes `accountId` in the body of this POST: one error, not
// a second one saying the body lacks it.
#[interlace_endpoint(POST "/open-api/v3/cards/transfer-in")]
pub struct CardTransferIn {
    #[interlace(query)]
    pub account_id: AccountId,
    pub card_id: CardId,
    pub client_transaction_id: String,
    pub amount: Amount,
}

// And in the query of this GET.
#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary")]
pub struct GetCardSummary {
    pub card_id: CardId,
    #[interlace(body)]
    pub account_id: AccountId,
}

fn main() {}
