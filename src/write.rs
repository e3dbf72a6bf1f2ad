//! Phase 4, write: all files into a fresh folder, swapped in only when everything was written.

use crate::render::Output;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes `outputs` into `out`, replacing its previous content only on success.
pub fn write(outputs: &[Output], out: &Path) -> io::Result<()> {
    if let Some(parent) = out.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    let staging = sibling(out, "staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    std::fs::create_dir_all(&staging)?;
    let result = write_all(outputs, &staging, out).and_then(|_| swap(&staging, out));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Writes every file into `dir`; a file identical to the one in `previous` is hard-linked, not rewritten.
fn write_all(outputs: &[Output], dir: &Path, previous: &Path) -> io::Result<()> {
    let mut dirs: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|o| o.path.parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d)?;
    }
    outputs
        .par_iter()
        .try_for_each(|o| write_one(o, dir, previous))
}

fn write_one(o: &Output, dir: &Path, previous: &Path) -> io::Result<()> {
    let dest = dir.join(&o.path);
    let old = previous.join(&o.path);
    let same = std::fs::metadata(&old)
        .is_ok_and(|m| m.is_file() && m.len() == o.bytes.len() as u64)
        && std::fs::read(&old).is_ok_and(|b| b == o.bytes);
    if same && std::fs::hard_link(&old, &dest).is_ok() {
        return Ok(());
    }
    std::fs::write(dest, &o.bytes)
}

fn swap(staging: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let old = sibling(out, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e);
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    } else {
        std::fs::rename(staging, out)
    }
}

/// Static files: the theme's `static/` under `/static/`, the site's `static/` at the root.
pub fn assets(root: &Path, theme_dir: &Path) -> io::Result<Vec<Output>> {
    let mut out = Vec::new();
    for (dir, prefix) in [
        (theme_dir.join("static"), "static"),
        (root.join("static"), ""),
    ] {
        if !dir.exists() {
            continue;
        }
        for e in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let e = e.map_err(io::Error::other)?;
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e.path().strip_prefix(&dir).map_err(io::Error::other)?;
            out.push(Output {
                path: Path::new(prefix).join(rel),
                bytes: std::fs::read(e.path())?,
                source: Some(
                    e.path()
                        .strip_prefix(root)
                        .unwrap_or(e.path())
                        .to_path_buf(),
                ),
            });
        }
    }
    Ok(out)
}
