use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[derive(Debug, Clone)]
pub struct Opaque;

#[interlace_endpoint(POST "/open-api/v3/example/budgets", unlisted = "a case about field types")]
pub struct CreateBudget {
    pub account_id: AccountId,
    pub detail: Opaque,
}

fn main() {}
