// Declarations checked against a document whose `Node` schema lists itself
// in its own `allOf`, with refs that lead nowhere: the checks say what they
// can and the compiler neither hangs nor overflows its stack.
use interlace::{interlace_endpoint, interlace_model};

#[interlace_model("Node", contract = "../../../../tests/fixtures/cyclic.openapi.json")]
#[derive(Debug, serde::Deserialize)]
pub struct Node {
    pub id: String,
}

#[interlace_endpoint(GET "/nodes/{id}", response = Node,
    contract = "../../../../tests/fixtures/cyclic.openapi.json")]
pub struct GetNode {
    pub id: String,
}

fn main() {
    let _ = GetNode::new("n-1");
}
