use interlace::interlace_model;
use interlace::types::CardId;

#[interlace_model("Card")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: CardId,
    // `cardLastFor` is not in the contract's `Card`: `cardLastFour` is.
    pub card_last_for: Option<String>,
    #[serde(rename = "userNme")]
    pub user_name: Option<String>,
}

fn main() {}
