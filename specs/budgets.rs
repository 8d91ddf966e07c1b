//! Budgets: shared balances that budget cards spend from.

use serde::{Deserialize, Serialize};

use crate::types::{
    AccountId, Amount, BudgetId, Page, Timestamp, TransactionId, TransactionStatus,
};
use crate::{interlace_endpoint, interlace_model};

/// A budget.
#[interlace_model("Budget")]
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
#[interlace_model("BudgetTransaction")]
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

/// The answer to [`CreateBudget`]. The reference says `data` is the new
/// budget's UUID; an answer carrying the budget object is accepted too.
#[derive(Debug, Clone, PartialEq)]
pub enum CreatedBudget {
    /// `data` was the id, as the reference documents.
    Id(BudgetId),
    /// `data` was the budget.
    Budget(Budget),
}

impl CreatedBudget {
    /// The new budget's id, whichever form the answer took.
    pub fn id(&self) -> &BudgetId {
        match self {
            Self::Id(id) => id,
            Self::Budget(budget) => &budget.id,
        }
    }
}

impl<'de> Deserialize<'de> for CreatedBudget {
    // By hand rather than `#[serde(untagged)]`, which would buffer the
    // object and read its amounts through `f64`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CreatedVisitor;
        impl<'de> serde::de::Visitor<'de> for CreatedVisitor {
            type Value = CreatedBudget;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a budget id or a budget object")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CreatedBudget, E> {
                Ok(CreatedBudget::Id(BudgetId::new(v)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<CreatedBudget, A::Error> {
                Budget::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(CreatedBudget::Budget)
            }
        }
        d.deserialize_any(CreatedVisitor)
    }
}

/// Create a budget. The path is probable, not confirmed by the public docs.
#[interlace_endpoint(POST "/open-api/v3/budgets", response = CreatedBudget,
    docs = "https://developer.interlace.money/reference/budget", client_method)]
pub struct CreateBudget {
    pub account_id: AccountId,
    /// Must be unique.
    pub name: String,
}

/// List all budgets. Name only: the path is probable, not confirmed by the public docs.
#[interlace_endpoint(GET "/open-api/v3/budgets", response = Page<Budget>, paginated, client_method)]
pub struct ListBudgets {
    pub account_id: AccountId,
    pub budget_id: Option<BudgetId>,
}

/// Update a budget's name. Name only: the path is a guess, not confirmed by
/// the public docs.
#[interlace_endpoint(PUT "/open-api/v3/budgets/{budget_id}", response = crate::NoContent, client_method)]
pub struct UpdateBudget {
    pub budget_id: BudgetId,
    /// Must stay unique.
    pub name: String,
}

/// Delete a budget. Name only (v1): the path is a guess, not confirmed by the public docs.
#[interlace_endpoint(DELETE "/open-api/v3/budgets/{budget_id}", response = crate::NoContent, client_method)]
pub struct DeleteBudget {
    pub budget_id: BudgetId,
    pub account_id: Option<AccountId>,
}

/// Increase budget balance: Infinity Account → budget. The guide names the
/// amount `cost` (> 0); `accountId` and `clientTransactionId` are unverified.
#[interlace_endpoint(POST "/open-api/v3/budgets/{budget_id}/transfer-in", response = BudgetTransaction,
    docs = "https://developer.interlace.money/reference/addbudget", client_method)]
pub struct BudgetTransferIn {
    pub budget_id: BudgetId,
    pub cost: Amount,
    pub account_id: Option<AccountId>,
    pub client_transaction_id: Option<String>,
}

/// Decrease budget balance: budget → Infinity Account. Same fields as
/// [`BudgetTransferIn`].
#[interlace_endpoint(POST "/open-api/v3/budgets/{budget_id}/transfer-out", response = BudgetTransaction,
    docs = "https://developer.interlace.money/reference/subbudget", client_method)]
pub struct BudgetTransferOut {
    pub budget_id: BudgetId,
    pub cost: Amount,
    pub account_id: Option<AccountId>,
    pub client_transaction_id: Option<String>,
}

/// Get a budget transaction.
#[interlace_endpoint(GET "/open-api/v3/budgets/transactions/{transaction_id}", response = BudgetTransaction,
    docs = "https://developer.interlace.money/reference/getatransactions", client_method)]
pub struct GetBudgetTransaction {
    pub transaction_id: TransactionId,
}
