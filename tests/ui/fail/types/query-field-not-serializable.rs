use interlace::interlace_endpoint;

#[derive(Debug, Clone)]
pub struct Filter;

#[interlace_endpoint(GET "/open-api/v3/card-list")]
pub struct ListCards {
    pub filter: Filter,
}

fn main() {}
