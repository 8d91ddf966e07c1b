//! Acquiring (AaaS): payments your customers make to you. Create and
//! cancel are documented by method and path; their body tables are drawn
//! in the browser and not visible in the stored pages, so fields go in
//! `fields` as the page specifies them and answers stay JSON. A payment's
//! later status (READY → PAID, FAILED or REFUNDED) arrives by webhook.

use crate::interlace_endpoint;

type Json = serde_json::Value;
type Fields = serde_json::Map<String, serde_json::Value>;

/// Create a payment order (card, APM or checkout session).
#[interlace_endpoint(POST "/open-api/v3/acquiring/payments", response = Json,
    docs = "https://developer.interlace.money/reference/createpayment", client_method)]
pub struct CreateAcquiringPayment {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Cancel a payment.
#[interlace_endpoint(POST "/open-api/v3/acquiring/payments/cancel", response = Json,
    docs = "https://developer.interlace.money/reference/cancelpayment", client_method)]
pub struct CancelAcquiringPayment {
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Create an acquiring refund. **Path unconfirmed**: the page gives the
/// name only; the path comes from an unofficial SDK.
#[interlace_endpoint(POST "/open-api/v3/acquiring/refunds", response = Json,
    docs = "https://developer.interlace.money/reference/acquirerefund", client_method)]
pub struct CreateAcquiringRefund {
    #[interlace(flatten)]
    pub fields: Fields,
}
