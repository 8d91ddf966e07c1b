//! What a token looks like in Redis: sealed with AES-256-GCM under a key
//! derived from the client secret, so a Redis dump or a replica of the
//! database holds nothing an attacker can send as `x-access-token`.
//!
//! Next to the sealed token sits a fingerprint of the access token (an HMAC
//! under a second derived key). It lets a Lua script compare tokens for
//! `remove_if_current` without Redis ever seeing one.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use interlace_runtime::Token;
use interlace_runtime::secret::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Bumped when the sealed format changes; part of the key derivation, so an
/// old process cannot misread a new value (it fails to open and acquires).
const FORMAT: &[u8] = b"interlace-redis token v1";
const NONCE_LEN: usize = 12;

/// Seals and opens tokens for one Redis key.
pub(crate) struct Sealer {
    cipher: Aes256Gcm,
    fingerprint_key: [u8; 32],
    /// Bound into every seal, so a value copied to another key does not open.
    aad: Vec<u8>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer([REDACTED])")
    }
}

#[derive(Serialize, Deserialize)]
struct Plain {
    access_token: String,
    refresh_token: Option<String>,
    expires_at_ms: u64,
    renew_at_ms: u64,
}

impl Sealer {
    pub(crate) fn new(client_secret: &SecretString, key: &str) -> Self {
        let hkdf = Hkdf::<Sha256>::new(Some(FORMAT), client_secret.expose_secret().as_bytes());
        let mut cipher_key = [0u8; 32];
        let mut fingerprint_key = [0u8; 32];
        // 32 bytes is far below HKDF-SHA256's limit of 8160, so these cannot fail.
        hkdf.expand(b"encryption", &mut cipher_key)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        hkdf.expand(b"fingerprint", &mut fingerprint_key)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        Self {
            cipher: Aes256Gcm::new(&cipher_key.into()),
            fingerprint_key,
            aad: key.as_bytes().to_vec(),
        }
    }

    /// A stable, non-reversible name for `access_token`.
    pub(crate) fn fingerprint(&self, access_token: &SecretString) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.fingerprint_key)
            .expect("HMAC takes a key of any length");
        mac.update(access_token.expose_secret().as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    pub(crate) fn seal(&self, token: &Token) -> String {
        let plain = Plain {
            access_token: token.access_token.expose_secret().to_owned(),
            refresh_token: token
                .refresh_token
                .as_ref()
                .map(|t| t.expose_secret().to_owned()),
            expires_at_ms: unix_ms(token.expires_at),
            renew_at_ms: unix_ms(token.renew_at),
        };
        let json = serde_json::to_vec(&plain).expect("a struct of strings and integers serializes");
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: &json,
                    aad: &self.aad,
                },
            )
            .expect("AES-GCM encrypts any message under 64 GiB");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        STANDARD.encode(out)
    }

    /// The token in `value`; `None` when it was sealed under another secret
    /// or key, or is not a sealed token at all.
    pub(crate) fn open(&self, value: &str) -> Option<Token> {
        let bytes = STANDARD.decode(value).ok()?;
        if bytes.len() <= NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let json = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &self.aad,
                },
            )
            .ok()?;
        let plain: Plain = serde_json::from_slice(&json).ok()?;
        Some(Token {
            access_token: SecretString::from(plain.access_token),
            refresh_token: plain.refresh_token.map(SecretString::from),
            expires_at: UNIX_EPOCH + Duration::from_millis(plain.expires_at_ms),
            renew_at: UNIX_EPOCH + Duration::from_millis(plain.renew_at_ms),
        })
    }
}

pub(crate) fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Token {
        Token::new(
            SecretString::from("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"),
            Some(SecretString::from("r".repeat(64))),
            UNIX_EPOCH + Duration::from_secs(1_800_000_000),
            Duration::from_secs(86_400),
            Duration::from_secs(300),
        )
    }

    #[test]
    fn a_sealed_token_opens_with_the_same_secret_and_key() {
        let sealer = Sealer::new(&SecretString::from("secret"), "k");
        let opened = sealer.open(&sealer.seal(&token())).unwrap();
        assert!(opened.same_access_token(&token().access_token));
        assert_eq!(
            opened.refresh_token.unwrap().expose_secret(),
            "r".repeat(64)
        );
        assert_eq!(opened.expires_at, token().expires_at);
        assert_eq!(opened.renew_at, token().renew_at);
    }

    #[test]
    fn the_sealed_value_does_not_contain_the_tokens() {
        let sealer = Sealer::new(&SecretString::from("secret"), "k");
        let sealed = sealer.seal(&token());
        let raw = STANDARD.decode(&sealed).unwrap();
        let raw = String::from_utf8_lossy(&raw);
        assert!(!raw.contains("a1b2c3d4e5f6"));
        assert!(!raw.contains("rrrrrrrr"));
        assert!(!sealed.contains("a1b2c3d4e5f6"));
        // Two seals of one token differ: the nonce is fresh each time.
        assert_ne!(sealed, sealer.seal(&token()));
    }

    #[test]
    fn another_secret_another_key_or_a_tampered_value_does_not_open() {
        let sealer = Sealer::new(&SecretString::from("secret"), "k");
        let sealed = sealer.seal(&token());
        assert!(
            Sealer::new(&SecretString::from("other"), "k")
                .open(&sealed)
                .is_none()
        );
        assert!(
            Sealer::new(&SecretString::from("secret"), "k2")
                .open(&sealed)
                .is_none()
        );
        let mut raw = STANDARD.decode(&sealed).unwrap();
        let last = raw.len() - 1;
        raw[last] ^= 1;
        assert!(sealer.open(&STANDARD.encode(raw)).is_none());
        assert!(sealer.open("not base64 !").is_none());
        assert!(sealer.open("").is_none());
    }

    #[test]
    fn fingerprints_are_stable_per_secret_and_do_not_reveal_the_token() {
        let a = Sealer::new(&SecretString::from("secret"), "k");
        let b = Sealer::new(&SecretString::from("secret"), "k");
        let t = token().access_token;
        assert_eq!(a.fingerprint(&t), b.fingerprint(&t));
        assert_eq!(a.fingerprint(&t).len(), 32);
        assert!(!a.fingerprint(&t).contains("a1b2c3"));
        assert_ne!(
            a.fingerprint(&t),
            Sealer::new(&SecretString::from("other"), "k").fingerprint(&t)
        );
        assert_ne!(
            a.fingerprint(&t),
            a.fingerprint(&SecretString::from("something else"))
        );
    }
}
