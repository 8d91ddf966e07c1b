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
/// A card number is 13 to 19 digits, with single spaces or dashes allowed
/// between groups of them, that starts with 2 to 6 (the industry digits of
/// payment cards, which keeps Interlace's 19-digit ids, starting with 1,
/// intact) and passes the Luhn check. Digits glued to a letter, a `.` or
/// another group by a dash are part of something else (a UUID, an amount,
/// a longer id) and are kept; a space ends a card, so one written next to
/// other numbers is still found.
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
        if !bytes[i].is_ascii_digit() || glued_before(bytes, i) {
            i += 1;
            continue;
        }
        let groups = digit_groups(bytes, i);
        let run_end = groups.last().map_or(i + 1, |g| g.end);
        for card in cards_in(bytes, &groups) {
            let digits: String = text[card.clone()]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            out.push_str(&text[copied..card.start]);
            out.push_str("****");
            out.push_str(&digits[digits.len() - 4..]);
            copied = card.end;
        }
        i = run_end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether the digit at `at` continues a longer token: it follows a letter,
/// a digit or a `.`, or a `-` that follows one of those (a UUID's group).
fn glued_before(bytes: &[u8], at: usize) -> bool {
    let before = |n: usize| at.checked_sub(n).map(|i| bytes[i]);
    match before(1) {
        Some(b) if b.is_ascii_alphanumeric() || b == b'.' => true,
        Some(b'-') => before(2).is_some_and(|b| b.is_ascii_alphanumeric()),
        _ => false,
    }
}

/// Whether what follows a run ending at `end` makes it part of a longer
/// token: a letter or digit, a `.` and a digit (a decimal), or a `-` and a
/// letter or digit (a UUID's group).
fn glued_after(bytes: &[u8], end: usize) -> bool {
    let next = bytes.get(end + 1);
    match bytes.get(end) {
        Some(b) if b.is_ascii_alphanumeric() => true,
        Some(b'.') => next.is_some_and(u8::is_ascii_digit),
        Some(b'-') => next.is_some_and(u8::is_ascii_alphanumeric),
        _ => false,
    }
}

/// The groups of digits from `start`, each separated from the next by one
/// space or dash; at most 64 of them.
fn digit_groups(bytes: &[u8], start: usize) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let mut i = start;
    while groups.len() < 64 {
        let from = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        groups.push(from..i);
        let separated = matches!(bytes.get(i), Some(b' ' | b'-'))
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !separated {
            break;
        }
        i += 1;
    }
    groups
}

/// The card numbers among consecutive `groups`: a card is whole groups,
/// starting where the run starts or after a space, ending where the run
/// ends (not glued to what follows) or before a space. A dash inside a
/// card is fine, but a card never stops at one: that is an id's group.
/// The longest card from each starting group wins.
fn cards_in(bytes: &[u8], groups: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let last = groups.len().saturating_sub(1);
    let mut cards = Vec::new();
    let mut first = 0;
    while first < groups.len() {
        let starts_clean = first == 0 || bytes[groups[first].start - 1] == b' ';
        let found = starts_clean
            .then(|| {
                (first..groups.len()).rev().find(|&end| {
                    let ends_clean = if end == last {
                        !glued_after(bytes, groups[end].end)
                    } else {
                        bytes[groups[end].end] == b' '
                    };
                    let digits: String = groups[first..=end]
                        .iter()
                        .map(|g| std::str::from_utf8(&bytes[g.clone()]).unwrap_or_default())
                        .collect();
                    ends_clean && is_card_number(&digits)
                })
            })
            .flatten();
        match found {
            Some(end) => {
                cards.push(groups[first].start..groups[end].end);
                first = end + 1;
            }
            None => first += 1,
        }
    }
    cards
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
    sum.is_multiple_of(10)
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
        let len = text[open + 1..].find('"')?;
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
            (
                "4111111111111111 0b6b7c1e-8d53-4f5e-9f9a-4c2d8e1f3a5b",
                "****1111 0b6b7c1e-8d53-4f5e-9f9a-4c2d8e1f3a5b",
            ),
            ("ref 12 4111 1111 1111 1111 ok", "ref 12 ****1111 ok"),
            ("4111111111111111 5555555555554444", "****1111 ****4444"),
            (
                "1926684703962181634 4111111111111111",
                "1926684703962181634 ****1111",
            ),
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
            "41111111-1111-4111-a111-111111111111",
            "a111-4111111111111111",
            "4111111111111111-a",
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
