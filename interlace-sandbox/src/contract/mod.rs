//! The API contract (the `interlace-contract` crate) as the emulator uses
//! it: requests are routed to their operation (`Document::route`), judged
//! against it (`validate.rs`), and an operation the emulator keeps no state
//! for is answered from its schema (`mock.rs`).
//!
//! The emulator reads the contract, not the toolkit's Rust declarations, so
//! the two are checked against each other rather than agreeing by
//! construction.

pub mod form;
pub mod mock;
pub mod validate;

use interlace_contract::Document;

/// The bundled contract, read once.
pub fn bundled() -> &'static Document {
    interlace_contract::bundled()
}

/// Whether any operation has this concrete path, with any method.
pub fn has_path(contract: &Document, path: &str) -> bool {
    !methods_at(contract, path).is_empty()
}

/// The operation `method` on `path` is, when the contract has one at the
/// resource `path` names: `path` may match several templates
/// (`/cards/transaction-list` and `/cards/{cardId}`), and the one with the
/// most literal segments is the resource it names, whatever the method.
pub fn operation<'a>(
    contract: &'a Document,
    method: &str,
    path: &str,
) -> Option<(
    &'a interlace_contract::Operation,
    interlace_contract::PathValues,
)> {
    let template = resource(contract, path)?;
    contract
        .route(method, path)
        .filter(|(op, _)| op.path.as_str() == template)
}

/// The methods the contract lists for the resource `path` names, in a fixed
/// order: what a 405's `Allow` says.
pub fn methods_at(contract: &Document, path: &str) -> Vec<&'static str> {
    METHODS
        .into_iter()
        .filter(|m| operation(contract, m, path).is_some())
        .collect()
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/// The template of the resource `path` names.
fn resource<'a>(contract: &'a Document, path: &str) -> Option<&'a str> {
    let literals = |template: &str| template.split('/').filter(|s| !s.starts_with('{')).count();
    METHODS
        .iter()
        .filter_map(|m| contract.route(m, path))
        .map(|(op, _)| op.path.as_str())
        .max_by_key(|t| literals(t))
}
