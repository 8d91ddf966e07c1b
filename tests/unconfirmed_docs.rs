//! Endpoints whose path or parameters no official source confirms say so on
//! the item itself, not only at module level: a user reading one type's
//! rustdoc sees it.

use std::path::Path;

/// The doc comment right above each `#[interlace_endpoint]` of `file`, by
/// the name of the struct it declares.
fn endpoint_docs(file: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with("#[interlace_endpoint(") {
            continue;
        }
        let doc: Vec<&str> = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.starts_with("///"))
            .copied()
            .collect();
        let name = lines[i..]
            .iter()
            .find_map(|l| l.strip_prefix("pub struct "))
            .and_then(|rest| rest.split([' ', '{']).next())
            .unwrap()
            .to_string();
        out.push((name, doc.join("\n")));
    }
    out
}

#[test]
fn every_payout_endpoint_says_unconfirmed() {
    let docs = endpoint_docs("specs/payouts.rs");
    assert_eq!(docs.len(), 8, "{docs:?}");
    for (name, doc) in docs {
        assert!(
            doc.contains("**Unconfirmed"),
            "{name} does not say it is unconfirmed"
        );
    }
}

#[test]
fn endpoints_with_guessed_parameters_or_answers_say_unconfirmed() {
    let wanted = [
        ("specs/payouts.rs", "GetExchangeRate"),
        ("specs/legacy.rs", "ListCardsV1"),
        ("specs/legacy.rs", "ListAccountsV1"),
        ("specs/bins.rs", "GetBinRecommendation"),
        ("specs/card_transactions.rs", "GetCardTransaction"),
    ];
    for (file, name) in wanted {
        let (_, doc) = endpoint_docs(file)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} not found in {file}"));
        assert!(
            doc.contains("**Unconfirmed"),
            "{name} does not say it is unconfirmed"
        );
    }
}
