//! The walk of `cargo run --example conformance`: every read-only operation
//! of the contract, called through the validating proxy, lists first and
//! then gets of the ids the lists returned. Shared with
//! `tests/conformance.rs`.

use std::collections::BTreeMap;

use interlace_contract::{Location, Operation};
use serde_json::Value;

/// What one call gave.
#[derive(Debug, Clone)]
pub struct Row {
    pub operation: String,
    pub status: String,
    pub code: String,
}

/// Obtains an access token through `base` with the v3 flow.
pub async fn token(
    http: &reqwest::Client,
    base: &str,
    client_id: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let code: Value = http
        .get(format!("{base}/open-api/v3/oauth/authorize"))
        .query(&[("clientId", client_id)])
        .send()
        .await?
        .json()
        .await?;
    let code = code["data"]["code"]
        .as_str()
        .ok_or("no code in the answer")?;
    let token: Value = http
        .post(format!("{base}/open-api/v3/oauth/access-token"))
        .json(&serde_json::json!({"clientId": client_id, "code": code}))
        .send()
        .await?
        .json()
        .await?;
    Ok(token["data"]["accessToken"]
        .as_str()
        .ok_or("no access token in the answer")?
        .to_owned())
}

/// The id parameter a list's items answer, from their schema's name
/// (`Card` items give `cardId`).
fn id_name(contract: &interlace_contract::Document, op: &Operation) -> Option<String> {
    let list = contract.data(op)?.property("list")?;
    let reference = list.raw().get("items")?.get("$ref")?.as_str()?;
    let name = reference.rsplit('/').next()?;
    let (first, rest) = name.split_at(1);
    Some(format!("{}{rest}Id", first.to_lowercase()))
}

/// Calls every GET of the contract through `base` (the proxy); returns one
/// row per call, in order, and the operations it could not call with why.
pub async fn walk(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    account_id: &str,
) -> (Vec<Row>, Vec<(String, String)>) {
    let contract = interlace_contract::bundled();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    ids.insert("accountId".into(), account_id.to_owned());
    let mut gets: Vec<&Operation> = contract
        .operations()
        .iter()
        .filter(|o| o.method == "GET" && o.id != "authorize" && o.id != "legacyAuthorize")
        .collect();
    // Lists first: their answers give the ids the gets need.
    gets.sort_by_key(|o| o.fields.iter().any(|f| f.location == Location::Path));
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for op in gets {
        let mut path = op.path.as_str().to_owned();
        let mut query = Vec::new();
        let mut missing = None;
        for field in &op.fields {
            let value = ids
                .get(&field.name)
                .cloned()
                .or_else(|| match field.name.as_str() {
                    "fromCurrency" => Some("USD".into()),
                    "toCurrency" => Some("USDC".into()),
                    _ => None,
                });
            match (field.location, value) {
                (Location::Path, Some(v)) => {
                    path = path.replace(&format!("{{{}}}", field.name), &v);
                }
                (Location::Query, Some(v)) => query.push((field.name.clone(), v)),
                (Location::Path, None) => missing = Some(field.name.clone()),
                (Location::Query, None) if field.required => missing = Some(field.name.clone()),
                _ => {}
            }
        }
        if let Some(name) = missing {
            skipped.push((op.id.clone(), format!("no `{name}` to call it with")));
            continue;
        }
        let answer = http
            .get(format!("{base}{path}"))
            .query(&query)
            .header("x-access-token", token)
            .send()
            .await;
        let (status, body) = match answer {
            Ok(r) => (
                r.status().as_u16().to_string(),
                r.json::<Value>().await.unwrap_or_default(),
            ),
            Err(e) => (format!("error: {e}"), Value::Null),
        };
        if let (Some(name), Some(first)) = (
            id_name(contract, op),
            body["data"]["list"].get(0).and_then(|i| i["id"].as_str()),
        ) {
            ids.entry(name).or_insert_with(|| first.to_owned());
        }
        rows.push(Row {
            operation: op.id.clone(),
            status,
            code: body["code"].to_string(),
        });
    }
    (rows, skipped)
}
