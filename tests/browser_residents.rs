//! A resident on a cheap phone (issue 17) in a real browser: builds the real site twice (the
//! second time with a changed home page, as a new build) and runs tests/browser/residents.mjs:
//! first screen at 360x740, tap targets and text size, the finder's province pages without
//! scripts, search without layout shift, offline after a first visit.
//!
//! Needs Debian's chromium, node 20 and tests/browser/node_modules/playwright-core
//! (bash tests/install-test-deps.sh). Without them the test is reported as ignored with
//! the reason (`not run: …`), and fails under CI=true (see tests/common/harness.rs).

#[path = "common/browser.rs"]
mod support;

#[path = "common/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::{build_real_site, node, repo, run, serial, TempDir, FEATURES};

/// The whole node run is killed after this; the script's own watchdog fires 20 s earlier.
const LIMIT: Duration = Duration::from_secs(300);

/// What the second build's home page says, and residents.mjs looks for.
pub const NEW_BUILD_MARK: &str = "Bản dựng mới: trang này đã được cập nhật.";

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// A copy of the site's sources whose Vietnamese home page ends with [`NEW_BUILD_MARK`], built.
fn build_changed_site(tmp: &Path) -> PathBuf {
    let root = tmp.join("root");
    for part in ["content", "themes", "static"] {
        if repo().join(part).is_dir() {
            copy_dir(&repo().join(part), &root.join(part));
        }
    }
    std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
    let home = root.join("content").join("_index.vi.md");
    let mut text = std::fs::read_to_string(&home).expect("read home page");
    text.push_str(&format!("\n\n{NEW_BUILD_MARK}\n"));
    std::fs::write(&home, text).expect("write home page");
    let out = tmp.join("public2");
    let build = run(
        Command::new(env!("CARGO_BIN_EXE_minh"))
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--output")
            .arg(&out),
        Duration::from_secs(300),
    );
    assert!(
        build.code == Some(0),
        "minh build of the changed copy failed: {}",
        build.describe()
    );
    out
}

fn a_resident_on_a_cheap_phone() {
    let _serial = serial();
    let tmp = TempDir::new("browser-residents");
    let site = build_real_site(&tmp.0);
    let site2 = build_changed_site(&tmp.0);
    let (a, b) = (site.to_string_lossy(), site2.to_string_lossy());
    let shots = repo().join("target").join("screenshots");
    let shots = shots.to_string_lossy();
    let seconds = LIMIT.as_secs().saturating_sub(20).to_string();
    let started = Instant::now();
    let result = node(
        "residents.mjs",
        &[
            "--site",
            a.as_ref(),
            "--site2",
            b.as_ref(),
            "--mark",
            NEW_BUILD_MARK,
            "--screenshots",
            shots.as_ref(),
            "--timeout",
            seconds.as_str(),
        ],
        LIMIT,
    );
    println!(
        "{}\n(resident tests took {:.1} s)",
        result.output,
        started.elapsed().as_secs_f64()
    );
    let passed = result.output.lines().any(|l| {
        l.strip_prefix("residents: ")
            .and_then(|r| r.strip_suffix(" passed, 0 failed"))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n > 0)
    });
    assert!(
        result.code == Some(0) && passed,
        "resident tests failed: {}",
        result.brief()
    );
}

fn main() {
    harness::main(
        include_str!("browser_residents.rs"),
        vec![harness::trial(
            "a_resident_on_a_cheap_phone",
            support::missing_tool(&FEATURES),
            a_resident_on_a_cheap_phone,
        )],
    )
}
