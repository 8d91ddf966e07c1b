// A near name gets a suggestion in a form serde accepts; a field that is
// the contract's name but for the case names `rename_all`; a field nothing
// is close to lists the schema's fields.
use interlace::interlace_model;

#[interlace_model("Card")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: String,
    pub card_last_4: Option<String>,
}

#[interlace_model("CardSummary")]
#[derive(Debug, serde::Deserialize)]
pub struct Summary {
    pub card_id: Option<String>,
}

#[interlace_model("PurchaseLimit")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Limit {
    pub colour: Option<String>,
}

fn main() {}
