//! Phase 4, write: all files into a fresh folder, swapped in only when everything was written.

pub mod beside;
pub mod manifest;
pub mod spare;
mod tree;

pub use beside::beside;
use tree::remove_tree;

use crate::diagnostics::Diagnostic;
use crate::render::Output;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes `outputs` into `out`, replacing its previous content only on success.
pub fn write(outputs: &[Output], out: &Path) -> io::Result<()> {
    stage(outputs, out)?.swap()
}

/// A complete new site written next to the output folder, not yet in its place.
#[derive(Debug)]
pub struct Staged {
    staging: PathBuf,
    out: PathBuf,
    /// Every file written, for the manifest written once the site is in place.
    files: Vec<manifest::Entry>,
}

impl Staged {
    /// The folder holding the new site until [`Staged::swap`].
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Puts the new site in place of the old one in one step where the platform offers it (see
    /// [`swap`]); the staging folder is removed on failure.
    pub fn swap(self) -> io::Result<()> {
        spare::hold_manifest(&self.out);
        let result = swap(&self.staging, &self.out);
        match &result {
            Ok(()) => manifest::record(&self.out, &self.files),
            Err(_) => {
                let _ = remove_tree(&self.staging);
            }
        }
        result
    }
}

/// Writes every file of the new site into a fresh folder beside `out`; `out` is not touched.
///
/// A file identical to the previous build's (as its [`manifest`] says, without reading it) is
/// hard-linked to it rather than written again; every other file is created new (`O_EXCL`), so
/// no write can ever go through a link into the previous build's copy, even when two outputs
/// claimed one path (which [`crate::build`] refuses anyway).
pub fn stage(outputs: &[Output], out: &Path) -> io::Result<Staged> {
    let stream = Stream::start(out)?;
    match outputs
        .par_iter()
        .try_for_each(|o| stream.write(o).map(|_| ()))
    {
        Ok(()) => stream.finish(),
        Err(e) => {
            stream.abandon();
            Err(e)
        }
    }
}

/// A staging folder being filled file by file, from many threads at once, while the site is
/// rendered: no page's text is kept once written. [`Stream::finish`] gives the [`Staged`] site,
/// [`Stream::abandon`] removes what was written; `out` is not touched either way.
///
/// The staging folder starts as the site before the previous one when it was kept
/// ([`spare`]): a file it holds already as it must be is left alone, any other is replaced, and
/// [`Stream::finish`] removes those no output claimed.
#[derive(Debug)]
pub struct Stream {
    staging: PathBuf,
    out: PathBuf,
    /// Folders already made inside the staging folder: one `mkdir` per folder, not per file.
    made: Mutex<HashSet<PathBuf>>,
    /// What the previous build wrote in `out`, to link unchanged files without reading them.
    previous: manifest::Manifest,
    /// What the staging folder held when it was claimed (nothing for a fresh folder).
    spare: spare::Spare,
    /// Every path put so far: a second file for one path is refused.
    claimed: Mutex<HashSet<PathBuf>>,
    /// Files and folders of the spare removed to make way for an output of another kind (a
    /// folder where a file goes, or the reverse): what they held is no longer there.
    gone: Mutex<Vec<PathBuf>>,
    /// Every file written so far.
    written: Mutex<Vec<manifest::Entry>>,
}

/// What became of one file handed to [`Stream::put`]: its path and source (for the ownership
/// check and the summary) and whether it was written.
#[derive(Debug)]
pub struct Put {
    pub path: PathBuf,
    pub source: Option<PathBuf>,
    /// The file's [`crate::render::offline::file_hash`], once written.
    pub written: io::Result<u128>,
}

impl Stream {
    /// A staging folder beside `out`, as [`stage`] makes: the spare claimed, else an empty one.
    pub fn start(out: &Path) -> io::Result<Stream> {
        if let Some(parent) = out.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
        let staging = sibling(out, "staging");
        if staging.symlink_metadata().is_ok() {
            remove_tree(&staging)?;
        }
        let spare = match spare::claim(out, &staging) {
            Some(spare) => spare,
            None => {
                std::fs::create_dir(&staging)?;
                spare::Spare::default()
            }
        };
        Ok(Stream {
            staging,
            out: out.to_path_buf(),
            made: Mutex::new(spare.folders().cloned().collect()),
            previous: manifest::Manifest::load(out),
            spare,
            claimed: Mutex::new(HashSet::new()),
            gone: Mutex::new(Vec::new()),
            written: Mutex::new(Vec::new()),
        })
    }

    /// Whether the staging folder holds the file at `path` with size `len` and hash `hash`
    /// already (the spare had it, and it was not removed with what held it).
    fn holds(&self, path: &Path, len: u64, hash: u128) -> bool {
        self.spare.get(path) == Some((len, hash))
            && self
                .gone
                .lock()
                .is_ok_and(|g| !g.iter().any(|d| path.starts_with(d)))
    }

    /// Notes that the spare's file or folder at `path` was removed.
    fn note_gone(&self, path: &Path) {
        if let Ok(mut g) = self.gone.lock() {
            g.push(path.to_path_buf());
        }
    }

    /// Whether the folder being filled started as the spare.
    pub fn from_spare(&self) -> bool {
        self.spare.files().next().is_some()
    }

    /// The folder being filled.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Writes `o` into the staging folder (hard-linked to the previous build's identical file,
    /// else created new, never overwriting: a second file for one path fails) and lets its text go.
    pub fn put(&self, o: Output) -> Put {
        let written = self.write(&o);
        Put {
            path: o.path,
            source: o.source,
            written,
        }
    }

    /// Writes `o` as [`Stream::put`] does; its hash.
    fn write(&self, o: &Output) -> io::Result<u128> {
        self.claim(&o.path)?;
        let hash = crate::render::offline::file_hash(&o.bytes);
        let len = o.bytes.len() as u64;
        if !self.holds(&o.path, len, hash) {
            self.folder_of(&o.path)?;
            self.clear(&o.path)?;
            write_one(o, hash, &self.staging, &self.out, &self.previous)?;
        }
        self.note(o.path.clone(), len, hash);
        Ok(hash)
    }

    /// Whether the previous build's file at `path` is known, by the manifest, to be as it wrote
    /// it (or the staging folder holds it already).
    pub fn can_keep(&self, path: &Path) -> bool {
        let holds = |(len, hash)| self.holds(path, len, hash);
        self.previous.get(path).is_some_and(holds)
            || self.previous.vouches(path, &self.out.join(path)).is_some()
    }

    /// [`Stream::can_keep`], when the previous build's file at `path` has size `len` and hash
    /// `hash`.
    pub fn can_keep_as(&self, path: &Path, len: u64, hash: u128) -> bool {
        self.previous.get(path) == Some((len, hash)) && self.can_keep(path)
    }

    /// Takes `path` for one output: an error if another output took it already.
    fn claim(&self, path: &Path) -> io::Result<()> {
        let fresh = self
            .claimed
            .lock()
            .map_err(|_| io::Error::other("a writing thread panicked"))?
            .insert(path.to_path_buf());
        if fresh {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{}: written twice", path.display()),
            ))
        }
    }

    /// Clears the way for a new file at `path` in a staging folder that was the spare: the
    /// spare's file there goes; so does a folder of the spare there, unless an output was
    /// already written into it (then the write fails, as in a fresh folder).
    fn clear(&self, path: &Path) -> io::Result<()> {
        if self.spare.get(path).is_some() {
            return match std::fs::remove_file(self.staging.join(path)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        if self.spare.has_folder(path) && !self.claimed_under(path) {
            self.note_gone(path);
            remove_tree(&self.staging.join(path))?;
        }
        Ok(())
    }

    /// Whether an output was put inside folder `dir`.
    fn claimed_under(&self, dir: &Path) -> bool {
        self.claimed
            .lock()
            .map_or(true, |c| c.iter().any(|p| p != dir && p.starts_with(dir)))
    }

    /// Puts the previous build's file at `path` in the new site unchanged (hard-linked; copied
    /// where a link cannot be made; left alone where the staging folder holds it already),
    /// without reading it; see [`Stream::can_keep`].
    pub fn keep(&self, path: &Path) -> io::Result<u128> {
        let old = self.out.join(path);
        let Some((len, hash)) = self.previous.get(path) else {
            return Err(io::Error::other(format!(
                "{}: not in the previous build",
                path.display()
            )));
        };
        self.claim(path)?;
        if !self.holds(path, len, hash) {
            self.folder_of(path)?;
            self.clear(path)?;
            let dest = self.staging.join(path);
            if std::fs::hard_link(&old, &dest).is_err() {
                std::fs::copy(&old, &dest)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            }
        }
        self.note(path.to_path_buf(), len, hash);
        Ok(hash)
    }

    fn note(&self, path: PathBuf, len: u64, hash: u128) {
        if let Ok(mut w) = self.written.lock() {
            w.push(manifest::Entry { path, len, hash });
        }
    }

    fn folder_of(&self, path: &Path) -> io::Result<()> {
        let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(());
        };
        if self.made.lock().is_ok_and(|m| m.contains(parent)) {
            return Ok(());
        }
        if std::fs::create_dir_all(self.staging.join(parent)).is_err() {
            // A file of the spare where a folder goes now: it goes, unless an output took it.
            for above in parent.ancestors().filter(|a| self.spare.get(a).is_some()) {
                if self.claimed.lock().is_ok_and(|c| !c.contains(above)) {
                    self.note_gone(above);
                    let _ = std::fs::remove_file(self.staging.join(above));
                }
            }
            std::fs::create_dir_all(self.staging.join(parent))?;
        }
        if let Ok(mut m) = self.made.lock() {
            m.insert(parent.to_path_buf());
        }
        Ok(())
    }

    /// Every file is written: the files of the spare no output claimed are removed, with the
    /// folders they leave empty, and the staging folder is ready to be swapped in (on failure
    /// it is removed).
    pub fn finish(self) -> io::Result<Staged> {
        if let Err(e) = self.remove_unclaimed() {
            self.abandon();
            return Err(e);
        }
        Ok(Staged {
            staging: self.staging,
            out: self.out,
            files: self.written.into_inner().unwrap_or_default(),
        })
    }

    /// Removes the spare's files no output claimed, then the folders left empty, deepest first.
    fn remove_unclaimed(&self) -> io::Result<()> {
        let claimed = self
            .claimed
            .lock()
            .map_err(|_| io::Error::other("a writing thread panicked"))?;
        let stale: Vec<&Path> = self
            .spare
            .files()
            .filter(|p| !claimed.contains(*p))
            .collect();
        stale.par_iter().try_for_each(|p| {
            let at = self.staging.join(p);
            // A folder there now was made for an output's file; a file that is no longer there
            // went with the folder it was in, which is a file now.
            if at.symlink_metadata().is_ok_and(|m| m.is_dir()) {
                return Ok(());
            }
            match std::fs::remove_file(at) {
                Err(e)
                    if ![io::ErrorKind::NotFound, io::ErrorKind::NotADirectory]
                        .contains(&e.kind()) =>
                {
                    Err(e)
                }
                _ => Ok(()),
            }
        })?;
        let mut emptied: Vec<&Path> = stale
            .iter()
            .flat_map(|p| p.ancestors().skip(1))
            .filter(|a| !a.as_os_str().is_empty())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        emptied.sort_by_key(|a| std::cmp::Reverse(a.components().count()));
        for dir in emptied {
            // A folder still holding a file stays.
            let _ = std::fs::remove_dir(self.staging.join(dir));
        }
        Ok(())
    }

    /// The build failed: the staging folder goes, `out` stays as it was.
    pub fn abandon(self) {
        let _ = remove_tree(&self.staging);
    }
}

/// Writes `o`, whose hash is `hash`, into `dir`, hard-linked to a file of `previous` when
/// `manifest` vouches that file has the same content (no file of the previous build is read):
/// the one at its path, else one elsewhere (the search index's files move to a new folder
/// whenever the index changes, most of them the same).
fn write_one(
    o: &Output,
    hash: u128,
    dir: &Path,
    previous: &Path,
    manifest: &manifest::Manifest,
) -> io::Result<()> {
    let dest = dir.join(&o.path);
    let len = o.bytes.len() as u64;
    let at_path = manifest.get(&o.path) == Some((len, hash));
    let same = if at_path {
        Some(o.path.as_path())
    } else {
        manifest.path_of(len, hash)
    };
    let vouched = same.filter(|p| manifest.vouches(p, &previous.join(p)) == Some(hash));
    if vouched.is_some_and(|p| std::fs::hard_link(previous.join(p), &dest).is_ok()) {
        return Ok(());
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&dest)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", o.path.display())))?;
    file.write_all(&o.bytes)
}

/// Puts `staging` in place of `out`.
///
/// On Linux, an existing `out` is exchanged with `staging` in one `renameat2(RENAME_EXCHANGE)`:
/// at every moment `out` holds either the whole previous site or the whole new one; the previous
/// one is then kept as the [`spare`] (removed if it cannot be). Where the exchange is not available (another
/// platform, or a file system without it), `out` is renamed aside to `.<name>.old-<pid>` and
/// `staging` renamed into place; if that second rename fails the first is undone, and if the
/// process dies between the two, `out` is missing and the previous site is whole in
/// `.<name>.old-<pid>` beside it.
fn swap(staging: &Path, out: &Path) -> io::Result<()> {
    if out.symlink_metadata().is_err() {
        return std::fs::rename(staging, out);
    }
    if exchange(staging, out)? {
        spare::keep(out, staging);
        return Ok(());
    }
    let old = sibling(out, "old");
    if old.symlink_metadata().is_ok() {
        remove_tree(&old)?;
    }
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(e);
    }
    spare::keep(out, &old);
    Ok(())
}

/// Exchanges two paths atomically; `Ok(false)` when the platform or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP].contains(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Exchanges two paths atomically; `Ok(false)` when the platform or file system cannot.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Who makes an output file, for messages: its source file, or minh itself.
fn owner(source: Option<&Path>) -> crate::messages::Text {
    crate::catalogue::links::output_owner(source.map(|p| p.display().to_string()).as_deref())
}

/// Every output path has one owner: each path claimed by two sources (a static file, a generated
/// file, two pages, a page and a data file) is an error naming both. `outputs` are the files made
/// now; `generated` are further paths minh makes itself (site-wide files kept from a previous run).
pub fn check_owners(outputs: &[Output], generated: &[PathBuf]) -> Vec<Diagnostic> {
    let claims = outputs
        .iter()
        .map(|o| (o.path.as_path(), o.source.as_deref()))
        .chain(generated.iter().map(|p| (p.as_path(), None)));
    check_claims(claims)
}

/// [`check_owners`] over claims given as (output path, source), in the order they were made.
pub fn check_claims<'a>(
    claims: impl IntoIterator<Item = (&'a Path, Option<&'a Path>)>,
) -> Vec<Diagnostic> {
    let mut first: HashMap<&Path, Option<&Path>> = HashMap::new();
    let mut out = Vec::new();
    for (path, source) in claims {
        let Some(earlier) = first.get(path).copied() else {
            first.insert(path, source);
            continue;
        };
        let is_static = |s: Option<&Path>| s.is_some_and(|p| p.starts_with("static"));
        let file = source.or(earlier).unwrap_or(path);
        let static_owner = match (is_static(earlier), is_static(source)) {
            (_, true) => Some(owner(source)),
            (true, _) => Some(owner(earlier)),
            _ => None,
        };
        out.push(Diagnostic::error(
            file,
            crate::catalogue::links::output_collision(
                &path.display().to_string(),
                &owner(earlier),
                &owner(source),
                static_owner.as_ref(),
            ),
        ));
    }
    out
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
        for e in crate::walk::sorted(&dir) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn output(path: &str, text: &str) -> Output {
        Output {
            path: PathBuf::from(path),
            bytes: text.as_bytes().to_vec(),
            source: None,
        }
    }

    /// Every file under `dir` with its text, and every folder (as `path/`).
    fn tree(dir: &Path) -> BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.expect("walk"))
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .expect("under")
                    .display()
                    .to_string();
                if e.file_type().is_dir() {
                    (format!("{rel}/"), String::new())
                } else {
                    (rel, std::fs::read_to_string(e.path()).expect("read"))
                }
            })
            .collect()
    }

    fn expected(outputs: &[Output]) -> BTreeMap<String, String> {
        let mut t = BTreeMap::new();
        for o in outputs {
            for a in o
                .path
                .ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty())
            {
                t.insert(format!("{}/", a.display()), String::new());
            }
            let text = String::from_utf8(o.bytes.clone()).expect("utf-8");
            t.insert(o.path.display().to_string(), text);
        }
        t
    }

    /// Writes `outputs` into `out` and checks it holds them and nothing else; whether the
    /// staging folder was the spare.
    fn write_checked(outputs: &[Output], out: &Path) -> bool {
        let stream = Stream::start(out).expect("start");
        let from_spare = stream.from_spare();
        for o in outputs {
            stream.put(o.clone()).written.expect("put");
        }
        stream.finish().expect("finish").swap().expect("swap");
        assert_eq!(tree(out), expected(outputs));
        from_spare
    }

    #[test]
    fn the_site_before_is_made_into_the_next_one_and_nothing_else_stays() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        let one = [
            output("index.html", "home 1"),
            output("vi/a/index.html", "a 1"),
            output("vi/b/index.html", "b 1"),
            output("vi/deep/c/index.html", "c 1"),
            output("about", "a file where a folder goes later"),
            output("x/index.html", "a folder where a file goes later"),
        ];
        assert!(!write_checked(&one, &out), "no spare for the first site");
        assert!(
            !spare::folder(&out).exists(),
            "nothing to keep: no site before"
        );
        let two = [
            output("index.html", "home 2"),
            output("vi/a/index.html", "a 1"),
            output("vi/b/index.html", "b 2"),
            output("about", "a file where a folder goes later"),
            output("x/index.html", "a folder where a file goes later"),
        ];
        assert!(
            !write_checked(&two, &out),
            "the first site was in place, not spare"
        );
        assert_eq!(
            tree(&spare::folder(&out)),
            expected(&one),
            "the first site kept"
        );
        // Made from the first site: a page gone (with its folders), one changed back, one
        // new, a file become a folder and a folder become a file.
        let three = [
            output("index.html", "home 3"),
            output("vi/a/index.html", "a 1"),
            output("vi/b/index.html", "b 1"),
            output("vi/new/index.html", "new"),
            output("about/index.html", "now a folder"),
            output("x", "now a file"),
        ];
        assert!(write_checked(&three, &out), "made from the spare");
        assert_eq!(
            tree(&spare::folder(&out)),
            expected(&two),
            "the second site kept"
        );
        assert!(write_checked(&one, &out), "and back");
    }

    #[test]
    fn a_file_and_a_folder_of_one_name_fail_as_in_a_fresh_folder() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        let both = [output("a/b", "in a folder"), output("a", "a file")];
        let fresh = tmp.path().join("fresh");
        assert!(
            write(&both, &fresh).is_err(),
            "a fresh folder cannot hold both"
        );
        // The spare holds one of them; the other, put first, removes it (a file where its
        // folder was, or a folder where it was): it is not taken as there afterwards.
        for (one, two) in [(&both[0], &both[1]), (&both[1], &both[0])] {
            write_checked(&[one.clone(), output("x", "1")], &out);
            write_checked(&[two.clone(), output("x", "2")], &out);
            let stream = Stream::start(&out).expect("start");
            assert_eq!(
                stream.spare.get(&one.path).map(|(len, _)| len),
                Some(one.bytes.len() as u64)
            );
            let puts: Vec<io::Result<u128>> = [two, one]
                .iter()
                .map(|o| stream.put((*o).clone()).written)
                .collect();
            assert!(puts.iter().any(Result::is_err), "{puts:?}");
            stream.abandon();
            std::fs::remove_dir_all(&out).expect("rm");
            std::fs::remove_dir_all(spare::folder(&out)).ok();
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_the_last_build_wrote_elsewhere_is_linked_not_written() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        let ino = |p: &Path| std::fs::metadata(p).expect("meta").ino();
        write_checked(&[output("search/v1/s.json", "shard")], &out);
        let old = ino(&out.join("search/v1/s.json"));
        write_checked(&[output("search/v2/s.json", "shard")], &out);
        assert_eq!(ino(&out.join("search/v2/s.json")), old, "linked");
        write_checked(&[output("search/v3/s.json", "other")], &out);
        assert_ne!(ino(&out.join("search/v3/s.json")), old, "written");
    }

    #[test]
    fn a_spare_touched_by_hand_is_not_used() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        let one = [
            output("vi/a/index.html", "a"),
            output("vi/b/index.html", "b"),
        ];
        let two = [
            output("vi/a/index.html", "a"),
            output("vi/b/index.html", "b 2"),
        ];
        write_checked(&one, &out);
        // A file added by hand deep in the site in place, which becomes the spare.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("vi/a/stray.html"), "by hand").expect("stray");
        write_checked(&two, &out);
        assert!(
            !write_checked(&one, &out),
            "a folder changed since: not used"
        );
        // A file changed in place (shared by the site in place and the spare) after the swap.
        write_checked(&two, &out);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("vi/a/index.html"), "A").expect("edit");
        assert!(!write_checked(&one, &out), "a file changed since: not used");
        // Untouched: used.
        write_checked(&two, &out);
        assert!(write_checked(&one, &out), "used");
    }
}
