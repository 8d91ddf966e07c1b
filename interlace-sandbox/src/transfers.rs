//! Business transfers between Infinity Accounts.

use axum::body::Bytes;
use axum::extract::State;
use serde_json::{Map, Value, json};

use crate::area::Area;
use crate::envelope::{self, ApiError, ApiResult, money, ok};
use crate::state::{Owner, now_ms};

fn party<'a>(body: &'a Map<String, Value>, side: &str) -> Result<(&'a str, &'a str), ApiError> {
    let party = envelope::object(body, side)?;
    let field = |name: &str| {
        envelope::text(party, name).map_err(|_| ApiError::missing(&format!("{side}.{name}")))
    };
    let id = field("id")?;
    let account_id = field("accountId")?;
    if field("currency")? != "USD" {
        // A limit of the emulator's, not a request the contract refuses.
        return Err(ApiError::new(
            envelope::INVALID_STATE,
            format!("the emulator moves USD only; `{side}.currency` is another"),
        ));
    }
    match party.get("businessType") {
        Some(Value::Number(n)) if n.as_u64() == Some(0) => Ok((id, account_id)),
        // Another kind of party is a limit of the emulator's.
        Some(Value::Number(_)) => Err(ApiError::new(
            envelope::INVALID_STATE,
            format!(
                "the emulator moves money between Infinity Accounts only (`{side}.businessType` 0)"
            ),
        )),
        None => Err(ApiError::missing(&format!("{side}.businessType"))),
        Some(_) => Err(ApiError::malformed(
            &format!("{side}.businessType"),
            "an integer",
        )),
    }
}

/// `POST /open-api/v3/business/transfer/external`
pub async fn external(State(area): State<Area>, body: Bytes) -> ApiResult {
    let body = envelope::body_object(&body)?;
    let client_transaction_id = envelope::text(&body, "clientTransactionId")?;
    let amount = envelope::amount(&body, "amount")?;
    let (from_id, from_account) = party(&body, "from")?;
    let (to_id, to_account) = party(&body, "to")?;
    let mut data = area.data();
    for (id, account) in [(from_id, from_account), (to_id, to_account)] {
        let balance = data.balance(id)?;
        if balance.account_id != account || balance.owner != Owner::Infinity {
            return Err(ApiError::not_found("Infinity Account balance", id));
        }
    }
    data.transfer(from_id, to_id, amount)?;
    let id = data.snowflake();
    let record = json!({
        "id": id, "clientTransactionId": client_transaction_id, "amount": money(amount), "fee": "0",
        "currency": "USD", "status": "CLOSED", "from": body["from"], "to": body["to"], "createTime": now_ms(),
    });
    data.transactions.push(record.clone());
    ok(record)
}
