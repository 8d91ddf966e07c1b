//! Tells the ui tests whether this compiler is the one their expected
//! messages were recorded with, so that they can be reported as ignored
//! (with the reason) rather than pass without running on another one.

const RECORDED_WITH: &str = "rustc 1.95.";

fn main() {
    println!("cargo::rustc-check-cfg=cfg(interlace_ui_toolchain)");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if version.starts_with(RECORDED_WITH) {
        println!("cargo::rustc-cfg=interlace_ui_toolchain");
    }
}
