//! The value types of the API: ids, money, enums, timestamps, pages.

mod enums;
mod ids;
mod money;
mod time;

pub use enums::*;
pub use ids::*;
pub use interlace_runtime::Page;
pub use money::{Amount, AmountError};
pub use time::Timestamp;
