use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary")]
pub struct GetCardSummary {
    pub card_id: CardId,
    pub account_id: AccountId,
}

fn main() {
    let card = CardId::new("c-1");
    let account = AccountId::new("a-1");
    let _ = GetCardSummary {
        card_id: card.clone(),
        account_id: card,
    };
    let _ = account;
}
