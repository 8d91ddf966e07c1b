use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(GET "/open-api/v3/card-list")]
pub struct ListCards {
    // `acountId` on the wire: the contract's `accountId` is suggested.
    pub acount_id: AccountId,
}

#[interlace_endpoint(GET "/open-api/v3/card-list")]
pub struct ListCardsRenamed {
    pub account_id: AccountId,
    // A renamed field is checked by its wire name.
    #[interlace(rename = "referenceID")]
    pub reference: Option<String>,
    // Nothing close: the operation's names are listed.
    pub colour: Option<String>,
}

fn main() {}
