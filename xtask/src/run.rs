//! Running commands, with what failed in the error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root (this crate's parent folder).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// The cargo that runs this task.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs `command` with its output shown; an error unless it succeeds.
pub fn status(command: &mut Command) -> Result<(), String> {
    let shown = describe(command);
    eprintln!("xtask: running {shown}");
    let status = command
        .status()
        .map_err(|e| format!("can't run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Runs `command` and captures its output, whatever its exit status.
pub fn output(command: &mut Command) -> Result<Output, String> {
    let shown = describe(command);
    eprintln!("xtask: running {shown}");
    command
        .output()
        .map_err(|e| format!("can't run {shown}: {e}"))
}

fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    format!("`{}`", words.join(" "))
}
