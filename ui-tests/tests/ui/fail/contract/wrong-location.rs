use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};

// The contract takes `accountId` in the body of this POST.
#[interlace_endpoint(POST "/open-api/v3/cards/{card_id}/freeze")]
pub struct FreezeCard {
    pub card_id: CardId,
    #[interlace(query)]
    pub account_id: AccountId,
}

// And in the query of this GET.
#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary")]
pub struct GetCardSummary {
    pub card_id: CardId,
    #[interlace(body)]
    pub account_id: AccountId,
}

fn main() {}
