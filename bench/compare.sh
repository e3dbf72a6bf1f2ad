#!/usr/bin/env bash
# Side-by-side build benchmark: minh and Hugo on the same generated text, alternating runs,
# printing medians, the ratio and peak memory. The machine is shared and noisy: read ratios.
#   bash bench/compare.sh [PAGES...]        (default: 1000 10000; RUNS=5)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${CORPUS_GEN:-$here/../shared/bench/make_corpus.py}"
runs="${RUNS:-5}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
command -v hugo >/dev/null || { apt-get install -y -qq hugo >/dev/null; }
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
(cd "$here" && cargo build --release -q)
minh="${CARGO_TARGET_DIR:-$here/target}/release/minh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Runs "$@" once; prints "seconds peak_kB".
measure() { /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1; cat "$work/t"; }

echo "hugo: $(hugo version | cut -d' ' -f2)  minh: $("$minh" --version)  runs: $runs  cores: $(nproc)"
for n in "${sizes[@]}"; do
  m="$work/minh-$n"; h="$work/hugo-$n"
  python3 "$corpus" --pages "$n" --out "$m" --flavor neutral >/dev/null
  python3 "$corpus" --pages "$n" --out "$h" --flavor hugo --no-tags >/dev/null
  cp "$here/site.yaml" "$m/"; cp -r "$here/themes" "$m/"; cp "$here/content/provinces.yaml" "$m/content/"
  : > "$work/mc"; : > "$work/hc"; : > "$work/mw"; : > "$work/hw"; : > "$work/mm"; : > "$work/hm"
  for _ in $(seq "$runs"); do
    # cold: empty output folder; warm: rebuild over the previous output
    rm -rf "$m/public" "$h/public"
    read -r s k < <(measure "$minh" build --root "$m"); echo "$s" >> "$work/mc"; echo "$k" >> "$work/mm"
    read -r s k < <(measure hugo --source "$h" --quiet); echo "$s" >> "$work/hc"; echo "$k" >> "$work/hm"
    read -r s _ < <(measure "$minh" build --root "$m"); echo "$s" >> "$work/mw"
    read -r s _ < <(measure hugo --source "$h" --quiet); echo "$s" >> "$work/hw"
  done
  mc=$(median < "$work/mc"); hc=$(median < "$work/hc"); mw=$(median < "$work/mw"); hw=$(median < "$work/hw")
  mm=$(median < "$work/mm"); hm=$(median < "$work/hm")
  mf=$(find "$m/public" -type f | wc -l); hf=$(find "$h/public" -type f | wc -l)
  printf '%6s pages | cold: minh %5.2f s, hugo %5.2f s, ratio %.2f | rebuild: minh %5.2f s, hugo %5.2f s, ratio %.2f | peak RSS: minh %d MB, hugo %d MB | files: minh %d (incl. search index), hugo %d\n' \
    "$n" "$mc" "$hc" "$(echo "$mc / $hc" | bc -l)" "$mw" "$hw" "$(echo "$mw / $hw" | bc -l)" "$((mm / 1024))" "$((hm / 1024))" "$mf" "$hf"
done
