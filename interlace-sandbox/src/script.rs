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

pub fn purchase(
    data: &mut Data,
    card_id: &str,
    merchant: &str,
    spent: &str,
) -> Result<String, SeedError> {
    let spent = amount(spent)?;
    let card = data
        .cards
        .iter()
        .find(|c| c.id == card_id)
        .cloned()
        .ok_or_else(|| SeedError(format!("card `{card_id}` does not exist")))?;
    let balance = data
        .balances
        .iter_mut()
        .find(|b| b.id == card.balance_id)
        .ok_or_else(|| SeedError(format!("card `{card_id}` has no balance")))?;
    if balance.available < spent {
        return Err(SeedError(format!(
            "card `{card_id}` holds {} only",
            money(balance.available).as_str().unwrap_or_default()
        )));
    }
    balance.available -= spent;
    let id = data.snowflake();
    data.transactions.push(json!({
        "id": id, "accountId": card.account_id, "cardId": card.id, "cardholderId": card.cardholder_id,
        "cardTransactionId": id, "currency": "USD", "amount": money(spent), "fee": "0", "feeDetails": [],
        "type": 1, "status": "CLOSED", "merchantName": merchant, "mcc": "5812",
        "transactionTime": now_ms(), "transactionCurrency": "USD", "transactionAmount": money(spent),
        "createTime": now_ms(),
    }));
    Ok(id)
}
