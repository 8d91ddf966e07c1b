// A property the contract allows to be `null` is an `Option`, whatever
// `serde(default)` says: `default` covers an absent field, not a null one.
use interlace::interlace_model;

#[interlace_model("Card")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: String,
    #[serde(default)]
    pub label: String,
    pub budget_id: Option<String>,
}

fn main() {}
