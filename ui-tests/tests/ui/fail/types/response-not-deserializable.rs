use interlace::interlace_endpoint;

pub struct CardPrivateInfo {
    pub id: String,
}

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}", response = CardPrivateInfo)]
pub struct GetCard {
    pub card_id: String,
}

fn main() {}
