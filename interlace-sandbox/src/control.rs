//! [`Sandbox`]: a running emulator and what a test does with it (set-ups,
//! faults, the clock, read-back of requests and webhook deliveries).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::app::App;
use crate::authorizer::Authorizer;
use crate::recorder::Recorder;
use crate::state::{self, Domain};
use crate::webhooks::Outbox;
use crate::{Delivery, Fault, ReceivedRequest, SandboxConfig, SeedError, Verdict, script};

/// A running emulator. It stops when dropped.
pub struct Sandbox {
    url: String,
    app: App,
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
            Some(path) => Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?,
            ),
            None => None,
        };
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(std::io::Error::other)?;
        let http_for_authorizations = http.clone();
        let app = App {
            domain: Arc::new(Domain::new(state::seed(&config))),
            faults: Arc::default(),
            traffic: Arc::default(),
            recorder: Arc::new(Recorder::new(
                config.request_history,
                request_log,
                &config.client_secret,
            )),
            clock: Arc::default(),
            outbox: Arc::new(Outbox::new(
                http,
                config.client_secret.clone(),
                config.webhook_attempts,
                config.webhook_retry_delay,
            )),
            authorizer: Arc::new(Authorizer::new(
                http_for_authorizations,
                config.client_secret.clone(),
                config.authorization_timeout,
            )),
            config: Arc::new(config),
        };
        let router = crate::app::router(app.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::warn!(error = %e, "the emulator stopped");
            }
        });
        Ok(Self {
            url,
            app,
            shutdown: Some(shutdown),
        })
    }

    /// Base URL, e.g. `http://127.0.0.1:43121`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The client id it accepts.
    pub fn client_id(&self) -> &str {
        &self.app.config.client_id
    }

    /// The client secret it signs webhooks with.
    pub fn client_secret(&self) -> &str {
        &self.app.config.client_secret
    }

    /// Id of the seeded master account.
    pub fn master_account_id(&self) -> String {
        self.app.domain.lock().master_account.clone()
    }

    /// Makes the next `times` calls to `path` (any method) misbehave.
    pub fn inject(&self, path: &str, fault: Fault, times: usize) {
        self.app.faults.inject(None, path, fault, times);
    }

    /// Makes the next `times` calls to `method path` misbehave.
    pub fn inject_for(&self, method: &str, path: &str, fault: Fault, times: usize) {
        self.app.faults.inject(Some(method), path, fault, times);
    }

    /// Every call to `path` misbehaves with `probability` (0.0–1.0), until
    /// [`Sandbox::clear_faults`].
    pub fn inject_random(&self, path: &str, fault: Fault, probability: f64) {
        self.app.faults.inject_random(path, fault, probability);
    }

    /// Drops every pending fault.
    pub fn clear_faults(&self) {
        self.app.faults.clear();
    }

    /// Revokes every live access token.
    pub fn revoke_all_tokens(&self) {
        self.app.domain.lock().access_tokens.clear();
    }

    /// Where deliveries go; `None` stops them.
    pub fn set_webhook_url(&self, url: Option<String>) {
        self.app.outbox.set_url(url);
    }

    /// Deliveries sent so far.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.app.outbox.deliveries()
    }

    /// How many calls `METHOD path` received, faults included.
    pub fn request_count(&self, method: &str, path: &str) -> u64 {
        self.app
            .traffic
            .count(&format!("{} {path}", method.to_ascii_uppercase()))
    }

    /// The most calls to `METHOD path` that were in progress at the same time.
    pub fn max_concurrent(&self, method: &str, path: &str) -> u64 {
        self.app
            .traffic
            .max_in_flight(&format!("{} {path}", method.to_ascii_uppercase()))
    }

    /// How many POSTs without an `Idempotency-Key` repeated a body already
    /// received on the same path: each is a request that was sent twice.
    pub fn repeated_unkeyed_posts(&self) -> u64 {
        self.app.traffic.repeated_unkeyed_posts()
    }

    /// The requests received so far, oldest first, as they arrived (the
    /// access token masked): what a test asserts on. The latest
    /// [`SandboxConfig::request_history`] are kept.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.app.recorder.requests()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.app.recorder.clear();
    }

    /// Creates a sub-account of the master account whose Infinity Account
    /// holds `available` (e.g. `"500.00"`); returns its id.
    pub fn seed_account(&self, name: &str, available: &str) -> Result<String, SeedError> {
        script::account(&mut self.app.domain.lock(), name, available)
    }

    /// Creates an approved cardholder in `account_id`; returns its id.
    pub fn seed_cardholder(
        &self,
        account_id: &str,
        first_name: &str,
        last_name: &str,
    ) -> Result<String, SeedError> {
        script::cardholder(
            &mut self.app.domain.lock(),
            account_id,
            first_name,
            last_name,
        )
    }

    /// Creates an active virtual prepaid card holding `available`; returns its id.
    pub fn seed_card(
        &self,
        account_id: &str,
        cardholder_id: &str,
        available: &str,
    ) -> Result<String, SeedError> {
        script::card(
            &mut self.app.domain.lock(),
            account_id,
            cardholder_id,
            available,
        )
    }

    /// A purchase of `amount` at `merchant` on a card. With an authorization
    /// URL set ([`Sandbox::set_authorization_url`]), the endpoint is asked
    /// first and its answer honoured: approved, the amount is taken from the
    /// card's balance and the transaction is `CLOSED`; declined (or no
    /// answer within `authorization_timeout`, Interlace's default), no
    /// money moves and the transaction is `FAIL`.
    pub async fn seed_purchase(
        &self,
        card_id: &str,
        merchant: &str,
        amount: &str,
    ) -> Result<Purchase, SeedError> {
        let authorization =
            script::authorization(&mut self.app.domain.lock(), card_id, merchant, amount)?;
        let verdict = self.app.authorizer.ask(&authorization).await;
        let approved = verdict.approves();
        let transaction_id = script::settle(&mut self.app.domain.lock(), &authorization, approved)?;
        // The notification page's sample event, with the outcome.
        let field = |k: &str| authorization[k].clone();
        crate::webhooks::emit(
            &self.app.outbox,
            "CARD_TRANSACTION.CREATED",
            serde_json::json!({
                "id": transaction_id, "cardId": field("cardId"), "createTime": field("createTime"),
                "processingCode": "00", "accountId": field("accountId"),
                "transactionAmount": field("transactionAmount"),
                "transactionCurrency": field("transactionCurrency"),
                "billingAmount": field("billAmount"), "billingCurrency": field("billCurrency"),
                "merchantName": field("merchantName"), "merchantCountry": field("merchantCountry"),
                "transactionType": "authorization", "mcc": field("mcc"),
                "status": if approved { "CLOSED" } else { "FAIL" },
            }),
        );
        Ok(Purchase {
            transaction_id,
            verdict,
        })
    }

    /// Where authorization requests go before each purchase; `None` (the
    /// default) lets every purchase through unasked.
    pub fn set_authorization_url(&self, url: Option<String>) {
        self.app.authorizer.set_url(url);
    }

    /// How many authorization requests were sent.
    pub fn authorization_requests(&self) -> u64 {
        self.app.authorizer.asked()
    }

    /// Moves the emulator's clock forward: access tokens and codes whose
    /// lifetime has passed are refused from then on.
    pub fn advance_clock(&self, by: Duration) {
        self.app.clock.advance(by);
    }

    /// How many cards exist.
    pub fn card_count(&self) -> usize {
        self.app.domain.lock().cards.len()
    }

    /// Available amount of a card's balance, as a string.
    pub fn card_available(&self, card_id: &str) -> Option<String> {
        let data = self.app.domain.lock();
        let card = data.cards.iter().find(|c| c.id == card_id)?;
        data.balances
            .iter()
            .find(|b| b.id == card.balance_id)
            .map(|b| {
                crate::envelope::money(b.available)
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
    }

    /// `(transaction id, status)` of a card's transactions, oldest first.
    pub fn transaction_statuses(&self, card_id: &str) -> Vec<(String, String)> {
        let data = self.app.domain.lock();
        data.transactions
            .iter()
            .filter(|t| t["cardId"] == card_id)
            .map(|t| {
                let text = |k: &str| t[k].as_str().unwrap_or_default().to_owned();
                (text("id"), text("status"))
            })
            .collect()
    }

    /// Available amount of the master Infinity Account, as a string.
    pub fn master_available(&self) -> String {
        let mut data = self.app.domain.lock();
        let master = data.master_account.clone();
        data.infinity_balance(&master)
            .map(|b| b.available.to_string())
            .unwrap_or_default()
    }
}

/// What became of a purchase.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Purchase {
    /// Its card transaction.
    pub transaction_id: String,
    /// What the authorization endpoint decided.
    pub verdict: Verdict,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
