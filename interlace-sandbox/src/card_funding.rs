//! Card funding: money moved between a card and its account's Infinity
//! Account, and the card transactions it leaves.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Query, State};
use serde_json::json;

use crate::area::Area;
use crate::envelope::{self, ApiError, ApiResult, INVALID_STATE, money, ok, page};
use crate::state::now_ms;

async fn fund(area: Area, body: Bytes, into_card: bool) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let account_id = envelope::text(&body, "accountId")?;
    let card_id = envelope::text(&body, "cardId")?;
    let client_transaction_id = envelope::text(&body, "clientTransactionId")?;
    let amount = envelope::amount(&body, "amount")?;
    let transaction = {
        let mut data = area.data();
        let card = data.card(card_id, account_id)?.clone();
        if card.budget_id.is_some() {
            return Err(ApiError::new(
                INVALID_STATE,
                "budget cards have no balance of their own",
            ));
        }
        if into_card && card.status == "FROZEN" {
            return Err(ApiError::new(
                INVALID_STATE,
                "a FROZEN card can't be funded",
            ));
        }
        let infinity = data.infinity_balance(account_id)?.id.clone();
        let (from, to) = if into_card {
            (infinity, card.balance_id.clone())
        } else {
            (card.balance_id.clone(), infinity)
        };
        data.transfer(&from, &to, amount)?;
        let id = data.snowflake();
        let transaction = json!({
            "id": id, "accountId": account_id, "cardId": card_id, "cardholderId": card.cardholder_id,
            "cardTransactionId": id, "currency": "USD", "amount": money(amount), "fee": "0",
            "feeDetails": [], "clientTransactionId": client_transaction_id,
            "type": if into_card { 2 } else { 3 }, "status": "CLOSED",
            "transactionTime": now_ms(), "transactionCurrency": "USD", "transactionAmount": money(amount),
            "createTime": now_ms(),
        });
        data.transactions.push(transaction.clone());
        transaction
    };
    area.emit("CARD_TRANSACTION.CREATED", transaction.clone());
    ok(transaction)
}

/// `POST /open-api/v3/cards/transfer-in`: Infinity Account → card.
pub async fn transfer_in(State(area): State<Area>, body: Bytes) -> ApiResult {
    fund(area, body, true).await
}

/// `POST /open-api/v3/cards/transfer-out`: card → Infinity Account.
pub async fn transfer_out(State(area): State<Area>, body: Bytes) -> ApiResult {
    fund(area, body, false).await
}

/// `GET /open-api/v3/cards/transaction-list?accountId=&cardId=`: the card
/// transactions funding and withdrawals created, newest last.
pub async fn transactions(
    State(area): State<Area>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let account_id = envelope::query(&q, "accountId")?;
    let data = area.data();
    data.account(account_id)?;
    let items = data
        .transactions
        .iter()
        .filter(|t| t["accountId"] == account_id && t.get("cardId").is_some())
        .filter(|t| q.get("cardId").is_none_or(|c| t["cardId"] == c.as_str()))
        .cloned()
        .collect();
    page(items, &q)
}
