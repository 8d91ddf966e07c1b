//! Keeping secrets out of `Debug` output, logs, errors and reports.
//!
//! Two layers. The secrets the toolkit holds live in [`SecretString`],
//! whose `Debug` prints `[REDACTED]`. Text that came from elsewhere (a body,
//! an envelope message, a header, a rejected delivery) is masked before it
//! is shown anywhere, in this order:
//!
//! 1. **By value** ([`KnownSecrets`]): every secret the client knows (the
//!    client secret, which is also the card-data key, and the access and
//!    refresh tokens, current and previous until they expire) is replaced
//!    wherever it appears: raw, JSON-escaped, percent- or form-encoded,
//!    HTML-escaped, cut short at the end of the text, or truncated by the
//!    server after its first eight characters.
//! 2. **By shape** ([`mask_card_numbers`]): a run of 13 to 19 digits (single
//!    spaces or dashes allowed between them) that starts with 2 to 6 (the
//!    payment-card industry digits) and passes the Luhn check is a card
//!    number, and only its last four digits stay. UUIDs, ids and amounts do
//!    not match: a run glued to a letter or a decimal point is not a card
//!    number.
//! 3. **By name** ([`is_secret_name`]): the value after a JSON key that
//!    names a credential or card data (`accessToken`, `cvv`, `expiryDate`,
//!    …), quoted or not, closed or cut short.
//!
//! ```
//! use interlace_runtime::secret::{KnownSecrets, SecretString};
//!
//! let known = KnownSecrets::new();
//! known.insert(&SecretString::from("tok_a1b2c3d4e5f6a7b8c9d0"));
//! let shown = known.mask(
//!     "<html>your token was tok_a1b2c3d4e5f6a7b8c9d0; card 4111 1111 1111 1111; \
//!      id 7d7e2a0c-5b1f-4f36-9c43-1234567890ab</html>",
//! );
//! assert_eq!(
//!     shown,
//!     "<html>your token was [masked]; card ****1111; \
//!      id 7d7e2a0c-5b1f-4f36-9c43-1234567890ab</html>"
//! );
//! ```
//!
//! One module serves the client's errors and logs, the webhook and
//! authorization receivers, the emulator's request log and the proxy's
//! drift report.

pub use secrecy::{ExposeSecret, SecretString};

mod json;
mod known;
mod shape;

pub use known::KnownSecrets;
pub use shape::{is_secret_name, mask_card_numbers, mask_named_values};

/// What a masked value is shown as.
pub const MASK: &str = "[masked]";

/// Longest excerpt of a body kept in an error, in bytes.
pub const EXCERPT_LIMIT: usize = 160;

/// `text` masked by shape and by name, for a part of the toolkit that holds
/// no secret of its own. Where secrets are known, use
/// [`KnownSecrets::mask`], which masks them by value first.
///
/// ```
/// assert_eq!(
///     interlace_runtime::secret::mask(r#"{"cvv":"123","note":"card 4111111111111111 declined"}"#),
///     r#"{"cvv":"[masked]","note":"card ****1111 declined"}"#
/// );
/// ```
pub fn mask(text: &str) -> String {
    mask_named_values(&mask_card_numbers(text))
}

/// A short, printable, masked excerpt of `body` for an error message,
/// knowing no secret by value. See [`KnownSecrets::excerpt`].
pub fn excerpt(body: &[u8]) -> String {
    KnownSecrets::new().excerpt(body)
}

#[cfg(test)]
mod tests;
