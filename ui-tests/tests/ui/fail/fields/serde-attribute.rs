use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(POST "/open-api/v3/budgets")]
pub struct CreateBudget {
    #[serde(rename = "account")]
    pub account_id: AccountId,
}

fn main() {}
