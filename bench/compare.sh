#!/usr/bin/env bash
# Side-by-side build benchmark on the generated corpus (../shared/bench/make_corpus.py):
# minh, Hugo (without tag pages), and Hugo followed by Pagefind (the search a Hugo site would
# add), alternating runs. For each tool it prints the median wall and CPU time (user+system) of a
# cold build (empty output folder), of a rebuild with nothing changed, of a rebuild after one
# markdown file was edited and of the rebuild after the next edit (minh makes that one from the
# site before the previous one, kept beside the output: the steady state of an editor's work),
# the median peak memory of the cold build (/usr/bin/time -v "Maximum
# resident set size"), the output size, the search index size and the gzipped bytes of a first
# query, with the ratios to Hugo. The machine is shared and noisy: read medians and ratios, not
# single figures.
#   bash bench/compare.sh [PAGES...]        (default: 1000 10000; RUNS=3)
#   bash bench/compare.sh 1000 10000 50000  (the national-directory size too; slow: minutes per run)
#   PAGEFIND=0 bash bench/compare.sh 50000  (without the Hugo + Pagefind runs)
# Needs: Debian `hugo` and `time` (installed when missing), python3 with venv (Pagefind is
# installed from PyPI `pagefind-bin` into $PAGEFIND_VENV, default ~/.cache/minh-bench/pagefind).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${CORPUS_GEN:-$here/../shared/bench/make_corpus.py}"
[ -f "$corpus" ] || corpus="$here/../../shared/bench/make_corpus.py" # from a worktree under /work/wt
runs="${RUNS:-3}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
with_pagefind="${PAGEFIND:-1}"
command -v hugo >/dev/null || apt-get install -y -qq hugo >/dev/null
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
venv="${PAGEFIND_VENV:-$HOME/.cache/minh-bench/pagefind}"
if [ "$with_pagefind" = 1 ] && { [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pagefind_bin --version >/dev/null 2>&1; }; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q "pagefind-bin==1.5.2"
fi
pagefind=("$venv/bin/python" -m pagefind_bin)
target="${CARGO_TARGET_DIR:-$here/target}"
# MINH=<binary> measures a given build (e.g. one kept from before a change) instead of this tree's.
minh="${MINH:-$target/release/minh}"
site_query="$target/release/examples/site_query"
[ -n "${MINH:-}" ] || (cd "$here" && cargo build --release -q)
# Always brought up to date: a stale copy cannot read the stored (gzip) index.
(cd "$here" && cargo build --release -q -p minh-search --example site_query)
work="$(mktemp -d "${TMPDIR:-/tmp}/minh-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

parked=0 # folders moved aside (see `hugo_pagefind` and the runs), deleted only at the end (trap)
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Runs "$@" once, appending "wall cpu peak_kB" to file $1 (after shifting it off).
measure() {
  local into="$1"; shift
  /usr/bin/time -v -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%.3f %.3f %d\n", w, u + s, m }' "$work/t" >> "$into"
}
# Hugo then Pagefind: wall and CPU add up, peak is the larger one. Pagefind leaves the files of
# its previous run in place (after one edit its folder at 1 000 pages grows from 3.9 to 4.3 MB), so
# its folder is moved aside first: the index measured is the one this run wrote, as minh's is.
hugo_pagefind() {
  local into="$1" site="$2"
  : > "$work/hp"
  # Moved aside, not deleted, for the reason given where the outputs are moved (below): deleting
  # Pagefind's thousands of files here charged minh's next cold build seconds of system time.
  if [ -d "$site/public/pagefind" ]; then
    parked=$((parked + 1)); mv "$site/public/pagefind" "$work/old.pf.$parked"
  fi
  measure "$work/hp" hugo --source "$site" --quiet
  measure "$work/hp" "${pagefind[@]}" --site "$site/public" --quiet
  awk '{w += $1; c += $2; if ($3 > m) m = $3} END {printf "%.3f %.3f %d\n", w, c, m}' "$work/hp" >> "$into"
}
col() { awk -v c="$1" '{print $c}' "$2" | median; }
bytes() { du -sb "$1" 2>/dev/null | cut -f1; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
# Appends a line to the middle markdown file (by name) of site $1, as an editor's one change.
edit_one() {
  local f
  f=$(find "$1/content" -name '*.md' ! -name '_index*' | sort | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
  printf '\nMột câu sửa %s.\n' "$2" >> "$f"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
gz() { gzip -c "$1" | wc -c; }

# Gzipped bytes a browser fetches for a first query on Pagefind: pagefind.js, its entry, the
# wasm, the metadata, the index chunk(s) holding the query's words and the fragments of the first
# five results (Pagefind's files are gzipped already). The chunk holding a word is not named in
# the metadata we can read, so the estimate takes the median chunk once per word.
pagefind_query_bytes() {
  local pf="$1" words="$2"
  local fixed chunk frag
  fixed=$(( $(gz "$pf/pagefind.js") + $(gz "$pf/pagefind-entry.json") + $(cat "$pf"/wasm.*.pagefind | wc -c) + $(cat "$pf"/pagefind.*.pf_meta | wc -c) ))
  chunk=$(find "$pf/index" -type f -printf '%s\n' | median)
  frag=$(find "$pf/fragment" -type f -printf '%s\n' | median)
  # The median of an even count of sizes can end in .5; bytes are whole.
  chunk=${chunk%.*} frag=${frag%.*}
  echo $(( fixed + words * chunk + 5 * frag ))
}
# Gzipped bytes of minh's first query: search.js, the manifest the search page carries (counted
# as part of the page, not as a request or round trip) and the index files the query fetches.
minh_query() {
  local pub="$1" q="$2" js
  js=$(gz "$(find "$pub" -name 'search*.js' -path '*js*' | head -1)")
  "$site_query" "$pub/search/vi" "$q" | awk -F'\t' -v js="$js" '{printf "%d B in %s round trips after the page (%s requests; index %d B + search.js %d B + manifest in the page %d B)", $4 + js + $6, $2, $3, $4, js, $6}'
}

pf_version=none; [ "$with_pagefind" = 1 ] && pf_version=$("${pagefind[@]}" --version)
echo "hugo: $(hugo version | cut -d' ' -f1-2)  pagefind: $pf_version  minh: $("$minh" --version)  runs: $runs  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${sizes[@]}"; do
  m="$work/minh-$n"; h="$work/hugo-$n"; p="$work/hugopf-$n"
  python3 "$corpus" --pages "$n" --out "$m" --flavor neutral >/dev/null
  python3 "$corpus" --pages "$n" --out "$h" --flavor hugo --no-tags >/dev/null
  [ "$with_pagefind" = 1 ] && cp -r "$h" "$p"
  cp "$here/site.yaml" "$m/"; cp -r "$here/themes" "$m/"; cp "$here/content/provinces.yaml" "$m/content/"
  sleep 2 # inputs younger than 2 s are not trusted by minh's no-change check (src/stamp.rs)
  for f in mc hc pc mw hw pw me he pe mn hn pn; do : > "$work/$f"; done
  for r in $(seq "$runs"); do
    # The previous outputs are moved aside, not deleted: on ext4 without a journal (this machine)
    # creating files within seconds of deleting others makes the kernel skip recently deleted
    # inodes (`recently_deleted`), which charged whichever tool ran first after an `rm -rf` up
    # to several seconds of system time at 10 000 pages. They are deleted when the script ends.
    # minh's spare (the site before the previous one) goes too: a cold build starts from nothing.
    for d in "$m" "$h" "$p" "$m/.public.minh-spare"; do
      [ -d "$d" ] || continue
      [ "$d" = "$m/.public.minh-spare" ] && o="$d" || o="$d/public"
      if [ -d "$o" ]; then parked=$((parked + 1)); mv "$o" "$work/old.$parked"; fi
    done
    measure "$work/mc" "$minh" build --root "$m"
    measure "$work/hc" hugo --source "$h" --quiet
    [ "$with_pagefind" = 1 ] && hugo_pagefind "$work/pc" "$p"
    measure "$work/mw" "$minh" build --root "$m"
    measure "$work/hw" hugo --source "$h" --quiet
    [ "$with_pagefind" = 1 ] && hugo_pagefind "$work/pw" "$p"
    edit_one "$m" "$r"; edit_one "$h" "$r"; [ "$with_pagefind" = 1 ] && edit_one "$p" "$r"
    measure "$work/me" "$minh" build --root "$m"
    measure "$work/he" hugo --source "$h" --quiet
    [ "$with_pagefind" = 1 ] && hugo_pagefind "$work/pe" "$p"
    sleep 2 # as above: the next edit must not look younger than 2 s to minh's change check
    edit_one "$m" "$r.2"; edit_one "$h" "$r.2"; [ "$with_pagefind" = 1 ] && edit_one "$p" "$r.2"
    measure "$work/mn" "$minh" build --root "$m"
    measure "$work/hn" hugo --source "$h" --quiet
    [ "$with_pagefind" = 1 ] && hugo_pagefind "$work/pn" "$p"
  done
  hcw=$(col 1 "$work/hc"); hww=$(col 1 "$work/hw"); hcm=$(col 3 "$work/hc")
  hcc=$(col 2 "$work/hc"); hew=$(col 1 "$work/he"); hnw=$(col 1 "$work/hn")
  hout=$(bytes "$h/public")
  echo
  echo "== $n pages ($(find "$m/content" -name '*.md' | wc -l) markdown files for minh) =="
  printf '%-14s | %-32s | %-22s | %-22s | %-22s | %-20s | %-20s | %-16s\n' tool "cold wall / CPU" "no-change wall / CPU" "one edit wall / CPU" "next edit wall / CPU" "peak memory" "output" "search index"
  tools=(minh:m hugo:h); [ "$with_pagefind" = 1 ] && tools+=(hugo+pagefind:p)
  for t in "${tools[@]}"; do
    name="${t%%:*}"; k="${t##*:}"
    cw=$(col 1 "$work/${k}c"); cc=$(col 2 "$work/${k}c"); cm=$(col 3 "$work/${k}c")
    ww=$(col 1 "$work/${k}w"); wc_=$(col 2 "$work/${k}w")
    ew=$(col 1 "$work/${k}e"); ec=$(col 2 "$work/${k}e")
    nw=$(col 1 "$work/${k}n"); nc=$(col 2 "$work/${k}n")
    site="$work/$( [ "$k" = m ] && echo "minh-$n" || { [ "$k" = h ] && echo "hugo-$n" || echo "hugopf-$n"; })/public"
    out=$(bytes "$site")
    case "$k" in m) idx=$(bytes "$site/search");; p) idx=$(bytes "$site/pagefind");; *) idx=0;; esac
    printf '%-14s | %6.2f s (%s×) / %6.2f s (%s×) | %6.2f s (%s×) / %6.2f s | %6.2f s (%s×) / %6.2f s | %6.2f s (%s×) / %6.2f s | %5d MB (%s×) | %9s (%s×) | %s\n' \
      "$name" "$cw" "$(ratio "$cw" "$hcw")" "$cc" "$(ratio "$cc" "$hcc")" "$ww" "$(ratio "$ww" "$hww")" "$wc_" \
      "$ew" "$(ratio "$ew" "$hew")" "$ec" "$nw" "$(ratio "$nw" "$hnw")" "$nc" \
      "$((cm / 1024))" "$(ratio "$cm" "$hcm")" "$(mb "$out")" "$(ratio "$out" "$hout")" "$(mb "$idx")"
  done
  if [ "$with_pagefind" != 1 ]; then
    echo "search index: minh $(mb "$(bytes "$m/public/search")") (Pagefind not run)"
    continue
  fi
  pidx=$(bytes "$p/public/pagefind"); midx=$(bytes "$m/public/search")
  echo "search index: minh $(mb "$midx") = $(ratio "$midx" "$pidx")× Pagefind's $(mb "$pidx")"
  for q in "cai nghien" "dong thap" "cai nghien dong thap"; do
    words=$(echo "$q" | wc -w)
    echo "first query \"$q\": minh $(minh_query "$m/public" "$q"); pagefind ≈ $(pagefind_query_bytes "$p/public/pagefind" "$words") B (estimate: js, entry, wasm, meta, 1 median chunk per word, 5 fragments)"
  done
done
