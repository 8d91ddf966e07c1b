// An enum model, a response model using it, and a model that is sent
// (every required property present and not an `Option`).
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
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub city: String,
    pub state: String,
    pub country: String,
    pub postal_code: String,
}

fn main() {
    let _ = Status::Active;
}
