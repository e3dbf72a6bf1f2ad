//! Page weight budget: every page's HTML plus the CSS and JS it loads, gzipped; the median must stay under 30 KB.

mod common;
use common::*;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;

const BUDGET: usize = 30 * 1024;

fn gz(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip").len()
}

/// Local stylesheets and scripts a page loads (`<link rel="stylesheet" href>` without media=print, `<script src>`).
fn assets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1) {
        let attr = if tag.starts_with("link ")
            && tag.contains("rel=\"stylesheet\"")
            && !tag.contains("media=\"print\"")
        {
            "href=\""
        } else if tag.starts_with("script ") {
            "src=\""
        } else {
            continue;
        };
        if let Some(i) = tag.find(attr) {
            let rest = &tag[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
            }
        }
    }
    out
}

fn weigh(public: &Path, page: &Path) -> usize {
    let html = std::fs::read_to_string(page).expect("page");
    let mut total = gz(html.as_bytes());
    for a in assets(&html) {
        let file = public.join(a.trim_start_matches('/'));
        total += gz(&std::fs::read(&file)
            .unwrap_or_else(|_| panic!("{} loads missing {a}", page.display())));
    }
    total
}

#[test]
fn median_page_weight_is_under_budget() {
    let (_tmp, public) = built_real_site();
    let mut weights: Vec<(usize, String)> = walkdir::WalkDir::new(public.as_path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (
                weigh(public.as_path(), e.path()),
                e.path()
                    .strip_prefix(public.as_path())
                    .expect("rel")
                    .display()
                    .to_string(),
            )
        })
        .collect();
    weights.sort();
    let median = weights[weights.len() / 2].0;
    let (heaviest, which) = weights.last().cloned().expect("pages");
    println!("page weight (HTML + CSS + JS, gzipped) over {} pages: median {:.1} KB, heaviest {:.1} KB ({which})", weights.len(), median as f64 / 1024.0, heaviest as f64 / 1024.0);
    assert!(
        median <= BUDGET,
        "median page weight {median} B exceeds {BUDGET} B"
    );
}

#[test]
fn the_measure_counts_loaded_assets() {
    let html = r#"<link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/p.css" media="print"><script src="/s.js" defer></script>"#;
    assert_eq!(
        assets(html),
        vec!["/a.css".to_string(), "/s.js".to_string()]
    );
}
