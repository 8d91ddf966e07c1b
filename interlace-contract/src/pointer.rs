//! Schemas by where they are written: JSON pointers into the document, for
//! tools that edit it (the emulator's `contract-update`). [`Schema`] reads
//! the same `$ref`s and `allOf` parts by value.
//!
//! [`Schema`]: crate::Schema

use serde_json::Value;

use crate::schema::MAX_HOPS;

/// `at` with its `$ref`s followed: where the schema it names is written.
pub fn resolve(root: &Value, at: &str) -> String {
    let mut at = at.to_owned();
    for _ in 0..MAX_HOPS {
        match root
            .pointer(&at)
            .and_then(|v| v.get("$ref"))
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(target) => at = target.to_owned(),
            None => break,
        }
    }
    at
}

/// Where the schema is written that `path`, a JSON pointer into a value of
/// the schema at `at`, lands on: through `$ref`s, properties (the schema's
/// own, or the last `allOf` part that has it) and array items.
///
/// ```
/// let root = serde_json::json!({
///     "components": {"schemas": {"Card": {"properties": {"id": {"type": "string"}}}}},
///     "list": {"type": "array", "items": {"$ref": "#/components/schemas/Card"}}
/// });
/// let at = interlace_contract::pointer::locate(&root, "/list", "/0/id");
/// assert_eq!(at.as_deref(), Some("/components/schemas/Card/properties/id"));
/// ```
pub fn locate(root: &Value, at: &str, path: &str) -> Option<String> {
    let mut at = at.to_owned();
    for segment in path.split('/').skip(1) {
        at = without_null(root, &resolve(root, &at));
        at = if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            let items = format!("{at}/items");
            root.pointer(&items)?;
            items
        } else {
            property(root, &at, &unescape(segment))?
        };
    }
    Some(without_null(root, &resolve(root, &at)))
}

/// The schema at `at`, or the one variant of its `anyOf`/`oneOf` that is
/// not `{"type": "null"}` (a nullable value: an envelope's `data`, say).
fn without_null(root: &Value, at: &str) -> String {
    for key in ["anyOf", "oneOf"] {
        let Some(variants) = root
            .pointer(&format!("{at}/{key}"))
            .and_then(Value::as_array)
        else {
            continue;
        };
        let null = serde_json::json!({"type": "null"});
        let valued: Vec<usize> = (0..variants.len())
            .filter(|i| variants[*i] != null)
            .collect();
        if let [one] = valued[..]
            && valued.len() < variants.len()
        {
            return resolve(root, &format!("{at}/{key}/{one}"));
        }
    }
    at.to_owned()
}

/// The pointer of property `name` of the schema at `at`, its own or an
/// `allOf` part's (the last part that has it), through at most
/// [`MAX_HOPS`](crate::schema) levels of parts, so a part that contains
/// itself ends the search.
fn property(root: &Value, at: &str, name: &str) -> Option<String> {
    property_within(root, at, name, 32)
}

fn property_within(root: &Value, at: &str, name: &str, depth: usize) -> Option<String> {
    let own = format!("{at}/properties/{}", escape(name));
    if root.pointer(&own).is_some() {
        return Some(own);
    }
    let parts = root.pointer(&format!("{at}/allOf"))?.as_array()?.len();
    (0..parts).rev().find_map(|i| {
        let part = resolve(root, &format!("{at}/allOf/{i}"));
        depth
            .checked_sub(1)
            .and_then(|depth| property_within(root, &part, name, depth))
    })
}

/// A name as one segment of a JSON pointer.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A segment of a JSON pointer as the name it stands for.
pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn through_refs_all_of_and_items() {
        let root = json!({
            "components": {"schemas": {
                "Base": {"properties": {"id": {"type": "string"}}},
                "Card": {"allOf": [{"$ref": "#/components/schemas/Base"},
                                   {"properties": {"a/b": {"type": "string"}}}]},
                "Loop": {"$ref": "#/components/schemas/Loop"}
            }},
            "page": {"properties": {"list": {"type": "array",
                     "items": {"$ref": "#/components/schemas/Card"}}}}
        });
        assert_eq!(
            locate(&root, "/page", "/list/3/id").as_deref(),
            Some("/components/schemas/Base/properties/id")
        );
        assert_eq!(
            locate(&root, "/page", "/list/0/a~1b").as_deref(),
            Some("/components/schemas/Card/allOf/1/properties/a~1b")
        );
        assert_eq!(locate(&root, "/page", "/list/0/missing"), None);
        assert_eq!(locate(&root, "/page", "/list/x"), None);
        // A cycle of `$ref`s ends.
        let _ = resolve(&root, "/components/schemas/Loop");
    }
}
