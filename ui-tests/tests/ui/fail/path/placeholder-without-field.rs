use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary")]
pub struct GetCardSummary {
    pub account_id: AccountId,
}

fn main() {}
