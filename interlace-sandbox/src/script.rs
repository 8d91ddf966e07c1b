//! One-line set-ups for tests: an account, a cardholder, a card with money
//! on it, a purchase, and a clock that can be moved forward.

use rust_decimal::Decimal;
use serde_json::json;

use crate::envelope::money;
use crate::state::{Balance, Card, Data, Owner, now_ms};

/// What went wrong setting something up: a bad amount or an unknown id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedError(pub String);

impl std::fmt::Display for SeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SeedError {}

fn amount(text: &str) -> Result<Decimal, SeedError> {
    text.parse::<Decimal>()
        .ok()
        .filter(|a| *a >= Decimal::ZERO)
        .ok_or_else(|| SeedError(format!("`{text}` is not a non-negative decimal amount")))
}

pub fn account(data: &mut Data, name: &str, available: &str) -> Result<String, SeedError> {
    let available = amount(available)?;
    let id = uuid::Uuid::new_v4().to_string();
    let display = format!("{:06}", data.accounts.len() + 251_759);
    data.accounts.push(json!({
        "id": id, "displayId": display, "type": 3, "status": "ACTIVE", "name": name,
        "verifiedName": name, "parentAccountId": data.master_account, "createTime": "2026-01-01T00:00:00.000Z",
    }));
    data.balances.push(Balance {
        id: uuid::Uuid::new_v4().to_string(),
        account_id: id.clone(),
        available,
        owner: Owner::Infinity,
    });
    Ok(id)
}

pub fn cardholder(
    data: &mut Data,
    account_id: &str,
    first: &str,
    last: &str,
) -> Result<String, SeedError> {
    data.account(account_id).map_err(|e| SeedError(e.message))?;
    let bin = data.bins[0]["id"].clone();
    let id = data.snowflake();
    data.cardholders.push(json!({
        "id": id, "accountId": account_id, "status": "ACTIVE", "firstName": first, "lastName": last,
        "email": format!("{}@example.com", first.to_lowercase()), "cardBinList": [bin],
    }));
    Ok(id)
}

pub fn card(
    data: &mut Data,
    account_id: &str,
    cardholder_id: &str,
    available: &str,
) -> Result<String, SeedError> {
    let available = amount(available)?;
    data.account(account_id).map_err(|e| SeedError(e.message))?;
    if !data
        .cardholders
        .iter()
        .any(|c| c["id"] == cardholder_id && c["accountId"] == account_id)
    {
        return Err(SeedError(format!(
            "cardholder `{cardholder_id}` is not in account `{account_id}`"
        )));
    }
    let balance_id = uuid::Uuid::new_v4().to_string();
    data.balances.push(Balance {
        id: balance_id.clone(),
        account_id: account_id.to_owned(),
        available,
        owner: Owner::PrepaidCard,
    });
    let id = uuid::Uuid::new_v4().to_string();
    data.cards.push(Card {
        id: id.clone(),
        account_id: account_id.to_owned(),
        status: "ACTIVE",
        bin: data.bins[0]["bin"].as_str().unwrap_or("559666").to_owned(),
        last_four: format!("{:04}", fastrand::u32(0..10_000)),
        label: None,
        balance_id,
        budget_id: None,
        cardholder_id: cardholder_id.to_owned(),
        reference_id: format!("seed-{id}"),
        card_mode: "VIRTUAL_CARD".into(),
        user_name: "Seeded Holder".into(),
        create_time: now_ms(),
        velocity: None,
    });
    Ok(id)
}

/// The fields of an authorization request for a purchase of `spent` at
/// `merchant` on `card_id`, once the card can pay it.
pub fn authorization(
    data: &mut Data,
    card_id: &str,
    merchant: &str,
    spent: &str,
) -> Result<serde_json::Value, SeedError> {
    let spent = amount(spent)?;
    let card = payable(data, card_id, spent)?;
    let id = data.snowflake();
    Ok(json!({
        "id": id, "cardId": card.id, "createTime": now_ms(), "accountId": card.account_id,
        "sourceId": format!("bank-{id}"), "transactionType": "authorization", "transactionId": id,
        "transactionAmount": money(spent), "transactionCurrency": "USD",
        "billAmount": money(spent), "billCurrency": "USD",
        "merchantName": merchant, "mcc": "5812", "merchantCountry": "US",
    }))
}

/// Records the purchase an authorization request asked about: a settled
/// transaction taken from the card's balance when `approved`, a failed one
/// that moves no money otherwise. Returns the transaction id.
pub fn settle(
    data: &mut Data,
    authorization: &serde_json::Value,
    approved: bool,
) -> Result<String, SeedError> {
    let field = |name: &str| authorization[name].as_str().unwrap_or_default().to_owned();
    let (card_id, id, merchant) = (
        field("cardId"),
        field("transactionId"),
        field("merchantName"),
    );
    let spent = amount(&field("transactionAmount"))?;
    let card = payable(data, &card_id, if approved { spent } else { Decimal::ZERO })?;
    if approved && let Some(balance) = data.balances.iter_mut().find(|b| b.id == card.balance_id) {
        balance.available -= spent;
    }
    data.transactions.push(json!({
        "id": id, "accountId": card.account_id, "cardId": card.id, "cardholderId": card.cardholder_id,
        "cardTransactionId": id, "currency": "USD", "amount": money(spent), "fee": "0", "feeDetails": [],
        "type": 1, "status": if approved { "CLOSED" } else { "FAIL" }, "merchantName": merchant,
        "mcc": "5812", "transactionTime": now_ms(), "transactionCurrency": "USD",
        "transactionAmount": money(spent), "createTime": now_ms(),
    }));
    Ok(id)
}

/// The card, when it exists and its balance holds `spent`.
fn payable(data: &Data, card_id: &str, spent: Decimal) -> Result<Card, SeedError> {
    let card = data
        .cards
        .iter()
        .find(|c| c.id == card_id)
        .cloned()
        .ok_or_else(|| SeedError(format!("card `{card_id}` does not exist")))?;
    let balance = data
        .balances
        .iter()
        .find(|b| b.id == card.balance_id)
        .ok_or_else(|| SeedError(format!("card `{card_id}` has no balance")))?;
    if balance.available < spent {
        return Err(SeedError(format!(
            "card `{card_id}` holds {} only",
            money(balance.available).as_str().unwrap_or_default()
        )));
    }
    Ok(card)
}
