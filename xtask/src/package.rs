//! `cargo xtask package`: every published crate packaged and verified, then
//! a probe crate built against the unpacked `.crate` files (not the
//! workspace folders), as a user of crates.io would build it.

use std::path::{Path, PathBuf};

use crate::run;

/// The published crates, in the order they are published (each after the
/// crates it depends on).
pub const PUBLISHED: [&str; 6] = [
    "interlace-contract",
    "interlace-runtime",
    "interlace-macros",
    "interlace",
    "interlace-sandbox",
    "interlace-redis",
];

/// A declaration that must compile against the packaged crates.
const GOOD: &str = r#"
use interlace::interlace_endpoint;
use interlace::types::{AccountId, CardId};

#[derive(Debug, serde::Deserialize)]
pub struct Summary {
    pub id: String,
}

/// Get a card's summary.
#[interlace_endpoint(GET "/open-api/v3/cards/{card_id}/card-summary", response = Summary)]
pub struct GetSummary {
    pub card_id: CardId,
    pub account_id: AccountId,
}

pub fn request() -> GetSummary {
    GetSummary::new(CardId::new("c-1"), AccountId::new("a-1"))
}
"#;

/// A misspelt path, which must fail with the contract's suggestion.
const MISSPELT: &str = r#"
use interlace::interlace_endpoint;
use interlace::types::AccountId;

#[interlace_endpoint(GET "/open-api/v3/card/bin")]
pub struct ListCardBins {
    pub account_id: AccountId,
}
"#;
const SUGGESTION: &str = "did you mean \"/open-api/v3/card/bins\"?";

pub fn run() -> Result<(), String> {
    let root = run::root();
    forget_stale_extractions()?;
    // The verification builds our crates from their unpacked tarballs, whose
    // files all carry one fixed date: cargo's freshness check cannot see that
    // they changed since the last run, so an earlier run's build would stand
    // in for today's sources. Forgetting those builds forces them again (the
    // dependencies stay built).
    let packaged = root.join("target").join("package");
    if packaged.exists() {
        std::fs::remove_dir_all(&packaged).map_err(|e| format!("can't clear {packaged:?}: {e}"))?;
    }
    for profile in ["debug", "package-probe/target/debug"] {
        forget_builds_of_ours(&root.join("target").join(profile).join(".fingerprint"))?;
    }
    let mut package = run::cargo();
    package
        .current_dir(&root)
        .args(["package", "--allow-dirty", "--offline"]);
    for name in PUBLISHED {
        package.args(["--package", name]);
    }
    run::status(&mut package)?;

    let probe = root.join("target").join("package-probe");
    let unpacked = probe.join("crates");
    if unpacked.exists() {
        std::fs::remove_dir_all(&unpacked).map_err(|e| format!("can't clear {unpacked:?}: {e}"))?;
    }
    std::fs::create_dir_all(&unpacked).map_err(|e| format!("can't create {unpacked:?}: {e}"))?;
    let version = env!("CARGO_PKG_VERSION");
    let mut patches = String::new();
    for name in PUBLISHED {
        let file = root
            .join("target")
            .join("package")
            .join(format!("{name}-{version}.crate"));
        run::status(
            std::process::Command::new("tar")
                .arg("-xzf")
                .arg(&file)
                .arg("-C")
                .arg(&unpacked),
        )?;
        let dir = unpacked.join(format!("{name}-{version}"));
        patches.push_str(&format!("{name} = {{ path = {:?} }}\n", path_text(&dir)?));
    }

    let krate = probe.join("user");
    std::fs::create_dir_all(krate.join("src")).map_err(|e| e.to_string())?;
    write(
        &krate.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\ninterlace = \"{version}\"\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\n\
             [patch.crates-io]\n{patches}\n[workspace]\n"
        ),
    )?;
    // The workspace's lock pins the same versions of everything, all of
    // them already downloaded, so the probe needs no network.
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock"))
        .map_err(|e| format!("can't copy Cargo.lock: {e}"))?;
    let check = || {
        let mut c = run::cargo();
        c.current_dir(&krate)
            .args(["check", "--offline", "--quiet"])
            .env("CARGO_TARGET_DIR", probe.join("target"));
        c
    };

    write(&krate.join("src/lib.rs"), GOOD)?;
    let out = run::output(&mut check())?;
    if !out.status.success() {
        return Err(format!(
            "the declaration did not compile against the packaged crates:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // Every crate of ours must come from the unpacked packages.
    let metadata = run::output(run::cargo().current_dir(&krate).args([
        "metadata",
        "--offline",
        "--format-version",
        "1",
    ]))?;
    let metadata = String::from_utf8_lossy(&metadata.stdout);
    for name in PUBLISHED {
        let workspace_manifest = if name == "interlace" {
            root.join("Cargo.toml")
        } else {
            root.join(name).join("Cargo.toml")
        };
        if metadata.contains(&format!("\"{}\"", path_text(&workspace_manifest)?)) {
            return Err(format!(
                "the probe built `{name}` from the workspace, not from its package"
            ));
        }
    }

    write(&krate.join("src/lib.rs"), MISSPELT)?;
    let out = run::output(&mut check())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() || !stderr.contains(SUGGESTION) {
        return Err(format!(
            "the misspelt path should fail with `{SUGGESTION}`; it {}:\n{stderr}",
            if out.status.success() {
                "compiled"
            } else {
                "failed otherwise"
            }
        ));
    }
    eprintln!(
        "xtask: the packaged crates ({}) build a user's declaration and refuse a misspelt path with the suggestion",
        PUBLISHED.join(", ")
    );
    Ok(())
}

/// Removes earlier extractions of our own crates from cargo's source cache.
///
/// `cargo package` verifies a crate against its siblings through a temporary
/// registry whose cache folder is named after the workspace's path; cargo
/// extracts a `name-version` there once and reuses it, so a second clone at
/// the same path would be verified against the first clone's sources. Only
/// folders of such path-named registries (their names start with `-`) are
/// touched, and only our crates in them.
fn forget_stale_extractions() -> Result<(), String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let Some(sources) = home.map(|home| home.join("registry").join("src")) else {
        return Ok(());
    };
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        let Ok(crates) = std::fs::read_dir(registry.path()) else {
            continue;
        };
        for extracted in crates.flatten() {
            let name = extracted.file_name().to_string_lossy().into_owned();
            let ours = PUBLISHED.iter().any(|published| {
                name.strip_prefix(published)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()))
            });
            if ours {
                std::fs::remove_dir_all(extracted.path()).map_err(|e| {
                    format!(
                        "can't remove the stale extraction {:?}: {e}",
                        extracted.path()
                    )
                })?;
            }
        }
    }
    Ok(())
}

/// Removes cargo's fingerprints of our crates (and the probe's) in one
/// target folder, so that their next build is a real one.
fn forget_builds_of_ours(fingerprints: &Path) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(fingerprints) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("interlace-") || name.starts_with("probe-") {
            std::fs::remove_dir_all(entry.path())
                .map_err(|e| format!("can't remove the fingerprint {:?}: {e}", entry.path()))?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("can't write {path:?}: {e}"))
}

fn path_text(path: &PathBuf) -> Result<String, String> {
    path.to_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{path:?} is not UTF-8"))
}
