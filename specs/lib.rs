//! The typed Rust toolkit for the Interlace Open API: card issuing, Infinity
//! Account and CryptoConnect.
//!
//! ```no_run
//! use interlace::prelude::*;
//!
//! # async fn run() -> Result<(), interlace::Error> {
//! let client = Client::from_env()?;
//! # Ok(()) }
//! ```
//!
//! # Declaring an endpoint
//!
//! Every endpoint of this crate is declared with [`interlace_endpoint`], and
//! your own crate can declare more the same way:
//!
//! ```
//! use interlace::{interlace_endpoint, Page};
//! use interlace::types::{AccountId, CardId};
//!
//! #[derive(Debug, serde::Deserialize)]
//! pub struct Summary { pub card_id: String }
//!
//! /// Get a card's summary.
//! #[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary", response = Summary, client_method)]
//! pub struct GetSummary {
//!     pub card_id: CardId,       // fills {card_id}
//!     pub account_id: AccountId, // a query parameter `accountId` (GET default)
//! }
//!
//! let request = GetSummary::new(CardId::new("c-1"), AccountId::new("a-1"));
//! // client.get_summary(request).await?  or  client.send(request).await?
//! ```
//!
//! The attribute takes `METHOD "path"` and then keys:
//!
//! | key | meaning |
//! |---|---|
//! | `response = Type` | what `data` decodes into; default [`NoContent`] |
//! | `idempotent` | a fresh `Idempotency-Key` per call, reused on its retries (not on GET) |
//! | `no_auth` | sent without `x-access-token` |
//! | `paginated` | a GET list whose response is [`Page<Item>`]; adds `page`/`limit`, and `client.stream(request)` walks every page |
//! | `client_method` | also a `<Name>Ext` trait that adds `client.<name>(request)`; without it the request is sent with `client.send(request)`, and the crate re-checks faster |
//! | `docs = "url"` | a link to the endpoint's reference page |
//! | `crate = path` | where the facade is, for crates that rename or re-export it |
//! | `unlisted = "why"` | not in the API contract: skip the contract check, with the reason |
//! | `contract = "path"` | check against this OpenAPI document (relative to `Cargo.toml`) instead of the bundled one |
//! | `strict` | contradicting a fact the contract only guesses is an error, not a warning (the `strict-contract` feature does it for every declaration) |
//! | `rename_all = "snake_case"` | how field names become wire names (`camelCase` by default; serde's names for the cases) |
//!
//! Fields are named in snake_case and go on the wire in camelCase. A field
//! whose name matches a `{placeholder}` fills it (`{transactionId}`, as the
//! contract writes it, fills `transaction_id`); the others are query
//! parameters on GET and DELETE and body fields on POST and PUT. Override
//! per field with `#[interlace(path)]`, `#[interlace(query)]`,
//! `#[interlace(body)]`, `#[interlace(header = "Name")]`, and the wire name
//! with `#[interlace(rename = "wireName")]`. `Option` fields are left out
//! when `None` and set with chained setters; the others are arguments of
//! `new`, so a request missing one does not compile.
//!
//! Body fields are written as one JSON object, in declaration order, by the
//! generated code: each field's type needs `serde::Serialize`, the struct
//! does not, and fields take no `#[serde(...)]` attributes (shape a value
//! through its type). `#[interlace(flatten)]` spreads a field that
//! serializes to an object into the body.
//!
//! Every declaration is checked at compile time against the API contract,
//! the OpenAPI document of the `interlace-contract` crate, bundled with the
//! attribute: its path and method, each field's wire name and place, what the
//! operation requires, and each field's JSON kind (through the marker traits
//! of [`contract`]). A contradiction of a documented fact is an error; one of
//! a fact the contract only guesses is a warning (the `strict` key, or the
//! `strict-contract` feature, makes it an error). Models, the types of
//! responses and of nested objects, are checked with [`interlace_model`]:
//!
//! ```
//! use interlace::interlace_model;
//! use interlace::types::CardId;
//!
//! #[interlace_model("Card")]
//! #[derive(Debug, serde::Deserialize)]
//! #[serde(rename_all = "camelCase")]
//! pub struct CardBrief {
//!     pub id: CardId,                    // the contract promises `id`
//!     pub card_last_four: Option<String>, // but not this: it must be optional
//! }
//! ```
//!
//! The attribute adds `Debug` and `Clone` to the struct. Every request is
//! sent with `client.send(request)`; with the `client_method` key it also
//! gets an extension trait `<Name>Ext` with a method of its own
//! (`client.get_summary(req)`). This crate's endpoints all have one, and the
//! [`prelude`] brings their traits into scope. The trait is opt-in because
//! it is the largest part of what a declaration costs on every re-check of
//! the crate that declares it (BENCHMARKS.md).

#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate self as interlace;

pub mod accounts;
pub mod acquiring;
pub mod authorization;
pub mod balances;
pub mod bins;
#[cfg(feature = "axum")]
mod body;
pub mod budgets;
pub mod card_data;
pub mod card_transactions;
pub mod cardholders;
pub mod cards;
pub mod convert;
pub mod crypto_transfers;
pub mod files;
pub mod legacy;
pub mod oauth;
pub mod payouts;
pub mod physical_cards;
pub mod transfers;
pub mod types;
pub mod wallets;
pub mod webhooks;

pub use interlace_macros::{interlace_endpoint, interlace_model};
pub use interlace_runtime::{
    Authentication, Client, ClientBuilder, Config, ConfigBuilder, ContractCheck, Environment,
    Error, NoContent, PRODUCTION_URL, Page, ResponseFormat, RetryPolicy, SANDBOX_URL,
};
pub use interlace_runtime::{contract, secret};

/// The parts of [`Error`], for matching on its variants.
pub mod error {
    pub use interlace_runtime::{
        ApiError, AuthError, CallSite, ConfigError, DecodeError, DecodeErrorKind,
        InvalidRequestError, RedirectError, TimeoutError, TransportError,
    };
}

/// Endpoints as the client sees them: the trait the attribute implements,
/// what a request writes, and pages. For endpoints written by hand.
pub mod endpoint {
    pub use interlace_runtime::{
        Call, Endpoint, EndpointMeta, FilePart, FromData, HttpMethod, ListPage, Paginated,
        PathParam, RequestParts,
    };
}

/// Access tokens and where they are kept: a [`auth::TokenStore`] of your own
/// (or `interlace-redis`'s) is handed to [`ClientBuilder::token_store`],
/// which binds it to the client's [`auth::StoreScope`].
pub mod auth {
    pub use interlace_runtime::{
        Acquisition, BindError, Lease, MemoryTokenStore, StoreScope, Token, TokenStore,
    };
}

/// Time as the client reads it, for [`ClientBuilder::clock`].
pub mod clock {
    pub use interlace_runtime::{Clock, Sleep, SystemClock};
}

/// Configuration from the environment: the variables [`Config::from_env`]
/// reads, and the defaults.
pub mod config {
    pub use interlace_runtime::{DEFAULT_MAX_RESPONSE_BYTES, env_vars};
}

/// For tests of your own: a clock that moves only when told to. The
/// emulator is the crate `interlace-sandbox`.
pub mod testing {
    pub use interlace_runtime::ManualClock;
}

/// Everything needed to call the API and declare endpoints: the client, its
/// configuration and retry policy, the client methods of every endpoint,
/// both attributes, and the webhook verifier with its events.
pub mod prelude {
    pub use crate::accounts::*;
    pub use crate::acquiring::*;
    pub use crate::balances::*;
    pub use crate::bins::*;
    pub use crate::budgets::*;
    pub use crate::card_transactions::*;
    pub use crate::cardholders::*;
    pub use crate::cards::*;
    pub use crate::convert::*;
    pub use crate::crypto_transfers::*;
    pub use crate::files::*;
    pub use crate::payouts::*;
    pub use crate::physical_cards::*;
    pub use crate::transfers::*;
    pub use crate::types::*;
    pub use crate::wallets::*;
    pub use crate::webhooks::{WebhookEvent, WebhookVerifier};
    pub use crate::{
        Authentication, Client, Config, Environment, Error, NoContent, Page, ResponseFormat,
        RetryPolicy, interlace_endpoint, interlace_model,
    };
    pub use futures_util::StreamExt as _;
}

/// The README's Rust blocks, compiled (and the runnable ones run) as doctests,
/// so its examples stay code a user can paste.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// What generated code names. Not public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use ::core::convert::Into;
    pub use ::core::option::Option::{self, None, Some};
    pub use interlace_runtime::contract;
    pub use interlace_runtime::{
        Call, Client, Endpoint, EndpointMeta, HttpMethod, ListPage, NoContent, Paginated,
        RequestParts,
    };
}
