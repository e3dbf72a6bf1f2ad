#!/usr/bin/env bash
# Runs every fuzz target for a set time, one at a time, keeping its corpus in fuzz/corpus/<target>
# and any crash in fuzz/artifacts/<target>. Not part of CI.
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default 180 s, every target)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain it runs with
# RUSTC_BOOTSTRAP=1 and no sanitizer (`-s none`); with nightly, set SANITIZER=address.
# Prints, per target, the executions and time from libFuzzer's last report.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-180}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(front_matter yaml_records csv_dataset markdown_html tokenizer serve_path)
fi
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
sanitizer="${SANITIZER:-none}"
mkdir -p corpus artifacts logs
# The same dependency versions as the site itself (cargo adds libfuzzer-sys to the copy).
cp ../Cargo.lock Cargo.lock
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    # Seed each corpus from the repository's own files of that kind, the first time.
    if [ -z "$(ls -A "corpus/$t")" ]; then
        case "$t" in
            front_matter) cp ../content/plans/*.md ../content/pages/*.md "corpus/$t/" 2>/dev/null || true ;;
            yaml_records) cp ../content/facilities/*.yaml ../content/hotlines.yaml "corpus/$t/" 2>/dev/null || true ;;
            csv_dataset) printf 'khu_vuc,nam,nguoi,xong\nBắc,2024,120,40\nTrung,2024,7,3\nNam,2024,300,200\nTổng,2024,427,243\n' > "corpus/$t/seed.csv" ;;
            markdown_html) cp ../content/pages/*.md "corpus/$t/" 2>/dev/null || true ;;
            tokenizer) cp ../crates/minh-search/tests/phrases.txt "corpus/$t/" 2>/dev/null || true ;;
            serve_path) printf '/vi/' > "corpus/$t/root" ;;
        esac
    fi
    echo "== $t: ${seconds} s"
    nice -n 10 cargo fuzz run -s "$sanitizer" "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -artifact_prefix="artifacts/$t/" -max_len=4096 -timeout=20 \
        2>&1 | tee "logs/$t.log" | grep -E '^#[0-9]+ +DONE|SUMMARY|panicked|Test unit written' || true
    last=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -1 || true)
    echo "$t: ${last:-no report} (log: fuzz/logs/$t.log)"
done
