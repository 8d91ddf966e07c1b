//! `cargo xtask conformance`: the outside tools' verdict on the contract
//! and the emulator. openapi-spec-validator and Redocly's recommended rules
//! (`redocly.yaml`) on the bundled contract, then Schemathesis against the
//! standalone emulator with every check. The Python tools are pinned and
//! installed in a virtual environment under `target/`, Redocly through
//! `npx`, by this command. It passes with no failure, or this task fails.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::run;

/// The Python tools this project is checked with.
const PYTHON_TOOLS: [&str; 2] = ["schemathesis==4.32.5", "openapi-spec-validator==0.9.0"];

/// The Redocly CLI this project is checked with.
const REDOCLY: &str = "@redocly/cli@2.77.0";

pub fn conformance() -> Result<(), String> {
    let root = run::root();
    run::status(run::cargo().current_dir(&root).args([
        "build",
        "-p",
        "interlace-sandbox",
        "--bin",
        "interlace-sandbox",
    ]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|| root.join("target"));
    let schemathesis = install(&target)?;
    let contract = root.join("interlace-contract/interlace.openapi.json");
    run::status(
        Command::new(target.join("schemathesis/bin/openapi-spec-validator")).arg(&contract),
    )?;
    run::status(
        Command::new("npx")
            .current_dir(&root)
            .args(["--yes", REDOCLY, "lint"])
            .arg(&contract),
    )
    .map_err(|e| format!("{e}\nRedocly runs with Node.js's `npx`"))?;
    let emulator = Emulator::start(&target.join("debug/interlace-sandbox"))?;
    run::status(
        Command::new(target.join("schemathesis/bin/python"))
            .current_dir(&root)
            .arg(root.join("xtask/schemathesis/run.py"))
            .arg(&emulator.url)
            .arg(&emulator.client_id)
            .arg(&contract)
            .arg(schemathesis),
    )
}

/// The Python tools in `target/schemathesis`, installed once per version.
fn install(target: &Path) -> Result<std::path::PathBuf, String> {
    let venv = target.join("schemathesis");
    let bin = venv.join("bin/schemathesis");
    let marker = venv.join(PYTHON_TOOLS.join("+"));
    if bin.exists() && marker.exists() {
        return Ok(bin);
    }
    run::status(Command::new("python3").args(["-m", "venv"]).arg(&venv)).map_err(|e| {
        format!("{e}\nSchemathesis needs Python 3 with its `venv` module (Debian: apt-get install -y python3-venv)")
    })?;
    run::status(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .args(PYTHON_TOOLS),
    )?;
    std::fs::write(&marker, "").map_err(|e| format!("can't write {}: {e}", marker.display()))?;
    Ok(bin)
}

/// The standalone emulator on a free port, stopped when dropped.
struct Emulator {
    child: Child,
    url: String,
    client_id: String,
}

impl Emulator {
    fn start(binary: &Path) -> Result<Self, String> {
        let mut child = Command::new(binary)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("can't start {}: {e}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("the emulator has no stdout")?;
        // Read on a thread for as long as the emulator writes: a pipe closed
        // under it would end it at its next line.
        let (said, heard) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = said.send(line);
            }
        });
        let mut emulator = Self {
            child,
            url: String::new(),
            client_id: String::new(),
        };
        // What it prints first: where it listens and whom it accepts.
        while emulator.url.is_empty() || emulator.client_id.is_empty() {
            let line = heard
                .recv_timeout(std::time::Duration::from_secs(30))
                .map_err(|_| "the emulator did not say where it listens".to_string())?;
            if let Some(url) = line.split("listening on ").nth(1) {
                emulator.url = url.trim().to_owned();
            }
            if let Some(id) = line.strip_prefix("client id:") {
                emulator.client_id = id.trim().to_owned();
            }
        }
        Ok(emulator)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
