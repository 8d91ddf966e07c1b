//! The `{list, total}` page of list endpoints.

use futures_util::StreamExt;
use futures_util::stream::{self, BoxStream};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::endpoint::Endpoint;
use crate::error::Error;

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

/// A list endpoint whose requests carry `page` and `limit`.
///
/// `#[interlace_endpoint(..., paginated)]` implements it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a paginated list endpoint, so `client.stream` can't walk it",
    label = "`stream` takes requests of list endpoints declared `paginated`",
    note = "send this request once with `client.send(request)` (or its own client method)"
)]
pub trait Paginated: Endpoint + Clone + Send + 'static {
    /// The response as a list page: the declared response type itself. An
    /// associated type rather than a bound on the response, so that a
    /// declaration whose response is not a page is reported at its type,
    /// and `client.stream` on an endpoint that is not paginated gets one
    /// error.
    type Page: ListPage<Item: Send> + Send;
    /// The response, as its page.
    fn into_page(response: Self::Response) -> Self::Page;
    /// The requested page (1-based), if set.
    fn page(&self) -> Option<u32>;
    /// The requested page size, if set.
    fn limit(&self) -> Option<u32>;
    /// Sets page and page size.
    fn set_page(&mut self, page: u32, limit: u32);
}

/// Page size used when a request sets none: the API's documented default.
pub const DEFAULT_PAGE_SIZE: u32 = 10;

/// Most pages a stream fetches, whatever the server says.
pub const MAX_PAGES: u32 = 100_000;

/// Sends one page's request; the client's `send`, boxed.
pub(crate) type SendPage<E> = Box<
    dyn Fn(E) -> futures_util::future::BoxFuture<'static, Result<<E as Endpoint>::Response, Error>>
        + Send
        + Sync,
>;

struct Walk<E: Endpoint> {
    send: SendPage<E>,
    request: E,
    page: u32,
    limit: u32,
    seen: u64,
    fetched: u32,
    done: bool,
}

/// Every item across pages, starting at the request's page (default 1) with
/// its `limit` (default 10).
///
/// The walk stops after an empty or short page, once `total` items were
/// seen, after [`MAX_PAGES`] pages, or after the first error (which it yields).
/// It is boxed, so it is `Unpin` and `.next().await` works on it as is.
pub(crate) fn stream<E>(
    send: SendPage<E>,
    request: E,
) -> BoxStream<'static, Result<<E::Page as ListPage>::Item, Error>>
where
    E: Paginated,
{
    let page = request.page().unwrap_or(1).max(1);
    let limit = request.limit().unwrap_or(DEFAULT_PAGE_SIZE).max(1);
    let walk = Walk {
        page,
        limit,
        send,
        request,
        // Items on the pages before the first one count towards `total`.
        seen: u64::from(page - 1) * u64::from(limit),
        fetched: 0,
        done: false,
    };
    stream::unfold(walk, |mut walk| async move {
        if walk.done {
            return None;
        }
        let mut request = walk.request.clone();
        request.set_page(walk.page, walk.limit);
        let batch: Vec<Result<_, Error>> = match (walk.send)(request).await {
            Ok(page) => {
                let (items, total) = E::into_page(page).into_parts();
                walk.seen += items.len() as u64;
                walk.done = items.len() < walk.limit as usize
                    || (total > 0 && walk.seen >= total)
                    || walk.fetched + 1 >= MAX_PAGES;
                walk.page += 1;
                walk.fetched += 1;
                items.into_iter().map(Ok).collect()
            }
            Err(e) => {
                walk.done = true;
                vec![Err(e)]
            }
        };
        Some((stream::iter(batch), walk))
    })
    .flatten()
    .boxed()
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
