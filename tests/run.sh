#!/usr/bin/env bash
# The project's test command: installs what the tests need on a fresh Debian machine, then runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/install-test-deps.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --features example-kinds --lib --test kinds -- -D warnings
cargo test --workspace
# The README's worked example of adding a kind (support groups), compiled in with its feature.
cargo test --features example-kinds --test kinds
