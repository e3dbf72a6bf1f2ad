//! Third-party audits (issue 17): Lighthouse 12.2.3 (mobile) and pa11y with HTML_CodeSniffer run
//! by tests/audit/audit.mjs over one page of every template in each language of the real site,
//! served over HTTP with gzip; and, so that a pass means something, pa11y over a planted defect.
//!
//! Needs Debian's chromium, node 20 and tests/audit/node_modules (bash tests/install-test-deps.sh).
//! Without them each test is reported as ignored with the reason, and fails under CI=true
//! (tests/common/harness.rs): never as passed.

#[path = "common/harness.rs"]
mod harness;
#[path = "common/browser.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::{browser_dir, build_real_site, chromium, repo, run, serial, Run, TempDir};

/// The whole audit run is killed after this; the script's own watchdog fires a minute earlier.
const LIMIT: Duration = Duration::from_secs(1800);

fn audit_dir() -> PathBuf {
    repo().join("tests").join("audit")
}

/// Why the audits cannot run here, if they cannot.
fn missing() -> Option<String> {
    if !chromium().is_file() {
        return Some(format!("no chromium at {}", chromium().display()));
    }
    for package in ["lighthouse", "pa11y", "puppeteer"] {
        if !audit_dir().join("node_modules").join(package).is_dir() {
            return Some(format!("tests/audit/node_modules/{package} is missing"));
        }
    }
    if !browser_dir().join("server.mjs").is_file() {
        return Some("tests/browser/server.mjs is missing".into());
    }
    None
}

fn audit(site: &Path, extra: &[&str], limit: Duration) -> Run {
    let seconds = limit.as_secs().saturating_sub(60).max(60).to_string();
    let mut cmd = Command::new("node");
    cmd.arg(audit_dir().join("audit.mjs"))
        .arg("--site")
        .arg(site)
        .arg("--timeout")
        .arg(&seconds)
        .args(extra)
        // Never let an npm package fetch a browser: Debian's chromium is the one used.
        .env("PUPPETEER_SKIP_DOWNLOAD", "1");
    run(&mut cmd, limit)
}

/// `audits: N passed, 0 failed` with N > 0.
fn all_passed(output: &str) -> bool {
    output.lines().any(|l| {
        l.strip_prefix("audits: ")
            .and_then(|r| r.strip_suffix(" passed, 0 failed"))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n > 0)
    })
}

fn lighthouse_and_pa11y_pass_on_every_template() {
    let _serial = serial();
    let tmp = TempDir::new("audits");
    let site = build_real_site(&tmp.0);
    let started = Instant::now();
    let result = audit(&site, &[], LIMIT);
    println!(
        "{}\n(audits took {:.1} s)",
        result.output,
        started.elapsed().as_secs_f64()
    );
    assert!(
        result.code == Some(0) && all_passed(&result.output),
        "audits failed: {}",
        result.brief()
    );
    for tool in ["lighthouse", "pa11y"] {
        for template in [
            "home", "finder", "province", "facility", "search", "plan", "404",
        ] {
            assert!(
                result
                    .output
                    .lines()
                    .any(|l| l.starts_with("ok") && l.contains(&format!(" {template}] {tool}:"))),
                "no passing {tool} audit of a `{template}` page: {}",
                result.describe()
            );
        }
    }
}

fn pa11y_reports_a_planted_defect() {
    let _serial = serial();
    let site = browser_dir().join("fixtures").join("img-no-alt");
    let result = audit(
        &site,
        &["--only", "pa11y", "--min-pages", "1"],
        Duration::from_secs(300),
    );
    assert!(
        result.code == Some(1) && result.output.contains("H37"),
        "pa11y should report the image without alt text (WCAG2AA H37): {}",
        result.describe()
    );
}

fn main() {
    let missing = missing();
    harness::main(
        include_str!("audits.rs"),
        vec![
            harness::trial(
                "lighthouse_and_pa11y_pass_on_every_template",
                missing.clone(),
                lighthouse_and_pa11y_pass_on_every_template,
            ),
            harness::trial(
                "pa11y_reports_a_planted_defect",
                missing,
                pa11y_reports_a_planted_defect,
            ),
        ],
    )
}
