use interlace::interlace_endpoint;

#[interlace_endpoint(GET "/open-api/v3/cards/{}")]
pub struct Empty {}

#[interlace_endpoint(GET "/open-api/v3/cards/{a")]
pub struct Unclosed {
    pub a: String,
}

#[interlace_endpoint(GET "/open-api/v3/cards/{1x}")]
pub struct NotAName {}

#[interlace_endpoint(GET "/open-api/v3/cards/{a}/{a}")]
pub struct Twice {
    pub a: String,
}

fn main() {}
