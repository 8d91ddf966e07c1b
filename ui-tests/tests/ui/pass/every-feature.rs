use interlace::types::{AccountId, CardId};
use interlace::{Client, NoContent, Page, interlace_endpoint};

#[derive(Debug, serde::Deserialize)]
pub struct Card {
    pub id: CardId,
}

/// Create a card.
#[interlace_endpoint(POST "/open-api/v3/example/prepaid-card", response = Card, idempotent, client_method,
    docs = "https://developer.interlace.money/reference/createprepaidcard",
    unlisted = "a reduced request with a header of our own")]
pub struct CreateCard {
    pub account_id: AccountId,
    pub amount: Option<String>,
    #[interlace(header = "X-Request-Id")]
    pub request_id: String,
}

#[interlace_endpoint(GET "/open-api/v3/card-list", response = Page<Card>, paginated, client_method)]
pub struct ListCards {
    pub account_id: AccountId,
}

#[interlace_endpoint(PUT "/open-api/v3/example/{card_id}/velocity-control", client_method,
    unlisted = "moves a field to the query to show the override")]
pub struct SetVelocity {
    pub card_id: CardId,
    #[interlace(query)]
    pub account_id: AccountId,
    #[interlace(rename = "transactionLimitsType")]
    pub period: String,
}

// Without `client_method`: no `<Name>Ext` trait, sent with `client.send`.
#[interlace_endpoint(DELETE "/open-api/v3/cards/{card_id}", response = NoContent)]
pub struct DeleteCard {
    pub card_id: CardId,
}

#[interlace_endpoint(GET "/open-api/v3/oauth/authorize", response = serde_json::Value, no_auth, client_method)]
pub struct Authorize {
    pub client_id: String,
}

#[interlace_endpoint(POST "/open-api/v2/accounts/{account_id}/initialization", response = bool, client_method)]
pub struct Initialize {
    pub account_id: AccountId,
}

pub async fn calls(client: &Client) -> Result<(), interlace::Error> {
    use futures_util::StreamExt;
    let _card: Card = client.create_card(CreateCard::new(AccountId::new("a"), "r-1").amount("1.00")).await?;
    let _page: Page<Card> = client.list_cards(ListCards::new(AccountId::new("a")).limit(50u32)).await?;
    let _first = client.stream(ListCards::new(AccountId::new("a"))).next().await;
    client.set_velocity(SetVelocity::new(CardId::new("c"), AccountId::new("a"), "DAY")).await?;
    let _: NoContent = client.send(DeleteCard::new(CardId::new("c"))).await?;
    let _ = client.authorize(Authorize::new("id")).await?;
    let _: bool = client.initialize(Initialize::new(AccountId::new("a"))).await?;
    Ok(())
}

fn main() {}
