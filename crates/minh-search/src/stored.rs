//! Index files as stored on disk: every shard and store gzip-compressed, the manifest plain.
//!
//! [`store`] turns the files of [`crate::build_index`] into what a site publishes: each file but
//! `manifest.json` becomes `<path>.gz` (gzip at a fast level, deterministic bytes: no name, no
//! time) and the manifest gets `"z":".gz"`, the suffix the client appends to every other path.
//! Static hosts serve `.gz` files as they are (no `Content-Encoding`), so the browser receives
//! the compressed bytes and inflates them with `DecompressionStream('gzip')`; a host that does
//! add `Content-Encoding: gzip` hands the client plain JSON, which it recognises by the missing
//! gzip magic bytes. [`read`] gives a file's JSON bytes back from either form.

use crate::IndexFile;
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::{Read, Write};

/// The suffix of every stored file but the manifest (written into the manifest as `"z"`).
pub const SUFFIX: &str = ".gz";
/// gzip level. On the 1 000-page corpus (vi, 12.0 MB of JSON): level 1 (zlib-rs's quick mode,
/// fixed Huffman codes) 5.2 MB, level 2 3.8 MB, 4: 3.4 MB, 6: 3.3 MB at about twice level 2's CPU.
const LEVEL: u32 = 2;

/// The files as published: shards and stores gzip-compressed under `<path>.gz`, the manifest
/// (revalidated on every visit, read first) plain with `"z":".gz"`.
pub fn store(files: Vec<IndexFile>) -> Vec<IndexFile> {
    files
        .into_par_iter()
        .map(|f| {
            if f.path == "manifest.json" {
                return mark_manifest(f);
            }
            IndexFile {
                path: format!("{}{SUFFIX}", f.path),
                bytes: gzip(&f.bytes),
            }
        })
        .collect()
}

fn mark_manifest(f: IndexFile) -> IndexFile {
    let mut bytes = f.bytes;
    // The manifest is one JSON object: add the suffix as its last member.
    if bytes.last() == Some(&b'}') {
        bytes.pop();
        bytes.extend_from_slice(format!(",\"z\":\"{SUFFIX}\"}}").as_bytes());
    }
    IndexFile {
        path: f.path,
        bytes,
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let out = Vec::with_capacity(bytes.len() / 3 + 64);
    let mut enc = flate2::GzBuilder::new().write(out, flate2::Compression::new(LEVEL));
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
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

    #[test]
    fn shards_are_stored_gzipped_and_read_back_the_manifest_names_the_suffix() {
        let shard = format!("{{\"cai\":[3,[{}]]}}", "65,".repeat(200) + "1");
        let files = vec![
            file("manifest.json", "{\"v\":2,\"h\":\"ab\"}"),
            file("ab/w/0.json", &shard),
        ];
        let stored = store(files.clone());
        let man = &stored[0];
        assert_eq!(man.path, "manifest.json");
        let v: serde_json::Value = serde_json::from_slice(&man.bytes).unwrap();
        assert_eq!(v["z"], ".gz");
        assert_eq!(v["h"], "ab");
        let sh = &stored[1];
        assert_eq!(sh.path, "ab/w/0.json.gz");
        assert!(is_gzip(&sh.bytes));
        assert!(sh.bytes.len() < shard.len() / 4, "{} bytes", sh.bytes.len());
        assert_eq!(read(&stored, "ab/w/0.json").unwrap(), shard.as_bytes());
        assert_eq!(read(&files, "ab/w/0.json").unwrap(), shard.as_bytes());
        assert_eq!(transfer_len(&stored, "ab/w/0.json"), Some(sh.bytes.len()));
        assert!(read(&stored, "ab/w/1.json").is_none());
        // Deterministic: the same files give the same bytes (no time, no name in the header).
        assert_eq!(store(files), stored);
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
