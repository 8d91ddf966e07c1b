//! Budgets and their funding (the amount field is `cost`, as the guide names it).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::area::Area;
use crate::envelope::{self, ApiError, ApiResult, INVALID_STATE, money, ok, page};
use crate::state::{Balance, Budget, Data, Owner, now_ms};

fn budget_json(data: &Data, budget: &Budget) -> Value {
    let available = data
        .balances
        .iter()
        .find(|b| b.id == budget.balance_id)
        .map_or(Decimal::ZERO, |b| b.available);
    json!({"id": budget.id, "accountId": budget.account_id, "name": budget.name,
           "available": money(available), "currency": "USD", "createTime": budget.create_time})
}

/// `POST /open-api/v3/budgets {accountId, name}`
pub async fn create(State(area): State<Area>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let account_id = envelope::text(&body, "accountId")?;
    let name = envelope::text(&body, "name")?;
    let mut data = area.data();
    data.account(account_id)?;
    if data
        .budgets
        .iter()
        .any(|b| b.account_id == account_id && b.name == name)
    {
        return Err(ApiError::new(
            INVALID_STATE,
            format!("a budget named `{name}` exists"),
        ));
    }
    let balance = Balance {
        id: uuid::Uuid::new_v4().to_string(),
        account_id: account_id.to_owned(),
        available: Decimal::ZERO,
        owner: Owner::Budget,
    };
    let budget = Budget {
        id: uuid::Uuid::new_v4().to_string(),
        account_id: account_id.to_owned(),
        name: name.to_owned(),
        balance_id: balance.id.clone(),
        create_time: now_ms(),
    };
    data.balances.push(balance);
    // The reference: `data` is the new budget's UUID.
    let id = budget.id.clone();
    data.budgets.push(budget);
    ok(serde_json::Value::String(id))
}

/// `GET /open-api/v3/budgets?accountId=`
pub async fn list(State(area): State<Area>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let data = area.data();
    let items = data
        .budgets
        .iter()
        .filter(|b| b.account_id == account_id && q.get("budgetId").is_none_or(|id| &b.id == id))
        .map(|b| budget_json(&data, b))
        .collect();
    page(items, &q)
}

async fn fund(area: Area, id: String, body: Bytes, into_budget: bool) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let cost = envelope::amount(&body, "cost")?;
    let mut data = area.data();
    let budget = data.budget(&id)?.clone();
    if let Some(account_id) = envelope::opt_text(&body, "accountId")?
        && account_id != budget.account_id
    {
        return Err(ApiError::not_found("budget", &id));
    }
    let infinity = data.infinity_balance(&budget.account_id)?.id.clone();
    let (from, to) = if into_budget {
        (infinity, budget.balance_id.clone())
    } else {
        (budget.balance_id.clone(), infinity)
    };
    data.transfer(&from, &to, cost)?;
    let tx_id = data.snowflake();
    let transaction = json!({
        "id": tx_id, "budgetId": budget.id, "accountId": budget.account_id, "amount": money(cost),
        "currency": "USD", "status": "CLOSED",
        "clientTransactionId": envelope::opt_text(&body, "clientTransactionId")?, "transactionTime": now_ms(),
    });
    data.transactions.push(transaction.clone());
    ok(transaction)
}

/// `POST /open-api/v3/budgets/{id}/transfer-in {cost}`
pub async fn transfer_in(
    State(area): State<Area>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    fund(area, id, body, true).await
}

/// `POST /open-api/v3/budgets/{id}/transfer-out {cost}`
pub async fn transfer_out(
    State(area): State<Area>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    fund(area, id, body, false).await
}

/// `PUT /open-api/v3/budgets/{id} {name}`: only the name changes, and it
/// stays unique within the account.
pub async fn update(State(area): State<Area>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let name = envelope::text(&body, "name")?;
    let mut data = area.data();
    let account_id = data.budget(&id)?.account_id.clone();
    if data
        .budgets
        .iter()
        .any(|b| b.account_id == account_id && b.name == name && b.id != id)
    {
        return Err(ApiError::new(
            INVALID_STATE,
            format!("a budget named `{name}` exists"),
        ));
    }
    if let Some(budget) = data.budgets.iter_mut().find(|b| b.id == id) {
        budget.name = name.to_owned();
    }
    ok(Value::Null)
}

/// `DELETE /open-api/v3/budgets/{id}`: refused while it holds money or
/// cards spend from it (the emulator's rule).
pub async fn delete(State(area): State<Area>, Path(id): Path<String>) -> ApiResult {
    let mut data = area.data();
    let budget = data.budget(&id)?.clone();
    if data.balance(&budget.balance_id)?.available > Decimal::ZERO
        || data
            .cards
            .iter()
            .any(|c| c.budget_id.as_deref() == Some(id.as_str()))
    {
        return Err(ApiError::new(
            INVALID_STATE,
            "a budget that holds money or has cards can't be deleted",
        ));
    }
    data.budgets.retain(|b| b.id != id);
    ok(Value::Null)
}

/// `GET /open-api/v3/budgets/transactions/{id}`: a transfer in or out of a budget.
pub async fn transaction(State(area): State<Area>, Path(id): Path<String>) -> ApiResult {
    let data = area.data();
    data.transactions
        .iter()
        .find(|t| t["id"] == id.as_str() && t.get("budgetId").is_some())
        .cloned()
        .map_or_else(|| Err(ApiError::not_found("budget transaction", &id)), ok)
}
