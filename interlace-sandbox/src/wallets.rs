//! CryptoConnect wallets (v3) and the intra-account transfer between them
//! and the Infinity Account, in the documented shapes
//! (/docs/cryptoconnect-integration-for-mor-mode,
//! /docs/convert-and-withdraw-cryptocurrency).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::area::Area;
use crate::envelope::{self, ApiError, ApiResult, INSUFFICIENT_BALANCE, money, ok, page};
use crate::state::{Data, Owner, Wallet};

/// Currencies a new wallet shows, as the guide's sample does.
const CURRENCIES: [&str; 3] = ["USD", "USDC", "USDT"];

/// `POST /open-api/v3/cryptoconnect/wallets {referenceId, accountId, nickname?}`
pub async fn create(State(area): State<Area>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let reference_id = envelope::text(&body, "referenceId")?;
    let account_id = envelope::text(&body, "accountId")?;
    let nickname = envelope::opt_text(&body, "nickname")?;
    let mut data = area.data();
    data.account(account_id)?;
    if let Some(known) = data.wallets.iter().find(|w| w.reference_id == reference_id) {
        // The reference id is the caller's idempotency key.
        return ok(known.json());
    }
    let wallet = Wallet {
        id: uuid::Uuid::new_v4().to_string(),
        reference_id: reference_id.to_owned(),
        account_id: account_id.to_owned(),
        nickname: nickname.map(str::to_owned),
        master: false,
        balances: CURRENCIES
            .iter()
            .map(|c| (c.to_string(), Decimal::ZERO))
            .collect(),
    };
    let answer = wallet.json();
    data.wallets.push(wallet);
    ok(answer)
}

/// `GET /open-api/v3/cryptoconnect/wallets?accountId=[&master=]`
pub async fn list(State(area): State<Area>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let master = match q.get("master").map(String::as_str) {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => return Err(ApiError::malformed("master", "true or false")),
    };
    let data = area.data();
    data.account(account_id)?;
    let items = data
        .wallets
        .iter()
        .filter(|w| w.account_id == account_id && master.is_none_or(|m| w.master == m))
        .map(Wallet::json)
        .collect();
    page(items, &q)
}

/// `GET /open-api/v3/cryptoconnect/wallets/{id}`
pub async fn get(State(area): State<Area>, Path(id): Path<String>) -> ApiResult {
    let data = area.data();
    let wallet = data
        .wallets
        .iter()
        .find(|w| w.id == id)
        .ok_or_else(|| ApiError::not_found("wallet", &id))?;
    ok(wallet.json())
}

/// One side of an intra-account transfer, read and checked.
struct Side<'a> {
    business_type: u64,
    currency: &'a str,
    id: &'a str,
}

fn side<'a>(body: &'a Map<String, Value>, name: &str) -> Result<Side<'a>, ApiError> {
    let part = envelope::object(body, name)?;
    let text = |field: &str| {
        envelope::text(part, field).map_err(|_| ApiError::missing(&format!("{name}.{field}")))
    };
    let business_type = match part.get("businessType") {
        Some(Value::Number(n)) => n.as_u64().filter(|t| *t == 0 || *t == 2),
        None => return Err(ApiError::missing(&format!("{name}.businessType"))),
        Some(_) => None,
    }
    .ok_or_else(|| {
        ApiError::malformed(
            &format!("{name}.businessType"),
            "0 (Infinity Account) or 2 (CryptoConnect wallet)",
        )
    })?;
    Ok(Side {
        business_type,
        currency: text("currency")?,
        id: text("id")?,
    })
}

/// The available amount of `side`, which must belong to `account_id`.
fn available(data: &mut Data, account_id: &str, side: &Side<'_>) -> Result<Decimal, ApiError> {
    if side.business_type == 0 {
        if side.currency != "USD" {
            return Err(ApiError::malformed(
                "currency",
                "USD for the Infinity Account",
            ));
        }
        let balance = data.balance(side.id)?;
        if balance.account_id != account_id || balance.owner != Owner::Infinity {
            return Err(ApiError::not_found("Infinity Account balance", side.id));
        }
        return Ok(balance.available);
    }
    let wallet = data
        .wallets
        .iter()
        .find(|w| w.id == side.id && w.account_id == account_id)
        .ok_or_else(|| ApiError::not_found("wallet", side.id))?;
    Ok(wallet
        .balances
        .iter()
        .find(|(c, _)| c == side.currency)
        .map_or(Decimal::ZERO, |(_, v)| *v))
}

fn add(data: &mut Data, side: &Side<'_>, delta: Decimal) -> Result<(), ApiError> {
    if side.business_type == 0 {
        data.balance(side.id)?.available += delta;
        return Ok(());
    }
    let wallet = data
        .wallets
        .iter_mut()
        .find(|w| w.id == side.id)
        .ok_or_else(|| ApiError::not_found("wallet", side.id))?;
    match wallet.balances.iter_mut().find(|(c, _)| c == side.currency) {
        Some((_, v)) => *v += delta,
        None => wallet.balances.push((side.currency.to_owned(), delta)),
    }
    Ok(())
}

/// `POST /open-api/v3/business/transfer/internal {clientTransactionId,
/// accountId, amount, from, to}`: between the Infinity Account (USD) and
/// the account's wallets; towards a wallet, fiat only, as the reference says.
pub async fn internal_transfer(State(area): State<Area>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let client_transaction_id = envelope::text(&body, "clientTransactionId")?;
    let account_id = envelope::text(&body, "accountId")?;
    let amount = envelope::amount(&body, "amount")?;
    let (from, to) = (side(&body, "from")?, side(&body, "to")?);
    if from.currency != to.currency {
        // Two sides in two currencies: a conversion, which the emulator
        // does not do, not a request the contract refuses.
        return Err(ApiError::new(
            crate::envelope::INVALID_STATE,
            "the emulator moves money within one currency: `to.currency` differs from `from.currency`",
        ));
    }
    if from.business_type == 0 && to.business_type == 2 && from.currency != "USD" {
        // The Infinity Account holds USD: a business refusal, as the API
        // would give one, not a request the contract refuses.
        return Err(ApiError::new(
            crate::envelope::INVALID_STATE,
            "the Infinity Account sends USD only: `from.currency` is another",
        ));
    }
    let mut data = area.data();
    data.account(account_id)?;
    let held = available(&mut data, account_id, &from)?;
    available(&mut data, account_id, &to)?;
    if held < amount {
        return Err(ApiError::new(
            INSUFFICIENT_BALANCE,
            format!("insufficient balance: {held} available, {amount} requested"),
        ));
    }
    add(&mut data, &from, -amount)?;
    add(&mut data, &to, amount)?;
    let id = data.snowflake();
    let leg = |side: &Side<'_>| {
        json!({
            "id": side.id, "transferId": uuid::Uuid::new_v4().to_string(), "accountId": account_id,
            "amount": money(amount), "rate": 1, "currency": side.currency,
            "businessType": side.business_type, "fees": [{"feeType": 0, "amount": "0", "currency": side.currency}],
        })
    };
    let record = json!({
        "clientTransactionId": client_transaction_id, "id": id, "status": "CLOSED",
        "accountTransferType": "SAME_ACCOUNT", "from": leg(&from), "to": leg(&to),
    });
    data.transactions.push(record.clone());
    ok(record)
}
