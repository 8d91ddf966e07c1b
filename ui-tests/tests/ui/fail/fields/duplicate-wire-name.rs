use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(POST "/open-api/v3/budgets")]
pub struct CreateBudget {
    pub account_id: AccountId,
    #[interlace(rename = "accountId")]
    pub owner: String,
}

fn main() {}
