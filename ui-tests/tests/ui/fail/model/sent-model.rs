// A model that is sent (it derives `Serialize`), as a body field's type:
// every property the contract requires must be there, and not an `Option`.
use interlace::interlace_model;

#[interlace_model("Address")]
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub address_line1: String,
    pub city: Option<String>,
    pub state: String,
    pub country: String,
}

fn main() {}
