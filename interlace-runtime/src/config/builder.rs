//! [`ConfigBuilder`]: every setting with its default, validated at once.

use std::fmt;
use std::time::Duration;

use super::ContractCheck;
use super::environment::validate_base_url;
use super::{Config, Environment, env_vars};
use crate::error::Error;
use crate::profile::{Authentication, ResponseFormat};
use crate::retry::RetryPolicy;
use crate::secret::SecretString;

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
    response_format: Option<ResponseFormat>,
    authentication: Option<Authentication>,
    contract_check: ContractCheck,
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
    /// A builder whose errors name environment variables, not fields.
    pub(super) fn named_by_env_vars() -> Self {
        Self {
            naming: Naming::EnvVars,
            ..Self::default()
        }
    }

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

    /// How the API answers; [`ResponseFormat::Envelope`] (Interlace's) by default.
    pub fn response_format(mut self, format: ResponseFormat) -> Self {
        self.response_format = Some(format);
        self
    }

    /// Whether answers are compared with the bundled API contract before
    /// they are decoded; [`ContractCheck::Off`] by default.
    ///
    /// ```
    /// use interlace_runtime::{Config, ContractCheck};
    ///
    /// let config = Config::builder()
    ///     .client_id("interlace0123456789abcdef")
    ///     .client_secret("f0e1d2c3b4a5968778695a4b3c2d1e0f")
    ///     .contract_check(ContractCheck::Warn)
    ///     .build()?;
    /// # Ok::<(), interlace_runtime::Error>(())
    /// ```
    pub fn contract_check(mut self, check: ContractCheck) -> Self {
        self.contract_check = check;
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
            response_format: self.response_format.unwrap_or_default(),
            authentication,
            contract_check: self.contract_check,
        })
    }
}
