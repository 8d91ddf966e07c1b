//! From a drift report to the contract: the changes the evidence supports
//! (a confirmed guess raised to `seen-working`, an undocumented answer field
//! added as an optional property), and the contradictions, which are listed
//! for a person to decide and never applied.

use interlace_contract::pointer::{self, escape, unescape};
use serde_json::{Map, Value, json};

/// What a report supports.
#[derive(Debug, Default)]
pub struct Update {
    /// One line per change, as applied.
    pub applied: Vec<String>,
    /// One line per contradiction, for a person.
    pub to_decide: Vec<String>,
}

const SEEN: &str = "seen-working";

/// The kinds an undocumented field may be added as.
const JSON_KINDS: [&str; 6] = ["string", "integer", "number", "boolean", "array", "object"];

/// Applies to `contract` (an OpenAPI document as JSON) what `report` (a
/// drift report as JSON) supports, and says what it did.
pub fn apply(contract: &mut Value, report: &Value) -> Update {
    let mut update = Update::default();
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    for f in &findings {
        let text = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
        let (method, path, kind, pointer) = (
            text("method").to_ascii_lowercase(),
            text("path"),
            text("kind"),
            text("pointer"),
        );
        let op_at = format!("/paths/{}/{method}", escape(&path));
        if contract.pointer(&op_at).is_none() {
            if kind == "undocumented-operation" {
                update.to_decide.push(format!(
                    "{} {path}: answered by the API, not in the contract",
                    method.to_ascii_uppercase()
                ));
            }
            continue;
        }
        match (kind.as_str(), text("verdict").as_str()) {
            ("operation-confirmed", _) if raise(contract, &op_at) => {
                update.applied.push(format!(
                    "{} {path}: confidence raised to {SEEN}",
                    method.to_ascii_uppercase()
                ));
            }
            ("guess-confirmed", _) if text("direction") == "response" => {
                if let Some(at) = locate(contract, &op_at, &pointer)
                    && raise(contract, &at)
                {
                    update.applied.push(format!(
                        "{} {path} {pointer}: confidence raised to {SEEN}",
                        method.to_ascii_uppercase()
                    ));
                }
            }
            ("undocumented-field", _) if text("direction") == "response" => {
                let Some((parent, name)) = pointer.rsplit_once('/') else { continue };
                let Some(at) = locate(contract, &op_at, parent) else { continue };
                let kind = text("actual");
                // The report is a file anyone may have edited: only a JSON
                // kind goes into the contract as a type.
                if !JSON_KINDS.contains(&kind.as_str()) {
                    update.to_decide.push(format!(
                        "{} {path} {pointer}: reported as `{}`, which is not a JSON kind; not added",
                        method.to_ascii_uppercase(),
                        kind.chars().take(40).collect::<String>()
                    ));
                    continue;
                }
                if add_property(contract, &at, &unescape(name), &kind) {
                    update.applied.push(format!(
                        "{} {path} {pointer}: added as an optional {kind}, {SEEN}",
                        method.to_ascii_uppercase()
                    ));
                }
            }
            (_, "contradicts") => update.to_decide.push(format!(
                "{} {path} {} {pointer}: the contract ({}) says {}, the API answered {} ({} times)",
                method.to_ascii_uppercase(),
                text("direction"),
                text("confidence"),
                text("expected"),
                text("actual"),
                f["count"]
            ) + &format!(" [{kind}]")),
            _ => {}
        }
    }
    update
}

/// Sets `x-interlace-confidence` of the object at `at` to `seen-working`,
/// when it is a guess; whether it changed.
fn raise(contract: &mut Value, at: &str) -> bool {
    let Some(Value::Object(node)) = contract.pointer_mut(at) else {
        return false;
    };
    let now = node
        .get("x-interlace-confidence")
        .and_then(Value::as_str)
        .unwrap_or("");
    if matches!(now, "documented" | "seen-working") {
        return false;
    }
    node.insert("x-interlace-confidence".into(), json!(SEEN));
    true
}

/// Adds an optional property `name` of JSON kind `kind` to the object
/// schema at `at`; whether it was added.
fn add_property(contract: &mut Value, at: &str, name: &str, kind: &str) -> bool {
    let Some(Value::Object(node)) = contract.pointer_mut(at) else {
        return false;
    };
    let props = node
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(props) = props.as_object_mut() else {
        return false;
    };
    if props.contains_key(name) {
        return false;
    }
    props.insert(
        name.to_owned(),
        json!({"type": kind, "x-interlace-confidence": SEEN}),
    );
    true
}

/// The document pointer of the schema that `pointer` (into an answer, from
/// `/data`) lands on.
fn locate(contract: &Value, op_at: &str, pointer: &str) -> Option<String> {
    let schema = format!("{op_at}/responses/200/content/application~1json/schema");
    pointer::locate(contract, &schema, pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmations_are_applied_and_contradictions_only_listed() {
        let mut contract: Value = serde_json::from_str(interlace_contract::BUNDLED_TEXT).unwrap();
        let report = json!({"findings": [
            {"operation": "listAccounts", "method": "GET", "path": "/open-api/v3/accounts",
             "direction": "response", "kind": "operation-confirmed", "verdict": "confirms",
             "pointer": "", "count": 2},
            {"operation": "getCardSummary", "method": "GET", "path": "/open-api/v3/cards/{cardId}/card-summary",
             "direction": "response", "kind": "undocumented-field", "verdict": "confirms",
             "pointer": "/data/riskTier", "actual": "string", "count": 1},
            {"operation": "listCards", "method": "GET", "path": "/open-api/v3/card-list",
             "direction": "response", "kind": "undocumented-field", "verdict": "confirms",
             "pointer": "/data/list/0/riskTier", "actual": "integer", "count": 3},
            {"operation": "getCardSummary", "method": "GET", "path": "/open-api/v3/cards/{cardId}/card-summary",
             "direction": "response", "kind": "wrong-type", "verdict": "contradicts",
             "pointer": "/data/cardId", "expected": "string", "actual": "integer",
             "confidence": "seen-working", "count": 2}
        ]});
        let update = apply(&mut contract, &report);
        assert_eq!(update.applied.len(), 3, "{:?}", update.applied);
        assert_eq!(update.to_decide.len(), 1, "{:?}", update.to_decide);
        assert!(update.to_decide[0].contains("wrong-type"));
        let doc = interlace_contract::Document::from_value(contract.clone()).unwrap();
        assert_eq!(doc.problems(), Vec::<String>::new());
        let op = doc.operation_by_id("listAccounts").unwrap();
        assert_eq!(
            op.confidence,
            Some(interlace_contract::Confidence::SeenWorking)
        );
        let summary = doc
            .data(doc.operation_by_id("getCardSummary").unwrap())
            .unwrap();
        assert_eq!(
            summary.property("riskTier").unwrap().confidence(),
            Some(interlace_contract::Confidence::SeenWorking)
        );
        let card = doc.component("Card").unwrap();
        assert_eq!(card.property("riskTier").unwrap().types(), ["integer"]);
        // The contradiction is not applied: cardId is still a string.
        assert_eq!(
            summary.property("cardId").unwrap().kind(),
            Some(interlace_contract::Kind::String)
        );
        // Applying again changes nothing more.
        let again = apply(&mut contract, &report);
        assert!(again.applied.is_empty(), "{:?}", again.applied);
    }
}
