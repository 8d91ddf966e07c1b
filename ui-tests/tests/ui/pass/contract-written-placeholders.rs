// A path copied from the contract: `{transactionId}` binds `transaction_id`.
use interlace::interlace_endpoint;

#[interlace_endpoint(GET "/open-api/v3/budgets/transactions/{transactionId}")]
pub struct GetBudgetTransaction {
    pub transaction_id: String,
}

fn main() {
    let _ = GetBudgetTransaction::new("t-1");
}
