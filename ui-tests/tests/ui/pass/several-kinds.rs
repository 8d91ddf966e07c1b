// Fields the contract allows several JSON kinds for take a type of any of
// them: `due` is a string or an integer, `priority` a oneOf of both, and a
// task's `estimate` a number or a string.
use interlace::{interlace_endpoint, interlace_model};

#[interlace_endpoint(GET "/tasks", no_auth, rename_all = "snake_case",
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct TasksDueByText {
    pub due: Option<String>,
}

#[interlace_endpoint(GET "/tasks", no_auth, rename_all = "snake_case",
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct TasksDueByEpoch {
    pub due: Option<i64>,
}

#[interlace_endpoint(POST "/tasks", no_auth, rename_all = "snake_case",
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct CreateTask {
    pub title: String,
    pub priority: Option<u8>,
}

#[interlace_model("Task", contract = "../../../../tests/fixtures/tasks.openapi.json")]
#[derive(Debug, serde::Deserialize)]
pub struct Task {
    pub task_id: u64,
    pub title: String,
    pub estimate: Option<f64>,
}

#[interlace_model("Task", contract = "../../../../tests/fixtures/tasks.openapi.json")]
#[derive(Debug, serde::Deserialize)]
pub struct TaskAsText {
    pub task_id: u64,
    pub title: String,
    pub estimate: Option<String>,
}

fn main() {
    let _ = TasksDueByText::new().due("tomorrow");
    let _ = TasksDueByEpoch::new().due(1_767_225_600);
    let _ = CreateTask::new("write the docs").priority(2);
}
