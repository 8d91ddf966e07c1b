//! The value types of the API: ids, money, enums, timestamps.

mod ids;

pub use ids::*;
