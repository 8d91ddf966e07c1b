use interlace::interlace_endpoint;

#[interlace_endpoint("/open-api/v3/card-list")]
pub struct ListCards {}

fn main() {}
