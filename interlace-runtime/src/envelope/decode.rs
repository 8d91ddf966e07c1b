//! `data` into the caller's type: [`FromData`], implemented for every
//! `serde::de::DeserializeOwned` type, with a one-pass decode of a plain
//! success envelope, and [`NoContent`] for answers without anything useful.

use serde::de::DeserializeOwned;

use super::{Envelope, ResponseContext};
use crate::error::{DecodeErrorKind, Error};

/// A response type the envelope's `data` can be decoded into.
///
/// Implemented for every `serde::de::DeserializeOwned` type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` can't be used as an Interlace response: it can't be decoded from JSON",
    label = "this response type does not implement `serde::Deserialize`",
    note = "derive `serde::Deserialize` for it, or use `NoContent` for endpoints that return nothing"
)]
pub trait FromData: Sized {
    /// Decodes `data`; `None` when the envelope had no `data` or `null`.
    fn from_data(data: Option<&str>) -> Result<Self, serde_json::Error>;

    /// Decodes a whole success envelope in one pass. Any error sends the
    /// caller to the careful path, which classifies it. An optimisation of
    /// the client's, not meant to be called.
    #[doc(hidden)]
    fn from_envelope(body: &[u8]) -> Result<Self, serde_json::Error>;
}

/// A success envelope read in one pass: `code` only has to be there once
/// (its value was checked before), `message` is skipped.
#[derive(serde::Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct SuccessEnvelope<T> {
    #[allow(dead_code)]
    code: serde::de::IgnoredAny,
    #[serde(default = "Option::default")]
    data: Option<T>,
}

impl<T: DeserializeOwned> FromData for T {
    fn from_data(data: Option<&str>) -> Result<Self, serde_json::Error> {
        serde_json::from_str(data.unwrap_or("null"))
    }

    fn from_envelope(body: &[u8]) -> Result<Self, serde_json::Error> {
        match serde_json::from_slice::<SuccessEnvelope<T>>(body)?.data {
            Some(data) => Ok(data),
            // `data` absent or null: whatever `T` makes of null.
            None => serde_json::from_str("null"),
        }
    }
}

/// The response of an endpoint that returns nothing useful: any `data` is accepted and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> serde::Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| NoContent)
    }
}

/// Decodes the `data` of a checked envelope into `T`.
pub fn decode_data<T: FromData>(
    body: &[u8],
    envelope: &Envelope,
    cx: ResponseContext<'_>,
) -> Result<T, Error> {
    let slice = envelope.data.clone().map(|r| &body[r]);
    // The slice came from a successful parse of `body`, so it is UTF-8.
    let text = slice.map(|s| std::str::from_utf8(s).unwrap_or("null"));
    T::from_data(text).map_err(|e| cx.decode_error(DecodeErrorKind::DataMismatch, body, Some(e)))
}
