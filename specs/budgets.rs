//! Budgets: shared balances that budget cards spend from.

use serde::{Deserialize, Serialize};

use crate::interlace_endpoint;
use crate::types::{
    AccountId, Amount, BudgetId, Page, Timestamp, TransactionId, TransactionStatus,
};

/// A budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    pub id: BudgetId,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub available: Option<Amount>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub create_time: Option<Timestamp>,
}

/// A budget transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetTransaction {
    pub id: TransactionId,
    #[serde(default)]
    pub budget_id: Option<BudgetId>,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    #[serde(default)]
    pub amount: Option<Amount>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub status: Option<TransactionStatus>,
    #[serde(default)]
    pub client_transaction_id: Option<String>,
    #[serde(default)]
    pub transaction_time: Option<Timestamp>,
}

/// Create a budget. The path is probable, not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/budgets", response = Budget,
    docs = "https://developer.interlace.money/reference/budget")]
pub struct CreateBudget {
    pub account_id: AccountId,
    /// Must be unique.
    pub name: String,
}

/// List all budgets. Name only: the path is probable, not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/budgets", response = Page<Budget>, paginated)]
pub struct ListBudgets {
    pub account_id: AccountId,
    pub budget_id: Option<BudgetId>,
}

/// Update a budget's name. Name only: the path is a guess, not confirmed by
/// the public docs.
#[interlace_endpoint(PUT "/open-api/v3/budgets/{budget_id}", response = crate::NoContent)]
pub struct UpdateBudget {
    pub budget_id: BudgetId,
    /// Must stay unique.
    pub name: String,
}

/// Delete a budget. Name only (v1): the path is a guess, not confirmed by the public docs.
#[interlace_endpoint(DELETE "/open-api/v3/budgets/{budget_id}", response = crate::NoContent)]
pub struct DeleteBudget {
    pub budget_id: BudgetId,
    pub account_id: Option<AccountId>,
}

/// Increase budget balance: Infinity Account → budget. The guide names the
/// amount `cost` (> 0); `accountId` and `clientTransactionId` are unverified.
#[interlace_endpoint(POST "/open-api/v3/budgets/{budget_id}/transfer-in", response = BudgetTransaction,
    docs = "https://developer.interlace.money/reference/addbudget")]
pub struct BudgetTransferIn {
    pub budget_id: BudgetId,
    pub cost: Amount,
    pub account_id: Option<AccountId>,
    pub client_transaction_id: Option<String>,
}

/// Decrease budget balance: budget → Infinity Account. Same fields as
/// [`BudgetTransferIn`].
#[interlace_endpoint(POST "/open-api/v3/budgets/{budget_id}/transfer-out", response = BudgetTransaction,
    docs = "https://developer.interlace.money/reference/subbudget")]
pub struct BudgetTransferOut {
    pub budget_id: BudgetId,
    pub cost: Amount,
    pub account_id: Option<AccountId>,
    pub client_transaction_id: Option<String>,
}

/// Get a budget transaction.
#[interlace_endpoint(GET "/open-api/v3/budgets/transactions/{transaction_id}", response = BudgetTransaction,
    docs = "https://developer.interlace.money/reference/getatransactions")]
pub struct GetBudgetTransaction {
    pub transaction_id: TransactionId,
}
