//! Money: an exact decimal that goes on the wire as a string.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An amount of money, exact, sent as a decimal string (`"150.00"`).
///
/// Answers may carry it as a string or a number; both are read exactly
/// (a JSON number is read from its text, never through `f64`).
///
/// ```
/// use interlace::types::Amount;
///
/// let a: Amount = "150.5".parse().unwrap();
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#""150.50""#);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(Decimal);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// Wraps a decimal.
    pub fn new(value: Decimal) -> Self {
        Self(value)
    }

    /// `units` and `cents`, e.g. `Amount::from_cents(15000)` is 150.00.
    pub fn from_cents(cents: i64) -> Self {
        Self(Decimal::new(cents, 2))
    }

    /// The decimal value.
    pub fn value(&self) -> Decimal {
        self.0
    }

    /// Whether the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
}

impl fmt::Display for Amount {
    /// At least two decimals, as the API writes amounts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut v = self.0;
        if v.scale() < 2 {
            v.rescale(2);
        }
        write!(f, "{v}")
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({self})")
    }
}

/// Error of parsing an [`Amount`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError(String);

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a decimal amount", self.0)
    }
}

impl std::error::Error for AmountError {}

impl FromStr for Amount {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, AmountError> {
        let t = s.trim();
        // Exponents and blanks are not how the API writes money.
        if t.is_empty() || t.contains(['e', 'E', ' ', '_']) {
            return Err(AmountError(s.to_owned()));
        }
        Decimal::from_str_exact(t)
            .map(Self)
            .map_err(|_| AmountError(s.to_owned()))
    }
}

impl From<Decimal> for Amount {
    fn from(v: Decimal) -> Self {
        Self(v)
    }
}

impl TryFrom<&str> for Amount {
    type Error = AmountError;
    fn try_from(s: &str) -> Result<Self, AmountError> {
        s.parse()
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal amount as a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                // Only reached for numbers with a fraction; the shortest
                // round-trip text of the f64 is what the server wrote.
                v.to_string().parse().map_err(E::custom)
            }
        }
        d.deserialize_any(AmountVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_go_on_the_wire_as_strings_with_two_decimals() {
        for (text, wire) in [
            ("150", "150.00"),
            ("150.5", "150.50"),
            ("0.125", "0.125"),
            ("-3.10", "-3.10"),
        ] {
            let a: Amount = text.parse().unwrap();
            assert_eq!(serde_json::to_value(a).unwrap(), serde_json::json!(wire));
        }
    }

    #[test]
    fn amounts_are_read_from_strings_and_numbers_exactly() {
        let a: Amount = serde_json::from_str(r#""10.10""#).unwrap();
        assert_eq!(a, Amount::from_cents(1010));
        let a: Amount = serde_json::from_str("10.1").unwrap();
        assert_eq!(a, Amount::from_cents(1010));
        let a: Amount = serde_json::from_str("7").unwrap();
        assert_eq!(a.to_string(), "7.00");
        for bad in [r#""""#, r#""1e5""#, r#""abc""#, "true", r#""1 000""#] {
            assert!(serde_json::from_str::<Amount>(bad).is_err(), "{bad}");
        }
    }
}
