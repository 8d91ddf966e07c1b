//! Where the client talks to, with which credentials, and within which bounds.
//!
//! `environment.rs` holds the hosts and their rules, `builder.rs` the
//! builder that validates every setting.

mod builder;
mod environment;

use std::fmt;
use std::time::Duration;

use url::Url;

use crate::error::Error;
use crate::profile::{Authentication, ResponseFormat};
use crate::retry::RetryPolicy;
use crate::secret::SecretString;

pub use builder::{ConfigBuilder, DEFAULT_MAX_RESPONSE_BYTES};
pub use environment::{Environment, PRODUCTION_URL, SANDBOX_URL, env_vars};

/// A complete, validated client configuration. Build one with
/// [`Config::builder`] or [`Config::from_env`].
///
/// Its `Debug` output never shows the client secret.
#[derive(Clone)]
pub struct Config {
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
    pub(crate) environment: Environment,
    pub(crate) base_url: Url,
    pub(crate) connect_timeout: Duration,
    pub(crate) request_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: usize,
    pub(crate) token_error_codes: Vec<String>,
    pub(crate) renew_margin: Duration,
    pub(crate) renew_jitter: Duration,
    pub(crate) user_agent: String,
    pub(crate) response_format: ResponseFormat,
    pub(crate) authentication: Authentication,
    pub(crate) contract_check: ContractCheck,
}

/// Whether the client compares each success answer's `data` with the API
/// contract bundled in `interlace-contract`, to find where the live API
/// differs from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ContractCheck {
    /// No check: nothing is done per call (the default).
    #[default]
    Off,
    /// One `tracing` warning per finding (`event = "contract_drift"`, with
    /// the operation, the JSON pointer and the kind; never the values); the
    /// call succeeds as it would have.
    Warn,
    /// As `Warn`, and a contradiction (a missing required field, a wrong
    /// kind, an unknown enum value) fails the call with
    /// [`crate::DecodeErrorKind::ContractDrift`]: for tests.
    Fail,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("environment", &self.environment)
            .field("base_url", &self.base_url.as_str())
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("token_error_codes", &self.token_error_codes)
            .field("renew_margin", &self.renew_margin)
            .field("user_agent", &self.user_agent)
            .field("response_format", &self.response_format)
            .field("authentication", &self.authentication)
            .field("contract_check", &self.contract_check)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// A builder with the defaults.
    ///
    /// ```
    /// use interlace_runtime::{Config, Environment};
    ///
    /// let config = Config::builder()
    ///     .client_id("interlace0123456789abcdef")
    ///     .client_secret("0123456789abcdef0123456789abcdef")
    ///     .environment(Environment::Sandbox)
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(config.base_url().as_str(), "https://api-sandbox.interlace.money/");
    /// assert!(!format!("{config:?}").contains("0123456789abcdef0123456789abcdef"));
    /// ```
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Reads `INTERLACE_CLIENT_ID`, `INTERLACE_CLIENT_SECRET`, `INTERLACE_ENV`
    /// and `INTERLACE_BASE_URL` from the process environment.
    pub fn from_env() -> Result<Self, Error> {
        Self::builder_from_lookup(|k| std::env::var(k).ok())?.build()
    }

    /// A builder filled from `lookup` (a stand-in for the environment), to be
    /// completed with other settings. Errors name the variable at fault.
    pub fn builder_from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<ConfigBuilder, Error> {
        let mut b = ConfigBuilder::named_by_env_vars();
        if let Some(id) = lookup(env_vars::CLIENT_ID) {
            b = b.client_id(id);
        }
        if let Some(secret) = lookup(env_vars::CLIENT_SECRET) {
            b = b.client_secret(secret);
        }
        if let Some(env) = lookup(env_vars::ENV).filter(|v| !v.trim().is_empty()) {
            let env = env.parse().map_err(|m| Error::config(env_vars::ENV, m))?;
            b = b.environment(env);
        }
        if let Some(url) = lookup(env_vars::BASE_URL).filter(|v| !v.trim().is_empty()) {
            b = b.base_url(url);
        }
        Ok(b)
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client secret, for verifying webhooks and decrypting card data.
    pub fn client_secret(&self) -> &SecretString {
        &self.client_secret
    }

    /// The environment.
    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// The base URL every path is joined to.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// How the API answers.
    pub fn response_format(&self) -> ResponseFormat {
        self.response_format
    }

    /// How calls authenticate.
    pub fn authentication(&self) -> &Authentication {
        &self.authentication
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> ConfigBuilder {
        Config::builder()
            .client_id("interlace0011223344556677")
            .client_secret("s3cr3t-value-000")
    }

    fn field_of(err: Error) -> String {
        match err {
            Error::Config(c) => c.field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn environments_pick_their_hosts() {
        assert_eq!(
            base().build().unwrap().base_url().as_str(),
            "https://api-sandbox.interlace.money/"
        );
        let prod = base().environment(Environment::Production).build().unwrap();
        assert_eq!(prod.base_url().as_str(), "https://api.interlace.money/");
        let custom = base()
            .environment(Environment::Custom)
            .base_url("http://10.1.2.3:99/x/")
            .build()
            .unwrap();
        assert_eq!(custom.base_url().as_str(), "http://10.1.2.3:99/x/");
        assert_eq!(
            field_of(base().environment(Environment::Custom).build().unwrap_err()),
            "base_url"
        );
    }

    #[test]
    fn production_refuses_plain_http_except_loopback() {
        let err = base()
            .environment(Environment::Production)
            .base_url("http://api.interlace.money")
            .build();
        assert_eq!(field_of(err.unwrap_err()), "base_url");
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
        ] {
            base()
                .environment(Environment::Production)
                .base_url(ok)
                .build()
                .unwrap();
        }
        base()
            .environment(Environment::Sandbox)
            .base_url("http://sandbox.local")
            .build()
            .unwrap();
        assert_eq!(
            field_of(base().base_url("ftp://x").build().unwrap_err()),
            "base_url"
        );
        assert_eq!(
            field_of(base().base_url("not a url").build().unwrap_err()),
            "base_url"
        );
    }

    #[test]
    fn missing_and_malformed_settings_name_the_field() {
        assert_eq!(
            field_of(Config::builder().build().unwrap_err()),
            "client_id"
        );
        assert_eq!(
            field_of(Config::builder().client_id("a b").build().unwrap_err()),
            "client_id"
        );
        assert_eq!(
            field_of(Config::builder().client_id("abc").build().unwrap_err()),
            "client_secret"
        );
        assert_eq!(
            field_of(base().request_timeout(Duration::ZERO).build().unwrap_err()),
            "request_timeout"
        );
    }

    #[test]
    fn environment_variables_are_read_and_named_in_errors() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let config = Config::builder_from_lookup(vars(&[
            ("INTERLACE_CLIENT_ID", "qbit0011223344556677"),
            ("INTERLACE_CLIENT_SECRET", "abc"),
            ("INTERLACE_ENV", "production"),
            ("INTERLACE_BASE_URL", "https://example.test"),
        ]))
        .unwrap()
        .build()
        .unwrap();
        assert_eq!(config.environment(), Environment::Production);
        assert_eq!(config.base_url().as_str(), "https://example.test/");

        let err = Config::builder_from_lookup(vars(&[("INTERLACE_ENV", "prod")])).unwrap_err();
        assert_eq!(field_of(err), "INTERLACE_ENV");
        let err = Config::builder_from_lookup(vars(&[("INTERLACE_CLIENT_ID", "x")]))
            .unwrap()
            .build()
            .unwrap_err();
        assert_eq!(field_of(err), "INTERLACE_CLIENT_SECRET");
        let err = Config::builder_from_lookup(vars(&[
            ("INTERLACE_CLIENT_ID", "x"),
            ("INTERLACE_CLIENT_SECRET", "y"),
            ("INTERLACE_BASE_URL", "::"),
        ]))
        .unwrap()
        .build()
        .unwrap_err();
        assert_eq!(field_of(err), "INTERLACE_BASE_URL");
    }

    #[test]
    fn debug_hides_the_secret() {
        let c = base().build().unwrap();
        assert!(!format!("{c:?}").contains("s3cr3t-value-000"));
        let b = base();
        assert!(!format!("{b:?}").contains("s3cr3t-value-000"));
    }
}
