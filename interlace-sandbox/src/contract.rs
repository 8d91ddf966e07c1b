//! The API contract (the `interlace-contract` crate) as the emulator uses it:
//! every request is judged against its operation, and an operation the
//! emulator keeps no state for is answered from its schema.
//!
//! The emulator reads the contract file, not the toolkit's Rust
//! declarations, so the two are checked against each other rather than
//! agreeing by construction.

use interlace_contract::{Document, Kind, Location, Operation, Schema, Segment};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::reply::{ApiError, VALIDATION};

/// The bundled contract, read once.
pub fn bundled() -> &'static Document {
    interlace_contract::bundled()
}

/// Whether any operation has this concrete path, with any method.
pub fn has_path(contract: &Document, path: &str) -> bool {
    ["GET", "POST", "PUT", "DELETE", "PATCH"]
        .iter()
        .any(|m| contract.route(m, path).is_some())
}

/// Judges requests and builds answers from one document.
pub struct Judge<'a> {
    doc: &'a Document,
}

impl<'a> Judge<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Self { doc }
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
        for p in &op.fields {
            match p.location {
                Location::Query => match query.iter().find(|(k, _)| *k == p.name) {
                    None if p.required => {
                        return Err(invalid(format!("query parameter `{}` is required", p.name)));
                    }
                    Some((_, v)) => check_query(&p.name, v, self.doc.schema(&p.schema))?,
                    None => {}
                },
                Location::Header if p.required && !headers.contains_key(p.name.as_str()) => {
                    return Err(invalid(format!("header `{}` is required", p.name)));
                }
                _ => {}
            }
        }
        if strict {
            for (k, _) in query {
                if op.field(k, Location::Query).is_none() {
                    return Err(invalid(format!(
                        "query parameter `{k}` is not a parameter of `{}`",
                        op.id
                    )));
                }
            }
        }
        if let Some(schema) = self.doc.body(op) {
            let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
                Value::Object(Map::new())
            } else {
                serde_json::from_slice(body)
                    .map_err(|_| invalid("the body is not valid JSON".to_string()))?
            };
            check_value("", &value, schema, &op.id)?;
        }
        Ok(())
    }

    /// An answer for `op` built from its schema: `seed` (the request's path)
    /// makes the same ids get the same answer on every call.
    pub fn answer(&self, op: &Operation, seed: &str, path_values: &[(String, String)]) -> Value {
        let Some(schema) = self.doc.response(op) else {
            return json!({"code": "000000", "message": "success", "data": null});
        };
        let mut value = synth(schema, seed, "", 0);
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
                .path
                .segments()
                .iter()
                .any(|s| matches!(s, Segment::Literal(l) if l == "v1"));
            map.insert("code".into(), if v1 { json!(0) } else { json!("000000") });
            map.insert("message".into(), json!(if v1 { "ok" } else { "success" }));
        }
        value
    }
}

fn check_query(name: &str, value: &str, schema: Schema<'_>) -> Result<(), ApiError> {
    match schema.kind() {
        Some(Kind::Integer) => {
            let Ok(n) = value.parse::<i64>() else {
                return Err(invalid(format!(
                    "query parameter `{name}` must be an integer"
                )));
            };
            let (min, max) = schema.bounds();
            let n = n as f64;
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                Err(invalid(format!(
                    "query parameter `{name}` must be between {} and {}",
                    min.map_or("-∞".into(), |m| m.to_string()),
                    max.map_or("∞".into(), |m| m.to_string())
                )))
            } else {
                Ok(())
            }
        }
        _ if value.is_empty() => Err(invalid(format!("query parameter `{name}` is empty"))),
        _ => Ok(()),
    }
}

/// A JSON value against a schema: `allOf`, `oneOf`/`anyOf`, `type` (one or
/// several), `format: decimal`, objects with `required`, `properties` and
/// `additionalProperties`, arrays' items. `enum` is left to the handlers
/// (the toolkit keeps unknown values).
fn check_value(at: &str, value: &Value, schema: Schema<'_>, op: &str) -> Result<(), ApiError> {
    let field = if at.is_empty() {
        "the body".to_string()
    } else {
        format!("field `{at}`")
    };
    for part in schema.all_of() {
        check_value(at, value, part, op)?;
    }
    if let Some(variants) = schema.variants()
        && !variants
            .iter()
            .any(|p| check_value(at, value, *p, op).is_ok())
    {
        return Err(invalid(format!(
            "{field} matches none of the shapes the contract allows"
        )));
    }
    let types = schema.types();
    if !types.is_empty() && !types.iter().any(|t| kind_fits(t, value)) {
        let wanted = if schema.is_decimal() {
            "a decimal string such as \"10.00\"".to_string()
        } else {
            article(&types)
        };
        return Err(invalid(format!("{field} must be {wanted}")));
    }
    if schema.is_decimal()
        && let Some(s) = value.as_str()
        && !is_decimal(s)
    {
        return Err(invalid(format!(
            "{field} must be a decimal string such as \"10.00\""
        )));
    }
    if let Some(map) = value.as_object() {
        let own = schema.get("required").and_then(Value::as_array);
        for name in own.into_iter().flatten().filter_map(Value::as_str) {
            if map.get(name).is_none_or(Value::is_null) {
                return Err(invalid(format!("field `{}` is required", join(at, name))));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        let open = !matches!(
            schema.get("additionalProperties"),
            None | Some(Value::Bool(false))
        );
        for (name, v) in map {
            match props.and_then(|p| p.get(name)) {
                Some(_) if v.is_null() => {}
                Some(_) => {
                    let prop = schema.property(name).expect("listed just above");
                    check_value(&join(at, name), v, prop, op)?
                }
                None if open || props.is_none() || schema.is_composed() => {}
                None => {
                    return Err(invalid(format!(
                        "field `{}` is not a field of `{op}`",
                        join(at, name)
                    )));
                }
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.items(), value.as_array()) {
        for (i, item) in list.iter().enumerate() {
            check_value(&format!("{at}[{i}]"), item, items, op)?;
        }
    }
    Ok(())
}

fn synth(schema: Schema<'_>, seed: &str, name: &str, depth: usize) -> Value {
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
    if schema.get("allOf").is_some() {
        let mut merged = Map::new();
        for part in schema.all_of() {
            if let Value::Object(m) = synth(part, seed, name, depth + 1) {
                merged.extend(m);
            }
        }
        return Value::Object(merged);
    }
    if let Some(first) = schema.variants().and_then(|v| v.first().copied()) {
        return synth(first, seed, name, depth + 1);
    }
    if let Some(first) = schema.enum_values().and_then(|e| e.first().copied()) {
        return first.clone();
    }
    let types = schema.types();
    let ty = match types.iter().find(|t| **t != "null") {
        Some(t) => *t,
        None if !types.is_empty() => "null",
        None if schema.get("properties").is_some() => "object",
        None => return json!({}),
    };
    match ty {
        "object" => {
            let mut map = Map::new();
            // An object the contract leaves open (fields undocumented)
            // still carries an id, so answers about different things differ.
            if schema.get("properties").is_none() {
                map.insert("id".into(), Value::String(stable_id(seed, "id")));
            }
            for (prop, s) in schema.properties() {
                let v = synth(s, seed, prop, depth + 1);
                if !v.is_null() {
                    map.insert(prop.to_string(), v);
                }
            }
            Value::Object(map)
        }
        "array" => match schema.items() {
            Some(items) => Value::Array(vec![synth(items, seed, name, depth + 1)]),
            None => json!([]),
        },
        "string" if schema.is_decimal() => json!("0.00"),
        "string" if name == "total" => json!("1"),
        "string" if name == "id" || name.ends_with("Id") => Value::String(stable_id(seed, name)),
        "string" if name.ends_with("Time") || name == "timestamp" => json!("1756879969964"),
        "string" => Value::String(format!("sample {name}").trim().to_string()),
        "integer" => json!(0),
        "number" => json!(0),
        "boolean" => json!(false),
        _ => Value::Null,
    }
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
    fn ids_decimals_and_stable_ids() {
        assert!(has_path(bundled(), "/open-api/v3/cards/c-1/freeze"));
        assert!(is_decimal("10.00") && is_decimal("3") && !is_decimal("1e3") && !is_decimal("."));
        assert!(is_id("0c6c8a3e-5b0e") && !is_id("a b") && !is_id(""));
        assert_eq!(stable_id("x", "id"), stable_id("x", "id"));
    }
}
