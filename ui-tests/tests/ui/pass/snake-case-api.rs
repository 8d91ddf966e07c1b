// An API with snake_case wire names, and an integer path parameter.
use interlace::{interlace_endpoint, interlace_model};

#[interlace_endpoint(GET "/tasks", no_auth, rename_all = "snake_case",
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct ListTasks {
    pub page_size: Option<u32>,
    pub due_before: Option<String>,
}

#[interlace_endpoint(GET "/tasks/{task_id}", no_auth,
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct GetTask {
    pub task_id: u64,
}

fn main() {
    let _ = ListTasks::new().page_size(20u32);
    let _ = GetTask::new(7u64);
}

#[interlace_model("Label", contract = "../../../../tests/fixtures/tasks.openapi.json")]
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Label {
    pub name: String,
}

#[interlace_endpoint(POST "/tasks", no_auth, rename_all = "snake_case",
    contract = "../../../../tests/fixtures/tasks.openapi.json")]
pub struct CreateTask {
    pub title: String,
    pub labels: Option<Vec<Label>>,
    pub tags: Option<Vec<String>>,
}
