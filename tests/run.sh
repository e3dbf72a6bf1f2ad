#!/usr/bin/env bash
# The project's test command: installs what the tests need on a fresh Debian machine, then runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/install-test-deps.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
