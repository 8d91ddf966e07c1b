//! Receive a webhook from the emulator and verify it: a small axum receiver
//! checks the signature and the timestamp, decodes the typed event and
//! answers `{"received": true}`.
//!
//! `cargo run --example webhook`

use std::time::Duration;

use axum::http::HeaderMap;
use axum::routing::post;
use interlace::prelude::*;
use interlace::webhooks::{ACKNOWLEDGEMENT, WebhookEvent, WebhookVerifier};
use tokio::sync::mpsc;

#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = interlace_sandbox::Sandbox::start().await?;
    let verifier = WebhookVerifier::new(sandbox.client_secret());
    let (events, mut received) = mpsc::unbounded_channel();

    let receiver = axum::Router::new().route(
        "/interlace/webhooks",
        post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let verifier = verifier.clone();
            let events = events.clone();
            async move {
                let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
                match verifier.verify(
                    header("Signature").unwrap_or_default(),
                    header("Timestamp"),
                    &body,
                ) {
                    Ok(notification) => {
                        let _ = events.send(notification);
                        (axum::http::StatusCode::OK, ACKNOWLEDGEMENT)
                    }
                    Err(_) => (
                        axum::http::StatusCode::UNAUTHORIZED,
                        r#"{"received":false}"#,
                    ),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/interlace/webhooks", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, receiver).await });
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
        let notification = tokio::time::timeout(Duration::from_secs(5), received.recv())
            .await?
            .ok_or("the receiver stopped")?;
        match notification.event() {
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
