//! The harness of test files that need outside tools (Chromium, node, Java, actionlint), run by
//! libtest-mimic (`harness = false`): a test whose tools are missing is reported as ignored with the
//! reason beside its name, and as failed under CI=true; it is never reported as passed.
//!
//! Included with `#[path = ".../tests/common/harness.rs"] mod harness;` by each such file, whose
//! `main` lists its tests: a `#[test]` attribute left in such a file would never run, so the file's
//! own text is checked for one.

#![allow(dead_code)]

use libtest_mimic::{Arguments, Failed, Trial};

/// Whether a missing tool must fail the run (CI=true) rather than mark the test ignored.
fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// A test that runs `body` when nothing is `missing`; otherwise ignored with the reason shown
/// (`test [not run: …] name ... ignored`), or failed with it under CI=true.
pub fn trial(name: &'static str, missing: Option<String>, body: fn()) -> Trial {
    match missing {
        None => Trial::test(name, move || run(body)),
        Some(reason) => {
            let why = format!("cannot run: {reason}");
            let t = Trial::test(name, move || Err(Failed::from(why)));
            if in_ci() {
                t
            } else {
                t.with_kind(format!("not run: {reason}"))
                    .with_ignored_flag(true)
            }
        }
    }
}

/// Runs a test body; a panic is a failure with its message.
fn run(body: fn()) -> Result<(), Failed> {
    std::panic::catch_unwind(body).map_err(|e| {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the test panicked".to_string());
        Failed::from(msg)
    })
}

/// Runs the listed tests with cargo test's arguments and exits; `source` is the test file's own
/// text (`include_str!`), in which no `#[test]` attribute may remain unlisted.
pub fn main(source: &str, mut trials: Vec<Trial>) -> ! {
    let stray: Vec<String> = source
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("#[test]"))
        .map(|(i, _)| format!("line {}", i + 1))
        .collect();
    trials.push(Trial::test("every_test_is_listed_in_main", move || {
        if stray.is_empty() {
            Ok(())
        } else {
            Err(Failed::from(format!(
                "#[test] never runs in a file with its own harness: list these in main() instead ({})",
                stray.join(", ")
            )))
        }
    }));
    libtest_mimic::run(&Arguments::from_args(), trials).exit()
}
