//! Property tests of the contract reader on documents nobody should write:
//! `$ref` cycles, dangling `$ref`s, refs to refs, composed schemas that
//! contain themselves, deep and huge documents. This is the code the
//! macros run in the compiler for `contract = "…"`, and the proxy and the
//! client's contract check run on answers: every document gives a clear
//! error or a document, every walk ends, and nothing panics or overflows
//! the stack.

use interlace_contract::{Document, Schema, check};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Names the generated schemas use; some are never defined, so refs to
/// them dangle.
const NAMES: [&str; 6] = ["A", "B", "C", "D", "Missing", "Self"];

fn reference() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(&NAMES[..])
            .prop_map(|n| json!({"$ref": format!("#/components/schemas/{n}")})),
        Just(json!({"$ref": "#/components/schemas"})),
        Just(json!({"$ref": "#/paths"})),
        Just(json!({"$ref": "#"})),
        Just(json!({"$ref": "other.json#/x"})),
        Just(json!({"$ref": "#/components/schemas/A/properties/a"})),
        Just(json!({"$ref": 7})),
    ]
}

fn schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        reference(),
        prop::sample::select(
            &[
                "string", "integer", "number", "boolean", "null", "object", "array", "nonsense"
            ][..]
        )
        .prop_map(|t| json!({"type": t})),
        Just(json!({"type": ["string", "null"]})),
        Just(json!({"enum": ["A", 1, null]})),
        Just(json!({"type": "string", "format": "decimal"})),
        Just(json!(true)),
        Just(json!({})),
        Just(json!(null)),
        Just(json!([1, 2])),
    ];
    leaf.prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            prop::collection::btree_map("[a-c]", inner.clone(), 0..4).prop_map(|props| {
                json!({"type": "object", "properties": props, "required": ["a", "zz"]})
            }),
            inner
                .clone()
                .prop_map(|items| json!({"type": "array", "items": items})),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|all| json!({"allOf": all})),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|one| json!({"oneOf": one})),
            prop::collection::vec(inner, 0..3)
                .prop_map(|any| json!({"anyOf": any, "nullable": true})),
        ]
    })
}

fn document() -> impl Strategy<Value = Value> {
    (
        prop::collection::btree_map(prop::sample::select(&NAMES[..4]), schema(), 0..5),
        schema(),
        schema(),
    )
        .prop_map(|(mut components, answer, body)| {
            // A schema that is nothing but a ref to itself.
            components.insert("Self", json!({"$ref": "#/components/schemas/Self"}));
            json!({
                "openapi": "3.1.0",
                "paths": {
                    "/items/{id}": {
                        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/A"}}],
                        "get": {
                            "operationId": "getItem",
                            "parameters": [{"$ref": "#/components/parameters/Missing"}, {"in": "query"}],
                            "responses": {"200": {"content": {"application/json": {"schema": {
                                "type": "object",
                                "properties": {"code": {"type": "string"}, "data": answer}
                            }}}}}
                        },
                        "post": {
                            "requestBody": {"content": {"application/json": {"schema": body}}},
                            "responses": {"200": {"$ref": "#/components/responses/Missing"}}
                        }
                    },
                    "/loop": {"$ref": "#/paths/~1loop"}
                },
                "components": {"schemas": components}
            })
        })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-c0-9.]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-c]", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every view of `schema`, down to `depth` levels: what the macros and the
/// checks ask of a schema.
fn walk(schema: Schema<'_>, depth: usize) {
    let _ = (
        schema.kind(),
        schema.kinds(),
        schema.types(),
        schema.required(),
    );
    let _ = (
        schema.is_open(),
        schema.is_nullable(),
        schema.enum_values(),
        schema.confidence(),
    );
    if depth == 0 {
        return;
    }
    for (_, property) in schema.properties() {
        walk(property, depth - 1);
    }
    if let Some(items) = schema.items() {
        walk(items, depth - 1);
    }
    for part in schema.all_of() {
        walk(part, depth - 1);
    }
    for variant in schema.variants().unwrap_or_default() {
        walk(variant, depth - 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_document_reads_and_every_walk_and_check_ends(doc in document(), value in json_value()) {
        let document = Document::from_value(doc).expect("it has `paths`");
        let _ = document.problems();
        for op in document.operations() {
            for schema in [document.data(op), document.body(op), document.response(op)].into_iter().flatten() {
                walk(schema, 6);
                let _ = check(schema, &value, "/data");
            }
        }
        for name in document.component_names().map(str::to_owned).collect::<Vec<_>>() {
            if let Some(schema) = document.component(&name) {
                walk(schema, 6);
                let _ = check(schema, &value, "");
            }
        }
        let _ = document.route("GET", "/items/x%2Fy");
        let _ = document.route("POST", "/items/");
    }

    #[test]
    fn any_text_is_a_document_or_a_clear_error(text in ".{0,300}") {
        if let Err(message) = Document::parse(&text) {
            prop_assert!(!message.is_empty());
        }
    }
}

#[test]
fn a_long_chain_of_refs_and_a_deep_document_end_in_an_answer() {
    // 10,000 schemas, each a ref to the next, the last one dangling.
    let mut schemas = serde_json::Map::new();
    for i in 0..10_000 {
        schemas.insert(
            format!("S{i}"),
            json!({"$ref": format!("#/components/schemas/S{}", i + 1)}),
        );
    }
    let doc = json!({
        "paths": {"/x": {"get": {"responses": {"200": {"content": {"application/json": {
            "schema": {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/S0"}}}
        }}}}}}},
        "components": {"schemas": schemas}
    });
    let document = Document::from_value(doc).unwrap();
    let op = &document.operations()[0];
    let data = document.data(op).unwrap();
    walk(data, 6);
    let _ = check(data, &json!({"a": [1, 2, {"b": null}]}), "/data");

    // 100,000 nested objects: not JSON serde will build, and it says so.
    let deep = format!(
        r#"{{"paths":{}{}}}"#,
        r#"{"a":"#.repeat(100_000),
        "}".repeat(100_000)
    );
    let error = Document::parse(&deep).unwrap_err();
    assert!(error.contains("recursion limit"), "{error}");

    // A schema nested 100 levels in a valid document: walked to the end.
    let mut schema = json!({"type": "string"});
    for _ in 0..100 {
        schema = json!({"type": "object", "properties": {"a": schema}, "allOf": [{"$ref": "#/components/schemas/Self"}]});
    }
    let doc = json!({
        "paths": {"/x": {"post": {"requestBody": {"content": {"application/json": {"schema": schema}}}}}},
        "components": {"schemas": {"Self": {"allOf": [{"$ref": "#/components/schemas/Self"}]}}}
    });
    let document = Document::from_value(doc).unwrap();
    let body = document.body(&document.operations()[0]).unwrap();
    walk(body, 120);
    let mut value = json!("x");
    for _ in 0..100 {
        value = json!({"a": value});
    }
    let _ = check(body, &value, "");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any request to any operation of the bundled contract: findings, never
    /// a panic, each with a pointer in one of the request's places and a
    /// message naming it.
    #[test]
    fn any_request_to_any_operation_is_judged(
        op in 0usize..93,
        query in prop::collection::vec(("[a-zA-Z]{1,12}", ".{0,16}"), 0..5),
        headers in prop::collection::vec(("[a-zA-Z-]{1,16}", "[ -~]{0,16}"), 0..4),
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..256),
            json_value().prop_map(|v| v.to_string().into_bytes()),
        ],
        multipart in any::<bool>(),
        form in prop::option::of(json_value()),
    ) {
        let contract = interlace_contract::bundled();
        let operations = contract.operations();
        let op = &operations[op % operations.len()];
        let path: Vec<(String, String)> = op
            .path
            .placeholders()
            .map(|p| (p.to_owned(), "x".to_owned()))
            .collect();
        let files = vec!["files".to_owned()];
        let sent = interlace_contract::Sent {
            path: &path,
            query: &query,
            headers: &headers,
            body: &body,
            multipart,
            form: form.as_ref(),
            files: &files,
        };
        for finding in interlace_contract::check_request(contract, op, &sent) {
            prop_assert!(finding.pointer.is_empty() || finding.pointer.starts_with('/'));
            prop_assert!(!finding.message(&op.id).is_empty());
        }
    }
}
