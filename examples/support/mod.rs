//! Set-up shared by the examples and the tests that run against the emulator.
#![allow(dead_code)]

use interlace::accounts::Address;
use interlace::bins::{ListCardBins, ListCardBinsExt};
use interlace::cardholders::{Cardholder, CreateCardholder, CreateCardholderExt};
use interlace::types::{AccountId, BinId};
use interlace::{Client, Config, ConfigBuilder, Environment, Error};
use interlace_sandbox::Sandbox;

/// A configuration pointed at `sandbox`, with its credentials.
pub fn sandbox_config(sandbox: &Sandbox) -> ConfigBuilder {
    Config::builder()
        .client_id(sandbox.client_id())
        .client_secret(sandbox.client_secret())
        .environment(Environment::Custom)
        .base_url(sandbox.url())
}

/// A client for `sandbox` with the default settings.
pub fn sandbox_client(sandbox: &Sandbox) -> Result<Client, Error> {
    Client::new(sandbox_config(sandbox).build()?)
}

/// A US address the emulator accepts.
pub fn demo_address() -> Address {
    Address {
        address_line1: "1 Market St".into(),
        address_line2: None,
        city: "San Francisco".into(),
        state: "CA".into(),
        country: "US".into(),
        postal_code: "94105".into(),
    }
}

/// The account's first card BIN and a new cardholder on it.
pub async fn demo_cardholder(
    client: &Client,
    account: &AccountId,
) -> Result<(BinId, Cardholder), Error> {
    let mut bins = client
        .list_card_bins(ListCardBins::new(account.clone()))
        .await?;
    let bin = bins.list.remove(0).id;
    let holder = client
        .create_cardholder(CreateCardholder::new(
            account.clone(),
            bin.clone(),
            "Ada",
            "Lovelace",
            "ada@example.com",
            "1990-12-10",
            "F",
            "US",
            "4155550100",
            "1",
            demo_address(),
        ))
        .await?;
    Ok((bin, holder))
}
