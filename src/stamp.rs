//! The inputs of the last build (every file's path, size and modification time, the options and
//! minh's version), kept beside the output folder so that a rebuild with nothing changed is skipped.
//!
//! The stamp is `.<output name>.minh-inputs` next to the output folder (`.public.minh-inputs`):
//! first the key (version and program file, options, output folder identity), then one line per
//! input file, then the diagnostics the build printed, so a skipped rebuild reports them again.
//! Every file under the site root counts as an input except the output folder and its hidden
//! siblings, a `target` folder at the top and `node_modules`; of the git repository holding the
//! site, the files that move when a commit is made (HEAD, refs, packed-refs, index). A file
//! modified within [`RACY`] of the scan is not trusted (its time may not tell a later edit
//! apart): the stamp lists it as `? ? <path>`, so the next build takes it as changed whatever
//! its time then (and makes again only what reads it). An entry that cannot be read makes the
//! whole stamp untrusted: none is written and the next build runs in full.

use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Files modified this recently before the scan make the stamp unusable (coarse file-system clocks).
const RACY: Duration = Duration::from_secs(2);

/// What a build read, as of one scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// Version, options and the rest of the key, one line.
    key: String,
    /// One line per input file: `size mtime_ns path`, sorted by path.
    files: Vec<String>,
    /// Which of `files` (by index) changed too recently to be trusted ([`RACY`]).
    recent: Vec<usize>,
    /// An entry that could not be read: nothing is known for sure.
    untrusted: bool,
}

/// The stamp's line of a file whose time cannot be trusted: never equal to a scanned line.
fn untrusted_line(line: &str) -> String {
    let path = line.splitn(3, ' ').nth(2).unwrap_or_default();
    format!("? ? {path}")
}

/// The stamp file of output folder `out`.
pub fn path(out: &Path) -> PathBuf {
    crate::write::beside(out, "inputs")
}

/// Scans the inputs of a build of `root` into `out`; `options` is every setting that changes the
/// output (base URL, drafts, today's date, message language).
pub fn scan(root: &Path, out: &Path, options: &str) -> Inputs {
    let now = SystemTime::now();
    let mut files = Vec::new();
    let mut recent = Vec::new();
    let mut untrusted = false;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let out_name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out_dir = out
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| p.canonicalize().ok());
    let hidden = format!(".{out_name}.");
    // The output folder and its hidden siblings (staging, stamp) are not inputs: entries at the
    // depth of the output folder (when it is inside the root) are looked at more closely.
    let out_depth = (out_dir.as_deref())
        .and_then(|d| d.strip_prefix(&root).ok())
        .map(|d| d.components().count() + 1);
    let skip = |e: &walkdir::DirEntry, name: &str| -> bool {
        Some(e.depth()) == out_depth
            && (name == out_name.as_str() || name.starts_with(&hidden))
            && out_dir.as_deref() == e.path().parent()
    };
    let walker = crate::walk::sorted(&root).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        let top = e.depth() == 1 && name == "target";
        !skip(e, &name) && !top && name != ".git" && name != "node_modules"
    });
    // Every entry's path is the root's and a separator, then its path in the root: cut, not
    // compared component by component (with the lines written without formatting a `Path`,
    // a third of a no-change rebuild's instructions).
    let root_len = root.as_os_str().len();
    let mut entries = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => entries.push(e),
            Ok(_) => {}
            // An unreadable entry: the build will say what is wrong; never skip it.
            Err(_) => untrusted = true,
        }
    }
    // Each file's metadata is one system call, most of the scan: made on every core.
    let lines: Vec<Option<(String, bool)>> = entries
        .par_iter()
        .map(|e| {
            Some(line(
                &e.metadata().ok()?,
                &rel_text(e.path(), root_len),
                now,
            ))
        })
        .collect();
    drop(entries);
    for l in lines {
        match l {
            Some(l) => push(l, (&mut files, &mut recent)),
            None => untrusted = true,
        }
    }
    for f in git_files(&root) {
        let path = format!("git:{}", f.display());
        match std::fs::metadata(&f) {
            Ok(meta) => push(line(&meta, &path, now), (&mut files, &mut recent)),
            Err(_) => files.push(format!("- - {path}")),
        }
    }
    Inputs {
        key: key(out, options),
        files,
        recent,
        untrusted,
    }
}

/// The stamp's first line: minh's version and program file, `options` and the identity of the
/// output folder `out` as it is now.
fn key(out: &Path, options: &str) -> String {
    format!(
        "minh {} {} | {options} | out {}",
        env!("CARGO_PKG_VERSION"),
        program_identity(),
        crate::write::manifest::folder_identity(out)
    )
}

/// The text of `path` after its first `root_len` bytes (a folder's path) and the separator.
fn rel_text(path: &Path, root_len: usize) -> std::borrow::Cow<'_, str> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let rel = bytes.get(root_len..).unwrap_or_default();
    let rel = rel
        .strip_prefix(std::path::MAIN_SEPARATOR_STR.as_bytes())
        .unwrap_or(rel);
    String::from_utf8_lossy(rel)
}

/// The stamp's line of the file at `path` with metadata `meta` (`size mtime_ns path`), and
/// whether it was modified within [`RACY`] of `now`.
fn line(meta: &std::fs::Metadata, path: &str, now: SystemTime) -> (String, bool) {
    let mtime = meta.modified().unwrap_or(UNIX_EPOCH);
    let racy = now.duration_since(mtime).map_or(true, |age| age < RACY);
    let ns = mtime.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut line = String::with_capacity(path.len() + 32);
    let _ = write!(line, "{} {ns} ", meta.len());
    line.push_str(path);
    (line, racy)
}

/// Adds a file's [`line`] to `files`, and its place to `recent` when it is racy.
fn push((line, racy): (String, bool), (files, recent): Lists) {
    if racy {
        recent.push(files.len());
    }
    files.push(line);
}

/// The stamp's lines and the places of those too recent to trust, as [`push`] fills them.
type Lists<'a> = (&'a mut Vec<String>, &'a mut Vec<usize>);

/// Of the git repository holding `root` (found upwards, as the history reader finds it), the
/// files that move when a commit is made or checked out: HEAD, index, packed-refs and every ref.
fn git_files(root: &Path) -> Vec<PathBuf> {
    let Some(dot_git) = root
        .ancestors()
        .map(|d| d.join(".git"))
        .find(|g| g.exists())
    else {
        return Vec::new();
    };
    let mut dirs = vec![dot_git.clone()];
    if dot_git.is_file() {
        // A linked worktree: `gitdir: <dir>`, whose `commondir` holds the shared refs.
        let Some(dir) = std::fs::read_to_string(&dot_git)
            .ok()
            .and_then(|t| t.strip_prefix("gitdir:").map(|d| PathBuf::from(d.trim())))
        else {
            return vec![dot_git];
        };
        let dir = dot_git.parent().map_or(dir.clone(), |p| p.join(&dir));
        if let Ok(common) = std::fs::read_to_string(dir.join("commondir")) {
            dirs.push(dir.join(common.trim()));
        }
        dirs[0] = dir;
    }
    let mut out = vec![dot_git];
    for d in dirs {
        out.extend(["HEAD", "index", "packed-refs"].map(|f| d.join(f)));
        let refs = crate::walk::sorted(d.join("refs"));
        out.extend(
            refs.into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path()),
        );
    }
    out
}

/// The running program's size and modification time, so a rebuilt or upgraded minh (same
/// version number or not) never trusts an output written by another.
pub(crate) fn program_identity() -> String {
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    match meta {
        Ok(m) => {
            let t = m.modified().unwrap_or(UNIX_EPOCH);
            let ns = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            format!("{}:{ns}", m.len())
        }
        Err(_) => format!("unknown-{}", std::process::id()),
    }
}

/// What the last build printed, when its stamp matches `inputs` exactly.
pub fn unchanged(out: &Path, inputs: &Inputs) -> Option<String> {
    if inputs.untrusted || !inputs.recent.is_empty() {
        return None;
    }
    let text = std::fs::read_to_string(path(out)).ok()?;
    let (head, report) = text.split_once("\n--\n")?;
    let mut lines = head.lines();
    if lines.next()? != inputs.key {
        return None;
    }
    let mut files = inputs.files.iter();
    for line in lines {
        if files.next().map(String::as_str) != Some(line) {
            return None;
        }
    }
    files.next().is_none().then(|| report.to_string())
}

/// Records `before`, the inputs as scanned before the build read any, with the key of the output
/// folder now in place, and the build's `report`; removes a stale stamp when the inputs cannot
/// be trusted. Failing to write the stamp only means the next build runs in full.
///
/// The files are not scanned again: the stamp holds each file as it was before the build read it,
/// so a file edited, added or removed during the build differs from its line next time and is
/// built again then (a scan after the build was ~5 % of a cold build at 10 000 pages, on one
/// core).
pub fn record(out: &Path, options: &str, before: &Inputs, report: &str) {
    let file = path(out);
    // An entry that could not be read: do not vouch for this output.
    if before.untrusted {
        let _ = std::fs::remove_file(&file);
        return;
    }
    // One edited too recently to tell when the build started: it counts as changed next time.
    let mut text = key(out, options);
    for (i, f) in before.files.iter().enumerate() {
        // `recent` is in the files' order.
        if before.recent.binary_search(&i).is_ok() {
            let _ = write!(text, "\n{}", untrusted_line(f));
        } else {
            let _ = write!(text, "\n{f}");
        }
    }
    let _ = write!(text, "\n--\n{report}");
    let tmp = file.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, &file).is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&file);
    }
}

/// Removes the stamp of `out` (before writing a new output, so a failed write is never vouched
/// for), and the dependency graph kept with it.
pub fn forget(out: &Path) {
    let _ = std::fs::remove_file(path(out));
    let _ = std::fs::remove_file(graph_path(out));
}

/// The input files (relative to the root) added, removed or modified since the last build whose
/// stamp is beside `out`, and those modified too recently to tell; `None` when there is no usable
/// stamp, its key (version, options, output folder) differs, or the git repository moved (then
/// everything is built again).
pub fn changed_since(out: &Path, inputs: &Inputs) -> Option<Vec<PathBuf>> {
    if inputs.untrusted {
        return None;
    }
    let text = std::fs::read_to_string(path(out)).ok()?;
    let (head, _) = text.split_once("\n--\n")?;
    let mut lines = head.lines();
    if lines.next()? != inputs.key {
        return None;
    }
    let split = |l: &str| -> Option<(String, String)> {
        let mut f = l.splitn(3, ' ');
        let stat = format!("{} {}", f.next()?, f.next()?);
        Some((f.next()?.to_string(), stat))
    };
    let before: std::collections::HashMap<String, String> =
        lines.map(split).collect::<Option<_>>()?;
    let now: std::collections::HashMap<String, String> = inputs
        .files
        .iter()
        .map(|l| split(l))
        .collect::<Option<_>>()?;
    let recent = (inputs.recent.iter())
        .filter_map(|&i| split(inputs.files.get(i)?))
        .map(|(p, _)| p);
    let recent: std::collections::HashSet<String> = recent.collect();
    let mut changed: Vec<&String> = before
        .iter()
        .filter(|(p, stat)| now.get(*p) != Some(*stat) || recent.contains(*p))
        .map(|(p, _)| p)
        .chain(now.keys().filter(|p| !before.contains_key(*p)))
        .collect();
    changed.sort();
    if changed.iter().any(|p| p.starts_with("git:")) {
        return None;
    }
    Some(changed.into_iter().map(PathBuf::from).collect())
}

/// The file beside `out` holding the dependency graph of the build in it
/// ([`crate::render::saved::Saved`]).
fn graph_path(out: &Path) -> PathBuf {
    crate::write::beside(out, "graph")
}

/// Keeps `graph` (the dependency graph's text) beside the output folder now in place at `out`.
pub fn keep_graph(out: &Path, graph: Option<&str>) {
    let file = graph_path(out);
    let Some(graph) = graph else {
        let _ = std::fs::remove_file(&file);
        return;
    };
    let text = format!(
        "minh-graph 1 {}\n{graph}",
        crate::write::manifest::folder_identity(out)
    );
    let tmp = file.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, &file).is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&file);
    }
}

/// The dependency graph kept beside `out` by [`keep_graph`], when it was kept for the folder now
/// in place.
pub fn kept_graph(out: &Path) -> Option<String> {
    let text = std::fs::read_to_string(graph_path(out)).ok()?;
    let (head, graph) = text.split_once('\n')?;
    let identity = head.strip_prefix("minh-graph 1 ")?;
    (identity == crate::write::manifest::folder_identity(out)).then(|| graph.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.yaml"), "title: x\n").unwrap();
        let out = root.join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "x").unwrap();
        (dir, root, out)
    }

    /// Sets every input's modification time well in the past, so none is racy.
    fn age(root: &Path) {
        let old = SystemTime::now() - Duration::from_secs(60);
        for e in walkdir::WalkDir::new(root).into_iter().flatten() {
            if e.file_type().is_file() {
                let f = std::fs::File::options()
                    .append(true)
                    .open(e.path())
                    .unwrap();
                f.set_modified(old).unwrap();
            }
        }
    }

    #[test]
    fn matches_until_an_input_or_option_changes() {
        let (_d, root, out) = site();
        age(&root);
        let before = scan(&root, &out, "opts");
        assert!(before.recent.is_empty() && !before.untrusted);
        assert!(before.files.iter().all(|f| !f.contains("public")));
        record(&out, "opts", &before, "report\n");
        let again = scan(&root, &out, "opts");
        assert_eq!(unchanged(&out, &again).as_deref(), Some("report\n"));
        // Another option: rebuild.
        assert_eq!(unchanged(&out, &scan(&root, &out, "other")), None);
        // An edited input: rebuild (and a fresh edit is racy).
        std::fs::write(root.join("site.yaml"), "title: y\n").unwrap();
        let edited = scan(&root, &out, "opts");
        assert!(!edited.recent.is_empty());
        assert_eq!(unchanged(&out, &edited), None);
        age(&root);
        assert_eq!(unchanged(&out, &scan(&root, &out, "opts")), None);
    }

    #[test]
    fn a_new_or_replaced_output_folder_needs_a_build() {
        let (_d, root, out) = site();
        age(&root);
        let before = scan(&root, &out, "o");
        record(&out, "o", &before, "");
        std::fs::remove_dir_all(&out).unwrap();
        assert_eq!(unchanged(&out, &scan(&root, &out, "o")), None);
        std::fs::create_dir_all(&out).unwrap();
        assert_eq!(unchanged(&out, &scan(&root, &out, "o")), None);
    }

    #[test]
    fn changed_since_names_the_edited_added_and_removed_files() {
        let (_d, root, out) = site();
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        std::fs::write(root.join("content/b.md"), "b").unwrap();
        age(&root);
        let before = scan(&root, &out, "o");
        record(&out, "o", &before, "");
        assert_eq!(changed_since(&out, &scan(&root, &out, "o")), Some(vec![]));
        std::fs::write(root.join("content/a.md"), "aa").unwrap();
        std::fs::remove_file(root.join("content/b.md")).unwrap();
        std::fs::write(root.join("content/c.md"), "c").unwrap();
        let now = scan(&root, &out, "o");
        let want: Vec<PathBuf> = ["content/a.md", "content/b.md", "content/c.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(changed_since(&out, &now), Some(want));
        // Other options: no list, everything is built again.
        assert_eq!(changed_since(&out, &scan(&root, &out, "other")), None);
    }

    /// A file edited, added or removed while the build runs (after the scan it started with)
    /// is taken as changed by the next build, and only those: the stamp holds what the scan saw.
    #[test]
    fn an_input_edited_during_the_build_is_built_again_next_time() {
        let (_d, root, out) = site();
        for f in ["a", "b", "c"] {
            std::fs::write(root.join(format!("content/{f}.md")), f).unwrap();
        }
        age(&root);
        let before = scan(&root, &out, "o");
        std::fs::write(root.join("content/a.md"), "edited").unwrap();
        std::fs::remove_file(root.join("content/b.md")).unwrap();
        std::fs::write(root.join("content/d.md"), "d").unwrap();
        record(&out, "o", &before, "");
        // The edited and added files made old too (the others keep their times).
        let old = SystemTime::now() - Duration::from_secs(30);
        for f in ["a", "d"] {
            let path = root.join(format!("content/{f}.md"));
            let file = std::fs::File::options().append(true).open(path).unwrap();
            file.set_modified(old).unwrap();
        }
        let next = scan(&root, &out, "o");
        assert!(next.recent.is_empty());
        assert_eq!(unchanged(&out, &next), None);
        let want: Vec<PathBuf> = ["content/a.md", "content/b.md", "content/d.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(changed_since(&out, &next), Some(want));
    }

    /// The output folder and the files beside it, `.git`, `node_modules` and a top-level
    /// `target` are not inputs, wherever the output folder is; a `target` deeper down is.
    #[test]
    fn what_the_build_writes_or_tools_keep_is_not_an_input() {
        let (_d, root, _) = site();
        for f in [
            "content/a.md",
            "content/target/b.md",
            "build/out/index.html",
            "build/.out.minh-spare/index.html",
            "build/.out.minh-inputs",
            "build/.outer/c.md",
            "public/index.html",
            ".public.minh-graph",
            ".publicity/d.md",
            "target/release/minh",
            "node_modules/x/index.js",
            "content/.git/HEAD",
        ] {
            std::fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
            std::fs::write(root.join(f), "x").unwrap();
        }
        let paths = |out: &Path| -> Vec<String> {
            let inputs = scan(&root, out, "o");
            let path = |l: &String| l.splitn(3, ' ').nth(2).unwrap().to_string();
            inputs.files.iter().map(path).collect()
        };
        let listed = [
            ".publicity/d.md",
            "build/.out.minh-inputs",
            "build/.out.minh-spare/index.html",
            "build/.outer/c.md",
            "build/out/index.html",
            "content/a.md",
            "content/target/b.md",
            "site.yaml",
        ];
        assert_eq!(paths(&root.join("public")), listed);
        let listed = [
            ".public.minh-graph",
            ".publicity/d.md",
            "build/.outer/c.md",
            "content/a.md",
            "content/target/b.md",
            "public/index.html",
            "site.yaml",
        ];
        assert_eq!(paths(&root.join("build/out")), listed);
    }

    /// A file edited just before a build is listed as unknown: the next build takes it as
    /// changed even if its time did not move (an edit within the clock's tick), and only it.
    #[test]
    fn an_input_too_recent_to_tell_is_taken_as_changed_by_the_next_build() {
        let (_d, root, out) = site();
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        age(&root);
        std::fs::write(root.join("content/b.md"), "b").unwrap();
        let before = scan(&root, &out, "o");
        assert_eq!(before.recent.len(), 1);
        record(&out, "o", &before, "");
        let stamp = std::fs::read_to_string(path(&out)).unwrap();
        assert!(stamp.contains("\n? ? content/b.md\n"), "{stamp}");
        assert!(stamp.contains(" content/a.md\n") && !stamp.contains("? ? content/a.md"));
        let again = scan(&root, &out, "o");
        assert_eq!(unchanged(&out, &again), None);
        let b = vec![PathBuf::from("content/b.md")];
        assert_eq!(changed_since(&out, &again), Some(b));
        // Once old enough, its time is trusted again.
        age(&root);
        let later = scan(&root, &out, "o");
        assert!(later.recent.is_empty());
        record(&out, "o", &later, "");
        assert_eq!(
            unchanged(&out, &scan(&root, &out, "o")).as_deref(),
            Some("")
        );
    }
}
