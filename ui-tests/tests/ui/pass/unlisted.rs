// An endpoint the contract does not have, declared with the reason.
use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[derive(Debug, serde::Deserialize)]
pub struct Points {
    pub balance: u64,
}

#[interlace_endpoint(GET "/open-api/v3/loyalty/points", response = Points,
    unlisted = "a private endpoint our account manager enabled")]
pub struct ListPoints {
    pub account_id: AccountId,
    pub anything: Option<f64>,
}

fn main() {
    let _ = ListPoints::new(AccountId::new("a")).anything(1.5);
}
