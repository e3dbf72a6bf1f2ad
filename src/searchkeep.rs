//! The search index's per-document work kept beside the output folder from one `minh build` to the next.
//!
//! The file is `.<output name>.minh-search` (`.public.minh-search`): a first line
//! `minh-search 2 <version> <program>`, then for each language a line `<code> <length> <hash>`
//! (hex, fixed width) followed by `length` bytes of its [`Reuse::save`]: each document's
//! reading, excerpts and answer scan, the tokenizer and the postings; and a line
//! `<code>+files <length> <hash>` followed by the [`Made`] record of its index: the key of its
//! inputs, every file's path, size and hash, and its manifest. A build whose documents and places
//! for a language have that key keeps the index's files as they are in the output (linked, never
//! read) and copies both parts over without reading them ([`SearchKeep::carry`]); otherwise it
//! takes the language's work ([`SearchKeep::take`]) and reads again only the documents changed
//! since; the files are those of a fresh build either way. A file of another program (version,
//! build of minh), or a part whose length or hash does not match, is not used: the index is then
//! made from scratch. The new parts are written into a temporary file beside it while the build
//! runs, put in place once the new output is ([`keep`]). The file holds the site's public text
//! only.

use crate::lang::Lang;
use crate::write::manifest::Entry;
use minh_search::stored::Reuse;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::fs::File;
use std::hash::Hasher;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The file beside `out` holding the search work of the build in it.
pub fn path(out: &Path) -> PathBuf {
    crate::write::beside(out, "search")
}

/// The first line of a file this program writes.
fn head() -> String {
    format!(
        "minh-search 2 {} {}\n",
        env!("CARGO_PKG_VERSION"),
        crate::stamp::program_identity()
    )
}

/// The line before a language's part: its code, length and hash (fixed width, so that it is
/// written again in place once the part is).
fn part_line(code: &str, len: u64, sum: u128) -> String {
    format!("{code} {len:016x} {sum:032x}\n")
}

/// Whether `MINH_SEARCH_TIMINGS` asks for the timings.
fn timed() -> bool {
    std::env::var_os("MINH_SEARCH_TIMINGS").is_some()
}

/// One part of a kept file: where its bytes start, their length and hash.
#[derive(Clone)]
struct Part {
    code: String,
    at: u64,
    len: u64,
    sum: u128,
}

/// The parts of the kept file at `path`, if this program wrote it.
fn parts_of(path: &Path) -> Option<Vec<Part>> {
    let mut file = BufReader::new(File::open(path).ok()?);
    let size = file.get_ref().metadata().ok()?.len();
    let mut line = String::new();
    file.read_line(&mut line).ok()?;
    if line != head() {
        return None;
    }
    let mut parts = Vec::new();
    loop {
        line.clear();
        if file.read_line(&mut line).ok()? == 0 {
            break;
        }
        let part = Part::parse(&line, file.stream_position().ok()?)?;
        if part.at + part.len > size {
            return None;
        }
        file.seek_relative(i64::try_from(part.len).ok()?).ok()?;
        parts.push(part);
    }
    Some(parts)
}

impl Part {
    /// Whether the bytes of this part of the file at `path` are whole: their length and hash.
    fn whole(&self, path: &Path) -> Option<File> {
        let mut file = File::open(path).ok()?;
        file.seek(SeekFrom::Start(self.at)).ok()?;
        let mut sum = Summing {
            w: std::io::sink(),
            h: SipHasher13::new(),
            n: 0,
        };
        std::io::copy(&mut (&mut file).take(self.len), &mut sum).ok()?;
        ((sum.n, sum.h.finish128().into()) == (self.len, self.sum)).then_some(file)
    }

    /// The work this part of the file at `path` holds, if it is whole; `None` as soon as `stop`
    /// is set (the work is not needed after all).
    fn load(&self, path: &Path, stop: &AtomicBool) -> Option<Reuse> {
        let t = Instant::now();
        let mut file = Stoppable {
            r: self.whole(path)?,
            stop,
        };
        // Read again (from the page cache) rather than held: the part whole was as much again
        // as the build's other memory at that point.
        file.r.seek(SeekFrom::Start(self.at)).ok()?;
        let reuse = Reuse::load(BufReader::with_capacity(
            1 << 16,
            (&mut file).take(self.len),
        ));
        if timed() {
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let mb = self.len as f64 / 1e6;
            eprintln!("search state {}: read {mb:.1} MB in {ms:.0} ms", self.code);
        }
        reuse
    }

    /// The part named by `line` (see [`part_line`]), its bytes starting at `at`.
    fn parse(line: &str, at: u64) -> Option<Part> {
        let mut f = line.strip_suffix('\n')?.split(' ');
        let code = f.next()?.to_string();
        let len = u64::from_str_radix(f.next()?, 16).ok()?;
        let sum = u128::from_str_radix(f.next()?, 16).ok()?;
        f.next().is_none().then_some(Part { code, at, len, sum })
    }
}

/// A reader that fails once `stop` is set.
struct Stoppable<'a, R> {
    r: R,
    stop: &'a AtomicBool,
}

impl<R: Read> Read for Stoppable<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("not needed"));
        }
        self.r.read(buf)
    }
}

/// What a language's index was made of and what it made: the record kept beside its work, so
/// that a build whose inputs have the same key keeps the files as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// [`minh_search::stored::inputs_key`] of its documents and places.
    pub key: u128,
    /// Every file of the index: its path in the output, size and hash
    /// ([`crate::render::offline::file_hash`]).
    pub files: Vec<Entry>,
    /// The index's manifest, which the search page carries.
    pub manifest: Vec<u8>,
}

impl Made {
    /// The record as written: the key, the number of files, one line per file (`<hash> <size>
    /// <path>`), then the manifest's bytes.
    fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        writeln!(w, "{:032x}\n{}", self.key, self.files.len())?;
        for Entry { path, len, hash } in &self.files {
            writeln!(w, "{hash:032x} {len} {}", path.display())?;
        }
        w.write_all(&self.manifest)
    }

    /// The record [`Made::write`] wrote, from its bytes.
    fn parse(bytes: &[u8]) -> Option<Made> {
        let mut lines = bytes.splitn(3, |&b| b == b'\n');
        fn text(b: Option<&[u8]>) -> Option<&str> {
            std::str::from_utf8(b?).ok()
        }
        let key = u128::from_str_radix(text(lines.next())?, 16).ok()?;
        let n: usize = text(lines.next())?.parse().ok()?;
        let mut rest = lines.next()?;
        let mut files = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let end = rest.iter().position(|&b| b == b'\n')?;
            let mut f = std::str::from_utf8(&rest[..end]).ok()?.splitn(3, ' ');
            let hash = u128::from_str_radix(f.next()?, 16).ok()?;
            let len = f.next()?.parse().ok()?;
            let path = PathBuf::from(f.next()?);
            files.push(Entry { path, len, hash });
            rest = &rest[end + 1..];
        }
        Some(Made {
            key,
            files,
            manifest: rest.to_vec(),
        })
    }
}

/// The code of the part holding the [`Made`] record of language `code`'s index.
fn made_code(code: &str) -> String {
    format!("{code}+files")
}

/// A writer that counts and hashes what goes through it.
struct Summing<W> {
    w: W,
    h: SipHasher13,
    n: u64,
}

impl<W: Write> Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let k = self.w.write(buf)?;
        self.h.write(&buf[..k]);
        self.n += k as u64;
        Ok(k)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// What a build keeps for the next, in a temporary file beside the output folder until
/// [`keep`] puts it in place; removed if dropped before.
pub struct Pending {
    tmp: PathBuf,
    file: Option<BufWriter<File>>,
    /// The parts written, by code.
    written: Vec<String>,
}

impl Pending {
    /// A new temporary file for the kept work of a build into `out`.
    fn create(out: &Path) -> Option<Pending> {
        let tmp = crate::write::beside(out, &format!("search.tmp-{}", std::process::id()));
        let mut file = BufWriter::new(File::create(&tmp).ok()?);
        let mut pending = Pending {
            tmp,
            file: None,
            written: Vec::new(),
        };
        file.write_all(head().as_bytes()).ok()?;
        pending.file = Some(file);
        Some(pending)
    }

    /// Appends the part `code` (a language's work, or its [`Made`] record), what `write` writes.
    fn put(&mut self, code: &str, write: Write_) -> std::io::Result<u64> {
        let file = self.file.as_mut().ok_or(std::io::ErrorKind::NotFound)?;
        let line_at = file.stream_position()?;
        file.write_all(part_line(code, 0, 0).as_bytes())?;
        // Buffered before the hash: bincode writes each number on its own.
        let mut w = BufWriter::with_capacity(
            1 << 16,
            Summing {
                w: &mut *file,
                h: SipHasher13::new(),
                n: 0,
            },
        );
        write(&mut w)?;
        let w = w.into_inner().map_err(|e| e.into_error())?;
        let (len, sum) = (w.n, w.h.finish128().into());
        let end = file.stream_position()?;
        file.seek(SeekFrom::Start(line_at))?;
        file.write_all(part_line(code, len, sum).as_bytes())?;
        file.seek(SeekFrom::Start(end))?;
        self.written.push(code.to_string());
        Ok(len)
    }

    /// Appends `part` of the file at `from` as it is, checking its hash on the way.
    fn put_raw(&mut self, part: &Part, from: &Path) -> std::io::Result<()> {
        let file = self.file.as_mut().ok_or(std::io::ErrorKind::NotFound)?;
        file.write_all(part_line(&part.code, part.len, part.sum).as_bytes())?;
        let mut old = File::open(from)?;
        old.seek(SeekFrom::Start(part.at))?;
        let mut sum = Summing {
            w: &mut *file,
            h: SipHasher13::new(),
            n: 0,
        };
        std::io::copy(&mut old.take(part.len), &mut sum)?;
        if (sum.n, sum.h.finish128().into()) != (part.len, part.sum) {
            return Err(std::io::Error::other("the kept part changed"));
        }
        self.written.push(part.code.clone());
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.file = None;
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// The search work of one build: what the build before kept (each language's part read when
/// its index is made) and what this one keeps for the next.
pub struct SearchKeep {
    /// Each language's work kept by the build before: one read ahead on a thread of its own
    /// from the start (the edited page's language: while the site loads), the others when their
    /// index is made (after the one before let its work go: no more in
    /// memory at once than a build without them).
    found: Mutex<Vec<(String, Loading)>>,
    /// Every part of the kept file, to copy over as it is ([`SearchKeep::carry`]).
    parts: Vec<Part>,
    /// The kept file.
    file: PathBuf,
    pending: Arc<Mutex<Option<Pending>>>,
    /// Whether this build keeps only each index's [`Made`] record, not its work: a first build,
    /// whose memory and time stay those of a build keeping nothing.
    records_only: bool,
}

/// A part being read (stopped once its flag is set), or to read.
enum Loading {
    Now(std::thread::JoinHandle<Option<Reuse>>, Arc<AtomicBool>),
    Later(Part, PathBuf),
}

impl Loading {
    /// The work of the part, once read.
    fn take(self) -> Option<Reuse> {
        match self {
            Loading::Now(thread, _) => thread.join().ok().flatten(),
            Loading::Later(part, file) => part.load(&file, &AtomicBool::new(false)),
        }
    }

    /// Stops reading the part: its work is not needed.
    fn stop(self) {
        if let Loading::Now(_, stop) = self {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

impl Drop for SearchKeep {
    /// Stops reading ahead: nothing will take it (the build failed, or made every index).
    fn drop(&mut self) {
        for (_, loading) in lock(&self.found).drain(..) {
            loading.stop();
        }
    }
}

/// What writes one language's part ([`minh_search::Sink`]).
type Write_<'a> = &'a mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

/// `m` locked, even if a thread panicked holding it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl SearchKeep {
    /// The work kept beside `out`, and a new temporary file for this build's.
    pub fn open(out: &Path) -> SearchKeep {
        Self::open_ahead(out, None)
    }

    /// [`SearchKeep::open`], reading ahead the work of language `ahead` (if the file has it; else
    /// the first language's), the one the build will most likely need.
    pub fn open_ahead(out: &Path, ahead: Option<&str>) -> SearchKeep {
        let file = path(out);
        let parts = parts_of(&file).unwrap_or_default();
        let works = parts.iter().filter(|p| !p.code.contains('+'));
        let first = (works.clone())
            .position(|p| Some(p.code.as_str()) == ahead)
            .unwrap_or(0);
        let load = |(i, part): (usize, Part)| {
            let (code, file) = (part.code.clone(), file.clone());
            let loading = if i == first {
                let stop = Arc::new(AtomicBool::new(false));
                let flag = Arc::clone(&stop);
                let thread = std::thread::spawn(move || part.load(&file, &flag));
                Loading::Now(thread, stop)
            } else {
                Loading::Later(part, file)
            };
            (code, loading)
        };
        SearchKeep {
            found: Mutex::new(works.cloned().enumerate().map(load).collect()),
            parts,
            file,
            pending: Arc::new(Mutex::new(Pending::create(out))),
            records_only: false,
        }
    }

    /// What a first build keeps: each index's [`Made`] record alone, nothing read (so that the
    /// next build keeps the index of a language no edit touched as it is, and makes the others
    /// from scratch).
    pub fn records_only(out: &Path) -> SearchKeep {
        SearchKeep {
            found: Mutex::new(Vec::new()),
            parts: Vec::new(),
            file: path(out),
            pending: Arc::new(Mutex::new(Pending::create(out))),
            records_only: true,
        }
    }

    /// Whether this build keeps the [`Made`] records alone ([`SearchKeep::records_only`]).
    pub fn keeps_records_only(&self) -> bool {
        self.records_only
    }

    /// The part named `code`, if the kept file has it.
    fn part(&self, code: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.code == code)
    }

    /// What the index of `lang` was made of and made in the build before, if its inputs had the
    /// key `key` ([`minh_search::stored::inputs_key`]): then its files are those this build would
    /// make.
    pub fn same(&self, lang: Lang, key: u128) -> Option<Made> {
        let part = self.part(&made_code(lang.code()))?;
        let mut file = part.whole(&self.file)?;
        file.seek(SeekFrom::Start(part.at)).ok()?;
        let mut bytes = Vec::new();
        file.take(part.len).read_to_end(&mut bytes).ok()?;
        Made::parse(&bytes).filter(|m| m.key == key)
    }

    /// Keeps what the build before kept for `lang` (its work, if it kept it, and its [`Made`]
    /// record) for the next build as it is, without reading it: this build keeps the index's
    /// files unchanged.
    pub fn carry(&self, lang: Lang) {
        let t = Instant::now();
        let mut found = lock(&self.found);
        if let Some(i) = found.iter().position(|(code, _)| code == lang.code()) {
            found.swap_remove(i).1.stop();
        }
        drop(found);
        let mut pending = lock(&self.pending);
        let Some(p) = pending.as_mut() else {
            return;
        };
        // The work is there unless a first build made the index (it keeps the record alone).
        let work = self.part(lang.code()).into_iter();
        let record = self.part(&made_code(lang.code()));
        let copied = (work.chain(record)).try_for_each(|part| p.put_raw(part, &self.file));
        match copied {
            Ok(()) if timed() => eprintln!(
                "search state {}: the same inputs, files kept and work carried over in {:.0} ms",
                lang.code(),
                t.elapsed().as_secs_f64() * 1000.0
            ),
            Ok(()) => {}
            Err(_) => *pending = None,
        }
    }

    /// Records what the index of `lang` was made of and made, for the next build (on a write
    /// error, nothing is kept).
    pub fn made_files(&self, lang: Lang, made: &Made) {
        let mut pending = lock(&self.pending);
        let Some(p) = pending.as_mut() else {
            return;
        };
        if p.put(&made_code(lang.code()), &mut |w| made.write(w))
            .is_err()
        {
            *pending = None;
        }
    }

    /// The work kept for the index of `lang` (none if there is no usable part for it), lean
    /// ([`Reuse::lean`]), its build writing its own into this build's file as soon as its
    /// postings are made.
    pub fn take(&self, lang: Lang) -> Reuse {
        let t = Instant::now();
        let mut found = lock(&self.found);
        let at = found.iter().position(|(code, _)| code == lang.code());
        let loading = at.map(|i| found.swap_remove(i).1);
        drop(found);
        let reuse = loading.and_then(Loading::take);
        if timed() {
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let what = if reuse.is_some() { "loaded" } else { "none" };
            eprintln!("search state {}: {what}, waited {ms:.0} ms", lang.code());
        }
        let mut reuse = reuse.unwrap_or_else(Reuse::lean);
        reuse.write_into(self.sink(lang));
        reuse
    }

    /// What writes the part of `lang` into this build's file (on a write error, nothing is
    /// kept).
    fn sink(&self, lang: Lang) -> minh_search::Sink {
        let pending = Arc::clone(&self.pending);
        Box::new(move |write| {
            let t = Instant::now();
            let mut pending = lock(&pending);
            let Some(p) = pending.as_mut() else {
                return;
            };
            match p.put(lang.code(), write) {
                Ok(len) if timed() => eprintln!(
                    "search state {}: saved {:.1} MB, {:.0} ms",
                    lang.code(),
                    len as f64 / 1e6,
                    t.elapsed().as_secs_f64() * 1000.0
                ),
                Ok(_) => {}
                Err(_) => *pending = None,
            }
        })
    }

    /// Once the index of `lang` is made: if its part was not written, nothing is kept.
    pub fn made(&self, lang: Lang) {
        let mut pending = lock(&self.pending);
        if pending
            .as_ref()
            .is_some_and(|p| !p.written.iter().any(|c| c == lang.code()))
        {
            *pending = None;
        }
    }

    /// What this build keeps, to put in place beside the output once the output is ([`keep`]).
    pub fn finish(self) -> Option<Pending> {
        let mut pending = lock(&self.pending).take()?;
        pending.file.take()?.into_inner().ok()?;
        Some(pending)
    }
}

/// The parts of the file kept beside the output folder `out`, by code (`vi`, the work of the
/// Vietnamese index; `vi+files`, its [`Made`] record), in order; none if it is not usable.
pub fn parts_kept(out: &Path) -> Vec<String> {
    parts_of(&path(out)).map_or_else(Vec::new, |p| p.into_iter().map(|p| p.code).collect())
}

/// Puts `pending` in place beside the output folder `out` (now holding the build it was made
/// with), or, without one, removes the file kept there.
pub fn keep(out: &Path, pending: Option<Pending>) {
    let file = path(out);
    let Some(pending) = pending else {
        let _ = std::fs::remove_file(&file);
        return;
    };
    if std::fs::rename(&pending.tmp, &file).is_err() {
        let _ = std::fs::remove_file(&file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minh_search::{Doc, Field, IndexFile, Places};

    fn docs(edit: &str) -> Vec<Doc<'static>> {
        (0..24)
            .map(|i| Doc {
                url: format!("/p/{i}/"),
                title: format!("Cai nghiện ma túy {i}"),
                kind: ["page", "plan", "provider"][i % 3].to_string(),
                fields: vec![(
                    Field::Body,
                    format!("Cai nghiện tự nguyện tại cơ sở {edit}. ")
                        .repeat(1 + i % 5)
                        .into(),
                )],
            })
            .collect()
    }

    /// The index of `docs` in Vietnamese made from the work `keep` kept, keeping its own; with
    /// whether any was taken.
    fn built(keep: &SearchKeep, docs: &[Doc]) -> (Vec<IndexFile>, bool) {
        let lang = Lang::bare("vi").unwrap();
        let parts = keep.found.lock().unwrap().len();
        let mut reuse = keep.take(lang);
        let files = minh_search::stored::build_reusing(
            minh_search::Lang::Vi,
            docs,
            &Places::default(),
            &mut reuse,
        );
        keep.made(lang);
        (files, parts > 0)
    }

    fn fresh(docs: &[Doc]) -> Vec<IndexFile> {
        minh_search::stored::build(minh_search::Lang::Vi, docs, &Places::default())
    }

    /// A build keeps its work beside the output once put in place, the next one takes it: the
    /// files of a fresh build. A build whose work is not put in place leaves no file.
    #[test]
    fn the_work_kept_beside_the_output_is_taken_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let keep_1 = SearchKeep::open(&out);
        assert_eq!(built(&keep_1, &docs("a")), (fresh(&docs("a")), false));
        keep(&out, keep_1.finish());
        let keep_2 = SearchKeep::open(&out);
        assert_eq!(built(&keep_2, &docs("b")), (fresh(&docs("b")), true));
        drop(keep_2.finish());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the kept file alone: {names:?}");
        keep(&out, None);
        assert!(!path(&out).exists(), "no work kept, no file");
    }

    /// The record of an index is found by the key of its inputs only, and carried over as it
    /// is with the work beside it: the build after finds both again.
    #[test]
    fn the_record_of_the_same_inputs_is_found_and_carried_over_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let vi = Lang::bare("vi").unwrap();
        let first = SearchKeep::open(&out);
        built(&first, &docs("a"));
        let made = Made {
            key: 7,
            files: vec![
                Entry {
                    path: PathBuf::from("search/vi/manifest.json"),
                    len: 21,
                    hash: 1,
                },
                Entry {
                    path: PathBuf::from("search/vi/a b/0.json.gz"),
                    len: 12,
                    hash: u128::MAX,
                },
            ],
            manifest: b"{\"z\":\".gz\"}\n\n{}".to_vec(),
        };
        first.made_files(vi, &made);
        keep(&out, first.finish());
        let second = SearchKeep::open(&out);
        assert_eq!(second.same(vi, 8), None, "another key");
        assert_eq!(second.same(Lang::bare("en").unwrap(), 7), None);
        assert_eq!(second.same(vi, 7).as_ref(), Some(&made));
        second.carry(vi);
        second.made(vi);
        keep(&out, second.finish());
        let third = SearchKeep::open(&out);
        assert_eq!(third.same(vi, 7), Some(made));
        assert_eq!(built(&third, &docs("b")), (fresh(&docs("b")), true));
    }

    /// A file of another program, cut, with a part changed, or of anything else is not taken:
    /// the index is made afresh, the same files.
    #[test]
    fn a_foreign_or_damaged_file_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = SearchKeep::open(&out);
        built(&first, &docs("a"));
        keep(&out, first.finish());
        let good = std::fs::read(path(&out)).unwrap();
        let text = String::from_utf8_lossy(&good).into_owned();
        let head = head();
        let other = head.replacen(env!("CARGO_PKG_VERSION"), "0.0.9", 1);
        let mut changed = good.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        let damaged: [(&str, Vec<u8>); 5] = [
            (
                "another program",
                [other.as_bytes(), &good[head.len()..]].concat(),
            ),
            ("cut", good[..good.len() - 3].to_vec()),
            ("a byte changed", changed),
            ("no parts", head.as_bytes().to_vec()),
            ("anything else", text.replace("minh", "mihn").into_bytes()),
        ];
        for (what, bytes) in damaged {
            std::fs::write(path(&out), bytes).unwrap();
            let keep = SearchKeep::open(&out);
            let reuse = keep.take(Lang::bare("vi").unwrap());
            let mut again = Vec::new();
            reuse.save(&mut again).unwrap();
            assert_eq!(again, [0], "{what}: nothing taken");
            let (files, _) = built(&keep, &docs("b"));
            assert!(files == fresh(&docs("b")), "{what}");
        }
    }
}
