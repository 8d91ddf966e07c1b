// The contract's parameter is a `CardId`; an `AccountId` is another id.
use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary")]
pub struct GetCardSummary {
    pub card_id: AccountId,
    pub account_id: AccountId,
}

fn main() {}
