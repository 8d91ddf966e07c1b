// A declaration with an error still offers `.limit()` and `client.stream()`,
// so the only error reported is the real one.
use interlace::prelude::*;
use interlace::{Page, interlace_endpoint};

#[derive(Debug, serde::Deserialize)]
pub struct Card {
    pub id: String,
}

#[interlace_endpoint(GET "/open-api/v3/card-list", response = Page<Card>, paginated, client_method, colour = "red")]
pub struct ListMyCards {
    pub account_id: AccountId,
}

async fn walk(client: Client) {
    let _ = client.list_my_cards(ListMyCards::new("a-1").limit(50)).await;
    let _ = client.stream(ListMyCards::new("a-1").page(2)).next().await;
}

fn main() {
    let _ = walk;
}
