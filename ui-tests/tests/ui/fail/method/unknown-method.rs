use interlace::interlace_endpoint;

#[interlace_endpoint(PATCH "/open-api/v3/cards/{card_id}")]
pub struct UpdateCard {
    pub card_id: String,
}

fn main() {}
