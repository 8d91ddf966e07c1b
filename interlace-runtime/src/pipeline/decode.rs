//! Step 5, decode: a success answer's `data` into the caller's type.
//!
//! The only generic step, and the last: everything before it is shared by
//! all endpoints.

use bytes::Bytes;

use super::send::RawResponse;
use crate::envelope::FromData;
use crate::envelope::{self, Envelope, ResponseContext};
use crate::error::{CallSite, Error};
use crate::secret::KnownSecrets;

/// A success answer whose `data` is not decoded yet.
#[derive(Debug)]
pub(crate) struct SuccessResponse {
    site: CallSite,
    status: u16,
    sensitive: bool,
    body: Bytes,
    /// The checked envelope; `None` when the body opened with the success
    /// code, which leaves the whole parse to [`SuccessResponse::decode`].
    envelope: Option<Envelope>,
    /// The client's secrets, masked in a decode error.
    secrets: KnownSecrets,
}

impl SuccessResponse {
    pub(crate) fn new(
        site: CallSite,
        raw: RawResponse,
        sensitive: bool,
        envelope: Option<Envelope>,
        secrets: KnownSecrets,
    ) -> Self {
        Self {
            site,
            status: raw.status,
            sensitive,
            body: raw.body,
            envelope,
            secrets,
        }
    }

    /// The raw answer, for the contract check.
    pub(crate) fn parts(&self) -> (&CallSite, u16, &[u8]) {
        (&self.site, self.status, &self.body)
    }

    fn context(&self) -> ResponseContext<'_> {
        ResponseContext {
            site: &self.site,
            status: self.status,
            sensitive: self.sensitive,
            secrets: &self.secrets,
        }
    }

    /// Decodes `data` into `T`.
    pub(crate) fn decode<T: FromData>(&self) -> Result<T, Error> {
        self.decode_unmasked().map_err(|e| e.masked(&self.secrets))
    }

    fn decode_unmasked<T: FromData>(&self) -> Result<T, Error> {
        let cx = self.context();
        match &self.envelope {
            Some(envelope) => envelope::decode_data(&self.body, envelope, cx),
            // One pass over the body; only a failure pays for the careful
            // parse that classifies it.
            None => T::from_envelope(&self.body).or_else(|_| {
                let envelope =
                    envelope::parse(&self.body, cx).and_then(|e| envelope::check(e, cx))?;
                envelope::decode_data(&self.body, &envelope, cx)
            }),
        }
    }
}
