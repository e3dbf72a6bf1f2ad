//! The serve/build equivalence property: for every content file of the real site, an edit applied
//! through `minh serve`'s incremental path gives exactly the files a full build of the edited
//! site gives (byte for byte, the same paths), and the same verdict when the edit is refused.
//! In-process, through the library API, on a copy of the real site.

use minh::build::{self, Change, Files, Incremental, Options};
use minh::date::Date;
use std::collections::BTreeSet;
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

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        base_url: None,
        include_drafts: true,
        today: Date::parse("2026-06-01").unwrap(),
    }
}

/// The same text with a visible edit: the title (in its quotes, if any) and the body both change.
fn edit_markdown(text: &str, n: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_front = false;
    let mut fences = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" && fences < 2 {
            fences += 1;
            in_front = fences == 1;
            out.push_str(line);
            continue;
        }
        if in_front && line.starts_with("title:") {
            let value = line["title:".len()..].trim();
            let edited = match value.strip_suffix('"') {
                Some(v) if value.starts_with('"') && value.len() > 1 => format!("{v} (sửa {n})\""),
                _ => format!("{value} (sửa {n})"),
            };
            out.push_str(&format!("title: {edited}\n"));
            continue;
        }
        out.push_str(line);
    }
    out.push_str(&format!("\n\nĐoạn sửa thử số {n}.\n"));
    out
}

fn differences(served: &Files, built: &Files) -> Vec<String> {
    let a: BTreeSet<&Path> = served.keys().map(|k| &**k).collect();
    let b: BTreeSet<&Path> = built.keys().map(|k| &**k).collect();
    let mut diffs: Vec<String> = Vec::new();
    for p in a.difference(&b) {
        diffs.push(format!("only served: {}", p.display()));
    }
    for p in b.difference(&a) {
        diffs.push(format!("only built: {}", p.display()));
    }
    for p in a.intersection(&b) {
        if served[*p] != built[*p] {
            diffs.push(format!("differs: {}", p.display()));
        }
    }
    diffs
}

fn full_build(opts: &Options) -> Result<Files, usize> {
    match build::run(opts) {
        Ok(built) => Ok(built
            .outputs
            .into_iter()
            .map(|o| (std::sync::Arc::from(o.path), std::sync::Arc::from(o.bytes)))
            .collect()),
        Err(d) => Err(d.errors()),
    }
}

/// What `serve` holds after applying `change`, once the background site-wide files are in.
fn serve_edit(inc: &mut Incremental, change: &Change) -> Result<Files, usize> {
    let rebuilt = inc.rebuild(change).map_err(|d| d.errors())?;
    let site_files = build::site_files(&inc.site());
    let files = inc
        .merge_site_files(rebuilt.generation, site_files)
        .expect("the rebuild is the current one");
    Ok((*files).clone())
}

#[test]
fn every_content_edit_served_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_site(root);
    let opts = options(root);
    let (mut inc, _) = Incremental::new(opts.clone()).expect("the real site builds");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect();
    files.sort();
    assert!(files.len() > 50, "the real site's content was copied");
    let mut failures: Vec<String> = Vec::new();
    for (n, rel) in files.iter().enumerate() {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = match rel.extension().and_then(|e| e.to_str()) {
            Some("md") => edit_markdown(&text, n),
            Some("yaml" | "yml") => format!("{text}\n# sửa thử {n}\n"),
            _ => text.clone(),
        };
        std::fs::write(&path, &edited).unwrap();
        let change = Change::classify(std::slice::from_ref(rel)).expect("a content file");
        let served = serve_edit(&mut inc, &change);
        let built = full_build(&opts);
        match (served, built) {
            (Ok(s), Ok(b)) => {
                let d = differences(&s, &b);
                if !d.is_empty() {
                    failures.push(format!(
                        "{} ({} files): {}",
                        rel.display(),
                        d.len(),
                        d.join("; ")
                    ));
                }
            }
            (Err(_), Err(_)) => {}
            (Ok(_), Err(e)) => failures.push(format!(
                "{}: serve accepted an edit that build refuses ({e} errors)",
                rel.display()
            )),
            (Err(e), Ok(_)) => failures.push(format!(
                "{}: serve refused ({e} errors) an edit that build accepts",
                rel.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} edits served differ from a full build:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
