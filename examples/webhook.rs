//! Receive webhooks from the emulator with the axum receiver: it verifies
//! the signature and timestamp, drops duplicates, decodes the typed event,
//! runs the handler and answers `{"received":true}` only if it succeeded.
//!
//! `cargo run --example webhook`

use std::time::Duration;

use interlace::prelude::*;
use interlace::webhooks::Delivery;
use interlace::webhooks::axum::WebhookReceiver;
use interlace::webhooks::{WebhookEvent, WebhookVerifier};
use tokio::sync::mpsc;

#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = interlace_sandbox::Sandbox::start().await?;
    let (events, mut received) = mpsc::unbounded_channel();

    // The receiver: a handler, and a route for it.
    let on_event = move |delivery: Delivery| {
        let events = events.clone();
        async move {
            events
                .send(delivery.event)
                .map_err(|_| "the example stopped")
        }
    };
    let receiver = WebhookReceiver::new(WebhookVerifier::new(sandbox.client_secret()), on_event);
    let app = axum::Router::new().route("/interlace/webhooks", receiver.into_route());

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/interlace/webhooks", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    sandbox.set_webhook_url(Some(url));

    let client = support::sandbox_client(&sandbox)?;
    let account = client
        .list_accounts(ListAccounts::new())
        .await?
        .list
        .remove(0)
        .id;
    let (bin, holder) = support::demo_cardholder(&client, &account).await?;
    let card = client
        .create_prepaid_card(CreatePrepaidCard::new(
            account.clone(),
            bin,
            holder.id,
            "hook-1",
            CardMode::Virtual,
        ))
        .await?;
    client
        .card_transfer_in(CardTransferIn::new(
            account,
            card.id.clone(),
            "fund-1",
            Amount::from_cents(2500),
        ))
        .await?;

    // Cardholder created, card created, card transaction created.
    for _ in 0..3 {
        let event = tokio::time::timeout(Duration::from_secs(5), received.recv())
            .await?
            .ok_or("the receiver stopped")?;
        match event {
            WebhookEvent::CardCreated(e) => {
                println!("verified CARD.CREATED for card {}", e.card_id)
            }
            WebhookEvent::CardTransactionCreated(e) => {
                println!(
                    "verified CARD_TRANSACTION.CREATED: {:?} on card {:?}",
                    e.amount, e.card_id
                )
            }
            other => println!("verified {}", other.event_type()),
        }
    }
    Ok(())
}
