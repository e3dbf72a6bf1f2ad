//! The previous site but one, kept beside the output folder (`.public.minh-spare`) with its
//! manifest (`.public.minh-spare-outputs`), to be made into the next build's staging folder:
//! only the files that differ are written and no folder is made or removed for nothing.
//!
//! After a swap the staging name holds the site that was in place; instead of being removed (a
//! second of unlinking at 10 000 pages), it is renamed to the spare and its manifest with it. The
//! next build claims the spare by renaming it to its own staging name (two builds never share
//! it) and vouches for every file and folder in it: each must be as the manifest says, not
//! modified after the manifest was written (a file or folder someone touched by hand while it
//! was in place, or since, has a later time). If anything cannot be vouched for, the spare is
//! removed and the build starts from an empty folder, as without one.

use super::manifest::{self, Manifest};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The spare folder of output folder `out`.
pub fn folder(out: &Path) -> PathBuf {
    super::beside::beside(out, "spare")
}

/// The spare folder's manifest (the manifest its site had while in place).
fn manifest_path(out: &Path) -> PathBuf {
    super::beside::beside(out, "spare-outputs")
}

/// What a claimed spare holds, every file and folder of it vouched for.
#[derive(Debug, Default)]
pub struct Spare {
    /// Size and hash by path: the manifest its site had while in place.
    files: Manifest,
    /// Every folder holding a file, by path (the top folder not among them).
    folders: HashSet<PathBuf>,
}

impl Spare {
    /// The size and hash of the file the spare holds at `path`.
    pub fn get(&self, path: &Path) -> Option<(u64, u128)> {
        self.files.get(path)
    }

    /// Whether the spare holds a folder at `path`.
    pub fn has_folder(&self, path: &Path) -> bool {
        self.folders.contains(path)
    }

    /// Every folder it holds.
    pub fn folders(&self) -> impl Iterator<Item = &PathBuf> {
        self.folders.iter()
    }

    /// Every file it holds.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.files.files().map(|(p, _, _)| p)
    }
}

/// Claims the spare of `out` as `staging` (which must not exist): `Some` with what it holds
/// when it is there and every file and folder in it is vouched for; `None` (and nothing at
/// `staging`) otherwise. Its manifest is removed either way: a spare being made into a new
/// site is vouched for by nothing until it is a spare again.
pub fn claim(out: &Path, staging: &Path) -> Option<Spare> {
    let manifest_file = manifest_path(out);
    if std::fs::rename(folder(out), staging).is_err() {
        let _ = std::fs::remove_file(&manifest_file);
        return None;
    }
    let manifest = Manifest::read_for(&manifest_file, staging);
    let _ = std::fs::remove_file(&manifest_file);
    match manifest.and_then(|m| vouched(staging, m)) {
        Some(spare) => Some(spare),
        None => {
            let _ = super::tree::remove_tree(staging);
            None
        }
    }
}

/// What `dir` holds if every file `manifest` lists is there as it says and every folder holding
/// one was not modified after it was written (one `stat` each, in parallel).
fn vouched(dir: &Path, manifest: Manifest) -> Option<Spare> {
    let mut folders = HashSet::new();
    for (p, _, _) in manifest.files() {
        let mut at = p.parent();
        while let Some(f) = at.filter(|f| !f.as_os_str().is_empty()) {
            if !folders.insert(f.to_path_buf()) {
                break;
            }
            at = f.parent();
        }
    }
    let files: Vec<(&Path, u64, u128)> = manifest.files().collect();
    let files_ok = files.par_iter().all(|&(p, len, _)| {
        std::fs::symlink_metadata(dir.join(p)).is_ok_and(|m| manifest.holds(&m, len))
    });
    let folders_ok = files_ok
        && folders.par_iter().all(|f| {
            std::fs::symlink_metadata(dir.join(f))
                .is_ok_and(|m| m.is_dir() && manifest.untouched(&m))
        });
    folders_ok.then_some(Spare {
        files: manifest,
        folders,
    })
}

/// After a swap, keeps `old` (the site that was in place at `out`, its manifest moved to
/// [`hold_manifest`]'s place before the swap) as the spare; removes it when it cannot be kept.
pub fn keep(out: &Path, old: &Path) {
    let spare = folder(out);
    if spare.symlink_metadata().is_ok() || std::fs::rename(old, &spare).is_err() {
        let _ = std::fs::remove_file(manifest_path(out));
        let _ = super::tree::remove_tree(old);
    }
}

/// Moves the manifest of the site in place at `out` to the spare's manifest, just before that
/// site is swapped out (it vouches for nothing at `out` from then on).
pub fn hold_manifest(out: &Path) {
    let from = manifest::path(out);
    if std::fs::rename(&from, manifest_path(out)).is_err() {
        let _ = std::fs::remove_file(&from);
        let _ = std::fs::remove_file(manifest_path(out));
    }
}
