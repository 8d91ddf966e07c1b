use interlace::{interlace_endpoint, interlace_model};

// A contract file that is not there is an error at the path.
#[interlace_endpoint(GET "/pets", contract = "no/such/openapi.json")]
pub struct ListPets {}

#[interlace_model("Pet", contract = "no/such/openapi.json")]
#[derive(serde::Deserialize)]
pub struct Pet {
    pub id: i64,
}

fn main() {}
