use interlace::interlace_endpoint;
use interlace::types::AccountId;

// A typo in the path: the nearest paths in the contract are suggested.
#[interlace_endpoint(GET "/open-api/v3/card/bin")]
pub struct ListCardBins {
    pub account_id: AccountId,
}

fn main() {}
