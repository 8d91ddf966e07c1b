//! An in-memory emulator of the Interlace Open API, for tests and demos.
//!
//! It serves the v3 token flow and the card-issuing workflow on
//! 127.0.0.1 with state that holds together: a funded master account, card
//! BINs, cardholders, prepaid and budget cards, card funding, summaries,
//! freezing, budgets and business transfers. Balances move and never go
//! negative; card creation honours `Idempotency-Key`. It signs webhooks to a
//! registered URL and can inject faults.
//!
//! It reads requests as raw JSON by the documented wire names and shares no
//! types with the `interlace` client crate, so a wrong field name on either
//! side fails a test instead of agreeing with itself.
//!
//! Its own choices where the public docs are silent: business and
//! validation errors answer HTTP 200 with a non-success code (see
//! [`codes`]); a missing or invalid access token answers HTTP 401 with code
//! `100401`; access tokens live [`SandboxConfig::token_lifetime`]; refresh
//! tokens do not expire and the refresh call returns no new refresh token.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let sandbox = interlace_sandbox::Sandbox::start().await?;
//! println!("emulator at {}", sandbox.url());
//! # Ok(()) }
//! ```

mod accounts;
mod auth;
mod budgets;
mod cardholders;
mod cards;
mod contract;
mod faults;
mod judge;
mod reply;
mod script;
mod state;
mod transfers;
mod webhooks;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::routing::{delete, get, post, put};
use rust_decimal::Decimal;
use tokio::sync::oneshot;

pub use faults::{Fault, FaultSpec};
pub use judge::ReceivedRequest;
pub use script::SeedError;
pub use webhooks::{Delivery, sign as sign_webhook};

/// The envelope codes the emulator answers with.
pub mod codes {
    pub use crate::reply::{
        IDEMPOTENCY_CONFLICT, INSUFFICIENT_BALANCE, INVALID_CLIENT, INVALID_CODE,
        INVALID_REFRESH_TOKEN, INVALID_STATE, INVALID_TOKEN, NO_BALANCE, NOT_FOUND, SUCCESS,
        VALIDATION,
    };
}

/// Settings of an emulator.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The only client id it accepts.
    pub client_id: String,
    /// The secret it signs webhooks with.
    pub client_secret: String,
    /// Lifetime of access tokens (`expiresIn`); default 86400 s.
    pub token_lifetime: Duration,
    /// Lifetime of authorization codes; default 5 min.
    pub code_lifetime: Duration,
    /// Starting balance of the master Infinity Account; default 10000.00.
    pub master_balance: Decimal,
    /// Webhook delivery attempts; default 3.
    pub webhook_attempts: u32,
    /// Wait between webhook attempts; default 200 ms (Interlace waits 10 s and more).
    pub webhook_retry_delay: Duration,
    /// Also refuse query parameters the contract does not list; default off.
    pub strict: bool,
    /// Append every request, as a JSON line, to this file.
    pub request_log: Option<std::path::PathBuf>,
    /// How many of the latest requests [`Sandbox::requests`] keeps; default
    /// 10,000 (the request log keeps them all).
    pub request_history: usize,
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .field("token_lifetime", &self.token_lifetime)
            .finish_non_exhaustive()
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            client_id: "interlace5a4d3c2b1a0f9e8d".into(),
            client_secret: "5f4dcc3b5aa765d61d8327deb882cf99".into(),
            token_lifetime: Duration::from_secs(86_400),
            code_lifetime: Duration::from_secs(300),
            master_balance: Decimal::new(1_000_000, 2),
            webhook_attempts: 3,
            webhook_retry_delay: Duration::from_millis(200),
            strict: false,
            request_log: None,
            request_history: 10_000,
        }
    }
}

/// A running emulator. It stops when dropped.
pub struct Sandbox {
    url: String,
    shared: Arc<state::Shared>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts an emulator with the default settings on 127.0.0.1, on a free port.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with(SandboxConfig::default()).await
    }

    /// Starts an emulator with `config` on 127.0.0.1, on a free port.
    pub async fn start_with(config: SandboxConfig) -> std::io::Result<Self> {
        Self::start_on("127.0.0.1:0".parse().expect("a socket address"), config).await
    }

    /// Starts an emulator with `config` listening on `addr`.
    pub async fn start_on(
        addr: std::net::SocketAddr,
        config: SandboxConfig,
    ) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let url = format!("http://{}", listener.local_addr()?);
        let request_log = match &config.request_log {
            Some(path) => Some(Mutex::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?,
            )),
            None => None,
        };
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(std::io::Error::other)?;
        let shared = Arc::new(state::Shared {
            data: Mutex::new(state::seed(&config)),
            config,
            faults: faults::FaultTable::default(),
            traffic: state::Traffic::default(),
            webhook_url: Mutex::default(),
            deliveries: Mutex::default(),
            http,
            received: Mutex::default(),
            clock: script::Clock::default(),
            request_log,
        });
        let app = router(shared.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::warn!(error = %e, "the emulator stopped");
            }
        });
        Ok(Self {
            url,
            shared,
            shutdown: Some(shutdown),
        })
    }

    /// Base URL, e.g. `http://127.0.0.1:43121`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The client id it accepts.
    pub fn client_id(&self) -> &str {
        &self.shared.config.client_id
    }

    /// The client secret it signs webhooks with.
    pub fn client_secret(&self) -> &str {
        &self.shared.config.client_secret
    }

    /// Id of the seeded master account.
    pub fn master_account_id(&self) -> String {
        self.shared.data().master_account.clone()
    }

    /// Makes the next `times` calls to `path` (any method) misbehave.
    pub fn inject(&self, path: &str, fault: Fault, times: usize) {
        self.shared.faults.inject(None, path, fault, times);
    }

    /// Makes the next `times` calls to `method path` misbehave.
    pub fn inject_for(&self, method: &str, path: &str, fault: Fault, times: usize) {
        self.shared.faults.inject(Some(method), path, fault, times);
    }

    /// Every call to `path` misbehaves with `probability` (0.0–1.0), until
    /// [`Sandbox::clear_faults`].
    pub fn inject_random(&self, path: &str, fault: Fault, probability: f64) {
        self.shared.faults.inject_random(path, fault, probability);
    }

    /// Drops every pending fault.
    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Revokes every live access token.
    pub fn revoke_all_tokens(&self) {
        self.shared.data().access_tokens.clear();
    }

    /// Where notifications go; `None` stops them.
    pub fn set_webhook_url(&self, url: Option<String>) {
        *self
            .shared
            .webhook_url
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = url;
    }

    /// Notifications sent so far.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.shared
            .deliveries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// How many calls `METHOD path` received, faults included.
    pub fn request_count(&self, method: &str, path: &str) -> u64 {
        self.shared
            .traffic
            .count(&format!("{} {path}", method.to_ascii_uppercase()))
    }

    /// The most calls to `METHOD path` that were in progress at the same time.
    pub fn max_concurrent(&self, method: &str, path: &str) -> u64 {
        self.shared
            .traffic
            .max_in_flight(&format!("{} {path}", method.to_ascii_uppercase()))
    }

    /// How many POSTs without an `Idempotency-Key` repeated a body already
    /// received on the same path: each is a request that was sent twice.
    pub fn repeated_unkeyed_posts(&self) -> u64 {
        self.shared.traffic.repeated_unkeyed_posts()
    }

    /// The requests received so far, oldest first, as they arrived (the
    /// access token masked): what a test asserts on. The latest
    /// [`SandboxConfig::request_history`] are kept.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.shared
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Creates a sub-account of the master account whose Infinity Account
    /// holds `available` (e.g. `"500.00"`); returns its id.
    pub fn seed_account(&self, name: &str, available: &str) -> Result<String, SeedError> {
        script::account(&mut self.shared.data(), name, available)
    }

    /// Creates an approved cardholder in `account_id`; returns its id.
    pub fn seed_cardholder(
        &self,
        account_id: &str,
        first_name: &str,
        last_name: &str,
    ) -> Result<String, SeedError> {
        script::cardholder(&mut self.shared.data(), account_id, first_name, last_name)
    }

    /// Creates an active virtual prepaid card holding `available`; returns its id.
    pub fn seed_card(
        &self,
        account_id: &str,
        cardholder_id: &str,
        available: &str,
    ) -> Result<String, SeedError> {
        script::card(
            &mut self.shared.data(),
            account_id,
            cardholder_id,
            available,
        )
    }

    /// Records a settled purchase of `amount` at `merchant` on a card, taken
    /// from its balance; returns the transaction id.
    pub fn seed_purchase(
        &self,
        card_id: &str,
        merchant: &str,
        amount: &str,
    ) -> Result<String, SeedError> {
        script::purchase(&mut self.shared.data(), card_id, merchant, amount)
    }

    /// Moves the emulator's clock forward: access tokens and codes whose
    /// lifetime has passed are refused from then on.
    pub fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// How many cards exist.
    pub fn card_count(&self) -> usize {
        self.shared.data().cards.len()
    }

    /// Available amount of the master Infinity Account, as a string.
    pub fn master_available(&self) -> String {
        let mut data = self.shared.data();
        let master = data.master_account.clone();
        data.infinity_balance(&master)
            .map(|b| b.available.to_string())
            .unwrap_or_default()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

fn router(shared: Arc<state::Shared>) -> Router {
    let v3 = "/open-api/v3";
    Router::new()
        .route(&format!("{v3}/oauth/authorize"), get(auth::authorize))
        .route(
            &format!("{v3}/oauth/access-token"),
            post(auth::access_token),
        )
        .route(
            &format!("{v3}/oauth/refresh-token"),
            post(auth::refresh_token),
        )
        .route(&format!("{v3}/accounts"), get(accounts::list))
        .route(&format!("{v3}/cards/wallets"), get(accounts::balances))
        .route(&format!("{v3}/card/bins"), get(accounts::bins))
        .route(
            &format!("{v3}/cardholders"),
            post(cardholders::create).get(cardholders::list),
        )
        .route(&format!("{v3}/cardholders/{{id}}"), get(cardholders::get))
        .route(&format!("{v3}/prepaid-card"), post(cards::create_prepaid))
        .route(
            &format!("{v3}/budget-card"),
            post(cards::create_budget_card),
        )
        .route(&format!("{v3}/card-list"), get(cards::list))
        .route(&format!("{v3}/card"), put(cards::update))
        .route(&format!("{v3}/cards/transfer-in"), post(cards::transfer_in))
        .route(
            &format!("{v3}/cards/transfer-out"),
            post(cards::transfer_out),
        )
        .route(
            &format!("{v3}/cards/{{id}}/card-summary"),
            get(cards::summary),
        )
        .route(&format!("{v3}/cards/{{id}}/freeze"), post(cards::freeze))
        .route(
            &format!("{v3}/cards/transaction-list"),
            get(cards::transactions),
        )
        .route(
            &format!("{v3}/cards/{{id}}/velocity-control"),
            put(cards::velocity_control),
        )
        .route(
            &format!("{v3}/cards/{{id}}"),
            delete(cards::delete).fallback(judge::fallback),
        )
        .route(
            &format!("{v3}/cards/{{id}}/unfreeze"),
            post(cards::unfreeze),
        )
        .route(
            &format!("{v3}/budgets"),
            post(budgets::create).get(budgets::list),
        )
        .route(
            &format!("{v3}/budgets/{{id}}"),
            put(budgets::update).delete(budgets::delete),
        )
        .route(
            &format!("{v3}/budgets/transactions/{{id}}"),
            get(budgets::transaction),
        )
        .route(
            &format!("{v3}/budgets/{{id}}/transfer-in"),
            post(budgets::transfer_in),
        )
        .route(
            &format!("{v3}/budgets/{{id}}/transfer-out"),
            post(budgets::transfer_out),
        )
        .route(
            &format!("{v3}/business/transfer/external"),
            post(transfers::external),
        )
        .fallback(judge::fallback)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            judge::judge,
        ))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            auth::require_token,
        ))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            faults::apply,
        ))
        .with_state(shared)
}

/// The README's Rust blocks, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
