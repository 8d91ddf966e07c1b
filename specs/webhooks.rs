//! Verifying and decoding Interlace deliveries.
//!
//! Interlace signs each delivery with HMAC-SHA256, keyed with the client
//! secret, over the raw `resource` string, and sends it Base64-encoded in the
//! `Signature` header, with the send time in `Timestamp` (epoch ms). Reply
//! with [`ACKNOWLEDGEMENT`] within 5 seconds, or Interlace retries;
//! duplicates keep the same `id`, so handle them idempotently.
//!
//! ```
//! use interlace::webhooks::{WebhookVerifier, WebhookEvent};
//!
//! fn handle(secret: &str, signature: &str, timestamp: &str, body: &[u8]) {
//!     let verifier = WebhookVerifier::new(secret);
//!     match verifier.verify(signature, Some(timestamp), body) {
//!         Ok(delivery) => match delivery.event() {
//!             WebhookEvent::CardTransactionCreated(tx) => println!("{:?}", tx.card_id),
//!             WebhookEvent::Unknown { event_type, decode_error: Some(e), .. } => {
//!                 eprintln!("{event_type} did not decode: {e}")
//!             }
//!             other => println!("{}", other.event_type()),
//!         },
//!         Err(e) => eprintln!("rejected: {e}"),
//!     }
//! }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::clock::{Clock, SystemClock};
use crate::secret::{ExposeSecret, SecretString};
use crate::types::{AccountId, Amount, CardId, CardholderId, CaseId, KycStatus, Timestamp};

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
mod delivery;

pub use delivery::{Delivery, WebhookRejection};

pub use interlace_runtime::{Claim, DeliveryLog, DeliveryLogError, MemoryDeliveryLog};

/// The body to answer a delivery with.
pub const ACKNOWLEDGEMENT: &str = r#"{"received":true}"#;

/// The acknowledgement as a value, for frameworks that serialize responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// Always `true`.
    pub received: bool,
}

impl Default for Acknowledgement {
    fn default() -> Self {
        Self { received: true }
    }
}

/// Default freshness window of the `Timestamp` header: 5 minutes.
///
/// This is the toolkit's policy, not Interlace's: the reference neither
/// signs the timestamp nor says how old a delivery may be. Change it, or
/// turn the check off, with [`WebhookVerifier::tolerance`].
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Why a delivery was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The `Signature` header is not Base64.
    SignatureNotBase64,
    /// The signature does not match the `resource`.
    SignatureMismatch,
    /// The `Timestamp` header is missing while freshness is checked.
    MissingTimestamp,
    /// The `Timestamp` header is not epoch milliseconds.
    BadTimestamp,
    /// The delivery is older (or further in the future) than allowed.
    Stale {
        /// How far the timestamp is from now.
        skew: Duration,
    },
    /// The body is not a delivery envelope.
    MalformedBody(String),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SignatureNotBase64 => f.write_str("the Signature header is not Base64"),
            Self::SignatureMismatch => f.write_str("the signature does not match the resource"),
            Self::MissingTimestamp => f.write_str("the Timestamp header is missing"),
            Self::BadTimestamp => f.write_str("the Timestamp header is not epoch milliseconds"),
            Self::Stale { skew } => {
                write!(f, "the delivery's timestamp is {skew:?} away from now")
            }
            Self::MalformedBody(e) => write!(f, "the body is not a delivery: {e}"),
        }
    }
}

impl std::error::Error for WebhookError {}

/// The delivery envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryBody {
    /// Stays the same across retries: use it to drop duplicates.
    pub id: String,
    /// E.g. `CARD_TRANSACTION.CREATED`.
    pub event_type: String,
    /// `"v3"`.
    #[serde(default)]
    pub api_version: Option<String>,
    /// `"000000"`.
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    /// The event object, as a JSON string (decoded by [`DeliveryBody::event`]).
    pub resource: String,
    /// Epoch milliseconds, as a string.
    #[serde(default)]
    pub create_time: Option<Timestamp>,
}

impl DeliveryBody {
    /// Decodes `resource` into the typed event for `eventType`; what does
    /// not decode is kept as [`WebhookEvent::Unknown`].
    pub fn event(&self) -> WebhookEvent {
        WebhookEvent::decode(&self.event_type, &self.resource)
    }
}

/// A delivery in the legacy (v1/v2) format:
/// `{id, businessType, data, sign}`.
///
/// The reference shows `sign` as 64 hex characters (an HMAC-SHA256, by the
/// look of it) but **does not say what is signed**, so this toolkit cannot
/// verify it: receivers refuse these by default ([`LegacyPolicy`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyDeliveryBody {
    /// Delivery id.
    pub id: String,
    /// E.g. `AccountRegistered`, `AssetsDeposit`.
    pub business_type: String,
    /// The event object.
    #[serde(default)]
    pub data: serde_json::Value,
    /// 64 hex characters; what they cover is not documented.
    pub sign: String,
}

/// A check of a legacy delivery's `sign`: the delivery and the raw body.
pub type LegacyCheck = Arc<dyn Fn(&LegacyDeliveryBody, &[u8]) -> bool + Send + Sync>;

/// What a receiver does with a legacy-format delivery.
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum LegacyPolicy {
    /// Refuse it with 401 (the default): it cannot be verified.
    #[default]
    Refuse,
    /// Accept it when this function, given the delivery and the raw
    /// body, says the `sign` is right: for when Interlace tells you what it
    /// signs.
    Verify(LegacyCheck),
    /// Accept it unverified. Anyone who can reach the receiver can then
    /// forge one: only behind an allow-list of Interlace's IPs, if at all.
    AcceptUnverified,
}

impl fmt::Debug for LegacyPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Refuse => "Refuse",
            Self::Verify(_) => "Verify(..)",
            Self::AcceptUnverified => "AcceptUnverified",
        })
    }
}

/// Checks signatures and freshness of deliveries.
///
/// The signature is the reference's: HMAC-SHA256 of the raw `resource`,
/// keyed with the client secret, Base64. The freshness check on the
/// `Timestamp` header is a **toolkit policy** on top of it, on by default
/// with [`DEFAULT_TOLERANCE`]: Interlace does not sign the timestamp nor
/// document a window, so the check narrows replays of a captured delivery
/// but can't prove when it was sent. Configure it:
///
/// ```
/// use std::time::Duration;
/// use interlace::webhooks::WebhookVerifier;
///
/// let strict = WebhookVerifier::new("secret").tolerance(Some(Duration::from_secs(60)));
/// let off = WebhookVerifier::new("secret").tolerance(None); // no Timestamp needed
/// # let _ = (strict, off);
/// ```
#[derive(Clone)]
pub struct WebhookVerifier {
    secret: SecretString,
    tolerance: Option<Duration>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("secret", &self.secret)
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

impl WebhookVerifier {
    /// A verifier keyed with the client secret, checking freshness within
    /// [`DEFAULT_TOLERANCE`].
    pub fn new(client_secret: impl Into<String>) -> Self {
        Self::from_secret(SecretString::from(client_secret.into()))
    }

    /// A verifier keyed with the secret of a client configuration.
    pub fn from_config(config: &crate::Config) -> Self {
        Self::from_secret(config.client_secret().clone())
    }

    fn from_secret(secret: SecretString) -> Self {
        Self {
            secret,
            tolerance: Some(DEFAULT_TOLERANCE),
            clock: Arc::new(SystemClock),
        }
    }

    /// Accepts timestamps up to `tolerance` away from now; `None` turns the
    /// check off (the signature does not cover the timestamp, so the check
    /// only narrows replays).
    #[must_use]
    pub fn tolerance(mut self, tolerance: Option<Duration>) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Replaces the clock, for tests.
    #[must_use]
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Verifies a delivery from its `Signature` and `Timestamp` headers
    /// and its raw body, and returns the parsed envelope.
    pub fn verify(
        &self,
        signature: &str,
        timestamp: Option<&str>,
        body: &[u8],
    ) -> Result<DeliveryBody, WebhookError> {
        let delivery: DeliveryBody = serde_json::from_slice(body).map_err(|e| {
            WebhookError::MalformedBody(format!(
                "{} at line {} column {}",
                e.classify_name(),
                e.line(),
                e.column()
            ))
        })?;
        self.verify_signature(signature, &delivery.resource)?;
        if let Some(tolerance) = self.tolerance {
            let ts = timestamp.ok_or(WebhookError::MissingTimestamp)?;
            let ms: u64 = ts.trim().parse().map_err(|_| WebhookError::BadTimestamp)?;
            let sent = UNIX_EPOCH + Duration::from_millis(ms);
            let now = self.clock.now();
            let skew = now
                .duration_since(sent)
                .or_else(|e| Ok::<_, ()>(e.duration()))
                .unwrap_or_default();
            if skew > tolerance {
                return Err(WebhookError::Stale { skew });
            }
        }
        Ok(delivery)
    }

    /// `text` masked as the toolkit masks errors, the client secret known by
    /// value: for what the receiver logs of a handler's failure.
    #[cfg_attr(not(feature = "axum"), allow(dead_code))]
    pub(crate) fn mask(&self, text: &str) -> String {
        let known = crate::secret::KnownSecrets::new();
        known.insert(&self.secret);
        known.mask(text)
    }

    /// Checks `signature` (Base64) against the HMAC-SHA256 of `resource`, in constant time.
    pub fn verify_signature(&self, signature: &str, resource: &str) -> Result<(), WebhookError> {
        let expected = base64::engine::general_purpose::STANDARD
            .decode(signature.trim())
            .map_err(|_| WebhookError::SignatureNotBase64)?;
        let mut mac = self.mac();
        mac.update(resource.as_bytes());
        mac.verify_slice(&expected)
            .map_err(|_| WebhookError::SignatureMismatch)
    }

    /// The signature Interlace would send for `resource`, for emulators and tests.
    pub fn sign(&self, resource: &str) -> String {
        let mut mac = self.mac();
        mac.update(resource.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length, so this can't fail.
        Hmac::<Sha256>::new_from_slice(self.secret.expose_secret().as_bytes())
            .expect("HMAC accepts any key length")
    }
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "unreadable",
            serde_json::error::Category::Syntax => "not JSON",
            serde_json::error::Category::Data => "missing or mistyped fields",
            serde_json::error::Category::Eof => "cut short",
        }
    }
}

/// `resource` of `CARD_TRANSACTION.*`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardTransactionEvent {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub card_id: Option<CardId>,
    #[serde(default)]
    pub card_transaction_id: Option<String>,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub amount: Option<Amount>,
    #[serde(default)]
    pub transaction_amount: Option<Amount>,
    #[serde(default)]
    pub transaction_currency: Option<String>,
    #[serde(default)]
    pub billing_amount: Option<Amount>,
    #[serde(default)]
    pub billing_currency: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub merchant_name: Option<String>,
    #[serde(default)]
    pub merchant_city: Option<String>,
    #[serde(default)]
    pub merchant_country: Option<String>,
    #[serde(default)]
    pub merchant_category_code: Option<String>,
    #[serde(default)]
    pub mcc: Option<String>,
    #[serde(default)]
    pub processing_code: Option<String>,
    /// E.g. `"authorization"`.
    #[serde(default)]
    pub transaction_type: Option<String>,
    #[serde(default)]
    pub status: Option<crate::types::TransactionStatus>,
    #[serde(default)]
    pub create_time: Option<Timestamp>,
}

/// `resource` of `CARD.*`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardEvent {
    pub card_id: CardId,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub status: Option<crate::types::CardStatus>,
    /// See the card business code reference (7002 created through the API, …).
    #[serde(default)]
    pub reason_code: Option<String>,
    #[serde(default)]
    pub operation_time: Option<Timestamp>,
}

/// `resource` of `KYC.UPDATED` and `KYB.UPDATED`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KycEvent {
    pub account_id: AccountId,
    pub status: KycStatus,
    #[serde(default)]
    pub case_id: Option<CaseId>,
}

/// `resource` of `CARDHOLDER.*`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardholderEvent {
    pub cardholder_id: CardholderId,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub status: Option<crate::types::CardholderStatus>,
}

/// A typed delivery event. Unknown event types are kept, not refused.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// `ACCOUNT.REGISTERED`
    AccountRegistered(serde_json::Value),
    /// `KYC.UPDATED`
    KycUpdated(KycEvent),
    /// `KYB.UPDATED`
    KybUpdated(KycEvent),
    /// `CARDHOLDER.CREATED`
    CardholderCreated(CardholderEvent),
    /// `CARDHOLDER.UPDATED`
    CardholderUpdated(CardholderEvent),
    /// `CARD.CREATED`
    CardCreated(CardEvent),
    /// `CARD.UPDATED`
    CardUpdated(CardEvent),
    /// `CARD.DELETED`
    CardDeleted(CardEvent),
    /// `CARD.SETTING.UPDATED`
    CardSettingUpdated(CardEvent),
    /// `PHYSICAL_CARD_ACTIVATED` (spelling seen in one consumer only; unconfirmed).
    PhysicalCardActivated(serde_json::Value),
    /// `CARD_TRANSACTION.CREATED`
    CardTransactionCreated(CardTransactionEvent),
    /// `CARD_TRANSACTION.UPDATED`
    CardTransactionUpdated(CardTransactionEvent),
    /// `CARD.3DS.OTP`: a one-time password to pass on to the cardholder.
    Card3dsOtp(serde_json::Value),
    /// A legacy-format (v1/v2) delivery, accepted by a [`LegacyPolicy`].
    Legacy {
        /// `businessType`, e.g. `AccountRegistered`.
        business_type: String,
        /// `data`.
        data: serde_json::Value,
    },
    /// An event type this toolkit does not know, or a known one whose
    /// `resource` does not fit its struct (then `decode_error` says why).
    /// The delivery is kept either way, so that an API change never makes
    /// a receiver refuse (and Interlace retry) every delivery.
    Unknown {
        /// The `eventType` as sent.
        event_type: String,
        /// The `resource` as JSON, or `null` when it is not JSON.
        resource: serde_json::Value,
        /// The `resource` string exactly as received.
        raw: String,
        /// Why a known event type did not decode into its struct; `None`
        /// for an event type the toolkit does not know.
        decode_error: Option<String>,
    },
}

impl WebhookEvent {
    /// The event types this version decodes into a typed variant: those of
    /// the contract's `webhooks` section (a test keeps the two in step).
    pub const KNOWN_TYPES: &'static [&'static str] = &[
        "ACCOUNT.REGISTERED",
        "KYC.UPDATED",
        "KYB.UPDATED",
        "CARDHOLDER.CREATED",
        "CARDHOLDER.UPDATED",
        "CARD.CREATED",
        "CARD.UPDATED",
        "CARD.DELETED",
        "CARD.SETTING.UPDATED",
        "PHYSICAL_CARD_ACTIVATED",
        "CARD_TRANSACTION.CREATED",
        "CARD_TRANSACTION.UPDATED",
        "CARD.3DS.OTP",
    ];

    /// Decodes a `resource` string for `event_type`. Never fails: what does
    /// not decode is kept as [`WebhookEvent::Unknown`].
    pub fn decode(event_type: &str, resource: &str) -> Self {
        Self::decode_known(event_type, resource).unwrap_or_else(|error| Self::Unknown {
            event_type: event_type.to_owned(),
            resource: serde_json::from_str(resource).unwrap_or(serde_json::Value::Null),
            raw: resource.to_owned(),
            decode_error: error.map(|e| e.to_string()),
        })
    }

    /// The typed event; `Err(None)` for an unknown type, `Err(Some(e))` for
    /// a known type whose resource does not fit.
    fn decode_known(event_type: &str, r: &str) -> Result<Self, Option<serde_json::Error>> {
        fn parse<T: serde::de::DeserializeOwned>(r: &str) -> Result<T, Option<serde_json::Error>> {
            serde_json::from_str(r).map_err(Some)
        }
        Ok(match event_type {
            "ACCOUNT.REGISTERED" => Self::AccountRegistered(parse(r)?),
            "KYC.UPDATED" => Self::KycUpdated(parse(r)?),
            "KYB.UPDATED" => Self::KybUpdated(parse(r)?),
            "CARDHOLDER.CREATED" => Self::CardholderCreated(parse(r)?),
            "CARDHOLDER.UPDATED" => Self::CardholderUpdated(parse(r)?),
            "CARD.CREATED" => Self::CardCreated(parse(r)?),
            "CARD.UPDATED" => Self::CardUpdated(parse(r)?),
            "CARD.DELETED" => Self::CardDeleted(parse(r)?),
            "CARD.SETTING.UPDATED" => Self::CardSettingUpdated(parse(r)?),
            "PHYSICAL_CARD_ACTIVATED" | "PHYSICAL_CARD.ACTIVATED" => {
                Self::PhysicalCardActivated(parse(r)?)
            }
            "CARD_TRANSACTION.CREATED" => Self::CardTransactionCreated(parse(r)?),
            "CARD_TRANSACTION.UPDATED" => Self::CardTransactionUpdated(parse(r)?),
            "CARD.3DS.OTP" => Self::Card3dsOtp(parse(r)?),
            _ => return Err(None),
        })
    }

    /// The event type as Interlace names it.
    pub fn event_type(&self) -> &str {
        match self {
            Self::AccountRegistered(_) => "ACCOUNT.REGISTERED",
            Self::KycUpdated(_) => "KYC.UPDATED",
            Self::KybUpdated(_) => "KYB.UPDATED",
            Self::CardholderCreated(_) => "CARDHOLDER.CREATED",
            Self::CardholderUpdated(_) => "CARDHOLDER.UPDATED",
            Self::CardCreated(_) => "CARD.CREATED",
            Self::CardUpdated(_) => "CARD.UPDATED",
            Self::CardDeleted(_) => "CARD.DELETED",
            Self::CardSettingUpdated(_) => "CARD.SETTING.UPDATED",
            Self::PhysicalCardActivated(_) => "PHYSICAL_CARD_ACTIVATED",
            Self::CardTransactionCreated(_) => "CARD_TRANSACTION.CREATED",
            Self::CardTransactionUpdated(_) => "CARD_TRANSACTION.UPDATED",
            Self::Card3dsOtp(_) => "CARD.3DS.OTP",
            Self::Legacy { business_type, .. } => business_type,
            Self::Unknown { event_type, .. } => event_type,
        }
    }
}

/// Epoch milliseconds of `at`, as the `Timestamp` header carries them.
pub fn timestamp_header(at: SystemTime) -> String {
    at.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
        .to_string()
}
