//! Masking by shape (card numbers) and by name (the value after a
//! credential's JSON key), for text whose secrets are not known by value.

use super::MASK;

/// Whether a field or header called `name` carries a credential or card
/// data. Case, `-` and `_` are ignored: `accessToken`, `x-access-token`,
/// `client_secret`, `CVV`, `expiryDate`, `Signature`, anything ending in
/// `token` or `secret`.
///
/// `code` is not among them: it is the envelope's result code everywhere,
/// and the one-time OAuth code is masked by value where it is known.
pub fn is_secret_name(name: &str) -> bool {
    const NAMES: [&str; 17] = [
        "password",
        "passwd",
        "cvv",
        "cvv2",
        "cvc",
        "cvc2",
        "cardnumber",
        "pan",
        "pin",
        "expirydate",
        "expiry",
        "expirationdate",
        "expiredate",
        "signature",
        "sign",
        "authorization",
        "cardsecret",
    ];
    let folded: String = name
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    NAMES.contains(&folded.as_str()) || folded.ends_with("token") || folded.ends_with("secret")
}

/// Every card number in `text` shown as `****` and its last four digits.
///
/// A card number is a run of 13 to 19 digits, with single spaces or dashes
/// allowed between them, that starts with 2 to 6 (the industry digits of
/// payment cards, which keeps Interlace's 19-digit ids, starting with 1,
/// intact) and passes the Luhn check. A run glued to a letter, a `.`, or
/// more digits is part of something else (a UUID, an amount, a longer id)
/// and is kept.
///
/// ```
/// use interlace_runtime::secret::mask_card_numbers;
/// assert_eq!(mask_card_numbers("card 4111-1111-1111-1111 declined"), "card ****1111 declined");
/// assert_eq!(mask_card_numbers("id 1926684703962181634"), "id 1926684703962181634");
/// assert_eq!(mask_card_numbers("amount 4111111111111111.00"), "amount 4111111111111111.00");
/// ```
pub fn mask_card_numbers(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && glued(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let (end, digits) = digit_run(bytes, i);
        let glued_after = bytes.get(end).is_some_and(|&b| {
            b.is_ascii_alphanumeric() || (b == b'.' && next_is_digit(bytes, end))
        });
        if !glued_after && is_card_number(&digits) {
            out.push_str(&text[copied..i]);
            out.push_str("****");
            out.push_str(&digits[digits.len() - 4..]);
            copied = end;
        }
        i = end.max(i + 1);
    }
    out.push_str(&text[copied..]);
    out
}

/// A byte that makes the digits after it part of a longer token.
fn glued(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.'
}

fn next_is_digit(bytes: &[u8], at: usize) -> bool {
    bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
}

/// The run of digits from `start` (single spaces or dashes between
/// digits), as its end offset and its digits.
fn digit_run(bytes: &[u8], start: usize) -> (usize, String) {
    let mut digits = String::new();
    let mut end = start;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            digits.push(char::from(b));
            i += 1;
            end = i;
        } else if (b == b' ' || b == b'-') && next_is_digit(bytes, i) {
            i += 1;
        } else {
            break;
        }
        // Longer than any card number: the rest of it is not one either.
        if digits.len() > 19 {
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'-') {
                i += 1;
            }
            return (i, String::new());
        }
    }
    (end, digits)
}

fn is_card_number(digits: &str) -> bool {
    (13..=19).contains(&digits.len()) && matches!(digits.as_bytes()[0], b'2'..=b'6') && luhn(digits)
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// The value after every JSON key [`is_secret_name`] accepts, masked:
/// a string up to its closing quote (or the end of the text, when cut
/// short), a bare number or word up to the next delimiter. Objects and
/// arrays under such a key are left for the other rules.
pub fn mask_named_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = next_named_value(rest) {
        out.push_str(&rest[..found.value_start]);
        let value = &rest[found.value_start..];
        let len = value_len(value);
        if len == 0 {
            rest = value;
            continue;
        }
        let scalar = &value[..len];
        if len > 1 && scalar.starts_with('"') && scalar.ends_with('"') {
            // A closed string keeps its quotes, so the JSON still reads as JSON.
            out.push('"');
            out.push_str(MASK);
            out.push('"');
        } else {
            out.push_str(MASK);
        }
        rest = &value[len..];
    }
    out.push_str(rest);
    out
}

struct NamedValue {
    /// Offset of the value's first character (its opening quote for a string).
    value_start: usize,
}

/// The next `"name"\s*:\s*` whose name carries a secret.
fn next_named_value(text: &str) -> Option<NamedValue> {
    let mut from = 0;
    while let Some(pos) = text[from..].find('"') {
        let open = from + pos;
        let Some(len) = text[open + 1..].find('"') else {
            return None;
        };
        let name = &text[open + 1..open + 1 + len];
        let after = &text[open + 2 + len..];
        let trimmed = after.trim_start();
        if len <= 40
            && is_secret_name(name)
            && let Some(value) = trimmed.strip_prefix(':')
        {
            let value = value.trim_start();
            return Some(NamedValue {
                value_start: text.len() - value.len(),
            });
        }
        from = open + 1;
    }
    None
}

/// Length of the JSON scalar at the start of `value`: a string with its
/// quotes (to the end when unclosed), or a bare word up to a delimiter.
/// Zero for an object, an array or nothing.
fn value_len(value: &str) -> usize {
    if let Some(body) = value.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return i + 2,
                _ => escaped = false,
            }
        }
        return value.len();
    }
    if value.starts_with(['{', '[']) {
        return 0;
    }
    value
        .find(|c: char| matches!(c, ',' | '}' | ']') || c.is_whitespace())
        .unwrap_or(value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_valid_card_numbers_keep_their_last_four() {
        for (text, shown) in [
            ("4111111111111111", "****1111"),
            (
                "card 5555 5555 5555 4444 declined",
                "card ****4444 declined",
            ),
            ("\"378282246310005\"", "\"****0005\""),
            ("6011-1111-1111-1117.", "****1117."),
            ("pan=4000056655665556&x=1", "pan=****5556&x=1"),
        ] {
            assert_eq!(mask_card_numbers(text), shown, "{text}");
        }
    }

    #[test]
    fn ids_uuids_amounts_and_near_misses_are_kept() {
        for text in [
            // A 19-digit Interlace id (starts with 1) and a Luhn-valid one.
            "1926684703962181634",
            "1000000000000000009",
            // Luhn fails.
            "4111111111111112",
            // UUIDs whose digit runs could pass for card numbers.
            "a4111111-1111-1111-1111-111111111111",
            "123e4567-e89b-12d3-a456-426614174000",
            "41111111-1111-1111-1111-111111111111",
            // Amounts and decimals.
            "4111111111111111.00",
            "0.4111111111111111",
            "12.50 USD",
            // Glued to letters, or too long.
            "tok4111111111111111",
            "4111111111111111x",
            "41111111111111111111111",
            "2024-01-01 10:00",
        ] {
            assert_eq!(mask_card_numbers(text), text, "{text}");
        }
    }

    #[test]
    fn named_values_are_masked_closed_cut_or_bare() {
        assert_eq!(
            mask_named_values(
                r#"{"accessToken":"abc\"d","cvv" : 123,"expiryDate":"12/29","ok":"x"}"#
            ),
            r#"{"accessToken":"[masked]","cvv" : [masked],"expiryDate":"[masked]","ok":"x"}"#
        );
        assert_eq!(
            mask_named_values(r#"{"data":{"cardNumber":"41111"#),
            r#"{"data":{"cardNumber":[masked]"#
        );
        assert_eq!(
            mask_named_values(r#"{"code":"000000","client_secret":null,"pin":{"a":1}}"#),
            r#"{"code":"000000","client_secret":[masked],"pin":{"a":1}}"#
        );
    }

    #[test]
    fn secret_names_ignore_case_and_separators() {
        for name in [
            "accessToken",
            "X-Access-Token",
            "client_secret",
            "CVV",
            "Signature",
            "expiry_date",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "code",
            "cardId",
            "expiresIn",
            "message",
            "accountId",
            "amount",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
