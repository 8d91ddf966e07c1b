// A field the contract allows several kinds for refuses a type of none of
// them, each at its type, in one run: `due` is a string or an integer,
// `priority` a oneOf of both, a task's `estimate` a number or a string.
use interlace::{interlace_endpoint, interlace_model};

#[interlace_endpoint(GET "/tasks", no_auth, rename_all = "snake_case",
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct ListTasks {
    pub due: Option<bool>,
}

#[interlace_endpoint(POST "/tasks", no_auth, rename_all = "snake_case",
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct CreateTask {
    pub title: String,
    pub priority: Option<f64>,
}

#[interlace_model("Task", contract = "../../../../tests/fixtures/tasks.openapi.json")]
#[derive(Debug, serde::Deserialize)]
pub struct Task {
    pub task_id: u64,
    pub title: String,
    pub estimate: Option<bool>,
}

fn main() {}
