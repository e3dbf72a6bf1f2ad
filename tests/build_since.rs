//! The one-shot rebuild property: after an edit of one source file, `minh build` over the
//! previous output (the dependency graph and output manifest kept beside it) renders only what
//! read the edit and links every other file from the previous output, and the output folder then
//! holds exactly the files a full build of the edited site makes (byte for byte, the same paths),
//! the search index made from the work the build before kept (`.public.minh-search`).
//! A refused edit leaves the previous output as it was, and the next good edit is again exact.
//! In-process, through the library API, on a copy of the real site made a git repository.

#[path = "common/edits.rs"]
mod edits;

use minh::build::{self, Options};
use minh::date::Date;
use minh::progress::Progress;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn copy_site(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in ["site.yaml", "content", "themes", "static"] {
        for e in walkdir::WalkDir::new(root.join(entry)) {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(root).unwrap();
            if e.file_type().is_dir() {
                std::fs::create_dir_all(to.join(rel)).unwrap();
            } else {
                std::fs::copy(e.path(), to.join(rel)).unwrap();
            }
        }
    }
}

/// Runs git in `root` with a fixed author and date (no personal configuration read).
fn git(root: &Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_NAME", "Biên tập viên")
        .env("GIT_AUTHOR_EMAIL", "bien-tap@example.invalid")
        .env("GIT_COMMITTER_NAME", "Biên tập viên")
        .env("GIT_COMMITTER_EMAIL", "bien-tap@example.invalid")
        .env("GIT_AUTHOR_DATE", "2026-12-03T09:00:00+07:00")
        .env("GIT_COMMITTER_DATE", "2026-12-03T09:00:00+07:00")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root)
        .output()
        .expect("run git");
    assert!(o.status.success(), "git {args:?}");
}

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        base_url: None,
        include_drafts: true,
        today: Date::parse("2026-06-01").unwrap(),
    }
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Builds into `out` as `minh build` does after `changed` was edited: the files rendered, the
/// search indexes kept as they were and made again, or the number of errors.
fn build_since(
    opts: &Options,
    out: &Path,
    changed: Option<&[PathBuf]>,
) -> Result<(usize, usize, usize), String> {
    match build::run_into_since(opts, out, &Progress::hidden(), changed) {
        Ok(written) => {
            let langs = written.site.config.langs().len();
            let kept = written.indexes_kept;
            let rendered = (written.rendered, kept, langs - kept);
            written.staged.swap().expect("swap");
            minh::stamp::keep_graph(out, written.graph.as_deref());
            minh::searchkeep::keep(out, written.search);
            Ok(rendered)
        }
        Err(build::Failed::Input(d)) => Err(format!("{} errors", d.errors())),
        Err(build::Failed::Write(e)) => panic!("write: {e}"),
    }
}

/// The files a full build of the site as it is now makes.
fn full(opts: &Options) -> Option<BTreeMap<PathBuf, Vec<u8>>> {
    let built = build::run(opts).ok()?;
    Some(
        built
            .outputs
            .into_iter()
            .map(|o| (o.path, o.bytes))
            .collect(),
    )
}

fn differences(got: &BTreeMap<PathBuf, Vec<u8>>, want: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    let mut d = Vec::new();
    for (p, b) in got {
        match want.get(p) {
            None => d.push(format!("only in the rebuild: {}", p.display())),
            Some(w) if w != b => d.push(format!("differs: {}", p.display())),
            _ => {}
        }
    }
    for p in want.keys().filter(|p| !got.contains_key(*p)) {
        d.push(format!("only in the full build: {}", p.display()));
    }
    d
}

#[test]
fn every_kind_of_edit_rebuilt_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    copy_site(&root);
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "Xuất bản trang"]);
    let opts = options(&root);
    let out = root.join("public");
    let (all, _, _) = build_since(&opts, &out, None).expect("the real site builds");
    // A first build keeps no search work (nothing to build over), only each index's record;
    // every rebuild keeps it, for the next one to take.
    assert_eq!(minh::searchkeep::parts_kept(&out), ["vi+files", "en+files"]);
    assert_eq!(
        differences(&tree(&out), &full(&opts).expect("full build")),
        Vec::<String>::new()
    );

    // Every 6th content file (every kind among them), each UI string file and five templates
    // (two of them included by others).
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    files.sort();
    let mut picked: Vec<PathBuf> = files.iter().step_by(6).cloned().collect();
    for ext in ["md", "yaml", "csv"] {
        if let Some(f) = files
            .iter()
            .find(|f| f.extension().is_some_and(|e| e == ext) && !picked.contains(f))
        {
            picked.push(f.clone());
        }
    }
    let theme = Path::new("themes/default");
    for lang in ["vi", "en"] {
        picked.push(theme.join(format!("i18n/{lang}.yaml")));
    }
    for t in ["base", "update", "facility", "toc", "finder_list"] {
        picked.push(theme.join(format!("templates/{t}.html")));
    }

    let mut failures = Vec::new();
    let mut fewer = 0;
    // Indexes kept as they were (an edit that changes no language's search documents keeps
    // both, a page's edit keeps the other language's), and indexes made again.
    let (mut indexes_kept, mut indexes_made) = (0, 0);
    let mut pending: Vec<PathBuf> = Vec::new();
    for (n, rel) in picked.iter().enumerate() {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        // Now and then a broken edit first: refused, the output left as it was.
        if n % 7 == 0 && rel.extension().is_some_and(|e| e == "md") {
            let before = tree(&out);
            std::fs::write(
                &path,
                text.replacen("title:", "title: [chưa đóng\ntitle2:", 1),
            )
            .unwrap();
            pending.push(rel.clone());
            if build_since(&opts, &out, Some(&pending)).is_ok() {
                failures.push(format!("{}: a broken edit was accepted", rel.display()));
            }
            if tree(&out) != before {
                failures.push(format!(
                    "{}: a refused edit changed the output",
                    rel.display()
                ));
            }
        }
        let edited = edits::edit(rel, &text, n);
        assert_ne!(edited, text, "{}: the edit changes the file", rel.display());
        std::fs::write(&path, &edited).unwrap();
        pending.push(rel.clone());
        let rebuilt = build_since(&opts, &out, Some(&pending));
        match (rebuilt, full(&opts)) {
            (Ok((rendered, kept, made)), Some(want)) => {
                pending.clear();
                indexes_kept += kept;
                indexes_made += made;
                let parts = minh::searchkeep::parts_kept(&out);
                if !parts.iter().any(|p| !p.ends_with("+files")) && kept < 2 {
                    failures.push(format!("{}: no search work kept", rel.display()));
                }
                if parts.iter().filter(|p| p.ends_with("+files")).count() != 2 {
                    failures.push(format!("{}: not every index recorded", rel.display()));
                }
                fewer += usize::from(rendered < all);
                let d = differences(&tree(&out), &want);
                if !d.is_empty() {
                    failures.push(format!(
                        "{} ({} files): {}",
                        rel.display(),
                        d.len(),
                        d.join("; ")
                    ));
                }
            }
            (Err(_), None) => {
                // Both refuse it (a dataset whose totals no longer add up): put the file back.
                std::fs::write(&path, &text).unwrap();
            }
            (Ok(_), None) => {
                failures.push(format!("{}: accepted, a full build refuses", rel.display()))
            }
            (Err(e), Some(_)) => failures.push(format!(
                "{}: refused ({e}), a full build accepts",
                rel.display()
            )),
        }
    }
    assert!(
        fewer * 2 > picked.len(),
        "most edits rendered fewer pages than a full build ({fewer} of {})",
        picked.len()
    );
    assert!(
        indexes_kept > 0 && indexes_made > 0,
        "some indexes kept as they were ({indexes_kept}), some made again ({indexes_made})"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
