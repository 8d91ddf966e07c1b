//! A schema of the document, seen through its `$ref`s: JSON kinds and
//! formats, properties and required names through `allOf`, the variants of
//! `oneOf`/`anyOf`, items, enums and confidence.

use serde_json::Value;

use crate::Confidence;

/// The one JSON kind a schema allows, as the checks compare it with a Rust
/// type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `type: string`.
    String,
    /// `type: string, format: decimal`: money, an exact decimal in a string.
    Decimal,
    /// `type: integer`.
    Integer,
    /// `type: number`.
    Number,
    /// `type: boolean`.
    Boolean,
    /// `type: array`.
    Array,
    /// `type: object`.
    Object,
}

impl Kind {
    /// The kind in words, with its article: "a decimal string", "an integer".
    pub fn describe(self) -> &'static str {
        match self {
            Self::String => "a string",
            Self::Decimal => "a decimal string",
            Self::Integer => "an integer",
            Self::Number => "a number",
            Self::Boolean => "a boolean",
            Self::Array => "an array",
            Self::Object => "an object",
        }
    }
}

/// How many `$ref` hops are followed before giving up, so that a cycle in a
/// document cannot hang a compiler or a server.
pub(crate) const MAX_HOPS: usize = 32;

/// A schema of a document with its `$ref` already followed. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Schema<'a> {
    root: &'a Value,
    value: &'a Value,
}

static NULL: Value = Value::Null;

impl<'a> Schema<'a> {
    /// `value` as a schema of the document `root`, its `$ref`s followed
    /// (an unresolvable one reads as the empty schema, which allows anything).
    pub fn new(root: &'a Value, value: &'a Value) -> Self {
        Self {
            root,
            value: resolve(root, value),
        }
    }

    /// The schema object itself, for keywords this view does not name.
    pub fn raw(&self) -> &'a Value {
        self.value
    }

    /// A keyword of the schema.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.value.get(key)
    }

    pub(crate) fn child(&self, value: &'a Value) -> Self {
        Self::new(self.root, value)
    }

    fn list(&self, key: &str) -> impl Iterator<Item = Schema<'a>> + use<'a> {
        let this = *self;
        self.value
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(move |v| this.child(v))
    }

    /// The parts of `allOf`.
    pub fn all_of(&self) -> impl Iterator<Item = Schema<'a>> + use<'a> {
        self.list("allOf")
    }

    /// The variants of `oneOf`, or of `anyOf`, when the schema has either.
    pub fn variants(&self) -> Option<Vec<Schema<'a>>> {
        ["oneOf", "anyOf"]
            .into_iter()
            .find(|k| self.value.get(*k).is_some())
            .map(|k| self.list(k).collect())
    }

    /// Whether the schema combines others (`allOf`, `oneOf`, `anyOf`).
    pub fn is_composed(&self) -> bool {
        ["allOf", "oneOf", "anyOf"]
            .iter()
            .any(|k| self.value.get(*k).is_some())
    }

    /// The JSON types `type` names (`"string"`, or `["string", "null"]`).
    pub fn types(&self) -> Vec<&'a str> {
        match self.value.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// `format`, when given.
    pub fn format(&self) -> Option<&'a str> {
        self.value.get("format").and_then(Value::as_str)
    }

    /// Whether the schema is money: a string of `format: decimal`.
    pub fn is_decimal(&self) -> bool {
        self.format() == Some("decimal")
    }

    /// Whether `null` is allowed besides the schema's kind: `type` lists
    /// it, `nullable: true` (OpenAPI 3.0) says so, or a `oneOf`/`anyOf`
    /// variant is `{"type": "null"}`.
    pub fn is_nullable(&self) -> bool {
        self.types().contains(&"null")
            || self.value.get("nullable").and_then(Value::as_bool) == Some(true)
            || self
                .variants()
                .is_some_and(|variants| variants.iter().any(Schema::is_null_only))
    }

    /// Whether the schema allows `null` and nothing else.
    pub fn is_null_only(&self) -> bool {
        self.types() == ["null"]
    }

    /// The schema a value must fit when it is not `null`: the one variant
    /// of a `oneOf`/`anyOf` that is not `{"type": "null"}`, or the schema
    /// itself.
    pub fn without_null(&self) -> Schema<'a> {
        match self.valued_variants().as_deref() {
            Some([one]) if self.is_nullable() => *one,
            _ => *self,
        }
    }

    /// The `oneOf`/`anyOf` variants that allow more than `null`: a
    /// `{"type": "null"}` variant makes the schema nullable, not another kind.
    fn valued_variants(&self) -> Option<Vec<Schema<'a>>> {
        self.variants()
            .map(|variants| variants.into_iter().filter(|v| !v.is_null_only()).collect())
    }

    /// The one JSON kind the schema allows, or `None` when it allows several
    /// or does not say. `allOf` parts lend theirs; `oneOf`/`anyOf` have one
    /// only when every variant has the same.
    pub fn kind(&self) -> Option<Kind> {
        self.visit(&mut Vec::new(), None, Self::kind_here)
    }

    /// Every JSON kind the schema allows, in document order: one for a
    /// schema with a [`kind`](Self::kind), several for `type: [string,
    /// integer]` or a `oneOf`/`anyOf` of variants of different kinds, and
    /// none when some variant does not say.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut out = self.visit(&mut Vec::new(), Vec::new(), Self::kinds_here);
        let mut seen = Vec::new();
        out.retain(|k| {
            let first = !seen.contains(k);
            seen.push(*k);
            first
        });
        out
    }

    /// `f` on this schema, unless it is already being looked at further up
    /// (`oneOf` variants that refer back to the schema) or the compositions
    /// nest deeper than any real document: then `cycle`, which says
    /// nothing, so a cyclic contract ends instead of overflowing the stack.
    fn visit<T>(
        &self,
        stack: &mut Vec<*const Value>,
        cycle: T,
        f: impl FnOnce(&Self, &mut Vec<*const Value>) -> T,
    ) -> T {
        let here: *const Value = self.value;
        if stack.contains(&here) || stack.len() >= MAX_HOPS {
            return cycle;
        }
        stack.push(here);
        let out = f(self, stack);
        stack.pop();
        out
    }

    fn kind_here(&self, stack: &mut Vec<*const Value>) -> Option<Kind> {
        for part in self.all_of() {
            if let Some(k) = part.visit(stack, None, Self::kind_here) {
                return Some(k);
            }
        }
        if let Some(variants) = self.valued_variants() {
            let kinds: Vec<_> = variants
                .iter()
                .map(|v| v.visit(stack, None, Self::kind_here))
                .collect();
            return match kinds.split_first() {
                Some((first @ Some(_), rest)) if rest.iter().all(|k| k == first) => *first,
                _ => None,
            };
        }
        let types = self.types();
        let mut named = types.iter().filter(|t| **t != "null");
        match (named.next(), named.next()) {
            (Some(t), None) => self.kind_named(t),
            _ => None,
        }
    }

    fn kinds_here(&self, stack: &mut Vec<*const Value>) -> Vec<Kind> {
        if let Some(k) = self.kind_here(stack) {
            return vec![k];
        }
        if self.all_of().next().is_some() {
            // Parts that say no kind between them: nothing to go on.
            return Vec::new();
        }
        let mut out = Vec::new();
        if let Some(variants) = self.valued_variants() {
            for variant in variants {
                let kinds = variant.visit(stack, Vec::new(), Self::kinds_here);
                if kinds.is_empty() {
                    return Vec::new();
                }
                out.extend(kinds);
            }
            return out;
        }
        for ty in self.types().into_iter().filter(|t| *t != "null") {
            match self.kind_named(ty) {
                Some(k) => out.push(k),
                None => return Vec::new(),
            }
        }
        out
    }

    /// The kind a `type` name stands for, here.
    fn kind_named(&self, ty: &str) -> Option<Kind> {
        Some(match ty {
            "string" if self.is_decimal() => Kind::Decimal,
            "string" => Kind::String,
            "integer" => Kind::Integer,
            "number" => Kind::Number,
            "boolean" => Kind::Boolean,
            "array" => Kind::Array,
            "object" => Kind::Object,
            _ => return None,
        })
    }

    /// This schema and its `allOf` parts, theirs included, parts before the
    /// schema they belong to (so a later one says more). Each is listed
    /// once; a part that contains itself, or parts nested deeper than 32,
    /// end the walk there instead of overflowing the stack, which in the
    /// macros would be the compiler's.
    pub fn composition(&self) -> Vec<Schema<'a>> {
        fn visit<'a>(
            schema: Schema<'a>,
            depth: usize,
            seen: &mut Vec<*const Value>,
            out: &mut Vec<Schema<'a>>,
        ) {
            let here: *const Value = schema.value;
            if seen.contains(&here) || depth > MAX_HOPS {
                return;
            }
            seen.push(here);
            for part in schema.all_of() {
                visit(part, depth + 1, seen, out);
            }
            out.push(schema);
        }
        let mut out = Vec::new();
        visit(*self, 0, &mut Vec::new(), &mut out);
        out
    }

    /// The properties, the schema's own and those of its `allOf` parts, in
    /// document order.
    pub fn properties(&self) -> Vec<(&'a str, Schema<'a>)> {
        let mut out: Vec<(&'a str, Schema<'a>)> = Vec::new();
        // A later part says more about a name than an earlier one (an
        // envelope's `data`, then the operation's own): the later wins.
        for schema in self.composition() {
            for (name, s) in schema
                .value
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let s = schema.child(s);
                match out.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = s,
                    None => out.push((name.as_str(), s)),
                }
            }
        }
        out
    }

    /// The property `name`, the schema's own or an `allOf` part's.
    pub fn property(&self, name: &str) -> Option<Schema<'a>> {
        self.composition().into_iter().rev().find_map(|schema| {
            schema
                .value
                .get("properties")
                .and_then(|p| p.get(name))
                .map(|p| schema.child(p))
        })
    }

    /// The property `name` as the document writes it, its `$ref` not
    /// followed (the schema's own or an `allOf` part's): what names the
    /// component a property stands for.
    pub fn raw_property(&self, name: &str) -> Option<&'a Value> {
        self.composition()
            .into_iter()
            .rev()
            .find_map(|schema| schema.value.get("properties").and_then(|p| p.get(name)))
    }

    /// Whether the schema lists properties, itself or through `allOf`.
    pub fn has_properties(&self) -> bool {
        self.value.get("properties").is_some()
            || self
                .composition()
                .iter()
                .any(|s| s.value.get("properties").is_some())
    }

    /// The required names, the schema's own and those of its `allOf` parts.
    pub fn required(&self) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        for schema in self.composition() {
            for name in schema
                .value
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// Whether an object may carry properties the schema does not list:
    /// `additionalProperties` true or a schema, no properties listed at all,
    /// or a `oneOf`/`anyOf` whose variants the listing does not cover.
    pub fn is_open(&self) -> bool {
        self.composition().iter().any(|schema| {
            let own = match schema.value.get("additionalProperties") {
                Some(Value::Bool(b)) => *b,
                Some(Value::Object(_)) => true,
                _ => false,
            };
            own || schema.variants().is_some()
        })
    }

    /// The schema of an array's items.
    pub fn items(&self) -> Option<Schema<'a>> {
        self.value.get("items").map(|v| self.child(v))
    }

    /// The allowed values, when the schema is an `enum` (or a `const`).
    pub fn enum_values(&self) -> Option<Vec<&'a Value>> {
        if let Some(values) = self.value.get("enum").and_then(Value::as_array) {
            return Some(values.iter().collect());
        }
        self.value.get("const").map(|v| vec![v])
    }

    /// The first of `examples` (or `example`), when given.
    pub fn example(&self) -> Option<&'a Value> {
        self.value
            .get("examples")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
            .or_else(|| self.value.get("example"))
    }

    /// `x-interlace-confidence` of the schema, when it has a known value.
    pub fn confidence(&self) -> Option<Confidence> {
        confidence_of(self.value)
    }

    /// `description`, when given.
    pub fn description(&self) -> Option<&'a str> {
        self.value.get("description").and_then(Value::as_str)
    }

    /// `minimum` and `maximum` of a number or integer, when given.
    pub fn bounds(&self) -> (Option<f64>, Option<f64>) {
        let bound = |k: &str| self.value.get(k).and_then(Value::as_f64);
        (bound("minimum"), bound("maximum"))
    }
}

pub(crate) fn confidence_of(value: &Value) -> Option<Confidence> {
    value
        .get("x-interlace-confidence")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
}

/// Follows `$ref`s within the document (`#/...` JSON pointers).
/// `pointer` in `root`, as `Value::pointer` finds it, without allocating
/// for tokens that need no unescaping (every `$ref` of a usual document):
/// resolving runs for every value a check walks.
fn lookup<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut at = root;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token: std::borrow::Cow<'_, str> = if token.contains('~') {
            token.replace("~1", "/").replace("~0", "~").into()
        } else {
            token.into()
        };
        at = match at {
            Value::Object(map) => map.get(token.as_ref())?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

pub(crate) fn resolve<'a>(root: &'a Value, mut value: &'a Value) -> &'a Value {
    for _ in 0..MAX_HOPS {
        let Some(target) = value.get("$ref").and_then(Value::as_str) else {
            return value;
        };
        match target.strip_prefix('#').and_then(|p| lookup(root, p)) {
            Some(next) => value = next,
            None => return &NULL,
        }
    }
    &NULL
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn kinds_through_refs_compositions_and_nulls() {
        let root = json!({
            "components": {"schemas": {
                "Money": {"type": "string", "format": "decimal"},
                "Loop": {"$ref": "#/components/schemas/Loop"}
            }},
            "a": {"$ref": "#/components/schemas/Money"},
            "b": {"type": ["integer", "null"]},
            "c": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "d": {"anyOf": [{"type": "string"}, {"type": "string", "format": "uuid"}]},
            "e": {"allOf": [{"$ref": "#/components/schemas/Money"}]},
            "f": {"$ref": "#/components/schemas/Loop"},
            "g": {"$ref": "#/nowhere"}
        });
        let kind = |k: &str| Schema::new(&root, &root[k]).kind();
        assert_eq!(kind("a"), Some(Kind::Decimal));
        assert_eq!(kind("b"), Some(Kind::Integer));
        assert_eq!(kind("c"), None);
        assert_eq!(kind("d"), Some(Kind::String));
        assert_eq!(kind("e"), Some(Kind::Decimal));
        assert_eq!(kind("f"), None, "a cycle ends");
        assert!(Schema::new(&root, &root["g"]).raw().is_null());
        assert!(Schema::new(&root, &root["b"]).is_nullable());
    }

    #[test]
    fn several_kinds() {
        let root = json!({
            "components": {"schemas": {
                "File": {"type": "object"},
                "Self": {"oneOf": [{"$ref": "#/components/schemas/Self"}, {"type": "string"}]}
            }},
            "one": {"type": ["integer", "null"]},
            "two": {"type": ["string", "integer"]},
            "either": {"oneOf": [{"type": "array"}, {"$ref": "#/components/schemas/File"}]},
            "repeated": {"anyOf": [{"type": "string"}, {"type": ["string", "integer"]}]},
            "vague": {"oneOf": [{"type": "string"}, {"description": "anything"}]},
            "cycle": {"$ref": "#/components/schemas/Self"}
        });
        let kinds = |k: &str| Schema::new(&root, &root[k]).kinds();
        assert_eq!(kinds("one"), [Kind::Integer]);
        assert_eq!(kinds("two"), [Kind::String, Kind::Integer]);
        assert_eq!(kinds("either"), [Kind::Array, Kind::Object]);
        assert_eq!(kinds("repeated"), [Kind::String, Kind::Integer]);
        assert_eq!(kinds("vague"), []);
        assert_eq!(kinds("cycle"), [], "a cycle ends, and says nothing");
    }

    #[test]
    fn properties_and_required_merge_all_of() {
        let root = json!({
            "base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "x": {"allOf": [{"$ref": "#/base"}, {"type": "object", "required": ["name"],
                  "properties": {"name": {"type": "string"}, "id": {"type": "integer"}}}]}
        });
        let x = Schema::new(&root, &root["x"]);
        let names: Vec<_> = x.properties().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["id", "name"]);
        assert_eq!(x.required(), ["id", "name"]);
        // The later part says more.
        assert_eq!(x.property("id").and_then(|p| p.kind()), Some(Kind::Integer));
        assert_eq!(x.properties()[0].1.kind(), Some(Kind::Integer));
        assert!(!x.is_open());
    }
}
