//! The API contract (`api/interlace.openapi.json`) as the emulator uses it:
//! every request is judged against its operation, and an operation the
//! emulator keeps no state for is answered from its schema.
//!
//! The emulator reads the contract file, not the toolkit's Rust
//! declarations, so the two are checked against each other rather than
//! agreeing by construction.

use std::sync::OnceLock;

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::reply::{ApiError, VALIDATION};

const TEXT: &str = include_str!("../../api/interlace.openapi.json");

/// Path parameters by the contract's names, with their values.
pub type PathValues = Vec<(String, String)>;

/// One operation of the contract, ready to match requests.
pub struct Operation {
    pub method: String,
    pub id: String,
    segments: Vec<Segment>,
    params: Vec<Param>,
    body: Option<Value>,
    response: Option<Value>,
}

enum Segment {
    Literal(String),
    Param(String),
}

struct Param {
    name: String,
    place: String,
    required: bool,
    schema: Value,
}

pub struct Contract {
    root: Value,
    pub operations: Vec<Operation>,
}

/// The bundled contract, read once.
pub fn bundled() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| Contract::parse(TEXT).expect("the bundled contract is valid JSON"))
}

impl Contract {
    fn parse(text: &str) -> serde_json::Result<Self> {
        let root: Value = serde_json::from_str(text)?;
        let mut operations = Vec::new();
        let empty = Map::new();
        let paths = root
            .get("paths")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, op) in item {
                if !matches!(method.as_str(), "get" | "post" | "put" | "delete" | "patch") {
                    continue;
                }
                operations.push(Self::operation(&root, method, path, op));
            }
        }
        Ok(Self { root, operations })
    }

    fn operation(root: &Value, method: &str, path: &str, op: &Value) -> Operation {
        let segments = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) => Segment::Param(name.to_string()),
                    None => Segment::Literal(s.to_string()),
                },
            )
            .collect();
        let params = op
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|p| deref(root, p))
            .filter_map(|p| {
                Some(Param {
                    name: p.get("name")?.as_str()?.to_string(),
                    place: p.get("in")?.as_str()?.to_string(),
                    required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                    schema: p.get("schema").cloned().unwrap_or(Value::Null),
                })
            })
            .collect();
        let body = op
            .pointer("/requestBody/content/application~1json/schema")
            .cloned();
        let response = op
            .pointer("/responses/200/content/application~1json/schema")
            .cloned();
        Operation {
            method: method.to_ascii_uppercase(),
            id: op
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            segments,
            params,
            body,
            response,
        }
    }

    /// The operation `method path` belongs to, with its path parameters.
    /// Literal segments win over placeholders, so `/cards/wallets` is not
    /// read as the card `wallets`.
    pub fn find(&self, method: &str, path: &str) -> Option<(&Operation, PathValues)> {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut best: Option<(&Operation, PathValues, usize)> = None;
        for op in self.operations.iter().filter(|o| o.method == method) {
            if op.segments.len() != parts.len() {
                continue;
            }
            let mut values = Vec::new();
            let mut literals = 0;
            let fits = op.segments.iter().zip(&parts).all(|(seg, part)| match seg {
                Segment::Literal(l) => {
                    literals += 1;
                    l == part
                }
                Segment::Param(name) => {
                    values.push((name.clone(), (*part).to_string()));
                    true
                }
            });
            if fits && best.as_ref().is_none_or(|(_, _, l)| literals > *l) {
                best = Some((op, values, literals));
            }
        }
        best.map(|(op, values, _)| (op, values))
    }

    /// Whether any operation has this path, with any method.
    pub fn has_path(&self, path: &str) -> bool {
        ["GET", "POST", "PUT", "DELETE"]
            .iter()
            .any(|m| self.find(m, path).is_some())
    }

    /// Judges a request against `op`; the error names the first field at fault.
    pub fn validate(
        &self,
        op: &Operation,
        path_values: &[(String, String)],
        query: &[(String, String)],
        headers: &axum::http::HeaderMap,
        body: &[u8],
        strict: bool,
    ) -> Result<(), ApiError> {
        for (name, value) in path_values {
            if !is_id(value) {
                return Err(invalid(format!(
                    "path parameter `{name}` is not a valid id: `{value}`"
                )));
            }
        }
        for p in &op.params {
            match p.place.as_str() {
                "query" => match query.iter().find(|(k, _)| *k == p.name) {
                    None if p.required => {
                        return Err(invalid(format!("query parameter `{}` is required", p.name)));
                    }
                    Some((_, v)) => self.check_query(&p.name, v, &p.schema)?,
                    None => {}
                },
                "header" if p.required && !headers.contains_key(p.name.as_str()) => {
                    return Err(invalid(format!("header `{}` is required", p.name)));
                }
                _ => {}
            }
        }
        if strict {
            for (k, _) in query {
                if !op.params.iter().any(|p| p.place == "query" && p.name == *k) {
                    return Err(invalid(format!(
                        "query parameter `{k}` is not a parameter of `{}`",
                        op.id
                    )));
                }
            }
        }
        if let Some(schema) = &op.body {
            let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
                Value::Object(Map::new())
            } else {
                serde_json::from_slice(body)
                    .map_err(|_| invalid("the body is not valid JSON".to_string()))?
            };
            self.check_value("", &value, schema, &op.id)?;
        }
        Ok(())
    }

    fn check_query(&self, name: &str, value: &str, schema: &Value) -> Result<(), ApiError> {
        let schema = deref(&self.root, schema);
        match schema.get("type").and_then(Value::as_str) {
            Some("integer") if value.parse::<i64>().is_err() => Err(invalid(format!(
                "query parameter `{name}` must be an integer"
            ))),
            Some("integer") => {
                let n: i64 = value.parse().unwrap_or_default();
                let min = schema.get("minimum").and_then(Value::as_i64);
                let max = schema.get("maximum").and_then(Value::as_i64);
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                    Err(invalid(format!(
                        "query parameter `{name}` must be between {} and {}",
                        min.unwrap_or(i64::MIN),
                        max.unwrap_or(i64::MAX)
                    )))
                } else {
                    Ok(())
                }
            }
            _ if value.is_empty() => Err(invalid(format!("query parameter `{name}` is empty"))),
            _ => Ok(()),
        }
    }

    /// A JSON value against a schema: `$ref`, `allOf`, `oneOf`/`anyOf`,
    /// `type` (one or several), `format: decimal`, `enum` is left to the
    /// handlers (the toolkit keeps unknown values), objects with
    /// `required`, `properties` and `additionalProperties`, arrays' items.
    fn check_value(
        &self,
        at: &str,
        value: &Value,
        schema: &Value,
        op: &str,
    ) -> Result<(), ApiError> {
        let schema = deref(&self.root, schema);
        let field = if at.is_empty() {
            "the body".to_string()
        } else {
            format!("field `{at}`")
        };
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            for part in parts {
                self.check_value(at, value, part, op)?;
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(parts) = schema.get(key).and_then(Value::as_array)
                && !parts
                    .iter()
                    .any(|p| self.check_value(at, value, p, op).is_ok())
            {
                return Err(invalid(format!(
                    "{field} matches none of the shapes the contract allows"
                )));
            }
        }
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.is_empty() && !types.iter().any(|t| kind_fits(t, value)) {
            let decimal = schema.get("format").and_then(Value::as_str) == Some("decimal");
            let wanted = if decimal {
                "a decimal string such as \"10.00\"".to_string()
            } else {
                article(&types)
            };
            return Err(invalid(format!("{field} must be {wanted}")));
        }
        if schema.get("format").and_then(Value::as_str) == Some("decimal")
            && let Some(s) = value.as_str()
            && !is_decimal(s)
        {
            return Err(invalid(format!(
                "{field} must be a decimal string such as \"10.00\""
            )));
        }
        if let Some(map) = value.as_object() {
            let props = schema.get("properties").and_then(Value::as_object);
            for name in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(name) = name.as_str() else { continue };
                if map.get(name).is_none_or(Value::is_null) {
                    return Err(invalid(format!("field `{}` is required", join(at, name))));
                }
            }
            let open = !matches!(
                schema.get("additionalProperties"),
                None | Some(Value::Bool(false))
            );
            for (name, v) in map {
                match props.and_then(|p| p.get(name)) {
                    Some(_) if v.is_null() => {}
                    Some(prop) => self.check_value(&join(at, name), v, prop, op)?,
                    None if open || props.is_none() || has_composition(schema) => {}
                    None => {
                        return Err(invalid(format!(
                            "field `{}` is not a field of `{op}`",
                            join(at, name)
                        )));
                    }
                }
            }
        }
        if let (Some(items), Some(list)) = (schema.get("items"), value.as_array()) {
            for (i, item) in list.iter().enumerate() {
                self.check_value(&format!("{at}[{i}]"), item, items, op)?;
            }
        }
        Ok(())
    }

    /// An answer for `op` built from its schema: `seed` (the request's path)
    /// makes the same ids get the same answer on every call.
    pub fn answer(&self, op: &Operation, seed: &str, path_values: &[(String, String)]) -> Value {
        let Some(schema) = &op.response else {
            return json!({"code": "000000", "message": "success", "data": null});
        };
        let mut value = self.synth(schema, seed, "", 0);
        // An id in the path names the thing answered for.
        if let (Some((_, id)), Some(data)) = (
            path_values.last(),
            value.get_mut("data").and_then(Value::as_object_mut),
        ) && data.contains_key("id")
        {
            data.insert("id".into(), Value::String(id.clone()));
        }
        if let Some(map) = value.as_object_mut()
            && map.contains_key("code")
        {
            let v1 = op
                .segments
                .iter()
                .any(|s| matches!(s, Segment::Literal(l) if l == "v1"));
            map.insert("code".into(), if v1 { json!(0) } else { json!("000000") });
            map.insert("message".into(), json!(if v1 { "ok" } else { "success" }));
        }
        value
    }

    fn synth(&self, schema: &Value, seed: &str, name: &str, depth: usize) -> Value {
        let schema = deref(&self.root, schema);
        if depth > 6 {
            return Value::Null;
        }
        if let Some(example) = schema
            .get("examples")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
            && depth > 0
        {
            return example.clone();
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(m) = self.synth(part, seed, name, depth + 1) {
                    merged.extend(m);
                }
            }
            return Value::Object(merged);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(first) = schema
                .get(key)
                .and_then(Value::as_array)
                .and_then(|p| p.first())
            {
                return self.synth(first, seed, name, depth + 1);
            }
        }
        if let Some(first) = schema
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return first.clone();
        }
        let ty = match schema.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ if schema.get("properties").is_some() => "object",
            _ => return json!({}),
        };
        match ty {
            "object" => {
                let mut map = Map::new();
                // An object the contract leaves open (fields undocumented)
                // still carries an id, so answers about different things differ.
                if schema.get("properties").is_none() {
                    map.insert("id".into(), Value::String(stable_id(seed, "id")));
                }
                for (prop, s) in schema
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let v = self.synth(s, seed, prop, depth + 1);
                    if !v.is_null() {
                        map.insert(prop.clone(), v);
                    }
                }
                Value::Object(map)
            }
            "array" => match schema.get("items") {
                Some(items) => Value::Array(vec![self.synth(items, seed, name, depth + 1)]),
                None => json!([]),
            },
            "string" if schema.get("format").and_then(Value::as_str) == Some("decimal") => {
                json!("0.00")
            }
            "string" if name == "total" => json!("1"),
            "string" if name == "id" || name.ends_with("Id") => {
                Value::String(stable_id(seed, name))
            }
            "string" if name.ends_with("Time") || name == "timestamp" => json!("1756879969964"),
            "string" => Value::String(format!("sample {name}").trim().to_string()),
            "integer" => json!(0),
            "number" => json!(0),
            "boolean" => json!(false),
            _ => Value::Null,
        }
    }
}

fn has_composition(schema: &Value) -> bool {
    schema.get("allOf").is_some() || schema.get("oneOf").is_some() || schema.get("anyOf").is_some()
}

fn deref<'a>(root: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..32 {
        match v.get("$ref").and_then(Value::as_str) {
            Some(target) => match target.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(next) => v = next,
                None => return &Value::Null,
            },
            None => return v,
        }
    }
    v
}

fn kind_fits(ty: &str, value: &Value) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

fn article(types: &[&str]) -> String {
    types
        .iter()
        .map(|t| match *t {
            "integer" | "object" | "array" => format!("an {t}"),
            other => format!("a {other}"),
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

fn join(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_string()
    } else {
        format!("{at}.{name}")
    }
}

fn is_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !frac.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Ids are UUIDs or numeric strings on the real API; the emulator accepts
/// any short run of letters, digits, `-`, `_` and `.`, and refuses the rest
/// (spaces, quotes, empty).
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// A UUID-shaped id derived from the request, the same on every call.
fn stable_id(seed: &str, name: &str) -> String {
    let digest = Sha256::digest(format!("{seed}#{name}").as_bytes());
    let h = hex::encode(&digest[..16]);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn invalid(message: String) -> ApiError {
    ApiError::new(VALIDATION, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_found_by_its_own_path() {
        let c = bundled();
        assert!(c.operations.len() >= 75);
        let (op, values) = c
            .find("GET", "/open-api/v3/cards/c-1/card-summary")
            .unwrap();
        assert_eq!(op.id, "getCardSummary");
        assert_eq!(values, [("cardId".to_string(), "c-1".to_string())]);
        assert_eq!(
            c.find("GET", "/open-api/v3/cards/wallets").unwrap().0.id,
            "listBalances"
        );
        assert!(c.find("PATCH", "/open-api/v3/card-list").is_none());
        assert!(is_decimal("10.00") && is_decimal("3") && !is_decimal("1e3") && !is_decimal("."));
        assert!(is_id("0c6c8a3e-5b0e") && !is_id("a b") && !is_id(""));
        assert_eq!(stable_id("x", "id"), stable_id("x", "id"));
    }
}
