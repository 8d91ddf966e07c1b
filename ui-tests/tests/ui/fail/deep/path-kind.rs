// `task_id` is an integer in this API's contract.
use interlace::interlace_endpoint;

#[interlace_endpoint(GET "/tasks/{task_id}", rename_all = "snake_case", no_auth,
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct GetTask {
    pub task_id: String,
}

fn main() {}
