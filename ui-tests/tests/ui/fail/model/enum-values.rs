// Variants against the contract's enum values, after serde's renames.
use interlace::interlace_model;

#[interlace_model("CardStatus")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Active,
    Frozen,
    Closed,
}

fn main() {}
