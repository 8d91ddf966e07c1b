//! The hosts of the API, and what a base URL must be.

use std::net::IpAddr;

use url::Url;

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
    pub(super) fn default_url(self) -> Option<&'static str> {
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

/// Names of the environment variables [`Config::from_env`](crate::Config::from_env) reads.
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

pub(super) fn validate_base_url(raw: &str, env: Environment) -> Result<Url, String> {
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
