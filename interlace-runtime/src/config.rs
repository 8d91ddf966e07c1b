//! Where the client talks to, with which credentials, and within which bounds.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::auth::{MemoryTokenStore, TokenStore};
use crate::clock::{Clock, SystemClock};
use crate::error::Error;
use crate::profile::{Authentication, ResponseFormat};
use crate::retry::RetryPolicy;
use crate::secret::SecretString;

/// Host of the Interlace sandbox.
pub const SANDBOX_URL: &str = "https://api-sandbox.interlace.money";
/// Host of Interlace production.
///
/// **Not confirmed by the public docs**: it comes from third-party clients.
/// Set a base URL explicitly if Interlace gives you another one.
pub const PRODUCTION_URL: &str = "https://api.interlace.money";

/// Which Interlace deployment the client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Environment {
    /// `https://api-sandbox.interlace.money`.
    #[default]
    Sandbox,
    /// `https://api.interlace.money` (not confirmed by the public docs). Only
    /// `https` base URLs are accepted, loopback excepted.
    Production,
    /// Any other server, for example a local emulator; a base URL is required.
    Custom,
}

impl Environment {
    fn default_url(self) -> Option<&'static str> {
        match self {
            Self::Sandbox => Some(SANDBOX_URL),
            Self::Production => Some(PRODUCTION_URL),
            Self::Custom => None,
        }
    }
}

impl std::str::FromStr for Environment {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sandbox" => Ok(Self::Sandbox),
            "production" => Ok(Self::Production),
            "custom" => Ok(Self::Custom),
            other => Err(format!(
                "expected `sandbox`, `production` or `custom`, got `{other}`"
            )),
        }
    }
}

/// Names of the environment variables [`Config::from_env`] reads.
pub mod env_vars {
    /// The client id (`qbit…` / `interlace…`).
    pub const CLIENT_ID: &str = "INTERLACE_CLIENT_ID";
    /// The client secret.
    pub const CLIENT_SECRET: &str = "INTERLACE_CLIENT_SECRET";
    /// `sandbox` (default) or `production`.
    pub const ENV: &str = "INTERLACE_ENV";
    /// Overrides the host of the environment.
    pub const BASE_URL: &str = "INTERLACE_BASE_URL";
}

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
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) token_store: Arc<dyn TokenStore>,
    pub(crate) response_format: ResponseFormat,
    pub(crate) authentication: Authentication,
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
        let mut b = ConfigBuilder {
            naming: Naming::EnvVars,
            ..ConfigBuilder::default()
        };
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Naming {
    #[default]
    Fields,
    EnvVars,
}

/// Builds a [`Config`]; every setting but the credentials has a default.
#[derive(Default)]
#[must_use]
pub struct ConfigBuilder {
    naming: Naming,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    environment: Option<Environment>,
    base_url: Option<String>,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    max_response_bytes: Option<usize>,
    token_error_codes: Option<Vec<String>>,
    renew_margin: Option<Duration>,
    renew_jitter: Option<Duration>,
    user_agent: Option<String>,
    clock: Option<Arc<dyn Clock>>,
    token_store: Option<Arc<dyn TokenStore>>,
    response_format: Option<ResponseFormat>,
    authentication: Option<Authentication>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("environment", &self.environment)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// Default for [`ConfigBuilder::max_response_bytes`]: 4 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;

impl ConfigBuilder {
    /// The client id. Required.
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.client_id = Some(id.into());
        self
    }

    /// The client secret. Required.
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::from(secret.into()));
        self
    }

    /// The environment; default [`Environment::Sandbox`].
    pub fn environment(mut self, env: Environment) -> Self {
        self.environment = Some(env);
        self
    }

    /// Overrides the environment's host, e.g. `http://127.0.0.1:8080` for a
    /// local emulator. Required for [`Environment::Custom`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Connect timeout; default 5 s.
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = Some(t);
        self
    }

    /// Timeout of one attempt, from sending to the last byte; default 30 s.
    pub fn request_timeout(mut self, t: Duration) -> Self {
        self.request_timeout = Some(t);
        self
    }

    /// Retry bounds; default [`RetryPolicy::default`].
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Largest body read from an answer; larger ones are refused while
    /// reading. Default [`DEFAULT_MAX_RESPONSE_BYTES`].
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = Some(n);
        self
    }

    /// Envelope codes that mean "this access token is invalid or expired".
    ///
    /// The public docs name none, so the default is empty and only HTTP 401
    /// triggers a new token. A call answered with one of these codes gets a
    /// new token and is replayed once. Codes of digits compare as six digits,
    /// so `"10787"` here matches `10787` and `"010787"` on the wire.
    pub fn token_error_codes<I, S>(mut self, codes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.token_error_codes = Some(codes.into_iter().map(Into::into).collect());
        self
    }

    /// How long before expiry a token is renewed; default 5 min.
    pub fn renew_margin(mut self, d: Duration) -> Self {
        self.renew_margin = Some(d);
        self
    }

    /// Up to this much is added at random to the margin, so that a fleet
    /// does not renew at the same instant; default 30 s.
    pub fn renew_jitter(mut self, d: Duration) -> Self {
        self.renew_jitter = Some(d);
        self
    }

    /// Replaces the user agent (default `interlace-rs/<version>`).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }

    /// Replaces the clock, for tests.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Replaces the in-memory token store, e.g. to share one token across processes.
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.token_store = Some(store);
        self
    }

    /// How the API answers; [`ResponseFormat::Envelope`] (Interlace's) by default.
    pub fn response_format(mut self, format: ResponseFormat) -> Self {
        self.response_format = Some(format);
        self
    }

    /// How calls authenticate; [`Authentication::InterlaceOAuth`] by
    /// default. With any other, the client id and secret are optional.
    pub fn authentication(mut self, authentication: Authentication) -> Self {
        self.authentication = Some(authentication);
        self
    }

    fn name(&self, field: &'static str, var: &'static str) -> &'static str {
        match self.naming {
            Naming::Fields => field,
            Naming::EnvVars => var,
        }
    }

    /// Validates and builds the configuration.
    pub fn build(self) -> Result<Config, Error> {
        use secrecy::ExposeSecret;

        let authentication = self.authentication.clone().unwrap_or_default();
        authentication
            .scheme()
            .map_err(|m| Error::config("authentication", m))?;
        let oauth = authentication.is_interlace_oauth();
        let id_name = self.name("client_id", env_vars::CLIENT_ID);
        let client_id = match self.client_id.clone() {
            Some(id) => id,
            None if !oauth => "none".to_string(),
            None => {
                return Err(Error::config(
                    id_name,
                    "missing; set the client id Interlace gave you",
                ));
            }
        };
        if client_id.trim().is_empty()
            || client_id
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::config(
                id_name,
                "must be non-empty and contain no whitespace",
            ));
        }
        let secret_name = self.name("client_secret", env_vars::CLIENT_SECRET);
        let client_secret = match self.client_secret.clone() {
            Some(secret) => secret,
            None if !oauth => SecretString::from("none"),
            None => {
                return Err(Error::config(
                    secret_name,
                    "missing; set the client secret Interlace gave you",
                ));
            }
        };
        if client_secret.expose_secret().trim().is_empty() {
            return Err(Error::config(secret_name, "must be non-empty"));
        }

        let environment = self.environment.unwrap_or_default();
        let url_name = self.name("base_url", env_vars::BASE_URL);
        let raw_url = match (&self.base_url, environment.default_url()) {
            (Some(url), _) => url.clone(),
            (None, Some(url)) => url.to_string(),
            (None, None) => {
                return Err(Error::config(
                    url_name,
                    "required for the custom environment",
                ));
            }
        };
        let base_url =
            validate_base_url(&raw_url, environment).map_err(|m| Error::config(url_name, m))?;

        let request_timeout = self.request_timeout.unwrap_or(Duration::from_secs(30));
        let connect_timeout = self.connect_timeout.unwrap_or(Duration::from_secs(5));
        for (name, t) in [
            ("request_timeout", request_timeout),
            ("connect_timeout", connect_timeout),
        ] {
            if t.is_zero() {
                return Err(Error::config(name, "must be greater than zero"));
            }
        }
        let retry = self.retry.unwrap_or_default();
        if retry.max_attempts == 0 {
            return Err(Error::config(
                "retry_policy.max_attempts",
                "must be at least 1",
            ));
        }
        let max_response_bytes = self
            .max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES);
        if max_response_bytes < 1024 {
            return Err(Error::config("max_response_bytes", "must be at least 1024"));
        }

        Ok(Config {
            client_id,
            client_secret,
            environment,
            base_url,
            connect_timeout,
            request_timeout,
            retry,
            max_response_bytes,
            token_error_codes: self.token_error_codes.unwrap_or_default(),
            renew_margin: self.renew_margin.unwrap_or(Duration::from_secs(300)),
            renew_jitter: self.renew_jitter.unwrap_or(Duration::from_secs(30)),
            user_agent: self
                .user_agent
                .unwrap_or_else(|| format!("interlace-rs/{}", env!("CARGO_PKG_VERSION"))),
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            token_store: self
                .token_store
                .unwrap_or_else(|| Arc::new(MemoryTokenStore::default())),
            response_format: self.response_format.unwrap_or_default(),
            authentication,
        })
    }
}

fn validate_base_url(raw: &str, env: Environment) -> Result<Url, String> {
    let mut url = Url::parse(raw.trim()).map_err(|e| format!("`{raw}` is not a URL: {e}"))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("`{raw}` must not have a query or fragment"));
    }
    let host = url
        .host_str()
        .ok_or_else(|| format!("`{raw}` has no host"))?
        .to_owned();
    match url.scheme() {
        "https" => {}
        "http" => {
            if env == Environment::Production && !is_loopback(&host) {
                return Err(format!(
                    "`{raw}` is plain http; production accepts only https (http is allowed for loopback addresses)"
                ));
            }
        }
        other => return Err(format!("scheme `{other}` is not supported; use https")),
    }
    // Paths are joined onto the base, so it must end with exactly one slash.
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&format!("{path}/"));
    Ok(url)
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
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
