//! The client: a generic shell around the non-generic call path in
//! [`crate::pipeline`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::auth::TokenCache;
use crate::config::Config;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::paging::{ListPage, Paginated};
use crate::pipeline::{self, Authenticate, Core, decode::Answer};
use crate::request::RequestParts;
use futures_util::stream::BoxStream;

/// A client of the Interlace Open API. Cheap to clone: clones share the
/// connection pool and the token.
///
/// ```no_run
/// # async fn run() -> Result<(), interlace_runtime::Error> {
/// let client = interlace_runtime::Client::from_env()?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    core: Arc<Core>,
    tokens: TokenCache,
}

impl Client {
    /// A client for `config`.
    pub fn new(config: Config) -> Result<Self, Error> {
        Ok(Self {
            inner: Arc::new(Inner {
                core: Arc::new(Core::new(config)?),
                tokens: TokenCache::default(),
            }),
        })
    }

    /// A client configured from `INTERLACE_*` environment variables; see [`Config::from_env`].
    pub fn from_env() -> Result<Self, Error> {
        Self::new(Config::from_env()?)
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.core.config
    }

    /// Makes sure the client holds a fresh access token, acquiring one if
    /// needed. Calls do this on their own; use it to check credentials early.
    pub async fn authenticate(&self) -> Result<(), Error> {
        self.inner.tokens.token(&self.inner.core).await.map(drop)
    }

    /// Sends any endpoint, including ones declared outside this crate.
    ///
    /// Returns a [`Call`], a future to `.await`; nothing is sent before it is
    /// first polled.
    pub fn send<E: Endpoint>(&self, request: E) -> Call<E> {
        Call {
            state: CallState::Ready {
                client: self.clone(),
                request,
            },
        }
    }

    /// Runs the call path for prepared parts, up to a success answer.
    async fn execute(
        self,
        meta: &'static crate::EndpointMeta,
        parts: RequestParts,
    ) -> Result<Answer, Error> {
        let inner = &self.inner;
        pipeline::run(&inner.core, &inner.tokens, meta, parts).await
    }
}

/// A call in progress: the future [`Client::send`] and the generated client
/// methods return. Resolves to the endpoint's response.
///
/// It is a named type rather than an `async fn`'s opaque future so that the
/// code generated per endpoint stays a one-line method: the request is
/// written into parts on the first poll, and everything after that runs in
/// one boxed, non-generic future shared by all endpoints.
#[must_use = "a call does nothing unless awaited"]
pub struct Call<E: Endpoint> {
    state: CallState<E>,
}

enum CallState<E> {
    Ready { client: Client, request: E },
    Running(Pin<Box<dyn Future<Output = Result<Answer, Error>> + Send>>),
    Done,
}

// Nothing in a `Call` relies on being pinned: the request is moved out on the
// first poll and the running future is boxed.
impl<E: Endpoint> Unpin for Call<E> {}

impl<E: Endpoint> fmt::Debug for Call<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            CallState::Ready { .. } => "ready",
            CallState::Running(_) => "running",
            CallState::Done => "done",
        };
        f.debug_struct("Call")
            .field("endpoint", &E::META.name)
            .field("state", &state)
            .finish()
    }
}

impl<E: Endpoint> Future for Call<E> {
    type Output = Result<E::Response, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                CallState::Ready { .. } => {
                    let CallState::Ready { client, request } =
                        std::mem::replace(&mut this.state, CallState::Done)
                    else {
                        unreachable!("matched Ready above");
                    };
                    // Written and checked before anything is sent, a token
                    // request included.
                    let parts = match RequestParts::of(&request) {
                        Ok(parts) => parts,
                        Err(e) => return Poll::Ready(Err(e)),
                    };
                    drop(request);
                    this.state = CallState::Running(Box::pin(client.execute(E::META, parts)));
                }
                CallState::Running(future) => {
                    let answer = std::task::ready!(future.as_mut().poll(cx));
                    this.state = CallState::Done;
                    return Poll::Ready(answer.and_then(|a| a.decode()));
                }
                CallState::Done => panic!("`Call` polled after it completed"),
            }
        }
    }
}

impl Client {
    /// Every item of a paginated endpoint across pages; it stops after an empty or
    /// short page, once `total` items were seen, after [`crate::MAX_PAGES`]
    /// pages, or after the first error (which it yields). The stream is boxed,
    /// so `.next().await` works on it as is.
    ///
    /// ```no_run
    /// # async fn run<E>(client: interlace_runtime::Client, request: E)
    /// # where E: interlace_runtime::Paginated<Response = interlace_runtime::Page<String>> {
    /// use futures_util::StreamExt;
    /// let mut items = client.stream(request);
    /// while let Some(item) = items.next().await {
    ///     let item = item.unwrap();
    /// }
    /// # }
    /// ```
    pub fn stream<E>(
        &self,
        request: E,
    ) -> BoxStream<'static, Result<<E::Response as ListPage>::Item, Error>>
    where
        E: Paginated,
        E::Response: ListPage + Send,
        <E::Response as ListPage>::Item: Send,
    {
        crate::paging::stream(self.clone(), request)
    }
}
