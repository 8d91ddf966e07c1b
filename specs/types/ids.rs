//! Distinct id types, so that a card id can't be passed where an account id
//! is expected.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl<Op> crate::contract::SendsString<Op> for $name {}

        impl $name {
            /// Wraps an id as the API gave it.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as a string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl interlace_runtime::PathParam for $name {
            fn write_path_param(&self, out: &mut String) {
                out.push_str(&self.0);
            }
        }
    )*};
}

ids! {
    /// An account (master or sub-account), a UUID.
    AccountId;
    /// A card, a UUID.
    CardId;
    /// A budget, a UUID.
    BudgetId;
    /// A cardholder, a 19-digit numeric string.
    CardholderId;
    /// A card BIN, a 19-digit numeric string.
    BinId;
    /// A balance (Infinity Account, budget or prepaid card balance), a UUID.
    BalanceId;
    /// A card, budget or business transaction.
    TransactionId;
    /// An uploaded file.
    FileId;
    /// A CryptoConnect wallet.
    WalletId;
    /// A payee bank account.
    PayeeId;
    /// A payout.
    PayoutId;
    /// A KYC case.
    CaseId;
}
