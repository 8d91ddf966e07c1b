// The card list answers a page of `Card`, not of `Cardholder`.
use interlace::types::AccountId;
use interlace::{Page, interlace_endpoint};

#[derive(Debug, serde::Deserialize)]
pub struct Cardholder {
    pub id: String,
}

#[interlace_endpoint(GET "/open-api/v3/card-list", response = Page<Cardholder>)]
pub struct ListCards {
    pub account_id: AccountId,
}

fn main() {}
