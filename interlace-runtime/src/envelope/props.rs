//! Property tests of envelope decoding: any bytes and any JSON give either a
//! value or a typed error with a bounded excerpt — never a panic.

use crate::envelope::{ResponseContext, check, decode_data, parse};
use crate::secret::{EXCERPT_LIMIT, KnownSecrets, SecretString};
use crate::{CallSite, Error, NoContent, Page};
use proptest::prelude::*;
use serde_json::Value;

fn site() -> CallSite {
    CallSite {
        endpoint: "prop",
        method: "GET",
        path: "/prop".into(),
    }
}

/// Longest an excerpt may get: the kept bytes (each may become a 3-byte
/// replacement character) plus the "(N bytes in all)" suffix and masks.
const MAX_EXCERPT: usize = EXCERPT_LIMIT * 3 + 64;

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Card {
    id: String,
    amount: Option<String>,
    tags: Vec<u32>,
}

fn run(body: &[u8], status: u16) {
    let site = site();
    let secrets = KnownSecrets::new();
    let cx = ResponseContext {
        site: &site,
        status,
        sensitive: false,
        secrets: &secrets,
    };
    let outcome = parse(body, cx)
        .and_then(|env| check(env, cx))
        .and_then(|env| {
            let _ = decode_data::<NoContent>(body, &env, cx)?;
            let _ = decode_data::<bool>(body, &env, cx);
            let _ = decode_data::<Page<Card>>(body, &env, cx);
            decode_data::<Value>(body, &env, cx)
        });
    match outcome {
        Ok(_) => {}
        Err(Error::Decode(d)) => {
            assert!(
                d.excerpt.len() <= MAX_EXCERPT,
                "excerpt of {} bytes",
                d.excerpt.len()
            );
            assert_eq!(d.status, status);
        }
        Err(Error::Api(a)) => assert_eq!(a.status, status),
        Err(other) => panic!("untyped outcome: {other:?}"),
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::hash_map("[a-zA-Z]{1,8}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..4096), status in 100u16..600) {
        run(&body, status);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value(), status in prop_oneof![Just(200u16), 400u16..600]) {
        run(&serde_json::to_vec(&value).unwrap(), status);
    }

    #[test]
    fn arbitrary_envelopes_never_panic(
        code in prop_oneof![Just(Value::from("000000")), Just(Value::from(0)), json_value()],
        data in json_value(),
        message in json_value(),
        cut in any::<prop::sample::Index>(),
    ) {
        let body = serde_json::to_vec(&serde_json::json!({"code": code, "message": message, "data": data})).unwrap();
        run(&body, 200);
        // The same envelope cut anywhere.
        let at = cut.index(body.len() + 1);
        run(&body[..at], 200);
    }

    #[test]
    fn excerpts_never_show_a_token(token in "[0-9a-f]{40}", prefix in ".{0,200}") {
        let body = format!(r#"{{"x":"{}","data":{{"accessToken":"{token}"}}}}"#, prefix.replace(['"', '\\'], ""));
        let excerpt = crate::secret::excerpt(body.as_bytes());
        prop_assert!(!excerpt.contains(&token));
    }

    /// A known token anywhere in any text, cut anywhere: no eight bytes of
    /// it in a row survive the excerpt.
    #[test]
    fn excerpts_never_show_a_known_token(
        token in "[0-9a-zA-Z_-]{40}",
        before in "[^\\x00-\\x1f]{0,200}",
        after in "[^\\x00-\\x1f]{0,200}",
        cut in any::<prop::sample::Index>(),
    ) {
        let known = KnownSecrets::new();
        known.insert(&SecretString::from(token.clone()));
        let text = format!("{before}{token}{after}");
        let body = &text.as_bytes()[..cut.index(text.len() + 1)];
        let excerpt = known.excerpt(body);
        for piece in token.as_bytes().windows(8) {
            let piece = std::str::from_utf8(piece).unwrap();
            prop_assert!(!excerpt.contains(piece), "{piece} in {excerpt}");
        }
    }
}
