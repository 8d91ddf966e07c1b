//! Access tokens: what one is, where it is kept, and how it is obtained.
//!
//! A client gets its first token lazily, on the first authenticated call, and
//! renews it a margin before expiry: the cache (`cache.rs`) decides when,
//! the flow (`flow.rs`) makes the OAuth calls. However many calls need a token at the
//! same time, one acquisition runs and all of them wait for it.

mod cache;
mod flow;
pub mod oauth;
mod store;
mod token;

pub(crate) use cache::TokenCache;
pub use store::{Acquisition, BindError, Lease, MemoryTokenStore, StoreScope, TokenStore};
pub use token::Token;
