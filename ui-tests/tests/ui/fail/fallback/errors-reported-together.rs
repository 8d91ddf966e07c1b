// Three mistakes in one declaration are reported together, and code that
// uses the endpoint elsewhere gets no follow-on errors.
use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};
use interlace::Client;

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/{cardholder_id}", idempotent, client_method)]
pub struct GetCard {
    pub card_id: CardId,
    #[interlace(body)]
    pub account_id: AccountId,
    pub label: Option<String>,
}

pub async fn use_it(client: &Client) {
    let request = GetCard::new(CardId::new("c"), AccountId::new("a")).label("x");
    let _ = client.get_card(request.clone()).await;
    let _ = client.send(request).await;
}

fn main() {}
