//! The documented value sets. Each keeps values it does not know in
//! `Other`, because the API adds values over time; string values are
//! matched without regard to case, since the API's casing drifts.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! string_enum {
    ($($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $wire:literal,)* })*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* #[doc = concat!("`", $wire, "`")] $variant,)*
            /// A value this version does not know, kept as it came.
            Other(String),
        }

        impl $name {
            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(s) => s,
                }
            }

            /// Reads a wire value; unknown values become `Other`.
            pub fn from_wire(s: &str) -> Self {
                $(if s.eq_ignore_ascii_case($wire) { return Self::$variant; })*
                Self::Other(s.to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<Op> crate::contract::SendsString<Op> for $name {}

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok(Self::from_wire(&s))
            }
        }
    )*};
}

macro_rules! int_enum {
    ($($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $wire:literal,)* })*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* #[doc = concat!("`", $wire, "`")] $variant,)*
            /// A value this version does not know, kept as it came.
            Other(i64),
        }

        impl $name {
            /// The value as it goes on the wire.
            pub fn code(&self) -> i64 {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(n) => *n,
                }
            }

            /// Reads a wire value; unknown values become `Other`.
            pub fn from_code(n: i64) -> Self {
                match n {
                    $($wire => Self::$variant,)*
                    other => Self::Other(other),
                }
            }
        }

        impl<Op> crate::contract::SendsInteger<Op> for $name {}
        impl<Op> crate::contract::SendsNumber<Op> for $name {}

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i64(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // Some answers quote their integers.
                #[derive(Deserialize)]
                #[serde(untagged)]
                enum Wire<'a> {
                    Int(i64),
                    Text(&'a str),
                }
                match Wire::deserialize(d)? {
                    Wire::Int(n) => Ok(Self::from_code(n)),
                    Wire::Text(s) => s
                        .trim()
                        .parse()
                        .map(Self::from_code)
                        .map_err(|_| serde::de::Error::custom(format!("`{s}` is not an integer code"))),
                }
            }
        }
    )*};
}

string_enum! {
    /// Status of a card.
    CardStatus {
        /// Not activated yet.
        Inactive => "INACTIVE",
        /// Restricted by control rules.
        Control => "CONTROL",
        /// Usable.
        Active => "ACTIVE",
        /// Being issued (physical cards start here).
        Pending => "PENDING",
        /// Frozen through the API or the portal.
        Frozen => "FROZEN",
    }

    /// Virtual or physical card.
    CardMode {
        /// A virtual card.
        Virtual => "VIRTUAL_CARD",
        /// A physical card; it needs activating.
        Physical => "PHYSICAL_CARD",
    }

    /// Status of a card transaction or a transfer.
    TransactionStatus {
        /// Authorized, not settled.
        Pending => "PENDING",
        /// Settled.
        Closed => "CLOSED",
        /// Failed.
        Fail => "FAIL",
        /// Reversed.
        Reversed => "REVERSED",
        /// Refunded.
        Refunded => "REFUNDED",
    }

    /// Period of a velocity limit (`transactionLimitsType`).
    VelocityPeriod {
        /// Per day.
        Day => "DAY",
        /// Per week.
        Week => "WEEK",
        /// Per month.
        Month => "MONTH",
        /// Per quarter.
        Quarter => "QUARTER",
        /// Per year.
        Year => "YEAR",
        /// Per transaction.
        Transaction => "TRANSACTION",
        /// Over the card's life.
        Lifetime => "LIFETIME",
        /// No limit.
        Na => "NA",
    }

    /// Status of a KYC or KYB review.
    KycStatus {
        /// Under review.
        Pending => "PENDING",
        /// More information requested.
        Request => "REQUEST",
        /// Passed.
        Passed => "PASSED",
        /// Canceled or rejected.
        Canceled => "CANCELED",
        /// Not applicable.
        Na => "NA",
    }

    /// Status of an account.
    AccountStatus {
        /// Usable.
        Active => "ACTIVE",
        /// Frozen.
        Frozen => "FROZEN",
        /// Not active.
        Inactive => "INACTIVE",
    }

    /// Status of a cardholder.
    CardholderStatus {
        /// Under the issuing bank's review.
        Pending => "PENDING",
        /// Approved (seen in webhooks).
        Approved => "APPROVED",
        /// Usable.
        Active => "ACTIVE",
        /// Not active.
        Inactive => "INACTIVE",
    }
}

int_enum! {
    /// Type of a card transaction.
    CardTransactionType {
        /// A credit to the card.
        Credit => 0,
        /// A purchase.
        Consumption => 1,
        /// Infinity Account → card.
        TransferIn => 2,
        /// Card → Infinity Account.
        TransferOut => 3,
    }

    /// Kind of balance a wallet row stands for (`objectType`).
    WalletObjectType {
        /// The Infinity Account.
        InfinityAccount => 0,
        /// A budget.
        Budget => 1,
        /// A prepaid card.
        PrepaidCard => 2,
    }

    /// Kind of balance in a business transfer (`businessType`).
    BusinessType {
        /// The Infinity Account.
        InfinityAccount => 0,
        /// A CryptoConnect wallet.
        CryptoConnectWallet => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_in_any_case_and_unknown_values_kept() {
        let s: CardStatus = serde_json::from_str(r#""FROZEN""#).unwrap();
        assert_eq!(s, CardStatus::Frozen);
        let s: KycStatus = serde_json::from_str(r#""Passed""#).unwrap();
        assert_eq!(s, KycStatus::Passed);
        let s: CardStatus = serde_json::from_str(r#""LOST""#).unwrap();
        assert_eq!(s, CardStatus::Other("LOST".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""LOST""#);
        assert_eq!(
            serde_json::to_string(&CardMode::Virtual).unwrap(),
            r#""VIRTUAL_CARD""#
        );
    }

    #[test]
    fn integer_codes_as_numbers_or_strings() {
        let t: CardTransactionType = serde_json::from_str("3").unwrap();
        assert_eq!(t, CardTransactionType::TransferOut);
        let t: CardTransactionType = serde_json::from_str(r#""1""#).unwrap();
        assert_eq!(t, CardTransactionType::Consumption);
        let t: WalletObjectType = serde_json::from_str("9").unwrap();
        assert_eq!(t, WalletObjectType::Other(9));
        assert_eq!(serde_json::to_string(&t).unwrap(), "9");
        assert!(serde_json::from_str::<WalletObjectType>(r#""x""#).is_err());
    }
}
