//! Compile-time checks of `#[interlace_endpoint]`: one failing case per
//! diagnostic, with its expected compiler output, plus passing cases that
//! hold user code as the README writes it.
//!
//! The `.stderr` files are rustc's own words, which change between compiler
//! releases, so the cases run only on the toolchain they were recorded with
//! (stable 1.95; this crate's `build.rs` checks). On another compiler the test is
//! reported as ignored, with the reason, rather than passing unseen.
//! Regenerate with `TRYBUILD=overwrite`.

#[test]
#[cfg_attr(
    not(interlace_ui_toolchain),
    ignore = "ui cases are recorded with rustc 1.95; this compiler's messages differ"
)]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
