use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};

#[interlace_endpoint(GET "/open-api/v3/card-list")]
pub struct ListCards {
    #[interlace(path)]
    pub card_id: CardId,
    pub account_id: AccountId,
}

fn main() {}
