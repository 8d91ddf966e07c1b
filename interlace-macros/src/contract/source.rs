//! Which contract a declaration is checked against, read once per compiler
//! process.
//!
//! The bundled contract is compiled into `interlace-contract`, a dependency,
//! so editing it rebuilds the macro and with it every crate that uses the
//! attribute. A contract
//! named with `contract = "path"` is read from the declaring crate; the
//! expansion includes its bytes so that cargo rebuilds the crate when the
//! file changes, and the parse is cached by path, size and modification time.

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use interlace_contract::{BUNDLED_TEXT, Document as Contract};

/// The bundled contract, which `interlace-contract` compiles in: editing it
/// rebuilds that crate, this one, and every crate that uses the attribute.
pub fn bundled() -> Result<Arc<Contract>, String> {
    static BUNDLED: OnceLock<Result<Arc<Contract>, String>> = OnceLock::new();
    BUNDLED
        .get_or_init(|| Contract::parse(BUNDLED_TEXT).map(Arc::new))
        .clone()
}

/// `relative` resolved against the declaring crate's manifest directory
/// (the working directory when rustc runs without cargo), as an absolute
/// path: the expansion includes the file by this path, and a relative one
/// would be read from the source file's directory instead.
///
/// Remembered per crate and name for the compiler process: every
/// declaration of a crate names the same file, and canonicalizing it again
/// is a system call per path component each time.
pub fn resolve(relative: &str) -> PathBuf {
    type Resolved = Mutex<HashMap<(Option<OsString>, String), PathBuf>>;
    static RESOLVED: OnceLock<Resolved> = OnceLock::new();
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR");
    let key = (manifest.clone(), relative.to_string());
    let resolved = RESOLVED.get_or_init(Default::default);
    if let Some(path) = resolved.lock().ok().and_then(|r| r.get(&key).cloned()) {
        return path;
    }
    let base = manifest
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let path = base.join(relative);
    let path = path.canonicalize().unwrap_or(path);
    if let Ok(mut r) = resolved.lock() {
        r.insert(key, path.clone());
    }
    path
}

/// Whether this expansion is the first, in this compiler process, of a
/// declaration of the current crate naming `path`. Only that one includes
/// the file: including it is what makes cargo rebuild the crate when the
/// file changes, once is enough, and each inclusion costs the compiler
/// work in proportion to the file's size.
pub fn first_naming(path: &Path) -> bool {
    type Seen = Mutex<HashSet<(Option<OsString>, PathBuf)>>;
    static SEEN: OnceLock<Seen> = OnceLock::new();
    let krate = std::env::var_os("CARGO_MANIFEST_DIR").map(|dir| {
        [
            dir,
            std::env::var_os("CARGO_CRATE_NAME").unwrap_or_default(),
        ]
        .join(OsStr::new("#"))
    });
    SEEN.get_or_init(Default::default)
        .lock()
        .map_or(true, |mut seen| seen.insert((krate, path.to_path_buf())))
}

/// Size and modification time: a changed file is read again.
type Stamp = (u64, Option<SystemTime>);
type Cache = Mutex<HashMap<PathBuf, (Stamp, Arc<Contract>)>>;

/// The contract at `path`; errors name it as the declaration wrote it
/// (`shown`), which reads better than an absolute path and is the same on
/// every machine.
pub fn file(path: &Path, shown: &str) -> Result<Arc<Contract>, String> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let unreadable = |e: std::io::Error| {
        format!("can't read the contract `{shown}` (relative to the crate's Cargo.toml): {e}")
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    let stamp = (meta.len(), meta.modified().ok());
    let cache = CACHE.get_or_init(Default::default);
    if let Some((seen, contract)) = cache.lock().ok().and_then(|c| c.get(path).cloned())
        && seen == stamp
    {
        return Ok(contract);
    }
    let text = std::fs::read_to_string(path).map_err(unreadable)?;
    let contract = Arc::new(
        Contract::parse(&text).map_err(|e| format!("the contract `{shown}` is unusable: {e}"))?,
    );
    if let Ok(mut c) = cache.lock() {
        c.insert(path.to_path_buf(), (stamp, contract.clone()));
    }
    Ok(contract)
}
