// A downstream crate declaring Interlace endpoints with no key: they are
// checked against the bundled contract, response models included.
use interlace::prelude::*;
use interlace::{interlace_endpoint, interlace_model};

#[interlace_model("CardSummary")]
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MySummary {
    pub card_id: CardId,
    #[serde(default)]
    pub velocity_control: Option<serde_json::Value>,
}

#[interlace_endpoint(GET "/open-api/v3/cards/{id}/card-summary", response = MySummary, client_method)]
pub struct Summary {
    pub id: CardId,
    pub account_id: AccountId,
}

#[interlace_endpoint(POST "/open-api/v3/cards/transfer-out", response = serde_json::Value, client_method)]
pub struct Withdraw {
    pub account_id: AccountId,
    pub card_id: CardId,
    pub client_transaction_id: String,
    pub amount: Amount,
}

pub async fn calls(client: &Client, text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let _ = client.summary(Summary::new(CardId::new("c"), AccountId::new("a"))).await?;
    let _ = client
        .withdraw(Withdraw::new(AccountId::new("a"), CardId::new("c"), "w-1", text.parse()?))
        .await?;
    Ok(())
}

fn main() {}
