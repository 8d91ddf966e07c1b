//! The emulator's domain data: accounts, balances, cards, budgets, tokens.
//! It imports none of the subsystems (faults, traffic, recording, clock,
//! webhooks).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::SandboxConfig;
use crate::envelope::{ApiError, INSUFFICIENT_BALANCE, NO_BALANCE};

/// What a balance belongs to (`objectType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Infinity = 0,
    Budget = 1,
    PrepaidCard = 2,
}

#[derive(Debug, Clone)]
pub struct Balance {
    pub id: String,
    pub account_id: String,
    pub available: Decimal,
    pub owner: Owner,
}

impl Balance {
    pub fn json(&self) -> Value {
        json!({"id": self.id, "available": crate::envelope::money(self.available), "currency": "USD",
               "objectType": self.owner as u8})
    }
}

#[derive(Debug, Clone)]
pub struct Card {
    pub id: String,
    pub account_id: String,
    pub status: &'static str,
    pub bin: String,
    pub last_four: String,
    pub label: Option<String>,
    /// The card's own balance (prepaid) or the budget's (budget card).
    pub balance_id: String,
    pub budget_id: Option<String>,
    pub cardholder_id: String,
    pub reference_id: String,
    pub card_mode: String,
    pub user_name: String,
    pub create_time: String,
    /// Velocity control: period (`DAY`, …) and limit.
    pub velocity: Option<(String, Decimal)>,
}

impl Card {
    pub fn json(&self) -> Value {
        json!({
            "id": self.id, "accountId": self.account_id, "status": self.status, "currency": "USD",
            "bin": self.bin, "userName": self.user_name, "createTime": self.create_time,
            "cardLastFour": self.last_four, "label": self.label, "balanceId": self.balance_id,
            "budgetId": self.budget_id, "cardholderId": self.cardholder_id, "referenceId": self.reference_id,
            "cardMode": self.card_mode, "transactionLimits": [],
        })
    }
}

#[derive(Debug, Clone)]
pub struct Budget {
    pub id: String,
    pub account_id: String,
    pub name: String,
    pub balance_id: String,
    pub create_time: String,
}

#[derive(Debug, Default)]
pub struct Data {
    pub codes: HashMap<String, Instant>,
    pub access_tokens: HashMap<String, Instant>,
    pub refresh_tokens: HashMap<String, ()>,
    pub master_account: String,
    pub accounts: Vec<Value>,
    pub balances: Vec<Balance>,
    pub bins: Vec<Value>,
    pub cardholders: Vec<Value>,
    pub cards: Vec<Card>,
    pub budgets: Vec<Budget>,
    /// `Idempotency-Key` → (body it came with, answer given).
    pub idempotency: HashMap<String, (Value, Value)>,
    pub transactions: Vec<Value>,
    pub wallets: Vec<Wallet>,
    pub seq: u64,
}

/// A CryptoConnect wallet and what it holds per currency.
#[derive(Debug, Clone)]
pub struct Wallet {
    pub id: String,
    pub reference_id: String,
    pub account_id: String,
    pub nickname: Option<String>,
    pub master: bool,
    pub balances: Vec<(String, Decimal)>,
}

impl Wallet {
    pub fn json(&self) -> Value {
        let balances: Vec<Value> = self
            .balances
            .iter()
            .map(|(currency, available)| {
                json!({"currency": currency, "available": crate::envelope::money(*available), "frozen": "0"})
            })
            .collect();
        json!({
            "id": self.id, "referenceId": self.reference_id, "accountId": self.account_id,
            "nickname": self.nickname, "master": self.master, "balances": balances, "addresses": [],
        })
    }
}

impl Data {
    /// A 19-digit numeric id, like cardholder and BIN ids.
    pub fn snowflake(&mut self) -> String {
        self.seq += 1;
        format!("19266847039{:08}", self.seq)
    }

    pub fn account(&self, id: &str) -> Result<&Value, ApiError> {
        self.accounts
            .iter()
            .find(|a| a["id"] == id)
            .ok_or_else(|| ApiError::not_found("account", id))
    }

    pub fn infinity_balance(&mut self, account_id: &str) -> Result<&mut Balance, ApiError> {
        self.balances
            .iter_mut()
            .find(|b| b.account_id == account_id && b.owner == Owner::Infinity)
            .ok_or_else(|| ApiError::new(NO_BALANCE, "account balance does not exist"))
    }

    pub fn balance(&mut self, id: &str) -> Result<&mut Balance, ApiError> {
        self.balances
            .iter_mut()
            .find(|b| b.id == id)
            .ok_or_else(|| ApiError::not_found("balance", id))
    }

    /// Moves `amount` between two balances; nothing changes if `from` is short.
    pub fn transfer(&mut self, from: &str, to: &str, amount: Decimal) -> Result<(), ApiError> {
        let available = self.balance(from)?.available;
        self.balance(to)?;
        if available < amount {
            return Err(ApiError::new(
                INSUFFICIENT_BALANCE,
                format!("insufficient balance: {available} available, {amount} requested"),
            ));
        }
        self.balance(from)?.available -= amount;
        self.balance(to)?.available += amount;
        Ok(())
    }

    pub fn budget(&self, id: &str) -> Result<&Budget, ApiError> {
        self.budgets
            .iter()
            .find(|b| b.id == id)
            .ok_or_else(|| ApiError::not_found("budget", id))
    }

    pub fn card(&mut self, id: &str, account_id: &str) -> Result<&mut Card, ApiError> {
        self.cards
            .iter_mut()
            .find(|c| c.id == id && c.account_id == account_id)
            .ok_or_else(|| ApiError::not_found("card", id))
    }
}

/// The domain data behind one lock; handlers reach it through their
/// view ([`crate::area::Area`], [`crate::auth::Tokens`]).
#[derive(Debug)]
pub struct Domain {
    data: Mutex<Data>,
}

impl Domain {
    pub fn new(data: Data) -> Self {
        Self {
            data: Mutex::new(data),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Epoch milliseconds as a string, the shape of `createTime` in transactions and webhooks.
pub fn now_ms() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
        .to_string()
}

/// Random lowercase hex of `n` characters.
pub fn random_hex(n: usize) -> String {
    (0..n)
        .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
        .collect()
}

/// Seeds a master account with a funded Infinity Account and two BINs.
pub fn seed(config: &SandboxConfig) -> Data {
    let mut data = Data::default();
    let master = uuid::Uuid::new_v4().to_string();
    data.master_account = master.clone();
    data.accounts.push(json!({
        "id": master, "displayId": "251759", "type": 2, "status": "ACTIVE",
        "verifiedName": "Sandbox Ltd", "verifiedNameEn": "Sandbox Ltd", "createTime": "2026-01-01T00:00:00.000Z",
    }));
    data.balances.push(Balance {
        id: uuid::Uuid::new_v4().to_string(),
        account_id: master,
        available: config.master_balance,
        owner: Owner::Infinity,
    });
    for (bin, network, kind) in [("559666", "Master", 0), ("493728", "Visa", 1)] {
        let id = data.snowflake();
        data.bins.push(json!({
            "id": id, "bin": bin, "type": kind, "currencies": ["USD"], "network": network,
            "verification": {"avs": true, "threeDs": true},
            "purchaseLimit": {"day": "10000.00", "single": "5000.00", "lifetime": "100000.00"},
            "supportPhysicalCard": kind == 0,
        }));
    }
    data
}
