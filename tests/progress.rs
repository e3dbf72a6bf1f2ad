//! A build shows what it is doing while it works (plain lines when standard error is not a
//! terminal), in the reader's language, and ends with its summary on a clean line. The bar drawn
//! on a terminal is the same text after a row of `#`.

mod common;
use common::*;
use std::process::Command;

fn build(root: &std::path::Path, progress: &str, lang: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(["build", "--lang", lang, "--root"])
        .arg(root)
        .env("MINH_TODAY", "2026-11-25")
        .env("MINH_PROGRESS", progress)
        .output()
        .expect("run minh");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    err
}

/// The progress lines of a build's standard error, and whether the summary came after them.
fn progress_lines<'a>(err: &'a str, step: &str, summary: &str) -> (Vec<&'a str>, bool) {
    let lines: Vec<&str> = err.lines().collect();
    let steps: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with(step))
        .collect();
    let last_summary = lines.iter().rposition(|l| l.starts_with(summary));
    let after = match (steps.last(), last_summary) {
        (Some(s), Some(m)) => m > *s,
        _ => false,
    };
    (steps.iter().map(|&i| lines[i]).collect(), after)
}

#[test]
fn plain_progress_lines_name_the_step_and_the_files_written_then_the_summary() {
    let dir = site();
    let err = build(dir.path(), "always", "en");
    let (lines, summary_last) = progress_lines(&err, "step ", "built ");
    assert!(!lines.is_empty(), "no progress line:\n{err}");
    for l in &lines {
        let (n, rest) = l["step ".len()..].split_once("/5: ").expect("step n/5");
        assert!(
            (1..=5).contains(&n.parse::<usize>().expect("a step number")),
            "{l}"
        );
        assert!(rest.contains(" files written, "), "{l}");
        assert!(rest.ends_with(" s"), "{l}");
    }
    assert!(summary_last, "the summary ends the output:\n{err}");
}

#[test]
fn progress_is_in_the_readers_language() {
    let dir = site();
    let err = build(dir.path(), "always", "vi");
    let (lines, summary_last) = progress_lines(&err, "bước ", "đã xây dựng ");
    assert!(!lines.is_empty(), "no progress line:\n{err}");
    assert!(lines.iter().all(|l| l.contains(" tệp, ")), "{lines:?}");
    assert!(summary_last, "{err}");
}
