//! First-query budget on a synthetic 10 000-document index: at most three requests for one or two
//! words (manifest + answer shard), a few round trips otherwise, always under 100 KB gzipped.

mod common;

use common::{gz_len, plan_gz, synthetic_docs};
use minh_search::{build_index, simulate_query, IndexFile, Lang, QueryPlan};
use std::time::Instant;

#[test]
fn first_query_fits_the_budget_on_10k_docs() {
    let t = Instant::now();
    let docs = synthetic_docs(10_000, 600);
    let files = build_index(Lang::Vi, &docs);
    let built = t.elapsed();
    let raw: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!("built {} files in {built:?}, {raw} bytes raw", files.len());
    // One- and two-word queries: the manifest and one precomputed answer shard.
    for q in [
        "cai nghien",
        "dong thap",
        "ma tuy",
        "methadone",
        "cai",
        "nghien",
    ] {
        let plan = check(&files, q);
        assert!(plan.requests() <= 3, "{q}: {:?}", plan.rounds);
        assert_eq!(plan.rounds.len(), 2, "{q}: {:?}", plan.rounds);
    }
    // Longer queries and exact diacritics: manifest, term shards, document stores.
    for q in ["cai nghien dong thap", "người"] {
        let plan = check(&files, q);
        assert!(plan.rounds.len() <= 3, "{q}: {:?}", plan.rounds);
    }
    // A two-word query with no precomputed answer (word still being typed): one more round.
    let plan = check(&files, "cai ngh");
    assert!(plan.rounds.len() <= 4, "cai ngh: {:?}", plan.rounds);
    let manifest = &files[0];
    assert_eq!(manifest.path, "manifest.json");
    assert!(gz_len(&manifest.bytes) < 10_000);
}

/// Runs a first query, prints its cost and checks the size and that it finds something.
fn check(files: &[IndexFile], q: &str) -> QueryPlan {
    let plan = simulate_query(files, q, 10).expect("query runs");
    let gz = plan_gz(files, &plan);
    println!(
        "{q:?}: {} round trips, {} requests, {gz} bytes gzipped, {} matches",
        plan.rounds.len(),
        plan.requests(),
        plan.total
    );
    assert!(gz < 100_000, "{q}: {gz} bytes");
    assert!(!plan.hits.is_empty(), "{q}: no hits");
    plan
}
