//! Index benchmark: indexes a markdown `content/` folder per language and reports sizes and first-query costs.
//!
//! `cargo run --release -p minh-search --example index_bench -- /tmp/corpus10k/content [OUT_DIR]`
//!
//! With `INDEX_BENCH_PLACES=provinces-2025.yaml` (the shared list of current provinces and the
//! former ones they were formed from) the index gets a place table, as `minh build` gives it,
//! so place queries take the same path as on a built site.
//!
//! With `INDEX_BENCH_KEPT=<edits>` it times instead the search turn of `minh serve` after a
//! one-document edit ([`minh_search::stored::build_reusing`]), edit after edit of the 7th
//! document's body (each undone by the next turn), and checks each against a fresh build
//! unless `INDEX_BENCH_NO_CHECK` is set (to profile the reusing turn alone).

use flate2::write::GzEncoder;
use flate2::Compression;
use minh_search::{simulate_query, Doc, Field, IndexFile, Lang, PlaceName, Places};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

const QUERIES: [&str; 13] = [
    "cai nghien",
    "dong thap",
    "ma tuy",
    "methadone",
    "treatment plan",
    "cai nghien dong thap",
    "dong thap cai nghien",
    "cai nghien ma tuy",
    "cai nghien tu nguyen",
    "dieu tri methadone",
    "ho tro sau cai nghien",
    "methadone dong thap",
    "voluntary treatment dong thap",
];

fn main() {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: index_bench <content dir>");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths.sort();
    let places = std::env::var_os("INDEX_BENCH_PLACES")
        .map(|p| read_places(Path::new(&p)))
        .unwrap_or_default();
    if let Some(edits) = std::env::var("INDEX_BENCH_KEPT")
        .ok()
        .and_then(|e| e.parse().ok())
    {
        return kept_turns(&root, &paths, &places, edits);
    }
    let mut all_files = 0;
    for (lang, suffix) in [(Lang::Vi, ".vi.md"), (Lang::En, ".en.md")] {
        let t = Instant::now();
        let docs: Vec<Doc> = paths
            .iter()
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .filter_map(|p| read_doc(&root, p, lang, suffix))
            .collect();
        let read = t.elapsed();
        let t = Instant::now();
        let cpu = cpu_seconds();
        // As a site stores them: shards gzip-compressed.
        let stored = minh_search::stored::build(lang, &docs, &places);
        let built = t.elapsed();
        let cpu = cpu_seconds() - cpu;
        let files = minh_search::stored::plain(&stored);
        let on_disk: usize = stored.iter().map(|f| f.bytes.len()).sum();
        println!(
            "[{}] stored (gzip): {} on disk (built and compressed in {built:.2?}, CPU {cpu:.2} s)",
            lang.code(),
            kb(on_disk)
        );
        if let Some(out) = std::env::args().nth(2) {
            write_files(&PathBuf::from(out).join(lang.code()), &stored);
        }
        let raw: usize = files.iter().map(|f| f.bytes.len()).sum();
        let quick = std::env::var_os("INDEX_BENCH_NO_QUERIES").is_some();
        let gzs: Vec<usize> = if quick {
            Vec::new()
        } else {
            files.iter().map(|f| gz_len(&f.bytes)).collect()
        };
        let gz: usize = gzs.iter().sum();
        let largest = gzs.iter().copied().max().unwrap_or(0);
        all_files += files.len();
        println!(
            "[{}] {} docs: read {read:.2?}, index build {built:.2?} (CPU {cpu:.2} s); {} files, {} raw, {} gzipped (largest file {} gz)",
            lang.code(),
            docs.len(),
            files.len(),
            kb(raw),
            kb(gz),
            kb(largest)
        );
        if std::env::var_os("INDEX_BENCH_NO_QUERIES").is_none() {
            for q in QUERIES {
                report_query(&stored, &files, q);
            }
        }
    }
    println!("total files (both languages): {all_files}");
}

/// Times the reusing turns after one-document edits ([`main`], `INDEX_BENCH_KEPT`).
fn kept_turns(root: &Path, paths: &[PathBuf], places: &Places, edits: usize) {
    let check = std::env::var_os("INDEX_BENCH_NO_CHECK").is_none();
    for (lang, suffix) in [(Lang::Vi, ".vi.md"), (Lang::En, ".en.md")] {
        let mut docs: Vec<Doc> = paths
            .iter()
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .filter_map(|p| read_doc(root, p, lang, suffix))
            .collect();
        let mut reuse = minh_search::stored::Reuse::default();
        minh_search::stored::build_reusing(lang, &docs, places, &mut reuse);
        let at = 7.min(docs.len() - 1);
        let body = docs[at]
            .fields
            .last()
            .map(|f| f.1.to_string())
            .unwrap_or_default();
        let mut times = Vec::new();
        for i in 0..edits * 2 {
            let text = if i % 2 == 0 {
                format!("{body}\nSửa lần {i}: cai nghiện tại nhà.\n")
            } else {
                body.clone()
            };
            if let Some(f) = docs[at].fields.last_mut() {
                f.1 = text.into();
            }
            let (t, cpu) = (Instant::now(), cpu_seconds());
            let kept = minh_search::stored::build_reusing(lang, &docs, places, &mut reuse);
            let (wall, cpu) = (t.elapsed(), cpu_seconds() - cpu);
            times.push(wall);
            eprintln!(
                "[{}] turn {i}: {wall:.2?} wall, {cpu:.2} s CPU",
                lang.code()
            );
            if check {
                let fresh = minh_search::stored::build(lang, &docs, places);
                assert!(
                    kept == fresh,
                    "turn {i}: the reusing turn's files are a fresh build's"
                );
            }
        }
        times.sort();
        println!(
            "[{}] reusing turn after a one-document edit, median of {}: {:.2?}",
            lang.code(),
            times.len(),
            times[times.len() / 2]
        );
    }
}

fn report_query(stored: &[IndexFile], files: &[IndexFile], q: &str) {
    match simulate_query(files, q, 10) {
        Ok(plan) => {
            // The search page carries the manifest: the rounds a resident waits for are those
            // after it, and its bytes are the page's (printed apart, not counted as a request).
            let after = match plan.rounds.split_first() {
                Some((first, rest)) if first.len() == 1 && first[0] == "manifest.json" => rest,
                _ => &plan.rounds[..],
            };
            // Bytes per round trip as a browser receives them (the stored .gz files as they are).
            let round_gz: Vec<usize> = after
                .iter()
                .map(|r| {
                    r.iter()
                        .filter_map(|p| minh_search::stored::transfer_len(stored, p))
                        .sum()
                })
                .collect();
            let gz: usize = round_gz.iter().sum();
            let manifest = minh_search::stored::transfer_len(stored, "manifest.json").unwrap_or(0);
            let per_round: Vec<String> = after.iter().map(|r| r.len().to_string()).collect();
            let kb_round: Vec<String> = round_gz
                .iter()
                .map(|&b| format!("{:.1}", b as f64 / 1000.0))
                .collect();
            let top = plan.hits.first().map_or(String::new(), |h| h.title.clone());
            println!(
                "  {q:?}: {} round trips ({} requests), {} gzipped ({} KB) + manifest in the page {}, {} matches, top: {top}",
                after.len(),
                per_round.join("+"),
                kb(gz),
                kb_round.join("+"),
                kb(manifest),
                plan.total
            );
        }
        Err(e) => println!("  {q:?}: error {e}"),
    }
}

/// The place table of a provinces list (`- {name: "Hà Nội", type: city, former: ["Hà Nội"]}`
/// per line): each current province, and each former one pointing to it.
fn read_places(path: &Path) -> Places {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{}: {e}", path.display());
        std::process::exit(2);
    });
    let quoted = |s: &str| -> Vec<String> {
        s.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let mut places = Places::default();
    for line in text.lines().filter(|l| l.starts_with("- {name:")) {
        let (head, former) = line.split_once("former:").unwrap_or((line, ""));
        let Some(name) = quoted(head).into_iter().next() else {
            continue;
        };
        let current = places.names.len();
        let link = name.to_lowercase().replace(' ', "-");
        places.names.push(PlaceName {
            name: name.clone(),
            current,
            link: link.clone(),
        });
        for f in quoted(former).into_iter().filter(|f| *f != name) {
            places.names.push(PlaceName {
                name: f,
                current,
                link: link.clone(),
            });
        }
    }
    places.before = vec!["tỉnh".into(), "thành phố".into(), "tp".into()];
    places.after = vec!["province".into(), "city".into()];
    places
}

/// Writes the index files under `dir` (optional second argument), as `minh build` would.
fn write_files(dir: &Path, files: &[IndexFile]) {
    for f in files {
        let p = dir.join(&f.path);
        if let Some(parent) = p.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if let Err(e) = std::fs::write(&p, &f.bytes) {
            eprintln!("{}: {e}", p.display());
        }
    }
}

/// CPU time (user + system, all threads) of this process so far, in seconds (Linux; else 0).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which ends with ')'): utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    f.iter().sum::<f64>() / 100.0
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

fn gz_len(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    if e.write_all(bytes).is_err() {
        return 0;
    }
    e.finish().map(|v| v.len()).unwrap_or(0)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// A document from a markdown file: YAML front matter (title, summary) stripped, headings apart.
fn read_doc(root: &Path, path: &Path, lang: Lang, suffix: &str) -> Option<Doc<'static>> {
    let text = std::fs::read_to_string(path).ok()?;
    let (front, body) = split_front_matter(&text);
    let value = |key: &str| {
        front
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().trim_matches('"').to_string())
    };
    let rel = path
        .strip_prefix(root)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let slug = rel.strip_suffix(suffix)?;
    let kind = match slug.split('/').next() {
        Some("plans") => "plan",
        Some("updates") => "update",
        _ => "page",
    };
    let mut fields = Vec::new();
    if let Some(s) = value("summary:") {
        fields.push((Field::Body, s.into()));
    }
    let mut text_body = String::new();
    for line in body.lines() {
        match line.strip_prefix('#') {
            Some(h) => fields.push((
                Field::Heading,
                strip_links(h.trim_start_matches('#').trim()).into(),
            )),
            None => {
                text_body.push_str(&strip_links(line));
                text_body.push('\n');
            }
        }
    }
    fields.push((Field::Body, text_body.into()));
    Some(Doc {
        url: format!("/{}/{}/", lang.code(), slug.trim_start_matches("_index")),
        title: value("title:").unwrap_or_else(|| slug.to_string()),
        kind: kind.to_string(),
        fields,
    })
}

fn split_front_matter(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.find("\n---") {
        Some(i) => {
            let after = &rest[i + 4..];
            (&rest[..i], after.strip_prefix('\n').unwrap_or(after))
        }
        None => ("", text),
    }
}

/// `[text](url)` becomes `text`.
fn strip_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        let Some(j) = rest[i..].find(')') else {
            break;
        };
        out.push_str(&rest[..i].replace('[', ""));
        rest = &rest[i + j + 1..];
    }
    out.push_str(&rest.replace('[', ""));
    out
}
