//! One webhook delivery, verified and decoded whatever the web framework:
//! [`WebhookVerifier::receive`] takes the `Signature` and `Timestamp`
//! headers and the raw body, tells the legacy format apart and applies the
//! [`LegacyPolicy`], and names the delivery for deduplication. The axum
//! receiver (`axum.rs`) adds reading the body, the log and the answer.

use super::{
    ClassifyName, DeliveryBody, LegacyDeliveryBody, LegacyPolicy, WebhookError, WebhookEvent,
    WebhookVerifier,
};
use crate::types::Timestamp;

/// A verified delivery, as the handler gets it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// The delivery id; the same across Interlace's retries.
    pub id: String,
    /// The typed event; [`WebhookEvent::Unknown`] for types this toolkit
    /// does not know, [`WebhookEvent::Legacy`] for the v1/v2 format.
    pub event: WebhookEvent,
    /// `createTime` of a v3 delivery.
    pub created_at: Option<Timestamp>,
    /// Whether it came in the legacy format (whose `sign` this toolkit
    /// cannot check; see [`LegacyPolicy`]).
    pub legacy: bool,
    /// The name the delivery is remembered by in a [`super::DeliveryLog`]:
    /// `id:<id>`, or without an id a hash of its signature and body, the
    /// same on each of Interlace's retries.
    pub key: String,
}

/// Why a request is not a delivery this receiver accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The `Signature` header is missing.
    #[error("the Signature header is missing")]
    MissingSignature,
    /// Signature, timestamp or body did not pass the verifier.
    #[error("{0}")]
    Invalid(WebhookError),
    /// A legacy-format delivery, refused by the [`LegacyPolicy`].
    #[error("a legacy-format delivery, refused: its `sign` cannot be verified")]
    LegacyRefused,
    /// The body is larger than the limit.
    #[error("the body is larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// The body could not be read.
    #[error("the body could not be read")]
    Unreadable,
    /// The body did not all arrive within the receiver's body timeout.
    #[error("the body did not arrive within {after:?}")]
    TimedOut {
        /// The timeout.
        after: std::time::Duration,
    },
}

impl WebhookRejection {
    /// The HTTP status a receiver answers with: 400 for a body that is not
    /// a delivery, 413 for one over the limit, 408 for one that did not
    /// arrive in time, 401 for the rest.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::Invalid(WebhookError::MalformedBody(_)) | Self::Unreadable => 400,
            Self::TooLarge { .. } => 413,
            Self::TimedOut { .. } => 408,
            Self::MissingSignature | Self::Invalid(_) | Self::LegacyRefused => 401,
        }
    }

    /// The word the receiver's log gives the refusal.
    #[cfg_attr(not(feature = "axum"), allow(dead_code))]
    pub(crate) fn outcome(&self) -> &'static str {
        match self.http_status() {
            400 => "malformed",
            408 => "timed_out",
            413 => "too_large",
            _ => "unauthenticated",
        }
    }
}

impl WebhookVerifier {
    /// Verifies and decodes one delivery: `signature` and `timestamp` are
    /// its `Signature` and `Timestamp` headers, `body` the raw body. A
    /// legacy (v1/v2) body is accepted only as `legacy` allows.
    ///
    /// ```
    /// use interlace::webhooks::{LegacyPolicy, WebhookRejection, WebhookVerifier};
    ///
    /// let verifier = WebhookVerifier::new("client secret");
    /// let refused = verifier.receive(None, None, br#"{"id":"1"}"#, &LegacyPolicy::Refuse);
    /// assert_eq!(refused.unwrap_err(), WebhookRejection::MissingSignature);
    /// ```
    pub fn receive(
        &self,
        signature: Option<&str>,
        timestamp: Option<&str>,
        body: &[u8],
        legacy: &LegacyPolicy,
    ) -> Result<Delivery, WebhookRejection> {
        if is_legacy(body) {
            return accept_legacy(body, legacy);
        }
        let signature = signature.ok_or(WebhookRejection::MissingSignature)?;
        let delivery: DeliveryBody = self
            .verify(signature, timestamp, body)
            .map_err(WebhookRejection::Invalid)?;
        Ok(Delivery {
            key: key(&delivery.id, signature, delivery.resource.as_bytes()),
            event: delivery.event(),
            id: delivery.id,
            created_at: delivery.create_time,
            legacy: false,
        })
    }
}

fn accept_legacy(body: &[u8], policy: &LegacyPolicy) -> Result<Delivery, WebhookRejection> {
    let delivery: LegacyDeliveryBody = serde_json::from_slice(body).map_err(|e| {
        WebhookRejection::Invalid(WebhookError::MalformedBody(format!(
            "a legacy delivery without its fields ({})",
            e.classify_name()
        )))
    })?;
    let accepted = match policy {
        LegacyPolicy::Refuse => false,
        LegacyPolicy::Verify(check) => check(&delivery, body),
        LegacyPolicy::AcceptUnverified => true,
    };
    if !accepted {
        return Err(WebhookRejection::LegacyRefused);
    }
    Ok(Delivery {
        key: key(&delivery.id, &delivery.sign, body),
        id: delivery.id,
        event: WebhookEvent::Legacy {
            business_type: delivery.business_type,
            data: delivery.data,
        },
        created_at: None,
        legacy: true,
    })
}

/// A legacy body has `businessType` and `sign` and no `eventType`.
fn is_legacy(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Shape {
        event_type: Option<serde::de::IgnoredAny>,
        business_type: Option<serde::de::IgnoredAny>,
        sign: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Shape>(body)
        .is_ok_and(|s| s.event_type.is_none() && s.business_type.is_some() && s.sign.is_some())
}

/// The name a delivery is remembered by: its id, or, without one, a hash of
/// what identifies it.
fn key(id: &str, signature: &str, signed: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    if !id.trim().is_empty() {
        return format!("id:{id}");
    }
    let mut hash = Sha256::new();
    hash.update(signature.as_bytes());
    hash.update(b"\n");
    hash.update(signed);
    format!("sig:{}", hex::encode(hash.finalize()))
}
