//! An in-memory emulator of the Interlace Open API, for tests and demos.
//!
//! It serves the v3 token flow and the card-issuing workflow on
//! 127.0.0.1 with state that holds together: a funded master account, card
//! BINs, cardholders, prepaid and budget cards, card funding, summaries,
//! freezing, budgets and business transfers. Balances move and never go
//! negative; card creation honours `Idempotency-Key`. It signs webhooks to a
//! registered URL and can inject faults.
//!
//! It reads requests as raw JSON by the documented wire names and shares no
//! types with the `interlace` client crate, so a wrong field name on either
//! side fails a test instead of agreeing with itself.
//!
//! Its own choices where the public docs are silent: business and
//! validation errors answer HTTP 200 with a non-success code (see
//! [`codes`]); a missing or invalid access token answers HTTP 401 with code
//! `100401`; access tokens live [`SandboxConfig::token_lifetime`]; refresh
//! tokens do not expire and the refresh call returns no new refresh token.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let sandbox = interlace_sandbox::Sandbox::start().await?;
//! println!("emulator at {}", sandbox.url());
//! # Ok(()) }
//! ```

mod accounts;
mod app;
mod area;
mod auth;
mod authorizer;
mod budgets;
mod card_funding;
mod cardholders;
mod cards;
mod clock;
mod config;
mod contract;
mod control;
mod envelope;
mod faults;
mod judge;
pub mod proxy;
mod recorder;
mod script;
mod state;
mod traffic;
mod transfers;
mod wallets;
mod webhooks;

pub use authorizer::Verdict;
pub use config::SandboxConfig;
pub use control::{Purchase, Sandbox};
pub use faults::{Fault, FaultSpec};
pub use recorder::ReceivedRequest;
pub use script::SeedError;
pub use webhooks::{Delivery, sign as sign_webhook};

/// The envelope codes the emulator answers with.
pub mod codes {
    pub use crate::envelope::{
        IDEMPOTENCY_CONFLICT, INSUFFICIENT_BALANCE, INVALID_CLIENT, INVALID_CODE,
        INVALID_REFRESH_TOKEN, INVALID_STATE, INVALID_TOKEN, NO_BALANCE, NOT_FOUND, SUCCESS,
        VALIDATION,
    };
}

/// The README's Rust blocks, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
