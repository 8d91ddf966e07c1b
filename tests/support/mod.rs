//! Helpers shared by the facade's tests; each test uses part of them.
#![allow(dead_code)]

pub mod declarations;
pub mod logs;
