// `unlisted` on an endpoint the contract has would turn every check off.
use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(GET "/open-api/v3/card-list", unlisted = "our own list")]
pub struct ListCards {
    pub account_id: AccountId,
}

fn main() {}
