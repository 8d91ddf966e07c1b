//! Compile-time checks of `#[interlace_endpoint]`: one failing case per
//! diagnostic, with its expected compiler output, plus passing cases.
//!
//! The `.stderr` files are rustc's own words, which change between compiler
//! releases, so the cases run only on the toolchain they were recorded with
//! (the machine's stable 1.95). Regenerate with `TRYBUILD=overwrite`.

const RECORDED_WITH: &str = "1.95.";

#[test]
fn ui() {
    let version =
        std::process::Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
    if !version.starts_with(&format!("rustc {RECORDED_WITH}")) {
        eprintln!("skipping ui cases: recorded with rustc {RECORDED_WITH}x, running {version}");
        return;
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
