//! First-query budget on a synthetic 10 000-document index: three round trips, under 100 KB gzipped.

mod common;

use common::{gz_len, plan_gz, synthetic_docs};
use minh_search::{build_index, simulate_query, Lang};
use std::time::Instant;

#[test]
fn first_query_fits_the_budget_on_10k_docs() {
    let t = Instant::now();
    let docs = synthetic_docs(10_000, 600);
    let files = build_index(Lang::Vi, &docs);
    let built = t.elapsed();
    let raw: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!("built {} files in {built:?}, {raw} bytes raw", files.len());
    for q in [
        "cai nghien",
        "dong thap",
        "ma tuy",
        "methadone",
        "cai nghien dong thap",
        "cai ngh",
        "người",
    ] {
        let plan = simulate_query(&files, q, 10).expect("query runs");
        let gz = plan_gz(&files, &plan);
        println!(
            "{q:?}: {} round trips, {} requests, {gz} bytes gzipped, {} matches",
            plan.rounds.len(),
            plan.requests(),
            plan.total
        );
        assert!(plan.rounds.len() <= 3, "{q}: {:?}", plan.rounds);
        assert!(gz < 100_000, "{q}: {gz} bytes");
        assert!(!plan.hits.is_empty(), "{q}: no hits");
    }
    let manifest = &files[0];
    assert_eq!(manifest.path, "manifest.json");
    assert!(gz_len(&manifest.bytes) < 10_000);
}
