//! Physical cards. Create them with `cardMode: PHYSICAL_CARD`; they start
//! pending and work once activated. Shipping, activation, PIN and 3DS calls
//! have no documented path yet and are not declared.

use crate::interlace_endpoint;

/// List all physical card fees (production and shipping). The answer's
/// fields are not given by the reference, so it is kept as JSON.
#[interlace_endpoint(GET "/open-api/v3/physical-cards/fees", response = serde_json::Value,
    docs = "https://developer.interlace.money/reference/getphysicalcardfees")]
pub struct ListPhysicalCardFees {}
