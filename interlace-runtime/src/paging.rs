//! The `{list, total}` page of list endpoints.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// One page of a list endpoint: `{"list": [...], "total": "94"}`.
///
/// `total` arrives as a string in live answers and as a number in the doc
/// samples; both are accepted. A missing `list` or `total` reads as empty / 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// Items of this page.
    #[serde(default = "Vec::new")]
    pub list: Vec<T>,
    /// Number of items across all pages.
    #[serde(default, deserialize_with = "total_from_string_or_number")]
    pub total: u64,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            list: Vec::new(),
            total: 0,
        }
    }
}

/// Marks the response types of paginated endpoints, so that a paginated
/// declaration with another response type is caught at compile time.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list page, so the endpoint can't be paginated",
    label = "a paginated endpoint must respond with `Page<Item>`",
    note = "use `response = Page<YourItem>`, or drop `paginated`"
)]
pub trait ListPage {
    /// The item type.
    type Item;
    /// Splits the page into its items and the total.
    fn into_parts(self) -> (Vec<Self::Item>, u64);
}

impl<T> ListPage for Page<T> {
    type Item = T;
    fn into_parts(self) -> (Vec<T>, u64) {
        (self.list, self.total)
    }
}

fn total_from_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    struct TotalVisitor;
    impl Visitor<'_> for TotalVisitor {
        type Value = u64;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a non-negative count as a number or a string")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
            u64::try_from(v).map_err(|_| E::custom("total is negative"))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
            v.trim()
                .parse()
                .map_err(|_| E::custom(format!("total `{v}` is not a count")))
        }
        fn visit_unit<E: de::Error>(self) -> Result<u64, E> {
            Ok(0)
        }
    }
    d.deserialize_any(TotalVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_as_string_number_or_missing() {
        let p: Page<u8> = serde_json::from_str(r#"{"list":[1],"total":"94"}"#).unwrap();
        assert_eq!(p.total, 94);
        let p: Page<u8> = serde_json::from_str(r#"{"list":[1],"total":94}"#).unwrap();
        assert_eq!(p.total, 94);
        let p: Page<u8> = serde_json::from_str(r#"{"list":[]}"#).unwrap();
        assert_eq!(p.total, 0);
        assert!(serde_json::from_str::<Page<u8>>(r#"{"list":[],"total":"x"}"#).is_err());
        assert!(serde_json::from_str::<Page<u8>>(r#"{"list":[],"total":-1}"#).is_err());
    }
}
