//! The API contract (the `interlace-contract` crate) as the emulator uses
//! it: requests are routed to their operation (`Document::route`), judged
//! against it (`validate.rs`), and an operation the emulator keeps no state
//! for is answered from its schema (`mock.rs`).
//!
//! The emulator reads the contract, not the toolkit's Rust declarations, so
//! the two are checked against each other rather than agreeing by
//! construction.

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

/// The methods the contract lists for `path`, in a fixed order: what a
/// 405's `Allow` says.
pub fn methods_at(contract: &Document, path: &str) -> Vec<&'static str> {
    ["GET", "POST", "PUT", "DELETE", "PATCH"]
        .into_iter()
        .filter(|m| contract.route(m, path).is_some())
        .collect()
}
