use interlace::interlace_endpoint;

#[interlace_endpoint(GET "/open-api/v3/card-list", response = String, response = u32)]
pub struct ListCards {}

fn main() {}
