//! Timestamps in the shapes the API uses: epoch seconds (OAuth), epoch
//! milliseconds as strings (webhooks, transactions) and ISO-8601 strings
//! (accounts).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A point in time, read from any of the API's shapes.
///
/// Numbers and numeric strings below 10^11 are epoch seconds, larger ones
/// epoch milliseconds (10^11 seconds is the year 5138, so the two can't be
/// confused for real dates). Strings are also read as RFC 3339
/// (`2023-03-14T06:38:55Z`) or as `YYYY-MM-DD HH:MM:SS` in UTC. It is
/// written back as an epoch-millisecond string, the shape webhooks use.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

// Written as an epoch-millisecond string.
impl<Op> crate::contract::SendsString<Op> for Timestamp {}

impl Timestamp {
    /// Wraps a date-time.
    pub fn new(at: OffsetDateTime) -> Self {
        Self(at)
    }

    /// From epoch milliseconds.
    pub fn from_millis(ms: i64) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
            .ok()
            .map(Self)
    }

    /// The date-time, in UTC.
    pub fn datetime(&self) -> OffsetDateTime {
        self.0
    }

    /// Epoch milliseconds.
    pub fn unix_millis(&self) -> i64 {
        (self.0.unix_timestamp_nanos() / 1_000_000) as i64
    }

    fn from_number(n: i128) -> Option<Self> {
        let nanos = if n.abs() < 100_000_000_000 {
            n * 1_000_000_000
        } else {
            n * 1_000_000
        };
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .ok()
            .map(Self)
    }

    fn from_text(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Ok(n) = s.parse::<i128>() {
            return Self::from_number(n);
        }
        if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
            return Some(Self(t));
        }
        let plain =
            time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
        time::PrimitiveDateTime::parse(s, plain)
            .ok()
            .map(|t| Self(t.assume_utc()))
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(&Rfc3339) {
            Ok(s) => write!(f, "Timestamp({s})"),
            Err(_) => write!(f, "Timestamp({})", self.unix_millis()),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.unix_millis())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;
        impl Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("epoch seconds or milliseconds, or an ISO-8601 date-time")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Timestamp::from_number(i128::from(v))
                    .ok_or_else(|| E::custom("timestamp out of range"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                Timestamp::from_number(i128::from(v))
                    .ok_or_else(|| E::custom("timestamp out of range"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::from_text(v)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a timestamp")))
            }
        }
        d.deserialize_any(TimestampVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Timestamp {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn every_shape_reads_to_the_same_instant() {
        let ms = 1_678_775_835_000;
        assert_eq!(read("1678775835").unix_millis(), ms);
        assert_eq!(read(r#""1678775835000""#).unix_millis(), ms);
        assert_eq!(read("1678775835000").unix_millis(), ms);
        assert_eq!(read(r#""2023-03-14T06:37:15Z""#).unix_millis(), ms);
        assert_eq!(read(r#""2023-03-14T06:37:15.000+00:00""#).unix_millis(), ms);
        assert_eq!(read(r#""2023-03-14 06:37:15""#).unix_millis(), ms);
        assert_eq!(
            serde_json::to_string(&read("1678775835")).unwrap(),
            r#""1678775835000""#
        );
        assert!(serde_json::from_str::<Timestamp>(r#""yesterday""#).is_err());
        assert!(serde_json::from_str::<Timestamp>("true").is_err());
    }
}
