// Declarations checked against another API's OpenAPI document. The path is
// relative to the declaring crate's Cargo.toml; trybuild builds this file in
// a crate under target/tests/trybuild/interlace, hence the climb back to the
// workspace root.
use interlace::{interlace_endpoint, interlace_model};

#[interlace_model("Pet", contract = "../../../../tests/fixtures/petstore.openapi.json")]
#[derive(Debug, serde::Deserialize)]
pub struct Pet {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub tag: Option<String>,
}

#[interlace_endpoint(GET "/pets/{pet_id}", response = Pet,
    contract = "../../../../tests/fixtures/petstore.openapi.json")]
pub struct ShowPet {
    pub pet_id: String,
}

#[interlace_endpoint(GET "/pets", response = Vec<Pet>,
    contract = "../../../../tests/fixtures/petstore.openapi.json")]
pub struct ListPets {
    pub limit: Option<u32>,
}

fn main() {
    let _ = ShowPet::new("7");
    let _ = ListPets::new().limit(20);
}
