// An enum model, a nested model, and a request body field of a model type.
use interlace::interlace_model;
use interlace::prelude::*;

#[interlace_model("CardStatus")]
#[derive(Debug, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Inactive,
    Control,
    Active,
    Pending,
    Frozen,
    #[serde(other)]
    Unknown,
}

impl<Op> interlace::contract::SendsString<Op> for Status {}

#[interlace_model("Card")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: CardId,
    pub status: Option<Status>,
    pub card_last_four: Option<String>,
}

#[interlace_model("Address")]
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub address_line1: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
}

fn main() {
    let _ = Status::Active;
}
