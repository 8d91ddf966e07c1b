//! Physical cards. Create them with `cardMode: PHYSICAL_CARD`; they start
//! pending and work once activated. Creating a shipping group has a
//! documented path; bulk shipping, activation, PIN and 3DS calls have none
//! yet and are listed in `undeclared.md`.

use crate::interlace_endpoint;

/// List all physical card fees (production and shipping). The answer's
/// fields are not given by the reference, so it is kept as JSON.
#[interlace_endpoint(GET "/open-api/v3/physical-cards/fees", response = serde_json::Value,
    docs = "https://developer.interlace.money/reference/getphysicalcardfees", client_method)]
pub struct ListPhysicalCardFees {}

/// Create a shipping group of physical cards (v2). The body's fields are not
/// visible in the stored page.
#[interlace_endpoint(POST "/open-api/v2/physical-cards/shipping-groups", response = serde_json::Value,
    docs = "https://developer.interlace.money/v2.0/reference/createshippinggroups", client_method)]
pub struct CreateShippingGroup {
    #[interlace(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}
