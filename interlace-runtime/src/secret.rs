//! Keeping secrets out of `Debug` output, logs and errors.
//!
//! Secrets live in [`secrecy::SecretString`], whose `Debug` prints
//! `[REDACTED]`. Bodies that end up in error messages go through `excerpt`,
//! which bounds their length and masks the values of credential fields.

pub use secrecy::{ExposeSecret, SecretString};

/// Longest excerpt of a body kept in an error, in bytes.
pub(crate) const EXCERPT_LIMIT: usize = 160;

/// JSON keys whose string values are masked in excerpts.
const SECRET_KEYS: &[&str] = &[
    "accessToken",
    "refreshToken",
    "clientSecret",
    "cardNumber",
    "cvv",
    "cvc",
    "pan",
    "pin",
    "expiryDate",
];

const MASK: &str = "[redacted]";

/// A short, printable excerpt of `body` for an error message.
///
/// At most [`EXCERPT_LIMIT`] bytes of the body are kept, control characters
/// become spaces, and the string values of credential fields (`accessToken`,
/// `cardNumber`, …) are masked, even when cut short.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let end = body.len().min(EXCERPT_LIMIT);
    let text = String::from_utf8_lossy(&body[..end]);
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // A lossy cut may have split a multi-byte character; the replacement
    // character it leaves is harmless.
    out = mask_secret_values(&out);
    if body.len() > end {
        out.push_str(&format!("… ({} bytes in all)", body.len()));
    }
    out
}

/// Replaces the value after `"key":` for every key in [`SECRET_KEYS`].
fn mask_secret_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, key_len, value_start)) = next_secret_key(rest) {
        out.push_str(&rest[..before + key_len]);
        let after_key = &rest[before + key_len..];
        let value = &after_key[value_start..];
        out.push_str(&after_key[..value_start]);
        let (masked_len, closed) = string_value_len(value);
        out.push_str(MASK);
        if closed {
            out.push('"');
        }
        rest = &value[masked_len..];
    }
    out.push_str(rest);
    out
}

/// Finds the next `"secretKey"\s*:\s*"` and returns (offset of the key,
/// length of the quoted key, offset of the value's first character relative
/// to the end of the key).
fn next_secret_key(text: &str) -> Option<(usize, usize, usize)> {
    let mut search_from = 0;
    while let Some(pos) = text[search_from..].find('"') {
        let start = search_from + pos;
        let tail = &text[start + 1..];
        for key in SECRET_KEYS {
            if let Some(after) = tail.strip_prefix(key).and_then(|t| t.strip_prefix('"')) {
                let trimmed = after.trim_start();
                if let Some(value) = trimmed.strip_prefix(':') {
                    let value = value.trim_start();
                    let key_len = key.len() + 2;
                    let consumed = after.len() - value.len();
                    // Only string values are masked; a quote opens them.
                    let skip_quote = usize::from(value.starts_with('"'));
                    return Some((start, key_len, consumed + skip_quote));
                }
            }
        }
        search_from = start + 1;
    }
    None
}

/// Length of a string value up to (not including) its closing quote, and
/// whether the quote was found.
fn string_value_len(value: &str) -> (usize, bool) {
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return (i + 1, true),
            _ => escaped = false,
        }
    }
    (value.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded() {
        let body = vec![b'x'; 10_000];
        let e = excerpt(&body);
        assert!(e.len() < EXCERPT_LIMIT + 40, "{}", e.len());
        assert!(e.ends_with("(10000 bytes in all)"));
    }

    #[test]
    fn excerpt_masks_token_values() {
        let body = br#"{"code":"000000","data":{"accessToken":"abc123def","refreshToken" : "zzz\"q","expiresIn":1}}"#;
        let e = excerpt(body);
        assert!(!e.contains("abc123def"), "{e}");
        assert!(!e.contains("zzz"), "{e}");
        assert!(e.contains(r#""accessToken":"[redacted]""#), "{e}");
        assert!(e.contains("expiresIn"), "{e}");
    }

    #[test]
    fn excerpt_masks_a_value_cut_short() {
        let mut body = br#"{"data":{"cardNumber":"4111"#.to_vec();
        body.extend(std::iter::repeat_n(b'1', 400));
        let e = excerpt(&body);
        assert!(!e.contains("4111"), "{e}");
    }

    #[test]
    fn excerpt_replaces_control_characters_and_bad_utf8() {
        let e = excerpt(b"<html>\n\x00\xff</html>");
        assert_eq!(e, "<html>  \u{fffd}</html>");
    }
}
