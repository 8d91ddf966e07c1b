//! What belongs to an API rather than to the runtime: how it answers and
//! how a call proves who it is. Interlace's envelope and OAuth flow are the
//! defaults; a client of another API (declared against its own OpenAPI file
//! with `contract = "..."`) says what that API does instead.

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue};

use crate::secret::{ExposeSecret, SecretString};

/// How the API answers.
///
/// ```
/// use interlace_runtime::{Authentication, Config, Environment, ResponseFormat};
///
/// let config = Config::builder()
///     .environment(Environment::Custom)
///     .base_url("http://127.0.0.1:8080")
///     .response_format(ResponseFormat::PlainJson)
///     .authentication(Authentication::bearer("t0ken"))
///     .build()
///     .unwrap();
/// assert_eq!(config.response_format(), ResponseFormat::PlainJson);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseFormat {
    /// Interlace's `{code, message, data}` envelope: success is the code
    /// `"000000"` on a 2xx, and the response is `data`. A 2xx with an empty
    /// body (a 204) is a success without `data`.
    #[default]
    Envelope,
    /// Plain JSON: the body of a 2xx is the response itself, and an empty
    /// body (a 204) decodes as [`crate::NoContent`]. Any other status is an
    /// [`crate::Error::Api`] whose code is the HTTP status (`"404"`) and
    /// whose message is the body's `message` or `error` field, or an excerpt.
    PlainJson,
}

/// How calls prove who they are.
///
/// Its `Debug` output never shows a token.
#[derive(Clone, Default)]
pub enum Authentication {
    /// Interlace's OAuth flow: `authorize` → `access-token` with the client
    /// id, renewed through `refresh-token`, sent as `x-access-token`, and a
    /// rejected token replaced and the call replayed once.
    #[default]
    InterlaceOAuth,
    /// `Authorization: Bearer <token>`, a token that does not change. A 401
    /// is an error of the call; nothing is replayed.
    Bearer(SecretString),
    /// A header of the API's own, such as `X-Api-Key`, with a fixed value.
    Header {
        /// The header's name.
        name: String,
        /// Its value.
        value: SecretString,
    },
    /// Nothing is sent.
    None,
}

impl Authentication {
    /// `Authorization: Bearer <token>`.
    pub fn bearer(token: impl Into<String>) -> Self {
        Self::Bearer(SecretString::from(token.into()))
    }

    /// A header of the API's own with a fixed value.
    pub fn header(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::Header {
            name: name.into(),
            value: SecretString::from(value.into()),
        }
    }

    /// Whether this is Interlace's OAuth flow, which needs the client id
    /// and secret.
    pub fn is_interlace_oauth(&self) -> bool {
        matches!(self, Self::InterlaceOAuth)
    }

    /// The fixed credential, to be masked by value in errors.
    pub(crate) fn fixed_credential(&self) -> Option<&SecretString> {
        match self {
            Self::Bearer(token) => Some(token),
            Self::Header { value, .. } => Some(value),
            Self::InterlaceOAuth | Self::None => None,
        }
    }

    /// The header a call's credential goes in and the fixed credential, if
    /// any: checked when the configuration is built, so a call never fails
    /// on it.
    pub(crate) fn scheme(&self) -> Result<Scheme, String> {
        let fixed = |value: String| {
            let mut value = HeaderValue::from_str(&value)
                .map_err(|_| "the credential is not a valid header value".to_string())?;
            value.set_sensitive(true);
            Ok::<_, String>(value)
        };
        Ok(match self {
            Self::InterlaceOAuth => Scheme::Renewable(HeaderName::from_static("x-access-token")),
            Self::Bearer(token) => Scheme::Fixed(
                reqwest::header::AUTHORIZATION,
                fixed(format!("Bearer {}", token.expose_secret()))?,
            ),
            Self::Header { name, value } => Scheme::Fixed(
                HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| format!("`{name}` is not a valid header name"))?,
                fixed(value.expose_secret().to_string())?,
            ),
            Self::None => Scheme::Nothing,
        })
    }
}

impl fmt::Debug for Authentication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InterlaceOAuth => f.write_str("InterlaceOAuth"),
            Self::Bearer(_) => f.write_str("Bearer([REDACTED])"),
            Self::Header { name, .. } => write!(f, "Header({name}: [REDACTED])"),
            Self::None => f.write_str("None"),
        }
    }
}

/// Where a call's credential comes from and which header carries it.
#[derive(Debug, Clone)]
pub(crate) enum Scheme {
    /// A token the client obtains and renews (Interlace's OAuth flow).
    Renewable(HeaderName),
    /// A fixed, already checked header.
    Fixed(HeaderName, HeaderValue),
    /// No credential.
    Nothing,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_show_in_debug() {
        let shown = format!(
            "{:?} {:?}",
            Authentication::bearer("s3cr3t-token"),
            Authentication::header("X-Api-Key", "s3cr3t-key")
        );
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("X-Api-Key"), "{shown}");
    }

    #[test]
    fn a_bad_header_is_refused_when_checked() {
        assert!(Authentication::header("bad name", "v").scheme().is_err());
        assert!(Authentication::bearer("line\nbreak").scheme().is_err());
        match Authentication::bearer("t").scheme().unwrap() {
            Scheme::Fixed(name, value) => {
                assert_eq!(name, reqwest::header::AUTHORIZATION);
                assert_eq!(value.to_str().unwrap(), "Bearer t");
                assert!(value.is_sensitive());
            }
            other => panic!("{other:?}"),
        }
    }
}
