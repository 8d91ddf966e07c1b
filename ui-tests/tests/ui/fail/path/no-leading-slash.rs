use interlace::interlace_endpoint;

#[interlace_endpoint(GET "open-api/v3/card-list")]
pub struct ListCards {}

fn main() {}
