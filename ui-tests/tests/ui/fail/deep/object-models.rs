// A field whose contract schema is an object of its own takes a model of
// that schema, so its fields are checked too. A hand-written `SendsObject`
// (here with a misspelt field) is no way around it, and a model of another
// schema is refused at the field.
use interlace::interlace_endpoint;
use interlace::types::Amount;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Party {
    pub acount_id: String,
}

impl<Op> interlace::contract::SendsObject<Op> for Party {}

#[interlace_endpoint(POST "/open-api/v3/business/transfer/external")]
pub struct HandWritten {
    pub client_transaction_id: String,
    pub amount: Amount,
    pub from: Party,
    pub to: Party,
}

#[interlace_endpoint(POST "/open-api/v3/business/transfer/external")]
pub struct AnotherSchema {
    pub client_transaction_id: String,
    pub amount: Amount,
    pub from: interlace::accounts::Address,
    pub to: interlace::accounts::Address,
}

fn main() {}
