use interlace::interlace_endpoint;
use interlace::types::AccountId;

// The path exists, with another method.
#[interlace_endpoint(GET "/open-api/v3/prepaid-card")]
pub struct GetPrepaidCard {
    pub account_id: AccountId,
}

fn main() {}
