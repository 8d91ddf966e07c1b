//! An OpenAPI 3.0/3.1 document read into its operations, with schema
//! views for everything else.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::operation::{Field, Location, Operation};
use crate::schema::{Schema, confidence_of, resolve};
use crate::{Confidence, PathTemplate, PathValues};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// An OpenAPI document: its operations, indexed once, and its schemas.
///
/// ```
/// let doc = interlace_contract::bundled();
/// let op = doc.operation("POST", "/open-api/v3/prepaid-card").unwrap();
/// assert_eq!(op.id, "createPrepaidCard");
/// let amount = op.field("amount", interlace_contract::Location::Body).unwrap();
/// assert_eq!(amount.kind, Some(interlace_contract::Kind::Decimal));
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    root: Value,
    operations: Vec<Operation>,
}

impl Document {
    /// Reads `text` as an OpenAPI document. It must be JSON with a `paths`
    /// object; what else it holds is read leniently (a parameter without a
    /// name is skipped), because a document is checked by
    /// [`Document::problems`], not refused for its first flaw.
    pub fn parse(text: &str) -> Result<Self, String> {
        let root: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        Self::from_value(root)
    }

    /// As [`Document::parse`], from JSON already read.
    pub fn from_value(root: Value) -> Result<Self, String> {
        let Some(paths) = root.get("paths").and_then(Value::as_object) else {
            return Err("no `paths` object: not an OpenAPI document".into());
        };
        let mut operations = Vec::new();
        for (path, item) in paths {
            let item = resolve(&root, item);
            let shared = item.get("parameters");
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                operations.push(read_operation(&root, method, path, op, shared));
            }
        }
        Ok(Self { root, operations })
    }

    /// The document as JSON.
    pub fn root(&self) -> &Value {
        &self.root
    }

    /// Every operation, in document order.
    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// The operation `operationId`.
    pub fn operation_by_id(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.id == id)
    }

    /// The operation of `method` on the template `path`, whatever its
    /// placeholders are called.
    pub fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        let shape = crate::shape(path);
        self.operations
            .iter()
            .find(|o| o.method.eq_ignore_ascii_case(method) && o.path.shape() == shape)
    }

    /// The operations on the template `path`, with any method.
    pub fn operations_at(&self, path: &str) -> impl Iterator<Item = &Operation> {
        let shape = crate::shape(path);
        self.operations
            .iter()
            .filter(move |o| o.path.shape() == shape)
    }

    /// The operation a request for the concrete `path` belongs to, with its
    /// placeholders' values. Literal segments win over placeholders, so
    /// `/cards/wallets` is not read as the card `wallets`.
    pub fn route(&self, method: &str, path: &str) -> Option<(&Operation, PathValues)> {
        let mut best: Option<(&Operation, PathValues, usize)> = None;
        for op in self.operations.iter().filter(|o| o.method == method) {
            if let Some((values, literals)) = op.path.capture(path)
                && best.as_ref().is_none_or(|(_, _, l)| literals > *l)
            {
                best = Some((op, values, literals));
            }
        }
        best.map(|(op, values, _)| (op, values))
    }

    /// `value` (a schema of this document, or a `$ref`) seen through its refs.
    pub fn schema<'a>(&'a self, value: &'a Value) -> Schema<'a> {
        Schema::new(&self.root, value)
    }

    /// The schema component `name` (`#/components/schemas/<name>`).
    pub fn component(&self, name: &str) -> Option<Schema<'_>> {
        self.root
            .pointer("/components/schemas")
            .and_then(|s| s.get(name))
            .map(|v| self.schema(v))
    }

    /// The names of the schema components.
    pub fn component_names(&self) -> impl Iterator<Item = &str> {
        self.root
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, _)| k.as_str())
    }

    /// The request body schema of `op`.
    pub fn body<'a>(&'a self, op: &'a Operation) -> Option<Schema<'a>> {
        op.body.as_ref().map(|v| self.schema(v))
    }

    /// The schema of the 200 answer of `op` (the whole envelope).
    pub fn response<'a>(&'a self, op: &'a Operation) -> Option<Schema<'a>> {
        op.response.as_ref().map(|v| self.schema(v))
    }

    /// The webhooks: the requests the API makes to your server.
    pub fn webhooks(&self) -> Vec<crate::Webhook<'_>> {
        crate::webhook::read(&self.root)
    }

    /// The schema of the envelope's `data` in a success answer of `op`.
    /// The contract allows `null` there too, for a business error's
    /// answer (`anyOf` the success schema and `{"type": "null"}`); this is
    /// the success schema without that alternative.
    pub fn data<'a>(&'a self, op: &'a Operation) -> Option<Schema<'a>> {
        Some(self.response(op)?.property("data")?.without_null())
    }

    /// The name of the `components/schemas` entry `value` stands for (through
    /// `$ref`s, an `allOf` of one part, or a `oneOf`/`anyOf` of it and
    /// `null`), when that entry lists properties: a schema a model declared
    /// with `#[interlace_model("Name")]` stands for.
    pub fn model_name<'a>(&'a self, value: &'a Value) -> Option<&'a str> {
        let null = serde_json::json!({"type": "null"});
        let mut value = value;
        let mut name = None;
        for _ in 0..crate::schema::MAX_HOPS {
            if let Some(target) = value.get("$ref").and_then(Value::as_str) {
                let n = target.strip_prefix("#/components/schemas/")?;
                name = Some(n);
                value = self.root.get("components")?.get("schemas")?.get(n)?;
                continue;
            }
            if let Some([one]) = value
                .get("allOf")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
            {
                value = one;
                continue;
            }
            let variants = value
                .get("anyOf")
                .or_else(|| value.get("oneOf"))
                .and_then(Value::as_array);
            if let Some(variants) = variants {
                let valued: Vec<&Value> = variants.iter().filter(|v| **v != null).collect();
                if let [one] = valued[..] {
                    value = one;
                    continue;
                }
            }
            break;
        }
        let name = name?;
        self.component(name)?.has_properties().then_some(name)
    }

    /// The schema of `op`'s `multipart/form-data` body, when it takes one:
    /// its parts as properties (a file part is a string of binary content).
    pub fn multipart_body<'a>(&'a self, op: &Operation) -> Option<Schema<'a>> {
        let schema = self
            .request_body(op)?
            .pointer("/content/multipart~1form-data/schema")?;
        Some(self.schema(schema))
    }

    /// Whether `op`'s request body is `required`.
    pub fn body_required(&self, op: &Operation) -> bool {
        self.request_body(op)
            .and_then(|body| body.get("required"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The HTTP statuses the contract lists for `op` (`"200"`, `"401"`, …).
    pub fn statuses(&self, op: &Operation) -> Vec<&str> {
        self.written(op)
            .and_then(|raw| raw.get("responses"))
            .and_then(Value::as_object)
            .map(|r| r.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// `op` as the document writes it.
    fn written(&self, op: &Operation) -> Option<&Value> {
        let at = format!(
            "/paths/{}/{}",
            escape(op.path.as_str()),
            op.method.to_ascii_lowercase()
        );
        self.root.pointer(&at)
    }

    /// `op`'s `requestBody`, its `$ref` followed.
    fn request_body(&self, op: &Operation) -> Option<&Value> {
        let body = self.written(op)?.get("requestBody")?;
        Some(resolve(&self.root, body))
    }

    /// Everything that makes this document unfit as a contract of the
    /// toolkit: a `$ref` to nothing, an operation without a unique
    /// `operationId`, a summary or a known confidence, path placeholders
    /// and path parameters that disagree. Empty when it is fit.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        unresolved_refs(&self.root, &self.root, "#", &mut out);
        let mut ids = BTreeSet::new();
        for op in &self.operations {
            let at = format!("{} {}", op.method, op.path.as_str());
            let raw = self.written(op).unwrap_or(&Value::Null);
            match raw.get("operationId").and_then(Value::as_str) {
                Some(id) if !ids.insert(id) => out.push(format!("{at}: operationId `{id}` twice")),
                Some(_) => {}
                None => out.push(format!("{at}: no operationId")),
            }
            if op.summary.as_deref().is_none_or(str::is_empty) {
                out.push(format!("{at}: no summary"));
            }
            if op.confidence.is_none() {
                out.push(format!(
                    "{at}: x-interlace-confidence is {:?}, expected one of {}",
                    raw.get("x-interlace-confidence"),
                    Confidence::ALL.map(Confidence::as_str).join(", ")
                ));
            }
            let in_path: BTreeSet<&str> = op
                .fields_at(Location::Path)
                .map(|f| f.name.as_str())
                .collect();
            let template: BTreeSet<&str> = op.path.placeholders().collect();
            if in_path != template {
                out.push(format!(
                    "{at}: path parameters {in_path:?}, template {template:?}"
                ));
            }
            let responses = raw.get("responses").and_then(Value::as_object);
            if responses.is_none_or(|r| r.is_empty()) {
                out.push(format!("{at}: no responses"));
            }
        }
        if self.operations.is_empty() {
            out.push("no operations".into());
        }
        out
    }
}

fn read_operation(
    root: &Value,
    method: &str,
    path: &str,
    op: &Value,
    shared: Option<&Value>,
) -> Operation {
    let text = |key: &str| op.get(key).and_then(Value::as_str).map(str::to_string);
    let mut fields: Vec<Field> = Vec::new();
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
        let p = resolve(root, p);
        let location = match p.get("in").and_then(Value::as_str) {
            Some("path") => Location::Path,
            Some("query") => Location::Query,
            Some("header") => Location::Header,
            _ => continue,
        };
        let Some(name) = p.get("name").and_then(Value::as_str) else {
            continue;
        };
        let schema = p.get("schema").cloned().unwrap_or(Value::Null);
        let field = Field {
            name: name.to_string(),
            location,
            required: location == Location::Path
                || p.get("required").and_then(Value::as_bool).unwrap_or(false),
            kind: Schema::new(root, &schema).kind(),
            confidence: confidence_of(p).or_else(|| Schema::new(root, &schema).confidence()),
            schema,
        };
        // An operation's parameter overrides the path item's of the same
        // name and location.
        match fields
            .iter_mut()
            .find(|f| f.location == location && f.name == field.name)
        {
            Some(existing) => *existing = field,
            None => fields.push(field),
        }
    }
    let request_body = op.get("requestBody").map(|b| resolve(root, b));
    let body_types = request_body
        .and_then(|b| b.get("content"))
        .and_then(Value::as_object)
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default();
    let body_object = request_body.and_then(|b| b.pointer("/content/application~1json/schema"));
    let mut open_body = false;
    if let Some(value) = body_object {
        let schema = Schema::new(root, value);
        open_body = schema.is_open();
        let required = schema.required();
        for (name, property) in schema.properties() {
            fields.push(Field {
                name: name.to_string(),
                location: Location::Body,
                required: required.contains(&name),
                kind: property.kind(),
                confidence: property.confidence(),
                schema: property.raw().clone(),
            });
        }
        for name in required {
            if !fields
                .iter()
                .any(|f| f.location == Location::Body && f.name == name)
            {
                fields.push(Field {
                    name: name.to_string(),
                    location: Location::Body,
                    required: true,
                    kind: None,
                    confidence: None,
                    schema: Value::Null,
                });
            }
        }
    }
    Operation {
        method: method.to_ascii_uppercase(),
        path: PathTemplate::new(path),
        id: text("operationId")
            .unwrap_or_else(|| format!("{} {path}", method.to_ascii_uppercase())),
        summary: text("summary"),
        tags: op
            .get("tags")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        confidence: confidence_of(op),
        docs: op
            .pointer("/externalDocs/url")
            .and_then(Value::as_str)
            .map(str::to_string),
        fields,
        open_body,
        body_types,
        body: body_object.cloned(),
        response: op
            .get("responses")
            .and_then(|r| r.get("200"))
            .map(|r| resolve(root, r))
            .and_then(|r| r.pointer("/content/application~1json/schema"))
            .cloned(),
    }
}

/// Every `$ref` of `v` that points at nothing in `root`.
fn unresolved_refs(root: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref")
                && target
                    .strip_prefix('#')
                    .and_then(|p| root.pointer(p))
                    .is_none()
            {
                out.push(format!("{at}: `$ref` {target} resolves to nothing"));
            }
            for (k, child) in map {
                unresolved_refs(root, child, &format!("{at}/{}", escape(k)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                unresolved_refs(root, child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// JSON-pointer escaping of one reference token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    #[test]
    fn a_required_name_without_a_schema_is_still_required() {
        let c = Document::parse(
            r#"{"paths": {"/pets": {"post": {"operationId": "createPet", "requestBody": {"content": {
                "application/json": {"schema": {"type": "object", "required": ["name", "tag"],
                "properties": {"name": {"type": "string"}}}}}}}}}}"#,
        )
        .unwrap();
        let tag = c.operations()[0].field("tag", Location::Body).unwrap();
        assert_eq!((tag.required, tag.kind), (true, None));
        let name = c.operations()[0].field("name", Location::Body).unwrap();
        assert_eq!((name.required, name.kind), (true, Some(Kind::String)));
    }

    #[test]
    fn an_operation_parameter_overrides_the_path_items() {
        let c = Document::parse(
            r#"{"paths": {"/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                "get": {"parameters": [{"name": "id", "in": "path", "schema": {"type": "integer"}}]}}}}"#,
        )
        .unwrap();
        let op = &c.operations()[0];
        assert_eq!(op.id, "GET /pets/{id}");
        assert_eq!(op.fields.len(), 1);
        assert_eq!(op.fields[0].kind, Some(Kind::Integer));
    }

    #[test]
    fn not_an_openapi_document_is_refused() {
        assert!(Document::parse("{").unwrap_err().starts_with("not JSON"));
        assert!(Document::parse("{}").unwrap_err().contains("paths"));
    }
}
