#!/usr/bin/env bash
# Benchmark: reading the change history of the 10 000-page corpus with a generated history.
#
#   bash bench/history.sh [PAGES] [COMMITS]     (defaults: 10000 pages, 3000 commits)
#
# Writes the corpus with ../shared/bench/make_corpus.py (neutral flavour, with providers), makes a
# git repository of it with `git fast-import` (one commit with everything, then COMMITS commits
# that each edit, rename or delete a few content files, with dated messages, some minor), then
# times minh's history reading cold (no cache) and cached with examples/history_bench.rs.
# `git` is used here to make the test repository only; minh reads it with gix.
set -euo pipefail
PAGES=${1:-10000}
COMMITS=${2:-3000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${CORPUS_SHARED:-$HERE/../../shared/bench/make_corpus.py}
[ -f "$CORPUS" ] || CORPUS=/work/shared/bench/make_corpus.py
WORK=$(mktemp -d /tmp/minh-history-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
SITE="$WORK/site"
python3 "$CORPUS" --pages "$PAGES" --out "$SITE" --flavor neutral --facilities >/dev/null
cp "$HERE/site.yaml" "$SITE/site.yaml"
cp -r "$HERE/themes" "$SITE/themes"
python3 "$HERE/bench/history_stream.py" "$SITE" "$COMMITS" > "$WORK/stream"
(cd "$SITE" && git init -q -b main && git fast-import --quiet < "$WORK/stream" && git reset -q --hard main)
echo "corpus: $PAGES pages, $(cd "$SITE" && git rev-list --count HEAD) commits, $(cd "$SITE" && git ls-files content | wc -l) content files"
cargo run --release --quiet --manifest-path "$HERE/Cargo.toml" --example history_bench -- "$SITE" 5
