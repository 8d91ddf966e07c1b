//! Answers built from the contract's schemas for the operations the
//! emulator keeps no state for: the same ids get the same answer.

use interlace_contract::{Document, Operation, Schema, Segment};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

/// An answer for `op` built from its schema: `seed` (the request's path)
/// makes the same ids get the same answer on every call.
pub fn answer(
    doc: &Document,
    op: &Operation,
    seed: &str,
    path_values: &[(String, String)],
) -> Value {
    let Some(schema) = doc.response(op) else {
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

fn synth(schema: Schema<'_>, seed: &str, name: &str, depth: usize) -> Value {
    // Deep enough for a list of objects holding lists of objects; the
    // bound only stops a schema that refers to itself.
    if depth > 10 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_are_stable_and_differ_by_seed() {
        assert_eq!(stable_id("x", "id"), stable_id("x", "id"));
        assert_ne!(stable_id("x", "id"), stable_id("y", "id"));
    }
}
