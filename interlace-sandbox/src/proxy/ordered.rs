//! Writing a changed JSON document with its keys in the order the original
//! text had them, so that a contract update changes only what it changes.
//! (`serde_json::Value` sorts keys; its order-preserving feature would
//! change the order of every JSON object in the workspace.)

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The key order of a JSON text: objects keep their keys' order.
#[derive(Debug)]
pub enum Order {
    Object(Vec<(String, Order)>),
    Array(Vec<Order>),
    Leaf,
}

impl<'de> Deserialize<'de> for Order {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Order;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Order, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Order>()? {
                    keys.push((k, v));
                }
                Ok(Order::Object(keys))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Order, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element::<Order>()? {
                    items.push(v);
                }
                Ok(Order::Array(items))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Order, E> {
                Ok(Order::Leaf)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Order, E> {
                Ok(Order::Leaf)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Order, E> {
                Ok(Order::Leaf)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Order, E> {
                Ok(Order::Leaf)
            }
            fn visit_str<E>(self, _: &str) -> Result<Order, E> {
                Ok(Order::Leaf)
            }
            fn visit_unit<E>(self) -> Result<Order, E> {
                Ok(Order::Leaf)
            }
        }
        d.deserialize_any(V)
    }
}

/// `value` as pretty JSON (two spaces), its keys in `order` where the
/// original had them and new keys after them.
pub fn render(value: &Value, order: &Order) -> String {
    let mut out = String::new();
    write(value, Some(order), 0, &mut out);
    out.push('\n');
    out
}

fn write(value: &Value, order: Option<&Order>, depth: usize, out: &mut String) {
    let pad = |depth: usize| "  ".repeat(depth);
    match value {
        Value::Object(map) if !map.is_empty() => {
            let known: &[(String, Order)] = match order {
                Some(Order::Object(keys)) => keys,
                _ => &[],
            };
            let mut keys: Vec<(&String, Option<&Order>)> = known
                .iter()
                .filter(|(k, _)| map.contains_key(k))
                .map(|(k, o)| (k, Some(o)))
                .collect();
            keys.extend(
                map.keys()
                    .filter(|k| !known.iter().any(|(o, _)| o == *k))
                    .map(|k| (k, None)),
            );
            out.push_str("{\n");
            for (i, (k, o)) in keys.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push_str(": ");
                write(&map[*k], *o, depth + 1, out);
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            let known: &[Order] = match order {
                Some(Order::Array(items)) => items,
                _ => &[],
            };
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                write(item, known.get(i), depth + 1, out);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_contract_is_written_back_byte_for_byte() {
        let text = interlace_contract::BUNDLED_TEXT;
        let order: Order = serde_json::from_str(text).unwrap();
        let value: Value = serde_json::from_str(text).unwrap();
        assert!(
            render(&value, &order) == text,
            "the writer changes an unchanged contract"
        );
    }
}
