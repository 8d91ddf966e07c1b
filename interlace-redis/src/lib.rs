//! A Redis [`TokenStore`](interlace_runtime::TokenStore) for the Interlace
//! Open API toolkit: many processes with one client id share one access
//! token, obtain it once and renew it once per lifetime.
//!
//! See [`RedisTokenStore`] for the guarantees and the README's "Running a
//! fleet" for the set-up. [`RedisDeliveryLog`] remembers handled webhook
//! deliveries for a fleet of receivers.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod builder;
mod connection;
mod deliveries;
mod health;
mod scripts;
mod sealed;
mod settings;
mod store;
#[cfg(feature = "test-server")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-server")))]
pub mod testing;

pub use builder::{BuildError, RedisTokenStoreBuilder};
pub use deliveries::RedisDeliveryLog;
pub use store::RedisTokenStore;
