// The freeze body is not documented: the contract only guesses that it
// takes `accountId` (confidence `name-only`). Leaving it out is a warning,
// not an error; `deny(deprecated)` here turns it into one to pin its text.
#![deny(deprecated)]

use interlace::interlace_endpoint;
use interlace::types::CardId;

#[interlace_endpoint(POST "/open-api/v3/cards/{card_id}/freeze")]
pub struct FreezeCard {
    pub card_id: CardId,
}

fn main() {}
