// Without `client_method` the client has no method for the endpoint: it is
// sent with `client.send(request)` (as `DeleteCard` in pass/every-feature.rs).
use interlace::interlace_endpoint;

#[interlace_endpoint(GET "/open-api/v3/physical-cards/fees", response = serde_json::Value)]
pub struct ListFees {}

async fn fees(client: &interlace::Client) -> Result<serde_json::Value, interlace::Error> {
    client.list_fees(ListFees::new()).await
}

fn main() {
    let _ = fees;
}
