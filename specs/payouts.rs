//! Payouts and payees (the "Business Transfer" section of the v3 menu).
//! Every path here comes from an unofficial SDK and no field is documented:
//! not confirmed by the public docs. Send the fields your Interlace contact
//! specifies through `fields`.

use crate::interlace_endpoint;
use crate::types::{AccountId, Page, PayeeId, PayoutId};

type Json = serde_json::Value;
type Fields = serde_json::Map<String, serde_json::Value>;

/// Get the exchange rate.
///
/// **Unconfirmed:** the path comes from an unofficial SDK only, and the
/// query parameters (`accountId`, `fromCurrency`, `toCurrency`) are this
/// toolkit's guess: no source names them.
#[interlace_endpoint(GET "/open-api/v3/payment/rate", response = Json, client_method)]
pub struct GetExchangeRate {
    /// Unconfirmed query parameter (a guess).
    pub account_id: Option<AccountId>,
    /// Unconfirmed query parameter (a guess).
    pub from_currency: Option<String>,
    /// Unconfirmed query parameter (a guess).
    pub to_currency: Option<String>,
}

/// Get a quotation.
///
/// **Unconfirmed:** the path comes from an unofficial SDK only and no field is documented by the public docs.
#[interlace_endpoint(GET "/open-api/v3/payment/quotation/{quotation_id}", response = Json, client_method)]
pub struct GetQuotation {
    pub quotation_id: String,
}

/// Create a payout transaction.
///
/// **Unconfirmed:** the path comes from an unofficial SDK only and no field is documented by the public docs.
#[interlace_endpoint(POST "/open-api/v3/payment", response = Json, idempotent, client_method)]
pub struct CreatePayout {
    pub account_id: AccountId,
    #[interlace(flatten)]
    pub fields: Fields,
}

/// List all payouts.
///
/// **Unconfirmed:** the path comes from an unofficial SDK only and no field is documented by the public docs.
#[interlace_endpoint(GET "/open-api/v3/payments", response = Page<Json>, paginated, client_method)]
pub struct ListPayouts {
    pub account_id: AccountId,
}

/// Get a payout.
///
/// **Unconfirmed:** the path comes from an unofficial SDK only and no field is documented by the public docs.
#[interlace_endpoint(GET "/open-api/v3/payment/{payout_id}/detail", response = Json, client_method)]
pub struct GetPayout {
    pub payout_id: PayoutId,
}

/// Create a payee bank account.
///
/// **Unconfirmed:** the path comes from an unofficial SDK only and no field is documented by the public docs.
#[interlace_endpoint(POST "/open-api/v3/payee", response = Json, client_method)]
pub struct CreatePayee {
    pub account_id: AccountId,
    #[interlace(flatten)]
    pub fields: Fields,
}

/// Get a payee bank account.
///
/// **Unconfirmed:** the path comes from an unofficial SDK only and no field is documented by the public docs.
#[interlace_endpoint(GET "/open-api/v3/payee/{payee_id}/detail", response = Json, client_method)]
pub struct GetPayee {
    pub payee_id: PayeeId,
}

/// List all payee bank accounts.
///
/// **Unconfirmed:** the path comes from an unofficial SDK only and no field is documented by the public docs.
#[interlace_endpoint(GET "/open-api/v3/payees", response = Page<Json>, paginated, client_method)]
pub struct ListPayees {
    pub account_id: AccountId,
}
