//! Browser gates (axe, CSP, foreign requests, keyboard, 360 px) and the Nu Html Checker on the
//! history pages of a site built from a git repository made in the test: a plan with its history,
//! an earlier version, a comparison, a removed provider, recent changes (the real site's sitemap
//! does not list archived versions, so tests/browser.rs would not visit them).
//!
//! Needs Debian's chromium, node 20, Java and tests/browser/node_modules (playwright-core, axe-core,
//! vnu-jar; bash tests/install-test-deps.sh). Without them the test is reported as ignored with the
//! reason (`not run: …`), and fails under CI=true (see tests/common/harness.rs).

mod common;
#[path = "common/browser.rs"]
mod support;

#[path = "common/harness.rs"]
mod harness;

use std::time::Duration;
use support::{node, serial, TempDir, GATES};

fn history_pages_pass_browser_gates_and_html_checker() {
    let _serial = serial();
    let dir = common::githistory::make_history();
    let out = common::minh(&["build"], dir.path());
    assert!(out.status.success(), "{}", common::stderr(&out));
    let public = dir.path().join("public");
    let pages = [
        "/vi/ke-hoach/ke-hoach-thu/",
        "/vi/ke-hoach/ke-hoach-thu/v1/",
        "/vi/ke-hoach/ke-hoach-thu/v1-v2/",
        "/en/plans/ke-hoach-thu/",
        "/vi/co-so/thu-nghiem/",
        "/vi/co-so/sap-dong/",
        "/en/services/sap-dong/",
        "/vi/thay-doi/",
        "/en/changes/",
    ];
    for p in pages {
        assert!(
            public.join(&p[1..]).join("index.html").is_file(),
            "{p} was built"
        );
    }
    let list = pages.join(",");
    let shots = TempDir::new("history-shots");
    let site = public.to_string_lossy();
    let shots_arg = shots.0.to_string_lossy();
    let gates = node(
        "gates.mjs",
        &[
            "--site",
            site.as_ref(),
            "--screenshots",
            shots_arg.as_ref(),
            "--timeout",
            "240",
            "--pages",
            &list,
        ],
        Duration::from_secs(300),
    );
    println!("{}", gates.output);
    let html = node(
        "vnu.mjs",
        &["--site", site.as_ref(), "--timeout", "240"],
        Duration::from_secs(300),
    );
    println!("{}", html.output);
    assert!(
        gates.code == Some(0) && gates.output.contains("gates: ") && !gates.output.contains("FAIL"),
        "browser gates on history pages: {}",
        gates.describe()
    );
    assert!(html.code == Some(0), "Nu Html Checker: {}", html.describe());
}

fn main() {
    harness::main(
        include_str!("browser_history.rs"),
        vec![harness::trial(
            "history_pages_pass_browser_gates_and_html_checker",
            support::missing_tool(&GATES),
            history_pages_pass_browser_gates_and_html_checker,
        )],
    )
}
