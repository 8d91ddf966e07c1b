//! Declare your own endpoint with the attribute and call it, here against
//! the embedded emulator: a card summary type with only the fields you need.
//!
//! `cargo run --example own_endpoint`

use interlace::accounts::{ListAccounts, ListAccountsExt};
use interlace::interlace_endpoint;
use interlace::types::{AccountId, Amount};

#[path = "support/mod.rs"]
mod support;

/// The slice of the balances answer this program cares about.
#[derive(Debug, serde::Deserialize)]
pub struct Balances {
    pub list: Vec<BalanceRow>,
}

#[derive(Debug, serde::Deserialize)]
pub struct BalanceRow {
    pub available: Amount,
    pub currency: String,
}

/// List an account's balances, declared outside the `interlace` crate.
#[interlace_endpoint(GET "/open-api/v3/cards/wallets", response = Balances)]
pub struct MyBalances {
    pub account_id: AccountId,
}

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
    // The generic `send` serves any endpoint. With `client_method` in the
    // attribute, `client.my_balances(..)` would say the same.
    let balances = client.send(MyBalances::new(account)).await?;
    for row in &balances.list {
        println!("{} {}", row.available, row.currency);
    }
    Ok(())
}
