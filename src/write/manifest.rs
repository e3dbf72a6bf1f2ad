//! The output manifest: every file of the site in the output folder with its size and content
//! hash, kept beside the folder (`.public.minh-outputs`) so that the next build links unchanged
//! files to it without reading them back.
//!
//! First line: `minh-outputs 1 <folder identity> <time written, ns>`; then one line per file,
//! `<hash, 32 hex digits> <size> <path>`. It vouches for a file only while the folder is the one
//! it was written for (same device, inode and modification time: every swap makes a new folder)
//! and the file has its size and was not modified after the manifest was written.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// One file of the site: its path in the output folder, size and [`crate::render::offline::file_hash`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub len: u64,
    pub hash: u128,
}

/// The files of the output folder as the last build wrote them.
#[derive(Debug, Default)]
pub struct Manifest {
    /// Size and hash by output path.
    files: HashMap<PathBuf, (u64, u128)>,
    /// A path of each content (size and hash); made only for the manifest of the folder in
    /// place ([`Manifest::load`]), which the next build links from.
    by_content: HashMap<(u64, u128), PathBuf>,
    /// When the manifest was written: a file modified later was changed by someone else.
    written: u128,
}

/// The manifest file of output folder `out`.
pub fn path(out: &Path) -> PathBuf {
    super::beside::beside(out, "outputs")
}

/// The output folder's identity as the swap left it (its inode changes with every build written;
/// on other platforms, its modification time).
pub fn folder_identity(out: &Path) -> String {
    let Ok(meta) = std::fs::metadata(out) else {
        return "missing".into();
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{}:{}:{}",
            meta.dev(),
            meta.ino(),
            meta.mtime_nsec() + meta.mtime() * 1_000_000_000
        )
    }
    #[cfg(not(unix))]
    {
        let t = meta.modified().unwrap_or(UNIX_EPOCH);
        format!("{:?}", t.duration_since(UNIX_EPOCH).unwrap_or_default())
    }
}

fn nanos(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

impl Manifest {
    /// The manifest of `out`, when it was written for the folder now in place; else empty (no
    /// previous file is trusted).
    pub fn load(out: &Path) -> Manifest {
        Self::read(out).unwrap_or_default()
    }

    fn read(out: &Path) -> Option<Manifest> {
        let mut m = Self::read_for(&path(out), out)?;
        m.by_content = (m.files.iter())
            .map(|(p, &content)| (content, p.clone()))
            .collect();
        Some(m)
    }

    /// The manifest in `file`, when it was written for the folder now at `folder` (a folder
    /// keeps its identity when renamed within its parent), without the map by content.
    pub fn read_for(file: &Path, folder: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(file).ok()?;
        let mut lines = text.lines();
        let mut head = lines.next()?.split(' ');
        if head.next()? != "minh-outputs" || head.next()? != "1" {
            return None;
        }
        if head.next()? != folder_identity(folder) {
            return None;
        }
        let written = head.next()?.parse().ok()?;
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(3, ' ');
            let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            files.insert(PathBuf::from(parts.next()?), (len, hash));
        }
        Some(Manifest {
            files,
            by_content: HashMap::new(),
            written,
        })
    }

    /// Whether no file is vouched for.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The size and hash the last build wrote at `path`.
    pub fn get(&self, path: &Path) -> Option<(u64, u128)> {
        self.files.get(path).copied()
    }

    /// A path at which the last build wrote a file of size `len` and hash `hash`.
    pub fn path_of(&self, len: u64, hash: u128) -> Option<&Path> {
        self.by_content.get(&(len, hash)).map(PathBuf::as_path)
    }

    /// Every file it lists: path, size and hash.
    pub fn files(&self) -> impl Iterator<Item = (&Path, u64, u128)> {
        self.files
            .iter()
            .map(|(p, &(len, hash))| (p.as_path(), len, hash))
    }

    /// Whether `meta` (of a file or folder under the manifest's folder) was not modified after
    /// the manifest was written: a folder to which someone added or from which someone removed
    /// an entry since was modified.
    pub fn untouched(&self, meta: &std::fs::Metadata) -> bool {
        meta.modified().is_ok_and(|t| nanos(t) <= self.written)
    }

    /// Whether `meta` is of a file of size `len` not modified after the manifest was written:
    /// what the manifest says of it still holds.
    pub fn holds(&self, meta: &std::fs::Metadata, len: u64) -> bool {
        meta.is_file() && meta.len() == len && self.untouched(meta)
    }

    /// Whether `file` (the file at `path` in the previous output) still holds what the manifest
    /// says ([`Manifest::holds`]); its hash. One `stat`.
    pub fn vouches(&self, path: &Path, file: &Path) -> Option<u128> {
        let (len, hash) = self.get(path)?;
        let meta = std::fs::symlink_metadata(file).ok()?;
        self.holds(&meta, len).then_some(hash)
    }
}

/// Writes the manifest of the folder now in place at `out`, made of `files`; on failure, removes
/// it (the next build then writes every file anew).
pub fn record(out: &Path, files: &[Entry]) {
    let file = path(out);
    let mut text = format!(
        "minh-outputs 1 {} {}",
        folder_identity(out),
        nanos(SystemTime::now())
    );
    for e in files {
        let _ = write!(text, "\n{:032x} {} {}", e.hash, e.len, e.path.display());
    }
    let tmp = file.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, &file).is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&file);
    }
}

/// Removes the manifest of `out` (its folder is about to be replaced).
pub fn forget(out: &Path) {
    let _ = std::fs::remove_file(path(out));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vouches_only_for_its_folder_and_untouched_files() {
        let dir = tempfile::tempdir().expect("tmp");
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("vi")).expect("dir");
        std::fs::write(out.join("vi/a.html"), "aaa").expect("a");
        std::fs::write(out.join("b.txt"), "bb").expect("b");
        let entry = |p: &str, len, hash| Entry {
            path: PathBuf::from(p),
            len,
            hash,
        };
        record(&out, &[entry("vi/a.html", 3, 7), entry("b.txt", 2, 9)]);
        let m = Manifest::load(&out);
        assert_eq!(
            m.vouches(Path::new("vi/a.html"), &out.join("vi/a.html")),
            Some(7)
        );
        assert_eq!(m.vouches(Path::new("b.txt"), &out.join("b.txt")), Some(9));
        assert_eq!(m.vouches(Path::new("c.txt"), &out.join("c.txt")), None);
        // Edited by hand after the build: another size, or a later time.
        std::fs::write(out.join("b.txt"), "bbb").expect("b");
        assert_eq!(m.vouches(Path::new("b.txt"), &out.join("b.txt")), None);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("vi/a.html"), "xyz").expect("a");
        assert_eq!(
            m.vouches(Path::new("vi/a.html"), &out.join("vi/a.html")),
            None
        );
        // Another folder in its place: nothing is vouched for.
        let other = dir.path().join("other");
        std::fs::create_dir_all(&other).expect("other");
        std::fs::remove_dir_all(&out).expect("rm");
        std::fs::rename(&other, &out).expect("mv");
        assert!(Manifest::load(&out).is_empty());
    }
}
