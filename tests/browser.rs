//! Browser quality gates: builds the real site and runs tests/browser/gates.mjs and vnu.mjs on it, and proves on planted fixtures that the gates catch what they should.
//!
//! Needs Debian's chromium, node, Java and tests/browser/node_modules (bash tests/install-test-deps.sh).
//! Without them the tests are reported as ignored with the reason (`not run: …`), and fail under
//! CI=true (see tests/common/harness.rs).

#[path = "common/browser.rs"]
mod support;

#[path = "common/harness.rs"]
mod harness;

#[path = "common/languages.rs"]
mod languages;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::{browser_dir, build_real_site, node, repo, run, serial, Run, TempDir, GATES};

fn gates(site: &Path, screenshots: &Path, extra: &[&str], limit: Duration) -> Run {
    let site = site.to_string_lossy();
    let shots = screenshots.to_string_lossy();
    let seconds = limit.as_secs().saturating_sub(30).max(30).to_string();
    let mut args = vec![
        "--site",
        site.as_ref(),
        "--screenshots",
        shots.as_ref(),
        "--timeout",
        seconds.as_str(),
    ];
    args.extend_from_slice(extra);
    node("gates.mjs", &args, limit)
}

fn fixture(name: &str) -> PathBuf {
    browser_dir().join("fixtures").join(name)
}

fn real_site_passes_browser_gates_and_html_checker() {
    let _serial = serial();
    let tmp = TempDir::new("browser-site");
    let site = build_real_site(&tmp.0);
    let screenshots = repo().join("target").join("screenshots");
    let started = Instant::now();
    let browser = gates(&site, &screenshots, &[], Duration::from_secs(480));
    println!(
        "{}\n(browser gates took {:.1} s)",
        browser.output,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let site_arg = site.to_string_lossy();
    let html = node(
        "vnu.mjs",
        &["--site", site_arg.as_ref(), "--timeout", "300"],
        Duration::from_secs(330),
    );
    println!(
        "{}\n(Nu Html Checker took {:.1} s)",
        html.output,
        started.elapsed().as_secs_f64()
    );
    let mut problems = Vec::new();
    if browser.code != Some(0) {
        problems.push(format!("browser gates failed: {}", browser.brief()));
    }
    if html.code != Some(0) {
        problems.push(format!("Nu Html Checker failed: {}", html.describe()));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The browser gates and the HTML checker on `site`; panics with what failed.
fn site_passes_gates_and_html_checker(site: &Path, screenshots: &Path) {
    let started = Instant::now();
    let browser = gates(site, screenshots, &[], Duration::from_secs(480));
    println!(
        "{}\n(browser gates took {:.1} s)",
        browser.output,
        started.elapsed().as_secs_f64()
    );
    let site_arg = site.to_string_lossy();
    let html = node(
        "vnu.mjs",
        &["--site", site_arg.as_ref(), "--timeout", "300"],
        Duration::from_secs(330),
    );
    println!("{}", html.output);
    let mut problems = Vec::new();
    if browser.code != Some(0) {
        problems.push(format!("browser gates failed: {}", browser.brief()));
    }
    if html.code != Some(0) {
        problems.push(format!("Nu Html Checker failed: {}", html.describe()));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The real site published in a third language (Khmer, placeholder strings: see
/// tests/common/languages.rs): Khmer pages, fallback pages and the three-way language switch pass
/// the same gates as the real site.
fn three_language_site_passes_browser_gates_and_html_checker() {
    let _serial = serial();
    let tmp = TempDir::new("browser-three-languages");
    let root = tmp.0.join("site");
    languages::write_three_language_site(&repo(), &root);
    let public = tmp.0.join("public");
    let build = run(
        std::process::Command::new(env!("CARGO_BIN_EXE_minh"))
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--output")
            .arg(&public),
        Duration::from_secs(300),
    );
    assert!(
        build.code == Some(0),
        "minh build failed: {}",
        build.describe()
    );
    assert!(
        public.join("km/index.html").is_file(),
        "the Khmer home page"
    );
    let shots = TempDir::new("browser-three-languages-shots");
    site_passes_gates_and_html_checker(&public, &shots.0);
}

fn good_fixture_passes_every_gate() {
    let _serial = serial();
    let shots = TempDir::new("browser-shots");
    let result = gates(&fixture("good"), &shots.0, &[], Duration::from_secs(150));
    assert!(
        result.code == Some(0)
            && result.output.contains("gates: ")
            && !result.output.contains("FAIL"),
        "the good fixture should pass every gate: {}",
        result.describe()
    );
    let site = fixture("good");
    let site_arg = site.to_string_lossy();
    let html = node(
        "vnu.mjs",
        &["--site", site_arg.as_ref(), "--timeout", "120"],
        Duration::from_secs(150),
    );
    assert!(
        html.code == Some(0),
        "the good fixture should pass the Nu Html Checker: {}",
        html.describe()
    );
}

/// A planted defect, the pages to look at, and what the failure report must say.
struct Planted {
    fixture: &'static str,
    pages: &'static str,
    expect: &'static [&'static str],
}

const PLANTED: &[Planted] = &[
    Planted {
        fixture: "img-no-alt",
        pages: "/vi/",
        expect: &["gate axe", "image-alt"],
    },
    Planted {
        // vi: the CSP lets the CDN through, so the browser tries and the harness blocks it;
        // en: the strict CSP blocks it first.
        fixture: "external-script",
        pages: "/vi/,/en/",
        expect: &[
            "gate requests: request to a foreign host (blocked): https://cdn.example.com/x.js",
            "gate csp: Content-Security-Policy violation: directive script-src-elem blocked https://cdn.example.com",
            "cdn.example.com",
        ],
    },
    Planted {
        fixture: "inline-script",
        pages: "/vi/",
        expect: &["gate csp", "Content-Security-Policy", "inline"],
    },
    Planted {
        fixture: "no-focus-style",
        pages: "/vi/",
        expect: &["not a \"skip to content\" link", "no visible focus indicator"],
    },
    Planted {
        fixture: "wide-at-360",
        pages: "/vi/",
        expect: &["gate no-horizontal-scroll", "pre.wide"],
    },
    Planted {
        fixture: "lang-no-backlink",
        pages: "/en/",
        expect: &["gate lang", "does not link back to /en/"],
    },
    Planted {
        fixture: "cookie",
        pages: "/vi/",
        expect: &["gate cookies", "tracker"],
    },
];

fn planted_defects_fail_their_gate() {
    let _serial = serial();
    let shots = TempDir::new("browser-shots");
    let mut problems = Vec::new();
    for planted in PLANTED {
        let result = gates(
            &fixture(planted.fixture),
            &shots.0,
            &["--pages", planted.pages, "--widths", "360"],
            Duration::from_secs(150),
        );
        if result.code != Some(1) {
            problems.push(format!(
                "{}: expected the gates to fail (exit 1): {}",
                planted.fixture,
                result.describe()
            ));
            continue;
        }
        for needle in planted.expect {
            if !result.output.contains(needle) {
                problems.push(format!(
                    "{}: the report does not say {needle:?}: {}",
                    planted.fixture,
                    result.describe()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

fn main() {
    let missing = support::missing_tool(&GATES);
    harness::main(
        include_str!("browser.rs"),
        vec![
            harness::trial(
                "real_site_passes_browser_gates_and_html_checker",
                missing.clone(),
                real_site_passes_browser_gates_and_html_checker,
            ),
            harness::trial(
                "three_language_site_passes_browser_gates_and_html_checker",
                missing.clone(),
                three_language_site_passes_browser_gates_and_html_checker,
            ),
            harness::trial(
                "good_fixture_passes_every_gate",
                missing.clone(),
                good_fixture_passes_every_gate,
            ),
            harness::trial(
                "planted_defects_fail_their_gate",
                missing.clone(),
                planted_defects_fail_their_gate,
            ),
        ],
    )
}
