//! `cargo xtask test`: the tests need `redis-server` (the fleet tests and
//! the Redis store's start their own on 127.0.0.1); find it, or install it
//! where that is allowed, or say exactly how.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run;

/// Whether a missing `redis-server` may be installed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Install {
    /// When running as root (a fresh CI machine or container).
    AsRoot,
    Yes,
    No,
}

pub fn test(args: &[String]) -> Result<(), String> {
    let mut install = Install::AsRoot;
    let mut rest: &[String] = &[];
    for (i, arg) in args.iter().enumerate() {
        match arg.as_str() {
            "--install" => install = Install::Yes,
            "--no-install" => install = Install::No,
            "--" => {
                rest = &args[i + 1..];
                break;
            }
            other => return Err(format!("unknown flag `{other}` for `test`")),
        }
    }
    let server = match find() {
        Some(found) => found,
        None => {
            let allowed = match install {
                Install::Yes => true,
                Install::No => false,
                Install::AsRoot => is_root(),
            };
            let manager = PackageManager::detect();
            match (allowed, manager) {
                (true, Some(m)) => {
                    m.install()?;
                    find().ok_or("redis-server is still not found after installing it")?
                }
                (_, manager) => return Err(missing(manager, allowed)),
            }
        }
    };
    eprintln!("xtask: using {}", server.display());
    run::status(
        run::cargo()
            .current_dir(run::root())
            .args(["test", "--workspace", "--no-fail-fast"])
            .args(rest)
            .env("REDIS_SERVER", &server),
    )
}

/// `REDIS_SERVER` when it names a file, else `redis-server` on `PATH` or in
/// the folders packages install it to (which a non-root `PATH` may lack).
fn find() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("REDIS_SERVER") {
        let named = PathBuf::from(named);
        return if named.is_file() {
            Some(named)
        } else {
            on_path(&named)
        };
    }
    on_path(Path::new("redis-server"))
}

fn on_path(name: &Path) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(
            [
                "/usr/bin",
                "/usr/sbin",
                "/usr/local/bin",
                "/opt/homebrew/bin",
            ]
            .map(PathBuf::from),
        )
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.trim_ascii() == b"0")
}

fn missing(manager: Option<PackageManager>, allowed: bool) -> String {
    let how = manager.map_or_else(
        || "install Redis with your system's package manager".to_string(),
        |m| format!("install it with `sudo {}`", m.command().join(" ")),
    );
    let flag = if allowed || manager.is_none() {
        String::new()
    } else {
        ", or run `cargo xtask test --install` to let this command do it".to_string()
    };
    format!(
        "redis-server is not installed, and the Redis store's and fleet tests start their own: \
         {how}{flag}, or set REDIS_SERVER to a redis-server binary"
    )
}

#[derive(Clone, Copy)]
enum PackageManager {
    Apt,
    Dnf,
    Apk,
    Brew,
}

impl PackageManager {
    fn detect() -> Option<Self> {
        [
            ("apt-get", Self::Apt),
            ("dnf", Self::Dnf),
            ("apk", Self::Apk),
            ("brew", Self::Brew),
        ]
        .into_iter()
        .find(|(program, _)| on_path(Path::new(program)).is_some())
        .map(|(_, m)| m)
    }

    fn command(self) -> Vec<&'static str> {
        match self {
            Self::Apt => vec!["apt-get", "install", "-y", "redis-server"],
            Self::Dnf => vec!["dnf", "install", "-y", "redis"],
            Self::Apk => vec!["apk", "add", "redis"],
            Self::Brew => vec!["brew", "install", "redis"],
        }
    }

    fn install(self) -> Result<(), String> {
        if matches!(self, Self::Apt) {
            // A fresh machine has no package lists yet.
            run::status(
                Command::new("apt-get")
                    .args(["update", "-qq"])
                    .env("DEBIAN_FRONTEND", "noninteractive"),
            )?;
        }
        let words = self.command();
        run::status(
            Command::new(words[0])
                .args(&words[1..])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_exact_command_and_the_flag() {
        let text = missing(Some(PackageManager::Apt), false);
        assert!(
            text.contains("`sudo apt-get install -y redis-server`"),
            "{text}"
        );
        assert!(text.contains("cargo xtask test --install"), "{text}");
        assert!(text.contains("REDIS_SERVER"), "{text}");
        let unknown = missing(None, true);
        assert!(unknown.contains("package manager"), "{unknown}");
        assert!(!unknown.contains("--install"), "{unknown}");
    }

    #[test]
    fn unknown_flags_are_refused_before_anything_runs() {
        let err = test(&["--instal".to_string()]).unwrap_err();
        assert!(err.contains("unknown flag `--instal`"), "{err}");
    }
}
