// `strict`: contradicting a guess is an error too.
use interlace::interlace_endpoint;
use interlace::types::CardId;

#[interlace_endpoint(POST "/open-api/v3/cards/{card_id}/freeze", strict)]
pub struct FreezeCard {
    pub card_id: CardId,
}

fn main() {}
