//! First-query cost on a built site: reads `public/search/<lang>/` and prints, per query, the
//! round trips, requests and gzipped bytes a resident's browser fetches once the search page is
//! open (index files only: a stored `.gz` file as it is, a plain one gzipped). The search page
//! carries the manifest (`data-index`): it is counted as part of the page, not as a request or
//! round trip, and its gzipped size is printed apart.
//!
//! `cargo run --release -p minh-search --example site_query -- public/search/vi "cai nghien" ...`

use minh_search::{simulate_query, IndexFile};
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: site_query <public/search/LANG> QUERY...");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect(&dir, &dir, &mut files);
    for q in args {
        match simulate_query(&files, &q, 10) {
            Ok(plan) => {
                let after = after_page(&plan.rounds);
                let gz: usize = after
                    .iter()
                    .flatten()
                    .filter_map(|p| minh_search::stored::transfer_len(&files, p))
                    .sum();
                let per_round: Vec<String> = after.iter().map(|r| r.len().to_string()).collect();
                let manifest = minh_search::stored::transfer_len(&files, "manifest.json");
                // One line per query, tab-separated: query, round trips, requests, gzipped bytes
                // (after the page), matches, gzipped bytes of the manifest the page carries.
                println!(
                    "{q}\t{}\t{}\t{gz}\t{}\t{}",
                    after.len(),
                    per_round.join("+"),
                    plan.total,
                    manifest.unwrap_or(0)
                );
            }
            Err(e) => println!("{q}\terror {e}"),
        }
    }
}

/// The round trips once the search page is open: the manifest (the simulated client's first
/// round) comes with the page.
fn after_page(rounds: &[Vec<String>]) -> &[Vec<String>] {
    match rounds.split_first() {
        Some((first, rest)) if first.len() == 1 && first[0] == "manifest.json" => rest,
        _ => rounds,
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<IndexFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(root, &p, out);
        } else if let (Ok(rel), Ok(bytes)) = (p.strip_prefix(root), std::fs::read(&p)) {
            out.push(IndexFile {
                path: rel.to_string_lossy().replace('\\', "/"),
                bytes,
            });
        }
    }
}
