use interlace::interlace_endpoint;

// `unlisted` skips the check that `contract` names a document for.
#[interlace_endpoint(GET "/pets", unlisted = "not in the contract", contract = "openapi.json")]
pub struct ListPets {}

// An opt-out says why.
#[interlace_endpoint(GET "/pets", unlisted = " ")]
pub struct ListMorePets {}

fn main() {}
