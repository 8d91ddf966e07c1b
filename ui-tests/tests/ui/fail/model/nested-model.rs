// A model's field whose schema is an object of its own takes a model of
// that schema too: a plain struct's fields would go unchecked.
use interlace::interlace_model;

#[derive(Debug, serde::Deserialize)]
pub struct Billing {
    pub line: String,
}

#[interlace_model("Card")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: String,
    pub billing_address: Option<Billing>,
}

fn main() {}
