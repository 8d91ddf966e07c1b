//! Decrypting card private info.
//!
//! Sensitive fields of "Get card details" arrive AES-encrypted in ECB mode
//! with PKCS7 padding and no IV, keyed with the UTF-8 bytes of the client
//! secret (32 characters: AES-256), as hex. ECB is Interlace's choice, not
//! ours; this module only reads it.

use std::fmt;

use aes::cipher::{BlockDecryptMut, KeyInit, block_padding::Pkcs7};

use crate::secret::{ExposeSecret, SecretString};

/// Why a field could not be decrypted. Never holds key or plaintext.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardDataError {
    /// The secret is not 16, 24 or 32 bytes long.
    KeyLength(usize),
    /// The ciphertext is not hex.
    NotHex,
    /// Wrong length, padding or key.
    Decrypt,
    /// The plaintext is not UTF-8.
    NotText,
}

impl fmt::Display for CardDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::KeyLength(n) => {
                write!(f, "the client secret is {n} bytes; AES needs 16, 24 or 32")
            }
            Self::NotHex => f.write_str("the encrypted field is not hex"),
            Self::Decrypt => f.write_str("the encrypted field does not decrypt with this secret"),
            Self::NotText => f.write_str("the decrypted field is not text"),
        }
    }
}

impl std::error::Error for CardDataError {}

/// Decrypted card number and CVV. `Debug` shows neither.
#[derive(Clone)]
pub struct CardSecrets {
    /// The full card number.
    pub number: SecretString,
    /// The CVV.
    pub cvv: SecretString,
}

impl fmt::Debug for CardSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.number.expose_secret();
        let last4 = number.get(number.len().saturating_sub(4)..).unwrap_or("");
        f.debug_struct("CardSecrets")
            .field("number", &format_args!("[REDACTED, ends {last4}]"))
            .field("cvv", &format_args!("[REDACTED]"))
            .finish()
    }
}

/// Decrypts one hex field with the client secret.
pub fn decrypt_field(
    client_secret: &SecretString,
    hex_ciphertext: &str,
) -> Result<SecretString, CardDataError> {
    let key = client_secret.expose_secret().as_bytes();
    let data = hex::decode(hex_ciphertext.trim()).map_err(|_| CardDataError::NotHex)?;
    let plain = match key.len() {
        16 => ecb::Decryptor::<aes::Aes128>::new_from_slice(key)
            .map_err(|_| CardDataError::KeyLength(key.len()))?
            .decrypt_padded_vec_mut::<Pkcs7>(&data),
        24 => ecb::Decryptor::<aes::Aes192>::new_from_slice(key)
            .map_err(|_| CardDataError::KeyLength(key.len()))?
            .decrypt_padded_vec_mut::<Pkcs7>(&data),
        32 => ecb::Decryptor::<aes::Aes256>::new_from_slice(key)
            .map_err(|_| CardDataError::KeyLength(key.len()))?
            .decrypt_padded_vec_mut::<Pkcs7>(&data),
        n => return Err(CardDataError::KeyLength(n)),
    }
    .map_err(|_| CardDataError::Decrypt)?;
    String::from_utf8(plain)
        .map(SecretString::from)
        .map_err(|_| CardDataError::NotText)
}

/// Decrypts the card number and CVV fields.
pub fn decrypt_card_secrets(
    client_secret: &SecretString,
    number_hex: &str,
    cvv_hex: &str,
) -> Result<CardSecrets, CardDataError> {
    Ok(CardSecrets {
        number: decrypt_field(client_secret, number_hex)?,
        cvv: decrypt_field(client_secret, cvv_hex)?,
    })
}
