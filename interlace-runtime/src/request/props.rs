//! Property tests of path and query encoding, through to the URL the
//! request is sent to: any value stays one path segment or one query
//! value, and reads back as itself.

use proptest::prelude::*;

use crate::config::{Config, Environment};
use crate::endpoint::{EndpointMeta, HttpMethod};
use crate::pipeline::build;
use crate::request::RequestParts;

static META: EndpointMeta = EndpointMeta::new("prop", HttpMethod::Get, "/v3/items/{id}/sub");

fn config() -> Config {
    Config::builder()
        .client_id("interlace0011223344556677")
        .client_secret("0123456789abcdef0123456789abcdef")
        .environment(Environment::Custom)
        .base_url("http://127.0.0.1:9/api/")
        .build()
        .unwrap()
}

fn decoded(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn any_path_value_is_one_segment_that_reads_back(
        value in prop_oneof![4 => any::<String>(), 1 => "[./%2Ee]{0,4}"],
        query in any::<String>(),
    ) {
        let mut parts = RequestParts::new("prop");
        parts.path("/v3/items/");
        parts.path_param(value.as_str());
        parts.path("/sub");
        parts.query("q", &query);
        parts.query("page", &3);
        let config = config();
        match build::prepare(&config, &META, parts) {
            Ok(prepared) => {
                prop_assert!(!matches!(value.as_str(), "" | "." | ".."));
                let url = prepared.attempt(None).url().clone();
                prop_assert_eq!(url.host_str(), Some("127.0.0.1"));
                let segments: Vec<&str> = url.path_segments().unwrap().collect();
                prop_assert_eq!(segments.len(), 5, "{}", url);
                prop_assert_eq!(segments[0], "api");
                prop_assert_eq!(segments[4], "sub");
                prop_assert_eq!(decoded(segments[3]), value.clone());
                let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
                prop_assert_eq!(pairs, vec![("q".to_owned(), query.clone()), ("page".to_owned(), "3".to_owned())]);
                prop_assert!(url.fragment().is_none());
            }
            Err(e) => {
                // Only a value that would leave its place is refused, and
                // with a typed error.
                prop_assert!(matches!(value.as_str(), "" | "." | ".."), "{e}");
                prop_assert!(matches!(e, crate::Error::InvalidRequest(_)));
            }
        }
    }
}
