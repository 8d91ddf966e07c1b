use std::time::{Duration, SystemTime};

use super::*;

const TOKEN: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const CLIENT_SECRET: &str = "5f4dcc3b/aa765d61+d8327deb882cf99 &x";

fn known() -> KnownSecrets {
    let known = KnownSecrets::new();
    known.insert(&SecretString::from(CLIENT_SECRET));
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    known.insert_until(
        &SecretString::from(TOKEN),
        now + Duration::from_secs(60),
        now,
    );
    known
}

#[test]
fn excerpt_is_bounded() {
    let body = vec![b'x'; 10_000];
    let e = excerpt(&body);
    assert!(e.len() < EXCERPT_LIMIT + 40, "{}", e.len());
    assert!(e.ends_with("(10000 bytes in all)"));
}

#[test]
fn excerpt_masks_values_under_credential_names() {
    let body = br#"{"code":"000000","data":{"accessToken":"abc123def","refreshToken" : "zzz\"q","expiresIn":1}}"#;
    let e = excerpt(body);
    assert!(!e.contains("abc123def"), "{e}");
    assert!(!e.contains("zzz"), "{e}");
    assert!(e.contains(r#""accessToken":"[masked]""#), "{e}");
    assert!(e.contains(r#""code":"000000""#), "{e}");
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

#[test]
fn known_secrets_are_masked_in_any_text_and_form() {
    let known = known();
    let json_escaped = serde_json::to_string(CLIENT_SECRET).unwrap();
    let percent =
        percent_encoding::utf8_percent_encode(CLIENT_SECRET, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    let form: String = url::form_urlencoded::byte_serialize(CLIENT_SECRET.as_bytes()).collect();
    for text in [
        format!("<html>bad gateway; your token was {TOKEN}</html>"),
        format!("x-access-token: {TOKEN}\r\nsecret {CLIENT_SECRET}"),
        format!(r#"{{"echo":{json_escaped}}}"#),
        format!(r#"{{"echo":{}}}"#, json_escaped.replace('/', "\\/")),
        format!("GET /?clientSecret={percent}&s={form}"),
        format!("<p>{}</p>", CLIENT_SECRET.replace('&', "&amp;")),
        // Cut short by the server, or at the end of the text.
        format!("token {}… (truncated)", &TOKEN[..12]),
        format!("token {}", &TOKEN[..5]),
    ] {
        let shown = known.mask(&text);
        assert!(!shown.contains(&TOKEN[..5]), "{text} -> {shown}");
        assert!(!shown.contains("aa765d61"), "{text} -> {shown}");
        assert!(!shown.contains("5f4dcc3b"), "{text} -> {shown}");
        assert!(shown.contains(MASK), "{text} -> {shown}");
    }
}

#[test]
fn excerpt_masks_a_known_secret_cut_by_its_end() {
    let known = known();
    for at in 0..EXCERPT_LIMIT {
        let mut body = "x".repeat(at);
        body.push_str(TOKEN);
        body.push_str(&"y".repeat(300));
        let e = known.excerpt(body.as_bytes());
        assert!(!e.contains(&TOKEN[..4]), "at {at}: {e}");
    }
}

#[test]
fn uuids_ids_and_amounts_are_never_mangled() {
    let known = known();
    let text = "card 0b6b7c1e-8d53-4f5e-9f9a-4c2d8e1f3a5b, account 1926684703962181634, \
                amount 4111111111111111.00, 12.50 USD, 2026-12-07T10:00:00Z";
    assert_eq!(known.mask(text), text);
}

#[test]
fn expired_tokens_are_forgotten_and_short_values_ignored() {
    let known = KnownSecrets::new();
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    known.insert_until(
        &SecretString::from(TOKEN),
        now + Duration::from_secs(1),
        now,
    );
    known.insert(&SecretString::from("abc"));
    assert_eq!(known.len(), 1);
    let later = now + Duration::from_secs(2);
    known.insert_until(
        &SecretString::from("f".repeat(40)),
        later + Duration::from_secs(1),
        later,
    );
    assert_eq!(known.len(), 1);
    assert!(known.mask(TOKEN).contains(TOKEN));
    assert!(!format!("{known:?}").contains('f'.to_string().repeat(8).as_str()));
}
