use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(GET "/open-api/v3/card-list")]
pub struct ListCards {
    #[interlace(body)]
    pub account_id: AccountId,
}

#[interlace_endpoint(DELETE "/open-api/v3/cards/{card_id}")]
pub struct DeleteCard {
    pub card_id: String,
    #[interlace(body)]
    pub account_id: AccountId,
}

fn main() {}
