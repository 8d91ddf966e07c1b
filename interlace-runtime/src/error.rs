//! The one public error type of the toolkit.
//!
//! Every failure, from a bad setting to an HTML page where JSON was expected,
//! ends up as an [`Error`]. Each variant boxes its details so that
//! `Result<T, Error>` stays one pointer wide on the happy path.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::secret::KnownSecrets;

/// Where a failed call was going: the endpoint's name and the rendered path.
///
/// The path never carries the query string, so client ids and filters stay
/// out of error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSite {
    /// Name of the endpoint, for example `create_prepaid_card`.
    pub endpoint: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path with placeholders filled, without the query string.
    pub path: String,
}

#[cfg(test)]
impl CallSite {
    /// A call site for unit tests.
    pub(crate) fn for_tests() -> Self {
        Self {
            endpoint: "t",
            method: "GET",
            path: "/t".into(),
        }
    }
}

impl fmt::Display for CallSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} {})", self.endpoint, self.method, self.path)
    }
}

/// Any failure of the toolkit. Match on the variant to handle a case.
///
/// ```
/// # use interlace_runtime::Error;
/// fn handle(err: &Error) -> &'static str {
///     match err {
///         Error::Api(api) if api.code == "010787" => "cardholder needs KYC first",
///         e if e.is_retryable() => "try again later",
///         _ => "give up",
///     }
/// }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an envelope whose `code` is not success.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request could not be sent or the answer could not be read.
    #[error(transparent)]
    Transport(Box<TransportError>),
    /// The request or the connection took longer than allowed.
    #[error(transparent)]
    Timeout(Box<TimeoutError>),
    /// The answer was not the JSON that was expected.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// No valid access token could be had, or the API kept rejecting it.
    #[error(transparent)]
    Auth(Box<AuthError>),
    /// A setting is missing or malformed.
    #[error(transparent)]
    Config(Box<ConfigError>),
    /// The request built from the caller's values can't be sent as is.
    #[error(transparent)]
    InvalidRequest(Box<InvalidRequestError>),
    /// The server answered with a redirect, which the client never follows.
    #[error(transparent)]
    Redirect(Box<RedirectError>),
}

/// An envelope with a non-success `code`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("Interlace API error {code} ({message}) from {site}, HTTP {status}")]
pub struct ApiError {
    /// The envelope code as a string. A code of digits is zero-padded to six
    /// of them, so `10787` sent as a JSON number reads `"010787"`, as the
    /// reference writes it; other codes are kept as sent.
    pub code: String,
    /// The envelope message.
    pub message: String,
    /// HTTP status of the answer.
    pub status: u16,
    /// Where the call was going.
    pub site: CallSite,
}

/// A connection or protocol failure below the envelope.
#[derive(Debug, thiserror::Error)]
#[error("could not reach the Interlace API for {site}: {reason}")]
pub struct TransportError {
    /// Where the call was going.
    pub site: CallSite,
    /// Short description.
    pub reason: String,
    /// Underlying error.
    #[source]
    pub source: Option<reqwest::Error>,
}

/// The call did not finish in time.
#[derive(Debug, thiserror::Error)]
#[error("{site} timed out after {after:?}")]
pub struct TimeoutError {
    /// Where the call was going.
    pub site: CallSite,
    /// The timeout that was in force.
    pub after: Duration,
}

/// What was wrong with a body that could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is not JSON at all (an HTML error page, for example).
    NotJson,
    /// The body stops in the middle of a JSON value.
    Truncated,
    /// The body is JSON but not a `{code, message, data}` envelope.
    NotAnEnvelope,
    /// The envelope's `data` does not match the declared response type.
    DataMismatch,
    /// The body is larger than the configured cap.
    TooLarge,
    /// `data` contradicts the API contract ([`crate::ContractCheck::Fail`]).
    ContractDrift,
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotJson => "body is not JSON",
            Self::Truncated => "body ends in the middle of a JSON value",
            Self::NotAnEnvelope => "body is not a {code, message, data} envelope",
            Self::DataMismatch => "data does not match the declared response type",
            Self::TooLarge => "body is larger than the configured limit",
            Self::ContractDrift => "data contradicts the API contract",
        })
    }
}

/// A body that could not be decoded, with a short excerpt of it.
#[derive(Debug, thiserror::Error)]
#[error("could not decode the answer of {site} (HTTP {status}): {kind}; excerpt: {excerpt:?}")]
pub struct DecodeError {
    /// Where the call was going.
    pub site: CallSite,
    /// HTTP status of the answer.
    pub status: u16,
    /// What was wrong.
    pub kind: DecodeErrorKind,
    /// At most a few hundred characters of the body, with secret values masked.
    pub excerpt: String,
    /// The parser's error, when there is one.
    #[source]
    pub source: Option<serde_json::Error>,
}

/// Token acquisition failed, or the API rejected a fresh token.
#[derive(Debug, thiserror::Error)]
#[error("authentication failed: {reason}")]
pub struct AuthError {
    /// Short description.
    pub reason: String,
    /// The failure behind it, shared with every caller that waited on the same acquisition.
    #[source]
    pub source: Option<Arc<Error>>,
}

/// A missing or malformed setting.
#[derive(Debug, Clone, thiserror::Error)]
#[error("invalid configuration `{field}`: {message}")]
pub struct ConfigError {
    /// The builder field or environment variable at fault.
    pub field: String,
    /// What is wrong and what is expected.
    pub message: String,
}

/// A request value that can't be put on the wire.
#[derive(Debug, thiserror::Error)]
#[error("invalid request for {endpoint}: {message}")]
pub struct InvalidRequestError {
    /// Name of the endpoint.
    pub endpoint: &'static str,
    /// What is wrong.
    pub message: String,
}

/// The server answered with a 3xx.
#[derive(Debug, thiserror::Error)]
#[error("{site} answered with redirect HTTP {status} to {location:?}; redirects are not followed")]
pub struct RedirectError {
    /// Where the call was going.
    pub site: CallSite,
    /// HTTP status.
    pub status: u16,
    /// Scheme, host and path of the `Location` header, without its query string.
    pub location: Option<String>,
}

/// serde's messages quote the value they choke on (`invalid type: string
/// "4111…", expected u32`): the error is rebuilt with its message masked.
/// Its place ("at line 1 column 30") stays in the text.
fn mask_parser_error(error: serde_json::Error, known: &KnownSecrets) -> serde_json::Error {
    let text = error.to_string();
    let masked = known.mask(&text);
    if masked == text {
        error
    } else {
        <serde_json::Error as serde::de::Error>::custom(masked)
    }
}

impl Error {
    /// A configuration error naming `field`.
    pub fn config(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Config(Box::new(ConfigError {
            field: field.into(),
            message: message.into(),
        }))
    }

    /// An invalid-request error for `endpoint`.
    pub fn invalid_request(endpoint: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidRequest(Box::new(InvalidRequestError {
            endpoint,
            message: message.into(),
        }))
    }

    pub(crate) fn auth(reason: impl Into<String>, source: Option<Arc<Error>>) -> Self {
        Self::Auth(Box::new(AuthError {
            reason: reason.into(),
            source,
        }))
    }

    /// This error with every text that came from the network (or may hold a
    /// caller's value) masked by `known`: by value, then by shape and name.
    /// Applied where an error leaves the call path, so no constructor can
    /// forget it; masking twice changes nothing.
    pub(crate) fn masked(self, known: &KnownSecrets) -> Self {
        match self {
            Self::Api(mut e) => {
                e.message = known.mask(&e.message);
                Self::Api(e)
            }
            Self::Decode(mut e) => {
                e.excerpt = known.mask(&e.excerpt);
                e.source = e.source.map(|source| mask_parser_error(source, known));
                Self::Decode(e)
            }
            Self::Redirect(mut e) => {
                e.location = e.location.map(|l| known.mask(&l));
                Self::Redirect(e)
            }
            Self::Auth(mut e) => {
                e.reason = known.mask(&e.reason);
                e.source = e.source.map(|source| match Arc::try_unwrap(source) {
                    Ok(inner) => Arc::new(inner.masked(known)),
                    // Shared with other callers: it left the call path that
                    // made it, masked, already.
                    Err(shared) => shared,
                });
                Self::Auth(e)
            }
            Self::InvalidRequest(mut e) => {
                e.message = known.mask(&e.message);
                Self::InvalidRequest(e)
            }
            other => other,
        }
    }

    /// The envelope code of an API error, normalised as [`ApiError::code`] says.
    pub fn api_code(&self) -> Option<&str> {
        match self {
            Self::Api(e) => Some(&e.code),
            _ => None,
        }
    }

    /// HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(e) => Some(e.status),
            Self::Decode(e) => Some(e.status),
            Self::Redirect(e) => Some(e.status),
            _ => None,
        }
    }

    /// Where the failed call was going, when the failure belongs to a call.
    pub fn call_site(&self) -> Option<&CallSite> {
        match self {
            Self::Api(e) => Some(&e.site),
            Self::Transport(e) => Some(&e.site),
            Self::Timeout(e) => Some(&e.site),
            Self::Decode(e) => Some(&e.site),
            Self::Redirect(e) => Some(&e.site),
            _ => None,
        }
    }

    /// Whether trying the same call later may succeed: connection failures,
    /// timeouts, and HTTP 429, 502, 503 and 504.
    ///
    /// The client has already retried what it safely could; this tells the
    /// caller whether a retry at a higher level makes sense.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport(_) | Self::Timeout(_) => true,
            Self::Api(e) => crate::retry::is_retryable_status(e.status),
            Self::Decode(e) => crate::retry::is_retryable_status(e.status),
            Self::Auth(e) => e.source.as_deref().is_some_and(Error::is_retryable),
            _ => false,
        }
    }
}
