//! A phrase of the site followed by a current place's name ("cai nghien dong thap", the search
//! box's own example), the name then the phrase ("dong thap cai nghien"), and two phrases ("cai
//! nghien ma tuy") are answered in two requests, ranked exactly as the full path ranks them, in
//! Rust and in search.js. Without node the JS trial is reported as ignored, and fails under CI=true.

mod common;

#[path = "../../../tests/common/harness.rs"]
mod harness;

use common::{doc, plan_gz, synthetic_docs};
use minh_search::{build_index_with, simulate_query, IndexFile, Lang, PlaceName, Places};
use std::path::Path;
use std::process::Command;

/// Three current provinces (one with a former name) and the words written around them.
fn places() -> Places {
    let name = |n: &str, current: usize, link: &str| PlaceName {
        name: n.to_string(),
        current,
        link: link.to_string(),
    };
    Places {
        names: vec![
            name("Hồ Chí Minh", 0, "ho-chi-minh"),
            name("Bà Rịa - Vũng Tàu", 0, "ho-chi-minh"),
            name("Đồng Tháp", 2, "dong-thap"),
            name("Đà Nẵng", 3, "da-nang"),
        ],
        spellings: vec![("Sài Gòn".to_string(), 0)],
        before: vec!["tỉnh".into()],
        after: Vec::new(),
    }
}

fn site() -> Vec<IndexFile> {
    // A site about treatment: "cai nghiện" on every page, among its most frequent bigrams.
    let mut docs = synthetic_docs(600, 200);
    for (i, d) in docs.iter_mut().enumerate() {
        let text = ["Cai nghiện ma túy.", "Hỗ trợ cai nghiện."][i % 2];
        d.fields.push((minh_search::Field::Body, text.into()));
    }
    docs.extend([
        doc(
            "/dt/",
            "Cơ sở Đồng Tháp",
            "Cai nghiện tự nguyện tại tỉnh Đồng Tháp.",
        ),
        doc(
            "/hcm/",
            "Cơ sở Hồ Chí Minh",
            "Cai nghiện ma túy ở Hồ Chí Minh.",
        ),
        doc("/dn/", "Cơ sở Đà Nẵng", "Điều trị tại Đà Nẵng."),
    ]);
    build_index_with(Lang::Vi, &docs, &places())
}

const ANSWERED: [&str; 8] = [
    "cai nghien dong thap",
    "cai nghien ho chi minh",
    "cai nghien sai gon",
    "cai nghien da nang",
    "dong thap cai nghien",
    "sai gon cai nghien",
    "cai nghien ma tuy",
    "ma tuy cai nghien",
];

fn answered_like_the_full_path() {
    let files = site();
    let man: serde_json::Value = serde_json::from_slice(&files[0].bytes).expect("manifest");
    let q = &man["q"];
    for phrase in ["cai nghien", "ma tuy"] {
        assert!(
            q[0].as_array()
                .is_some_and(|b| b.iter().any(|b| b == phrase)),
            "{phrase}: {q}"
        );
    }
    for query in ANSWERED {
        let answer = simulate_query(&files, query, 10).expect("query runs");
        // A limit beyond the precomputed page takes the full path.
        let full = simulate_query(&files, query, 11).expect("query runs");
        assert_eq!(answer.requests(), 2, "{query}: {:?}", answer.rounds);
        assert!(answer.paths().any(|p| p.contains("/a/")), "{query}");
        assert!(!full.paths().any(|p| p.contains("/a/")), "{query}");
        assert!(full.rounds.len() > 2, "{query}: {:?}", full.rounds);
        assert_eq!(answer.total, full.total, "{query}: total");
        assert_eq!(answer.hits.len(), 10, "{query}");
        for (a, f) in answer.hits.iter().zip(&full.hits) {
            assert_eq!(
                (a.doc, &a.url, &a.title),
                (f.doc, &f.url, &f.title),
                "{query}"
            );
            assert!((a.score - f.score).abs() < 1e-9 * f.score, "{query}: score");
        }
        assert!(plan_gz(&files, &answer) < 40_000, "{query}");
    }
    // Words apart (a comma between them) or a place not in the table: not this answer.
    for query in [
        "cai nghien, dong thap",
        "cai nghien dong thap ma",
        "dong thap, cai nghien",
        "cai nghien, ma tuy",
        "dong thap da nang",
    ] {
        let p = simulate_query(&files, query, 10).expect("query runs");
        assert!(
            !p.paths().any(|p| p.contains("/a/")),
            "{query}: {:?}",
            p.rounds
        );
    }
}

/// Why node cannot run here, if it cannot.
fn missing_node() -> Option<String> {
    Command::new("node")
        .arg("--version")
        .output()
        .err()
        .map(|e| format!("node not found ({e})"))
}

fn search_js_answers_alike() {
    let files = site();
    let dir = std::env::temp_dir().join(format!("minh-place-answers-{}", std::process::id()));
    for f in &files {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, &f.bytes).expect("write");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut queries = ANSWERED.to_vec();
    queries.extend([
        "cai nghien, dong thap",
        "ma tuy dong thap",
        "dong thap, cai nghien",
        "dong thap da nang",
    ]);
    let out = Command::new("node")
        .arg(root.join("tests/js_query.mjs"))
        .arg(root.join("../../themes/default/static/js/search.js"))
        .arg(&dir)
        .arg(serde_json::to_string(&queries).expect("json"))
        .output()
        .expect("node runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    for (q, js) in queries.iter().zip(&results) {
        let plan = simulate_query(&files, q, 10).expect("query runs");
        assert_eq!(js["total"].as_u64(), Some(plan.total as u64), "{q}: total");
        let top: Vec<(u64, f64)> = serde_json::from_value(js["top"].clone()).expect("pairs");
        let docs: Vec<u64> = top.iter().map(|t| t.0).collect();
        let rs: Vec<u64> = plan.hits.iter().map(|h| u64::from(h.doc)).collect();
        assert_eq!(docs, rs, "{q}: order");
        let mut fetched: Vec<String> =
            serde_json::from_value(js["fetched"].clone()).expect("paths");
        let mut rs_paths: Vec<&str> = plan.paths().collect();
        fetched.sort_unstable();
        rs_paths.sort_unstable();
        assert_eq!(fetched, rs_paths, "{q}: fetched files");
    }
}

fn main() {
    harness::main(
        include_str!("place_answers.rs"),
        vec![
            harness::trial(
                "answered_like_the_full_path",
                None,
                answered_like_the_full_path,
            ),
            harness::trial(
                "search_js_answers_alike",
                missing_node(),
                search_js_answers_alike,
            ),
        ],
    )
}
