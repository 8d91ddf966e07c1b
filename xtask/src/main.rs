//! `cargo xtask <task>`: project automation in Rust (run `cargo xtask help`).

mod conformance;
mod package;
mod redis;
mod run;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <task>

tasks:
  test [--install | --no-install] [-- <cargo test args>]
      finds redis-server (REDIS_SERVER, then PATH), installs it with the
      system package manager when it is missing and that is allowed (as root,
      or with --install), then runs `cargo test --workspace --no-fail-fast`
  conformance
      openapi-spec-validator and Redocly (redocly.yaml) on the bundled
      contract, then Schemathesis against the standalone emulator, every
      check, examples, coverage and fuzzing phases; tools pinned, installed
      under target/ (pip) or by npx; fails on any finding
  package
      `cargo package` (verified) of every published crate, then builds a
      probe crate against the unpacked .crate files: one declaration must
      compile, one misspelt path must fail with the suggestion
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => redis::test(&args[1..]),
        Some("package") => package::run(),
        Some("conformance") => conformance::conformance(),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
