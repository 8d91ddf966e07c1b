//! Cards: creation (with `Idempotency-Key`), lists, summaries, freezing,
//! velocity control, updates and deletion; funding is in `card_funding.rs`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::area::Area;
use crate::envelope::{
    self, ApiError, ApiResult, IDEMPOTENCY_CONFLICT, INVALID_STATE, money, ok, page,
};
use crate::state::{Balance, Card, Data, Owner, now_ms};

const CARD_MODES: [&str; 2] = ["VIRTUAL_CARD", "PHYSICAL_CARD"];

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .ok()
            .filter(|k| !k.trim().is_empty() && k.len() <= 255)
            .map(|k| Some(k.to_owned()))
            .ok_or_else(|| {
                ApiError::malformed(
                    "Idempotency-Key",
                    "a non-empty header of at most 255 characters",
                )
            }),
    }
}

/// The answer already given for this key, or a conflict if the body differs.
fn replay(
    data: &Data,
    key: Option<&str>,
    body: &Map<String, Value>,
) -> Result<Option<Value>, ApiError> {
    let Some(key) = key else { return Ok(None) };
    match data.idempotency.get(key) {
        None => Ok(None),
        Some((seen, answer)) if seen == &Value::Object(body.clone()) => Ok(Some(answer.clone())),
        Some(_) => Err(ApiError::new(
            IDEMPOTENCY_CONFLICT,
            "Idempotency-Key was used with a different body",
        )),
    }
}

struct NewCard<'a> {
    account_id: &'a str,
    bin_id: &'a str,
    cardholder_id: &'a str,
    reference_id: &'a str,
    card_mode: &'a str,
    label: Option<&'a str>,
}

fn new_card<'a>(body: &'a Map<String, Value>) -> Result<NewCard<'a>, ApiError> {
    let card_mode = envelope::text(body, "cardMode")?;
    if !CARD_MODES.contains(&card_mode) {
        return Err(ApiError::malformed(
            "cardMode",
            "VIRTUAL_CARD or PHYSICAL_CARD",
        ));
    }
    Ok(NewCard {
        account_id: envelope::text(body, "accountId")?,
        bin_id: envelope::text(body, "binId")?,
        cardholder_id: envelope::text(body, "cardholderId")?,
        reference_id: envelope::text(body, "referenceId")?,
        card_mode,
        label: envelope::opt_text(body, "label")?,
    })
}

/// Checks references and builds the card; `balance_id` is where it spends from.
fn build_card(
    data: &mut Data,
    new: &NewCard<'_>,
    balance_id: String,
    budget_id: Option<String>,
) -> Result<Card, ApiError> {
    data.account(new.account_id)?;
    let bin = data
        .bins
        .iter()
        .find(|b| b["id"] == new.bin_id)
        .ok_or_else(|| ApiError::not_found("card BIN", new.bin_id))?["bin"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let holder = data
        .cardholders
        .iter()
        .find(|c| c["id"] == new.cardholder_id && c["accountId"] == new.account_id)
        .ok_or_else(|| ApiError::not_found("cardholder", new.cardholder_id))?;
    let user_name = format!(
        "{} {}",
        holder["firstName"].as_str().unwrap_or_default(),
        holder["lastName"].as_str().unwrap_or_default()
    )
    .to_uppercase();
    if data
        .cards
        .iter()
        .any(|c| c.account_id == new.account_id && c.reference_id == new.reference_id)
    {
        return Err(ApiError::new(
            INVALID_STATE,
            format!("referenceId `{}` is already used", new.reference_id),
        ));
    }
    Ok(Card {
        id: uuid::Uuid::new_v4().to_string(),
        account_id: new.account_id.to_owned(),
        status: if new.card_mode == "PHYSICAL_CARD" {
            "PENDING"
        } else {
            "ACTIVE"
        },
        bin,
        last_four: format!("{:04}", fastrand::u32(0..10_000)),
        label: new.label.map(str::to_owned),
        balance_id,
        budget_id,
        cardholder_id: new.cardholder_id.to_owned(),
        reference_id: new.reference_id.to_owned(),
        card_mode: new.card_mode.to_owned(),
        user_name,
        create_time: now_ms(),
        velocity: None,
    })
}

fn card_created(area: &Area, card: &Card) {
    area.emit(
        "CARD.CREATED",
        json!({"cardId": card.id, "accountId": card.account_id, "status": card.status,
               "reasonCode": "7002", "operationTime": now_ms()}),
    );
}

/// Creates the card itself, once the request is read and not a replay.
type MakeCard = fn(&mut Data, &NewCard<'_>, &Map<String, Value>) -> Result<Card, ApiError>;

/// What every card creation shares: read the body, answer a known
/// `Idempotency-Key` with its first answer, create the card with `make`,
/// remember the key, and notify.
async fn issue(area: Area, headers: HeaderMap, body: Bytes, make: MakeCard) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let key = idempotency_key(&headers)?;
    let new = new_card(&body)?;
    let card = {
        let mut data = area.data();
        if let Some(answer) = replay(&data, key.as_deref(), &body)? {
            return ok(answer);
        }
        let card = make(&mut data, &new, &body)?;
        data.cards.push(card.clone());
        if let Some(key) = key {
            data.idempotency
                .insert(key, (Value::Object(body.clone()), card.json()));
        }
        card
    };
    card_created(&area, &card);
    ok(card.json())
}

/// A prepaid card with a balance of its own, loaded with `amount` if given.
fn prepaid(
    data: &mut Data,
    new: &NewCard<'_>,
    body: &Map<String, Value>,
) -> Result<Card, ApiError> {
    let initial = envelope::opt_amount(body, "amount")?;
    let balance = Balance {
        id: uuid::Uuid::new_v4().to_string(),
        account_id: new.account_id.to_owned(),
        available: Decimal::ZERO,
        owner: Owner::PrepaidCard,
    };
    let card = build_card(data, new, balance.id.clone(), None)?;
    let source = data.infinity_balance(new.account_id)?.id.clone();
    data.balances.push(balance);
    if let Some(amount) = initial
        && let Err(e) = data.transfer(&source, &card.balance_id, amount)
    {
        data.balances.retain(|b| b.id != card.balance_id);
        return Err(e);
    }
    Ok(card)
}

/// A budget card, spending from its budget's balance.
fn budget_card(
    data: &mut Data,
    new: &NewCard<'_>,
    body: &Map<String, Value>,
) -> Result<Card, ApiError> {
    let budget_id = envelope::text(body, "budgetId")?;
    let balance_id = data
        .budgets
        .iter()
        .find(|b| b.id == budget_id && b.account_id == new.account_id)
        .ok_or_else(|| ApiError::not_found("budget", budget_id))?
        .balance_id
        .clone();
    build_card(data, new, balance_id, Some(budget_id.to_owned()))
}

/// `POST /open-api/v3/prepaid-card`: one card per call; the same
/// `Idempotency-Key` with the same body answers the same card.
pub async fn create_prepaid(
    State(area): State<Area>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    issue(area, headers, body, prepaid).await
}

/// `POST /open-api/v3/budget-card`: a card spending from a budget.
pub async fn create_budget_card(
    State(area): State<Area>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    issue(area, headers, body, budget_card).await
}

/// `GET /open-api/v3/card-list`
pub async fn list(State(area): State<Area>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let data = area.data();
    data.account(account_id)?;
    let matches = |card: &Card| {
        let filter = |name: &str, value: Option<&str>| {
            q.get(name).is_none_or(|want| value == Some(want.as_str()))
        };
        card.account_id == account_id
            && filter("cardId", Some(&card.id))
            && filter("budgetId", card.budget_id.as_deref())
            && filter("cardholderId", Some(&card.cardholder_id))
            && filter("label", card.label.as_deref())
            && filter("referenceId", Some(&card.reference_id))
    };
    let items = data
        .cards
        .iter()
        .filter(|c| matches(c))
        .map(Card::json)
        .collect();
    page(items, &q)
}

/// `GET /open-api/v3/cards/{id}/card-summary?accountId=`
pub async fn summary(
    State(area): State<Area>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let mut data = area.data();
    let card = data.card(&id, account_id)?.clone();
    let balance = data.balance(&card.balance_id)?.clone();
    let consumption = Decimal::ZERO;
    ok(json!({
        "cardId": card.id, "accountId": card.account_id,
        "balance": {"id": balance.id, "available": money(balance.available), "currency": "USD"},
        "statistics": {"consumption": money(consumption), "reversal": money(Decimal::ZERO),
            "reversalFee": money(Decimal::ZERO), "refund": money(Decimal::ZERO), "refundFee": money(Decimal::ZERO),
            "netConsumption": money(consumption), "currency": "USD"},
        "velocityControl": match &card.velocity {
            Some((period, limit)) => json!({"type": period, "limit": money(*limit), "available": money(*limit)}),
            None => json!({"type": "NA", "limit": money(Decimal::ZERO), "available": money(Decimal::ZERO)}),
        },
    }))
}

async fn set_frozen(area: Area, id: String, body: Bytes, freeze: bool) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let account_id = envelope::text(&body, "accountId")?;
    let card = {
        let mut data = area.data();
        let card = data.card(&id, account_id)?;
        match (freeze, card.status) {
            (true, "ACTIVE") => card.status = "FROZEN",
            (false, "FROZEN") => card.status = "ACTIVE",
            (_, status) => {
                return Err(ApiError::new(
                    INVALID_STATE,
                    format!(
                        "a {status} card can't be {}",
                        if freeze { "frozen" } else { "unfrozen" }
                    ),
                ));
            }
        }
        card.clone()
    };
    area.emit(
        "CARD.UPDATED",
        json!({"cardId": card.id, "accountId": card.account_id, "status": card.status,
               "reasonCode": if freeze { "3001" } else { "2001" }, "operationTime": now_ms()}),
    );
    ok(Value::Null)
}

/// `POST /open-api/v3/cards/{id}/freeze {accountId}`
pub async fn freeze(State(area): State<Area>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    set_frozen(area, id, body, true).await
}

/// `POST /open-api/v3/cards/{id}/unfreeze {accountId}`
pub async fn unfreeze(State(area): State<Area>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    set_frozen(area, id, body, false).await
}

/// `PUT /open-api/v3/cards/{id}/velocity-control {accountId, transactionLimitsType, amountLimit}`:
/// shown by the card summary afterwards.
pub async fn velocity_control(
    State(area): State<Area>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let account_id = envelope::text(&body, "accountId")?;
    let period = envelope::text(&body, "transactionLimitsType")?;
    const PERIODS: [&str; 8] = [
        "DAY",
        "WEEK",
        "MONTH",
        "QUARTER",
        "YEAR",
        "TRANSACTION",
        "LIFETIME",
        "NA",
    ];
    if !PERIODS.contains(&period) {
        return Err(ApiError::malformed(
            "transactionLimitsType",
            &PERIODS.join(", "),
        ));
    }
    let limit = envelope::amount(&body, "amountLimit")?;
    let mut data = area.data();
    data.card(&id, account_id)?.velocity = Some((period.to_owned(), limit));
    ok(Value::Null)
}

/// `DELETE /open-api/v3/cards/{id}?accountId=`: a prepaid card must be
/// emptied first (the emulator's rule; the reference does not say).
pub async fn delete(
    State(area): State<Area>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let card = {
        let mut data = area.data();
        let Some(index) = data
            .cards
            .iter()
            .position(|c| c.id == id && q.get("accountId").is_none_or(|a| *a == c.account_id))
        else {
            return Err(ApiError::not_found("card", &id));
        };
        let card = data.cards[index].clone();
        if card.budget_id.is_none() && data.balance(&card.balance_id)?.available > Decimal::ZERO {
            return Err(ApiError::new(
                INVALID_STATE,
                "transfer the card's balance out before deleting it",
            ));
        }
        data.cards.remove(index);
        card
    };
    area.emit(
        "CARD.DELETED",
        json!({"cardId": card.id, "accountId": card.account_id, "status": "INACTIVE",
               "reasonCode": "1001", "operationTime": now_ms()}),
    );
    ok(Value::Null)
}

/// `PUT /open-api/v3/card {cardId, accountId, email?, phoneNumber?, phoneCountryCode?}`:
/// changes the cardholder's contact details, which the reference allows for
/// BINs 414631 and 493728 only.
pub async fn update(State(area): State<Area>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let account_id = envelope::text(&body, "accountId")?;
    let card_id = envelope::text(&body, "cardId")?;
    let mut data = area.data();
    let card = data.card(card_id, account_id)?.clone();
    if !["414631", "493728"].contains(&card.bin.as_str()) {
        return Err(ApiError::new(
            INVALID_STATE,
            format!("contact details can't be changed on BIN {}", card.bin),
        ));
    }
    let Some(holder) = data
        .cardholders
        .iter_mut()
        .find(|h| h["id"] == card.cardholder_id.as_str())
    else {
        return Err(ApiError::not_found("cardholder", &card.cardholder_id));
    };
    for field in ["email", "phoneNumber", "phoneCountryCode"] {
        if let Some(value) = envelope::opt_text(&body, field)? {
            holder[field] = Value::String(value.to_owned());
        }
    }
    ok(Value::Null)
}
