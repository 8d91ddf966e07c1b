// The key of earlier versions gets an answer that says what to do, not a
// did-you-mean of its opposite.
use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(GET "/open-api/v3/accounts", response = serde_json::Value, no_client_method)]
pub struct ListMyAccounts {
    pub account_id: Option<AccountId>,
}

fn main() {}
