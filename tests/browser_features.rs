//! Feature tests in a real browser: builds the real site and runs tests/browser/features.mjs on it (the provider finder, issue 4, and search, issue 5).
//!
//! Needs Debian's chromium, node 20 and tests/browser/node_modules/playwright-core
//! (bash tests/install-test-deps.sh). Without them the test is reported as ignored with
//! the reason (`not run: …`), and fails under CI=true (see tests/common/harness.rs).

#[path = "common/browser.rs"]
mod support;

#[path = "common/harness.rs"]
mod harness;

use std::time::{Duration, Instant};
use support::{build_real_site, node, repo, serial, TempDir, FEATURES};

/// The whole node run is killed after this; the script's own watchdog fires 20 s earlier.
const LIMIT: Duration = Duration::from_secs(200);

/// True when the summary line `features: N passed, 0 failed` is there with N > 0.
fn all_passed(output: &str) -> bool {
    output.lines().any(|line| {
        line.strip_prefix("features: ")
            .and_then(|rest| rest.strip_suffix(" passed, 0 failed"))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n > 0)
    })
}

fn finder_and_search_work_in_a_real_browser() {
    let _serial = serial();
    let tmp = TempDir::new("browser-features");
    let site = build_real_site(&tmp.0);
    let site_arg = site.to_string_lossy();
    let content = repo().join("content");
    let content_arg = content.to_string_lossy();
    let seconds = LIMIT.as_secs().saturating_sub(20).to_string();
    let started = Instant::now();
    let result = node(
        "features.mjs",
        &[
            "--site",
            site_arg.as_ref(),
            "--content",
            content_arg.as_ref(),
            "--timeout",
            seconds.as_str(),
        ],
        LIMIT,
    );
    println!(
        "{}\n(feature tests took {:.1} s)",
        result.output,
        started.elapsed().as_secs_f64()
    );
    assert!(
        result.code == Some(0) && all_passed(&result.output),
        "feature tests failed: {}",
        result.brief()
    );
}

fn main() {
    let missing = support::missing_tool(&FEATURES);
    harness::main(
        include_str!("browser_features.rs"),
        vec![harness::trial(
            "finder_and_search_work_in_a_real_browser",
            missing.clone(),
            finder_and_search_work_in_a_real_browser,
        )],
    )
}
