// Facts the contract only guesses never block a build: the freeze body's
// `accountId` (name-only) left out, and a header the contract does not
// list. Both are warnings; `allow(deprecated)` on the declaration accepts
// them.
use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};

#[interlace_endpoint(POST "/open-api/v3/cards/{card_id}/freeze")]
#[allow(deprecated)]
pub struct FreezeCard {
    pub card_id: CardId,
}

#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary")]
#[allow(deprecated)]
pub struct GetCardSummary {
    pub card_id: CardId,
    pub account_id: AccountId,
    #[interlace(header = "X-Tenant")]
    pub tenant: Option<String>,
}

fn main() {
    let _ = FreezeCard::new(CardId::new("c"));
    let _ = GetCardSummary::new(CardId::new("c"), AccountId::new("a")).tenant("t".to_string());
}
