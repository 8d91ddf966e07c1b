//! Stream a paginated list: every card of an account, fetched page by page.
//!
//! `cargo run --example stream_cards`

use futures_util::StreamExt;
use interlace::prelude::*;

#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = interlace_sandbox::Sandbox::start().await?;
    let client = support::sandbox_client(&sandbox)?;
    let account = client
        .list_accounts(ListAccounts::new())
        .await?
        .list
        .remove(0)
        .id;
    let (bin, holder) = support::demo_cardholder(&client, &account).await?;
    for i in 0..12 {
        let request = CreatePrepaidCard::new(
            account.clone(),
            bin.clone(),
            holder.id.clone(),
            format!("stream-{i}"),
            CardMode::Virtual,
        );
        client.create_prepaid_card(request).await?;
    }

    // Pages of 5: the stream asks for pages 1, 2 and 3 and stops on the short one.
    let mut cards = client.stream(ListCards::new(account).limit(5u32));
    let mut n = 0;
    while let Some(card) = cards.next().await {
        let card = card?;
        n += 1;
        println!(
            "{n:>2}. {} {}",
            card.id,
            card.reference_id.unwrap_or_default()
        );
    }
    println!("{n} cards");
    Ok(())
}
