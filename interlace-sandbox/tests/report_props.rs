//! Property tests of `contract update` reading a drift report: a report is
//! a file anyone may have edited, so any JSON, and any finding about any
//! operation, pointer and kind, updates the contract without a panic and
//! leaves it an OpenAPI document with every operation it had; applied
//! twice, it changes nothing more.

use interlace_contract::{BUNDLED_TEXT, Document};
use interlace_sandbox::proxy::update::apply;
use proptest::prelude::*;
use serde_json::{Value, json};

fn contract() -> Value {
    serde_json::from_str(BUNDLED_TEXT).unwrap()
}

fn word(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(options).prop_map(str::to_owned),
        1 => ".{0,12}",
    ]
}

fn finding() -> impl Strategy<Value = Value> {
    (
        word(&["GET", "POST", "put", "DELETE", "PATCH"]),
        word(&[
            "/open-api/v3/card-list",
            "/open-api/v3/cards/{id}",
            "/open-api/v3/accounts",
            "/open-api/v3/oauth/access-token",
            "/nowhere",
        ]),
        word(&[
            "operation-confirmed",
            "guess-confirmed",
            "undocumented-field",
            "undocumented-operation",
            "wrong-kind",
        ]),
        word(&[
            "/data",
            "/data/list/0/budgetId",
            "/data/list/~1x~0",
            "/data/0/a/b",
            "",
            "/",
        ]),
        word(&["confirms", "contradicts", "skipped"]),
        word(&["request", "response"]),
        word(&["string", "integer", "object", "x\"y", "null"]),
        prop_oneof![Just(json!(1)), Just(json!("many")), Just(Value::Null)],
    )
        .prop_map(
            |(method, path, kind, pointer, verdict, direction, actual, count)| {
                json!({
                    "method": method, "path": path, "kind": kind, "pointer": pointer,
                    "verdict": verdict, "direction": direction, "actual": actual,
                    "expected": "string", "confidence": "guess", "count": count,
                })
            },
        )
}

fn report() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => prop::collection::vec(finding(), 0..12).prop_map(|f| json!({"findings": f})),
        1 => prop::collection::vec(finding(), 0..4).prop_map(Value::Array),
        1 => Just(json!({"findings": "not a list"})),
        1 => Just(json!({"findings": [1, null, "x", []]})),
        1 => Just(Value::Null),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_report_updates_the_contract_into_a_document(report in report()) {
        let before = Document::from_value(contract()).unwrap().operations().len();
        let mut updated = contract();
        let first = apply(&mut updated, &report);
        let document = Document::from_value(updated.clone()).expect("still an OpenAPI document");
        prop_assert_eq!(document.operations().len(), before);
        for line in first.applied.iter().chain(&first.to_decide) {
            prop_assert!(line.len() < 2_000);
        }
        // Only JSON kinds were added as types.
        let text = updated.to_string();
        prop_assert!(!text.contains(r#""type":"x\"y""#));
        let second = apply(&mut updated, &report);
        prop_assert!(second.applied.is_empty(), "applied twice: {:?}", second.applied);
    }
}
