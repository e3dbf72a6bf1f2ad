//! Benchmark: reading a site's history from git, cold (no cache) and cached, median of several runs.
//!
//! `cargo run --release --example history_bench -- <site root> [runs]`
//! (see bench/history.sh for the 10 000-page corpus with a generated history).

use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let mut cold = Vec::new();
    let mut lineages = 0;
    let mut commits = 0;
    let mut walked = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let (h, stats) = minh::history::read_with_stats(&root, false);
        cold.push(t.elapsed());
        lineages = h.all().count();
        commits = h.commits.len();
        walked = stats.commits_walked;
    }
    // Fill the cache once, then time cached reads.
    let _ = minh::history::read(&root);
    let mut cached = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let (_, stats) = minh::history::read_with_stats(&root, true);
        cached.push(t.elapsed());
        assert!(
            stats.from_cache,
            "the second read should come from the cache"
        );
    }
    let (c, k) = (median(cold), median(cached));
    println!(
        "history of {}: {walked} commits walked, {commits} touching content, {lineages} files followed",
        root.display()
    );
    println!(
        "cold (no cache): median {:.1} ms of {runs}; cached: median {:.1} ms; ratio {:.1}x",
        c.as_secs_f64() * 1000.0,
        k.as_secs_f64() * 1000.0,
        c.as_secs_f64() / k.as_secs_f64().max(1e-9)
    );
}
