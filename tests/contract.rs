//! The API contract, `api/interlace.openapi.json`: a valid OpenAPI 3.1
//! document (read by the `oas3` library, every reference resolved), and in
//! step with `specs/` both ways.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use oas3::spec::{ObjectOrReference, ParameterIn, SecurityScheme, Spec};
use serde_json::Value;

const CONTRACT: &str = include_str!("../api/interlace.openapi.json");
const CONFIDENCE: [&str; 5] = [
    "documented",
    "seen-working",
    "third-party",
    "name-only",
    "unofficial-sdk",
];

/// Every problem of `text` as an OpenAPI 3.1 document of this toolkit.
fn problems(text: &str) -> Vec<String> {
    let spec: Spec = match oas3::from_json(text) {
        Ok(spec) => spec,
        Err(e) => return vec![format!("not an OpenAPI 3.1 document: {e}")],
    };
    let mut out = Vec::new();
    match spec.validate_version() {
        Ok(v) if v.major == 3 && v.minor == 1 => {}
        Ok(v) => out.push(format!("version {v}, expected 3.1.x")),
        Err(e) => out.push(format!("version: {e}")),
    }
    let raw: Value = serde_json::from_str(text).expect("oas3 read it, so it is JSON");
    unresolved_refs(&raw, &raw, "#", &mut out);

    let mut ids = BTreeSet::new();
    for (path, method, op) in spec.operations() {
        let at = format!("{method} {path}");
        match &op.operation_id {
            Some(id) if !ids.insert(id.clone()) => {
                out.push(format!("{at}: operationId `{id}` twice"))
            }
            Some(_) => {}
            None => out.push(format!("{at}: no operationId")),
        }
        if op.summary.as_deref().is_none_or(str::is_empty) {
            out.push(format!("{at}: no summary"));
        }
        match op
            .extensions
            .get("interlace-confidence")
            .and_then(Value::as_str)
        {
            Some(c) if CONFIDENCE.contains(&c) => {}
            other => out.push(format!("{at}: x-interlace-confidence is {other:?}")),
        }
        match op.parameters(&spec) {
            Ok(params) => {
                let in_path: BTreeSet<String> = params
                    .iter()
                    .filter(|p| p.location == ParameterIn::Path)
                    .map(|p| p.name.clone())
                    .collect();
                let template: BTreeSet<String> = path
                    .split('/')
                    .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                    .map(str::to_string)
                    .collect();
                if in_path != template {
                    out.push(format!(
                        "{at}: path parameters {in_path:?}, template {template:?}"
                    ));
                }
                for p in params.iter().filter(|p| p.location == ParameterIn::Path) {
                    if p.required != Some(true) {
                        out.push(format!("{at}: path parameter `{}` not required", p.name));
                    }
                }
            }
            Err(e) => out.push(format!("{at}: parameters: {e}")),
        }
        if let Err(e) = op.request_body(&spec) {
            out.push(format!("{at}: request body: {e}"));
        }
        let responses = op.responses.as_ref().map_or(0, BTreeMap::len);
        if responses == 0 || op.responses(&spec).len() != responses {
            out.push(format!("{at}: responses missing or unresolved"));
        }
    }
    if ids.is_empty() {
        out.push("no operations".into());
    }
    let scheme = spec
        .components
        .as_ref()
        .and_then(|c| c.security_schemes.get("accessToken"))
        .and_then(|s| match s {
            ObjectOrReference::Object(s) => Some(s),
            ObjectOrReference::Ref { .. } => None,
        });
    match scheme {
        Some(SecurityScheme::ApiKey { name, location, .. })
            if name == "x-access-token" && location == "header" => {}
        other => out.push(format!("security scheme `accessToken` is {other:?}")),
    }
    out
}

/// Every `$ref` points at something in the document.
fn unresolved_refs(root: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                let found = target.strip_prefix('#').and_then(|p| root.pointer(p));
                if found.is_none() {
                    out.push(format!("{at}: `$ref` {target} resolves to nothing"));
                }
            }
            for (k, child) in map {
                unresolved_refs(root, child, &format!("{at}/{k}"), out);
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

#[test]
fn the_contract_is_a_valid_openapi_3_1_document() {
    let found = problems(CONTRACT);
    assert!(found.is_empty(), "{found:#?}");
    let spec = oas3::from_json(CONTRACT).unwrap();
    let urls: Vec<&str> = spec.servers.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://api-sandbox.interlace.money",
            "https://api.interlace.money"
        ]
    );
    let key = spec
        .operation(&reqwest::Method::POST, "/open-api/v3/prepaid-card")
        .unwrap()
        .parameters(&spec)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Idempotency-Key")
        .expect("card creation takes an Idempotency-Key");
    assert_eq!(
        (key.location, key.required),
        (ParameterIn::Header, Some(true))
    );
}

#[test]
fn a_broken_document_is_refused() {
    let base: Value = serde_json::from_str(CONTRACT).unwrap();
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut doc = base.clone();
        edit(&mut doc);
        problems(&doc.to_string())
    };
    type Edit<'a> = &'a dyn Fn(&mut Value);
    let cases: [(&str, Edit); 5] = [
        ("no openapi field", &|d| {
            d.as_object_mut().unwrap().remove("openapi");
        }),
        ("a dangling $ref", &|d| {
            d["components"]["schemas"]
                .as_object_mut()
                .unwrap()
                .remove("Card");
        }),
        ("a duplicate operationId", &|d| {
            d["paths"]["/open-api/v3/card-list"]["get"]["operationId"] = "createPrepaidCard".into();
        }),
        ("a placeholder without a parameter", &|d| {
            d["paths"]["/open-api/v3/cards/{cardId}/freeze"]["post"]["parameters"] =
                Value::Array(vec![]);
        }),
        ("a missing confidence", &|d| {
            d["paths"]["/open-api/v3/card-list"]["get"]
                .as_object_mut()
                .unwrap()
                .remove("x-interlace-confidence");
        }),
    ];
    for (what, edit) in cases {
        assert!(!broken(edit).is_empty(), "{what} was accepted");
    }
}

/// `METHOD path` of every declaration in `specs/`, and of the calls written
/// by hand (the OAuth calls in the runtime, the upload), with the struct.
fn declarations() -> BTreeMap<(String, String), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("interlace-runtime/src/auth/oauth.rs")];
    for entry in std::fs::read_dir(root.join("specs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    let mut out = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate() {
            let name_after = |from: usize, prefix: &str| {
                lines[from..]
                    .iter()
                    .find_map(|l| l.strip_prefix(prefix))
                    .map(|rest| rest.split([' ', '{', ';']).next().unwrap().to_string())
                    .unwrap()
            };
            if let Some(rest) = line.strip_prefix("#[interlace_endpoint(") {
                assert!(
                    !text[text.find(line).unwrap()..]
                        .split(")]")
                        .next()
                        .unwrap()
                        .contains("unlisted"),
                    "{}: specs/ declarations are all in the contract: {line}",
                    file.display()
                );
                let (method, rest) = rest.split_once(' ').unwrap();
                let path = rest.trim_start_matches('"').split('"').next().unwrap();
                out.insert(
                    (method.to_string(), shape(path)),
                    name_after(i, "pub struct "),
                );
            } else if let Some(rest) = line.strip_prefix("HttpMethod::") {
                let method = rest.trim_end_matches(',').to_ascii_uppercase();
                let path = lines[i + 1].trim_matches(|c| c == '"' || c == ',');
                let name = lines[..i]
                    .iter()
                    .rev()
                    .find_map(|l| l.strip_prefix("impl Endpoint for "))
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap();
                out.insert((method, shape(path)), name.to_string());
            }
        }
    }
    out
}

fn shape(path: &str) -> String {
    path.split('/')
        .map(|s| if s.starts_with('{') { "{}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// The `operationId → reason` rows of `api/undeclared.md`.
fn undeclared() -> BTreeMap<String, String> {
    let text = include_str!("../api/undeclared.md");
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
    let spec = oas3::from_json(CONTRACT).unwrap();
    let operations: BTreeMap<(String, String), String> = spec
        .operations()
        .map(|(path, method, op)| {
            (
                (method.to_string(), shape(&path)),
                op.operation_id.clone().unwrap(),
            )
        })
        .collect();
    let declared = declarations();
    assert!(declared.len() >= 73, "found only {declared:?}");
    let listed = undeclared();

    let not_in_contract: Vec<_> = declared
        .iter()
        .filter(|(key, _)| !operations.contains_key(*key))
        .collect();
    assert!(
        not_in_contract.is_empty(),
        "declared but not in the contract: {not_in_contract:?}"
    );

    let declared_ids: BTreeSet<&String> = declared
        .keys()
        .filter_map(|key| operations.get(key))
        .collect();
    let unaccounted: Vec<_> = operations
        .values()
        .filter(|id| !declared_ids.contains(id) && !listed.contains_key(*id))
        .collect();
    assert!(
        unaccounted.is_empty(),
        "in the contract, neither declared in specs/ nor listed in api/undeclared.md: {unaccounted:?}"
    );
    for (id, reason) in &listed {
        assert!(
            operations.values().any(|o| o == id),
            "api/undeclared.md lists `{id}`, which the contract lacks"
        );
        assert!(
            !declared_ids.contains(id),
            "api/undeclared.md lists `{id}`, which specs/ declares"
        );
        assert!(reason.len() > 10, "`{id}` needs a reason");
    }
}
