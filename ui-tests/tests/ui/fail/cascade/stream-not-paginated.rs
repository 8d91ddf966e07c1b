// `client.stream` on an endpoint that is not a paginated list: the message
// tells the caller what to do instead, not how to redeclare the endpoint.
use interlace::prelude::*;
use interlace::types::{AccountId, CardId};

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary")]
pub struct GetCardSummary {
    pub card_id: CardId,
    pub account_id: AccountId,
}

async fn walk(client: Client) {
    let request = GetCardSummary::new(CardId::new("c"), AccountId::new("a"));
    let _ = client.stream(request).next().await;
}

fn main() {
    let _ = walk;
}
