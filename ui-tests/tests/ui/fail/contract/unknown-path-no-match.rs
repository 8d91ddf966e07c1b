use interlace::interlace_endpoint;
use interlace::types::AccountId;

// Nothing close: the message says how to opt out instead.
#[interlace_endpoint(GET "/open-api/v3/loyalty/points")]
pub struct ListPoints {
    pub account_id: AccountId,
}

fn main() {}
