//! `#[interlace_endpoint]`: declare an Interlace endpoint with one attribute.
