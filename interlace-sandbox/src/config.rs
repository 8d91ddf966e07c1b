//! The settings an emulator starts with.

use std::time::Duration;

use rust_decimal::Decimal;

/// Settings of an emulator.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The only client id it accepts.
    pub client_id: String,
    /// The secret it signs webhooks with.
    pub client_secret: String,
    /// Lifetime of access tokens (`expiresIn`); default 86400 s.
    pub token_lifetime: Duration,
    /// Lifetime of authorization codes; default 5 min.
    pub code_lifetime: Duration,
    /// Starting balance of the master Infinity Account; default 10000.00.
    pub master_balance: Decimal,
    /// Webhook delivery attempts; default 3.
    pub webhook_attempts: u32,
    /// Wait between webhook attempts; default 200 ms (Interlace waits 10 s and more).
    pub webhook_retry_delay: Duration,
    /// How long a purchase waits for the authorization endpoint before it
    /// is declined; default 2 s, as Interlace waits.
    pub authorization_timeout: Duration,
    /// Also refuse query parameters the contract does not list; default off.
    pub strict: bool,
    /// Append every request, as a JSON line, to this file.
    pub request_log: Option<std::path::PathBuf>,
    /// How many of the latest requests [`crate::Sandbox::requests`] keeps; default
    /// 10,000 (the request log keeps them all).
    pub request_history: usize,
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .field("token_lifetime", &self.token_lifetime)
            .finish_non_exhaustive()
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            client_id: "interlace5a4d3c2b1a0f9e8d".into(),
            client_secret: "5f4dcc3b5aa765d61d8327deb882cf99".into(),
            token_lifetime: Duration::from_secs(86_400),
            code_lifetime: Duration::from_secs(300),
            master_balance: Decimal::new(1_000_000, 2),
            webhook_attempts: 3,
            webhook_retry_delay: Duration::from_millis(200),
            authorization_timeout: Duration::from_secs(2),
            strict: false,
            request_log: None,
            request_history: 10_000,
        }
    }
}
