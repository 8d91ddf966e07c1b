//! The API contract (the `interlace-contract` crate) in step with `specs/`
//! both ways: every declaration has its operation, and every operation is
//! declared or listed, with a reason, in `specs/undeclared.md`. The
//! contract's own validity is tested in `interlace-contract`.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use interlace_contract::shape;

/// The `operationId → reason` rows of `specs/undeclared.md`.
fn undeclared() -> BTreeMap<String, String> {
    let text = include_str!("../specs/undeclared.md");
    text.lines()
        .filter_map(|l| l.strip_prefix('|'))
        .map(|l| l.split('|').map(str::trim).collect::<Vec<_>>())
        .filter(|cells| cells.len() >= 2 && !cells[0].is_empty())
        .filter(|cells| cells[0] != "operationId" && !cells[0].starts_with("---"))
        .map(|cells| (cells[0].to_string(), cells[1].to_string()))
        .collect()
}

#[test]
fn the_contract_and_specs_declare_the_same_operations() {
    let contract = interlace_contract::bundled();
    let declared = support::declarations::declared();
    assert!(declared.len() >= 73, "found only {declared:?}");
    let unlisted: Vec<_> = declared.iter().filter(|(_, d)| d.unlisted).collect();
    assert!(
        unlisted.is_empty(),
        "specs/ declarations are all in the contract: {unlisted:?}"
    );
    let listed = undeclared();

    let not_in_contract: Vec<_> = declared
        .iter()
        .filter(|(_, d)| contract.operation(&d.method, &d.path).is_none())
        .collect();
    assert!(
        not_in_contract.is_empty(),
        "declared but not in the contract: {not_in_contract:?}"
    );

    let declared_ids: BTreeSet<&str> = declared
        .values()
        .filter_map(|d| contract.operation(&d.method, &d.path))
        .map(|o| o.id.as_str())
        .collect();
    let unaccounted: Vec<_> = contract
        .operations()
        .iter()
        .map(|o| o.id.as_str())
        .filter(|id| !declared_ids.contains(id) && !listed.contains_key(*id))
        .collect();
    assert!(
        unaccounted.is_empty(),
        "in the contract, neither declared in specs/ nor listed in specs/undeclared.md: {unaccounted:?}"
    );
    for (id, reason) in &listed {
        assert!(
            contract.operation_by_id(id).is_some(),
            "specs/undeclared.md lists `{id}`, which the contract lacks"
        );
        assert!(
            !declared_ids.contains(id.as_str()),
            "specs/undeclared.md lists `{id}`, which specs/ declares"
        );
        assert!(reason.len() > 10, "`{id}` needs a reason");
    }
    // Two declarations of one operation would hide a missing one.
    let shapes: BTreeSet<(String, String)> = declared
        .values()
        .map(|d| (d.method.clone(), shape(&d.path)))
        .collect();
    assert_eq!(shapes.len(), declared.len());
}

/// A minimal value of `schema`: its required properties (all of them when
/// it lists none), each a plausible value of its kind.
fn sample(schema: interlace_contract::Schema<'_>) -> serde_json::Value {
    use interlace_contract::Kind;
    if let Some(first) = schema.enum_values().and_then(|e| e.first().copied()) {
        return first.clone();
    }
    if let Some(example) = schema.example() {
        return example.clone();
    }
    match schema.kind() {
        Some(Kind::Decimal) => "1.00".into(),
        Some(Kind::String) => "x-1".into(),
        Some(Kind::Integer) | Some(Kind::Number) => 1.into(),
        Some(Kind::Boolean) => true.into(),
        Some(Kind::Array) => serde_json::Value::Array(Vec::new()),
        _ => serde_json::Value::Object(
            schema
                .properties()
                .into_iter()
                .map(|(name, s)| (name.to_string(), sample(s)))
                .collect(),
        ),
    }
}

#[test]
fn every_webhook_of_the_contract_has_a_typed_event_and_back() {
    use interlace::webhooks::WebhookEvent;
    let contract = interlace_contract::bundled();
    let hooks = contract.webhooks();
    let in_contract: BTreeSet<&str> = hooks.iter().filter_map(|w| w.event_type()).collect();
    let known: BTreeSet<&str> = WebhookEvent::KNOWN_TYPES.iter().copied().collect();
    assert_eq!(
        in_contract, known,
        "the contract's webhooks and WebhookEvent::KNOWN_TYPES differ"
    );
    for hook in &hooks {
        let Some(event_type) = hook.event_type() else {
            continue;
        };
        assert!(hook.confidence.is_some(), "{} has no confidence", hook.name);
        let resource = hook.resource().map(sample).unwrap_or(serde_json::json!({}));
        let event = WebhookEvent::decode(event_type, &resource.to_string());
        assert!(
            !matches!(event, WebhookEvent::Unknown { .. }),
            "{event_type}: a resource the contract describes does not decode: {event:?}"
        );
        assert_eq!(event.event_type(), event_type);
    }
    // The real-time authorization request is a webhook too, without an
    // `eventType`: its own receiver decodes it.
    assert!(hooks.iter().any(|w| w.id == "onAuthorizationDecision"));
}

/// The README's "API surface" table, as the contract says it should read.
fn surface_table() -> String {
    const LEVELS: [&str; 5] = [
        "documented",
        "seen-working",
        "third-party",
        "unofficial-sdk",
        "name-only",
    ];
    let contract = interlace_contract::bundled();
    let mut rows: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    for op in contract.operations() {
        let tag = op.tags.first().cloned().unwrap_or_default();
        let level = op.confidence.map(|c| c.to_string()).unwrap_or_default();
        let at = LEVELS.iter().position(|l| *l == level).expect(&level);
        rows.entry(tag).or_default()[at] += 1;
    }
    let mut out = format!(
        "| Area | Operations | {} |\n|---|---|{}\n",
        LEVELS.join(" | "),
        "---|".repeat(LEVELS.len())
    );
    let mut all = [0; 5];
    let cells = |c: &[usize; 5], bold: bool| {
        c.iter()
            .map(|n| {
                if bold {
                    format!("**{n}**")
                } else {
                    n.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    for (tag, counts) in &rows {
        for (a, n) in all.iter_mut().zip(counts) {
            *a += n;
        }
        let total: usize = counts.iter().sum();
        out += &format!("| {tag} | {total} | {} |\n", cells(counts, false));
    }
    let total: usize = all.iter().sum();
    out += &format!("| **All** | **{total}** | {} |\n", cells(&all, true));
    out
}

#[test]
fn the_readme_counts_the_contract_as_it_is() {
    let readme = include_str!("../README.md");
    let table = surface_table();
    assert!(
        readme.contains(&table),
        "README.md's API surface table is out of date; it should read:\n{table}"
    );
}
