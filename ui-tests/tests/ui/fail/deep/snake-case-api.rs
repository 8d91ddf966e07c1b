// This API's wire names are snake_case: the field already has the name,
// and the message says which attribute fixes the case.
use interlace::interlace_endpoint;

#[interlace_endpoint(GET "/tasks", no_auth,
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct ListTasks {
    pub page_size: Option<u32>,
}

fn main() {}
