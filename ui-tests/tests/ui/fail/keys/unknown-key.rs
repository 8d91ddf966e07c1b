use interlace::interlace_endpoint;

#[interlace_endpoint(GET "/open-api/v3/card-list", respnse = String)]
pub struct ListCards {}

fn main() {}
