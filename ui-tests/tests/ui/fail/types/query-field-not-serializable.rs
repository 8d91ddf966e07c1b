use interlace::interlace_endpoint;

#[derive(Debug, Clone)]
pub struct Filter;

#[interlace_endpoint(GET "/open-api/v3/example/card-list", unlisted = "a case about field types")]
pub struct ListCards {
    pub filter: Filter,
}

fn main() {}
