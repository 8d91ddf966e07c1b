use std::time::{Duration, SystemTime};

use crate::secret::{ExposeSecret, SecretString};

/// An access token with its refresh token and timing. `Debug` shows neither token.
#[derive(Debug, Clone)]
pub struct Token {
    /// Value of the `x-access-token` header.
    pub access_token: SecretString,
    /// Refresh token, when the API gave one.
    pub refresh_token: Option<SecretString>,
    /// When the API said the token stops working.
    pub expires_at: SystemTime,
    /// When the client starts renewing it: a margin (with jitter) before expiry.
    pub renew_at: SystemTime,
}

impl Token {
    /// A token obtained at `now` that lives `expires_in`, renewed `lead` before
    /// expiry, and never later than half its life.
    pub fn new(
        access_token: SecretString,
        refresh_token: Option<SecretString>,
        now: SystemTime,
        expires_in: Duration,
        lead: Duration,
    ) -> Self {
        let lead = lead.min(expires_in / 2);
        Self {
            access_token,
            refresh_token,
            expires_at: now + expires_in,
            renew_at: now + (expires_in - lead),
        }
    }

    /// Whether the token can still be used as it is at `now`.
    pub fn is_fresh(&self, now: SystemTime) -> bool {
        now < self.renew_at
    }

    /// Whether the API still accepts it: before `expires_at`. Between
    /// `renew_at` and `expires_at` it is used while a renewal runs.
    pub fn is_usable(&self, now: SystemTime) -> bool {
        now < self.expires_at
    }

    /// Whether both hold the same access token.
    pub fn same_access_token(&self, other: &SecretString) -> bool {
        self.access_token.expose_secret() == other.expose_secret()
    }
}
