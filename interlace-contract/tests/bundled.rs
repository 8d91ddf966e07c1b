//! The bundled contract is a valid OpenAPI 3.1 document (read by the
//! independent `oas3` library, every reference resolved) and fit for the
//! toolkit (`Document::problems`), and a broken one is told apart.

use interlace_contract::{BUNDLED_TEXT, Confidence, Document, Kind, Location, bundled};
use oas3::spec::{ObjectOrReference, ParameterIn, SecurityScheme};
use serde_json::Value;

#[test]
fn oas3_reads_it_as_openapi_3_1_with_every_reference_resolved() {
    let spec = oas3::from_json(BUNDLED_TEXT).unwrap();
    let version = spec.validate_version().unwrap();
    assert_eq!((version.major, version.minor), (3, 1));
    let mut operations = 0;
    for (path, method, op) in spec.operations() {
        operations += 1;
        op.parameters(&spec)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        op.request_body(&spec)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let listed = op.responses.as_ref().map_or(0, |r| r.len());
        assert_eq!(op.responses(&spec).len(), listed, "{method} {path}");
    }
    assert_eq!(operations, bundled().operations().len());
    let urls: Vec<&str> = spec.servers.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://api-sandbox.interlace.money",
            "https://api.interlace.money"
        ]
    );
    let scheme = spec
        .components
        .as_ref()
        .and_then(|c| c.security_schemes.get("accessToken"));
    match scheme {
        Some(ObjectOrReference::Object(SecurityScheme::ApiKey { name, location, .. })) => {
            assert_eq!(
                (name.as_str(), location.as_str()),
                ("x-access-token", "header")
            );
        }
        other => panic!("security scheme `accessToken` is {other:?}"),
    }
    let key = spec
        .operation_by_id("createPrepaidCard")
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
fn it_has_no_problems() {
    let found = bundled().problems();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn what_the_checks_rely_on_reads_as_expected() {
    let c = bundled();
    let op = c.operation_by_id("createPrepaidCard").unwrap();
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("POST", "/open-api/v3/prepaid-card")
    );
    let amount = op.field("amount", Location::Body).unwrap();
    assert_eq!((amount.required, amount.kind), (false, Some(Kind::Decimal)));
    let holder = op.field("cardholderId", Location::Body).unwrap();
    assert_eq!((holder.required, holder.kind), (true, Some(Kind::String)));
    assert!(
        op.field("idempotency-key", Location::Header)
            .unwrap()
            .required
    );
    assert!(op.docs.as_deref().unwrap().starts_with("https://"));
    assert!(op.confidence.is_some());

    let list = c.operation_by_id("listCards").unwrap();
    assert_eq!(
        list.field("limit", Location::Query).unwrap().kind,
        Some(Kind::Integer)
    );
    assert_eq!(
        c.data(list).unwrap().property("list").unwrap().kind(),
        Some(Kind::Array)
    );

    let card = c.component("Card").unwrap();
    assert_eq!(card.required(), ["id"]);
    assert!(card.property("cardLastFour").is_some());
    assert!(c.component_names().any(|n| n == "Card"));

    // Literal segments win over placeholders.
    assert_eq!(
        c.route("GET", "/open-api/v3/cards/wallets").unwrap().0.id,
        "listBalances"
    );
    assert!(c.route("PATCH", "/open-api/v3/card-list").is_none());
    assert_eq!(
        c.operation("GET", "/open-api/v3/cards/{card_id}/card-summary")
            .unwrap()
            .id,
        "getCardSummary"
    );

    // Some fields are guesses, and say so.
    let guessed = c
        .operations()
        .iter()
        .flat_map(|o| &o.fields)
        .filter(|f| f.confidence.is_some_and(Confidence::is_guess))
        .count();
    assert!(guessed > 0);
}

#[test]
fn a_broken_document_is_told_apart() {
    let base: Value = serde_json::from_str(BUNDLED_TEXT).unwrap();
    let problems = |edit: &dyn Fn(&mut Value)| {
        let mut doc = base.clone();
        edit(&mut doc);
        Document::from_value(doc).unwrap().problems()
    };
    type Edit<'a> = &'a dyn Fn(&mut Value);
    let cases: [(&str, Edit); 5] = [
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
        ("an unknown confidence", &|d| {
            d["paths"]["/open-api/v3/card-list"]["get"]["x-interlace-confidence"] = "sure".into();
        }),
    ];
    for (what, edit) in cases {
        assert!(!problems(edit).is_empty(), "{what} was accepted");
    }
    let mut no_version = base.clone();
    no_version.as_object_mut().unwrap().remove("openapi");
    assert!(oas3::from_json(no_version.to_string()).is_err());
}
