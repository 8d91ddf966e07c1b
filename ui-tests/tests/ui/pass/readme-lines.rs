// The calls of the README's "Calling the API" section, written exactly as a
// user writes them: integer literals, `.parse()?`, string literals and ids,
// with no type suffixes; and a large request by its named required fields.
use interlace::prelude::*;

async fn run(client: &Client, amount_text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let account = AccountId::new("3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23");
    let cards = client
        .list_cards(ListCards::new(account.clone()).limit(50).page(2))
        .await?;
    let card = client
        .create_prepaid_card(
            CreatePrepaidCard::new(
                account.clone(),
                BinId::new("1926684703962181633"),
                CardholderId::new("1926684703962181634"),
                "order-42",
                CardMode::Virtual,
            )
            .amount(amount_text.parse()?)
            .label("ads"),
        )
        .await?;
    let _topped_up = client
        .card_transfer_in(CardTransferIn::new(
            account.clone(),
            card.id.clone(),
            "topup-42",
            Amount::from_cents(100),
        ))
        .await?;
    let _summary = client
        .get_card_summary(GetCardSummary::new(CardId::new("c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e"), account))
        .await?;
    let address = Address {
        address_line1: "1 Market St".into(),
        address_line2: None,
        city: "San Francisco".into(),
        state: "CA".into(),
        country: "US".into(),
        postal_code: "94105".into(),
    };
    let _holder = client
        .create_cardholder(
            CreateCardholder::from_required(CreateCardholderRequired {
                account_id: AccountId::new("3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23"),
                bin_id: BinId::new("1926684703962181633"),
                first_name: "Ada".into(),
                last_name: "Lovelace".into(),
                email: "ada@example.com".into(),
                dob: "1990-12-10".into(),
                gender: "F".into(),
                nationality: "US".into(),
                phone_number: "4155550100".into(),
                phone_country_code: "1".into(),
                address,
            })
            .cardholder_tier("CONSUMER"),
        )
        .await?;
    let _ = cards;
    Ok(())
}

fn main() {
    let _ = run;
}
