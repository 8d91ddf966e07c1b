//! The typed Rust toolkit for the Interlace Open API.
pub use interlace_runtime::*;
