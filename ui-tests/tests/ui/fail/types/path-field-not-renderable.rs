use interlace::interlace_endpoint;

#[derive(Debug, Clone)]
pub struct Filter {
    pub from: u32,
}

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}")]
pub struct GetCard {
    pub card_id: Filter,
}

fn main() {}
