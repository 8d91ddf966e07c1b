//! The emulator against the API contract, over raw HTTP: every operation of
//! the contract (`interlace-contract`) is answered, and requests the contract
//! refuses get a validation error naming the field.

mod support;

use interlace_contract::{Document, Location, Schema};
use interlace_sandbox::{Sandbox, SandboxConfig, codes};
use serde_json::{Map, Value, json};

struct Client {
    sandbox: Sandbox,
    http: reqwest::Client,
    token: String,
}

impl Client {
    async fn start(config: SandboxConfig) -> Self {
        let sandbox = Sandbox::start_with(config).await.unwrap();
        let http = reqwest::Client::new();
        let token = support::login(&sandbox, &http).await;
        Self {
            sandbox,
            http,
            token,
        }
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        query: &[(String, String)],
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self
            .http
            .request(
                method.parse().unwrap(),
                format!("{}{path}", self.sandbox.url()),
            )
            .header("x-access-token", &self.token)
            .header("Idempotency-Key", uuid_like(path, method))
            .query(query);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

fn uuid_like(path: &str, method: &str) -> String {
    format!("key-{method}-{}", path.replace('/', "-"))
}

/// A value the contract accepts for `schema`, written from the contract
/// alone: required properties only, money as "1.00".
fn valid(schema: Schema<'_>, account: &str, name: &str) -> Value {
    if let Some(first) = schema.all_of().next() {
        return valid(first, account, name);
    }
    if let Some(first) = schema.enum_values().and_then(|e| e.first().copied()) {
        return first.clone();
    }
    let Some(ty) = schema.types().first().copied() else {
        return json!({});
    };
    match ty {
        "object" => {
            let mut map = Map::new();
            for req in schema.required() {
                let prop = schema
                    .property(req)
                    .expect("a required property is described");
                map.insert(req.to_string(), valid(prop, account, req));
            }
            Value::Object(map)
        }
        "array" => json!([]),
        "string" if schema.is_decimal() => json!("1.00"),
        "string" if name == "accountId" => json!(account),
        // Formats the contract states only in words.
        "string" if name == "currency" => json!("USD"),
        "string" if name == "email" => json!("ada@example.com"),
        "string" if ["dob", "dateOfBirth", "issueDate", "expiryDate"].contains(&name) => {
            json!("1990-01-01")
        }
        "string" => json!(format!("x-{name}")),
        "integer" | "number" => json!(0),
        "boolean" => json!(false),
        _ => Value::Null,
    }
}

/// One operation of the contract with a request it accepts: placeholders
/// filled with `id-1`, required query parameters and body fields set.
struct ValidRequest<'a> {
    id: &'a str,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Value>,
    /// The body's schema, when it is JSON.
    schema: Option<Schema<'a>>,
    multipart: bool,
}

fn valid_requests<'a>(doc: &'a Document, account: &str, client_id: &str) -> Vec<ValidRequest<'a>> {
    let mut out = Vec::new();
    for op in doc.operations() {
        let template = op.path.as_str();
        let path = template
            .split('/')
            .map(|s| if s.starts_with('{') { "id-1" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        let query = op
            .fields_at(Location::Query)
            .filter(|p| p.required)
            .map(|p| {
                let value = match p.name.as_str() {
                    "accountId" => account.to_string(),
                    "clientId" => client_id.to_string(),
                    other => format!("x-{other}"),
                };
                (p.name.clone(), value)
            })
            .collect();
        let schema = doc.body(op);
        out.push(ValidRequest {
            id: &op.id,
            method: op.method.clone(),
            path,
            query,
            body: schema.map(|s| valid(s, account, "")),
            schema,
            multipart: op.body_types.iter().any(|t| t == "multipart/form-data"),
        });
    }
    out
}

#[tokio::test]
async fn every_operation_of_the_contract_is_answered() {
    let doc = interlace_contract::bundled();
    let client = Client::start(SandboxConfig::default()).await;
    let account = client.sandbox.master_account_id();
    let mut answered = 0;
    let mut unanswered = Vec::new();
    let mut drifted = Vec::new();
    for r in valid_requests(doc, &account, client.sandbox.client_id()) {
        if r.multipart {
            continue; // covered with a real file by `tests/sandbox_client.rs`
        }
        let (status, answer) = client.send(&r.method, &r.path, &r.query, r.body).await;
        let no_route = status == 404 || status == 405;
        let refused = answer["code"] == codes::VALIDATION;
        if no_route || refused {
            unanswered.push(format!("{}: {status} {answer}", r.id));
        } else {
            answered += 1;
        }
        // The emulator's own answers are judged as the proxy judges the
        // API's: a success's data in the contract's shape, no null where
        // none is allowed.
        let op = doc.operation_by_id(r.id).unwrap();
        let success = answer["code"] == "000000" || answer["code"] == 0;
        if let (true, Some(schema), Some(data)) = (success, doc.data(op), answer.get("data")) {
            for f in interlace_contract::check(schema, data, "/data") {
                if f.kind.contradicts() {
                    drifted.push(format!(
                        "{}: {} at {}: {} / {}",
                        r.id,
                        f.kind.as_str(),
                        f.pointer,
                        f.expected,
                        f.actual
                    ));
                }
            }
        }
    }
    assert!(unanswered.is_empty(), "{unanswered:#?}");
    assert!(
        drifted.is_empty(),
        "the emulator's answers contradict the contract: {drifted:#?}"
    );
    assert!(answered >= 74, "answered {answered}");
}

/// For every operation the contract can judge, one invalid variant of the
/// valid request: a required query parameter or body field left out, or a
/// field the body does not have; the answer names it.
#[tokio::test]
async fn one_invalid_request_per_operation_is_refused_naming_the_field() {
    let doc = interlace_contract::bundled();
    let client = Client::start(SandboxConfig::default()).await;
    let account = client.sandbox.master_account_id();
    let mut judged = 0;
    let mut wrong = Vec::new();
    for r in valid_requests(doc, &account, client.sandbox.client_id()) {
        let ValidRequest {
            mut query,
            mut body,
            path,
            ..
        } = r;
        let left_out = if !query.is_empty() {
            query.remove(0).0
        } else if let Some(map) = body
            .as_mut()
            .and_then(Value::as_object_mut)
            .filter(|m| !m.is_empty())
        {
            let name = map.keys().next().unwrap().clone();
            map.remove(&name);
            name
        } else if let Some(map) = body
            .as_mut()
            .and_then(Value::as_object_mut)
            .filter(|_| r.schema.unwrap().get("additionalProperties").is_none())
        {
            map.insert("unexpectedField".into(), json!(1));
            "unexpectedField".into()
        } else {
            // A path id of any shape is a valid request: the contract gives
            // ids no pattern.
            continue;
        };
        judged += 1;
        let (_, answer) = client.send(&r.method, &path, &query, body).await;
        let named = answer["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("`{left_out}`")));
        if answer["code"] != codes::VALIDATION || !named {
            wrong.push(format!("{} without `{left_out}`: {answer}", r.id));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // 50 of 75 today; the others take no required input (a path id of any
    // shape is valid: the contract gives ids no pattern).
    assert!(judged >= 50, "judged only {judged}");
}

#[tokio::test]
async fn stateless_operations_answer_the_same_for_the_same_ids() {
    let client = Client::start(SandboxConfig::default()).await;
    let (_, first) = client
        .send("GET", "/open-api/v3/payment/p-1/detail", &[], None)
        .await;
    let (_, again) = client
        .send("GET", "/open-api/v3/payment/p-1/detail", &[], None)
        .await;
    let (_, other) = client
        .send("GET", "/open-api/v3/payment/p-2/detail", &[], None)
        .await;
    assert_eq!(first["code"], "000000", "{first}");
    assert_eq!(first, again);
    assert_ne!(first, other);
    let account = client.sandbox.master_account_id();
    let (_, page) = client
        .send(
            "GET",
            "/open-api/v3/cryptoconnect/wallets",
            &[("accountId".into(), account)],
            None,
        )
        .await;
    assert!(page["data"]["list"].is_array(), "{page}");
}

fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn requests_the_contract_refuses_get_an_error_naming_the_field() {
    let client = Client::start(SandboxConfig::default()).await;
    let account = client.sandbox.master_account_id();
    let message = |answer: &Value| {
        assert_eq!(answer["code"], codes::VALIDATION, "{answer}");
        answer["message"].as_str().unwrap().to_string()
    };
    let transfer = |amount: Value| json!({"accountId": account, "cardId": "c-1", "clientTransactionId": "t-1", "amount": amount});

    // A required query parameter is missing.
    let (status, r) = client
        .send("GET", "/open-api/v3/card-list", &[], None)
        .await;
    assert_eq!(status, 200);
    assert!(message(&r).contains("`accountId` is required"), "{r}");

    // A required body field is missing.
    let (_, r) = client
        .send(
            "POST",
            "/open-api/v3/budgets",
            &[],
            Some(json!({"accountId": account})),
        )
        .await;
    assert!(message(&r).contains("field `name` is required"), "{r}");

    // A body field the operation does not list: the contract does not
    // forbid it, so it passes, unless the emulator is strict.
    let unlisted = json!({"accountId": account, "name": "b", "colour": "red"});
    let (_, r) = client
        .send("POST", "/open-api/v3/budgets", &[], Some(unlisted))
        .await;
    assert_eq!(r["code"], "000000", "{r}");

    // A number where the contract wants a decimal string.
    let (_, r) = client
        .send(
            "POST",
            "/open-api/v3/cards/transfer-in",
            &[],
            Some(transfer(json!(10.5))),
        )
        .await;
    assert!(
        message(&r).contains("field `amount` must be a decimal string"),
        "{r}"
    );

    // A string that is not a decimal.
    let (_, r) = client
        .send(
            "POST",
            "/open-api/v3/cards/transfer-in",
            &[],
            Some(transfer(json!("1e3"))),
        )
        .await;
    assert!(
        message(&r).contains("field `amount` must be a decimal string"),
        "{r}"
    );

    // A nested field of the wrong kind.
    let party =
        json!({"id": "b-1", "accountId": account, "currency": "USD", "businessType": "zero"});
    let (_, r) = client
        .send(
            "POST",
            "/open-api/v3/business/transfer/external",
            &[],
            Some(json!({"clientTransactionId": "t", "amount": "1.00", "from": party, "to": party})),
        )
        .await;
    assert!(
        message(&r).contains("field `from.businessType` must be one of 0, 2, not string"),
        "{r}"
    );

    // An id the contract gives no shape to is an id the emulator does not
    // know, not an invalid request.
    let (_, r) = client
        .send(
            "GET",
            "/open-api/v3/cards/not%20an%20id/card-summary",
            &q(&[("accountId", &account)]),
            None,
        )
        .await;
    assert_eq!(r["code"], codes::NOT_FOUND, "{r}");

    // A query parameter of the wrong kind.
    let (_, r) = client
        .send(
            "GET",
            "/open-api/v3/card-list",
            &q(&[("accountId", &account), ("limit", "many")]),
            None,
        )
        .await;
    assert!(message(&r).contains("`limit` must be an integer"), "{r}");

    // Not JSON at all.
    let raw = client
        .http
        .post(format!("{}/open-api/v3/budgets", client.sandbox.url()))
        .header("x-access-token", &client.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert!(message(&raw).contains("the body is not JSON"), "{raw}");

    // Unknown query parameters pass, unless the emulator is strict.
    let (_, r) = client
        .send(
            "GET",
            "/open-api/v3/card-list",
            &q(&[("accountId", &account), ("colour", "red")]),
            None,
        )
        .await;
    assert_eq!(r["code"], "000000", "{r}");
    let strict = Client::start(SandboxConfig {
        strict: true,
        ..SandboxConfig::default()
    })
    .await;
    let account = strict.sandbox.master_account_id();
    let (_, r) = strict
        .send(
            "GET",
            "/open-api/v3/card-list",
            &q(&[("accountId", &account), ("colour", "red")]),
            None,
        )
        .await;
    assert!(
        message(&r).contains("`colour` is not a parameter of `listCards`"),
        "{r}"
    );
    let unlisted = json!({"accountId": account, "name": "b", "colour": "red"});
    let (_, r) = strict
        .send("POST", "/open-api/v3/budgets", &[], Some(unlisted))
        .await;
    assert!(
        message(&r).contains("field `colour` is not a field of `createBudget`"),
        "{r}"
    );
}

#[tokio::test]
async fn a_path_outside_the_contract_is_a_404_and_a_wrong_method_a_405() {
    let client = Client::start(SandboxConfig::default()).await;
    let (status, r) = client
        .send("GET", "/open-api/v3/loyalty/points", &[], None)
        .await;
    assert_eq!(status, 404, "{r}");
    let (status, r) = client
        .send("DELETE", "/open-api/v3/card-list", &[], None)
        .await;
    assert_eq!(status, 405, "{r}");
}

#[tokio::test]
async fn received_requests_can_be_read_back_and_logged() {
    let dir = std::env::temp_dir().join(format!("interlace-sandbox-log-{}", std::process::id()));
    let log = dir.with_extension("jsonl");
    let _ = std::fs::remove_file(&log);
    let client = Client::start(SandboxConfig {
        request_log: Some(log.clone()),
        ..SandboxConfig::default()
    })
    .await;
    let account = client.sandbox.master_account_id();
    client
        .send(
            "POST",
            "/open-api/v3/budgets",
            &[],
            Some(json!({"accountId": account, "name": "ops"})),
        )
        .await;
    // A request that carries secrets outside any credential field: the
    // log masks them by value (token, client secret) and by shape (card
    // number), and leaves the ids alone.
    let secret = client.sandbox.client_secret().to_owned();
    let uuid = "0b6b7c1e-8d53-4f5e-9f9a-4c2d8e1f3a5b";
    client
        .send(
            "POST",
            "/open-api/v3/budgets",
            &q(&[("note", &secret)]),
            Some(json!({
                "accountId": account,
                "name": format!("echo {} card 4111 1111 1111 1111 ref {uuid}", client.token),
            })),
        )
        .await;
    let seen = client.sandbox.requests();
    let create = seen
        .iter()
        .find(|r| r.path == "/open-api/v3/budgets")
        .unwrap();
    assert_eq!(create.method, "POST");
    assert_eq!(create.json().unwrap()["name"], "ops");
    assert_eq!(create.header("x-access-token"), Some("[masked]"));
    let lines = std::fs::read_to_string(&log).unwrap();
    assert_eq!(lines.lines().count(), seen.len(), "{lines}");
    assert!(!lines.contains(&client.token), "the log masks the token");
    assert!(
        !lines.contains(&secret),
        "the log masks the client secret: {lines}"
    );
    assert!(
        !lines.contains("4111 1111"),
        "the log masks card numbers: {lines}"
    );
    assert!(lines.contains("****1111"), "{lines}");
    assert!(
        lines.contains(uuid) && lines.contains(&account),
        "ids stay: {lines}"
    );
    let first: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["path"], "/open-api/v3/oauth/authorize");
    let _ = std::fs::remove_file(&log);
}

#[tokio::test]
async fn the_request_history_keeps_the_latest_only() {
    let client = Client::start(SandboxConfig {
        request_history: 2,
        ..SandboxConfig::default()
    })
    .await;
    let account = client.sandbox.master_account_id();
    for limit in ["1", "2", "3"] {
        client
            .send(
                "GET",
                "/open-api/v3/card-list",
                &q(&[("accountId", &account), ("limit", limit)]),
                None,
            )
            .await;
    }
    let kept: Vec<String> = client
        .sandbox
        .requests()
        .into_iter()
        .map(|r| r.query)
        .collect();
    assert_eq!(kept.len(), 2);
    assert!(
        kept[0].ends_with("limit=2") && kept[1].ends_with("limit=3"),
        "{kept:?}"
    );
    client.sandbox.clear_requests();
    assert!(client.sandbox.requests().is_empty());
}

#[tokio::test]
async fn a_wrong_method_is_a_405_envelope_allowing_exactly_the_contracts_methods() {
    let client = Client::start(SandboxConfig::default()).await;
    for (method, path, allow) in [
        ("POST", "/open-api/v3/card-list".to_owned(), "GET"),
        (
            "PATCH",
            "/open-api/v3/cards/c9e41f7a-2b6d-4a3c-8d5e-1f0a9b8c7d6e".to_owned(),
            "GET, DELETE",
        ),
        ("DELETE", "/open-api/v3/budgets".to_owned(), "GET, POST"),
    ] {
        let r = client
            .http
            .request(
                method.parse().unwrap(),
                format!("{}{path}", client.sandbox.url()),
            )
            .header("x-access-token", &client.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 405, "{method} {path}");
        assert_eq!(r.headers()["allow"], allow, "{method} {path}");
        let body: Value = r.json().await.unwrap();
        assert!(
            body["code"].is_string() && body["data"].is_null(),
            "an envelope: {body}"
        );
    }
}

#[tokio::test]
async fn a_required_body_is_required_and_a_refused_token_is_recorded() {
    let client = Client::start(SandboxConfig::default()).await;
    let (status, r) = client.send("POST", "/open-api/v3/budgets", &[], None).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["code"], codes::VALIDATION, "{r}");
    assert_eq!(r["message"], "the body is required", "{r}");

    client.sandbox.clear_requests();
    let r = client
        .http
        .get(format!("{}/open-api/v3/card-list", client.sandbox.url()))
        .header("x-access-token", "not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let seen = client.sandbox.requests();
    assert_eq!(seen.len(), 1, "the refused request is recorded");
    assert_eq!(seen[0].path, "/open-api/v3/card-list");
}
