//! Real-time authorization decisions: Interlace asks your server to approve
//! or decline each card authorization, and declines by default when no
//! answer comes within 2 seconds
//! (/docs/real-time-transaction-authorization-decision-interface-documentation).
//!
//! The request is documented: `{id, businessType: "authorization", data,
//! sign}`, with the fields of [`Authorization`] in `data` and 64 hex digits
//! in `sign`. Two things are **not** on the page, so both are yours to set:
//!
//! - what `sign` covers: choose a [`SignaturePolicy`]. The toolkit offers
//!   [`SignaturePolicy::hmac_sha256_hex_of_data`] (hex HMAC-SHA256 of the raw
//!   `data` JSON, keyed with the client secret), which is what the emulator
//!   signs with, and [`SignaturePolicy::verify`] for the scheme Interlace
//!   gives you;
//! - the answer's shape: [`DecisionFormat`]; the default
//!   ([`DecisionFormat::envelope`]) is the toolkit's guess, and what the
//!   emulator reads.
//!
//! The receiver for axum is [`axum::AuthorizationReceiver`] (feature `axum`).

use std::fmt;
use std::sync::Arc;

use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::value::RawValue;
use sha2::Sha256;

use crate::types::{AccountId, Amount, CardId};

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;

/// `businessType` of an authorization request.
pub const BUSINESS_TYPE: &str = "authorization";

/// The authorization Interlace asks you to decide on (`data`). `Debug`
/// shows the card id's last four characters only.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Authorization {
    pub id: String,
    pub card_id: CardId,
    /// As sent (epoch milliseconds in the samples of other events).
    pub create_time: String,
    pub account_id: AccountId,
    /// The underlying bank transaction id.
    pub source_id: String,
    /// `authorization`.
    pub transaction_type: String,
    /// Interlace's transaction id.
    pub transaction_id: String,
    pub transaction_amount: Amount,
    pub transaction_currency: String,
    /// The settlement amount, when known.
    #[serde(default)]
    pub bill_amount: Option<Amount>,
    /// The settlement currency (USD), when known.
    #[serde(default)]
    pub bill_currency: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
    pub merchant_name: String,
    pub mcc: String,
    #[serde(default)]
    pub mcc_category: Option<String>,
    #[serde(default)]
    pub merchant_city: Option<String>,
    #[serde(default)]
    pub merchant_country: Option<String>,
    #[serde(default)]
    pub merchant_state: Option<String>,
    #[serde(default)]
    pub merchant_zipcode: Option<String>,
    #[serde(default)]
    pub merchant_mid: Option<String>,
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let card = self.card_id.as_str();
        let tail = &card[card.len().saturating_sub(4)..];
        f.debug_struct("Authorization")
            .field("id", &self.id)
            .field("card_id", &format_args!("…{tail}"))
            .field("account_id", &self.account_id)
            .field("transaction_id", &self.transaction_id)
            .field("transaction_amount", &self.transaction_amount)
            .field("transaction_currency", &self.transaction_currency)
            .field("merchant_name", &self.merchant_name)
            .field("mcc", &self.mcc)
            .finish_non_exhaustive()
    }
}

/// The whole request: the authorization and what came with it.
#[derive(Clone)]
#[non_exhaustive]
pub struct AuthorizationRequest {
    /// The request's id (not the transaction's).
    pub id: String,
    pub authorization: Authorization,
    sign: String,
    data: Box<RawValue>,
}

impl fmt::Debug for AuthorizationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationRequest")
            .field("id", &self.id)
            .field("authorization", &self.authorization)
            .field("sign", &"[REDACTED]")
            .finish()
    }
}

impl AuthorizationRequest {
    /// Reads a request body. The raw `data` is kept for the signature.
    pub fn parse(body: &[u8]) -> Result<Self, AuthorizationRejection> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            id: String,
            business_type: String,
            data: Box<RawValue>,
            sign: String,
        }
        let wire: Wire = serde_json::from_slice(body).map_err(|e| malformed(&e.to_string()))?;
        if wire.business_type != BUSINESS_TYPE {
            return Err(malformed(&format!(
                "businessType is `{}`, not `{BUSINESS_TYPE}`",
                wire.business_type
            )));
        }
        let authorization: Authorization =
            serde_json::from_str(wire.data.get()).map_err(|e| malformed(&format!("data: {e}")))?;
        Ok(Self {
            id: wire.id,
            authorization,
            sign: wire.sign,
            data: wire.data,
        })
    }

    /// The `sign` as received.
    pub fn sign(&self) -> &str {
        &self.sign
    }

    /// The `data` JSON exactly as received.
    pub fn raw_data(&self) -> &str {
        self.data.get()
    }
}

/// Your answer to an authorization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Let the purchase go through.
    Approve,
    /// Refuse it, optionally saying why.
    Decline {
        /// Why, for your records and Interlace's.
        reason: Option<String>,
    },
}

impl Decision {
    /// A decline with a reason.
    pub fn decline(reason: impl Into<String>) -> Self {
        Self::Decline {
            reason: Some(reason.into()),
        }
    }

    /// Whether this approves.
    pub fn is_approve(&self) -> bool {
        matches!(self, Self::Approve)
    }
}

/// A check of a request's `sign`, given the parsed request.
pub type SignCheck = Arc<dyn Fn(&AuthorizationRequest) -> bool + Send + Sync>;

/// How a receiver checks where a request comes from. The page does not say
/// what `sign` covers, so there is no default: choose one.
#[derive(Clone)]
#[non_exhaustive]
pub enum SignaturePolicy {
    /// Accept when the check says the `sign` is right.
    Verify(SignCheck),
    /// Accept unchecked. Anyone who reaches the endpoint can then approve
    /// purchases: only behind an allow-list of Interlace's IPs, if at all.
    AcceptUnverified,
}

impl fmt::Debug for SignaturePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Verify(_) => "Verify(..)",
            Self::AcceptUnverified => "AcceptUnverified",
        })
    }
}

impl SignaturePolicy {
    /// Your own check, for the scheme Interlace tells you.
    pub fn verify(check: impl Fn(&AuthorizationRequest) -> bool + Send + Sync + 'static) -> Self {
        Self::Verify(Arc::new(check))
    }

    /// `sign` = lower-case hex of HMAC-SHA256 over the raw `data` JSON,
    /// keyed with the client secret. **Unconfirmed** for Interlace (the
    /// page shows a 64-hex `sign` and nothing more); it is the emulator's
    /// scheme, and the likeliest reading of the legacy notifications' `sign`.
    pub fn hmac_sha256_hex_of_data(client_secret: impl Into<String>) -> Self {
        let secret = crate::secret::SecretString::from(client_secret.into());
        Self::verify(move |request| {
            let Ok(expected) = hex::decode(request.sign()) else {
                return false;
            };
            use crate::secret::ExposeSecret;
            let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes())
            else {
                return false;
            };
            mac.update(request.raw_data().as_bytes());
            mac.verify_slice(&expected).is_ok()
        })
    }

    /// Whether `request` passes.
    pub fn accepts(&self, request: &AuthorizationRequest) -> bool {
        match self {
            Self::Verify(check) => check(request),
            Self::AcceptUnverified => true,
        }
    }
}

/// Signs `data` (raw JSON) the way [`SignaturePolicy::hmac_sha256_hex_of_data`]
/// checks: for tests and emulators.
pub fn sign_data(client_secret: &str, data: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(client_secret.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(data.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// How a decision goes on the wire. The page does not show the answer, so
/// this is configurable; see [`DecisionFormat::envelope`] for the default.
#[derive(Clone)]
pub struct DecisionFormat(Arc<Render>);

/// Renders a decision to `request` as the answer's JSON.
type Render = dyn Fn(&AuthorizationRequest, &Decision) -> serde_json::Value + Send + Sync;

impl fmt::Debug for DecisionFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DecisionFormat(..)")
    }
}

impl Default for DecisionFormat {
    fn default() -> Self {
        Self::envelope()
    }
}

impl DecisionFormat {
    /// The toolkit's guess, in the API's own envelope:
    /// `{"code":"000000","message":"success","data":{"id":<request id>,
    /// "transactionId":…,"decision":"APPROVED"|"DECLINED","reason":…}}`.
    /// The emulator reads this shape.
    pub fn envelope() -> Self {
        Self::custom(|request, decision| {
            let (verdict, reason) = match decision {
                Decision::Approve => ("APPROVED", None),
                Decision::Decline { reason } => ("DECLINED", reason.clone()),
            };
            serde_json::json!({
                "code": "000000",
                "message": "success",
                "data": {
                    "id": request.id,
                    "transactionId": request.authorization.transaction_id,
                    "decision": verdict,
                    "reason": reason,
                }
            })
        })
    }

    /// Your own shape, for what Interlace tells you.
    pub fn custom(
        render: impl Fn(&AuthorizationRequest, &Decision) -> serde_json::Value + Send + Sync + 'static,
    ) -> Self {
        Self(Arc::new(render))
    }

    /// The answer to `request`.
    pub fn render(&self, request: &AuthorizationRequest, decision: &Decision) -> serde_json::Value {
        (self.0)(request, decision)
    }
}

/// Why a request was refused before any decision.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthorizationRejection {
    /// Not an authorization request.
    #[error("not an authorization request: {0}")]
    Malformed(String),
    /// The `sign` did not pass the [`SignaturePolicy`].
    #[error("the signature does not match")]
    BadSignature,
    /// The body is over the limit.
    #[error("the body is over {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// The body did not all arrive within the receiver's body timeout.
    #[error("the body did not arrive within {after:?}")]
    TimedOut {
        /// The timeout.
        after: std::time::Duration,
    },
}

/// A refusal whose text quotes the request (serde quotes the value it chokes
/// on): masked, and bounded, since it is logged.
fn malformed(what: &str) -> AuthorizationRejection {
    AuthorizationRejection::Malformed(crate::secret::excerpt(what.as_bytes()))
}

impl AuthorizationRejection {
    /// The HTTP status a receiver answers with.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::Malformed(_) => 400,
            Self::BadSignature => 401,
            Self::TooLarge { .. } => 413,
            Self::TimedOut { .. } => 408,
        }
    }
}
