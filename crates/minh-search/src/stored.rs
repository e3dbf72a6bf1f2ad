//! Index files as stored on disk: every shard and store gzip-compressed, the manifest plain.
//!
//! [`build`] gives the files of [`crate::build_index_with`] as a site publishes them: each file
//! but `manifest.json` as `<path>.gz` (libdeflate's gzip at level 6, deterministic bytes: no name, no
//! time), the manifest naming `"z":".gz"`, the suffix the client appends to every other path.
//! Static hosts serve `.gz` files as they are (no `Content-Encoding`), so the browser receives
//! the compressed bytes and inflates them with `DecompressionStream('gzip')`; a host that does
//! add `Content-Encoding: gzip` hands the client plain JSON, which it recognises by the missing
//! gzip magic bytes. [`read`] gives a file's JSON bytes back from either form.

use crate::{Doc, IndexFile, Lang, Places};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Read, Write};

/// The suffix of every stored file but the manifest (written into the manifest as `"z"`).
pub const SUFFIX: &str = ".gz";
/// The one file stored plain.
const MANIFEST: &str = "manifest.json";
/// gzip level. On the 1 000-page corpus (vi, 12.0 MB of JSON when every bigram in 2 % of the
/// documents had an answer): level 1 (zlib-rs's quick mode, fixed Huffman codes) 5.2 MB, level 2
/// 3.8 MB, 4: 3.4 MB, 6: 3.3 MB at about twice level 2's CPU. With answers only for the site's
/// phrases the index holds a third of those bytes, and level 6 costs less than level 2 did then
/// (both languages at 1 000 pages: level 2 2.65 MB, 6: 2.29 MB, 9: 2.28 MB). libdeflate (whole
/// buffers, no streaming) at level 6 writes 2 % fewer bytes than zlib-rs at 6 with a fifth fewer
/// instructions (vi, 1 000 pages: zlib-rs 6 916 KB; libdeflate 4 930 KB, 5 907 KB, 6 896 KB,
/// 8 885 KB at twice the CPU of 6).
const LEVEL: i32 = 6;

/// The index of one language as a site publishes it: shards and stores gzip-compressed under
/// `<path>.gz`, the manifest (revalidated on every visit, read first) plain, naming the suffix
/// (`"z":".gz"`) from its own writer.
pub fn build(lang: Lang, docs: &[Doc], places: &Places) -> Vec<IndexFile> {
    build_unpacked(lang, docs, places).pack()
}

/// [`build`]'s files before they are compressed ([`Unpacked::pack`]).
pub fn build_unpacked(lang: Lang, docs: &[Doc], places: &Places) -> Unpacked {
    Unpacked::to_pack(crate::index::build_files(lang, docs, places, SUFFIX))
}

/// The files of an index, those to compress not compressed yet: its manifest, stored plain, is
/// final already ([`Unpacked::manifest`]), so a build can write the page that carries it, and
/// go on to the next index, while another thread compresses these ([`Unpacked::pack`]).
pub struct Unpacked {
    files: Vec<IndexFile>,
    /// Whether every file is as stored already (taken from the build before, or compressed
    /// with what it kept).
    packed: bool,
}

impl Unpacked {
    /// Files as [`crate::index::build_files`] makes them, each but the manifest to compress.
    fn to_pack(files: Vec<IndexFile>) -> Unpacked {
        Unpacked {
            files,
            packed: false,
        }
    }

    /// Files as stored already.
    fn packed(files: Vec<IndexFile>) -> Unpacked {
        Unpacked {
            files,
            packed: true,
        }
    }

    /// The manifest's bytes, as stored (plain), if the index has one.
    pub fn manifest(&self) -> Option<&[u8]> {
        let manifest = self.files.iter().find(|f| f.path == MANIFEST);
        manifest.map(|f| f.bytes.as_slice())
    }

    /// The files as stored: each but the manifest gzip-compressed, as [`build`] gives them.
    pub fn pack(self) -> Vec<IndexFile> {
        if self.packed {
            return self.files;
        }
        compress(self.files, None)
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }
}

/// The key of everything the index of `lang` is made of: its language, every document's key in
/// order and its place table (a 128-bit XXH3: two builds of one program whose keys are equal
/// make the same files, unless two different sets of inputs share a key, which is as rare as two
/// random 128-bit numbers being equal).
pub fn inputs_key(lang: Lang, docs: &[Doc], places: &Places) -> u128 {
    use std::hash::Hash;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    Inputs::of(lang, &crate::kept::keys(docs), places).hash(&mut h);
    h.digest128()
}

/// [`build`], taking the gzip bytes of a file whose JSON the build before (through the same
/// `reuse`) made already from there instead of compressing it again: after an edit of one page
/// most stores and many shards are the same, and gzip is a tenth to a fifth of the index's CPU.
/// The work done for each document (its reading, excerpts, store record) is taken from there
/// too when the document is unchanged ([`crate::kept`]). `reuse` keeps only this build's files
/// and documents afterwards, so it never holds more than one index's worth; a lean one
/// ([`Reuse::lean`]) keeps no files.
pub fn build_reusing(
    lang: Lang,
    docs: &[Doc],
    places: &Places,
    reuse: &mut Reuse,
) -> Vec<IndexFile> {
    build_reusing_unpacked(lang, docs, places, reuse).pack()
}

/// [`build_reusing`]'s files, those of a lean `reuse` ([`Reuse::lean`]), which keeps no files,
/// not compressed yet ([`Unpacked::pack`]); the others are compressed here, with what `reuse`
/// kept.
pub fn build_reusing_unpacked(
    lang: Lang,
    docs: &[Doc],
    places: &Places,
    reuse: &mut Reuse,
) -> Unpacked {
    let keys = crate::kept::keys(docs);
    let inputs = Inputs::of(lang, &keys, places);
    reuse.taken = false;
    if let Some(files) = reuse.same(&inputs) {
        reuse.taken = true;
        return Unpacked::packed(files);
    }
    reuse.kept.expect(keys);
    let files = crate::index::build_files_reading(lang, docs, places, SUFFIX, &mut reuse.kept);
    if reuse.kept.is_lean() {
        // Nothing kept of the files: each compressed as it is (no hash of its JSON, no copy).
        return Unpacked::to_pack(files);
    }
    Unpacked::packed(compress_reusing(lang, files, reuse, inputs))
}

/// `files` compressed, each whose JSON the build before through `reuse` made taken from there;
/// `reuse` keeps these, made of `inputs`.
fn compress_reusing(
    lang: Lang,
    files: Vec<IndexFile>,
    reuse: &mut Reuse,
    inputs: Inputs,
) -> Vec<IndexFile> {
    let t = std::time::Instant::now();
    let made = compress(files, Some(&reuse.gzipped));
    if std::env::var_os("MINH_SEARCH_TIMINGS").is_some() {
        let fresh = (made.iter())
            .filter(|(_, k)| k.is_some_and(|k| !reuse.gzipped.contains_key(&k)))
            .count();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        eprintln!(
            "index {}: gzip {ms:.0} ms, {fresh} of {} files compressed",
            lang.code(),
            made.len()
        );
    }
    let mut files = Vec::with_capacity(made.len());
    let mut listed = Vec::with_capacity(made.len());
    reuse.gzipped.clear();
    for (f, key) in made {
        match key {
            Some(key) => {
                reuse.gzipped.insert(key, f.bytes.clone());
                listed.push((f.path.clone(), Err(key)));
            }
            None => listed.push((f.path.clone(), Ok(f.bytes.clone()))),
        }
        files.push(f);
    }
    reuse.last = Some((inputs, listed));
    files
}

/// What the latest build leaves the next ([`build_reusing`]): the gzip bytes of its files, by
/// their JSON, and the work it did for each document ([`crate::kept`]).
#[derive(Default)]
pub struct Reuse {
    gzipped: HashMap<Json, Vec<u8>>,
    pub(crate) kept: crate::kept::Kept,
    /// What the latest build was made of, and its files.
    last: Option<(Inputs, Listed)>,
    /// Whether the latest build's files were those of the build before, its inputs the same.
    pub(crate) taken: bool,
}

impl Reuse {
    /// Writes the work the latest build did for each document ([`crate::kept`]) to `w`, for
    /// the next build of another process ([`Reuse::load`]); not the files' gzip bytes, which
    /// that build makes again.
    pub fn save(&self, w: &mut impl Write) -> std::io::Result<()> {
        self.kept.save(w)
    }

    /// What [`Reuse::save`] wrote, read from `r` (written by this very program: another's
    /// readings may differ; checked whole beforehand, as a damaged length could ask for any
    /// amount of memory), for a build that then reads only the documents changed since; None if
    /// what `r` gives is not all of such work.
    pub fn load(r: impl Read) -> Option<Reuse> {
        let kept = crate::kept::Kept::load(r)?;
        Some(Reuse {
            kept,
            ..Reuse::default()
        })
    }

    /// Has the next build write its work into `sink` (the bytes [`Reuse::save`] would write
    /// after it) as soon as its postings are made, and keep none: a lean build's readings are
    /// then let go before its peak ([`Reuse::lean`]).
    pub fn write_into(&mut self, sink: crate::kept::Sink) {
        self.kept.write_into(sink);
    }

    /// Nothing kept yet, and of each build's work only what [`Reuse::save`] writes (each
    /// document's reading, the tokenizer), so that a build keeps little more in memory than a
    /// fresh one.
    pub fn lean() -> Reuse {
        Reuse {
            kept: crate::kept::Kept::lean(),
            ..Reuse::default()
        }
    }

    /// The files of the latest build if it was made of `inputs` (a build is made of its inputs
    /// alone: after an edit of a page of another language, every file is the same).
    fn same(&self, inputs: &Inputs) -> Option<Vec<IndexFile>> {
        let (made_of, listed) = self.last.as_ref().filter(|(i, _)| i == inputs)?;
        let file = |(path, bytes): &(String, Result<Vec<u8>, Json>)| {
            let bytes = match bytes {
                Ok(b) => b.clone(),
                Err(key) => self.gzipped.get(key)?.clone(),
            };
            Some(IndexFile {
                path: path.clone(),
                bytes,
            })
        };
        let files: Option<Vec<IndexFile>> = listed.iter().map(file).collect();
        if files.is_some() && std::env::var_os("MINH_SEARCH_TIMINGS").is_some() {
            eprintln!(
                "index {}: the same documents, files as before",
                made_of.lang.code()
            );
        }
        files
    }
}

/// The files of a build in order, each by its path and its bytes (the manifest) or the key of
/// its gzip bytes ([`Reuse::gzipped`]).
type Listed = Vec<(String, Result<Vec<u8>, Json>)>;

/// Everything an index is made of: its language, its documents (by their keys, in order) and
/// its place table.
#[derive(PartialEq, Hash)]
struct Inputs {
    lang: Lang,
    docs: Vec<crate::kept::Key>,
    places: Places,
}

impl Inputs {
    fn of(lang: Lang, docs: &[crate::kept::Key], places: &Places) -> Inputs {
        Inputs {
            lang,
            docs: docs.to_vec(),
            places: places.clone(),
        }
    }
}

/// A file's JSON as a key: its length and 128-bit XXH3 (two different files of one site
/// share a key as rarely as two random 128-bit numbers are equal).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct Json(usize, u128);

impl Json {
    fn of(bytes: &[u8]) -> Json {
        Json(bytes.len(), xxhash_rust::xxh3::xxh3_128(bytes))
    }
}

/// Every file but the manifest gzip-compressed under `<path>.gz`, one compressor (and output
/// buffer) per thread (setting up a compressor costs as much as compressing a small shard).
/// With `before`, each compressed file comes with its key, and one found there is not
/// compressed again.
fn compress(
    files: Vec<IndexFile>,
    before: Option<&HashMap<Json, Vec<u8>>>,
) -> Vec<(IndexFile, Option<Json>)> {
    files
        .into_par_iter()
        .map_init(Gzip::new, |z, f| {
            if f.path == MANIFEST {
                return (f, None);
            }
            let key = before.map(|_| Json::of(&f.bytes));
            let old = before.zip(key).and_then(|(b, k)| b.get(&k));
            let bytes = match old {
                Some(gz) => gz.clone(),
                None => z.gzip(&f.bytes),
            };
            let path = format!("{}{SUFFIX}", f.path);
            (IndexFile { path, bytes }, key)
        })
        .collect()
}

/// A libdeflate compressor at [`LEVEL`] with its scratch output buffer.
struct Gzip {
    z: libdeflater::Compressor,
    out: Vec<u8>,
}

impl Gzip {
    fn new() -> Self {
        let level = libdeflater::CompressionLvl::new(LEVEL).unwrap_or_default();
        Gzip {
            z: libdeflater::Compressor::new(level),
            out: Vec::new(),
        }
    }

    /// gzip of `bytes`: a header without name or time, the deflate stream, CRC-32 and length.
    fn gzip(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.out.resize(self.z.gzip_compress_bound(bytes.len()), 0);
        // The bound holds any input, so compressing cannot run out of space.
        let len = self.z.gzip_compress(bytes, &mut self.out).unwrap_or(0);
        self.out[..len].to_vec()
    }
}

/// The files of a stored index as the client reads them: every file inflated, under the path
/// the client names (without the suffix).
pub fn plain(files: &[IndexFile]) -> Vec<IndexFile> {
    files
        .iter()
        .map(|f| {
            let path = f.path.strip_suffix(SUFFIX).unwrap_or(&f.path).to_string();
            let bytes = read(files, &path).map(Cow::into_owned).unwrap_or_default();
            IndexFile { path, bytes }
        })
        .collect()
}

/// Whether `bytes` start with gzip's magic number.
fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// The JSON bytes of index file `path` (as the client names it, without the suffix) among
/// `files`, stored plain or as `<path>.gz`; None if neither is there or it does not inflate.
pub fn read<'a>(files: &'a [IndexFile], path: &str) -> Option<Cow<'a, [u8]>> {
    if let Some(f) = files.iter().find(|f| f.path == path) {
        return Some(Cow::Borrowed(&f.bytes));
    }
    let stored = format!("{path}{SUFFIX}");
    let f = files.iter().find(|f| f.path == stored)?;
    if !is_gzip(&f.bytes) {
        return Some(Cow::Borrowed(&f.bytes));
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(f.bytes.as_slice())
        .read_to_end(&mut out)
        .ok()?;
    Some(Cow::Owned(out))
}

/// The bytes a browser receives for index file `path` (as the client names it): the stored
/// `.gz` file as it is, or, for a plain file, its size gzipped (as a host compresses it).
pub fn transfer_len(files: &[IndexFile], path: &str) -> Option<usize> {
    let stored = format!("{path}{SUFFIX}");
    if let Some(f) = files.iter().find(|f| f.path == stored) {
        return Some(f.bytes.len());
    }
    let f = files.iter().find(|f| f.path == path)?;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    let _ = enc.write_all(&f.bytes);
    Some(enc.finish().map(|v| v.len()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> IndexFile {
        IndexFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn docs() -> Vec<Doc<'static>> {
        (0..40)
            .map(|i| Doc {
                url: format!("/p/{i}/"),
                title: format!("Cai nghiện ma túy {i}"),
                kind: "page".to_string(),
                fields: vec![(
                    crate::Field::Body,
                    "Cai nghiện tự nguyện tại cơ sở. ".repeat(1 + i % 7).into(),
                )],
            })
            .collect()
    }

    #[test]
    fn shards_are_stored_gzipped_and_read_back_the_manifest_names_the_suffix() {
        let docs = docs();
        let places = Places::default();
        let stored = build(Lang::Vi, &docs, &places);
        let files = crate::build_index_with(Lang::Vi, &docs, &places);
        let man = &stored[0];
        assert_eq!(man.path, "manifest.json");
        assert!(!is_gzip(&man.bytes));
        let v: serde_json::Value = serde_json::from_slice(&man.bytes).unwrap();
        assert_eq!(v["z"], ".gz", "the manifest's own writer names the suffix");
        let bare: serde_json::Value = serde_json::from_slice(&files[0].bytes).unwrap();
        assert!(bare.get("z").is_none(), "a plain index names no suffix");
        let mut without = v.clone();
        without.as_object_mut().unwrap().remove("z");
        assert_eq!(without, bare, "otherwise the same manifest");
        assert_eq!(stored.len(), files.len());
        for (s, f) in stored.iter().zip(&files).skip(1) {
            assert_eq!(s.path, format!("{}{SUFFIX}", f.path));
            assert!(is_gzip(&s.bytes), "{}", s.path);
            assert_eq!(read(&stored, &f.path).unwrap(), f.bytes.as_slice());
            assert_eq!(read(&files, &f.path).unwrap(), f.bytes.as_slice());
            assert_eq!(transfer_len(&stored, &f.path), Some(s.bytes.len()));
        }
        let big = files.iter().max_by_key(|f| f.bytes.len()).unwrap();
        let gz = transfer_len(&stored, &big.path).unwrap();
        assert!(
            gz < big.bytes.len() / 3,
            "{} of {} bytes",
            gz,
            big.bytes.len()
        );
        assert!(read(&stored, "nothing/0.json").is_none());
        let back = plain(&stored);
        assert_eq!(back[0].bytes, man.bytes);
        assert_eq!(back[1..], files[1..]);
        // Deterministic: the same documents give the same bytes (no time, no name in the header).
        assert_eq!(build(Lang::Vi, &docs, &places), stored);
    }

    /// A build writes the search page from the manifest before the other files are compressed
    /// (and makes the next index meanwhile): that manifest is the one stored, and packing gives
    /// the files [`build`] gives, a lean build's as a fresh one's.
    #[test]
    fn the_manifest_before_packing_is_the_one_stored() {
        let docs = docs();
        let places = Places::default();
        let stored = build(Lang::Vi, &docs, &places);
        let unpacked = build_unpacked(Lang::Vi, &docs, &places);
        let manifest = unpacked.manifest().expect("a manifest").to_vec();
        assert!(unpacked.files.iter().all(|f| !is_gzip(&f.bytes)));
        let as_stored = stored.iter().find(|f| f.path == MANIFEST).expect("stored");
        assert_eq!(manifest, as_stored.bytes);
        assert_eq!(unpacked.pack(), stored);
        let lean = build_reusing_unpacked(Lang::Vi, &docs, &places, &mut Reuse::lean());
        assert_eq!(lean.manifest(), Some(manifest.as_slice()));
        assert!(!lean.packed, "a lean build leaves its files to pack");
        assert_eq!(lean.pack(), stored);
    }

    /// The inputs' key is the same for the same documents, places and language, and differs when
    /// any of them does (a document edited, added or moved, a place added, another language).
    #[test]
    fn the_inputs_key_changes_with_anything_an_index_is_made_of() {
        let docs = docs();
        let places = Places::default();
        let key = inputs_key(Lang::Vi, &docs, &places);
        assert_eq!(key, inputs_key(Lang::Vi, &docs.clone(), &places.clone()));
        let mut edited = docs.clone();
        edited[7].fields[0].1 = "Cai nghiện tự nguyện tại nhà.".into();
        let mut moved = docs.clone();
        moved.swap(1, 2);
        let mut more = docs.clone();
        more.push(docs[0].clone());
        let mut kind = docs.clone();
        kind[0].kind = "plan".to_string();
        let others = [
            inputs_key(Lang::Vi, &edited, &places),
            inputs_key(Lang::Vi, &moved, &places),
            inputs_key(Lang::Vi, &more, &places),
            inputs_key(Lang::Vi, &kind, &places),
            inputs_key(Lang::En, &docs, &places),
            inputs_key(
                Lang::Vi,
                &docs,
                &Places {
                    before: vec!["tỉnh".to_string()],
                    ..Places::default()
                },
            ),
        ];
        for (i, other) in others.iter().enumerate() {
            assert_ne!(*other, key, "change {i}");
        }
    }

    #[test]
    fn a_build_reusing_an_earlier_ones_gzip_gives_the_bytes_of_a_fresh_build_and_keeps_only_its_own(
    ) {
        let docs = docs();
        let places = Places::default();
        let mut reuse = Reuse::default();
        let first = build_reusing(Lang::Vi, &docs, &places, &mut reuse);
        assert_eq!(first, build(Lang::Vi, &docs, &places));
        assert_eq!(
            reuse.gzipped.len(),
            first.len() - 1,
            "every file but the manifest"
        );
        let mut edited = docs.clone();
        edited[3].title = "Điều trị methadone".to_string();
        let second = build_reusing(Lang::Vi, &edited, &places, &mut reuse);
        assert_eq!(second, build(Lang::Vi, &edited, &places));
        // Paths name the build (its hash): the same bytes under a new path were taken over.
        let reused = (second.iter())
            .filter(|f| first.iter().any(|g| g.bytes == f.bytes))
            .count();
        assert!(
            reused > 1 && reused < second.len(),
            "{reused} of {}",
            second.len()
        );
        let keys: std::collections::HashSet<Json> = (second.iter().skip(1))
            .map(|f| Json::of(&read(&second, f.path.strip_suffix(SUFFIX).unwrap()).unwrap()))
            .collect();
        assert_eq!(
            reuse
                .gzipped
                .keys()
                .copied()
                .collect::<std::collections::HashSet<_>>(),
            keys,
            "only the latest build's files are kept"
        );
    }

    /// A build of the same language, documents and places as the one before takes its files
    /// (the fresh build's); any other is made again, and the one after it compares with it.
    #[test]
    fn a_build_of_the_same_inputs_takes_the_files_of_the_one_before() {
        let docs = docs();
        let mut places = Places::default();
        let mut reuse = Reuse::default();
        let mut check = |lang, docs: &[Doc], places: &Places, taken: bool, what: &str| {
            let files = build_reusing(lang, docs, places, &mut reuse);
            assert!(files == build(lang, docs, places), "{what}");
            assert_eq!(reuse.taken, taken, "{what}");
        };
        check(Lang::Vi, &docs, &places, false, "first");
        check(Lang::Vi, &docs, &places, true, "the same");
        check(Lang::Vi, &docs, &places, true, "the same again");
        places.before.push("tỉnh".to_string());
        check(Lang::Vi, &docs, &places, false, "other places");
        check(Lang::Vi, &docs, &places, true, "the same places");
        check(Lang::En, &docs, &places, false, "another language");
        let mut moved = docs.clone();
        moved.swap(0, 1);
        check(
            Lang::En,
            &moved,
            &places,
            false,
            "documents in another order",
        );
        moved[5].kind = "news".to_string();
        check(Lang::En, &moved, &places, false, "another kind");
        check(Lang::En, &moved[1..], &places, false, "one fewer");
        check(Lang::En, &moved[1..], &places, true, "the same documents");
    }

    #[test]
    fn a_reused_compressor_writes_the_same_bytes_as_a_fresh_one_and_they_inflate_back() {
        let mut z = Gzip::new();
        let big = "Cai nghiện tự nguyện tại cơ sở. ".repeat(5000);
        for text in ["", "[1,2,3]", big.as_str(), "{\"a\":1}"] {
            let gz = z.gzip(text.as_bytes());
            assert_eq!(gz, Gzip::new().gzip(text.as_bytes()));
            // No name, no time: the header is the same for any input (level 6: XFL 0).
            assert_eq!(gz[..10], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
            let files = vec![IndexFile {
                path: "x.json.gz".to_string(),
                bytes: gz,
            }];
            assert_eq!(read(&files, "x.json").unwrap(), text.as_bytes());
        }
    }

    #[test]
    fn a_host_that_already_inflated_the_file_is_read_as_plain_json() {
        let files = vec![file("ab/d/0.json.gz", "[[\"/a/\",\"A\",0,[]]]")];
        assert_eq!(
            read(&files, "ab/d/0.json").unwrap(),
            "[[\"/a/\",\"A\",0,[]]]".as_bytes()
        );
    }
}
