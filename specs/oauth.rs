//! Authentication: the v3 token flow.
//!
//! These three calls are written by hand in the runtime rather than declared
//! here with the attribute: the runtime's token manager makes them, and the
//! runtime can't depend on this crate (which depends on the runtime). They
//! are re-exported here so that the API surface is complete in one place.
//! You rarely call them yourself: the client gets, renews and replaces its
//! token on its own.

pub use interlace_runtime::auth::oauth::{
    AccessToken, AccessTokenData, Authorize, AuthorizeData, RefreshToken,
};
