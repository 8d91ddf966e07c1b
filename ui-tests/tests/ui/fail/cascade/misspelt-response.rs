// A misspelt `response` is one mistake: no second error saying that
// `paginated` lacks a response.
use interlace::types::AccountId;
use interlace::{Page, interlace_endpoint};

#[derive(Debug, serde::Deserialize)]
pub struct Card {
    pub id: String,
}

#[interlace_endpoint(GET "/open-api/v3/card-list", respone = Page<Card>, paginated)]
pub struct ListCards {
    pub account_id: AccountId,
}

fn main() {}
