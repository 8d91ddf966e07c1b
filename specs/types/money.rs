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

// Sent as a decimal string, which is also a JSON string.
impl<Op> crate::contract::SendsDecimal<Op> for Amount {}
impl<Op> crate::contract::SendsString<Op> for Amount {}

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

/// The name under which serde_json hands a value's own text to a
/// deserializer that asks for it: the mechanism behind its public
/// `RawValue` (feature `raw_value`, which this workspace enables).
const JSON_RAW_VALUE: &str = "$serde_json::private::RawValue";

impl<'de> Deserialize<'de> for Amount {
    /// From serde_json, a number is read from its own text, so
    /// `12345678901234567.89` stays exact. Other deserializers (and serde's
    /// buffering for untagged enums) only offer an `f64`, whose shortest
    /// round-trip text is used.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(JSON_RAW_VALUE, AmountVisitor)
    }
}

struct AmountVisitor;

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal amount as a string or a number")
    }

    /// serde_json's answer: one entry whose value is the JSON text.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Amount, A::Error> {
        let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? else {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        };
        if key != JSON_RAW_VALUE {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let raw: std::borrow::Cow<'de, str> = map.next_value()?;
        amount_from_json_text(&raw).map_err(de::Error::custom)
    }

    /// Any other deserializer: take what it has.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Amount, D::Error> {
        d.deserialize_any(self)
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
        Decimal::from_str_exact(&v.to_string())
            .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
            .map(Amount)
            .map_err(|_| E::custom(AmountError(v.to_string())))
    }
}

/// A JSON value's text as an amount: a string holding a decimal, or a
/// number (exponents allowed, as JSON allows them).
fn amount_from_json_text(raw: &str) -> Result<Amount, String> {
    let raw = raw.trim();
    if raw.starts_with('"') {
        let text: String = serde_json::from_str(raw).map_err(|e| e.to_string())?;
        return text.parse().map_err(|e: AmountError| e.to_string());
    }
    if !raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Err(format!(
            "expected a decimal amount as a string or a number, found `{raw}`"
        ));
    }
    let exact = if raw.contains(['e', 'E']) {
        Decimal::from_scientific(raw)
    } else {
        Decimal::from_str_exact(raw)
    };
    exact
        .map(Amount)
        .map_err(|_| AmountError(raw.to_owned()).to_string())
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
        let a: Amount = serde_json::from_str("1.5e2").unwrap();
        assert_eq!(a, Amount::from_cents(15000));
        for bad in [r#""""#, r#""1e5""#, r#""abc""#, "true", r#""1 000""#] {
            assert!(serde_json::from_str::<Amount>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_fractional_json_number_is_read_from_its_text_not_through_f64() {
        // 17 significant digits: an f64 can't hold this, its shortest text
        // would be 12345678901234568.
        let text = "12345678901234567.89";
        let a: Amount = serde_json::from_str(text).unwrap();
        assert_eq!(a.value().to_string(), text);
        // Nested in a struct, as in an answer's data, and from bytes.
        #[derive(serde::Deserialize)]
        struct Data {
            amount: Amount,
        }
        let d: Data =
            serde_json::from_slice(format!(r#"{{"amount": {text}}}"#).as_bytes()).unwrap();
        assert_eq!(d.amount.value().to_string(), text);
        // 0.1 + 0.2 style values keep their written digits.
        let a: Amount = serde_json::from_str("0.30").unwrap();
        assert_eq!(a.value().to_string(), "0.30");
    }

    #[test]
    fn other_deserializers_still_read_amounts() {
        let a: Amount = serde_json::from_value(serde_json::json!("10.10")).unwrap();
        assert_eq!(a, Amount::from_cents(1010));
        let a: Amount = serde_json::from_value(serde_json::json!(10.1)).unwrap();
        assert_eq!(a, Amount::from_cents(1010));
        let a: Amount = serde_json::from_value(serde_json::json!(7)).unwrap();
        assert_eq!(a, Amount::from_cents(700));
        assert!(serde_json::from_value::<Amount>(serde_json::json!(null)).is_err());
    }
}
