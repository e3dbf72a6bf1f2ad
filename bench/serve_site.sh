#!/usr/bin/env bash
# Makes the site `serve_bench` edits: the generated corpus (../shared/bench/make_corpus.py, N
# markdown pages) with this repository's site.yaml, theme, plans, laws, datasets, hotlines and
# provinces, its pages and updates, and N/4 provider records copied from the sample records (ids and names numbered).
#   bash bench/serve_site.sh [PAGES] [OUT]      (default 10000 /tmp/serve10k)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
pages="${1:-10000}"
out="${2:-/tmp/serve10k}"
corpus="${CORPUS_GEN:-$here/../shared/bench/make_corpus.py}"
[ -f "$corpus" ] || corpus="$here/../../shared/bench/make_corpus.py"
python3 "$corpus" --pages "$pages" --out "$out" --flavor neutral --force >/dev/null
cp "$here/site.yaml" "$out/"
rm -rf "$out/themes" && cp -r "$here/themes" "$out/"
for f in provinces.yaml hotlines.yaml place-aliases.yaml; do cp "$here/content/$f" "$out/content/"; done
for d in plans laws stats facilities; do rm -rf "$out/content/$d"; cp -r "$here/content/$d" "$out/content/"; done
for d in pages updates; do cp "$here/content/$d"/*.md "$out/content/$d/"; done
samples=("$here"/content/facilities/mau-*.yaml)
n=$((pages / 4))
for ((i = 1; i <= n; i++)); do
  s="${samples[$((i % ${#samples[@]}))]}"
  id="$(sed -n 's/^id: //p' "$s")-$i"
  sed -e "s/^id: .*/id: $id/" -e "0,/^  vi: \"/s//  vi: \"Số $i. /" "$s" >"$out/content/facilities/$id.yaml"
done
echo "$out: $pages pages, $n provider records (plus the site's own), plans, laws, datasets"
