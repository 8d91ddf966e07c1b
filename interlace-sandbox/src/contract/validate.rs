//! A request judged against its operation: path ids, required and known
//! query parameters, required headers, and the body against its schema
//! (kinds, decimals, required and unknown fields, nested objects and
//! arrays). The error names the first field at fault.

use interlace_contract::{Document, Kind, Location, Operation, Schema};
use serde_json::{Map, Value};

use crate::envelope::{ApiError, VALIDATION};

/// Judges a request against `op`; the error names the first field at fault.
pub fn request(
    doc: &Document,
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
                Some((_, v)) => check_query(&p.name, v, doc.schema(&p.schema))?,
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
    if doc.body_required(op) && body.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(format!(
            "`{}` takes a body, and none was sent",
            op.id
        )));
    }
    if let Some(schema) = doc.body(op) {
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
    if !types.is_empty() && !types.iter().any(|t| interlace_contract::fits(t, value)) {
        let wanted = if schema.is_decimal() {
            "a decimal string such as \"10.00\"".to_string()
        } else {
            article(&types)
        };
        return Err(invalid(format!("{field} must be {wanted}")));
    }
    if schema.is_decimal()
        && let Some(s) = value.as_str()
        && !interlace_contract::decimal(s)
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
            // Only the schema's own properties: its `allOf` parts judge theirs.
            let own = props.is_some_and(|p| p.contains_key(name));
            match schema.property(name).filter(|_| own) {
                Some(_) if v.is_null() => {}
                Some(prop) => check_value(&join(at, name), v, prop, op)?,
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

/// Ids are UUIDs or numeric strings on the real API; the emulator accepts
/// any short run of letters, digits, `-`, `_` and `.`, and refuses the rest
/// (spaces, quotes, empty).
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

fn invalid(message: String) -> ApiError {
    ApiError::new(VALIDATION, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_id("0c6c8a3e-5b0e") && !is_id("a b") && !is_id(""));
    }
}
