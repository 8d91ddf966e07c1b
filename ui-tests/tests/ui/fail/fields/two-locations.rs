use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(POST "/open-api/v3/budgets")]
pub struct CreateBudget {
    #[interlace(query, body)]
    pub account_id: AccountId,
}

fn main() {}
