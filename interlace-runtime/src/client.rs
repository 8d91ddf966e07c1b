//! The client: a generic shell around the non-generic call path in
//! [`crate::pipeline`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::auth::{MemoryTokenStore, StoreScope, TokenCache, TokenStore};
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::paging::{ListPage, Paginated};
use crate::pipeline::{self, Authenticate, Core, decode::SuccessResponse};
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
    /// A client for `config`, keeping its token in memory on the system
    /// clock; see [`Client::builder`] for other collaborators.
    pub fn new(config: Config) -> Result<Self, Error> {
        Self::builder(config).build()
    }

    /// A builder for a client of `config` with collaborators of your own: a
    /// [`TokenStore`] (to share one token across a fleet) and a [`Clock`].
    ///
    /// ```
    /// use std::sync::Arc;
    /// use interlace_runtime::{Client, Config, Environment, ManualClock, MemoryTokenStore};
    ///
    /// let config = Config::builder()
    ///     .client_id("interlace0123456789abcdef")
    ///     .client_secret("0123456789abcdef0123456789abcdef")
    ///     .environment(Environment::Sandbox)
    ///     .build()?;
    /// let client = Client::builder(config)
    ///     .token_store(Arc::new(MemoryTokenStore::default()))
    ///     .clock(Arc::new(ManualClock::new()))
    ///     .build()?;
    /// # let _ = client; Ok::<(), interlace_runtime::Error>(())
    /// ```
    pub fn builder(config: Config) -> ClientBuilder {
        ClientBuilder {
            config,
            store: None,
            clock: None,
        }
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
    ) -> Result<SuccessResponse, Error> {
        let inner = &self.inner;
        pipeline::run(&inner.core, &inner.tokens, meta, parts).await
    }
}

/// Builds a [`Client`] from a [`Config`] and its collaborators.
#[must_use]
pub struct ClientBuilder {
    config: Config,
    store: Option<Arc<dyn TokenStore>>,
    clock: Option<Arc<dyn Clock>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("config", &self.config)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Where the token is kept; default a [`MemoryTokenStore`] of this
    /// client. The store is bound to the client's scope (base URL, client
    /// id, secret, clock) when the client is built.
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// The clock tokens, retries and `Retry-After` are judged by; default
    /// the system clock. Tests use [`crate::ManualClock`].
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The client. Fails with [`Error::Config`] (`token_store`) when the
    /// store refuses this client's scope, for example a store already bound
    /// to another client id.
    pub fn build(self) -> Result<Client, Error> {
        let clock = self.clock.unwrap_or_else(|| Arc::new(SystemClock));
        let store = self
            .store
            .unwrap_or_else(|| Arc::new(MemoryTokenStore::default()));
        if self.config.authentication().is_interlace_oauth() {
            let scope = StoreScope {
                base_url: self.config.base_url().as_str().to_string(),
                client_id: self.config.client_id().to_string(),
                client_secret: self.config.client_secret().clone(),
                clock: clock.clone(),
            };
            store
                .bind(&scope)
                .map_err(|e| Error::config("token_store", e.to_string()))?;
        }
        Ok(Client {
            inner: Arc::new(Inner {
                core: Arc::new(Core::new(self.config, clock, store)?),
                tokens: TokenCache::default(),
            }),
        })
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
    Running(Pin<Box<dyn Future<Output = Result<SuccessResponse, Error>> + Send>>),
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
                    let response = std::task::ready!(future.as_mut().poll(cx));
                    this.state = CallState::Done;
                    return Poll::Ready(response.and_then(|r| r.decode()));
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
    ) -> BoxStream<'static, Result<<E::Page as ListPage>::Item, Error>>
    where
        E: Paginated,
    {
        let client = self.clone();
        let send: crate::paging::SendPage<E> = Box::new(move |page| Box::pin(client.send(page)));
        crate::paging::stream(send, request)
    }
}
