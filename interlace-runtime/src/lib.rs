//! The runtime of the Interlace Open API toolkit.
//!
//! Users depend on the `interlace` facade crate, which re-exports what is
//! public here. This crate holds the parts every endpoint shares: the
//! [`Config`], the [`Client`] and its non-generic call path (build →
//! authenticate → send → classify → decode, one module each under
//! `pipeline/`), the envelope, the [`Error`] type, tokens and retries.

pub mod auth;
mod client;
mod clock;
mod config;
pub mod contract;
mod deliveries;
mod endpoint;
mod envelope;
mod error;
mod paging;
mod pipeline;
mod profile;
mod request;
mod retry;
pub mod secret;

pub use auth::{Acquisition, BindError, Lease, MemoryTokenStore, StoreScope, Token, TokenStore};
pub use client::{Call, Client, ClientBuilder};
pub use clock::{Clock, ManualClock, Sleep, SystemClock};
pub use config::{
    Config, ConfigBuilder, ContractCheck, DEFAULT_MAX_RESPONSE_BYTES, Environment, PRODUCTION_URL,
    SANDBOX_URL, env_vars,
};
pub use deliveries::{Claim, DeliveryLog, DeliveryLogError, MemoryDeliveryLog};
pub use endpoint::{Endpoint, EndpointMeta, HttpMethod};
pub use envelope::{FromData, NoContent};
pub use error::{
    ApiError, AuthError, CallSite, ConfigError, DecodeError, DecodeErrorKind, Error,
    InvalidRequestError, RedirectError, TimeoutError, TransportError,
};
pub use paging::{DEFAULT_PAGE_SIZE, ListPage, MAX_PAGES, Page, Paginated};
pub use profile::{Authentication, ResponseFormat};
pub use request::{FilePart, PathParam, RequestParts};
pub use retry::RetryPolicy;
