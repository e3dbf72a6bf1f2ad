//! The history cache: the last read, keyed by HEAD, in the repository's git folder (never in the output).

use super::model::History;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Bump when the cached model changes.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
pub(super) struct Cached {
    pub head: String,
    pub prefix: String,
    pub history: History,
    /// The `change_note` each lineage's file holds at `head`, to continue from it.
    pub notes: HashMap<usize, BTreeMap<String, String>>,
}

#[derive(Serialize, Deserialize)]
struct OnDisk {
    version: u32,
    cached: Cached,
}

/// `<git dir>/minh/history-<prefix>.json`: private to this clone, ignored by git, gone with `.git`.
pub(super) fn file(git_dir: &Path, prefix: &str) -> PathBuf {
    let name: String = prefix
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    git_dir.join("minh").join(format!("history-{name}.json"))
}

/// The cache, if it exists, is readable and is for this site.
pub(super) fn load(file: &Path, prefix: &str) -> Option<Cached> {
    let bytes = std::fs::read(file).ok()?;
    let d: OnDisk = serde_json::from_slice(&bytes).ok()?;
    (d.version == VERSION && d.cached.prefix == prefix).then_some(d.cached)
}

/// Writes the cache atomically; a failure only costs the next build time.
pub(super) fn store(file: &Path, cached: &Cached) {
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    let ok = serde_json::to_vec(&OnDisk {
        version: VERSION,
        cached: Cached {
            head: cached.head.clone(),
            prefix: cached.prefix.clone(),
            history: cached.history.clone(),
            notes: cached.notes.clone(),
        },
    })
    .ok()
    .and_then(|bytes| std::fs::write(&tmp, bytes).ok());
    if ok.is_some() {
        let _ = std::fs::rename(&tmp, file);
    } else {
        let _ = std::fs::remove_file(&tmp);
    }
}
