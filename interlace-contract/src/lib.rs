//! The Interlace Open API contract, and the one reader of OpenAPI documents
//! the `interlace` toolkit uses.
//!
//! The contract ([`BUNDLED_TEXT`], the file `interlace.openapi.json` of this
//! package) is an OpenAPI 3.1 description of the API with, on every
//! operation and on each doubtful field, how sure it is
//! (`x-interlace-confidence`, read as [`Confidence`]). The
//! `#[interlace_endpoint]` attribute checks declarations against it at
//! compile time, and the `interlace-sandbox` emulator judges requests and
//! answers from it; both read it through this crate, and so can you:
//!
//! ```
//! use interlace_contract::{Location, bundled};
//!
//! let contract = bundled();
//! let (op, values) = contract
//!     .route("GET", "/open-api/v3/cards/c-1/card-summary")
//!     .expect("in the contract");
//! assert_eq!(op.id, "getCardSummary");
//! assert_eq!(values, [("cardId".to_string(), "c-1".to_string())]);
//! assert!(op.field("accountId", Location::Query).unwrap().required);
//! ```
//!
//! [`Document::parse`] reads any other OpenAPI 3.0/3.1 document the same way.

mod confidence;
mod conformance;
mod document;
mod operation;
mod path;
pub mod pointer;
mod request;
mod schema;
mod webhook;

use std::sync::OnceLock;

pub use confidence::Confidence;
pub use conformance::{Finding, FindingKind, check, decimal, fits, kind_of};
pub use document::Document;
pub use operation::{Field, Location, Operation};
pub use path::{PathTemplate, PathValues, Segment, shape};
pub use request::{Sent, check_request};
pub use schema::{Kind, Schema};
pub use webhook::Webhook;

/// The bundled contract's text.
pub const BUNDLED_TEXT: &str = include_str!("../interlace.openapi.json");

/// The bundled contract, read once per process.
///
/// # Panics
///
/// Never for a published version of this crate: its tests read the same
/// text.
pub fn bundled() -> &'static Document {
    static BUNDLED: OnceLock<Document> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        Document::parse(BUNDLED_TEXT).expect("the bundled contract is an OpenAPI document")
    })
}

/// The README's Rust blocks, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
