use interlace::interlace_model;
use interlace::types::{CardId, CardStatus};

#[interlace_model("Card")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    // Promised by the contract: fine as it is.
    pub id: CardId,
    // Not promised: an answer without it would fail to decode.
    pub status: CardStatus,
    // A default makes a missing field decode.
    #[serde(default)]
    pub currency: String,
}

fn main() {}
