use interlace::interlace_endpoint;

pub struct Card {
    pub id: String,
}

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}", response = Card)]
pub struct GetCard {
    pub card_id: String,
}

fn main() {}
