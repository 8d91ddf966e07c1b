// An array's items are checked too: `labels` holds objects, `tags` strings.
use interlace::interlace_endpoint;

#[interlace_endpoint(POST "/tasks", no_auth, rename_all = "snake_case",
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct CreateTask {
    pub title: String,
    pub labels: Option<Vec<String>>,
    pub tags: Option<Vec<u32>>,
}

fn main() {}
