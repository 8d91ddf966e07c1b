use interlace::interlace_endpoint;

#[derive(serde::Deserialize)]
pub struct Card {
    pub id: String,
}

#[interlace_endpoint(GET "/open-api/v3/card-list", response = Vec<Card>, paginated)]
pub struct ListCards {
    pub account_id: String,
}

fn main() {}
