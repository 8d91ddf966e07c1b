//! An OpenAPI 3.1 document → the few facts the checks need: each operation's
//! method, path and parameters with their place, requiredness and JSON kind,
//! and each schema component's properties.
//!
//! Only what a declaration can contradict is kept; everything else in the
//! document (descriptions, examples, responses) is read by people, and by
//! `tests/contract.rs` through a full OpenAPI library.

use std::collections::HashMap;

use serde_json::Value;

/// The JSON kind a contract gives a parameter or property, when it gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    /// `type: string, format: decimal`: money.
    Decimal,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

impl Kind {
    /// The runtime's check function for this kind (`interlace::contract::<fn>`).
    pub fn check_fn(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Decimal => "decimal",
            Self::Integer => "integer",
            Self::Number => "number",
            Self::Boolean => "boolean",
            Self::Array => "array",
            Self::Object => "object",
        }
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Path,
    Query,
    Header,
    Body,
}

impl Place {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Path => "the path",
            Self::Query => "the query",
            Self::Header => "a header",
            Self::Body => "the body",
        }
    }
}

/// A parameter or a top-level body property.
#[derive(Debug, Clone)]
pub struct Slot {
    pub name: String,
    pub place: Place,
    pub required: bool,
    pub kind: Option<Kind>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub method: String,
    pub path: String,
    /// The path with placeholder names erased, `/cards/{}`: templates match
    /// whatever the placeholders are called.
    pub shape: String,
    pub id: String,
    pub summary: Option<String>,
    pub confidence: Option<String>,
    pub docs: Option<String>,
    pub slots: Vec<Slot>,
    /// The body schema allows properties it does not list.
    pub open_body: bool,
}

impl Operation {
    pub fn slot(&self, name: &str, place: Place) -> Option<&Slot> {
        self.slots.iter().find(|s| {
            s.place == place
                && if place == Place::Header {
                    s.name.eq_ignore_ascii_case(name)
                } else {
                    s.name == name
                }
        })
    }

    pub fn label(&self) -> String {
        format!("`{}` ({} {})", self.id, self.method, self.path)
    }
}

/// A schema component, as a response model sees it.
#[derive(Debug, Clone, Default)]
pub struct Component {
    pub properties: Vec<String>,
    pub required: Vec<String>,
    pub open: bool,
}

#[derive(Debug, Default)]
pub struct Contract {
    pub operations: Vec<Operation>,
    pub components: HashMap<String, Component>,
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Contract {
    pub fn parse(text: &str) -> Result<Self, String> {
        let root: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let Some(paths) = root.get("paths").and_then(Value::as_object) else {
            return Err("no `paths` object: not an OpenAPI document".into());
        };
        let r = Resolver { root: &root };
        let mut operations = Vec::new();
        for (path, item) in paths {
            let shared = item.get("parameters");
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                operations.push(r.operation(method, path, op, shared));
            }
        }
        let components = root
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|schemas| {
                schemas
                    .iter()
                    .map(|(name, s)| (name.clone(), r.component(s)))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            operations,
            components,
        })
    }
}

pub fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if in_placeholder => {}
            _ => out.push(c),
        }
    }
    out
}

struct Resolver<'a> {
    root: &'a Value,
}

impl<'a> Resolver<'a> {
    /// Follows `$ref`s within the document (a bounded number of hops, so a
    /// cycle cannot hang the compiler).
    fn deref(&self, mut v: &'a Value) -> &'a Value {
        for _ in 0..32 {
            let Some(target) = v.get("$ref").and_then(Value::as_str) else {
                return v;
            };
            match target.strip_prefix('#').and_then(|p| self.root.pointer(p)) {
                Some(next) => v = next,
                None => return &Value::Null,
            }
        }
        v
    }

    fn operation(&self, method: &str, path: &str, op: &Value, shared: Option<&Value>) -> Operation {
        let text = |key: &str| op.get(key).and_then(Value::as_str).map(str::to_string);
        let mut slots = Vec::new();
        let params = shared
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(
                op.get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
        for p in params {
            let p = self.deref(p);
            let place = match p.get("in").and_then(Value::as_str) {
                Some("path") => Place::Path,
                Some("query") => Place::Query,
                Some("header") => Place::Header,
                _ => continue,
            };
            let Some(name) = p.get("name").and_then(Value::as_str) else {
                continue;
            };
            slots.push(Slot {
                name: name.to_string(),
                place,
                required: place == Place::Path
                    || p.get("required").and_then(Value::as_bool).unwrap_or(false),
                kind: p.get("schema").and_then(|s| self.kind(s)),
            });
        }
        let mut open_body = false;
        let body = op
            .get("requestBody")
            .map(|b| self.deref(b))
            .and_then(|b| b.pointer("/content/application~1json/schema"));
        if let Some(schema) = body {
            let mut c = self.component(schema);
            open_body = c.open;
            // A required name the schema does not describe is still required.
            for name in &c.required {
                if !c.properties.contains(name) {
                    c.properties.push(name.clone());
                }
            }
            for name in c.properties {
                let required = c.required.contains(&name);
                let kind = self.property(schema, &name).and_then(|s| self.kind(s));
                slots.push(Slot {
                    name,
                    place: Place::Body,
                    required,
                    kind,
                });
            }
        }
        Operation {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            shape: shape(path),
            id: text("operationId")
                .unwrap_or_else(|| format!("{} {path}", method.to_ascii_uppercase())),
            summary: text("summary"),
            confidence: text("x-interlace-confidence"),
            docs: op
                .pointer("/externalDocs/url")
                .and_then(Value::as_str)
                .map(str::to_string),
            slots,
            open_body,
        }
    }

    /// Properties and required names of an object schema, through `$ref`
    /// and `allOf`.
    fn component(&self, schema: &'a Value) -> Component {
        let schema = self.deref(schema);
        let mut c = Component::default();
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            for part in parts {
                let inner = self.component(part);
                c.properties.extend(inner.properties);
                c.required.extend(inner.required);
                c.open |= inner.open;
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            c.properties.extend(props.keys().cloned());
        }
        if let Some(req) = schema.get("required").and_then(Value::as_array) {
            c.required
                .extend(req.iter().filter_map(Value::as_str).map(str::to_string));
        }
        // Anything but `additionalProperties: false` or a schema for the
        // extra values leaves the object closed only when it lists
        // properties; an object with none listed takes anything.
        c.open |= match schema.get("additionalProperties") {
            Some(Value::Bool(b)) => *b,
            Some(Value::Object(_)) => true,
            _ => false,
        };
        if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
            c.open = true;
        }
        c
    }

    fn property(&self, schema: &'a Value, name: &str) -> Option<&'a Value> {
        let schema = self.deref(schema);
        if let Some(p) = schema.pointer(&format!("/properties/{}", escape(name))) {
            return Some(p);
        }
        schema
            .get("allOf")
            .and_then(Value::as_array)?
            .iter()
            .find_map(|part| self.property(part, name))
    }

    /// The one JSON kind a schema allows, or `None` when it allows several
    /// or does not say.
    fn kind(&self, schema: &'a Value) -> Option<Kind> {
        let schema = self.deref(schema);
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array)
            && let Some(k) = parts.iter().find_map(|p| self.kind(p))
        {
            return Some(k);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(parts) = schema.get(key).and_then(Value::as_array) {
                let kinds: Vec<_> = parts.iter().map(|p| self.kind(p)).collect();
                return match kinds.split_first() {
                    Some((first @ Some(_), rest)) if rest.iter().all(|k| k == first) => *first,
                    _ => None,
                };
            }
        }
        let ty = match schema.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(types)) => {
                let mut named = types
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|t| *t != "null");
                match (named.next(), named.next()) {
                    (Some(t), None) => t,
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some(match ty {
            "string" if schema.get("format").and_then(Value::as_str) == Some("decimal") => {
                Kind::Decimal
            }
            "string" => Kind::String,
            "integer" => Kind::Integer,
            "number" => Kind::Number,
            "boolean" => Kind::Boolean,
            "array" => Kind::Array,
            "object" => Kind::Object,
            _ => return None,
        })
    }
}

/// JSON-pointer escaping of one reference token.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_erase_placeholder_names() {
        assert_eq!(shape("/cards/{cardId}/freeze"), "/cards/{}/freeze");
        assert_eq!(shape("/a/{x}/{y}"), "/a/{}/{}");
    }

    #[test]
    fn a_required_name_without_a_schema_is_still_required() {
        let c = Contract::parse(
            r#"{"paths": {"/pets": {"post": {"operationId": "createPet", "requestBody": {"content": {
                "application/json": {"schema": {"type": "object", "required": ["name", "tag"],
                "properties": {"name": {"type": "string"}}}}}}}}}}"#,
        )
        .unwrap();
        let tag = c.operations[0].slot("tag", Place::Body).unwrap();
        assert_eq!((tag.required, tag.kind), (true, None));
    }

    #[test]
    fn the_bundled_contract_reads() {
        let c = Contract::parse(super::super::source::BUNDLED_TEXT).unwrap();
        let op = c
            .operations
            .iter()
            .find(|o| o.id == "createPrepaidCard")
            .unwrap();
        assert_eq!(op.method, "POST");
        let amount = op.slot("amount", Place::Body).unwrap();
        assert_eq!((amount.required, amount.kind), (false, Some(Kind::Decimal)));
        let holder = op.slot("cardholderId", Place::Body).unwrap();
        assert_eq!((holder.required, holder.kind), (true, Some(Kind::String)));
        let key = op.slot("idempotency-key", Place::Header).unwrap();
        assert!(key.required);
        let list = c.operations.iter().find(|o| o.id == "listCards").unwrap();
        assert_eq!(
            list.slot("limit", Place::Query).unwrap().kind,
            Some(Kind::Integer)
        );
        let card = &c.components["Card"];
        assert_eq!(card.required, ["id"]);
        assert!(card.properties.iter().any(|p| p == "cardLastFour"));
    }
}
