// The contract's `Card.id` is a string id and `status` a string enum.
use interlace::interlace_model;

#[interlace_model("Card")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: u64,
    pub status: Option<bool>,
}

fn main() {}
