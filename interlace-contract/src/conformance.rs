//! A JSON value compared with its schema, reporting everything that
//! differs (not only the first difference) with a JSON pointer to it: what
//! a validating proxy and a client-side check need to tell a contract that
//! guesses from one that is wrong.
//!
//! Hand-written on the reader's schema views rather than a general JSON
//! Schema validator: the contract uses a small subset of JSON Schema
//! (`type`, `format: decimal`, `enum`/`const`, `properties`, `required`,
//! `items`, `allOf`/`oneOf`/`anyOf`, `$ref`), a finding must carry the
//! confidence of the fact it concerns (`x-interlace-confidence`, which no
//! validator knows), and an undocumented field is evidence to record, not
//! an error.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value;

use crate::{Confidence, Schema};

/// Deeper than any answer of the API; stops a schema that refers to itself.
const MAX_DEPTH: usize = 32;

/// What kind of difference, or of evidence, a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FindingKind {
    /// A field the schema does not list.
    UndocumentedField,
    /// A required field that is absent.
    MissingRequired,
    /// A value of another JSON kind (`null` where the schema does not allow
    /// it included), or money that is not a decimal string.
    WrongType,
    /// A value outside the schema's `enum`.
    UnknownEnumValue,
    /// A field the contract only guesses, present and of the right kind.
    GuessConfirmed,
}

impl FindingKind {
    /// The name used in reports: `undocumented-field`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UndocumentedField => "undocumented-field",
            Self::MissingRequired => "missing-required",
            Self::WrongType => "wrong-type",
            Self::UnknownEnumValue => "unknown-enum-value",
            Self::GuessConfirmed => "guess-confirmed",
        }
    }

    /// Whether it contradicts the contract (an undocumented field adds to
    /// it, a confirmed guess supports it).
    pub fn contradicts(self) -> bool {
        matches!(
            self,
            Self::MissingRequired | Self::WrongType | Self::UnknownEnumValue
        )
    }
}

/// One difference between a value and its schema, or one piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it is.
    pub kind: FindingKind,
    /// JSON pointer into the value (`/data/list/0/status`).
    pub pointer: String,
    /// What the schema says (`integer`, `one of ACTIVE, FROZEN`, …).
    pub expected: String,
    /// What the value has (`string`, `"LOST"`, `absent`, …).
    pub actual: String,
    /// `x-interlace-confidence` of the field concerned, when it has one.
    pub confidence: Option<Confidence>,
}

/// Compares `value` with `schema`; `at` is the pointer of `value` itself
/// (`""` for a whole body, `"/data"` for an envelope's data).
///
/// ```
/// use interlace_contract::{FindingKind, bundled, check};
///
/// let contract = bundled();
/// let op = contract.operation("GET", "/open-api/v3/cards/{cardId}/card-summary").unwrap();
/// let data = contract.data(op).unwrap();
/// let findings = check(data, &serde_json::json!({"cardId": 7}), "/data");
/// assert!(findings.iter().any(|f| f.kind == FindingKind::WrongType && f.pointer == "/data/cardId"));
/// ```
pub fn check(schema: Schema<'_>, value: &Value, at: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    walk(
        schema,
        value,
        &At::Root(at),
        None,
        0,
        &mut Memo::default(),
        &mut out,
    );
    out
}

/// Where the walk is, as the steps that led there: a pointer is written
/// out only for a finding, not for every value walked.
#[derive(Clone, Copy)]
enum At<'a> {
    Root(&'a str),
    Field(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The JSON pointer, escaped as RFC 6901 says, written in one string.
    fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Self::Root(at) => out.push_str(at),
            Self::Field(parent, name) => {
                parent.write(out);
                out.push('/');
                for c in name.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Self::Index(parent, i) => {
                parent.write(out);
                out.push('/');
                let _ = std::fmt::Write::write_fmt(out, format_args!("{i}"));
            }
        }
    }
}

/// What one check has already gathered of an object schema: a list's
/// items share their schema, so its properties and required names are
/// gathered (and their `$ref`s followed) once per check, not once per item.
#[derive(Default)]
struct Memo<'a> {
    objects: HashMap<*const Value, Rc<Object<'a>>>,
}

struct Object<'a> {
    properties: Vec<(&'a str, Schema<'a>)>,
    required: Vec<&'a str>,
}

impl<'a> Memo<'a> {
    fn object(&mut self, schema: Schema<'a>) -> Rc<Object<'a>> {
        self.objects
            .entry(std::ptr::from_ref(schema.raw()))
            .or_insert_with(|| {
                Rc::new(Object {
                    properties: schema.properties(),
                    required: schema.required(),
                })
            })
            .clone()
    }
}

#[allow(clippy::too_many_arguments)]
fn walk<'a>(
    schema: Schema<'a>,
    value: &Value,
    at: &At<'_>,
    confidence: Option<Confidence>,
    depth: usize,
    memo: &mut Memo<'a>,
    out: &mut Vec<Finding>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let confidence = schema.confidence().or(confidence);
    let finding = |kind, expected: String, actual: String| Finding {
        kind,
        pointer: at.pointer(),
        expected,
        actual,
        confidence,
    };
    if value.is_null() {
        // A null where the contract promises a value is how an API most
        // often drifts, and a non-`Option` field then fails to decode.
        if !allows_null(schema, depth) {
            out.push(finding(
                FindingKind::WrongType,
                describe(&schema),
                "null".to_owned(),
            ));
        }
        return;
    }
    if let Some(variants) = schema.variants() {
        let fits = variants.iter().any(|v| {
            let mut inner = Vec::new();
            walk(*v, value, at, confidence, depth + 1, memo, &mut inner);
            !inner.iter().any(|f| f.kind.contradicts())
        });
        if !fits {
            let shapes: Vec<String> = variants.iter().map(describe).collect();
            out.push(finding(
                FindingKind::WrongType,
                format!("one of {}", shapes.join(", ")),
                kind_of(value).to_owned(),
            ));
            return;
        }
    }
    let types = merged_types(schema);
    if !types.is_empty() && !types.iter().any(|t| fits(t, value)) {
        out.push(finding(
            FindingKind::WrongType,
            describe(&schema),
            kind_of(value).to_owned(),
        ));
        return;
    }
    if is_decimal(schema)
        && let Some(text) = value.as_str()
        && !decimal(text)
    {
        out.push(finding(
            FindingKind::WrongType,
            "decimal string".into(),
            format!("{value}"),
        ));
        return;
    }
    if let Some(text) = value.as_str()
        && let Some(expected) = length_rule(schema, text)
    {
        out.push(finding(
            FindingKind::WrongType,
            expected,
            format!("{} characters", text.chars().count()),
        ));
        return;
    }
    if let Some(allowed) = merged_enum(schema)
        && !allowed.contains(&value)
    {
        let listed: Vec<String> = allowed.iter().map(|v| v.to_string()).collect();
        out.push(finding(
            FindingKind::UnknownEnumValue,
            format!("one of {}", listed.join(", ")),
            value.to_string(),
        ));
        return;
    }
    if let Some(map) = value.as_object() {
        let object = memo.object(schema);
        let props = &object.properties;
        for &name in &object.required {
            if map.get(name).is_none() {
                let prop = props.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
                out.push(Finding {
                    kind: FindingKind::MissingRequired,
                    pointer: At::Field(at, name).pointer(),
                    expected: prop.map_or_else(|| "present".into(), |s| describe(&s)),
                    actual: "absent".into(),
                    confidence: prop.and_then(|s| s.confidence()).or(confidence),
                });
            }
        }
        for (name, v) in map {
            let here = At::Field(at, name);
            match props.iter().find(|(n, _)| n == name) {
                Some((_, prop)) => {
                    let before = out.len();
                    walk(*prop, v, &here, confidence, depth + 1, memo, out);
                    let clean = out[before..].iter().all(|f| !f.kind.contradicts());
                    if clean
                        && !v.is_null()
                        && let Some(guess) = prop.confidence().filter(|c| c.is_guess())
                    {
                        out.push(Finding {
                            kind: FindingKind::GuessConfirmed,
                            pointer: here.pointer(),
                            expected: describe(prop),
                            actual: kind_of(v).to_owned(),
                            confidence: Some(guess),
                        });
                    }
                }
                None => out.push(Finding {
                    kind: FindingKind::UndocumentedField,
                    pointer: here.pointer(),
                    expected: "not listed".into(),
                    actual: kind_of(v).to_owned(),
                    confidence,
                }),
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.items(), value.as_array()) {
        for (i, item) in list.iter().enumerate() {
            walk(
                items,
                item,
                &At::Index(at, i),
                confidence,
                depth + 1,
                memo,
                out,
            );
        }
    }
}

/// What `minLength`/`maxLength` want, when `text` breaks them.
pub(crate) fn length_rule(schema: Schema<'_>, text: &str) -> Option<String> {
    let length = text.chars().count() as u64;
    let least = schema.get("minLength").and_then(Value::as_u64);
    let most = schema.get("maxLength").and_then(Value::as_u64);
    match (least, most) {
        (Some(l), _) if length < l => Some(format!("string of at least {l} characters")),
        (_, Some(m)) if length > m => Some(format!("string of at most {m} characters")),
        _ => None,
    }
}

/// Whether `null` passes `schema`: its types (its own or its `allOf`
/// parts') include `null` or name none, its `enum` (if any) lists `null`,
/// and one of its `oneOf`/`anyOf` variants (if any) takes it; or it says
/// `nullable: true` (OpenAPI 3.0).
fn allows_null(schema: Schema<'_>, depth: usize) -> bool {
    if schema.is_nullable()
        || parts(schema).is_some_and(|parts| parts.iter().any(Schema::is_nullable))
    {
        return true;
    }
    let types = merged_types(schema);
    if !types.is_empty() && !types.contains(&"null") {
        return false;
    }
    if merged_enum(schema).is_some_and(|values| !values.contains(&&Value::Null)) {
        return false;
    }
    match schema.variants() {
        Some(variants) if depth < MAX_DEPTH => {
            variants.into_iter().any(|v| allows_null(v, depth + 1))
        }
        _ => true,
    }
}

/// The JSON types of the schema, or else of the first of its `allOf`
/// parts that names any.
fn merged_types<'a>(schema: Schema<'a>) -> Vec<&'a str> {
    let own = schema.types();
    if !own.is_empty() || schema.get("allOf").is_none() {
        return own;
    }
    schema
        .composition()
        .iter()
        .map(Schema::types)
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

fn merged_enum<'a>(schema: Schema<'a>) -> Option<Vec<&'a Value>> {
    schema
        .enum_values()
        .or_else(|| parts(schema).and_then(|parts| parts.iter().find_map(Schema::enum_values)))
}

/// The schema and its `allOf` parts, when it has any: most schemas have
/// none, and the walk runs for every value, so it is not asked for then.
fn parts(schema: Schema<'_>) -> Option<Vec<Schema<'_>>> {
    schema.get("allOf").map(|_| schema.composition())
}

fn is_decimal(schema: Schema<'_>) -> bool {
    schema.is_decimal() || parts(schema).is_some_and(|parts| parts.iter().any(Schema::is_decimal))
}

/// What a schema wants, in a few words.
pub(crate) fn describe(schema: &Schema<'_>) -> String {
    if is_decimal(*schema) {
        return "decimal string".into();
    }
    if let Some(values) = merged_enum(*schema) {
        let listed: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        return format!("one of {}", listed.join(", "));
    }
    let types = merged_types(*schema);
    if types.is_empty() {
        return "any".into();
    }
    types.join(" or ")
}

/// Whether `value` is of the JSON type `ty` (`"integer"`, …); an unknown
/// type name allows anything.
pub fn fits(ty: &str, value: &Value) -> bool {
    match ty {
        "string" => value.is_string(),
        // JSON Schema's integer: any number without a fraction (`2.0`, `1e3`).
        "integer" => {
            value.is_i64()
                || value.is_u64()
                || value
                    .as_f64()
                    .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
        }
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

/// The JSON kind of a value, as a report names it.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether `s` is a decimal string as the API writes money: digits, an
/// optional `-` and an optional fraction (`"10"`, `"-0.50"`).
pub fn decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !frac.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use serde_json::json;

    fn doc() -> Document {
        Document::parse(
            &json!({
                "openapi": "3.1.0", "paths": {},
                "components": {"schemas": {
                    "Money": {"type": "string", "format": "decimal"},
                    "Status": {"type": "string", "enum": ["ACTIVE", "FROZEN"]},
                    "Card": {"type": "object", "required": ["id", "amount"], "properties": {
                        "id": {"type": "string"},
                        "amount": {"$ref": "#/components/schemas/Money"},
                        "status": {"$ref": "#/components/schemas/Status"},
                        "tier": {"type": "integer", "x-interlace-confidence": "name-only"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "label": {"type": ["string", "null"]},
                        "budgetId": {"oneOf": [{"type": "string"}, {"type": "null"}]},
                        "note": {"type": "string", "nullable": true},
                        "anything": {}
                    }}
                }}
            })
            .to_string(),
        )
        .unwrap()
    }

    fn kinds(findings: &[Finding]) -> Vec<(FindingKind, &str)> {
        findings
            .iter()
            .map(|f| (f.kind, f.pointer.as_str()))
            .collect()
    }

    #[test]
    fn every_difference_is_reported_with_its_pointer() {
        let doc = doc();
        let card = doc.component("Card").unwrap();
        let value = json!({"id": 7, "status": "LOST", "extra": true, "tags": ["a", 2]});
        let findings = check(card, &value, "/data");
        assert_eq!(
            kinds(&findings),
            [
                (FindingKind::MissingRequired, "/data/amount"),
                (FindingKind::UndocumentedField, "/data/extra"),
                (FindingKind::WrongType, "/data/id"),
                (FindingKind::UnknownEnumValue, "/data/status"),
                (FindingKind::WrongType, "/data/tags/1"),
            ]
        );
        assert_eq!(findings[2].expected, "string");
        assert_eq!(findings[2].actual, "integer");
    }

    #[test]
    fn a_null_is_a_finding_where_the_contract_does_not_allow_it() {
        let doc = doc();
        let card = doc.component("Card").unwrap();
        let value = json!({
            "id": null, "amount": "1.00", "status": null, "tags": [null],
            "label": null, "budgetId": null, "note": null, "anything": null
        });
        let findings = check(card, &value, "");
        assert_eq!(
            kinds(&findings),
            [
                (FindingKind::WrongType, "/id"),
                (FindingKind::WrongType, "/status"),
                (FindingKind::WrongType, "/tags/0"),
            ]
        );
        assert_eq!(
            (findings[0].expected.as_str(), findings[0].actual.as_str()),
            ("string", "null")
        );
        // Absent is still missing; a nullable field's value is still checked.
        let findings = check(card, &json!({"amount": "1.00", "label": 7}), "");
        assert_eq!(
            kinds(&findings),
            [
                (FindingKind::MissingRequired, "/id"),
                (FindingKind::WrongType, "/label")
            ]
        );
    }

    #[test]
    fn decimals_are_digits_with_an_optional_sign_and_fraction() {
        assert!(decimal("10.00") && decimal("3") && decimal("-0.50"));
        assert!(!decimal("1e3") && !decimal(".") && !decimal("1.") && !decimal(""));
    }

    #[test]
    fn a_valid_value_has_no_finding_and_a_seen_guess_is_evidence() {
        let doc = doc();
        let card = doc.component("Card").unwrap();
        let value = json!({"id": "c-1", "amount": "10.00", "status": "FROZEN", "tier": 2});
        let findings = check(card, &value, "");
        assert_eq!(kinds(&findings), [(FindingKind::GuessConfirmed, "/tier")]);
        assert_eq!(findings[0].confidence, Some(Confidence::NameOnly));
        assert!(
            check(card, &json!({"id": "c", "amount": "1.5x"}), "")[0].kind
                == FindingKind::WrongType
        );
    }
}
