//! The contract between a declared endpoint and the runtime.
//!
//! An [`Endpoint`] says what it is through a `'static` [`EndpointMeta`] and
//! writes its values into [`RequestParts`]. Everything after that — tokens,
//! retries, the wire, the envelope — runs in non-generic code, so the code
//! generated per endpoint stays a few lines long.

use std::fmt;

use crate::envelope::FromData;
use crate::error::Error;
use crate::request::RequestParts;

/// The HTTP methods the Interlace Open API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// The method as it appears on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Self::Get => reqwest::Method::GET,
            Self::Post => reqwest::Method::POST,
            Self::Put => reqwest::Method::PUT,
            Self::Delete => reqwest::Method::DELETE,
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Static facts about one endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointMeta {
    /// Name used in spans and errors, e.g. `create_prepaid_card`.
    pub name: &'static str,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template as declared, e.g. `/open-api/v3/cards/{card_id}/freeze`.
    pub path_template: &'static str,
    /// Whether the call carries `x-access-token`.
    pub auth: bool,
    /// Whether every call gets a fresh `Idempotency-Key`, reused on its retries.
    pub idempotent: bool,
    /// Whether the response holds credentials, so no excerpt of it may appear in errors.
    pub sensitive_response: bool,
}

impl EndpointMeta {
    /// Metadata with the defaults: authenticated, not idempotent, ordinary response.
    pub const fn new(name: &'static str, method: HttpMethod, path_template: &'static str) -> Self {
        Self {
            name,
            method,
            path_template,
            auth: true,
            idempotent: false,
            sensitive_response: false,
        }
    }

    /// Sent without `x-access-token` (the OAuth calls).
    pub const fn without_auth(mut self) -> Self {
        self.auth = false;
        self
    }

    /// Sent with a fresh `Idempotency-Key` per call.
    pub const fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// The response carries credentials.
    pub const fn sensitive_response(mut self) -> Self {
        self.sensitive_response = true;
        self
    }
}

/// One Interlace endpoint: a request type that knows how to put itself on the wire.
///
/// `#[interlace_endpoint]` implements it; hand-written implementations are a
/// few lines, as this one shows:
///
/// ```
/// use interlace_runtime::{Endpoint, EndpointMeta, Error, HttpMethod, RequestParts};
///
/// #[derive(serde::Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct FreezeCard {
///     #[serde(skip)]
///     card_id: String,
///     account_id: String,
/// }
///
/// impl Endpoint for FreezeCard {
///     type Response = interlace_runtime::NoContent;
///     const META: &'static EndpointMeta =
///         &EndpointMeta::new("freeze_card", HttpMethod::Post, "/open-api/v3/cards/{card_id}/freeze");
///     fn write_request(&self, req: &mut RequestParts) {
///         req.path("/open-api/v3/cards/");
///         req.path_param(&self.card_id);
///         req.path("/freeze");
///         req.json_body(self);
///     }
/// }
///
/// // A value that can't go on the wire is an error of the call, before anything is sent.
/// let bad = FreezeCard { card_id: String::new(), account_id: "a".into() };
/// assert!(RequestParts::of(&bad).is_err());
/// ```
pub trait Endpoint {
    /// What the envelope's `data` decodes into.
    type Response: FromData;
    /// Static facts about the endpoint.
    const META: &'static EndpointMeta;
    /// Writes path, query, headers and body.
    ///
    /// There is one error channel: the parts. A write that fails (an empty
    /// path parameter, a value that does not serialize, a header with a line
    /// break) is kept in them, and the client refuses to send parts holding
    /// one ([`RequestParts::of`]). Writers return nothing, so generated
    /// implementations are straight-line calls with no `Result` to thread
    /// through, which keeps their compile cost flat.
    fn write_request(&self, req: &mut RequestParts);
}

// Here rather than in `request/`, which knows nothing of endpoints.
impl RequestParts {
    /// The parts of `request`: written by its [`Endpoint::write_request`] and
    /// checked, so a write that failed is an error here even when the
    /// implementation ignored it.
    ///
    /// ```
    /// # use interlace_runtime::{Endpoint, EndpointMeta, Error, HttpMethod, NoContent, RequestParts};
    /// struct Ping;
    /// impl Endpoint for Ping {
    ///     type Response = NoContent;
    ///     const META: &'static EndpointMeta = &EndpointMeta::new("ping", HttpMethod::Get, "/ping");
    ///     fn write_request(&self, req: &mut RequestParts) {
    ///         req.path("/ping");
    ///     }
    /// }
    /// assert_eq!(RequestParts::of(&Ping)?.rendered_path(), "/ping");
    /// # Ok::<(), Error>(())
    /// ```
    pub fn of<E: Endpoint>(request: &E) -> Result<Self, Error> {
        let mut parts = Self::new(E::META.name);
        request.write_request(&mut parts);
        parts.check()?;
        Ok(parts)
    }
}
