//! Shared helpers for integration tests: fixture sites in temporary folders and the minh binary.

#![allow(dead_code)]

pub mod githistory;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk fixture");
        let rel = e.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// A fresh copy of tests/fixtures/base with the repository's theme, in a temporary folder.
pub fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo().join("tests/fixtures/base"), dir.path());
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

pub fn minh(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("MINH_TODAY", "2026-11-25")
        // Messages in English unless a test asks for another language (`--lang`); without
        // it, they would follow the machine's locale, else the site's default language.
        .env("MINH_LANG", "en")
        .output()
        .expect("run minh")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The text of every file of one language's search index (`public/search/<lang>/`), each as
/// JSON: stored shards (`.gz`) inflated.
pub fn search_index_text(dir: &Path) -> String {
    use std::io::Read;
    let mut out = String::new();
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(e.path()).expect("index file");
        if e.path().extension().is_some_and(|x| x == "gz") {
            flate2::read::GzDecoder::new(bytes.as_slice())
                .read_to_string(&mut out)
                .expect("a gzip-compressed JSON shard");
        } else {
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
        out.push('\n');
    }
    out
}

/// Builds the repository's real site into a fresh temporary folder; returns the folder and its `public/`.
pub fn built_real_site() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("tempdir");
    let public = out.path().join("public");
    let o = Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(&public)
        .env("MINH_TODAY", "2026-11-25")
        .env("MINH_LANG", "en")
        .output()
        .expect("run minh");
    assert!(o.status.success(), "{}", stderr(&o));
    (out, public)
}
